"""The exported JSON's schema checks really check formats: each format the vendored JSON Schemas use
has a checker installed (jsonschema skips a format it has no checker for, silently), and an invalid
value of each is reported."""

from __future__ import annotations

import json

import pytest

from adrmeta.conform import jsonschemas
from adrmeta.conform.cddo import CDDO_SCHEMA
from adrmeta.vendored import vendor_path

CASES = {  # format: (a valid value, an invalid one)
    "date": ("2024-02-29", "2023-02-29"),
    "date-time": ("2024-01-31T12:00:00Z", "2024-01-31 12:00"),
    "email": ("help@example.org", "help.example.org"),
    "uri": ("https://example.org/a?b=c", "not a uri"),
}


def formats_used(node):
    if isinstance(node, dict):
        if isinstance(node.get("format"), str):
            yield node["format"]
        for value in node.values():
            yield from formats_used(value)
    elif isinstance(node, list):
        for value in node:
            yield from formats_used(value)


def test_every_format_the_vendored_schemas_use_is_checked():
    used = {f for path in vendor_path().rglob("*.json") for f in formats_used(json.loads(path.read_text(encoding="utf-8")))}
    assert used and used <= set(CASES), used - set(CASES)
    checker = jsonschemas.validator(*CDDO_SCHEMA, definition="Dataset").format_checker
    assert set(CASES) <= set(checker.checkers)


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_an_invalid_value_of_each_format_is_reported(fmt):
    valid, invalid = CASES[fmt]
    for validator in (
        jsonschemas.validator(*CDDO_SCHEMA, definition="Dataset"),
        jsonschemas.validator("hdruk-schemata", "HDRUK", "3.0.0", "schema.json"),
    ):
        one_field = validator.evolve(schema={"type": "object", "properties": {"value": {"type": "string", "format": fmt}}})
        assert not jsonschemas.check({"value": valid}, one_field, "f.json", None, "cddo.schema", "fix")
        [issue] = jsonschemas.check({"value": invalid}, one_field, "f.json", None, "cddo.schema", "fix")
        assert issue.path == "/value" and fmt in issue.message
