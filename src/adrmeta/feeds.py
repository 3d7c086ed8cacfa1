"""The exports tree as data: every format for every record, plus one feed per target catalogue.

A target catalogue (in catalogue.yaml) harvests the records accessible through its TREs, in the
formats it lists. Each feed has a manifest: its records, formats, and every file with its size and
sha256, so a harvester can check what it fetched. Records a format must leave out because a
required fact is missing (HDR UK, the cross-government model) are listed under `excluded` with what
each lacks, never faked. Nothing here touches the disk.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial

import attrs

from .export import COMPLETE_ONLY, EXPORTERS, dcat, get, hdruk
from .export.files import Renderer, Text
from .lookup import takes
from .model import Catalogue, Record, TargetCatalogue
from .perf import halves

FEEDS = "feeds"
Digest = tuple[int, str]  # bytes, sha256
NOT_IN_FEEDS = {"site"}  # the site is one for the whole catalogue, not per feed


def accessible(target: TargetCatalogue, records: Mapping[str, Record]) -> list[str]:
    """Ids of the records the catalogue harvests."""
    return sorted(rid for rid, rec in records.items() if takes(target, rec))


@attrs.frozen
class Survey:
    """What the feeds need to know of every record, found in one pass over them."""

    members: dict[str, list[str]]               # target catalogue id -> ids of the records it harvests
    lacking: dict[str, dict[str, list[str]]]    # complete-only format -> record id -> the facts it lacks


def survey(catalogue: Catalogue, records: Mapping[str, Record], formats: Sequence[str], jobs: int = 1) -> Survey:
    """Which records each target catalogue harvests, and what each complete-only format among
    `formats` finds missing in each record (in halves on two processes, with `jobs`)."""
    targets = catalogue.target_catalogues
    ids = sorted(records)
    checked = [f for f in formats if f in COMPLETE_ONLY]

    def part(start: int, stop: int, _half: int | None) -> Survey:
        members: dict[str, list[str]] = {t.id: [] for t in targets}
        lacking: dict[str, dict[str, list[str]]] = {f: {} for f in checked}
        for rid in ids[start:stop]:
            rec = records[rid]
            for target in targets:
                if takes(target, rec):
                    members[target.id].append(rid)
            found: dict[object, list[str]] = {}   # formats sharing a profile check it once
            for fmt in checked:
                gaps = COMPLETE_ONLY[fmt]
                if gaps not in found:
                    found[gaps] = [g.need for g in gaps(catalogue, rec)]
                if found[gaps]:
                    lacking[fmt][rid] = found[gaps]
        return Survey(members, lacking)

    whole = Survey({t.id: [] for t in targets}, {f: {} for f in checked})
    for one in halves(part, len(ids), jobs):
        for key, found_ids in one.members.items():
            whole.members[key].extend(found_ids)
        for fmt, gaps in one.lacking.items():
            whole.lacking[fmt].update(gaps)
    return whole


def excluded(found: Survey, ids: Sequence[str], formats: Sequence[str]) -> dict[str, list[dict[str, object]]]:
    """Per complete-only format, the records among `ids` it leaves out and the facts each lacks."""
    return {fmt: [{"record": rid, "missing": found.lacking[fmt][rid]} for rid in ids if rid in found.lacking[fmt]]
            for fmt in formats if fmt in found.lacking}


def manifest(catalogue: Catalogue, target: TargetCatalogue, ids: list[str], formats: Sequence[str],
             pending: Sequence[str], entries: Iterable[tuple[str, Digest]],
             left_out: Mapping[str, list[dict[str, object]]] | None = None) -> Iterator[str]:
    """The manifest, in pieces, from the feed's files as (path, (bytes, sha256)) sorted by path: a
    feed of many records lists many files, so they are written out one by one, never gathered
    (the text is what `json.dumps(..., indent=1)` would give of the whole)."""
    prefix = f"{FEEDS}/{target.id}/"
    doc = {
        "catalogue": target.id, "title": target.title, "operator": target.operator, "tres": list(target.tres),
        "publisher": catalogue.publisher, "base_uri": catalogue.base_uri, "modified": catalogue.modified,
        "record_count": len(ids), "records": ids, "formats": list(formats), "pending_formats": list(pending),
        "excluded": dict(left_out or {}), "files": [],
    }
    head = json.dumps(doc, ensure_ascii=False, indent=1)
    assert head.endswith(' "files": []\n}')
    yield head[:-len("[]\n}")]
    sep = "[\n"
    for rel, (size, sha) in entries:
        path = json.dumps(rel.removeprefix(prefix), ensure_ascii=False)
        yield f'{sep}  {{\n   "path": {path},\n   "bytes": {size},\n   "sha256": "{sha}"\n  }}'
        sep = ",\n"
    yield "[]\n}\n" if sep == "[\n" else "\n ]\n}\n"


# Per format, the documents that describe a set of records rather than one record: a feed renders
# these for its own records and reuses the main export's per-record documents, which are identical.
COLLECTION_DOCUMENTS: dict[str, Renderer] = {
    "dcat": dcat.catalog_documents,
    "hdruk": partial(hdruk.list_documents, version="3.0.0"),
    "hdruk-4": partial(hdruk.list_documents, version="4.0.0"),
}


class Sink:
    """Where rendered files go. Every file is recorded with its size and sha256 (the manifests
    need them); this base sink keeps nothing else, which is all `export --check` needs."""

    def __init__(self, packed: bool = False) -> None:
        self.digests: dict[str, Digest] = {}
        # With `packed`, digests go to one buffer instead (see `unpack`): a worker process that
        # renders thousands of files would otherwise leave small objects all over its heap.
        self.packed = bytearray() if packed else None

    def record(self, rel: str, digest: Digest) -> None:
        if self.packed is None:
            self.digests[rel] = digest
        else:
            if "\t" in rel or "\n" in rel:
                raise ValueError(f"a file name with a tab or line break: {rel!r}")
            self.packed += f"{rel}\t{digest[0]}\t{digest[1]}\n".encode()

    def put(self, rel: str, text: Text) -> None:
        if isinstance(text, str):
            data = text.encode("utf-8")
            self.store(rel, text, data)
            self.record(rel, (len(data), hashlib.sha256(data).hexdigest()))
            return
        sha = hashlib.sha256()
        size = 0

        def encoded() -> Iterator[bytes]:
            nonlocal size
            for chunk in text:
                data = chunk.encode("utf-8")
                sha.update(data)
                size += len(data)
                yield data
        self.store_chunks(rel, encoded())
        self.record(rel, (size, sha.hexdigest()))

    @staticmethod
    def unpack(packed: bytes) -> dict[str, Digest]:
        out = {}
        for line in packed.decode("utf-8").splitlines():
            rel, size, sha = line.split("\t")
            out[rel] = (int(size), sha)
        return out

    def alias(self, rel: str, same_as: str) -> None:
        """`rel` holds exactly what `same_as` holds (a feed's copy of a main-export document)."""
        self.link(rel, same_as)
        self.digests[rel] = self.digests[same_as]

    def store(self, rel: str, text: str, data: bytes) -> None:
        pass

    def store_chunks(self, rel: str, chunks: Iterator[bytes]) -> None:
        """A document that comes in pieces (it grows with the records): never joined here."""
        for _ in chunks:
            pass

    def link(self, rel: str, same_as: str) -> None:
        pass


class MemorySink(Sink):
    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, str] = {}

    def store(self, rel: str, text: str, data: bytes) -> None:
        self.files[rel] = text

    def store_chunks(self, rel: str, chunks: Iterator[bytes]) -> None:
        self.files[rel] = b"".join(chunks).decode("utf-8")

    def link(self, rel: str, same_as: str) -> None:
        self.files[rel] = self.files[same_as]


