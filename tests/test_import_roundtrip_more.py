"""Round trips through the HDR UK 3.0.0 and 4.0.0 and the cross-government (dcat-uk) exports for
every bundled record: those formats export only records with all their required facts, so each
record is first completed with test values for the facts it lacks (`importing.completed`); imported
back, it gives the facts the format carries (docs/import-roundtrip.md)."""

from __future__ import annotations

from adrmeta import export
from adrmeta.importers import import_files

from .conftest import published_bundled
from .importing import NOT_BY_RECORD_IMPORT, completed, differences, facts, written
from .test_import_hdruk import NOT_CARRIED as HDRUK_NOT_CARRIED

# HDR UK 4.0.0 carries what 3.0.0 does, and the aliases and collections too.
# datasetAliases mixes the acronym, the other titles and the identifiers other than the DOI: they
# come back as aliases (checked apart below).
HDRUK_MORE = {
    "has_part": "no property for a collection's parts (each part's isPartOf names it)",
    "type": "a collection is told by its parts",
    "access": "one access service: checked apart",
}
HDRUK4_NOT_CARRIED = {
    **HDRUK_NOT_CARRIED,
    **HDRUK_MORE,
    "alternative_titles": "datasetAliases: acronym, titles and identifiers mixed",
    "identifiers": "only the DOI has a property; the others are aliases",
}

# What the cross-government metadata exchange model (as export/cddo.py writes it) cannot carry.
CDDO_NOT_CARRIED = {
    "**/source": "sources of individual values",
    "sources": "record-specific sources",
    "variants": "disagreeing values",
    "notes": "curators' notes",
    "flagship": "no property",
    "acronym": "the first alternativeTitle; not told apart",
    "alternative_titles": "alternativeTitle holds the acronym and the titles without kinds",
    "themes": "EU data themes are coarser than the ADR themes",
    "coverage": "no property",
    "population": "no property",
    "unit_of_analysis": "no property",
    "size": "no property",
    "update_note": "no property",
    "time_lag": "no property",
    "metadata_version": "no property",
    "versions": "only the current version",
    "contributors": "no property",
    "components": "no property",
    "linkage": "no property",
    "documentation": "no property",
    "access": "no property",
    "research_questions": "no property",
    "publications": "no property",
    "has_part": "no property",
    "identifiers": "the dataset IRI is the only identifier",
    "expected_availability": "no property",
    "contacts": "one contact point (name and email); the catalogue's stands in for a record without one",
    "data_owners": "GOV.UK organisations on the model's closed list only",
    "update_frequency": "static, decennial and under review have no value",
    "type": "no property",
    "status": "a required field is never guessed: COMMERCIAL only suggests available (said in the report)",
    **NOT_BY_RECORD_IMPORT,
}


def _round_trip(fmt: str, tmp_path, not_carried: dict[str, str]) -> list:
    catalogue, bundled_records = published_bundled()
    records = {rid: completed(catalogue, rec) for rid, rec in bundled_records.items()}
    files = {
        k: v
        for k, v in export.render(fmt, catalogue, records).items()
        if k.endswith(".json") and not k.endswith("datasets.json") and "/" in k
    }
    paths = written(files, tmp_path)
    result = import_files(paths, catalogue)
    assert result.report.at_least("error") == []
    assert sorted(d.id for d in result.drafts) == sorted(records)  # every bundled record
    for draft in result.drafts:
        diff = differences(facts(records[draft.id]), dict(draft.fields), not_carried, keep_order=False)
        assert diff == {}, draft.id
    return [(records[d.id], d.fields) for d in result.drafts]


def _same_route(rec, got) -> None:
    """The Gateway names one access service: the route read back is one of the record's, whole."""
    routes = [{"tre": r.tre} for r in rec.access]
    back = got.get("access", [])
    assert len(back) == (1 if routes else 0), rec.id
    if back:
        tre = back[0]["tre"]
        assert tre in {r["tre"] for r in routes}, rec.id


def test_round_trip_through_hdruk_3(tmp_path):
    pairs = _round_trip("hdruk", tmp_path, {**HDRUK_NOT_CARRIED, **HDRUK_MORE, "identifiers": "checked below"})
    for rec, got in pairs:
        _same_route(rec, got)
        doi = [i.value for i in rec.identifiers if i.scheme == "doi"]
        assert [i["value"] for i in got.get("identifiers", []) if i["scheme"] == "doi"] == doi, rec.id


def test_round_trip_through_hdruk_4(tmp_path):
    pairs = _round_trip("hdruk-4", tmp_path, HDRUK4_NOT_CARRIED)
    assert pairs
    for rec, got in pairs:
        aliases = {a["title"] for a in got.get("alternative_titles", [])}
        wanted = {
            *(t.title for t in rec.alternative_titles),
            *([rec.acronym] if rec.acronym else []),
            *(i.value for i in rec.identifiers if i.scheme != "doi"),
        }
        assert {w for w in wanted if 2 <= len(w) <= 1000} <= aliases, rec.id
        _same_route(rec, got)
        assert [i["value"] for i in got.get("identifiers", []) if i["scheme"] == "doi"] == [
            i.value for i in rec.identifiers if i.scheme == "doi"
        ]


def test_round_trip_through_dcat_uk(tmp_path):
    pairs = _round_trip("dcat-uk", tmp_path, CDDO_NOT_CARRIED)
    assert pairs
    for rec, got in pairs:
        assert got["security_classification"] == rec.security_classification  # only a stated one is exported
        titles = {a["title"] for a in got.get("alternative_titles", [])}
        assert {t.title for t in rec.alternative_titles} <= titles


def test_the_docs_list_what_each_format_cannot_carry():
    from .conftest import ROOT
    from .test_import_ddi import NOT_CARRIED as DDI_NOT_CARRIED

    text = (ROOT / "docs" / "import-roundtrip.md").read_text(encoding="utf-8")
    skip = {"**/source", "sources", "variants", "notes", *NOT_BY_RECORD_IMPORT}
    for fmt, table in (
        ("ddi", DDI_NOT_CARRIED),
        ("hdruk (3.0.0)", {**HDRUK_NOT_CARRIED, **HDRUK_MORE}),
        ("hdruk-4 (4.0.0)", HDRUK4_NOT_CARRIED),
        ("dcat-uk (CDDO model)", CDDO_NOT_CARRIED),
    ):
        for field in set(table) - skip:
            assert f"| {fmt} | `{field}` |" in text, (fmt, field)
