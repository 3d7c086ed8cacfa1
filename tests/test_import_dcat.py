"""DCAT import: the round trip through the DCAT export, both serialisations, and DCAT from elsewhere."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
import rdflib

from adrmeta import export
from adrmeta.importers import import_files

from .conftest import FIXTURES, as_imported_routes, published_bundled
from .importing import NOT_BY_RECORD_IMPORT, differences, facts

IMPORT = FIXTURES / "import"

# What DCAT-AP (as adrmeta exports it) cannot carry, and why.
NOT_CARRIED = {
    "**/source": "sources of individual values: DCAT has no per-value provenance",
    "sources": "record-specific sources",
    "variants": "disagreeing values",
    "notes": "curators' notes",
    "flagship": "no DCAT property for a programme",
    "population": "no DCAT property (DDI carries it)",
    "unit_of_analysis": "no DCAT property (DDI carries it)",
    "size": "no DCAT property",
    "research_questions": "no DCAT property",
    "expected_availability": "no DCAT property",
    "update_note": "no DCAT property",
    "metadata_version": "not exported",
    "time_lag": "not exported",
    "security_classification": "not exported",
    "alternative_titles/*/kind": "dct:alternative has no kind",
    "coverage/note": "no place for caveats",
    "coverage/periods/*/basis": "dct:PeriodOfTime has no basis",
    "coverage/periods/*/note": "no place",
    "coverage/periods/*/wave": "the wave is the label when there is none",
    "components/*/size": "no DCAT property",
    "components/*/coverage/note": "no place",
    "components/*/coverage/periods/*/basis": "no place",
    "components/*/coverage/periods/*/note": "no place",
    "components/*/coverage/periods/*/wave": "the wave is the label when there is none",
    "contacts/*/role": "vcard:Kind has no role",
    "documentation/*/includes_research_questions": "no place",
    "documentation/*/component": "no place",
    "linkage/linked_by": "the provenance sentence does not name them",
    "publications/*/kind": "no place",
    "publications/*/doi": "no place",
    "publications/*/authors": "only in a citation sentence, and only without a URL",
    "publications/*/year": "only in a citation sentence, and only without a URL",
    "publications/*/venue": "only in a citation sentence, and only without a URL",
    "identifiers/*/url": "adms:Identifier as exported has no URL",
    "versions": "only the current version's note (adms:versionNotes)",
    **NOT_BY_RECORD_IMPORT,
}


def _pages() -> dict[str, Any]:
    """URL -> the first document (by record id) that has it: DCAT makes one node of a web page."""
    out: dict[str, Any] = {}
    for _rid, rec in sorted(published_bundled()[1].items()):
        for doc in rec.documentation:
            if doc.url:
                out.setdefault(doc.url, doc)
    return out


def expected_facts(rec) -> dict:
    """The record's facts as DCAT carries them: a component with its own record is a link to that
    record's dataset, and its periods are the parent's periods labelled with its title; a document
    whose URL other documents share is described as its first (one web page, one node)."""
    pages = _pages()
    docs = list({d.url or f"#{i}": pages.get(d.url, d) if d.url else d for i, d in enumerate(rec.documentation)}.values())
    out = facts(attrs.evolve(as_imported_routes(published_bundled()[0], rec), documentation=tuple(docs)))
    linked = [c for c in rec.components if c.record]
    if linked:
        out["components"] = [{"record": c["record"]} if "record" in c else c for c in out["components"]]
        extra = [
            {
                k: v
                for k, v in (
                    ("start", p.start),
                    ("end", p.end),
                    ("label", f"{c.title}: {p.label or p.wave}" if (p.label or p.wave) else None),
                )
                if v
            }
            for c in linked
            if c.coverage
            for p in c.coverage.periods
        ]
        if extra:
            out.setdefault("coverage", {}).setdefault("periods", []).extend(extra)
    return out


def got_facts(draft) -> dict:
    out = dict(draft.fields)
    if "components" in out:
        out["components"] = [{"record": c["record"]} if "record" in c else c for c in out["components"]]
    return out


@pytest.mark.parametrize("name", ["dcat/catalog.jsonld", "dcat/catalog.ttl", "dcat/catalog.rdf"])
def test_round_trip_of_every_bundled_record(name, tmp_path):
    catalogue, records = published_bundled()
    path = tmp_path / name.split("/")[1]
    if name.endswith(".rdf"):  # adrmeta writes no RDF/XML; other catalogues do: the same graph, serialised so
        turtle = export.render("dcat", catalogue, records)["dcat/catalog.ttl"]
        path.write_text(rdflib.Graph().parse(data=turtle, format="turtle").serialize(format="xml"), encoding="utf-8")
    else:
        path.write_text(export.render("dcat", catalogue, records)[name], encoding="utf-8")
    result = import_files([path], catalogue)
    assert result.report.at_least("error") == []
    assert [i for i in result.report.issues if i.code == "import.invalid"] == []  # our own values are all readable
    assert sorted(d.id for d in result.drafts) == sorted(records)
    for draft in result.drafts:
        diff = differences(expected_facts(records[draft.id]), got_facts(draft), NOT_CARRIED, keep_order=False)
        assert diff == {}, draft.id


def test_one_dataset_document_round_trips_too(tmp_path):
    catalogue, records = published_bundled()
    path = tmp_path / "leo.ttl"
    path.write_text(export.render("dcat", catalogue, records, only=["leo"])["dcat/datasets/leo.ttl"], encoding="utf-8")
    result = import_files([path], catalogue)
    assert [d.id for d in result.drafts] == ["leo"]
    assert differences(expected_facts(records["leo"]), got_facts(result.drafts[0]), NOT_CARRIED, keep_order=False) == {}


def test_the_placeholder_iris_of_earlier_exports_are_not_read_as_urls(tmp_path):
    """Exports before the site's anchors named a document without a URL `dataset/<id>/document/n`:
    an address adrmeta made up, never a URL a source gives, so it is not imported as one."""
    import re

    catalogue, records = published_bundled()
    text = export.render("dcat", catalogue, records, only=["leo"])["dcat/datasets/leo.ttl"]
    old = re.sub(r"dataset/leo\.html#(document|publication)-(\d+)", r"dataset/leo/\1/\2", text)
    assert old != text and "/leo/document/" in old
    path = tmp_path / "leo.ttl"
    path.write_text(old, encoding="utf-8")
    [draft] = import_files([path], catalogue).drafts
    assert differences(expected_facts(records["leo"]), got_facts(draft), NOT_CARRIED, keep_order=False) == {}
