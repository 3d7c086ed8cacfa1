"""Consistency rules: values that are well-formed on their own but wrong together, stale, or
left as placeholders. Each rule is a small function `rule(record, ctx)`; `RULES` lists them."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import attrs

from .. import phrases, vocab
from ..model import Catalogue, Period, Record, Variant
from ..provenance import plain, source_of, stated
from ..records import unescape
from ..report import Issue
from ..typespec import Nullable, Obj, Seq, Str, obj_spec
from . import Context, Rule, emits, issue

_PUNCT_EDGES = re.compile(r"^[\s.:;,!*_]+|[\s.:;,!*_]+$")
_MONTH_END = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_placeholder(text: str | None) -> bool:
    """Whether a value stands in for one (vocab.PLACEHOLDERS; an empty text or None is one too)."""
    if text is None:
        return True
    if len(text) > 24 and not text[:12].casefold().startswith(("todo", "tbd", "lorem ipsum")):
        return False  # every placeholder is short, or starts like one
    norm = _PUNCT_EDGES.sub("", text.casefold())
    return not norm or norm in vocab.PLACEHOLDERS or norm.startswith(("todo:", "tbd:", "lorem ipsum"))


def earliest(date: str) -> str:
    """The first day a partial date can mean: 2021 -> 2021-01-01."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def latest(date: str) -> str:
    """The last day a partial date can mean: 2021-02 -> 2021-02-29 (sorts correctly)."""
    if len(date) == 4:
        return date + "-12-31"
    if len(date) == 7:
        return f"{date}-{_MONTH_END[int(date[5:7]) - 1]:02d}"
    return date


def strings(root: Any) -> Iterator[tuple[str, str]]:
    """(pointer, text) for every free-text value of a model object.

    Enum words, keys, dates, URLs and emails are checked by their format; variants record other
    sources' words as given.
    """
    stack: list[tuple[str, Any]] = [("", root)]
    while stack:
        path, value = stack.pop()
        for name, kind in _text_fields(type(value)):  # type: ignore[arg-type]  # classes are hashable
            item = getattr(value, name)
            if item is None or item == ():
                continue
            sub = f"{path}/{name}"
            if kind == "text":
                yield sub, item
            elif kind == "texts":
                yield from ((f"{sub}/{i}", text) for i, text in enumerate(item))
            elif kind == "object":
                stack.append((sub, item))
            else:
                stack.extend((f"{sub}/{i}", obj) for i, obj in enumerate(item))


@functools.cache
def _text_fields(cls: type) -> tuple[tuple[str, str], ...]:
    """(field, kind) of the fields of `cls` that hold free text, directly or in nested objects."""
    out = []
    for name, field in obj_spec(cls).fields.items():
        spec = field.spec.inner if isinstance(field.spec, Nullable) else field.spec
        item = spec.item if isinstance(spec, Seq) else None
        if isinstance(spec, Str) and spec.fmt is None:
            out.append((name, "text"))
        elif isinstance(item, Str) and item.fmt is None:
            out.append((name, "texts"))
        elif isinstance(spec, Obj) and spec.cls is not Variant:
            out.append((name, "object"))
        elif isinstance(item, Obj) and item.cls is not Variant:
            out.append((name, "objects"))
    return tuple(out)


def periods(record: Record) -> Iterator[tuple[str, Period]]:
    for i, p in enumerate(record.coverage.periods):
        yield f"/coverage/periods/{i}", p
    for c, comp in enumerate(record.components):
        if comp.coverage:
            for i, p in enumerate(comp.coverage.periods):
                yield f"/components/{c}/coverage/periods/{i}", p


@emits("consistency.period-order")
def period_order(record: Record, ctx: Context) -> Iterator[Issue]:
    """A period cannot start after it ends."""
    for path, p in periods(record):
        if p.start and p.end and earliest(p.start) > latest(p.end):
            yield issue(
                "consistency.period-order",
                record,
                f"{path}/start",
                f"the period starts ({p.start}) after it ends ({p.end}).",
                "Swap or correct the start and end dates.",
            )


