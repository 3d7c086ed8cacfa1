"""Every conformance check over an exports tree, by format: DDI (XSD and CESSDA profile), DCAT
(SHACL shapes), the cross-government model (JSON Schema and SHACL), HDR UK (JSON Schema and
filled-in required fields), schema.org (vocabulary and Google), and each feed manifest against
its files."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from ..export.hdruk import VERSIONS
from ..report import Issue, Location, Report

HDRUK_VERSIONS = {folder: version for version, folder in VERSIONS.items()}


def _format_of(rel: str) -> str:
    parts = rel.split("/")
    return parts[2] if parts[0] == "feeds" and len(parts) > 2 else parts[0]


def _schemaorg(data: bytes, file: str, record: str) -> list[Issue]:
    from . import schemaorg

    try:
        doc = json.loads(data)
    except ValueError as exc:
        return [Issue(code="export.malformed", record=record, message=f"not valid JSON: {exc}.",
                      fix="Re-export the file; never edit exports by hand.", location=Location(file=file))]
    return schemaorg.check(doc, file, record)


def _manifest(path: Path, file: str) -> list[Issue]:
    try:
        doc = json.loads(path.read_bytes())
        entries = doc["files"]
    except (ValueError, KeyError, TypeError) as exc:
        return [Issue(code="feed.manifest", message=f"the manifest cannot be read: {exc}.",
                      fix="Re-export the feeds.", location=Location(file=file))]
    out = []
    listed = set()
    for entry in entries:
        target = path.parent / entry["path"]
        listed.add(entry["path"])
        if not target.is_file() or hashlib.sha256(target.read_bytes()).hexdigest() != entry["sha256"]:
            out.append(Issue(code="feed.manifest", path=f"/files/{entry['path']}",
                             message=f"{entry['path']} is missing or differs from its manifest entry.",
                             fix="Re-export the feeds.", location=Location(file=file)))
    for other in path.parent.rglob("*"):
        rel = other.relative_to(path.parent).as_posix()
        if other.is_file() and other != path and rel not in listed:
            out.append(Issue(code="feed.manifest", path=f"/files/{rel}",
                             message=f"{rel} is in the feed but not in its manifest.",
                             fix="Re-export the feeds.", location=Location(file=file)))
    return out


def check_tree(root: Path, display: Callable[[Path], str] = str) -> Report:
    """Conformance issues for every file of an exports tree."""
    from . import cddo, dcat, ddi, hdruk

    issues: list[Issue] = []
    checked = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        fmt, name, file = _format_of(rel), path.name, display(path)
        record = path.stem
        if name == "manifest.json" and rel.startswith("feeds/"):
            issues += _manifest(path, file)
        elif fmt == "ddi" and name.endswith(".xml"):
            issues += ddi.check_bytes(path.read_bytes(), file, record)
        elif fmt == "dcat" and name.endswith(".ttl"):
            issues += dcat.check_turtle(path.read_bytes(), file, None if name == "catalog.ttl" else record)
        elif fmt == "dcat-uk" and name.endswith(".json"):
            issues += cddo.check_json(path.read_bytes(), file, record)
        elif fmt == "dcat-uk" and name.endswith(".ttl"):
            issues += cddo.check_turtle(path.read_bytes(), file, record)
        elif fmt in HDRUK_VERSIONS and name == "datasets.json":
            issues += hdruk.check_list(path.read_bytes(), file)
        elif fmt in HDRUK_VERSIONS and name.endswith(".json"):
            issues += hdruk.check(path.read_bytes(), file, record, HDRUK_VERSIONS[fmt])
        elif fmt == "schemaorg" and name.endswith(".jsonld"):
            issues += _schemaorg(path.read_bytes(), file, record)
        else:
            continue
        checked.append(rel)
    return Report(issues, checked)
