"""Field tables (fieldtable.py): one table drives the export, the import of the one-to-one fields
and the mapping docs."""

from __future__ import annotations

from functools import partial

import rdflib

from adrmeta import docs, export, fieldtable
from adrmeta.export import cddo, dcat, hdruk, schemaorg
from adrmeta.fieldtable import CDDO, DCAT, HDRUK, SCHEMAORG
from adrmeta.importers import dcat as dcat_import
from adrmeta.importers import import_files
from adrmeta.importers import schemaorg as schemaorg_import
from adrmeta.importers.draft import Draft
from adrmeta.rdf import PREFIXES, Lit

from .conftest import published_bundled
from .importing import completed


def _exported():
    """Every bundled record, completed with test values where the model requires a fact it does
    not state (none states a licence, so none is in the dcat-uk export as it is)."""
    catalogue, records = published_bundled()
    done = {rid: completed(catalogue, rec) for rid, rec in records.items()}
    return [(rec, cddo.dataset(catalogue, done, rec)) for rec in done.values() if not cddo.cddo_gaps(catalogue, rec)]


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
            assert d.fields["metadata_version"] == fieldtable.metadata_version(rec.metadata_version, rec.modified)
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
        *fieldtable.markdown_rows(DCAT, rdf=False).splitlines(),
        *fieldtable.markdown_rows(SCHEMAORG, rdf=False).splitlines(),
    ]
    assert len(rows) == len(CDDO) + len(HDRUK) + len(DCAT) + len(SCHEMAORG)
    for row in rows:
        assert row in text
    assert "{FIELDS}" not in text
    for row in fieldtable.markdown_rows(DCAT, rdf=False).splitlines():
        assert row in (dcat.__doc__ or "")


# --- DCAT-AP 3: the table's property is the predicate on the dcat:Dataset node ---


def _dcat_nodes():
    catalogue, records = published_bundled()
    g = dcat._Graph(catalogue, records)
    return [(rec, g.dataset(rec)) for rec in records.values()], catalogue.language


def test_dcat_table_has_one_row_per_property_and_code_for_each_other_row():
    props = [f.prop for f in DCAT]
    assert len(props) == len(set(props))
    assert set(dcat.CODE) == {f.prop for f in DCAT if not f.one_to_one}
    assert {f.record for f in fieldtable.one_to_one(DCAT)} == {"title", "summary", "keywords", "version", "modified"}


def test_dcat_dataset_properties_follow_the_table():
    nodes, _lang = _dcat_nodes()
    order = [f.prop for f in DCAT]
    for rec, d in nodes:
        props = [k for k in d if not k.startswith("@")]
        assert props == [p for p in order if p in d], rec.id


def test_dcat_export_writes_each_one_to_one_row_from_the_record():
    nodes, lang = _dcat_nodes()
    seen = set()
    for rec, d in nodes:
        for f in fieldtable.one_to_one(DCAT):
            value = getattr(rec, f.record)
            values = list(value) if isinstance(value, tuple) else [value] if value else []
            written = d.get(f.prop, [])
            assert [lit.value for lit in written] == values, (rec.id, f.prop)
            assert all(isinstance(lit, Lit) for lit in written)
            if f.convert is fieldtable.DCAT_TEXT or f.convert is fieldtable.DCAT_KEYWORDS:
                assert {lit.lang for lit in written} <= {lang}
            if f.convert is fieldtable.DATE:
                assert {lit.datatype for lit in written} <= {"xsd:date"}
            if values:
                seen.add(f.prop)
    assert seen == {f.prop for f in fieldtable.one_to_one(DCAT)}  # the bundled records exercise every row


def test_dcat_importer_reads_each_one_to_one_row_back(tmp_path):
    catalogue, records = published_bundled()
    path = tmp_path / "catalog.ttl"
    path.write_text(export.render("dcat", catalogue, records)["dcat/catalog.ttl"], encoding="utf-8")
    drafts = import_files([path], catalogue, fmt="dcat").drafts
    assert sorted(d.id for d in drafts) == sorted(records)
    for d in drafts:
        rec = records[d.id]
        for f in fieldtable.one_to_one(DCAT):
            want = getattr(rec, f.record)
            want = sorted(want) if isinstance(want, tuple) else want
            assert d.fields.get(f.record, [] if isinstance(want, list) else None) == want, (d.id, f.record)
            prefix, local = f.prop.split(":")
            predicate = f"<{PREFIXES[prefix]}{local}>"
            assert not any(predicate in note for note in d.fields.get("notes", [])), (d.id, f.prop)  # used, not noted


def test_dcat_importer_reads_a_row_by_the_table(monkeypatch):
    """A row's predicate and converter come from the table: change the row, and the importer
    reads the other predicate through the other converter."""
    row = dcat_import.ROWS["version"]
    other = fieldtable.Field("dct:hasVersion", "version", convert=fieldtable.Convert(str, lambda d, path, v: f"read {v}"))
    monkeypatch.setitem(dcat_import.ROWS, "version", other)
    g = rdflib.Graph().parse(
        data="<https://example.org/d> a <http://www.w3.org/ns/dcat#Dataset> ; "
        '<http://purl.org/dc/terms/hasVersion> "2" ; <http://www.w3.org/ns/dcat#version> "1" .',
        format="turtle",
    )
    catalogue, _records = published_bundled()
    reader = dcat_import._Reader(g, _Source(), dcat_import.Matcher(catalogue), list(g.subjects()))
    d = reader.dataset(rdflib.URIRef("https://example.org/d"))
    assert row.prop == "dcat:version"
    assert d.fields["version"] == "read 2"
    assert any("dcat#version" in n for n in d.fields.get("notes", []))  # the old predicate is no longer mapped


class _Source:
    display = "test.ttl"


# --- schema.org: the table's property is the Dataset's top-level key ---


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
    paths = []
    for name, text in export.render("schemaorg", catalogue, records).items():
        paths.append(tmp_path / name.rsplit("/", 1)[1])
        paths[-1].write_text(text, encoding="utf-8")
    result = import_files(paths, catalogue)
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


def test_schemaorg_importer_reads_a_row_by_the_table(monkeypatch, tmp_path):
    """A row's property and converter come from the table: change the row, and the importer reads
    the other property through the other converter, and leaves the old one to the notes."""
    other = fieldtable.Field("softwareVersion", "version", convert=fieldtable.Convert(str, lambda d, path, v: f"read {v}"))
    later = [other if f.record == "version" else f for f in schemaorg_import.LATER]
    monkeypatch.setattr(schemaorg_import, "LATER", later)
    path = tmp_path / "d.jsonld"
    path.write_text(
        '{"@context": "https://schema.org/", "@type": "Dataset", "name": "A dataset", "version": "1", "softwareVersion": "2"}',
        encoding="utf-8",
    )
    catalogue, _records = published_bundled()
    (d,) = import_files([path], catalogue, fmt="schemaorg").drafts
    assert d.fields["version"] == "read 2"
    assert "/version: 1" in d.fields["notes"]