@emits("consistency.future-end")
def future_end(record: Record, ctx: Context) -> Iterator[Issue]:
    """A static dataset will get no more data, so its coverage cannot end in the future."""
    if record.update_frequency != "static":
        return
    today = ctx.today.isoformat()
    for path, p in periods(record):
        if p.end and earliest(p.end) > today:
            yield issue(
                "consistency.future-end",
                record,
                f"{path}/end",
                f"the dataset is static but its coverage ends in the future ({p.end}).",
                "Correct the end date, or the update frequency if more data will come.",
            )


@emits("consistency.placeholder")
def placeholders(record: Record, ctx: Context) -> Iterator[Issue]:
    """Placeholder text is not a value: leave the field out and say what is missing in notes."""
    for path, text in strings(record):
        # a code list's labels are values as stored: "Not known" is what -9 means, not a gap
        if not path.startswith("/notes/") and "/codes/" not in path and is_placeholder(text):
            yield issue(
                "consistency.placeholder",
                record,
                path,
                f"'{text}' is a placeholder, not a value.",
                "Remove the field (or write the real value) and record the gap under notes.",
            )


def resolve(record: Record, pointer: str) -> tuple[bool, Any, str | None]:
    """(valid, current value or None, source of the nearest object with one) for a pointer.

    A pointer is valid when the record format has the field, even if this record leaves it out;
    list items must exist.
    """
    value: Any = record
    spec: Any = obj_spec(Record)
    source = record.source
    tokens = pointer.split("/")[1:]
    for token in map(unescape, tokens) if "~" in pointer else tokens:
        if isinstance(spec, Nullable):
            spec = spec.inner
        if isinstance(spec, Obj):
            if token not in spec.fields:
                return False, None, source
            spec = spec.fields[token].spec
            value = getattr(value, token) if value is not None else None
        elif isinstance(spec, Seq):
            if not token.isdigit() or value is None or int(token) >= len(value):
                return False, None, source
            spec, value = spec.item, value[int(token)]
        else:
            return False, None, source
        # (a plain value has no `source`: asking that first spares the check for most values)
        if getattr(value, "source", None) and attrs.has(type(value)):
            source = value.source
    return True, value, source


def _shown(value: Any) -> str:
    return "nothing" if value is None else repr(value) if not isinstance(value, str) else f"'{value}'"


@emits("consistency.variant-path")
def variant_paths(record: Record, ctx: Context) -> Iterator[Issue]:
    """A variant is another source's value of one of the record's fields, so its path must name one.
    (Apart from `variants`: an export, which needs only errors, skips the reports on the others.)"""
    for i, var in enumerate(record.variants):
        if not resolve(record, var.path)[0]:
            yield issue(
                "consistency.variant-path",
                record,
                f"/variants/{i}/path",
                f"{var.path} is not a field of this record.",
                "Point the variant at an existing field, e.g. /coverage/periods/0/end.",
            )


@emits(
    "consistency.variant-same",
    "consistency.source-conflict",
    "consistency.stale-current",
    "consistency.undated-conflict",
)
def variants(record: Record, ctx: Context) -> Iterator[Issue]:
    """Where sources disagree both values are kept: the current one and each variant. Say so,
    and warn when a newer source's value is not the current one (a variant of no field is
    `variant_paths`' report)."""
    for i, var in enumerate(record.variants):
        path = f"/variants/{i}"
        valid, current, _nearest = resolve(record, var.path)
        if not valid:
            continue
        current_source = source_of(record, var.path)
        shown = plain(current)
        if shown == var.value or (current is not None and str(shown) == str(var.value)):
            yield issue(
                "consistency.variant-same",
                record,
                path,
                f"the variant repeats the current value of {var.path}.",
                "Remove the variant.",
            )
            continue
        yield issue(
            "consistency.source-conflict",
            record,
            var.path,
            f"{var.path} differs between sources: {_shown(shown)} from {current_source or 'no source'}"
            f" (current), {_shown(var.value)} from {var.source}.",
            "Nothing to do if both are right (e.g. different iterations); otherwise fix the current value.",
        )
        new, old = ctx.source_date(record, var.source), ctx.source_date(record, current_source)
        undated = [s for s, d in ((var.source, new), (current_source, old)) if s and not d]
        if undated and not var.note:  # a note says how the values relate: a person has judged it
            yield issue(
                "consistency.undated-conflict",
                record,
                f"{path}/source",
                f"{var.path} differs between {current_source} and {var.source}, but {undated[0]} has no date,"
                " so adrmeta cannot tell which value is newer.",
                f"Add the publication or last-updated date of {undated[0]}, or say in the variant's note why it is not current.",
            )
        elif new and old and earliest(new) > latest(old):
            yield issue(
                "consistency.stale-current",
                record,
                f"{path}/source",
                f"{var.source} ({new}) is newer than {current_source} ({old}) but its value is not current.",
                "Make the newer value current and keep the older one as a variant.",
            )


