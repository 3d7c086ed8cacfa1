"""Checks on loaded records. Each rule is a small named function `rule(record, ctx)` yielding
issues without a location; `validate` adds the file:line:column from the record's file."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from ..datestamps import Fingerprints
from ..model import Catalogue, Record
from ..report import Issue


@attrs.frozen(kw_only=True)
class Context:
    """What a rule may look at besides the record itself."""

    catalogue: Catalogue
    records: Mapping[str, Record]  # records being validated, by id
    known_records: frozenset[str]  # ids that exist: validated ones plus the records folder
    today: _dt.date
    links: Mapping[str, Any] | None = None  # url -> links.LinkResult, when checked online
    published: Mapping[str, Mapping[str, str]] | None = None  # exports/records.json: datestamps as last exported
    fingerprints: Fingerprints | None = None  # the workspace's, each made once (the export reuses them)

    def source_date(self, record: Record, key: str | None) -> str | None:
        for src in (*record.sources, *self.catalogue.sources):
            if src.id == key:
                return src.date
        return None


Rule = Callable[[Record, Context], Iterator[Issue]]


def emits(*codes: str) -> Callable[[Rule], Rule]:
    """Declare the issue codes a rule can report (documentation, and lets a caller that only
    cares about errors skip rules that cannot produce one)."""

    def mark(rule: Rule) -> Rule:
        rule.codes = codes  # type: ignore[attr-defined]
        return rule

    return mark


def worst_severity(rule: Rule) -> int:
    from ..report import CODES, SEVERITY_RANK

    return max(SEVERITY_RANK[CODES[c][0]] for c in rule.codes)  # type: ignore[attr-defined]


def issue(code: str, record: Record | None, path: str, message: str, fix: str) -> Issue:
    return Issue(code=code, record=record.id if record else None, path=path, message=message, fix=fix)
