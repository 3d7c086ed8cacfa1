"""Field tables (fieldtable.py): one table drives the export, the import of the one-to-one fields
and the mapping docs."""

from __future__ import annotations

from adrmeta import docs, fieldtable
from adrmeta.export import cddo
from adrmeta.fieldtable import CDDO
from adrmeta.importers.draft import Draft

from .conftest import published_bundled


def _exported():
    catalogue, records = published_bundled()
    return [(rec, cddo.dataset(catalogue, records, rec)) for rec in records.values()
            if not cddo.cddo_gaps(catalogue, rec)]


def test_cddo_one_to_one_rows_read_back_what_they_wrote():
    cases = _exported()
    assert cases
    for rec, doc in cases:
        d, used = Draft("test", "cddo"), []
        fieldtable.import_values(CDDO, d, doc, lambda keys: used.append("/".join(keys)))
        for f in fieldtable.one_to_one(CDDO):
            want = getattr(rec, f.record)
            want = list(dict.fromkeys(want)) if isinstance(want, tuple | list) else want
            assert d.fields.get(f.record, [] if isinstance(want, list) else None) == want, (rec.id, f.record)
        assert set(used) == {f.prop for f in fieldtable.one_to_one(CDDO) if doc.get(f.prop)}


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
    for row in fieldtable.markdown_rows(CDDO).splitlines():
        assert row in text
    assert "{FIELDS}" not in text