@emits("consistency.planned-with-access")
def planned_with_access(record: Record, ctx: Context) -> Iterator[Issue]:
    """A planned dataset cannot be accessed yet, so it should declare no access route."""
    if record.status == "planned" and record.access:
        yield issue(
            "consistency.planned-with-access",
            record,
            "/access",
            "the dataset is planned but declares an access route.",
            "Set status: available if researchers can apply now; otherwise move the route to notes.",
        )


@emits("consistency.planned-overdue")
def planned_overdue(record: Record, ctx: Context) -> Iterator[Issue]:
    """A planned dataset whose expected availability (the latest year it names) has passed has
    probably launched, or slipped: either way the record is out of date."""
    if record.status != "planned" or not record.expected_availability:
        return
    if phrases.expected_passed(record.expected_availability, ctx.today.year):
        yield issue(
            "consistency.planned-overdue",
            record,
            "/expected_availability",
            f"the dataset is planned, but its expected availability ({record.expected_availability}) has passed.",
            "Check whether it has launched (then set status: available with its access route) or give the new date.",
        )


@emits("consistency.available-without-access")
def available_without_access(record: Record, ctx: Context) -> Iterator[Issue]:
    """An available dataset should say where researchers can access it, as a fact: a route marked
    as an inference is left out of every export, so harvesters and the site would show none."""
    if record.status != "available" or stated(record).access:
        return
    if not record.access:
        yield issue(
            "consistency.available-without-access",
            record,
            "/access",
            "the dataset is available but has no access route.",
            "Add an access route naming the trusted research environment.",
        )
    else:
        yield issue(
            "consistency.available-without-access",
            record,
            "/access",
            "the dataset is available, but every access route it gives is marked as an inference, which the "
            "exports leave out: the site, DCAT and the feeds show no way to access it.",
            "Cite a source that states the access route (then drop the inference mark), or add a stated route.",
        )


@emits("consistency.relation-inverse")
def relation_inverse(record: Record, ctx: Context) -> Iterator[Issue]:
    """part_of and has_part mirror each other between records validated together."""
    for i, parent in enumerate(record.part_of):
        other = ctx.records.get(parent)
        if other is not None and record.id not in other.has_part:
            yield issue(
                "consistency.relation-inverse",
                record,
                f"/part_of/{i}",
                f"this record is part of '{parent}', but '{parent}' does not list it in has_part.",
                f"Add {record.id} to has_part of {parent}, or remove it from part_of.",
            )
    for i, part in enumerate(record.has_part):
        other = ctx.records.get(part)
        if other is not None and record.id not in other.part_of:
            yield issue(
                "consistency.relation-inverse",
                record,
                f"/has_part/{i}",
                f"'{part}' is listed as a part, but its record does not say part_of: {record.id}.",
                f"Add {record.id} to part_of of {part}, or remove it from has_part.",
            )


