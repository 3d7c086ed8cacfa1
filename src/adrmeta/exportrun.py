"""The `adrmeta export` run: every format rendered straight into the new tree (or, for `--check`,
only hashed), on two cores, then the feeds, whose per-record documents are hard links to the
main export's. No text outlives its format, so memory holds the records and one format's
documents at a time, never the whole tree.

`feeds.tree` builds the same files in memory through the same sinks; a test holds the two to the
same bytes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from . import fileio
from .export import EXPORTERS, get
from .feeds import Digest, Sink, add_feed
from .fileio import staged_tree
from .model import Catalogue, Record


class ExportFailed(RuntimeError):
    """The second rendering process failed; nothing was written."""


class DirSink(Sink):
    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self.made: set[str] = set()

    def _folder(self, rel: str) -> None:
        folder = rel.rpartition("/")[0]
        if folder and folder not in self.made:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
            self.made.add(folder)

    def store(self, rel: str, text: str, data: bytes) -> None:
        self._folder(rel)
        fileio._write_file(self.root / rel, data)

    def link(self, rel: str, same_as: str) -> None:
        self._folder(rel)
        os.link(self.root / same_as, self.root / rel)


def render_formats(sink: Sink, catalogue: Catalogue, records: Mapping[str, Record], names: Sequence[str],
                   step: Callable[[str], None] = lambda name: None) -> None:
    for name in names:
        for rel, text in get(name)(catalogue, records, None).items():
            sink.put(rel, text)
        step(name)


def _split(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Two groups of formats of about equal work: DCAT and the light profiles here, the XML and
    HTML formats in the other process (measured on 10,000 records: 5.5 s against 7 s)."""
    other = [n for n in names if n in ("ddi", "site", "schemaorg")]
    return [n for n in names if n not in other], other


def _child(conn: Any, root: Path | None, catalogue: Catalogue, records: Mapping[str, Record], names: list[str]) -> None:
    try:
        sink = DirSink(root) if root is not None else Sink()
        render_formats(sink, catalogue, records, names)
        conn.send(("ok", sink.digests))
    except BaseException:  # reported to the parent, which fails the run
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def run(sink: Sink, catalogue: Catalogue, records: Mapping[str, Record], names: Sequence[str], *,
        feeds: bool, jobs: int = 2, step: Callable[[str], None] = lambda name: None) -> None:
    """Every format in `names`, then (with `feeds`) every feed, into `sink`. With two jobs the
    formats are shared with a forked process writing into the same folder."""
    mine, theirs = _split(names) if jobs > 1 and "fork" in multiprocessing.get_all_start_methods() else (list(names), [])
    if theirs:
        ctx = multiprocessing.get_context("fork")   # the child inherits the loaded records as they are
        parent_end, child_end = ctx.Pipe(duplex=False)
        root = sink.root if isinstance(sink, DirSink) else None
        proc = ctx.Process(target=_child, args=(child_end, root, catalogue, records, theirs), daemon=True)
        proc.start()
        child_end.close()
    try:
        render_formats(sink, catalogue, records, mine, step)
        if theirs:
            try:
                status, payload = parent_end.recv()
            except EOFError:  # the other process died without a word (killed, out of memory)
                status, payload = "error", f"the process exited with code {proc.exitcode}"
            proc.join()
            if status != "ok":
                raise ExportFailed(f"rendering {', '.join(theirs)} failed: {payload}")
            sink.digests.update(payload)
            for name in theirs:
                step(name)
    finally:
        if theirs and proc.is_alive():
            proc.kill()
    if feeds:
        for target in catalogue.target_catalogues:
            add_feed(sink, catalogue, records, target)
            step(f"feed {target.id}")


def steps(catalogue: Catalogue, names: Sequence[str], feeds: bool) -> int:
    return len(names) + (len(catalogue.target_catalogues) if feeds else 0)


def write(out: Path, catalogue: Catalogue, records: Mapping[str, Record], formats: Sequence[str] | None, *,
          jobs: int = 2, step: Callable[[str], None] = lambda name: None) -> dict[str, int]:
    """Replace the exports folder atomically; with `formats` (some formats only), the other
    formats' folders are carried over. Returns the number of files per top-level folder."""
    names = list(formats or sorted(EXPORTERS))
    keep = [p.name for p in out.iterdir() if p.is_dir() and p.name not in names] if formats and out.is_dir() else []
    with staged_tree(out, keep) as fresh:
        sink = DirSink(fresh)
        run(sink, catalogue, records, names, feeds=not formats, jobs=jobs, step=step)
    counts: dict[str, int] = {}
    for rel in sink.digests:
        top = rel.split("/", 1)[0]
        counts[top] = counts.get(top, 0) + 1
    return dict(sorted(counts.items()))


def digests(catalogue: Catalogue, records: Mapping[str, Record], formats: Sequence[str] | None, *,
            jobs: int = 2, step: Callable[[str], None] = lambda name: None) -> dict[str, Digest]:
    """What an export would write, as sizes and hashes only (for `--check`)."""
    sink = Sink()
    run(sink, catalogue, records, list(formats or sorted(EXPORTERS)), feeds=not formats, jobs=jobs, step=step)
    return sink.digests


@attrs.frozen
class Difference:
    stale: tuple[str, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.stale or self.missing or self.extra)


def compare(out: Path, expected: Mapping[str, Digest], partial: bool) -> Difference:
    """How the exports folder differs from what an export would write (with `partial`, only
    within the folders written). Files are hashed one at a time, never all held."""
    tops = {rel.split("/", 1)[0] for rel in expected}
    on_disk = set()
    if out.is_dir():
        for path in out.rglob("*"):
            rel = path.relative_to(out).as_posix()
            if path.is_file() and (not partial or rel.split("/", 1)[0] in tops):
                on_disk.add(rel)
    stale = []
    for rel in sorted(on_disk & set(expected)):
        data = (out / rel).read_bytes()
        if (len(data), hashlib.sha256(data).hexdigest()) != expected[rel]:
            stale.append(rel)
    return Difference(stale=tuple(stale), missing=tuple(sorted(set(expected) - on_disk)),
                      extra=tuple(sorted(on_disk - set(expected))))
