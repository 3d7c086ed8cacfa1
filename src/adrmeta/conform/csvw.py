"""CSV on the Web conformance of an exported table schema: the rules of W3C's "Metadata Vocabulary
for Tabular Data" (CSVW 1.0) that a schema description can break. `@context` is the CSVW context;
`columns` is a list of column descriptions, each `name` follows the name rule (section 5.6: the
RFC 6570 variable characters, not starting with `_`) and is unique; `datatype.base` is a built-in
datatype (section 5.11.1); a string `format` is a regular expression that compiles."""

from __future__ import annotations

import re
from typing import Any

from ..report import Issue, Location
from .jsonschemas import load

CONTEXT = "http://www.w3.org/ns/csvw"
# CSVW 1.0 section 5.11.1: the built-in datatypes (and their aliases).
BUILT_IN = frozenset(
    {
        "anyAtomicType",
        "anyURI",
        "base64Binary",
        "boolean",
        "date",
        "dateTime",
        "datetime",
        "dateTimeStamp",
        "decimal",
        "integer",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "nonPositiveInteger",
        "negativeInteger",
        "double",
        "number",
        "duration",
        "dayTimeDuration",
        "yearMonthDuration",
        "float",
        "gDay",
        "gMonth",
        "gMonthDay",
        "gYear",
        "gYearMonth",
        "hexBinary",
        "QName",
        "string",
        "normalizedString",
        "token",
        "language",
        "Name",
        "NMTOKEN",
        "xml",
        "html",
        "json",
        "time",
        "any",
        "binary",
    }
)
_NAME = re.compile(r"^(?:[A-Za-z0-9]|%[0-9A-F]{2})(?:[A-Za-z0-9_.]|%[0-9A-F]{2})*$")
FIX = "Re-export; if it persists, fix the dictionary value the column comes from (see export/csvw.py)."


def _issue(message: str, path: str, file: str, record: str | None) -> Issue:
    return Issue(code="csvw.schema", record=record, path=path, message=message, fix=FIX, location=Location(file=file))


def _column(col: Any, path: str, file: str, record: str | None) -> list[Issue]:
    if not isinstance(col, dict):
        return [_issue("a column description must be an object.", path, file, record)]
    out = []
    if not isinstance(col.get("name"), str) or not _NAME.match(col["name"]):
        out.append(
            _issue(
                "a column name must use letters, digits, '_' and '.' or %-encoding, not start with '_'.",
                f"{path}/name",
                file,
                record,
            )
        )
    datatype = col.get("datatype")
    base = datatype.get("base") if isinstance(datatype, dict) else datatype
    if datatype is not None and base not in BUILT_IN:
        out.append(_issue(f"'{base}' is not a CSVW built-in datatype.", f"{path}/datatype", file, record))
    fmt = datatype.get("format") if isinstance(datatype, dict) else None
    if isinstance(fmt, str) and base == "string":
        try:
            re.compile(fmt)
        except re.error as exc:
            out.append(_issue(f"the format is not a regular expression: {exc}.", f"{path}/datatype/format", file, record))
    return out


def check(doc: Any, file: str, record: str | None = None) -> list[Issue]:
    """Issues for one CSVW schema description, parsed."""
    if not isinstance(doc, dict):
        return [_issue("a schema description must be a JSON object.", "", file, record)]
    context = doc.get("@context")
    if (context[0] if isinstance(context, list) and context else context) != CONTEXT:
        return [_issue(f"@context must be (or start with) {CONTEXT}.", "/@context", file, record)]
    columns = doc.get("columns")
    if not isinstance(columns, list):
        return [_issue("a schema description needs a list of columns.", "/columns", file, record)]
    out = [i for n, col in enumerate(columns) for i in _column(col, f"/columns/{n}", file, record)]
    names = [c.get("name") for c in columns if isinstance(c, dict)]
    for n, name in enumerate(names):
        if name in names[:n]:
            out.append(_issue(f"column name '{name}' is used twice.", f"/columns/{n}/name", file, record))
    return out


def check_bytes(data: bytes, file: str, record: str | None = None) -> list[Issue]:
    """Issues for one exported CSVW file."""
    doc, issues = load(data, file, record)
    return issues or check(doc, file, record)
