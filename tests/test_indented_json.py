"""The schema.org layout made with the json module's C encoder (`export.indented_json`) is exactly
what `json.dumps(..., ensure_ascii=False, indent=1)` writes, for any JSON value and for every
schema.org document of the bundled records."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from adrmeta.export import indented_json, schemaorg

from .conftest import published_bundled

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20))
keys = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.floats(), st.none())  # json.dumps turns non-text into text
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=30,
)


def same(value: object) -> bool:
    return indented_json.text(value) == json.dumps(value, ensure_ascii=False, indent=1)


@settings(max_examples=500, deadline=None)
@given(values)
def test_text_is_json_dumps_with_indent_one(value):
    assert same(value)


def test_line_breaks_in_text_are_not_separators():
    assert same({"a": ["x\ny", "\n", {"b\n": "\r\n,\n"}], "c": {"d": "}\n]"}})
    assert indented_json.text({"a": "x\ny"}) == '{\n "a": "x\\ny"\n}'


def test_every_bundled_schemaorg_document():
    catalogue, records = published_bundled()
    for rec in records.values():
        assert same(schemaorg.dataset(catalogue, records, rec))
