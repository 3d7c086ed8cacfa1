"""The `adrmeta export` run, over records held in memory: each format's documents are written
into the staged tree as they are made, and the feeds are a second sink over the same documents
(a feed keeps copies of its records' documents, renders its own collection documents and lists
every file in its manifest). `--check` runs the same path, hashing instead of writing; `serve`
runs it over the feeds' formats, keeping the feeds' files in memory (`feed_files`).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO

import attrs

from . import datestamps
from .export import EXPORTERS, get
from .export.files import Text
from .feeds import (
    FEEDS,
    SUBSET_FORMATS,
    Digest,
    Survey,
    excluded,
    feed_contents,
    formats_of,
    manifest,
    published_dates,
    survey,
)
from .fileio import staged_tree
from .model import Catalogue, Record
from .provenance import published
from .sets import memberships

TOP_FOLDERS = frozenset({*EXPORTERS, FEEDS})  # what an exports tree holds at its top


class Sink:
    """Files written under `root`, or with no root only hashed (`--check`). The size and sha256 of
    each file someone reads them for are kept in `digests`: every file when checking, only the
    feeds' files (their manifests list them) when writing; `files` names every file."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.digests: dict[str, Digest] = {}
        self.files: list[str] = []
        self._made: set[Path] = set()

    def _open(self, rel: str) -> IO[bytes] | None:
        if self.root is None:
            return None
        path = self.root / rel
        if path.parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(path.parent)
        return open(path, "wb")

    def put(self, rel: str, text: Text) -> None:
        """A document, whole or in pieces (one that grows with the records comes in pieces)."""
        self.files.append(rel)
        sha = hashlib.sha256() if self.root is None or rel.startswith(f"{FEEDS}/") else None
        size = 0
        fh = self._open(rel)
        with fh if fh is not None else contextlib.nullcontext():
            for chunk in [text] if isinstance(text, str) else text:
                data = chunk.encode("utf-8")
                size += len(data)
                if sha is not None:
                    sha.update(data)
                if fh is not None:
                    fh.write(data)
        if sha is not None:
            self.digests[rel] = (size, sha.hexdigest())


class Held(Sink):
    """The feeds' files kept in memory as bytes (for `serve`), with their sizes and hashes for the
    manifests; every other document is made, as the feeds' come from the same pass, and dropped.
    A record's document is the same in every feed that takes it, and often one the caller already
    holds (`held`: bytes by their path in a feed's folder, `dcat/datasets/leo.ttl`): the copies
    share one `bytes`, not one each."""

    def __init__(self, held: Mapping[str, bytes] | None = None) -> None:
        super().__init__()
        self.held: dict[str, bytes] = {}
        self._known: dict[str, bytes] = dict(held or {})

    def put(self, rel: str, text: Text) -> None:
        chunks = [text] if isinstance(text, str) else text
        if not rel.startswith(f"{FEEDS}/"):
            for _chunk in chunks:  # made (a generator may feed what comes after it), not kept
                pass
            return
        data = "".join(chunks).encode("utf-8")
        within = rel.split("/", 2)[2]
        known = self._known.get(within)
        if known == data:
            data = known
        else:
            self._known[within] = data
        self.held[rel] = data
        self.digests[rel] = (len(data), hashlib.sha256(data).hexdigest())


def feed_files(
    catalogue: Catalogue,
    records: Mapping[str, Record],
    previous: datestamps.Lock | None,
    held: Mapping[str, bytes] | None = None,
) -> dict[str, bytes]:
    """Every feed's files, byte for byte what `write` puts under feeds/ for the same records
    (path in the exports tree -> bytes), rendering only the formats the feeds carry. `previous`:
    the datestamps file the feeds' dates continue from (exports/records.json, as `export` reads
    it); without one, the dates of a first export. `held`: documents the caller keeps, which a
    feed's identical copy shares (`Held`)."""
    names = sorted({name for target in catalogue.target_catalogues for name in formats_of(target)[0]})
    sink = Held(held)
    run(sink, catalogue, records, names, found=survey(catalogue, records, sorted(EXPORTERS)), previous=previous, write_lock=False)
    return sink.held


def run(
    sink: Sink,
    catalogue: Catalogue,
    records: Mapping[str, Record],
    names: Sequence[str],
    *,
    found: Survey | None,
    step: Callable[[str], None] = lambda name: None,
    fingerprints: datestamps.Fingerprints | None = None,
    previous: datestamps.Lock | None = None,
    write_lock: bool = True,
) -> None:
    """Every format in `names` into `sink`; with the feeds' survey (`found`), every feed too; with
    `write_lock`, the datestamps file. `previous`: the datestamps file the export replaces (what it
    remembers of withdrawn records).
    Everything written sees stated facts only (`provenance.published`). One process: two forked
    ones were slower on a shared two-core machine and, on a quiet one, faster but over 1.5 GB
    together at 10,000 records, as each copies the records it touches (benchmarks/README.md)."""
    given, records = records, published(records)
    shown, dates = None, {}
    if found is not None:  # what the feeds show of catalogue.yaml, only when feeds are written
        shown = feed_contents(catalogue)
        dates = published_dates(catalogue, records, found.members, previous, shown)
    for name in names:
        _render(sink, catalogue, records, name, found, dates)
        step(name)
    if found is not None:
        for target in catalogue.target_catalogues:
            prefix = f"{FEEDS}/{target.id}/"
            ids = found.members[target.id]
            formats, pending = formats_of(target)
            listed = sorted(rel for rel in sink.digests if rel.startswith(prefix))
            sink.put(
                prefix + "manifest.json",
                manifest(
                    catalogue,
                    target,
                    ids,
                    formats,
                    pending,
                    ((rel, sink.digests[rel]) for rel in listed),
                    excluded(found, ids, formats),
                    found.left_out[target.id],
                    modified=dates[target.id],
                ),
            )
            step(f"feed {target.id}")
    if not write_lock:
        return
    # what validate compares datestamps with; of the records as given, whose fingerprints the stale
    # rule made (a fingerprint states its record itself, so it is the same of the published copy);
    # the sets of the published records, as OAI-PMH serves them
    lock = datestamps.lock_text(
        catalogue,
        given,
        fingerprints,
        sets=memberships(catalogue, records),
        previous=previous,
        feeds=dates if found is not None else None,  # no feeds written: the previous dates stand
        feed_content=shown,
    )
    sink.put(datestamps.LOCK, lock)


