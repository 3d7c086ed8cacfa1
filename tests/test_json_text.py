"""The exporters' JSON layout, made without the json module's slow indenting encoder, is exactly
what `json.dumps(..., ensure_ascii=False, indent=1)` writes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from adrmeta.export.files import json_text

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
keys = st.one_of(st.text(max_size=8), st.integers(), st.booleans())  # json.dumps turns the last two into text
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_json_text_is_json_dumps_with_indent_one(value):
    assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_json_text_keeps_unicode_and_escapes_controls():
    value = {"naïve \u2028": ['\x00\n"', {}, [], 1.5, None, True]}
    assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=1)
