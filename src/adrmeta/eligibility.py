"""Flagship eligibility: the criteria rules applied to records, with verdicts and evidence.

Per criterion: met, partly met, not met, or needs judgement (wide appeal); for a designated
flagship, "not evidenced in the record" in place of not met (ADR UK says its flagships meet the
criteria, so what is missing is our metadata's evidence, not the dataset's merit). Overall, in the
words data owners read:
- designated flagship (with or without gaps): ADR UK itself names the dataset a flagship (the
  record's `flagship`, with its source); its gaps against the criteria are listed, never a verdict
  against the designation;
- eligible, eligible with gaps, not eligible: any other dataset covering England;
- not applicable (ADR England criteria): a dataset that does not cover England; the criteria
  results are still listed, for information.
A collection is judged with its parts: where a part supplies the evidence a rule needs (research
questions, documentation, access, contacts), the rule is met by it and the evidence names the part.
A record named on its own is judged the same: its parts and collections are read from the records folder.
Only stated facts count: values marked as inferences are left out first. Like `validate`, `check`
never raises for bad input: records that cannot be read appear as issues in the result.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from . import datestamps
from .model import Record
from .provenance import inferences, published, stated
from .report import Issue, Location
from .rules import Context
from .rules.designation import designating_source
from .rules.flagship import CRITERIA, FROM_PARTS, VERDICT_RANK, Criterion, Finding, Verdict
from .validate import Workspace, folder_records, load, run_rules

Overall = Literal["designated", "designated-with-gaps", "eligible", "eligible-with-gaps", "not-eligible", "not-applicable"]
OVERALL_WORDS = {
    "designated": "designated flagship",
    "designated-with-gaps": "designated flagship with gaps",
    "eligible": "eligible",
    "eligible-with-gaps": "eligible with gaps",
    "not-eligible": "not eligible",
    "not-applicable": "not applicable (ADR England criteria)",
}
VERDICT_WORDS = {
    "met": "met",
    "partly-met": "partly met",
    "not-met": "not met",
    "not-evidenced": "not evidenced in the record",
    "needs-judgement": "needs judgement",
}
ENGLAND = "GB-ENG"


@attrs.frozen(kw_only=True)
class CriterionResult:
    id: str
    title: str
    quote: str
    verdict: Verdict
    findings: tuple[Finding, ...]


@attrs.frozen(kw_only=True)
class Step:
    """One item of a dataset's next-steps checklist: what to do, where, and the criterion asking."""

    action: str
    field: str  # JSON pointer of the field to fill in
    where: str  # "file:line:column" of the field (or of its nearest enclosing field), or the file
    criterion: str  # the criterion's sentence
    file: str = ""  # the parts of `where`, for tools (editors, CI annotations) that read the JSON
    line: int | None = None
    column: int | None = None


@attrs.frozen(kw_only=True)
class DictionaryCounts:
    """How complete a record's machine-readable data dictionary is."""

    tables: int
    variables: int
    labelled: int
    described: int


def dictionary_counts(record: Record) -> DictionaryCounts | None:
    if record.dictionary is None:
        return None
    variables = [v for t in record.dictionary.tables for v in t.variables]
    return DictionaryCounts(
        tables=len(record.dictionary.tables),
        variables=len(variables),
        labelled=sum(v.label is not None for v in variables),
        described=sum(v.description is not None for v in variables),
    )


@attrs.frozen(kw_only=True)
class Assessment:
    record: str
    title: str
    file: str
    status: str
    overall: Overall
    criteria: tuple[CriterionResult, ...]
    designation: str | None = None  # "ADR England flagship datasets (source: ...)" when ADR UK designates it
    part_of_flagship: str | None = None  # a collection this record belongs to that is a designated flagship
    next_steps: tuple[Step, ...] = ()  # the gaps in order: unmet criteria first, then partly met ones
    dictionary: DictionaryCounts | None = None  # the stated machine-readable dictionary, counted

    def criterion(self, id: str) -> CriterionResult:
        return next(c for c in self.criteria if c.id == id)


