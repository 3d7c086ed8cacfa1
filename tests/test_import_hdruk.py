"""HDR UK import: every schema version's shape, and the round trip through the HDR UK export."""

from __future__ import annotations

from adrmeta import export
from adrmeta.importers import import_files

from .conftest import FIXTURES, published_bundled
from .importing import NOT_BY_RECORD_IMPORT, differences, facts, written

IMPORT = FIXTURES / "import"

# What the HDR UK Gateway schema (as adrmeta exports it, export/hdruk.py) cannot carry, and why.
NOT_CARRIED = {
    "**/source": "sources of individual values",
    "sources": "record-specific sources",
    "variants": "disagreeing values",
    "notes": "curators' notes",
    "flagship": "no property",
    "acronym": "no property",
    "alternative_titles": "not exported",
    "status": "only datasets researchers can apply for are exported; the import reads available from the TRE",
    "version": "HDR UK's version is the metadata record's own (metadata_version)",
    "versions": "not exported",
    "licence": "the schema has no place for the data's licence",
    "metadata_version": "read back into notes: the Gateway's version history belongs to the Gateway record",
    "themes": "datasetType is coarser than the ADR themes (Socioeconomic stands for several)",
    "population": "not exported",
    "unit_of_analysis": "not exported",
    "research_questions": "not exported",
    "expected_availability": "not exported",
    "update_note": "not exported",
    "security_classification": "not exported",
    "contributors": "not exported",
    "linkage": "not exported",
    "update_frequency": "only with a complete provenance; decennial goes out as Other, which reads back as none",
    "time_lag": "only with a complete provenance",
    "coverage/periods": "only with a complete provenance, as full dates",
    "coverage/note": "no place",
    "coverage/area": "spatial holds nation names",
    "components": "only components with their own record (derivedFrom)",
    "contacts": "emails only, the access contact first",
    "size": "people and event counts only, as-of dates as full days",
    "publications": "DOIs only",
    "access/*/legal_gateway": "no property",
    "access/*/accreditation": "no property",
    "access/*/lead_time": "only when it is one of the Gateway's words",
    "access/*/url": "accessRights holds the application page or the conditions",
    "access/*/conditions": "accessRights holds the application page, else the conditions",
    "documentation": "public documents with a URL, as associatedMedia (no title or kind)",
    "identifiers/*/scheme": "alternateIdentifiers have no scheme",
    "identifiers/*/url": "no URL",
    "part_of": "isPartOf of 4.0.0 only",
    "landing_page": "no property for it",
    **NOT_BY_RECORD_IMPORT,
}


def test_round_trip_of_every_exported_record(tmp_path):

    catalogue, records = published_bundled()
    files = {k: v for k, v in export.render("hdruk", catalogue, records).items() if not k.endswith("datasets.json")}
    assert files, "the HDR UK export gives no complete record to round-trip"
    paths = written(files, tmp_path)
    result = import_files(paths, catalogue)
    assert result.report.at_least("error") == []
    assert sorted(d.id for d in result.drafts) == sorted(p.stem for p in paths)
    for draft in result.drafts:
        rec = records[draft.id]
        expected = facts(rec)
        got = dict(draft.fields)
        # The emails are carried (the catalogue's contact stands in for a record without one); and
        # every public document's URL, once (associatedMedia lists URLs: two documents at one
        # address, a user guide and a data catalogue on one page, come back as one).
        own = {c.email for c in rec.contacts if c.email}
        assert {c["email"] for c in got.get("contacts", [])} <= (own or {catalogue.contact.email})
        assert [d["url"] for d in got.get("documentation", [])] == list(
            dict.fromkeys(d.url for d in rec.documentation if d.availability == "public" and d.url)
        )
        assert {i["value"] for i in got.get("identifiers", [])} == {i.value for i in rec.identifiers}
        people = [s for s in got.get("size", []) if s["unit"] == "individuals"]
        assert all(any(s["value"] == r.value for r in rec.size) for s in people)
        # one access service: the route read back is one of the record's
        assert [r["tre"] for r in got.get("access", [])] in ([[r.tre] for r in rec.access] or [[]]), draft.id
        diff = differences(expected, got, {**NOT_CARRIED, "access": "one access service: checked apart"}, keep_order=False)
        assert diff == {}, draft.id


def test_a_status_suggested_by_the_access_route_is_not_also_reported_missing(tmp_path):
    """HDR UK carries no status: the importer suggests one from the access route (import.guessed);
    telling the user in the same breath that the source gives none (import.missing) contradicts it."""
    catalogue, records = published_bundled()
    path = tmp_path / "leo.json"
    path.write_text(export.render("hdruk", catalogue, records, only=["leo"])["hdruk/leo.json"], encoding="utf-8")
    result = import_files([path], catalogue)
    on_status = sorted(i.code for i in result.report.issues if i.path == "/status")
    assert on_status == ["import.guessed"]


def test_a_version_made_from_the_date_is_not_read_back_as_the_records_own(tmp_path):
    """The export writes a record without metadata_version as its date (2026.11.26): read back as
    the record's own, it would pin the version and the Gateway would skip later changes. A version
    the record sets comes back."""
    import attrs

    catalogue, records = published_bundled()
    leo = records["leo"]
    assert leo.metadata_version is None
    for rec, expected in ((leo, None), (attrs.evolve(leo, metadata_version="3.1.4"), "3.1.4")):
        files = export.render("hdruk", catalogue, {**records, "leo": rec}, only=["leo"])
        [draft] = import_files(written({"hdruk/leo.json": files["hdruk/leo.json"]}, tmp_path), catalogue).drafts
        assert draft.fields.get("metadata_version") == expected
