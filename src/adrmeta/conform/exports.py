"""Every conformance check over an exports tree, by format: DDI (XSD and CESSDA profile), DCAT
(SHACL shapes), CSVW table schemas (the metadata vocabulary's rules), the cross-government model (JSON Schema and SHACL), HDR UK (JSON Schema and
filled-in required fields), schema.org (vocabulary and Google), and each feed manifest against
its files."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from ..report import Issue, Location, Report

Check = Callable[[bytes, str, str | None], list[Issue]]  # (data, display path, record id or None for a collection document)
COLLECTION_DOCUMENTS = frozenset({"catalog.ttl", "datasets.json"})


@functools.cache
def checks() -> dict[tuple[str, str], Check]:
    """The check for each (format, file suffix); other files are not checked."""
    from . import cddo, csvw, dcat, ddi, hdruk, schemaorg

    return {
        ("ddi", ".xml"): ddi.check_bytes,
        ("dcat", ".ttl"): dcat.check_turtle,
        ("dcat-uk", ".json"): cddo.check_json,
        ("dcat-uk", ".ttl"): cddo.check_turtle,
        ("hdruk", ".json"): functools.partial(hdruk.check, version="3.0.0"),
        ("hdruk-4", ".json"): functools.partial(hdruk.check, version="4.0.0"),
        ("schemaorg", ".jsonld"): schemaorg.check_bytes,
        ("csvw", ".json"): csvw.check_bytes,
    }


def _format_of(rel: str) -> str:
    parts = rel.split("/")
    return parts[2] if parts[0] == "feeds" and len(parts) > 2 else parts[0]


def _manifest(path: Path, file: str) -> list[Issue]:
    try:
        doc = json.loads(path.read_bytes())
        entries = doc["files"]
    except (ValueError, KeyError, TypeError) as exc:
        return [
            Issue(
                code="feed.manifest",
                message=f"the manifest cannot be read: {exc}.",
                fix="Re-export the feeds.",
                location=Location(file=file),
            )
        ]
    out = []
    listed = set()
    for entry in entries:
        target = path.parent / entry["path"]
        listed.add(entry["path"])
        if not target.is_file() or hashlib.sha256(target.read_bytes()).hexdigest() != entry["sha256"]:
            out.append(
                Issue(
                    code="feed.manifest",
                    path=f"/files/{entry['path']}",
                    message=f"{entry['path']} is missing or differs from its manifest entry.",
                    fix="Re-export the feeds.",
                    location=Location(file=file),
                )
            )
    for other in path.parent.rglob("*"):
        rel = other.relative_to(path.parent).as_posix()
        if other.is_file() and other != path and rel not in listed:
            out.append(
                Issue(
                    code="feed.manifest",
                    path=f"/files/{rel}",
                    message=f"{rel} is in the feed but not in its manifest.",
                    fix="Re-export the feeds.",
                    location=Location(file=file),
                )
            )
    return out


def check_tree(root: Path, display: Callable[[Path], str] = str) -> Report:
    """Conformance issues for every file of an exports tree."""
    issues: list[Issue] = []
    checked = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if path.name == "manifest.json" and rel.startswith("feeds/"):
            issues += _manifest(path, display(path))
        elif check := checks().get((_format_of(rel), path.suffix)):
            # a table schema (csvw/{id}/{table}.json) belongs to the record its folder names
            record = None if path.name in COLLECTION_DOCUMENTS else (path.parent.name if _format_of(rel) == "csvw" else path.stem)
            issues += check(path.read_bytes(), display(path), record)
        else:
            continue
        checked.append(rel)
    return Report(issues, checked)
