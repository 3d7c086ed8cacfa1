"""Where each value of a record comes from: a source that states it, or the curator's inference.

A value's source is found by walking from the record down to the value: the record's `source`,
then the `source` of each enclosing object that has one, then a `provenance` entry at that exact
path (which wins over the object's own field). The deepest one applies. A provenance entry with
`basis: inference` marks the value and everything beneath it as inferred.

Exporters publish stated facts only: `published(records)` is the records with every inferred value
taken out, so no standard's field ever carries an inference as fact; a list of sources holds only
those a remaining value cites (`cited`), so no source is published for a value that is not.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from . import model as _model
from .model import Provenance, Record
from .records import unescape
from .typespec import Nullable, Obj, Seq, obj_spec

# Every model class: a value of one of these is walked field by field.
_MODEL = frozenset(v for v in vars(_model).values() if isinstance(v, type) and attrs.has(v))
# Fields about the record itself (its keeping), not facts about the dataset.
BOOKKEEPING = frozenset({"id", "modified", "metadata_version", "source", "sources", "provenance", "variants", "notes"})


@attrs.frozen
class Fact:
    path: str
    value: Any
    source: str | None
    inferred: bool


@functools.cache
def _fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class that hold facts (`source` says where the others come from)."""
    return tuple(f.name for f in attrs.fields(cls) if f.name != "source")


def facts(record: Record, within: str = "", *, unsourced_only: bool = False) -> Iterator[Fact]:
    """Every value of the record (leaf by leaf) with the source that covers it; with `within` (a
    JSON pointer), only the values at or below it; with `unsourced_only`, only those without a
    source, skipping whole objects (a dictionary's thousands of variables) that a source covers
    and no provenance entry reaches into."""
    marks = {p.path: p for p in record.provenance}
    # (only skipping needs them)
    reached = (
        {p.path[:i] for p in record.provenance for i in range(len(p.path) + 1) if p.path[i : i + 1] in ("/", "")}
        if unsourced_only
        else set()
    )

    def walk(value: Any, path: str, source: str | None, inferred: bool) -> Iterator[Fact]:
        if within and not (within.startswith(path + "/") or path == within or path.startswith(within + "/")):
            return
        model = type(value) in _MODEL
        source, inferred = _covering(value, path, source, inferred, marks)
        if unsourced_only and (source is not None or inferred) and path not in reached:
            return
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                yield from walk(item, f"{path}/{i}", source, inferred)
        elif model:
            top = value is record
            for name in _fields(type(value)):  # type: ignore[arg-type]  # classes are hashable
                if top and name in BOOKKEEPING:
                    continue
                item = getattr(value, name)
                if item is not None and item != ():
                    yield from walk(item, f"{path}/{name}", source, inferred)
        else:
            yield Fact(path=path, value=value, source=source, inferred=inferred)

    yield from walk(record, "", record.source, False)


def cited(record: Record) -> frozenset[str]:
    """The keys of the sources the record's stated values name: the record's `source`, each
    object's `source`, each provenance entry's that is not an inference, and each variant's: the
    sources the record may be published with. Call it on a stated record (`stated`): a source
    that only inferences or the records team's notes name is not among them. A walk of the
    objects that can hold a source, not of every value (a dictionary's thousands of variables)."""
    keys = {record.source} | {p.source for p in record.provenance if p.basis != "inference"}
    keys |= {v.source for v in record.variants}
    stack: list[Any] = [getattr(record, name) for name in _source_fields(Record) if name not in BOOKKEEPING]
    while stack:
        value = stack.pop()
        if isinstance(value, tuple):
            stack.extend(value)
        elif value is not None:
            keys.add(getattr(value, "source", None))
            stack.extend(getattr(value, name) for name in _source_fields(type(value)))  # type: ignore[arg-type]  # classes are hashable
    keys.discard(None)
    return frozenset(keys)  # type: ignore[arg-type]  # None taken out


@functools.cache
def _source_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class that hold objects with a `source`, or objects that can hold
    one beneath them. The model has no cycles, so this recursion ends."""
    out = []
    for name, field in obj_spec(cls).fields.items():
        spec = field.spec.inner if isinstance(field.spec, Nullable) else field.spec
        inner = spec.item if isinstance(spec, Seq) else spec
        if isinstance(inner, Obj) and ("source" in attrs.fields_dict(inner.cls) or _source_fields(inner.cls)):
            out.append(name)
    return tuple(out)


def source_of(record: Record, pointer: str) -> str | None:
    """The source covering the value at `pointer` (None for an inference or no source): that of
    the first fact at or below it, as `facts(record, pointer)` gives it. Follows the pointer's
    path rather than walking the record (a rule asks this for each variant)."""
    within = pointer.rstrip("/")
    if within and not within.startswith("/"):  # a path no value has
        return None
    marks = {p.path: p for p in record.provenance}
    value: Any = record
    path = ""
    source, inferred = _covering(record, "", record.source, False, marks)
    for token in within.split("/")[1:]:
        if isinstance(value, tuple):
            if not token.isdecimal() or str(int(token)) != token or int(token) >= len(value):
                return None
            value = value[int(token)]
        elif type(value) in _MODEL and token in _fields(type(value)):  # type: ignore[arg-type]  # classes are hashable
            if value is record and token in BOOKKEEPING:
                return None
            value = getattr(value, token)
            if value is None or value == ():  # the walk skips an empty field
                return None
        else:  # no such field, or a plain value the pointer reaches below
            return None
        path = f"{path}/{token}"
        source, inferred = _covering(value, path, source, inferred, marks)
    if isinstance(value, tuple) or type(value) in _MODEL:
        # the first value below decides (rare: most pointers end at a plain value); none means no source
        first = next(facts(record, within), None)
        return first.source if first is not None and not first.inferred else None
    if pointer != within:
        return None  # "/title/" names what is below the plain value: nothing
    return None if inferred else source


def _covering(
    value: Any, path: str, source: str | None, inferred: bool, marks: Mapping[str, Provenance]
) -> tuple[str | None, bool]:
    """The (source, inferred) at `path`, given those of the enclosing value (as in `facts`)."""
    if type(value) in _MODEL and getattr(value, "source", None):
        source, inferred = value.source, False
    mark = marks.get(path)
    if mark is not None:
        source, inferred = mark.source, mark.basis == "inference"
    return source, inferred


@functools.cache
def field_names(cls: type) -> tuple[str, ...] | None:
    """The fields of a model class in order, or None for a plain value's type."""
    return tuple(f.name for f in attrs.fields(cls)) if attrs.has(cls) else None


