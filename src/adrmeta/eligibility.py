"""Flagship eligibility: the criteria rules applied to records, with verdicts and evidence.

Per criterion: met, partly met, not met, or needs judgement (wide appeal). Overall: eligible,
eligible with gaps, or not eligible. Like `validate`, `check` never raises for bad input: records
that cannot be read appear as issues in the result.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from .model import Record
from .report import Issue
from .rules import Context
from .rules.flagship import CRITERIA, VERDICT_RANK, Criterion, Finding, Verdict
from .validate import Workspace, load
from .validate import check as validate_workspace

Overall = Literal["eligible", "eligible-with-gaps", "not-eligible"]
OVERALL_WORDS = {"eligible": "eligible", "eligible-with-gaps": "eligible with gaps", "not-eligible": "not eligible"}
VERDICT_WORDS = {"met": "met", "partly-met": "partly met", "not-met": "not met", "needs-judgement": "needs judgement"}


@attrs.frozen(kw_only=True)
class CriterionResult:
    id: str
    title: str
    quote: str
    verdict: Verdict
    findings: tuple[Finding, ...]


@attrs.frozen(kw_only=True)
class Assessment:
    record: str
    title: str
    file: str
    status: str
    declared_flagship: str | None
    overall: Overall
    criteria: tuple[CriterionResult, ...]
    flag: str | None = None   # set when a record declares itself flagship yet falls short

    def criterion(self, id: str) -> CriterionResult:
        return next(c for c in self.criteria if c.id == id)


def _criterion(criterion: Criterion, record: Record, ctx: Context) -> CriterionResult:
    findings = tuple(rule(record, ctx) for rule in criterion.rules)
    if criterion.judgement:
        verdict: Verdict = "needs-judgement"
    else:
        verdict = max((f.verdict for f in findings), key=VERDICT_RANK.__getitem__)
    return CriterionResult(id=criterion.id, title=criterion.title, quote=criterion.quote, verdict=verdict,
                           findings=findings)


def assess(record: Record, ctx: Context, file: str = "") -> Assessment:
    results = tuple(_criterion(c, record, ctx) for c in CRITERIA)
    hard = [r.verdict for r in results if r.verdict != "needs-judgement"]
    overall: Overall = ("not-eligible" if "not-met" in hard else
                        "eligible-with-gaps" if "partly-met" in hard else "eligible")
    flag = None
    if record.flagship and overall != "eligible":
        short = [f"{r.title} ({VERDICT_WORDS[r.verdict]})" for r in results if r.verdict in ("not-met", "partly-met")]
        programme = next((p.title for p in ctx.catalogue.programmes if p.id == record.flagship), record.flagship)
        flag = f"declared one of the {programme}, but " + "; ".join(short)
    return Assessment(record=record.id, title=record.title, file=file, status=record.status,
                      declared_flagship=record.flagship, overall=overall, criteria=results, flag=flag)


@attrs.frozen(kw_only=True)
class EligibilityReport:
    assessments: tuple[Assessment, ...]
    issues: tuple[Issue, ...]   # validation errors met on the way (unreadable or invalid records)

    def overall_counts(self) -> dict[str, int]:
        counts = {k: 0 for k in OVERALL_WORDS}
        for a in self.assessments:
            counts[a.overall] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "criteria": [{"id": c.id, "title": c.title, "quote": c.quote, "judgement": c.judgement,
                          "rules": [r.__name__.replace("_", "-") for r in c.rules]} for c in CRITERIA],
            "summary": self.overall_counts(),
            "assessments": [attrs.asdict(a) for a in self.assessments],
            "issues": [i.to_dict() for i in self.issues],
        }


def assess_workspace(ws: Workspace, *, today: _dt.date | None = None,
                     links: Mapping[str, Any] | None = None) -> EligibilityReport:
    report = validate_workspace(ws, today=today)
    errors = tuple(i for i in report.issues if i.severity == "error")
    if ws.catalogue is None:
        return EligibilityReport(assessments=(), issues=errors)
    records = ws.records
    ctx = Context(catalogue=ws.catalogue, records=records, known_records=frozenset(records),
                  today=today or _dt.date.today(), links=links)
    first = dict(reversed([(rid, file) for rid, file in ws.index() if rid is not None]))  # the first of duplicate ids
    done = [assess(rec, ctx, item.file.path) for _p, item in ws.loaded
            if (rec := item.value) is not None and first.get(rec.id) == item.file.path]
    return EligibilityReport(assessments=tuple(sorted(done, key=lambda a: a.record)), issues=errors)


def check(paths: Sequence[Path] | None = None, *, catalogue: Path | None = None,
          today: _dt.date | None = None, cwd: Path | None = None,
          links: Mapping[str, Any] | None = None) -> EligibilityReport:
    """Assess records (default: every record in the records folder) against the flagship criteria;
    with `links`, a broken user guide or data dictionary link makes its rule partly met."""
    return assess_workspace(load(paths, catalogue=catalogue, cwd=cwd), today=today, links=links)