def _best(record: Record, rule: Any, ctx: Context) -> Finding:
    """The rule's finding for the record, or for the collection's part that meets it best."""
    own: Finding = rule(record, ctx)
    if record.type != "collection" or own.verdict == "met":
        return own
    best, part_id = own, None
    for pid in record.has_part:
        part = ctx.records.get(pid)
        if part is None:
            continue
        found = rule(part, ctx)
        if found.rule in FROM_PARTS and VERDICT_RANK[found.verdict] < VERDICT_RANK[best.verdict]:
            best, part_id = found, pid
    if part_id is None:
        return own
    return attrs.evolve(best, evidence=tuple(attrs.evolve(e, part=part_id) for e in best.evidence))


def _criterion(criterion: Criterion, record: Record, ctx: Context) -> CriterionResult:
    findings = tuple(_best(record, rule, ctx) for rule in criterion.rules)
    if criterion.judgement:
        verdict: Verdict = "needs-judgement"
    else:
        verdict = max((f.verdict for f in findings), key=VERDICT_RANK.__getitem__)
    return CriterionResult(id=criterion.id, title=criterion.title, quote=criterion.quote, verdict=verdict, findings=findings)


def designation(record: Record, ctx: Context) -> str | None:
    """The programme ADR UK names the (stated) record a flagship of, with the source that says so;
    None unless that source is one the programme's organisation publishes (rules.designation)."""
    cited = designating_source(record, ctx)
    if cited is None:
        return None
    programme = next((p.title for p in ctx.catalogue.programmes if p.id == record.flagship), str(record.flagship))
    return f"{programme} (source: {cited.title}" + (f", {cited.date}" if cited.date else "") + ")"


def as_designated(result: CriterionResult) -> CriterionResult:
    """A designated flagship's criterion without evidence is a gap in the record: ADR UK says its
    flagships meet the criteria, so "not met" would contradict the designation."""
    findings = tuple(attrs.evolve(f, verdict="not-evidenced") if f.verdict == "not-met" else f for f in result.findings)
    verdict: Verdict = "not-evidenced" if result.verdict == "not-met" else result.verdict
    return attrs.evolve(result, verdict=verdict, findings=findings)


STEP_ORDER = {"not-met": 0, "not-evidenced": 0, "partly-met": 1, "needs-judgement": 2, "met": 3}


INFERRED_NOTE = (
    " The record gives a value here, but marked as an inference (provenance basis: inference), which"
    " check and the exports leave out: cite a source that states it, then drop the mark."
)


def next_steps(
    criteria: Sequence[CriterionResult],
    file: str,
    locate: Callable[[str], Location] | None = None,
    inferred: Collection[str] = (),
) -> tuple[Step, ...]:
    """Every gap once, unmet criteria first, then partly met ones, each kind in criterion order, with
    the file and line of the field when `locate` (a `SourceFile.locate`) knows it. A gap whose field
    holds a value the record marks as an inference (`inferred`: their paths) says so: the line it
    points at is not empty, only unsourced."""
    found = [
        (STEP_ORDER[f.verdict], n, g) for n, c in enumerate(criteria) for f in c.findings if f.verdict != "met" for g in f.gaps
    ]
    steps, seen = [], set()
    for _rank, _n, g in sorted(found, key=lambda t: t[:2]):
        if (g.action, g.field) in seen:
            continue
        seen.add((g.action, g.field))
        loc = locate(g.field) if locate else None
        if loc is not None and g.field and locate and loc == locate(""):
            loc = None  # a missing top-level field: the file, not the line of its first key
        line = loc.line if loc is not None and loc.line else None
        column = loc.column if line is not None and loc is not None else None
        where = ":".join([file, *(str(n) for n in (line, column) if n is not None)])
        held = any(p == g.field or p.startswith(g.field + "/") for p in inferred) if g.field else False
        action = g.action + (INFERRED_NOTE if held else "")
        steps.append(Step(action=action, field=g.field, where=where, criterion=g.criterion, file=file, line=line, column=column))
    return tuple(steps)


