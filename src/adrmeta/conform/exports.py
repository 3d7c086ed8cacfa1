"""Every conformance check over an exports tree, by format: DDI (XSD and CESSDA profile), DCAT
(SHACL shapes), CSVW table schemas (the metadata vocabulary's rules), the cross-government model (JSON Schema and SHACL), HDR UK (JSON Schema and
filled-in required fields), schema.org (vocabulary and Google), and each feed manifest against
its files; the folder given may be one feed alone (a `manifest.json` at its top), as a receiver
downloads it, a folder of feeds (exports/feeds: each subfolder a feed with its manifest), or one
format's folder (exports/ddi: its files get that format's checks; `_placed_under`). A folder
holding nothing any check reads is a usage error (`nothing_to_check`), never "0 checked"."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from ..report import Issue, Location, Report
from . import feed

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


def _outside(file: str) -> Issue:
    return Issue(
        code="file.outside",
        message=f"{file} is a link that leads outside the folder checked; it is not read.",
        fix="Copy the file into the folder rather than linking to it.",
        location=Location(file=file),
    )


def is_folder_of_feeds(root: Path) -> bool:
    """Whether `root` is exports/feeds (or a copy): no manifest at its top, one atop a subfolder."""
    try:
        return not (root / feed.NAME).exists() and any((sub / feed.NAME).is_file() for sub in root.iterdir() if sub.is_dir())
    except OSError:  # an unreadable folder: nothing in it is checked, and conform says so
        return False


def _placed_under(root: Path) -> str:
    """Where the folder given sits in an exports tree, so one set of rules places its files: a
    folder of feeds is feeds/, a folder named for a format (exports/ddi) is that format's."""
    if is_folder_of_feeds(root):
        return "feeds/"
    if not (root / feed.NAME).exists() and root.resolve().name in {fmt for fmt, _suffix in checks()}:
        return root.resolve().name + "/"
    return ""


def check_tree(root: Path, display: Callable[[Path], str] = str) -> Report:
    """Conformance issues for every file of an exports tree, a feed, or a folder of feeds."""
    issues: list[Issue] = []
    checked = []
    bound = os.path.realpath(root)
    under = _placed_under(root)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if not feed.within(path, bound):  # a link out of the folder given: never read
            issues.append(_outside(display(path)))
            continue
        fmt = _format_of(under + rel)
        if feed.is_manifest(under + rel):
            issues += feed.check(path, display(path))
        elif check := checks().get((fmt, path.suffix)):
            # a table schema (csvw/{id}/{table}.json) belongs to the record its folder names
            record = None if path.name in COLLECTION_DOCUMENTS else (path.parent.name if fmt == "csvw" else path.stem)
            issues += check(path.read_bytes(), display(path), record)
        else:
            continue
        checked.append(rel)
    return Report(issues, checked)


def nothing_to_check(root: Path) -> str:
    """Why conform has nothing to say about a folder none of whose files it checks: what it takes,
    and the HTML pages it does not check when the folder holds some (exports/site)."""
    pages = sum(1 for p in root.rglob("*.html") if p.is_file())
    html = f"; it holds {pages} HTML page(s), which conform does not check" if pages else ""
    return (
        f"nothing adrmeta can check in {root}{html}: give an exports folder, a feed's folder "
        "(its manifest.json at the top), a folder of feeds, or one format's folder of exported files (ddi, dcat, ...)."
    )
