"""The exports tree as data: every format for every record, plus one feed per target catalogue.

A target catalogue (in catalogue.yaml) harvests the records accessible through its TREs, in the
formats it lists. Each feed has a manifest: its records, formats, and every file with its size and
sha256, so a harvester can check what it fetched. A record with a route through the catalogue's
TREs that the feed still does not take (the route is an inference no source states, or the dataset
is not available) is listed under `left_out` with the reasons in plain words. Records a format must
leave out because a required fact is missing (HDR UK, the cross-government model) are listed under
`excluded` with what each lacks, never faked. What goes into a feed is decided here; `exportrun`
writes it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from .datestamps import Lock, entries, feed_fingerprint, withdrawn
from .export import COMPLETE_ONLY, EXPORTERS
from .lookup import index
from .model import Catalogue, Record, TargetCatalogue
from .profiles import NotTaken, not_taken, takes
from .provenance import stated

FEEDS = "feeds"
Digest = tuple[int, str]  # bytes, sha256
NOT_IN_FEEDS = {"site"}  # the site is one for the whole catalogue, not per feed


def accessible(target: TargetCatalogue, records: Mapping[str, Record]) -> list[str]:
    """Ids of the records the catalogue harvests."""
    return sorted(rid for rid, rec in records.items() if takes(target, rec))


def set_spec(target_id: str) -> str:
    """The OAI-PMH set of a feed's records (`adrmeta.sets`): a feed and its set hold the same ones."""
    return f"catalogue:{target_id}"


def published_dates(
    catalogue: Catalogue,
    records: Mapping[str, Record],
    members: Mapping[str, Sequence[str]],
    previous: Lock | None,
    shown: Mapping[str, str],
) -> dict[str, str]:
    """Per feed (target catalogue id -> its records' ids), the date it publishes as its last
    change: the newest of
    - its records' `modified` (an edit to a catalogue entry a record shows moves the record's
      date, through its fingerprint: `datestamps.fingerprint`);
    - the date of each record that left it since the last export (`previous`, whose sets say who
      was in it): the withdrawal's date of one withdrawn, else the record's `modified`;
    - the date `previous` published, so the date never moves back and a leaver moves it for good;
    - the catalogue file's own `modified`, only when what the feed shows of that file besides its
      records (`shown`: per feed, `datestamps.feed_fingerprint`, as `feed_contents` makes it) differs
      from what `previous` knew. That date moves with any edit to the file, a withdrawal from
      another feed too (`adrmeta touch`); taken always, one record withdrawn from one feed
      moved every feed's date, and every harvester polling a feed's date re-harvested it whole.
      A `previous` that does not know a feed's content (the first export, an earlier version's
      file) takes it, as before.
    A `previous` without sets or feed dates (an earlier version wrote it) adds no leaver."""
    left_on = {rid: entry.date for rid, entry in withdrawn(catalogue).items()}  # a withdrawn leaver's date
    known = previous.feed_content if previous is not None else {}
    out = {}
    for target_id, ids in members.items():
        dates = [r.modified for r in (records[rid] for rid in ids)]
        if known.get(target_id) is None or known[target_id] != shown.get(target_id):
            dates.append(catalogue.modified)
        if previous is not None:
            spec, now = set_spec(target_id), set(ids)
            for rid in previous:
                if rid not in now and spec in (previous.sets_of(rid) or ()):
                    left = records[rid].modified if rid in records else left_on.get(rid)
                    dates += [left] if left else []
            dates += [previous.feeds[target_id]] if target_id in previous.feeds else []
        out[target_id] = max(dates)  # never empty: the file's date is left out only when `previous` knew
        # the feed's content, which it reads only with the feed's date
    return out


def feed_contents(catalogue: Catalogue) -> dict[str, str]:
    """Per feed, the fingerprint of what it shows of catalogue.yaml besides its records
    (`datestamps.feed_fingerprint`)."""
    index = entries(catalogue)
    return {t.id: feed_fingerprint(catalogue, t, index) for t in catalogue.target_catalogues}


@attrs.frozen
class Survey:
    """What the feeds need to know of every record, found in one pass over them."""

    members: dict[str, list[str]]  # target catalogue id -> ids of the records it harvests
    lacking: dict[str, dict[str, list[str]]]  # complete-only format -> record id -> the facts it lacks
    left_out: dict[str, list[dict[str, object]]]  # target id -> [{record, reasons}]: routes it still does not take


