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
from pathlib import Path

import attrs

from .export import COMPLETE_ONLY, EXPORTERS, Renderer, dcat, get, hdruk
from .fileio import read_tree, replace_tree
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
             pending: Sequence[str], files: Mapping[str, str],
             left_out: Mapping[str, list[dict[str, object]]] | None = None) -> str:
    prefix = f"{FEEDS}/{target.id}/"
    entries = []
    for rel in sorted(files):
        data = files[rel].encode("utf-8")
        entries.append({"path": rel.removeprefix(prefix), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    doc = {
        "catalogue": target.id, "title": target.title, "operator": target.operator, "tres": list(target.tres),
        "publisher": catalogue.publisher, "base_uri": catalogue.base_uri, "modified": catalogue.modified,
        "record_count": len(ids), "records": ids, "formats": list(formats), "pending_formats": list(pending),
        "excluded": dict(left_out or {}), "files": entries,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# Per format, the documents that describe a set of records rather than one record: a feed renders
# these for its own records and reuses the main export's per-record documents, which are identical.
COLLECTION_DOCUMENTS: dict[str, Renderer] = {
    "dcat": dcat.render_catalog,
    "hdruk": partial(hdruk.render_list, version="3.0.0"),
    "hdruk-4": partial(hdruk.render_list, version="4.0.0"),
}


def feed(catalogue: Catalogue, records: Mapping[str, Record], target: TargetCatalogue,
         main: Mapping[str, str] | None = None) -> dict[str, str]:
    ids = accessible(target, records)
    formats = [f for f in target.formats if f in EXPORTERS and f not in NOT_IN_FEEDS]
    pending = [f for f in target.formats if f not in EXPORTERS]
    files: dict[str, str] = {}
    wanted = set(ids)
    for fmt in formats:
        if main is None:
            rendered = get(fmt)(catalogue, records, ids)
        else:
            rendered = {rel: text for rel, text in main.items()
                        if rel.startswith(f"{fmt}/") and rel.rsplit("/", 1)[1].rsplit(".", 1)[0] in wanted}
            if fmt in COLLECTION_DOCUMENTS:
                rendered.update(COLLECTION_DOCUMENTS[fmt](catalogue, records, ids))
        for rel, text in rendered.items():
            files[f"{FEEDS}/{target.id}/{rel}"] = text
    left_out = excluded(catalogue, records, ids, formats)
    files[f"{FEEDS}/{target.id}/manifest.json"] = manifest(catalogue, target, ids, formats, pending, files, left_out)
    return files


def tree(catalogue: Catalogue, records: Mapping[str, Record], formats: Sequence[str] | None = None) -> dict[str, str]:
    """Every file of an export: relative path -> text. With `formats`, only those formats'
    folders (and no feeds); without, every format and every feed."""
    files: dict[str, str] = {}
    for name in formats or sorted(EXPORTERS):
        files.update(get(name)(catalogue, records, None))
    if not formats:
        main = dict(files)
        for target in catalogue.target_catalogues:
            files.update(feed(catalogue, records, target, main))
    return files


def _tops(files: Mapping[str, str]) -> list[str]:
    return sorted({rel.split("/", 1)[0] for rel in files})


def write(out: Path, files: Mapping[str, str], partial: bool) -> dict[str, int]:
    """Replace the exports folder with `files` atomically; with `partial` (some formats only), the
    other formats' folders are carried over. Returns the number of files per top-level folder."""
    tops = _tops(files)
    old = [p.name for p in out.iterdir() if p.is_dir()] if partial and out.is_dir() else []
    replace_tree(out, dict(files), keep=[t for t in old if t not in tops])
    return {top: sum(1 for rel in files if rel.startswith(top + "/")) for top in tops}


@attrs.frozen
class Difference:
    stale: tuple[str, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.stale or self.missing or self.extra)


def compare(out: Path, files: Mapping[str, str], partial: bool) -> Difference:
    """How the exports folder differs from `files` (with `partial`, only within their folders)."""
    on_disk = read_tree(out)
    if partial:
        tops = set(_tops(files))
        on_disk = {rel: data for rel, data in on_disk.items() if rel.split("/", 1)[0] in tops}
    return Difference(
        stale=tuple(sorted(rel for rel, text in files.items() if rel in on_disk and on_disk[rel] != text.encode("utf-8"))),
        missing=tuple(sorted(rel for rel in files if rel not in on_disk)),
        extra=tuple(sorted(rel for rel in on_disk if rel not in files)))
