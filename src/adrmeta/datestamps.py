"""Datestamps that follow content. A record's `modified` date is its datestamp everywhere (OAI-PMH,
DCAT `dct:modified`, HDR UK `modified`), so it must change whenever anything a harvester is shown
changes: the record's stated facts, or a catalogue entry it shows (an organisation's name, a TRE,
a theme, a source). A record is fingerprinted on its own, so checking one file gives the same
answer as checking them all.

`exports/records.json` holds, per record, the `modified` date, a fingerprint of that content and
the OAI-PMH sets it is in (`adrmeta.sets`) as last exported; under `withdrawn`, the sets of each
record catalogue.yaml lists as withdrawn, carried from the file an export replaces to the one it
writes, so that its deleted header still names them (a file without them, from an earlier
version, reads as knowing none); under `feeds`, each feed's published date
(`feeds.published_dates`), which never moves back, and the fingerprint of what the feed shows of
catalogue.yaml besides its records (`feed_fingerprint`). `validate` reports (`record.modified-stale`) a record an incremental harvest would
miss: its fingerprint differs while its `modified` date is the same, or its date moved back, or it
is not in the last export (new, or restored) and is dated before that export; `adrmeta touch` sets
such records' `modified` to today. The export's date is the newest `modified` it holds, so the
check depends on the files alone. The fingerprint is a hash of plain data, the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .model import Catalogue, Record, Withdrawn
from .provenance import field_names, stated
from .typespec import Nullable, Obj, Seq, Str, obj_spec

LOCK = "records.json"
# What a record's fingerprint covers, as records.json says it was written (`"fingerprint"`): a file
# written when the fingerprint covered less (an earlier version: no such key) has fingerprints
# that no longer compare, so its records' content reads as unknown and only their dates are
# checked until the next export writes new ones (2: entries reached through other entries;
# 3: provenance entries left out, as they are published only through the values and sources).
FINGERPRINT = 3
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Fields no export shows: names a catalogue entry is matched by when importing; the records
# team's own notes (a record's `notes`, never published), so editing them needs no new date; a
# record's own `sources` as a list (those its values cite are in the fingerprint as it shows them,
# "source/<key>"; one only notes or inferences name is not published); its `provenance` entries
# (what they do show is there already: the values an inference takes out are gone from the
# record's fields, the sources they cite are shown as "source/<key>"; their paths and notes,
# where a quote is in the source, are never published).
_UNSHOWN = frozenset({"aliases", "notes", "provenance", "sources"})
# Catalogue lists by the reference kind that points into them.
_KINDS = {
    "organisation": "organisations",
    "theme": "themes",
    "tre": "tres",
    "legal-gateway": "legal_gateways",
    "accreditation": "accreditations",
    "programme": "programmes",
    "source": "sources",
}


@functools.cache
def _ref_fields(cls: type) -> tuple[tuple[str, str | None], ...]:
    """(field, reference kind) of a model class's fields that hold references (kind given) or
    model objects of a class that can hold one (kind None): a record's own sources hold none, so
    they are not walked. The model has no cycles, so this recursion ends."""
    out: list[tuple[str, str | None]] = []
    for name, field in obj_spec(cls).fields.items():
        spec = field.spec.inner if isinstance(field.spec, Nullable) else field.spec
        inner = spec.item if isinstance(spec, Seq) else spec
        if isinstance(inner, Str) and inner.ref:
            out.append((name, inner.ref))
        elif isinstance(inner, Obj) and _ref_fields(inner.cls):
            out.append((name, None))
    return tuple(out)


def _refs(value: Any, into: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """(kind, key) of every reference in a model object, added to `into` (a set filled in place:
    nested generators cost a third of the datestamps file)."""
    for name, ref in _ref_fields(type(value)):  # type: ignore[arg-type]  # classes are hashable
        item = getattr(value, name)
        if ref is not None:
            if isinstance(item, tuple):
                into.update((ref, key) for key in item)
            elif item:
                into.add((ref, item))
        elif isinstance(item, tuple):
            for obj in item:
                _refs(obj, into)
        elif item is not None:
            _refs(item, into)
    return into


Entries = dict[str, dict[str, Any]]  # reference kind -> key -> catalogue entry


def entries(catalogue: Catalogue) -> Entries:
    """The catalogue's entries by reference kind and key (the first of a repeated key, as a scan
    would find it): built once for all records instead of a scan per reference."""
    index: Entries = {}
    for kind, attr in _KINDS.items():
        by_key: dict[str, Any] = {}
        index[kind] = by_key
        for entry in getattr(catalogue, attr):
            by_key.setdefault(entry.id, entry)
    return index


Shown = tuple[dict[str, Any], dict[str, Any], dict[str, Any]]


def shown(catalogue: Catalogue, record: Record, index: Entries | None = None) -> Shown:
    """What a harvester is shown of a record (its `modified` date aside), model objects whole:
    its fields; the record's own sources it cites; the catalogue entries it points to, directly or
    through other entries (a TRE's operator is in the record's DCAT document), None for a key the
    catalogue lacks; these two by "kind/key". `index`: `entries(catalogue)`."""
    rec = stated(record)
    index = entries(catalogue) if index is None else index
    sources: dict[str, Any] = {}
    for source in rec.sources:
        sources.setdefault(source.id, source)  # the first of a repeated key, as a scan finds it
    own: dict[str, Any] = {}
    pending: set[tuple[str, str]] = set()
    for kind, key in _refs(rec, set()):
        if kind == "source" and key in sources:
            own[f"{kind}/{key}"] = sources[key]
        else:
            pending.add((kind, key))
    body = _fields(rec)
    body.pop("modified", None)
    return body, own, _closure(index, pending, own)


def _closure(index: Entries, pending: set[tuple[str, str]], shadowed: Collection[str] = ()) -> dict[str, Any]:
    """The catalogue entries `pending` names (kind, key), and those they name in turn, by
    "kind/key" (None for a key the catalogue lacks), but for the names in `shadowed` (a record's
    own sources, which stand for the catalogue's of the same key). `pending` is emptied."""
    listed: dict[str, Any] = {}
    while pending:
        kind, key = pending.pop()
        name = f"{kind}/{key}"
        if name not in listed and name not in shadowed and kind in index:
            listed[name] = entry = index[kind].get(key)
            if entry is not None:
                _refs(entry, pending)
    return listed


@functools.cache
def _shown_names(cls: type) -> tuple[str, ...]:
    """A model class's fields an export can show, sorted as the encoder sorts keys (so its sort
    finds them in order); none for a plain value's type."""
    return tuple(sorted(set(field_names(cls) or ()) - _UNSHOWN))


def _fields(value: Any) -> dict[str, Any]:
    """A model object's non-empty fields (`provenance.plain` one level deep): the JSON encoder
    calls this for each model object, so only objects, not every value, pass through Python."""
    names = _shown_names(type(value))  # type: ignore[arg-type]  # classes are hashable
    return {k: v for k in names if (v := getattr(value, k)) is not None and v != ()}


# One encoder for every fingerprint; model objects hold no cycles, so it need not look for them.
# Keys come sorted already: every object is a model object, written by `_fields` in `_shown_names`
# order (the model has no mapping fields: a test holds that), so the encoder does not sort them
# again (7% of the fingerprints' time).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False, default=_fields)


def fingerprint(catalogue: Catalogue, record: Record, index: Entries | None = None, texts: dict[str, str] | None = None) -> str:
    """The hash of `{"record": fields, "shows": {kind/key: source or entry}}` as compact JSON with
    sorted keys. Written in parts so that a catalogue entry is written once per `texts` (its
    `"kind/key":{...}` by kind/key; Fingerprints gives one to all its records), not once per record."""
    body, own, listed = shown(catalogue, record, index)
    texts = {} if texts is None else texts
    parts = {name: f"{_ENCODER.encode(name)}:{_ENCODER.encode(source)}" for name, source in own.items()}
    for name, entry in listed.items():
        if name not in texts:
            texts[name] = f"{_ENCODER.encode(name)}:{_ENCODER.encode(entry)}"
        parts[name] = texts[name]
    shows = ",".join(parts[name] for name in sorted(parts))
    data = f'{{"record":{_ENCODER.encode(body)},"shows":{{{shows}}}}}'
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


# Catalogue fields a feed does not show as such: the file's own date and its withdrawals (a record
# leaving moves the date of the feeds that held it, `feeds.published_dates`), the lists of entries
# (shown where a record or the feed points to one), and what only `adrmeta check` reads.
_NOT_IN_FEED = frozenset({"modified", "withdrawn", "target_catalogues", "flagship_thresholds", *_KINDS.values()})


def feed_fingerprint(catalogue: Catalogue, target: Any, index: Entries | None = None) -> str:
    """The hash of what a feed shows of catalogue.yaml besides its records (their fingerprints
    cover the entries they point to): the catalogue's own fields (title, publisher, licence, base
    URI...), the feed's target catalogue entry (`target`, a TargetCatalogue), and every entry these
    point to, directly or through other entries (its operator, its TREs and their operators)."""
    index = entries(catalogue) if index is None else index
    own = {k: v for k in _shown_names(Catalogue) if k not in _NOT_IN_FEED and (v := getattr(catalogue, k)) not in (None, ())}
    pending = _refs(target, set())
    for name, ref in _ref_fields(Catalogue):
        value = own.get(name)
        if value is not None and ref is not None:
            pending.update((ref, key) for key in (value if isinstance(value, tuple) else (value,)))
        elif value is not None:
            for obj in value if isinstance(value, tuple) else (value,):
                _refs(obj, pending)
    listed = _closure(index, pending)
    shows = {name: listed[name] for name in sorted(listed)}
    data = _ENCODER.encode({"catalogue": own, "shows": shows, "target": target})
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class Fingerprints:
    """The fingerprints of one catalogue's records, each made once: a re-export needs every one
    twice, for the `record.modified-stale` rule and then for the datestamps file. Kept by record
    object (records are frozen; each is held here, so its `id()` is not reused)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.index = entries(catalogue)
        self._texts: dict[str, str] = {}  # catalogue entries as written, for every record showing them
        self._made: dict[int, tuple[Record, str]] = {}

    def of(self, record: Record) -> str:
        made = self._made.get(id(record))
        if made is None:
            made = self._made[id(record)] = (record, fingerprint(self.catalogue, record, self.index, self._texts))
        return made[1]


def lock_text(
    catalogue: Catalogue,
    records: Mapping[str, Record],
    fingerprints: Fingerprints | None = None,
    *,
    sets: Mapping[str, Sequence[str]] | None = None,
    previous: Lock | None = None,
    feeds: Mapping[str, str] | None = None,
    feed_content: Mapping[str, str] | None = None,
) -> str:
    """exports/records.json: each record's datestamp, the fingerprint of what it shows
    (`fingerprints`: those already made of these records, by the stale rule) and the OAI-PMH sets
    it is in (`sets`: `sets.memberships` of the published records; none written without it); then, under `withdrawn`, the
    sets of each record catalogue.yaml lists as withdrawn, as `previous` (the datestamps file this
    export replaces) knew them, kept from export to export. A withdrawn record whose sets
    `previous` does not know (it was written before sets were kept) has no entry. `feeds`: each
    feed's published date (`feeds.published_dates`) and `feed_content` its `feed_fingerprint`;
    without them (no feeds written), `previous`'s, so the next full export compares with what the
    feeds last showed."""
    made = fingerprints if fingerprints is not None and fingerprints.catalogue is catalogue else Fingerprints(catalogue)
    table: dict[str, dict[str, Any]] = {}
    for rid in sorted(records):
        table[rid] = {"modified": records[rid].modified, "content": made.of(records[rid])}
        if sets is not None:
            table[rid]["sets"] = list(sets.get(rid, ()))
    gone = previous.withdrawn_sets(catalogue) if previous is not None else {}
    deleted = {rid: {"sets": list(specs)} for rid, specs in gone.items() if rid not in records}
    if feeds is None and previous is not None:
        feeds, feed_content = previous.feeds, previous.feed_content
    shown = feed_content or {}
    stamps = {t: {"modified": d, **({"content": shown[t]} if t in shown else {})} for t, d in (feeds or {}).items()}
    document = {"feeds": stamps, "fingerprint": FINGERPRINT, "records": table, "withdrawn": deleted}
    return json.dumps(document, indent=1, sort_keys=True) + "\n"


class Lock(dict[str, dict[str, Any]]):
    """exports/records.json's table: per record id, its `modified` date, fingerprint and sets as
    last exported; `withdrawn`: per withdrawn record, the sets it was last exported in; `feeds`:
    per feed, the date it published as its last change; `feed_content`: per feed, the
    `feed_fingerprint` it was last exported with, where known."""

    def __init__(
        self,
        table: Mapping[str, dict[str, Any]] | None = None,
        withdrawn: Mapping[str, tuple[str, ...]] | None = None,
        feeds: Mapping[str, str] | None = None,
        feed_content: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(table or {})
        self.withdrawn = dict(withdrawn or {})
        self.feeds = dict(feeds or {})
        self.feed_content = dict(feed_content or {})

    @functools.cached_property
    def exported(self) -> str | None:
        """The date of the export that wrote it: its newest `modified` (an export's own clock would
        make the check depend on when it ran); None when it holds no record."""
        return _newest(self)

    def sets_of(self, rid: str) -> tuple[str, ...] | None:
        """The sets a record was in when last exported (live then, or withdrawn since); None when
        the file does not say (written before sets were kept, or the record was never exported)."""
        last = self.get(rid)
        if last is not None:
            return _specs(last.get("sets"))
        return self.withdrawn.get(rid)

    def withdrawn_sets(self, catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
        """The sets each of the catalogue's withdrawn records was last exported in, where known."""
        return {w.id: known for w in catalogue.withdrawn if (known := self.sets_of(w.id)) is not None}


def _specs(value: Any) -> tuple[str, ...] | None:
    """A `sets` list as read, or None when it is missing or not a list of strings."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def export_date(lock: Mapping[str, Mapping[str, str]]) -> str | None:
    """The date of the export a datestamps table is from (`Lock.exported`), or None."""
    return lock.exported if isinstance(lock, Lock) else _newest(lock)


def _newest(lock: Mapping[str, Mapping[str, str]]) -> str | None:
    dates = [m for last in lock.values() if isinstance(m := last.get("modified"), str) and _DATE.fullmatch(m)]
    return max(dates, default=None)


def read_lock(path: Path) -> Lock:
    """The last exported datestamps, fingerprints, sets and feed dates; empty when there is none or it is
    unreadable (nothing to compare with is not an error: the first export writes it). A file
    without sets (an earlier version wrote it) reads as one that knows no record's sets."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        table = data["records"]
        gone, feeds = data.get("withdrawn"), data.get("feeds")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Lock()
    table = {k: v for k, v in table.items() if isinstance(v, dict)} if isinstance(table, dict) else {}
    if data.get("fingerprint") != FINGERPRINT:  # fingerprints of another definition: content unknown
        table = {k: {f: x for f, x in v.items() if f != "content"} for k, v in table.items()}
    gone = gone if isinstance(gone, dict) else {}
    withdrawn = {k: known for k, v in gone.items() if isinstance(v, dict) and (known := _specs(v.get("sets"))) is not None}
    dates, content = _feed_stamps(feeds if isinstance(feeds, dict) else {})
    return Lock(table, withdrawn, dates, content)


def _feed_stamps(feeds: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """Each feed's date and content fingerprint as read: `{"modified", "content"}`, or a date
    alone (written before the content was kept: read as content not known)."""
    dates: dict[str, str] = {}
    content: dict[str, str] = {}
    for k, v in feeds.items():
        date, shown = (v.get("modified"), v.get("content")) if isinstance(v, dict) else (v, None)
        if isinstance(date, str) and _DATE.fullmatch(date):
            dates[k] = date
            if isinstance(shown, str):
                content[k] = shown
    return dates, content


# Why an incremental harvest would miss what changed about a record (`staleness`).
CHANGED = "changed"  # its content changed, its date did not
MOVED_BACK = "moved-back"  # its date is older than the one last exported
MISSED = "missed"  # not in the last export (new or restored) and dated before it


def staleness(fingerprints: Fingerprints, record: Record, lock: Mapping[str, Mapping[str, str]]) -> str | None:
    """Why the record's `modified` date would not show a harvester what changed since the last
    export (CHANGED, MOVED_BACK or MISSED), or None when it would. An empty `lock`: no export yet."""
    last = lock.get(record.id)
    if last is None:
        exported = export_date(lock)
        return MISSED if exported is not None and record.modified < exported else None
    before = last.get("modified")
    if isinstance(before, str) and record.modified < before:
        return MOVED_BACK
    if before != record.modified or last.get("content") is None:  # no content known: the date alone
        return None
    return CHANGED if last["content"] != fingerprints.of(record) else None


def is_stale(fingerprints: Fingerprints, record: Record, lock: Mapping[str, Mapping[str, str]]) -> bool:
    """Whether an incremental harvest would miss the record's change (`staleness`)."""
    return staleness(fingerprints, record, lock) is not None


def today() -> dt.date:
    """Today in UTC: a datestamp, or the day a rule judges by, must not depend on the machine's
    time zone (a pre-commit run at 23:30 in one zone and CI in another would disagree)."""
    return dt.datetime.now(dt.timezone.utc).date()


def withdrawn(catalogue: Catalogue, live: Collection[str] = ()) -> dict[str, Withdrawn]:
    """The catalogue's withdrawn entries by record id, the first of a repeated id (as validate
    reads the list), leaving out those whose record is `live` again."""
    out: dict[str, Withdrawn] = {}
    for entry in catalogue.withdrawn:
        if entry.id not in live:
            out.setdefault(entry.id, entry)
    return out


def last_changed(catalogue: Catalogue, records: Iterable[Record]) -> str:
    """What is published as the last change of a catalogue holding `records`: the newest of the
    catalogue file's own `modified` and theirs, as each change to a record moves its date. (A
    record taken out moves no date of theirs: the whole catalogue's is the catalogue file's, which
    `touch` moves. A feed's date is `feeds.published_dates`, which takes the file's date only when
    what the feed shows of it changed.)"""
    return max((catalogue.modified, *(r.modified for r in records)))


_MODIFIED = re.compile(r"^modified:[ \t]*['\"]?(\d{4}-\d{2}-\d{2})['\"]?[ \t]*(#.*)?$", re.M)


def set_modified(text: str, date: str) -> str | None:
    """The record's text with its top-level `modified:` set to `date` (comments and layout kept);
    None when the record has no such line."""
    match = _MODIFIED.search(text)
    if match is None:
        return None
    return text[: match.start(1)] + date + text[match.end(1) :]


def unannounced(lock: Mapping[str, Mapping[str, str]], on_disk: Iterable[str], catalogue: Catalogue) -> list[str]:
    """Ids of the last export's records that are no longer in the records folder and not listed as
    withdrawn in the catalogue: harvesters would never be told they are gone."""
    return sorted(set(lock) - set(on_disk) - {w.id for w in catalogue.withdrawn})


_TOP_KEY = re.compile(r"^[^\s#-][^:]*:", re.M)
_WITHDRAWN = re.compile(r"^withdrawn:[ \t]*(\[\s*\]|null|~)?[ \t]*(#.*)?$", re.M)
_ITEM = re.compile(r"^([ \t]*)- ", re.M)


def add_withdrawn(text: str, entries: Iterable[tuple[str, str]]) -> str | None:
    """The catalogue's text with each (record id, date) appended to its top-level `withdrawn:` list,
    made when absent; every other line (comments, layout) kept. None when the list is written in a
    form this does not edit (flow style with items)."""
    items = list(entries)
    if not items:
        return text
    found = _WITHDRAWN.search(text)
    if found is None and re.search(r"^withdrawn:", text, re.M):
        return None  # `withdrawn: [...]` with items: not edited by text
    if found is None:
        lines = "".join(f"  - id: {rid}\n    date: {date}\n" for rid, date in items)
        return text.rstrip("\n") + "\n\n" + "withdrawn:\n" + lines
    start = found.end() + 1
    if found.group(1):  # `withdrawn: []`: make it a block list
        lines = "".join(f"  - id: {rid}\n    date: {date}\n" for rid, date in items)
        return text[: found.start()] + "withdrawn:\n" + lines + text[start:]
    following = _TOP_KEY.search(text, start)
    block_end = following.start() if following else len(text)
    block = text[start:block_end]
    item = _ITEM.search(block)
    indent = item.group(1) if item else "  "
    lines = "".join(f"{indent}- id: {rid}\n{indent}  date: {date}\n" for rid, date in items)
    # after the block's last item line: blank lines and comments before the next key stay below it
    body = block.splitlines(keepends=True)
    while body and (not body[-1].strip() or body[-1].startswith("#")):
        body.pop()
    cut = start + len("".join(body).rstrip("\n"))
    head, rest = text[:cut], text[cut:]
    if head.endswith("\n"):  # an empty block
        return head + lines + rest
    return head + "\n" + lines + rest.removeprefix("\n")
