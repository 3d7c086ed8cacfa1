"""UK cross-government metadata exchange model conformance: the JSON form against the model's
JSON Schema (its `Dataset` class, with format checking) and the RDF against its SHACL shapes,
both generated from the model and vendored."""

from __future__ import annotations

import functools
from typing import Any

from ..profiles import CDDO_SCHEMA
from ..report import Issue
from ..vendored import vendor_path
from . import jsonschemas, shacl

SHAPES = ("uk-gov-metadata", "uk_cross_government_metadata_exchange_model.shacl.ttl")
FIX = "Fix the record field that maps to this property (see export/cddo.py)."


@functools.cache
def shapes() -> Any:
    import rdflib

    return rdflib.Graph().parse(vendor_path(*SHAPES))


def check_json(data: bytes, file: str, record: str | None) -> list[Issue]:
    doc, issues = jsonschemas.load(data, file, record)
    if issues:
        return issues
    return jsonschemas.check(doc, jsonschemas.validator(*CDDO_SCHEMA, definition="Dataset"), file, record, "cddo.schema", FIX)


def check_turtle(data: bytes, file: str, record: str | None) -> list[Issue]:
    return shacl.check(data, file, record, shapes(), "cddo.shacl", FIX)