def assess_record(record: Record, ctx: Context, file: str = "", locate: Callable[[str], Location] | None = None) -> Assessment:
    inferred = [p.path for p in inferences(record)]
    record = stated(record)
    results = tuple(_criterion(c, record, ctx) for c in CRITERIA)
    hard = [r.verdict for r in results if r.verdict != "needs-judgement"]
    gaps = "not-met" in hard or "partly-met" in hard
    designated = designation(record, ctx)
    overall: Overall
    if designated:
        overall = "designated-with-gaps" if gaps else "designated"
        results = tuple(as_designated(r) for r in results)
    elif record.coverage.nations and ENGLAND not in record.coverage.nations:
        overall = "not-applicable"
    else:
        overall = "not-eligible" if "not-met" in hard else "eligible-with-gaps" if gaps else "eligible"
    return Assessment(
        record=record.id,
        title=record.title,
        file=file,
        status=record.status,
        overall=overall,
        criteria=results,
        designation=designated,
        part_of_flagship=flagship_parent(record, ctx),
        next_steps=next_steps(results, file, locate, inferred),
        dictionary=dictionary_counts(record),
    )


def flagship_parent(record: Record, ctx: Context) -> str | None:
    """The title of a designated flagship collection the record is part of."""
    parents = [ctx.records[p] for p in record.part_of if p in ctx.records]
    return next((p.title for p in parents if designation(p, ctx)), None)


@attrs.frozen(kw_only=True)
class EligibilityReport:
    assessments: tuple[Assessment, ...]
    issues: tuple[Issue, ...]  # validation errors met on the way (unreadable or invalid records)

    def overall_counts(self) -> dict[str, int]:
        counts = {k: 0 for k in OVERALL_WORDS}
        for a in self.assessments:
            counts[a.overall] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "criteria": [
                {
                    "id": c.id,
                    "title": c.title,
                    "quote": c.quote,
                    "judgement": c.judgement,
                    "rules": [r.__name__.replace("_", "-") for r in c.rules],
                }
                for c in CRITERIA
            ],
            "summary": self.overall_counts(),
            "assessments": [attrs.asdict(a) for a in self.assessments],
            "issues": [i.to_dict() for i in self.issues],
        }


def assess_workspace(
    ws: Workspace, *, today: _dt.date | None = None, links: Mapping[str, Any] | None = None
) -> EligibilityReport:
    report = run_rules(ws, today=today)
    errors = tuple(i for i in report.issues if i.severity == "error")
    if ws.catalogue is None:
        return EligibilityReport(assessments=(), issues=errors)
    # a record is judged as in a check of the whole folder: with its parts and its collections
    related = {r for rec in ws.records.values() for r in (*rec.has_part, *rec.part_of)}
    records = {**folder_records(ws, related), **ws.records}
    ctx = Context(
        catalogue=ws.catalogue,
        records=published(records),
        known_records=frozenset(records),
        today=today or datestamps.today(),
        links=links,
    )
    done = [
        assess_record(rec, ctx, item.file.path, item.file.locate)
        for _p, item in ws.loaded
        if (rec := item.value) is not None and ws.owners.get(rec.id) == item.file.path  # a duplicate's copy: not again
    ]
    return EligibilityReport(assessments=tuple(sorted(done, key=lambda a: a.record)), issues=errors)


def assess(
    paths: Sequence[Path] | None = None,
    *,
    catalogue: Path | None = None,
    today: _dt.date | None = None,
    cwd: Path | None = None,
    links: Mapping[str, Any] | None = None,
) -> EligibilityReport:
    """Assess records (default: every record in the records folder) against the flagship criteria;
    with `links`, a broken user guide or data dictionary link makes its rule partly met."""
    return assess_workspace(load(paths, catalogue=catalogue, cwd=cwd), today=today, links=links)
