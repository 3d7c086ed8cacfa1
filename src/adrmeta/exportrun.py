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
import multiprocessing.connection
import os
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from . import datestamps, fileio
from .export import EXPORTERS, get
from .feeds import Digest, Sink, Survey, add_collection, feed_collections, finish_feed, survey
from .fileio import staged_tree
from .model import Catalogue, Record


class ExportFailed(RuntimeError):
    """A rendering process failed; nothing was written."""


class DirSink(Sink):
    """Files written under `root`; with `previous` (the tree being replaced), files whose bytes
    are unchanged are hard links to the old ones (`fileio.write_or_reuse`)."""

    def __init__(self, root: Path, previous: Path | None = None, packed: bool = False) -> None:
        super().__init__(packed)
        self.root = root
        self.previous = previous
        self.made: set[str] = set()

    def _folder(self, rel: str) -> None:
        folder = rel.rpartition("/")[0]
        if folder and folder not in self.made:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
            self.made.add(folder)

    def store(self, rel: str, text: str, data: bytes) -> None:
        self._folder(rel)
        fileio.write_or_reuse(self.root / rel, data, self.previous / rel if self.previous else None)

    def store_chunks(self, rel: str, chunks: Iterator[bytes]) -> None:
        self._folder(rel)
        with open(self.root / rel, "wb") as fh:
            for data in chunks:
                fh.write(data)

    def link(self, rel: str, same_as: str) -> None:
        self._folder(rel)
        os.link(self.root / same_as, self.root / rel)


Unit = tuple[str, str | None]   # a format, and the feed whose collection documents it renders (None: the main export)

# Seconds each format took over 10,000 records (measured; a feed's collection documents take about
# its share of the records of that): the bigger units go first, so the two workers end together.
COST = {"dcat": 7.5, "site": 5.5, "ddi": 5.0, "schemaorg": 3.0, "dcat-uk": 1.5, "hdruk": 1.2, "hdruk-4": 1.3}


def units(catalogue: Catalogue, records: Mapping[str, Record], names: Sequence[str], found: Survey | None) -> list[Unit]:
    """Every piece of rendering work, biggest first: each format, and with the feeds (`found`)
    each feed's collection documents."""
    work: list[tuple[float, Unit]] = [(COST.get(n, 1.0), (n, None)) for n in names]
    if found is not None:
        share = max(1, len(records))
        work += [(COST.get(fmt, 1.0) * len(found.members[t.id]) / share, (fmt, t.id))
                 for fmt, t in feed_collections(catalogue, names)]
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


def _child(conn: Any, into: DirSink | None, catalogue: Catalogue, records: Mapping[str, Record], unit: Unit,
           found: Survey | None) -> None:
    try:
        sink = DirSink(into.root, into.previous, packed=True) if into is not None else Sink(packed=True)
        render_unit(sink, catalogue, records, unit, found)
        conn.send(("ok", bytes(sink.packed or b"")))
    except OSError as exc:  # the disk or the temporary folder: a message, not a traceback
        conn.send(("error", f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}"))
    except BaseException:  # a fault of adrmeta's own: the traceback goes into the message, for the report
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def run(sink: Sink, catalogue: Catalogue, records: Mapping[str, Record], names: Sequence[str], *,
        found: Survey | None, jobs: int = 2, step: Callable[[str], None] = lambda name: None) -> None:
    """Every format in `names`, then (with the feeds' survey, `found`) every feed, into `sink`.

    With two jobs each unit of work is rendered by a process forked for it, two at a time, biggest
    first: a unit's garbage dies with its process, so however many records there are, this
    process holds only the loaded index and the files' hashes, and every worker starts afresh.
    Which unit ends first varies; the bytes do not."""
    work = units(catalogue, records, names, found)
    if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
        _render_forked(sink, catalogue, records, work, found, jobs, step)
    else:
        for unit in work:
            render_unit(sink, catalogue, records, unit, found)
            if unit[1] is None:
                step(unit[0])
    if found is not None:
        for target in catalogue.target_catalogues:
            finish_feed(sink, catalogue, target, found)
            step(f"feed {target.id}")
    sink.put(datestamps.LOCK, datestamps.lock_text(catalogue, records))   # what validate compares datestamps with


def _render_forked(sink: Sink, catalogue: Catalogue, records: Mapping[str, Record], work: list[Unit],
                   found: Survey | None, jobs: int, step: Callable[[str], None]) -> None:
    ctx = multiprocessing.get_context("fork")   # a worker inherits the records as loaded
    into = sink if isinstance(sink, DirSink) else None
    pending = list(work)
    running: dict[Any, tuple[Unit, Any]] = {}   # the parent's end of each worker's pipe -> its unit, its process
    try:
        while pending or running:
            while pending and len(running) < jobs:
                unit = pending.pop(0)
                parent_end, child_end = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_child, args=(child_end, into, catalogue, records, unit, found), daemon=True)
                proc.start()
                child_end.close()
                running[parent_end] = (unit, proc)
            for ready in multiprocessing.connection.wait(list(running)):
                unit, proc = running.pop(ready)
                conn: Any = ready
                payload: Any
                try:
                    status, payload = conn.recv()
                except EOFError:  # the worker died without a word (killed, out of memory)
                    status, payload = "error", None
                conn.close()
                proc.join()
                payload = payload if status == "ok" or payload else f"the process exited with code {proc.exitcode}"
                if status != "ok":
                    raise ExportFailed(f"rendering {unit[0]}{f' for feed {unit[1]}' if unit[1] else ''} failed: {payload}")
                sink.digests.update(Sink.unpack(payload))
                if unit[1] is None:
                    step(unit[0])
    finally:
        for _unit, proc in running.values():
            proc.kill()
            proc.join()


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
        sink = DirSink(fresh, previous=out if out.is_dir() else None)
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
    stale = [rel for rel in sorted(on_disk & set(expected)) if _digest(out / rel) != expected[rel]]
    return Difference(stale=tuple(stale), missing=tuple(sorted(set(expected) - on_disk)),
                      extra=tuple(sorted(on_disk - set(expected))))


def _digest(path: Path) -> Digest:
    """Size and sha256 of a file, read in pieces (a catalogue of every dataset can be large)."""
    sha = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()