def survey(catalogue: Catalogue, records: Mapping[str, Record], formats: Sequence[str]) -> Survey:
    """Which records each target catalogue harvests, and what each complete-only format among
    `formats` finds missing in each record."""
    checked = [f for f in formats if f in COMPLETE_ONLY]
    targets = catalogue.target_catalogues
    found = Survey({t.id: [] for t in targets}, {f: {} for f in checked}, {t.id: [] for t in targets})
    for rid in sorted(records):
        for target in targets:
            if takes(target, records[rid]):
                found.members[target.id].append(rid)
            elif why := not_taken(target, records[rid]):
                found.left_out[target.id].append({"record": rid, "reasons": reasons_left_out(catalogue, why)})
        rec = stated(records[rid])  # once for every profile's gaps: stating it again is a scan
        gaps_of: dict[object, list[str]] = {}  # formats sharing a profile check it once
        for fmt in checked:
            gaps = COMPLETE_ONLY[fmt]
            if gaps not in gaps_of:
                gaps_of[gaps] = [g.need for g in gaps(catalogue, rec)]
            if gaps_of[gaps]:
                found.lacking[fmt][rid] = gaps_of[gaps]
    return found


def reasons_left_out(catalogue: Catalogue, why: NotTaken) -> list[str]:
    """Why a feed does not take a record (`profiles.not_taken`), in plain words."""
    tres = index(catalogue).tres
    out = [
        f"its access route through the {tres[tre].title}, at /access/{i} in the record, is an inference "
        "that no source states; a feed publishes stated facts only"
        for i, tre in why.inferred_routes
    ]
    if why.status:
        out.append(f"the dataset is {why.status}, not available: a feed takes available datasets only")
    return out


def excluded(found: Survey, ids: Sequence[str], formats: Sequence[str]) -> dict[str, list[dict[str, object]]]:
    """Per complete-only format, the records among `ids` it leaves out and the facts each lacks."""
    return {
        fmt: [{"record": rid, "missing": found.lacking[fmt][rid]} for rid in ids if rid in found.lacking[fmt]]
        for fmt in formats
        if fmt in found.lacking
    }


def manifest(
    catalogue: Catalogue,
    target: TargetCatalogue,
    ids: list[str],
    formats: Sequence[str],
    pending: Sequence[str],
    entries: Iterable[tuple[str, Digest]],
    lacking: Mapping[str, list[dict[str, object]]] | None = None,
    left_out: Sequence[Mapping[str, object]] = (),
    *,
    modified: str,
) -> Iterator[str]:
    """The manifest, in pieces, from the feed's files as (path, (bytes, sha256)) sorted by path: a
    feed of many records lists many files, so they are written out one by one, never gathered
    (the text is what `json.dumps(..., indent=1)` would give of the whole). `lacking`: per
    complete-only format, the records it leaves out for want of facts; `left_out`: the records with
    a route through its TREs that the feed leaves out, and why (`Survey.left_out`).
    `modified`: the feed's last change (`published_dates`)."""
    prefix = f"{FEEDS}/{target.id}/"
    doc = {
        "catalogue": target.id,
        "title": target.title,
        "operator": target.operator,
        "tres": list(target.tres),
        "publisher": catalogue.publisher,
        "base_uri": catalogue.base_uri,
        "modified": modified,
        "record_count": len(ids),
        "records": ids,
        "left_out": [dict(x) for x in left_out],
        "formats": list(formats),
        "pending_formats": list(pending),
        "excluded": dict(lacking or {}),
        "files": [],
    }
    head = json.dumps(doc, ensure_ascii=False, indent=1)
    assert head.endswith(' "files": []\n}')
    yield head[: -len("[]\n}")]
    sep = "[\n"
    for rel, (size, sha) in entries:
        path = json.dumps(rel.removeprefix(prefix), ensure_ascii=False)
        yield f'{sep}  {{\n   "path": {path},\n   "bytes": {size},\n   "sha256": "{sha}"\n  }}'
        sep = ",\n"
    yield "[]\n}\n" if sep == "[\n" else "\n ]\n}\n"


# Formats with documents that describe a set of records rather than one record (the DCAT catalogue,
# the HDR UK lists): their exporter writes each feed's from the same pass, from what it made for the
# main export (keyword `subsets`: a folder prefix -> the records that feed takes; `dates`: a folder
# prefix -> that feed's published date, `published_dates`). A feed reuses the
# main export's per-record documents, which are identical.
SUBSET_FORMATS = frozenset({"dcat", "hdruk", "hdruk-4"})


def formats_of(target: TargetCatalogue) -> tuple[list[str], list[str]]:
    """The formats a feed carries, and those its catalogue asks for that adrmeta cannot yet write."""
    return (
        [f for f in target.formats if f in EXPORTERS and f not in NOT_IN_FEEDS],
        [f for f in target.formats if f not in EXPORTERS],
    )