@emits("consistency.collection-parts")
def collection_parts(record: Record, ctx: Context) -> Iterator[Issue]:
    """A collection is made of records of their own; a dataset is not."""
    if record.type == "collection" and not record.has_part:
        yield issue(
            "consistency.collection-parts",
            record,
            "/has_part",
            "a collection must list its parts.",
            "List the parts' record ids under has_part.",
        )
    if record.type == "dataset" and record.has_part:
        yield issue(
            "consistency.collection-parts",
            record,
            "/type",
            "a dataset lists parts; only a collection has parts.",
            "Set type: collection, or describe the parts as components.",
        )


@emits("consistency.public-without-url")
def public_without_url(record: Record, ctx: Context) -> Iterator[Issue]:
    """Public documentation should say where it is."""
    for i, d in enumerate(record.documentation):
        if d.availability == "public" and not d.url:
            yield issue(
                "consistency.public-without-url",
                record,
                f"/documentation/{i}",
                f"'{d.title}' is public but has no URL.",
                "Add the URL where it can be read.",
            )


@emits("consistency.summary-length")
def summary_length(record: Record, ctx: Context) -> Iterator[Issue]:
    """Search engines (Google Dataset Search) need a description of 50 to 5000 characters."""
    n = len(record.summary)
    if n < 50 or n > 5000:
        yield issue(
            "consistency.summary-length",
            record,
            "/summary",
            f"the summary has {n} characters; catalogues need 50 to 5000.",
            "Rewrite the summary to between 50 and 5000 characters.",
        )


_CITED = re.compile(r"\s*\([^()]*\)[\s.]*$")  # a closing "(ADR UK dataset page)"


@emits("consistency.update-note-repeats")
def update_note_repeats(record: Record, ctx: Context) -> Iterator[Issue]:
    """The update note says what the update frequency does not ("At least annual", "Next update
    in autumn 2026"): one that only repeats it ("Annually" beside annual) reads twice in every
    export ("Annual. Annually" in DDI), and where a value comes from belongs in provenance."""
    if not (record.update_frequency and record.update_note):
        return
    said = _PUNCT_EDGES.sub("", _CITED.sub("", record.update_note)).casefold()
    if (
        said == vocab.FREQUENCY_LABELS[record.update_frequency].casefold()
        or vocab.FREQUENCY_WORDS.get(said) == record.update_frequency
    ):
        yield issue(
            "consistency.update-note-repeats",
            record,
            "/update_note",
            f"the update note '{record.update_note}' only repeats the update frequency ({record.update_frequency}).",
            "Remove the note, or say in it what the frequency does not, and give its source in provenance.",
        )


@emits("consistency.gateway-unsupported")
def gateway_supported(record: Record, ctx: Context) -> Iterator[Issue]:
    """An access route's legal gateway should be one its TRE supports, when the TRE lists them."""
    tres = {t.id: t for t in ctx.catalogue.tres}
    for i, route in enumerate(record.access):
        tre = tres.get(route.tre)
        if tre and tre.legal_gateways and route.legal_gateway and route.legal_gateway not in tre.legal_gateways:
            yield issue(
                "consistency.gateway-unsupported",
                record,
                f"/access/{i}/legal_gateway",
                f"{tre.title} does not list the legal gateway '{route.legal_gateway}'.",
                "Correct the gateway, or add it to the TRE's legal_gateways in catalogue.yaml.",
            )


def theme_count(catalogue: Catalogue) -> Iterator[Issue]:
    """The catalogue should list every research theme its publisher declares."""
    declared = catalogue.declared_theme_count
    if declared and len(catalogue.themes) < declared:
        yield issue(
            "consistency.theme-count",
            None,
            "/themes",
            f"the catalogue lists {len(catalogue.themes)} of the {declared} research themes the publisher declares.",
            "Add the missing themes with their sources when a source names them.",
        )


RULES: tuple[Rule, ...] = (
    period_order,
    future_end,
    placeholders,
    variant_paths,
    variants,
    planned_with_access,
    planned_overdue,
    available_without_access,
    relation_inverse,
    collection_parts,
    public_without_url,
    summary_length,
    update_note_repeats,
    gateway_supported,
)
