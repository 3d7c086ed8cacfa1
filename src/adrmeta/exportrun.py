"""The `adrmeta export` run: every format rendered straight into the new tree (or, for `--check`,
only hashed), on two cores, then the feeds, whose per-record documents are hard links to the
main export's. Each document is written as it is made (a catalogue of every dataset in pieces),
and the records are read back from their spool (`store`) as needed, so memory does not grow
with the records beyond a few small per-record facts.

`feeds.tree` builds the same files in memory through the same sinks; a test holds the two to the
same bytes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from . import fileio
from .export import EXPORTERS, get
from .feeds import Digest, Sink, Survey, add_collection, collections, finish_feed, survey
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

    def store_chunks(self, rel: str, chunks: Iterator[bytes]) -> None:
        self._folder(rel)
        with open(self.root / rel, "wb") as fh:
            for data in chunks:
                fh.write(data)

    def link(self, rel: str, same_as: str) -> None:
        self._folder(rel)
        os.link(self.root / same_as, self.root / rel)


Unit = tuple[str, str | None]   # a format, and the feed whose collection documents it renders (None: the main export)

# Rough cost of each format's run over 10,000 records, in seconds (measured; the collection
# documents of a feed cost a share of their format's): the bigger units go first, so the two
# processes end close together.
COST = {"site": 6.0, "dcat": 6.5, "ddi": 3.0, "schemaorg": 2.0, "dcat-uk": 1.0, "hdruk": 1.0, "hdruk-4": 1.0}


def units(catalogue: Catalogue, records: Mapping[str, Record], names: Sequence[str], found: Survey | None) -> list[Unit]:
    """Every piece of rendering work, biggest first: each format, and with the feeds (`found`)
    each feed's collection documents."""
    work: list[tuple[float, Unit]] = [(COST.get(n, 1.0), (n, None)) for n in names]
    if found is not None:
        share = max(1, len(records))
        work += [(COST.get(fmt, 1.0) * len(found.members[t.id]) / share / 2, (fmt, t.id))
                 for fmt, t in collections(catalogue, names)]
    return [u for _cost, u in sorted(work, key=lambda cu: (-cu[0], cu[1][0], cu[1][1] or ""))]


def render_unit(sink: Sink, catalogue: Catalogue, records: Mapping[str, Record], unit: Unit, found: Survey | None) -> None:
    name, target_id = unit
    if target_id is None:
        for rel, text in get(name)(catalogue, records, None):
            sink.put(rel, text)
    else:
        assert found is not None
        target = next(t for t in catalogue.target_catalogues if t.id == target_id)
        add_collection(sink, catalogue, records, name, target, found.members[target_id])


class _Queue:
    """The next unit to render, shared by the processes (a counter in shared memory)."""

    def __init__(self, work: list[Unit], shared: Any = None) -> None:
        self.work = work
        self.shared = shared
        self.local = 0

    def take(self) -> Unit | None:
        if self.shared is None:
            k, self.local = self.local, self.local + 1
        else:
            with self.shared.get_lock():
                k = self.shared.value
                self.shared.value = k + 1
        return self.work[k] if k < len(self.work) else None


def render_queue(sink: Sink, catalogue: Catalogue, records: Mapping[str, Record], queue: _Queue,
                 found: Survey | None, step: Callable[[str], None] = lambda name: None) -> list[Unit]:
    """Render units from the queue until it is empty; returns those rendered here."""
    done = []
    while (unit := queue.take()) is not None:
        render_unit(sink, catalogue, records, unit, found)
        done.append(unit)
        if unit[1] is None:
            step(unit[0])
    return done


def _child(conn: Any, root: Path | None, catalogue: Catalogue, records: Mapping[str, Record], queue: _Queue,
           found: Survey | None) -> None:
    try:
        sink = DirSink(root) if root is not None else Sink()
        done = render_queue(sink, catalogue, records, queue, found)
        conn.send(("ok", (sink.digests, done)))
    except BaseException:  # reported to the parent, which fails the run
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def run(sink: Sink, catalogue: Catalogue, records: Mapping[str, Record], names: Sequence[str], *,
        found: Survey | None, jobs: int = 2, step: Callable[[str], None] = lambda name: None) -> None:
    """Every format in `names`, then (with the feeds' survey, `found`) every feed, into `sink`.
    With two jobs a forked process takes units of work from the same queue, writing into the
    same folder: which process renders what varies, the bytes do not."""
    work = units(catalogue, records, names, found)
    two = jobs > 1 and len(work) > 1 and "fork" in multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork") if two else None   # the child inherits the records as loaded
    queue = _Queue(work, ctx.Value("i", 0) if ctx else None)
    if ctx:
        parent_end, child_end = ctx.Pipe(duplex=False)
        root = sink.root if isinstance(sink, DirSink) else None
        proc = ctx.Process(target=_child, args=(child_end, root, catalogue, records, queue, found), daemon=True)
        proc.start()
        child_end.close()
    try:
        render_queue(sink, catalogue, records, queue, found, step)
        if ctx:
            try:
                status, payload = parent_end.recv()
            except EOFError:  # the other process died without a word (killed, out of memory)
                status, payload = "error", f"the process exited with code {proc.exitcode}"
            proc.join()
            if status != "ok":
                raise ExportFailed(f"rendering failed in the second process: {payload}")
            theirs, done = payload
            sink.digests.update(theirs)
            for name, target_id in done:
                if target_id is None:
                    step(name)
    finally:
        if ctx and proc.is_alive():
            proc.kill()
    if found is not None:
        for target in catalogue.target_catalogues:
            finish_feed(sink, catalogue, target, found)
            step(f"feed {target.id}")


def steps(catalogue: Catalogue, names: Sequence[str], feeds: bool) -> int:
    return len(names) + (len(catalogue.target_catalogues) if feeds else 0)


def write(out: Path, catalogue: Catalogue, records: Mapping[str, Record], formats: Sequence[str] | None, *,
          found: Survey | None = None, jobs: int = 2, step: Callable[[str], None] = lambda name: None) -> dict[str, int]:
    """Replace the exports folder atomically; with `formats` (some formats only), the other
    formats' folders are carried over and no feeds are written. Returns the number of files per
    top-level folder."""
    names = list(formats or sorted(EXPORTERS))
    keep = [p.name for p in out.iterdir() if p.is_dir() and p.name not in names] if formats and out.is_dir() else []
    with staged_tree(out, keep) as fresh:
        sink = DirSink(fresh)
        run(sink, catalogue, records, names, found=_feeds(catalogue, records, formats, found), jobs=jobs, step=step)
    counts: dict[str, int] = {}
    for rel in sink.digests:
        top = rel.split("/", 1)[0]
        counts[top] = counts.get(top, 0) + 1
    return dict(sorted(counts.items()))


def digests(catalogue: Catalogue, records: Mapping[str, Record], formats: Sequence[str] | None, *,
            found: Survey | None = None, jobs: int = 2, step: Callable[[str], None] = lambda name: None) -> dict[str, Digest]:
    """What an export would write, as sizes and hashes only (for `--check`)."""
    sink = Sink()
    run(sink, catalogue, records, list(formats or sorted(EXPORTERS)), found=_feeds(catalogue, records, formats, found),
        jobs=jobs, step=step)
    return sink.digests


def _feeds(catalogue: Catalogue, records: Mapping[str, Record], formats: Sequence[str] | None,
           found: Survey | None) -> Survey | None:
    """The survey the feeds need: none when only some formats are written."""
    if formats:
        return None
    return found or survey(catalogue, records, sorted(EXPORTERS))


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
