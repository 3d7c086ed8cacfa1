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
from collections.abc import Mapping, Sequence
from functools import partial

from .export import COMPLETE_ONLY, EXPORTERS, Renderer, dcat, get, hdruk
from .lookup import takes
from .model import Catalogue, Record, TargetCatalogue

FEEDS = "feeds"
NOT_IN_FEEDS = {"site"}  # the site is one for the whole catalogue, not per feed


def accessible(target: TargetCatalogue, records: Mapping[str, Record]) -> list[str]:
    """Ids of the records the catalogue harvests."""
    return sorted(rid for rid, rec in records.items() if takes(target, rec))


def excluded(catalogue: Catalogue, records: Mapping[str, Record], ids: Sequence[str],
             formats: Sequence[str]) -> dict[str, list[dict[str, object]]]:
    """Per complete-only format, the records it leaves out and the facts each lacks."""
    out: dict[str, list[dict[str, object]]] = {}
    for fmt in formats:
        if fmt in COMPLETE_ONLY:
            gaps = {rid: COMPLETE_ONLY[fmt](catalogue, records[rid]) for rid in ids}
            out[fmt] = [{"record": rid, "missing": [g.need for g in found]} for rid, found in gaps.items() if found]
    return out


def manifest(catalogue: Catalogue, target: TargetCatalogue, ids: list[str], formats: Sequence[str],
                 pending: Sequence[str], entries: Mapping[str, tuple[int, str]],
                 left_out: Mapping[str, list[dict[str, object]]] | None = None) -> str:
    """The manifest from the feed's files as (bytes, sha256) by path."""
    prefix = f"{FEEDS}/{target.id}/"
    listed = [{"path": rel.removeprefix(prefix), "bytes": size, "sha256": sha}
              for rel, (size, sha) in sorted(entries.items())]
    doc = {
        "catalogue": target.id, "title": target.title, "operator": target.operator, "tres": list(target.tres),
        "publisher": catalogue.publisher, "base_uri": catalogue.base_uri, "modified": catalogue.modified,
        "record_count": len(ids), "records": ids, "formats": list(formats), "pending_formats": list(pending),
        "excluded": dict(left_out or {}), "files": listed,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# Per format, the documents that describe a set of records rather than one record: a feed renders
# these for its own records and reuses the main export's per-record documents, which are identical.
COLLECTION_DOCUMENTS: dict[str, Renderer] = {
    "dcat": dcat.render_catalog,
    "hdruk": partial(hdruk.render_list, version="3.0.0"),
    "hdruk-4": partial(hdruk.render_list, version="4.0.0"),
}


Digest = tuple[int, str]  # bytes, sha256


class Sink:
    """Where rendered files go. Every file is recorded with its size and sha256 (the manifests
    need them); this base sink keeps nothing else, which is all `export --check` needs."""

    def __init__(self) -> None:
        self.digests: dict[str, Digest] = {}

    def put(self, rel: str, text: str) -> None:
        data = text.encode("utf-8")
        self.store(rel, text, data)
        self.digests[rel] = (len(data), hashlib.sha256(data).hexdigest())

    def alias(self, rel: str, same_as: str) -> None:
        """`rel` holds exactly what `same_as` holds (a feed's copy of a main-export document)."""
        self.link(rel, same_as)
        self.digests[rel] = self.digests[same_as]

    def store(self, rel: str, text: str, data: bytes) -> None:
        pass

    def link(self, rel: str, same_as: str) -> None:
        pass


class MemorySink(Sink):
    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, str] = {}

    def store(self, rel: str, text: str, data: bytes) -> None:
        self.files[rel] = text

    def link(self, rel: str, same_as: str) -> None:
        self.files[rel] = self.files[same_as]


def add_feed(sink: Sink, catalogue: Catalogue, records: Mapping[str, Record], target: TargetCatalogue) -> None:
    """A target catalogue's feed, from the per-record documents already in the sink: those of its
    records are aliased, its collection documents rendered for its records, and its manifest."""
    ids = accessible(target, records)
    wanted = set(ids)
    formats = [f for f in target.formats if f in EXPORTERS and f not in NOT_IN_FEEDS]
    pending = [f for f in target.formats if f not in EXPORTERS]
    prefix = f"{FEEDS}/{target.id}/"
    for fmt in formats:
        mine = [rel for rel in sink.digests
                if rel.startswith(f"{fmt}/") and rel.rsplit("/", 1)[1].rsplit(".", 1)[0] in wanted]
        for rel in mine:
            sink.alias(prefix + rel, rel)
        if fmt in COLLECTION_DOCUMENTS:
            for rel, text in COLLECTION_DOCUMENTS[fmt](catalogue, records, ids).items():
                sink.put(prefix + rel, text)
    entries = {rel: digest for rel, digest in sink.digests.items() if rel.startswith(prefix)}
    left_out = excluded(catalogue, records, ids, formats)
    sink.put(prefix + "manifest.json", manifest(catalogue, target, ids, formats, pending, entries, left_out))


def feed(catalogue: Catalogue, records: Mapping[str, Record], target: TargetCatalogue) -> dict[str, str]:
    """One feed alone, its formats rendered for its own records only (the export reuses the
    main documents instead; a test holds the two to the same bytes)."""
    sink = MemorySink()
    ids = accessible(target, records)
    for fmt in target.formats:
        if fmt in EXPORTERS and fmt not in NOT_IN_FEEDS:
            for rel, text in get(fmt)(catalogue, records, ids).items():
                sink.put(rel, text)
    add_feed(sink, catalogue, records, target)
    return {rel: text for rel, text in sink.files.items() if rel.startswith(f"{FEEDS}/")}


def tree(catalogue: Catalogue, records: Mapping[str, Record], formats: Sequence[str] | None = None) -> dict[str, str]:
    """Every file of an export, in memory: relative path -> text. With `formats`, only those
    formats' folders (and no feeds); without, every format and every feed."""
    sink = MemorySink()
    for name in formats or sorted(EXPORTERS):
        for rel, text in get(name)(catalogue, records, None).items():
            sink.put(rel, text)
    if not formats:
        for target in catalogue.target_catalogues:
            add_feed(sink, catalogue, records, target)
    return sink.files
