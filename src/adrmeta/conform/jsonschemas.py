"""Exported JSON checked against a vendored official JSON Schema, with format checking on (dates,
date-times, emails, URIs): one Issue per error, located by JSON pointer."""

from __future__ import annotations

import functools
import json
from typing import Any

from ..report import Issue, Location
from ..vendored import vendor_path


@functools.cache
def validator(*parts: str, definition: str | None = None) -> Any:
    """A Draft 2020-12 validator for a vendored schema (or one of its `$defs`)."""
    import jsonschema

    schema = json.loads(vendor_path(*parts).read_text(encoding="utf-8"))
    if definition:
        schema = {**schema, "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def pointer(parts: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def load(data: bytes, file: str, record: str | None) -> tuple[Any, list[Issue]]:
    try:
        return json.loads(data), []
    except ValueError as exc:
        return None, [
            Issue(
                code="export.malformed",
                record=record,
                message=f"not valid JSON: {exc}.",
                fix="Re-export the file; never edit exports by hand.",
                location=Location(file=file),
            )
        ]


def check(doc: Any, validate: Any, file: str, record: str | None, code: str, fix: str) -> list[Issue]:
    found = sorted((pointer(e.absolute_path), e.message) for e in validate.iter_errors(doc))
    return [
        Issue(code=code, record=record, path=path, message=message[:500] + ".", fix=fix, location=Location(file=file))
        for path, message in found
    ]