def plain(value: Any) -> Any:
    """A model value as plain data, empty fields left out (what a source states, comparable)."""
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    names = field_names(type(value))  # type: ignore[arg-type]  # classes are hashable
    if names is None:
        return value
    return {k: plain(v) for k in names if (v := getattr(value, k)) is not None and v != ()}


def _tokens(pointer: str) -> list[str | int]:
    return [int(t) if t.isdigit() else unescape(t) for t in pointer.split("/")[1:]]


def removable(pointer: str) -> bool:
    """Whether a value can be left out of a record: a list item, or an optional or list field."""
    spec: Any = obj_spec(Record)
    tokens = _tokens(pointer)
    for n, token in enumerate(tokens, 1):
        spec = getattr(spec, "inner", spec)
        if isinstance(token, int):
            if not isinstance(spec, Seq):
                return False
            if n == len(tokens):
                return True
            spec = spec.item
            continue
        field = getattr(spec, "fields", {}).get(token)
        if field is None:
            return False
        if n == len(tokens):
            return not field.required or isinstance(field.spec, Seq)
        spec = field.spec
    return False


def _without(value: Any, tokens: list[str | int]) -> Any:
    head, rest = tokens[0], tokens[1:]
    if isinstance(value, tuple):
        assert isinstance(head, int)
        if head >= len(value):
            return value
        if not rest:
            return value[:head] + value[head + 1 :]
        return value[:head] + (_without(value[head], rest),) + value[head + 1 :]
    assert isinstance(head, str)
    current = getattr(value, head, None)
    if current is None:
        return value
    if not rest:
        default = attrs.fields_dict(type(value))[head].default
        return attrs.evolve(value, **{head: () if isinstance(current, tuple) else default})
    return attrs.evolve(value, **{head: _without(current, rest)})


def _moved(pointer: str, removed: str) -> str | None:
    """Where the value at `pointer` is once the value at `removed` is taken out: gone when at or
    below it; one item earlier when a later item of the same list."""
    if pointer == removed or pointer.startswith(removed + "/"):
        return None
    head, _, index = removed.rpartition("/")
    if index.isdecimal() and pointer.startswith(head + "/"):
        token, slash, rest = pointer[len(head) + 1 :].partition("/")
        if token.isdecimal() and int(token) > int(index):
            return f"{head}/{int(token) - 1}{slash}{rest}"
    return pointer


def _repointed(record: Record, removed: str) -> Record:
    """The record's provenance entries and variants following the values they are about once the
    value at `removed` is taken out: those about it go with it (its mark too, so that taking out
    again changes nothing), those about later items of its list move up one."""
    entries = tuple(attrs.evolve(p, path=m) for p in record.provenance if (m := _moved(p.path, removed)) is not None)
    variants = tuple(attrs.evolve(v, path=m) for v in record.variants if (m := _moved(v.path, removed)) is not None)
    return attrs.evolve(record, provenance=entries, variants=variants)


def inferences(record: Record) -> list[Provenance]:
    return [p for p in record.provenance if p.basis == "inference"]


def stated(record: Record) -> Record:
    """The record without its inferred values (those that can be left out; validate reports the
    others as provenance.inference-exported). Its `sources` stay whole: what lists sources (the
    site) lists those a stated value cites (`cited`), not a source of inferences or notes alone."""
    marks = [p for p in inferences(record) if removable(p.path)]
    if not marks:
        return record
    # later list items first, so the indices of the ones still to remove hold
    for mark in sorted(marks, key=lambda p: [(isinstance(t, int), t) for t in _tokens(p.path)], reverse=True):
        record = _repointed(_without(record, _tokens(mark.path)), mark.path)
    return record


def published(records: Mapping[str, Record]) -> dict[str, Record]:
    """The records as exporters see them: stated facts only. Computed
    once per call; a record with nothing to take out is passed through as it is, so publishing
    twice costs a scan, not a copy."""
    return {rid: stated(rec) for rid, rec in records.items()}