def formats_of(target: TargetCatalogue) -> tuple[list[str], list[str]]:
    """The formats a feed carries, and those its catalogue asks for that adrmeta cannot yet write."""
    return ([f for f in target.formats if f in EXPORTERS and f not in NOT_IN_FEEDS],
            [f for f in target.formats if f not in EXPORTERS])


def feed_collections(catalogue: Catalogue, formats: Sequence[str]) -> list[tuple[str, TargetCatalogue]]:
    """Every (format, feed) whose collection documents must be rendered for the feed's records."""
    return [(fmt, target) for target in catalogue.target_catalogues for fmt in formats_of(target)[0]
            if fmt in COLLECTION_DOCUMENTS and fmt in formats]


def add_collection(sink: Sink, catalogue: Catalogue, records: Mapping[str, Record], fmt: str,
                   target: TargetCatalogue, ids: Sequence[str]) -> None:
    """A feed's collection documents in one format, for its records `ids`."""
    for rel, text in COLLECTION_DOCUMENTS[fmt](catalogue, records, ids):
        sink.put(f"{FEEDS}/{target.id}/{rel}", text)


def finish_feed(sink: Sink, catalogue: Catalogue, target: TargetCatalogue, found: Survey) -> None:
    """The rest of a feed once every document is in the sink: its records' per-record documents
    aliased from the main export's, and its manifest."""
    ids = found.members[target.id]
    wanted = set(ids)
    formats, pending = formats_of(target)
    prefix = f"{FEEDS}/{target.id}/"
    for fmt in formats:
        mine = [rel for rel in sink.digests
                if rel.startswith(f"{fmt}/") and rel.rsplit("/", 1)[1].rsplit(".", 1)[0] in wanted]
        for rel in mine:
            sink.alias(prefix + rel, rel)
    listed = sorted(rel for rel in sink.digests if rel.startswith(prefix))
    sink.put(prefix + "manifest.json", manifest(catalogue, target, ids, formats, pending,
                                                ((rel, sink.digests[rel]) for rel in listed), excluded(found, ids, formats)))


