"""Provenance rules: every value has a source that states it or is marked as an inference, every
source has a date, and no inference sits where an export would have to carry it as fact."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set

import attrs

from .. import datestamps, provenance
from ..model import Catalogue, Record
from ..report import Issue
from . import Context, Rule, emits, issue
from .consistency import resolve


@emits("provenance.unsourced")
def unsourced(record: Record, ctx: Context) -> Iterator[Issue]:
    """A value no source covers: no `source` of its own or of an enclosing object, no provenance
    entry and no record source. Reported once per top-level field."""
    if record.source is None:  # a record citing no source at all: one issue, not one per field
        bare = sorted({"/" + f.path.split("/")[1] for f in provenance.facts(record, unsourced_only=True)})
        if bare:
            shown = ", ".join(p.lstrip("/") for p in bare[:5]) + (" and more" if len(bare) > 5 else "")
            yield issue(
                "provenance.unsourced",
                record,
                "/source",
                f"the record names no source, and {len(bare)} of its fields cite none ({shown}).",
                "Add the record's main source (source: with a key from sources), and cite others where they differ.",
            )
        return
    seen: set[str] = set()
    for fact in provenance.facts(record, unsourced_only=True):
        if fact.source is None and not fact.inferred:
            field = "/" + fact.path.split("/")[1]
            if field not in seen:
                seen.add(field)
                yield issue(
                    "provenance.unsourced",
                    record,
                    fact.path,
                    f"no source is given for {fact.path}.",
                    "Cite the source that states it (a source field or a provenance entry), or mark it"
                    " basis: inference with the reasoning.",
                )
    for i, entry in enumerate(record.provenance):
        if entry.basis == "stated" and entry.source is None:
            yield issue(
                "provenance.unsourced",
                record,
                f"/provenance/{i}",
                f"the provenance entry for {entry.path} names no source.",
                "Add the source's key, or set basis: inference with the reasoning.",
            )


@emits("provenance.path", "provenance.no-reasoning", "provenance.inference-exported")
def entries(record: Record, ctx: Context) -> Iterator[Issue]:
    """Each provenance entry points at a value the record has; an inference says why, and can be
    left out of the exports (a required field cannot)."""
    for i, entry in enumerate(record.provenance):
        valid, value, _source = resolve(record, entry.path)
        if not valid or value is None or value == ():
            yield issue(
                "provenance.path",
                record,
                f"/provenance/{i}/path",
                f"{entry.path} points at no value of this record.",
                "Point the entry at a value the record has, e.g. /update_frequency.",
            )
            continue
        if entry.basis != "inference":
            continue
        if not entry.note:
            yield issue(
                "provenance.no-reasoning",
                record,
                f"/provenance/{i}",
                f"the inference about {entry.path} gives no reasoning.",
                "Say in note how the value was concluded and from what.",
            )
        if not provenance.removable(entry.path):
            yield issue(
                "provenance.inference-exported",
                record,
                f"/provenance/{i}",
                f"{entry.path} is required, so every export would publish this inference as fact.",
                "Find a source that states the value and cite it; an inference may mark only optional values.",
            )


def undated_sources(catalogue: Catalogue, record: Record | None = None) -> Iterator[Issue]:
    """Sources need a date, so a newer one can be seen to supersede an older one."""
    listed = record.sources if record is not None else catalogue.sources
    where = "sources"
    for i, src in enumerate(listed):
        if src.date is None:
            yield issue(
                "source.undated",
                record,
                f"/{where}/{i}",
                f"the source '{src.id}' has no date, so adrmeta cannot tell whether a newer source supersedes it.",
                "Add its publication or last-updated date (date: YYYY, YYYY-MM or YYYY-MM-DD).",
            )


@emits("source.undated")
def record_sources_dated(record: Record, ctx: Context) -> Iterator[Issue]:
    """The record's own sources carry a date."""
    yield from undated_sources(ctx.catalogue, record)


@emits("record.modified-stale")
def modified_follows_content(record: Record, ctx: Context) -> Iterator[Issue]:
    """A record's `modified` date is its datestamp for harvesters: it moves forward when what they
    are shown changes and never moves back, and a record that appears (new or restored) is dated no
    earlier than the last export, or an incremental harvest never returns it (OAI-PMH 2.0, 2.7.1:
    records that became available within from/until are returned)."""
    # A record dated today already announces today's edits (datestamps are days): touch could not move it.
    if not ctx.published or record.modified == ctx.today.isoformat():
        return
    why = datestamps.staleness(ctx.fingerprints or datestamps.Fingerprints(ctx.catalogue), record, ctx.published)
    if why is None:
        return
    last = ctx.published.get(record.id, {}).get("modified")
    if why == datestamps.MOVED_BACK:
        told = f"its modified date moved back from {last} to {record.modified} since the last export, so a harvest from {last} misses it."
    elif why == datestamps.MISSED:
        exported = datestamps.export_date(ctx.published)
        told = (
            f"it is not in the last export (dated {exported}) and is dated earlier ({record.modified}), so a harvest"
            f" from {exported} misses it."
        )
    else:
        told = f"what harvesters are shown of this record changed since it was exported on {record.modified}, but its modified date did not."
    yield issue(
        "record.modified-stale",
        record,
        "/modified",
        told,
        f"Set modified: {ctx.today.isoformat()} (adrmeta touch does it), then export.",
    )


