"""Helpers for the import tests: a record as plain facts, and the comparison a round trip needs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from adrmeta.model import Record
from adrmeta.provenance import stated
from adrmeta.typespec import Nullable, Obj, Seq, obj_spec

# What no record import carries, whatever the format: `adrmeta import` reports a dictionary's values
# ignored, and the dictionary travels by `adrmeta dictionary import` of the DDI or HDR UK export
# (tests/test_dictionary_export.py: test_every_bundled_dictionary_comes_back_through_the_dictionary_import).
NOT_BY_RECORD_IMPORT = {"dictionary": "read by `adrmeta dictionary import`, not by `adrmeta import`"}


def facts(value: Any, spec: Any = None) -> Any:
    """A record (or part) as plain data without empty values and defaults: what it states (its
    inferences, which no format carries, and its provenance entries left out)."""
    spec = obj_spec(Record) if spec is None else spec
    spec = spec.inner if isinstance(spec, Nullable) else spec
    if isinstance(value, Record):
        value = stated(value)
    if attrs.has(type(value)):
        out = {}
        for name, field in spec.fields.items():
            v = getattr(value, name)
            if name == "provenance" or v is None or v == () or (not field.required and v == field.default):
                continue
            out[name] = facts(v, field.spec)
        return out
    if isinstance(value, tuple):
        return [facts(v, spec.item if isinstance(spec, Seq) else None) for v in value]
    return value


def strip_defaults(data: Any, spec: Any = None) -> Any:
    """Plain data without the values a field has by default (as `facts` leaves them out)."""
    spec = obj_spec(Record) if spec is None else spec
    spec = spec.inner if isinstance(spec, Nullable) else spec
    if isinstance(data, dict) and isinstance(spec, Obj):
        return {
            k: strip_defaults(v, spec.fields[k].spec if k in spec.fields else None)
            for k, v in data.items()
            if not (k in spec.fields and not spec.fields[k].required and v == spec.fields[k].default)
        }
    if isinstance(data, list):
        return [strip_defaults(v, spec.item if isinstance(spec, Seq) else None) for v in data]
    return data


def drop(data: Any, path: str) -> None:
    """Remove `a/*/b` from nested plain data (a missing part is fine); `**/key` drops a key at any depth."""
    if path.startswith("**/"):
        key = path[3:]
        stack = [data]
        while stack:
            n = stack.pop()
            if isinstance(n, dict):
                n.pop(key, None)
                stack.extend(n.values())
            elif isinstance(n, list):
                stack.extend(n)
        return
    head, _, rest = path.partition("/")
    targets = data if head == "*" and isinstance(data, list) else [data]
    for t in targets:
        if head == "*":
            if rest:
                drop(t, rest)
        elif isinstance(t, dict) and head in t:
            if rest:
                drop(t[head], rest)
                if t[head] in ({}, []):
                    del t[head]
            else:
                del t[head]


def unordered(data: Any) -> Any:
    """Every list sorted: for formats (RDF) that keep no order."""
    if isinstance(data, dict):
        return {k: unordered(v) for k, v in data.items()}
    if isinstance(data, list):
        return sorted((unordered(v) for v in data), key=lambda v: json.dumps(v, sort_keys=True))
    return data


def differences(
    expected: dict[str, Any], got: dict[str, Any], not_carried: dict[str, str], keep_order: bool
) -> dict[str, tuple[Any, Any]]:
    """Top-level fields whose facts differ, after removing what the format cannot carry."""
    expected, got = json.loads(json.dumps(expected)), strip_defaults(json.loads(json.dumps(got)))
    for path in ("provenance", *not_carried):  # provenance: what `facts` leaves out (guesses are inferences)
        drop(expected, path)
        drop(got, path)
    if not keep_order:
        expected, got = unordered(expected), unordered(got)
    return {k: (expected.get(k), got.get(k)) for k in sorted(set(expected) | set(got)) if expected.get(k) != got.get(k)}


def written(files: Mapping[str, str], folder: Path) -> list[Path]:
    """Exported documents written as files (by their base names) to import them back."""
    paths = []
    for name, text in files.items():
        path = folder / name.rsplit("/", 1)[1]
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def completed(catalogue: Any, rec: Record) -> Record:
    """The record with test values filled in for the facts the HDR UK and cross-government
    exports require (`profiles.hdruk_gaps`, `cddo_gaps`) and it lacks, so every bundled record
    round-trips through those formats; its own facts are untouched."""
    from adrmeta import profiles
    from adrmeta.model import AccessRoute, Contact, Size

    slugs = profiles.listed_slugs()
    gov = next(o.id for o in catalogue.organisations if o.gov_uk_slug in slugs)
    changes: dict[str, Any] = {}
    if rec.publisher is None or profiles.gov_uk_slug(catalogue, rec.publisher) is None:
        changes["publisher"] = gov
    if not any(profiles.gov_uk_slug(catalogue, o) for o in rec.data_owners):
        changes["data_owners"] = (*rec.data_owners, gov)
    if profiles.main_email(rec) is None:
        changes["contacts"] = (*rec.contacts, Contact(name="Test team", email="test.team@example.org"))
    if not profiles.observations(rec):
        changes["size"] = (*rec.size, Size(value=1000, unit="individuals", as_of="2020-01-01"))
    if profiles.access_rights(rec) is None:
        route = rec.access[0] if rec.access else AccessRoute(tre=catalogue.tres[0].id)
        changes["access"] = (attrs.evolve(route, url="https://example.org/apply"), *rec.access[1:])
    if not rec.version:
        changes["version"] = "1"
    if vocab_cddo(rec.update_frequency) is None:
        changes["update_frequency"] = "annual"
    if profiles.security_classification(attrs.evolve(rec, **changes)) is None:
        changes["security_classification"] = "official"
    if not rec.licence:  # not an open one, so the access rights still say available (COMMERCIAL)
        changes["licence"] = "https://example.org/data-access-agreement"
    return attrs.evolve(rec, **changes)


def vocab_cddo(freq: str | None) -> str | None:
    from adrmeta import vocab

    return vocab.CDDO_FREQUENCY.get(freq or "unknown")


def assert_accounted(draft: Any, leaves: Any) -> None:
    """Every leaf (path, value) of a source is accounted for by the draft: mapped to a field or
    ignored with a reason (its path or an ancestor's used/ignored), or kept whole in the notes."""
    from adrmeta.importers.draft import whole
    from adrmeta.importers.leaves import covered
    from adrmeta.importers.normalise import html_to_text, looks_like_html

    notes = [n for n in draft.fields.get("notes", ()) if isinstance(n, str)]
    missing, cut = [], []
    for path, value in leaves:
        if not covered(path, draft.accounted):
            missing.append(path)
        elif path in draft.noted and value is not None and str(value).strip():
            text = whole(value if isinstance(value, (str, int, float, bool)) else str(value))
            text = html_to_text(text) if looks_like_html(text) else text  # a note makes markup readable
            if not any(n.startswith(f"{path}: ") and text in n for n in notes) and not any(
                i.code == "import.placeholder" and path in i.message for i in draft.issues
            ):
                cut.append(path)
    assert not missing, f"source values neither mapped, noted nor ignored: {missing}"
    assert not cut, f"notes that do not keep the value whole: {cut}"
