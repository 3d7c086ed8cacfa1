"""A feed's files checked against its manifest (`manifest.json` at the feed's top, as `adrmeta
export` writes under exports/feeds/<id>/): what a receiver who downloaded one feed can verify.

| manifest                 | checked                                                            |
|--------------------------|--------------------------------------------------------------------|
| the file itself          | JSON (line, column of a syntax error), an object with a `files` list |
| `files[i]`               | an object with `path` (text), `bytes` (a count), `sha256` (64 hex) |
| `files[i].path`          | a plain relative path inside the feed (no `..`, not absolute, no link out); listed once; the file is there |
| `files[i].bytes`         | the file's size                                                    |
| `files[i].sha256`        | the file's SHA-256, read only when the size agrees                 |
| `record_count`           | a count, the length of the `records` list                          |
| (no entry)               | every other file in the feed's folder is reported as not listed    |

Every finding is `feed.manifest`, located in the manifest at the entry it concerns; a mismatch
shows both values, the manifest's and the file's. A path the
manifest gives is never followed out of the feed's folder: it is checked as text first, then
where its links lead, and only then opened."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from ..jsonplaces import JsonPlaces
from ..report import Issue, Location

NAME = "manifest.json"
MAX_BYTES = 64 * 1024 * 1024  # 10,010 records in three formats make a manifest of about 5 MB
FIX = "Download the feed again, or re-export the feeds; never edit a feed by hand."
_SHA256 = re.compile(r"[0-9a-f]{64}")


def is_manifest(rel: str) -> bool:
    """Whether a file (its path under the folder given to conform) is a feed's manifest: the folder
    is a feed, or an exports tree holding feeds/<id>/."""
    parts = rel.split("/")
    return rel == NAME or (len(parts) == 3 and parts[0] == "feeds" and parts[2] == NAME)


class _Manifest:
    def __init__(self, folder: Path, file: str, text: str) -> None:
        self.folder, self.file, self.text = folder, file, text  # file: the manifest as shown
        self.bound = os.path.realpath(folder)
        self._places: JsonPlaces | None = None

    def issue(self, pointer: str, message: str) -> Issue:
        line, column = self._position(pointer)
        return Issue(
            code="feed.manifest",
            path=pointer,
            message=message,
            fix=FIX,
            location=Location(file=self.file, line=line, column=column),
        )

    def _position(self, pointer: str) -> tuple[int | None, int | None]:
        """Line and column where the value at `pointer` starts (an object member at its key)."""
        if self._places is None:
            self._places = JsonPlaces(self.text)  # only once a finding needs a place
        return self._places.at(pointer) or (None, None)


def check(path: Path, file: str) -> list[Issue]:
    """Issues for a feed whose manifest is at `path` (shown as `file`); none when every file the
    manifest lists is there, as large and with the hash it says, and no other file is."""
    text, problem = _read(path)
    if problem:
        return [problem_issue(file, *problem)]
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return [problem_issue(file, f"the manifest is not JSON: {exc.msg}.", exc.lineno, exc.colno)]
    except RecursionError:
        return [problem_issue(file, "the manifest's nesting is too deep to be a manifest.", 1, 1)]
    manifest = _Manifest(path.parent, file, text)
    entries = doc.get("files") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        return [
            manifest.issue("/files" if isinstance(doc, dict) and "files" in doc else "", "the manifest has no list of files.")
        ]
    issues: list[Issue] = []
    listed: set[str] = set()
    for i, entry in enumerate(entries):
        issues += _entry(manifest, i, entry, listed)
    for rel in _unlisted(path, listed):
        issues.append(manifest.issue("/files", f"{_shown(rel)} is in the feed but not in its manifest."))
    return issues + _record_count(manifest, doc)


def _record_count(manifest: _Manifest, doc: dict[str, Any]) -> list[Issue]:
    """The stated count against the list of records it counts (a receiver may read either)."""
    if "record_count" not in doc:
        return []
    count, records = doc["record_count"], doc.get("records")
    if not isinstance(records, list):
        return [manifest.issue("/record_count", "the manifest gives a record_count but no list of records to count.")]
    if not _is_count(count):
        return [manifest.issue("/record_count", f"record_count is {json.dumps(count)}, not a count of records.")]
    if count != len(records):
        return [manifest.issue("/record_count", f"the manifest says record_count {count} but lists {len(records)} record(s).")]
    return []


def problem_issue(file: str, message: str, line: int | None = None, column: int | None = None) -> Issue:
    return Issue(code="feed.manifest", message=message, fix=FIX, location=Location(file=file, line=line, column=column))


def _read(path: Path) -> tuple[str, tuple[str] | None]:
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        return "", (f"the manifest cannot be read: {exc.strerror or exc}.",)
    if len(data) > MAX_BYTES:
        return "", (f"the manifest is larger than {MAX_BYTES // (1024 * 1024)} MB, far more than a feed's.",)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return "", (f"the manifest is not UTF-8 (byte {exc.start + 1}).",)


def _entry(manifest: _Manifest, i: int, entry: Any, listed: set[str]) -> list[Issue]:
    at = f"/files/{i}"
    if not (
        isinstance(entry, dict)
        and isinstance(entry.get("path"), str)
        and _is_count(entry.get("bytes"))
        and isinstance(entry.get("sha256"), str)
        and _SHA256.fullmatch(entry["sha256"])
    ):
        return [manifest.issue(at, f"entry {i} is not a file's path, bytes and sha256.")]
    rel: str = entry["path"]
    if not _plain(rel):
        return [manifest.issue(f"{at}/path", f"{rel!r} is not a plain path inside the feed's folder; it is not read.")]
    return _listed(manifest, at, rel, entry, listed)


def _listed(manifest: _Manifest, at: str, rel: str, entry: dict[str, Any], listed: set[str]) -> list[Issue]:
    if rel in listed:
        return [manifest.issue(f"{at}/path", f"{_shown(rel)} is listed twice.")]
    listed.add(rel)
    target = manifest.folder / rel
    if not within(target, manifest.bound):
        return [manifest.issue(f"{at}/path", f"{_shown(rel)} is a link leading outside the feed's folder; it is not read.")]
    if not target.is_file():
        return [manifest.issue(f"{at}/path", f"{_shown(rel)} is listed in the manifest but not in the feed.")]
    return _compare(manifest, at, rel, target, entry)


def _compare(manifest: _Manifest, at: str, rel: str, target: Path, entry: dict[str, Any]) -> list[Issue]:
    try:
        size = target.stat().st_size
        if size != entry["bytes"]:
            said = entry["bytes"]
            return [manifest.issue(f"{at}/bytes", f"{_shown(rel)}: the manifest says {said} bytes, the file has {size}.")]
        digest = _sha256(target)
    except OSError as exc:
        return [manifest.issue(f"{at}/path", f"{_shown(rel)} cannot be read: {exc.strerror or exc}.")]
    if digest != entry["sha256"]:
        said = entry["sha256"]
        return [manifest.issue(f"{at}/sha256", f"{_shown(rel)}: the manifest says sha256 {said}, the file has {digest}.")]
    return []


def _shown(rel: str) -> str:
    """A path as printed: quoted and escaped when it holds a character a terminal would act on."""
    return rel if rel.isprintable() else repr(rel)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):  # a feed file of any size, a megabyte at a time
            h.update(chunk)
    return h.hexdigest()


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _plain(rel: str) -> bool:
    """A relative path written the one way the exporter writes it: no `..`, `.`, empty part,
    backslash, drive or NUL, so it names a file under the feed's folder and nothing else."""
    posix = PurePosixPath(rel)
    return bool(
        rel
        and "\\" not in rel
        and "\0" not in rel
        and not posix.is_absolute()
        and not PureWindowsPath(rel).drive
        and ".." not in posix.parts
        and posix.as_posix() == rel
    )


def within(path: Path, bound: str) -> bool:
    """Whether `path`, its links followed, stays inside the folder whose real path is `bound`."""
    real = os.path.realpath(path)
    return real == bound or real.startswith(bound.rstrip(os.sep) + os.sep)


def _unlisted(manifest: Path, listed: set[str]) -> Iterator[str]:
    """Files in the feed's folder the manifest does not list (found by name; none is read)."""
    for other in sorted(manifest.parent.rglob("*")):
        rel = other.relative_to(manifest.parent).as_posix()
        if other != manifest and rel not in listed and (other.is_file() or other.is_symlink()):
            yield rel
