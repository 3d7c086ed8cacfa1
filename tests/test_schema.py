"""The published JSON Schemas are generated from the model and agree with the loader."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from adrmeta import model, schema
from adrmeta.records import load_record
from adrmeta.typespec import obj_spec

from .conftest import FIXTURES, ROOT


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: the pure-Python parser is slow
    """YAML as an editor's language server sees it: dates stay text."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json.loads((ROOT / "schemas" / name).read_text()), format_checker=jsonschema.FormatChecker()
    )


@pytest.mark.parametrize("name,cls", sorted(schema.SCHEMAS.items()))
def test_committed_schema_matches_the_model(name, cls):
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == schema.render(cls), f"schemas/{name} is stale: run `adrmeta schema`"


@pytest.mark.parametrize("name", sorted(schema.SCHEMAS))
def test_schema_is_valid_json_schema(name):
    jsonschema.Draft202012Validator.check_schema(json.loads((ROOT / "schemas" / name).read_text()))


def test_schema_lists_every_model_field_with_a_description():
    doc = schema.json_schema(model.Record)
    assert list(doc["properties"]) == list(obj_spec(model.Record).fields)
    assert all(p["description"] for p in doc["properties"].values())
    assert doc["additionalProperties"] is False
    assert set(doc["required"]) == {n for n, f in obj_spec(model.Record).fields.items() if f.required}


def bundled_records():
    return sorted(p for p in (ROOT / "records").glob("*.yaml") if not p.name.endswith(".dictionary.yaml"))


@pytest.mark.parametrize("path", bundled_records(), ids=lambda p: p.stem)
def test_bundled_record_passes_the_schema(path):
    errors = list(_validator("record.schema.json").iter_errors(yaml.load(path.read_text(), Loader=_Loader)))
    assert errors == []


@pytest.mark.parametrize("path", sorted((ROOT / "records").glob("*.dictionary.yaml")), ids=lambda p: p.stem)
def test_bundled_dictionary_side_file_passes_the_schemas_dictionary(path):
    doc = json.loads((ROOT / "schemas" / "record.schema.json").read_text())
    side = jsonschema.Draft202012Validator(
        {"$defs": doc["$defs"], "$ref": "#/$defs/Dictionary"}, format_checker=jsonschema.FormatChecker()
    )
    assert list(side.iter_errors(yaml.load(path.read_text(), Loader=_Loader))) == []


def test_catalogues_pass_the_schema():
    for path in (ROOT / "catalogue.yaml", FIXTURES / "catalogue.yaml"):
        assert list(_validator("catalogue.schema.json").iter_errors(yaml.load(path.read_text(), Loader=_Loader))) == []


# Fixtures whose defect is structural: the schema must reject them just as the loader does.
STRUCTURAL = ["schema-required", "schema-type", "schema-unknown-key", "schema-enum", "schema-format", "schema-empty"]


@pytest.mark.parametrize("stem", STRUCTURAL)
def test_schema_and_loader_reject_the_same_structural_faults(stem):
    path = FIXTURES / "invalid" / f"{stem}.yaml"
    assert load_record(path).value is None
    assert list(_validator("record.schema.json").iter_errors(yaml.load(path.read_text(), Loader=_Loader)))


def test_schema_and_loader_accept_the_minimal_record():
    path = FIXTURES / "valid" / "minimal.yaml"
    assert load_record(path).value is not None
    assert list(_validator("record.schema.json").iter_errors(yaml.load(path.read_text(), Loader=_Loader))) == []
