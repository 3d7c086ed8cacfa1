"""schema.org conformance of exported JSON-LD: every type and property exists in the vendored
schema.org 30.0 vocabulary, each property is used on a type in its domain (inherited properties
count), and Google's Dataset rules hold: `name` and a 50–5000 character `description` are
required, and the recommended properties are reported when missing."""

from __future__ import annotations

import csv
import functools
from typing import Any

import attrs

from .. import fieldtable
from ..report import Issue, Location
from ..vendored import vendor_path

SCHEMA = "https://schema.org/"
GOOGLE_REQUIRED = ("name", "description")
# Google's recommended Dataset properties -> the record fields the schema.org export fills each
# from (fieldtable.SCHEMAORG's record column); none: no row maps a record field to it (or only a
# made-up value, "(site page)"), so there is nothing to fill in.
_FILLED_FROM = {f.prop: f.record for f in fieldtable.SCHEMAORG if not f.record.startswith("(")}
GOOGLE_RECOMMENDED: dict[str, str | None] = {
    prop: _FILLED_FROM.get(prop)
    for prop in (
        "alternateName",
        "citation",
        "creator",
        "distribution",
        "funder",
        "hasPart",
        "identifier",
        "isAccessibleForFree",
        "isBasedOn",
        "isPartOf",
        "keywords",
        "license",
        "measurementTechnique",
        "sameAs",
        "spatialCoverage",
        "temporalCoverage",
        "variableMeasured",
        "version",
        "url",
    )
}


@attrs.frozen
class Vocabulary:
    types: dict[str, frozenset[str]]  # type label -> every property usable on it (inherited too)
    properties: frozenset[str]
    superseded: dict[str, str]


def _label(iri: str) -> str:
    return iri.removeprefix(SCHEMA).removeprefix("http://schema.org/")


@functools.cache
def vocabulary() -> Vocabulary:
    folder = vendor_path("schemaorg-30.0")
    with open(folder / "schemaorg-current-https-types.csv", encoding="utf-8", newline="") as fh:
        types = {
            row["label"]: frozenset(_label(p.strip()) for p in row["properties"].split(",") if p.strip())
            for row in csv.DictReader(fh)
        }
    with open(folder / "schemaorg-current-https-properties.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    superseded = {r["label"]: _label(r["supersededBy"].split(",")[0]) for r in rows if r["supersededBy"]}
    return Vocabulary(types=types, properties=frozenset(r["label"] for r in rows), superseded=superseded)


def _issue(code: str, message: str, fix: str, file: str, record: str | None, path: str) -> Issue:
    return Issue(code=code, message=message, fix=fix, record=record, path=path, location=Location(file=file))


def _walk(value: Any, path: str, vocab: Vocabulary, file: str, record: str | None, out: list[Issue]) -> None:
    if isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, f"{path}/{i}", vocab, file, record, out)
        return
    if not isinstance(value, dict):
        return
    raw = value.get("@type")
    types = [raw] if isinstance(raw, str) else list(raw or [])
    for t in types:
        if t not in vocab.types:
            out.append(
                _issue(
                    "schemaorg.unknown-type",
                    f"'{t}' is not a schema.org type.",
                    "Use a type from the schema.org vocabulary.",
                    file,
                    record,
                    f"{path}/@type",
                )
            )
    known = [t for t in types if t in vocab.types]
    for key, item in value.items():
        if key.startswith("@"):
            continue
        here = f"{path}/{key}"
        if key not in vocab.properties:
            out.append(
                _issue(
                    "schemaorg.unknown-property",
                    f"'{key}' is not a schema.org property.",
                    "Use a property from the schema.org vocabulary.",
                    file,
                    record,
                    here,
                )
            )
        elif known and not any(key in vocab.types[t] for t in known):
            out.append(
                _issue(
                    "schemaorg.domain",
                    f"'{key}' is not a property of {', '.join(known)}.",
                    "Move the property to a type in its domain.",
                    file,
                    record,
                    here,
                )
            )
        elif key in vocab.superseded:
            out.append(
                _issue(
                    "schemaorg.superseded",
                    f"'{key}' is superseded by '{vocab.superseded[key]}'.",
                    f"Use '{vocab.superseded[key]}'.",
                    file,
                    record,
                    here,
                )
            )
        _walk(item, here, vocab, file, record, out)


def check_bytes(data: bytes, file: str, record: str | None = None) -> list[Issue]:
    """Issues for one exported schema.org JSON-LD file."""
    from .jsonschemas import load

    doc, issues = load(data, file, record)
    return issues or check(doc, file, record)


def check(data: Any, file: str, record: str | None = None) -> list[Issue]:
    """Issues for one schema.org JSON-LD document, parsed."""
    out: list[Issue] = []
    _walk(data, "", vocabulary(), file, record, out)
    if isinstance(data, dict) and data.get("@type") == "Dataset":
        for prop in GOOGLE_REQUIRED:
            if not data.get(prop):
                out.append(
                    _issue(
                        "google.required",
                        f"Google requires '{prop}' on a Dataset.",
                        f"Fill in the record field that maps to '{prop}'.",
                        file,
                        record,
                        f"/{prop}",
                    )
                )
        n = len(data.get("description") or "")
        if n and not 50 <= n <= 5000:
            out.append(
                _issue(
                    "google.required",
                    f"Google needs a description of 50 to 5000 characters, not {n}.",
                    "Rewrite the summary to between 50 and 5000 characters.",
                    file,
                    record,
                    "/description",
                )
            )
        for prop, fields in GOOGLE_RECOMMENDED.items():
            if prop not in data:
                out.append(
                    _issue(
                        "google.recommended",
                        f"Google recommends '{prop}' on a Dataset.",
                        f"Add the record's {fields}, if a source states them."
                        if fields
                        else f"Nothing to fill in: no record field maps to '{prop}'.",
                        file,
                        record,
                        f"/{prop}",
                    )
                )
    return out
