"""HDR UK Gateway conformance: the vendored HDRUK 3.0.0 / 4.0.0 JSON Schema with format checking,
and adrmeta's own rule that "required" means filled in. The official schema lets `null` (and empty
text) through many required fields; a catalogue entry with them is useless to a researcher.

The pull-integration list is checked against the Gateway's list schema (GMI, draft-07, the one its
puller validates every list with before reading it) with one exception: `@schema` may be the
HDRUK schema URL the list's documents follow (3.0.0 for `hdruk/`, 4.0.0 for `hdruk-4/`), which the
GMI schema's enum (HDRUK 2.0.2 to 2.2.0, GWDM 1.0 and 1.1) does not list yet. adrmeta does not
declare a schema its documents do not follow; docs/harvesters.md tells the Gateway's operator."""

from __future__ import annotations

import functools
import json
from typing import Any

from ..export.hdruk import SCHEMA_URL
from ..report import Issue, Location
from ..vendored import vendor_path
from . import jsonschemas

# Required arrays that may honestly be empty: a first metadata version has no earlier revisions,
# and a dataset type may have no subtype.
MAY_BE_EMPTY = frozenset({"revisions", "subTypes"})
FIX = "Fix the record field that maps to this property (see export/hdruk.py)."


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _branches(schema: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema and every subschema of its allOf/anyOf/oneOf, resolved."""
    schema = _resolve(schema, root)
    out = [schema]
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, ()):
            out += _branches(sub, root)
    return out


def _blank(value: Any, key: str) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return not value and key not in MAY_BE_EMPTY
    return False


def unfilled(doc: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "") -> list[str]:
    """JSON pointers of required properties that are present but null, blank or empty."""
    out: list[str] = []
    for branch in _branches(schema, root):
        if isinstance(doc, dict) and "properties" in branch:
            for key in branch.get("required", ()):
                if key in doc and _blank(doc[key], key):
                    out.append(f"{path}/{key}")
            for key, value in doc.items():
                if key in branch["properties"]:
                    out += unfilled(value, branch["properties"][key], root, f"{path}/{key}")
        elif isinstance(doc, list) and "items" in branch:
            for i, item in enumerate(doc):
                out += unfilled(item, branch["items"], root, f"{path}/{i}")
    return sorted(set(out))


def check(data: bytes, file: str, record: str | None, version: str = "3.0.0") -> list[Issue]:
    """A dataset document of one schema version; with no record, the pull-integration list."""
    if record is None:
        return check_list(data, file, version)
    doc, issues = jsonschemas.load(data, file, record)
    if issues:
        return issues
    validate = jsonschemas.validator("hdruk-schemata", "HDRUK", version, "schema.json")
    issues = jsonschemas.check(doc, validate, file, record, "hdruk.schema", FIX)
    issues += [
        Issue(
            code="hdruk.required-empty",
            record=record,
            path=p,
            message=f"the required property {p} is present but not filled in.",
            fix=FIX,
            location=Location(file=file),
        )
        for p in unfilled(doc, validate.schema, validate.schema)
    ]
    return issues


@functools.cache
def gmi_validator(version: str) -> Any:
    """The GMI list schema, accepting as `@schema` the HDRUK `version` schema URL adrmeta writes."""
    import jsonschema

    schema = json.loads(vendor_path("hdruk-schemata", "GMI", "gmi.schema.json").read_text(encoding="utf-8"))
    declared = schema["definitions"]["dataset"]["properties"]["@schema"]["oneOf"]
    declared.append(
        {"title": "adrmeta's exception: the HDRUK schema the documents follow", "const": SCHEMA_URL.format(version=version)}
    )
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def _gmi_errors(doc: Any, version: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(path, message, the properties it finds missing) per error, an item's errors unwrapped from
    the schema's one-branch `anyOf`."""
    found = set()
    for error in gmi_validator(version).iter_errors(doc):
        for e in error.context if error.validator == "anyOf" and error.context else [error]:
            missing = ()
            if e.validator == "required" and isinstance(e.instance, dict):
                missing = tuple(p for p in e.validator_value if p not in e.instance)
            found.add((jsonschemas.pointer(e.absolute_path), e.message, missing))
    return sorted(found)


def check_list(data: bytes, file: str, version: str) -> list[Issue]:
    """The pull-integration list: valid against the GMI list schema (but for `@schema`, see above),
    its items' fields all filled in."""
    doc, issues = jsonschemas.load(data, file, None)
    if issues:
        return issues
    fields = ("@schema", "type", "name", "description", "persistentId", "self", "version", "issued", "modified", "source")
    items = doc.get("items") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        return [
            Issue(
                code="hdruk.schema", path="/items", message="the list has no items array.", fix=FIX, location=Location(file=file)
            )
        ]
    errors = _gmi_errors(doc, version)
    schema_issues = [
        Issue(code="hdruk.schema", path=path, message=message[:500] + ".", fix=FIX, location=Location(file=file))
        for path, message, _missing in errors
    ]
    # a field GMI already reports (missing, or too short) is not reported again as empty
    said = {path for path, _m, _missing in errors} | {f"{path}/{f}" for path, _m, missing in errors for f in missing}
    return schema_issues + [
        Issue(
            code="hdruk.required-empty",
            path=f"/items/{i}/{f}",
            message=f"item {i} has no {f}.",
            fix=FIX,
            location=Location(file=file),
        )
        for i, item in enumerate(items)
        for f in fields
        if (not isinstance(item, dict) or _blank(item.get(f), f)) and f"/items/{i}/{f}" not in said
    ]