def _render(
    sink: Sink, catalogue: Catalogue, records: Mapping[str, Record], name: str, found: Survey | None, dates: Mapping[str, str]
) -> None:
    """One format's documents into `sink`, each per-record one also into the feeds that take the
    record, then the feeds' own collection documents (`dates`: each feed's published date)."""
    feeds = [
        (t.id, set(found.members[t.id])) for t in catalogue.target_catalogues if found is not None and name in formats_of(t)[0]
    ]
    if feeds and name in SUBSET_FORMATS:  # the feeds' collection documents from the same pass
        subsets = {f"{FEEDS}/{t}/": m for t, m in feeds}
        documents = get(name)(catalogue, records, None, subsets=subsets, dates={f"{FEEDS}/{t}/": dates[t] for t, _m in feeds})
    else:
        documents = get(name)(catalogue, records, None)
    for rel, text in documents:
        sink.put(rel, text)
        if feeds and isinstance(text, str) and not rel.startswith(f"{FEEDS}/"):  # a per-record document: into the feeds taking it
            rid = rel.rsplit("/", 1)[1].rsplit(".", 1)[0]
            for target_id, members in feeds:
                if rid in members:
                    sink.put(f"{FEEDS}/{target_id}/{rel}", text)


def steps(catalogue: Catalogue, names: Sequence[str], feeds: bool) -> int:
    return len(names) + (len(catalogue.target_catalogues) if feeds else 0)


def refusal(out: Path) -> str | None:
    """Why `out` must not be replaced by an export, or None: only a missing or empty folder, or
    a tree an export wrote (format folders, feeds and the datestamps file at its top, nothing
    else), may be."""
    if out.is_symlink():
        return f"{out} is a symbolic link; give the folder it points to"
    if not out.exists():
        return None
    if not out.is_dir():
        return f"{out} is not a folder"
    try:
        strange = sorted(
            p.name
            for p in out.iterdir()
            if p.is_symlink() or not ((p.name in TOP_FOLDERS and p.is_dir()) or (p.name == datestamps.LOCK and p.is_file()))
        )
    except OSError as exc:
        return f"{out} cannot be read: {exc.strerror or exc}"
    if strange:
        return (
            f"{out} holds {', '.join(strange[:3])}{' and more' if len(strange) > 3 else ''}, which an export "
            f"does not write; give an empty folder or one an earlier export wrote"
        )
    return None


def write(
    out: Path,
    catalogue: Catalogue,
    records: Mapping[str, Record],
    formats: Sequence[str] | None,
    *,
    found: Survey | None = None,
    step: Callable[[str], None] = lambda name: None,
    fingerprints: datestamps.Fingerprints | None = None,
    previous: datestamps.Lock | None = None,
) -> dict[str, int]:
    """Replace the exports folder atomically; with `formats` (some formats only), the other
    formats' folders are carried over and no feeds are written. Returns the number of files per
    top-level folder. `previous`: the datestamps file `out` holds, read there when not given."""
    names = list(formats or sorted(EXPORTERS))
    keep = [p.name for p in out.iterdir() if p.is_dir() and p.name not in names] if formats and out.is_dir() else []
    previous = datestamps.read_lock(out / datestamps.LOCK) if previous is None else previous
    with staged_tree(out, keep) as fresh:
        sink = Sink(fresh)
        run(
            sink,
            catalogue,
            records,
            names,
            found=_feeds(catalogue, records, formats, found),
            step=step,
            fingerprints=fingerprints,
            previous=previous,
        )
    counts: dict[str, int] = {}
    for rel in sink.files:
        top = rel.split("/", 1)[0]
        counts[top] = counts.get(top, 0) + 1
    return dict(sorted(counts.items()))


def digests(
    catalogue: Catalogue,
    records: Mapping[str, Record],
    formats: Sequence[str] | None,
    *,
    found: Survey | None = None,
    step: Callable[[str], None] = lambda name: None,
    fingerprints: datestamps.Fingerprints | None = None,
    previous: datestamps.Lock | None = None,
) -> dict[str, Digest]:
    """What an export would write, as sizes and hashes only (for `--check`; `previous`: the
    datestamps file of the tree checked)."""
    sink = Sink()
    run(
        sink,
        catalogue,
        records,
        list(formats or sorted(EXPORTERS)),
        found=_feeds(catalogue, records, formats, found),
        step=step,
        fingerprints=fingerprints,
        previous=previous,
    )
    return sink.digests


def _feeds(
    catalogue: Catalogue, records: Mapping[str, Record], formats: Sequence[str] | None, found: Survey | None
) -> Survey | None:
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
    return Difference(
        stale=tuple(stale), missing=tuple(sorted(set(expected) - on_disk)), extra=tuple(sorted(on_disk - set(expected)))
    )


def _digest(path: Path) -> Digest:
    """Size and sha256 of a file, read in pieces (a catalogue of every dataset can be large)."""
    sha = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()