def add_feed(sink: Sink, catalogue: Catalogue, records: Mapping[str, Record], target: TargetCatalogue,
             found: Survey) -> None:
    """A target catalogue's whole feed, from the per-record documents already in the sink."""
    ids = found.members[target.id]
    for fmt in formats_of(target)[0]:
        if fmt in COLLECTION_DOCUMENTS:
            add_collection(sink, catalogue, records, fmt, target, ids)
    finish_feed(sink, catalogue, target, found)


def feed(catalogue: Catalogue, records: Mapping[str, Record], target: TargetCatalogue) -> dict[str, str]:
    """One feed alone, its formats rendered for its own records only (the export reuses the
    main documents instead; a test holds the two to the same bytes)."""
    sink = MemorySink()
    ids = accessible(target, records)
    formats = formats_of(target)[0]
    for fmt in formats:
        for rel, text in get(fmt)(catalogue, records, ids):
            sink.put(rel, text)
    add_feed(sink, catalogue, records, target, survey(catalogue, records, formats))
    return {rel: text for rel, text in sink.files.items() if rel.startswith(f"{FEEDS}/")}


def tree(catalogue: Catalogue, records: Mapping[str, Record], formats: Sequence[str] | None = None) -> dict[str, str]:
    """Every file of an export, in memory: relative path -> text. With `formats`, only those
    formats' folders (and no feeds); without, every format and every feed."""
    sink = MemorySink()
    for name in formats or sorted(EXPORTERS):
        for rel, text in get(name)(catalogue, records, None):
            sink.put(rel, text)
    if not formats:
        found = survey(catalogue, records, sorted(EXPORTERS))
        for target in catalogue.target_catalogues:
            add_feed(sink, catalogue, records, target, found)
    return sink.files
