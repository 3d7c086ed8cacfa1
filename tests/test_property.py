"""Whatever bytes or YAML a file holds, reading it yields a located report, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adrmeta.model import Record
from adrmeta.records import load_record
from adrmeta.typespec import obj_spec

from .conftest import ROOT

pytestmark = pytest.mark.slow  # hundreds of generated files per test

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FIELDS = list(obj_spec(Record).fields)
LEO = (ROOT / "records" / "leo.yaml").read_text()

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates().map(str),
    st.sampled_from(["GB-ENG", "tbd", "2021-02-30", "ons-srs", "https://x.org"]),
)
keys = st.one_of(st.sampled_from(FIELDS + ["start", "end", "nations", "tre", "kind", "path", "value"]), st.text(max_size=12))
documents = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=8)), max_leaves=40
)


def _check(path: Path) -> None:
    loaded = load_record(path, "draft.yaml")
    for issue in loaded.issues:
        assert issue.location is not None and issue.location.file == "draft.yaml"
        assert issue.code and issue.message and issue.fix
    if loaded.value is not None:
        assert isinstance(loaded.value, Record)


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "draft.yaml"
    path.write_bytes(data)
    _check(path)


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("text") / "draft.yaml"
    path.write_bytes(text.encode("utf-8", errors="replace"))  # lone surrogates cannot be UTF-8
    _check(path)


@SETTINGS
@given(st.dictionaries(keys, documents, max_size=12))
def test_random_yaml_structures(tmp_path_factory, doc):
    path = tmp_path_factory.mktemp("yaml") / "draft.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    _check(path)


@SETTINGS
@given(st.data())
def test_mutated_real_record(tmp_path_factory, data):
    """Cut, duplicate and splice lines and characters of a real record."""
    lines = LEO.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "dup", "indent", "chars"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = " " * data.draw(st.integers(1, 5)) + lines[i]
        else:
            lines[i] = data.draw(st.text(max_size=20)) + lines[i][data.draw(st.integers(0, 10)) :]
        if not lines:
            break
    path = tmp_path_factory.mktemp("mut") / "draft.yaml"
    path.write_bytes("".join(lines).encode("utf-8", errors="replace"))
    _check(path)
