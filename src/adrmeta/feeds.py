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
             pending: Sequence[str], files: Mapping[str, str],
             left_out: Mapping[str, list[dict[str, object]]] | None = None) -> str:
    entries = {}
    for rel, text in files.items():
        data = text.encode("utf-8")
        entries[rel] = (len(data), hashlib.sha256(data).hexdigest())
    return manifest_doc(catalogue, target, ids, formats, pending, entries, left_out)


def manifest_doc(catalogue: Catalogue, target: TargetCatalogue, ids: list[str], formats: Sequence[str],
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
