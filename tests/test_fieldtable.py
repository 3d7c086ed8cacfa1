"""Field tables (fieldtable.py): one table drives the export, the import of the one-to-one fields
and the mapping docs."""

from __future__ import annotations

from functools import partial

from adrmeta import docs, export, fieldtable
from adrmeta.export import cddo, hdruk, schemaorg
from adrmeta.fieldtable import CDDO, HDRUK, SCHEMAORG
from adrmeta.importers import import_files
from adrmeta.importers.draft import Draft

from .conftest import published_bundled
from .importing import written


def _exported():
    catalogue, records = published_bundled()
    return [(rec, cddo.dataset(catalogue, records, rec)) for rec in records.values() if not cddo.cddo_gaps(catalogue, rec)]


def test_cddo_one_to_one_rows_read_back_what_they_wrote():
    cases = _exported()
    assert cases
    for rec, doc in cases:
        d, used = Draft("test", "cddo"), set()
        fieldtable.import_values(CDDO, d, doc, partial(_mark, used))
        for f in fieldtable.one_to_one(CDDO):
            want = getattr(rec, f.record)
            want = list(dict.fromkeys(want)) if isinstance(want, tuple | list) else want
            assert d.fields.get(f.record, [] if isinstance(want, list) else None) == want, (rec.id, f.record)
        assert used == {f.prop for f in fieldtable.one_to_one(CDDO) if doc.get(f.prop)}


def _mark(used: set[str], keys: list[str]) -> None:
    used.add("/".join(keys))


def test_hdruk_one_to_one_rows_read_back_what_they_wrote():
    catalogue, records = published_bundled()
    cases = [rec for rec in records.values() if not hdruk.hdruk_gaps(catalogue, rec)]
    assert cases
    for rec in cases:
        for version in hdruk.VERSIONS:
            doc = hdruk.dataset(catalogue, records, rec, version)
            d, used = Draft("test", "hdruk"), set()
            fieldtable.import_values(HDRUK, d, doc, partial(_mark, used))
            assert len(rec.title) > 150 or d.fields["title"] == rec.title
            assert d.fields["modified"] == rec.modified
            assert d.fields["metadata_version"] == (rec.metadata_version or fieldtable.DEFAULT_METADATA_VERSION)
            assert d.fields.get("keywords", []) == [k for k in dict.fromkeys(rec.keywords) if 2 <= len(k) <= 150]
            assert used >= {"summary/title", "modified", "version"}


def test_hdruk_document_follows_the_table():
    catalogue, records = published_bundled()
    tops = list(dict.fromkeys(f.keys[0] for f in HDRUK))
    in_summary = [f.keys[1] for f in HDRUK if f.keys[0] == "summary"]
    for rec in records.values():
        if not hdruk.hdruk_gaps(catalogue, rec):
            doc = hdruk.dataset(catalogue, records, rec)
            assert list(doc) == [k for k in tops if k in doc]
            assert list(doc["summary"]) == [k for k in in_summary if k in doc["summary"]]


def test_cddo_export_writes_only_table_properties_in_table_order():
    order = [f.prop for f in CDDO]
    for _rec, doc in _exported():
        assert list(doc) == [p for p in order if p in doc]


def test_cddo_rdf_has_a_predicate_per_table_row_with_one():
    for _rec, doc in _exported():
        text = cddo.to_turtle([cddo.rdf_node(doc)], cddo.PREFIXES)
        for f in CDDO:
            if f.rdf and f.prop in doc:
                assert f.rdf in text, f.rdf


def test_mapping_docs_hold_every_table_row():
    text = docs.field_mappings()
    rows = [
        *fieldtable.markdown_rows(CDDO).splitlines(),
        *fieldtable.markdown_rows(HDRUK, rdf=False).splitlines(),
        *fieldtable.markdown_rows(SCHEMAORG, rdf=False).splitlines(),
    ]
    for row in rows:
        assert row in text
    assert "{FIELDS}" not in text


def test_schemaorg_docs_list_each_row_in_the_modules_own_table():
    rows = fieldtable.markdown_rows(SCHEMAORG, rdf=False).splitlines()
    assert len(rows) == len(SCHEMAORG)
    for f, row in zip(SCHEMAORG, rows, strict=True):
        assert row.startswith(f"| {f.record} | `{f.prop}`"), row
        assert row in (schemaorg.__doc__ or "")  # the module's help shows the same table
    assert "{FIELDS}" not in (schemaorg.__doc__ or "")


def test_schemaorg_export_writes_each_one_to_one_row_from_its_field_in_table_order():
    catalogue, records = published_bundled()
    order = [f.prop for f in SCHEMAORG]
    written_props = set()
    for rec in records.values():
        doc = schemaorg.dataset(catalogue, records, rec)
        assert list(doc) == [p for p in order if p in doc], rec.id
        for f in fieldtable.one_to_one(SCHEMAORG):
            if getattr(rec, f.record):
                assert doc[f.prop] == getattr(rec, f.record), (rec.id, f.prop)
                written_props.add(f.prop)
            else:
                assert f.prop not in doc, (rec.id, f.prop)
    assert written_props == {f.prop for f in fieldtable.one_to_one(SCHEMAORG)}  # every row had a record to show it


def test_schemaorg_importer_reads_each_one_to_one_row_back(tmp_path):
    catalogue, records = published_bundled()
    result = import_files(written(export.render("schemaorg", catalogue, records), tmp_path), catalogue)
    assert sorted(d.id for d in result.drafts) == sorted(records)
    rows = fieldtable.one_to_one(SCHEMAORG)
    assert {f.record for f in rows} == {"title", "summary", "version", "modified"}
    for draft in result.drafts:
        rec = records[draft.id]
        for f in rows:
            assert draft.fields.get(f.record) == getattr(rec, f.record), (rec.id, f.record)
            assert not any(n.startswith(f"/{f.prop}:") for n in draft.fields.get("notes", [])), (rec.id, f.prop)


def test_schemaorg_rows_read_back_what_they_wrote():
    catalogue, records = published_bundled()
    for rec in records.values():
        doc = schemaorg.dataset(catalogue, records, rec)
        d, used = Draft("test", "schemaorg"), set()
        fieldtable.import_values(SCHEMAORG, d, doc, partial(_mark, used))
        rows = fieldtable.one_to_one(SCHEMAORG)
        assert {f.record: d.fields.get(f.record) for f in rows} == {f.record: getattr(rec, f.record) for f in rows}
        assert used == {f.prop for f in rows if f.prop in doc}