@emits("record.modified-future")
def modified_not_future(record: Record, ctx: Context) -> Iterator[Issue]:
    """A record's `modified` date is the OAI-PMH datestamp of its record and its DCAT `dct:modified`:
    a day after today (UTC) claims a change that has not happened. OAI-PMH 2.0 (2.7.1) returns a
    record to a harvest `from` a day when its datestamp is on or after it, and a harvester's next
    `from` is the responseDate of its last harvest (3.2: when the response was sent), so the
    record is given again on every run until that day; each export also dates the catalogue by
    it (`datestamps.last_changed`). An error, not a warning: once exported, that date is the last
    export's, and touch can date no later edit before it (nor after today) until the day comes."""
    today = ctx.today.isoformat()
    if record.modified > today:  # both YYYY-MM-DD: text order is date order
        yield issue(
            "record.modified-future",
            record,
            "/modified",
            f"its modified date {record.modified} is after today ({today}, UTC), so exports would publish a change"
            " on a day that has not come and harvesters would fetch the record again on every run until then.",
            f"Set modified: {today} (adrmeta touch does it).",
        )


def catalogue_dates_not_future(catalogue: Catalogue, today: str) -> Iterator[Issue]:
    """The catalogue file's own dates are published too: its `modified` as the catalogue's
    `dct:modified` and the feeds' and site's last change (`datestamps.last_changed`), a withdrawn
    entry's `date` as the deleted record's datestamp and its feed's date. A day after today (UTC)
    claims a change that has not happened, as a record's would (record.modified-future)."""
    dated = [("/modified", "the catalogue's modified date", catalogue.modified)]
    dated += [(f"/withdrawn/{i}/date", f"the date '{w.id}' was withdrawn", w.date) for i, w in enumerate(catalogue.withdrawn)]
    for path, what, date in dated:
        if date > today:  # both YYYY-MM-DD: text order is date order
            yield issue(
                "catalogue.date-future",
                None,
                path,
                f"{what}, {date}, is after today ({today}, UTC), so exports would publish a change on a day that has not come.",
                f"Set it in catalogue.yaml to the day it happened: {today} or earlier.",
            )


def catalogue_modified_follows_content(
    catalogue: Catalogue,
    today: str,
    published: Mapping[str, Mapping[str, str]] | None,
) -> Iterator[Issue]:
    """A feed's date takes catalogue.yaml's `modified` when what the feed shows of that file
    changed (`feeds.published_dates`), so an edit to it (the title, a feed's target entry) with
    that date not moved past the feed's last published date leaves the feed's date where it was,
    and harvesters polling it miss the change, as `record.modified-stale` for a record. Feeds
    whose last content is not known (no export yet, an earlier version's records.json) are not
    judged. A file dated today already announces today's edits (datestamps are days)."""
    # only a datestamps file read from disk (`datestamps.Lock`) knows the feeds
    if not isinstance(published, datestamps.Lock) or not published.feed_content or catalogue.modified == today:
        return
    index = datestamps.entries(catalogue)
    missed = [
        (published.feeds[t.id], t.id)
        for t in catalogue.target_catalogues
        if t.id in published.feed_content
        and catalogue.modified <= published.feeds[t.id]  # both YYYY-MM-DD: text order is date order
        and datestamps.feed_fingerprint(catalogue, t, index) != published.feed_content[t.id]
    ]
    if missed:
        last = max(date for date, _ in missed)
        names = ", ".join(sorted(tid for _, tid in missed))
        yield issue(
            "catalogue.modified-stale",
            None,
            "/modified",
            f"what the feeds {names} show of catalogue.yaml changed since they were last exported (dated up to {last}),"
            f" but its modified date ({catalogue.modified}) is not after that, so their dates do not move and harvesters"
            " polling them miss the change.",
            f"Set modified in catalogue.yaml to today ({today}), the day of the change.",
        )


def withdrawals(catalogue: Catalogue, on_disk: Set[str], published: Mapping[str, Mapping[str, str]] | None) -> Iterator[Issue]:
    """Harvesters learn that a record is gone only from the catalogue's `withdrawn` list (OAI-PMH
    deleted records): a record of the last export taken out of the records folder must be listed
    there, dated no earlier than that export; a listed record must stay out of the folder."""
    lock = published or {}
    exported = datestamps.export_date(lock)
    for rid in datestamps.unannounced(lock, on_disk, catalogue):
        yield attrs.evolve(
            issue(
                "record.removed-unannounced",
                None,
                "/withdrawn",
                f"records/{rid}.yaml was in the last export but is gone, and catalogue.yaml does not list it as withdrawn,"
                " so harvesters keep it forever.",
                "Run adrmeta touch to record the removal in catalogue.yaml's withdrawn list, or restore the file.",
            ),
            record=rid,
        )
    for i, entry in enumerate(catalogue.withdrawn):
        if entry.id in on_disk:
            yield issue(
                "catalogue.withdrawn-restored",
                None,
                f"/withdrawn/{i}/id",
                f"'{entry.id}' is listed as withdrawn but records/{entry.id}.yaml exists, so harvesters are told both.",
                "Take it off the withdrawn list (the record is back), or remove its file.",
            )
        elif entry.id in lock and exported is not None and entry.date < exported:
            yield issue(
                "catalogue.withdrawn-date",
                None,
                f"/withdrawn/{i}/date",
                f"'{entry.id}' is withdrawn on {entry.date}, before the last export ({exported}) that still held it,"
                f" so a harvest from {exported} misses the deletion.",
                f"Set this entry's date to {exported} or later in catalogue.yaml (touch dates only new entries).",
            )


RULES: tuple[Rule, ...] = (unsourced, entries, record_sources_dated, modified_not_future, modified_follows_content)
