"""The eligibility report as text (terminal), Markdown (pull-request comment) and HTML (one
self-contained page: a dataset x criterion matrix, then a section per dataset). Pure functions
of an `EligibilityReport`; JSON is its `to_dict()`."""

from __future__ import annotations

from html import escape

from .eligibility import OVERALL_WORDS, VERDICT_WORDS, Assessment, EligibilityReport
from .rules.flagship import CRITERIA, Finding

MARK = {"met": "✓", "partly-met": "◐", "not-met": "✗", "not-evidenced": "○", "needs-judgement": "?"}
ANSI = {
    "met": "\033[32m",
    "partly-met": "\033[33m",
    "not-met": "\033[31m",
    "not-evidenced": "\033[33m",
    "needs-judgement": "\033[36m",
    "eligible": "\033[32m",
    "eligible-with-gaps": "\033[33m",
    "not-eligible": "\033[31m",
    "designated": "\033[32m",
    "designated-with-gaps": "\033[33m",
    "not-applicable": "\033[2m",
}
RESET = "\033[0m"


def _c(text: str, key: str, colour: bool) -> str:
    return f"{ANSI[key]}{text}{RESET}" if colour else text


def _summary_line(report: EligibilityReport) -> str:
    counts = report.overall_counts()
    return f"{len(report.assessments)} dataset(s): " + ", ".join(f"{n} {OVERALL_WORDS[k]}" for k, n in counts.items())


def _verdict(a: Assessment) -> str:
    """The overall verdict; for a part of a designated flagship not designated itself, saying so,
    so "not eligible" is not read as a verdict on the flagship it belongs to."""
    words = OVERALL_WORDS[a.overall]
    return f"{words} (on its own; part of a designated flagship)" if a.part_of_flagship and not a.designation else words


def _context(a: Assessment) -> list[str]:
    """Why the verdict reads as it does: the designation, the collection, the nations."""
    out = []
    if a.designation:
        out.append(f"Designated by ADR UK: {a.designation}.")
        if a.part_of_flagship:  # designated itself as well (e.g. Family Court–Cafcass, within Data First)
            out.append(f"Also part of {a.part_of_flagship}, itself a designated flagship.")
    elif a.part_of_flagship:
        out.append(f"Part of {a.part_of_flagship}, a designated flagship; not designated on its own.")
    if any(c.verdict == "not-evidenced" for c in a.criteria):
        out.append(
            "ADR UK says its flagship datasets meet every criterion: “not evidenced in the record” marks"
            " what this record does not yet show, a gap in the metadata, not a verdict on the dataset."
        )
    if a.overall == "not-applicable":
        out.append("Does not cover England: the ADR England criteria do not apply; results shown for information.")
    d = a.dictionary
    if d is not None:
        out.append(
            f"Data dictionary: {d.variables} variable(s) in {d.tables} table(s); {d.labelled} with labels,"
            f" {d.described} with descriptions.{_dictionary_part(a)}"
        )
    return out


def _dictionary_part(a: Assessment) -> str:
    """Whether the dictionary meets its part of its criterion; a met criterion's findings are not
    printed, so without this line the owner could not tell."""
    for c in a.criteria:
        for f in c.findings:
            if f.rule == "public-data-dictionary":
                return f" Data-dictionary part of '{c.title}': {VERDICT_WORDS[f.verdict]}."
    return ""


def _from_part(f: Finding) -> str | None:
    return next((e.part for e in f.evidence if e.part), None)


def render_text(report: EligibilityReport, colour: bool = False) -> str:
    lines = []
    for i in report.issues:
        lines += [f"{i.location}: {i.severity} {i.code}: {i.message}", f"    Fix: {i.fix}"]
    for a in report.assessments:
        verdict = OVERALL_WORDS[a.overall].upper() + _verdict(a)[len(OVERALL_WORDS[a.overall]) :]
        head = f"{a.record}: {_c(verdict, a.overall, colour)} — {a.title}"
        lines.append(head + (f" [{a.status}]" if a.status != "available" else ""))
        lines += [f"  {text}" for text in _context(a)]
        width = max(15, *(len(VERDICT_WORDS[c.verdict]) for c in a.criteria))  # the titles in one column
        for c in a.criteria:
            mark = _c(f"{MARK[c.verdict]} {VERDICT_WORDS[c.verdict]:<{width}}", c.verdict, colour)
            parts = sorted({p for f in c.findings if f.verdict == "met" and (p := _from_part(f))})
            lines.append(f"  {mark} {c.title}" + (f" (evidence from part {', '.join(parts)})" if parts else ""))
            if c.verdict == "needs-judgement":
                lines += [f"      - {e.text}" for f in c.findings for e in f.evidence]
            for f in c.findings:
                if f.gaps and (f.verdict != "met" or c.verdict == "needs-judgement"):
                    lines.append(f"      “{f.gaps[0].criterion}”")
                    lines += [f"      - {g.action} (field {g.field})" for g in f.gaps]
        if a.next_steps:
            lines.append("  Next steps:")
            lines += [
                f"    {n}. {step.action}\n       {step.where} (field {step.field})" for n, step in enumerate(a.next_steps, 1)
            ]
    lines.append(_summary_line(report))
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(report: EligibilityReport, max_chars: int | None = None, note: str = "") -> str:
    """The report as Markdown; with `max_chars`, whole dataset sections are dropped from the end
    until it fits (with a line saying how many are shown and where the full report is), so a
    pull-request comment stays under GitHub's 65,536-character limit."""
    full = _markdown(report, report.assessments, note)
    if max_chars is None or len(full) <= max_chars:
        return full
    shown = list(report.assessments)
    while shown:
        shown.pop()
        cut = (
            f"*Truncated to stay under {max_chars} characters: {len(shown)} of {len(report.assessments)} "
            f"dataset(s) shown; the full report is in the workflow's artifact (or run `adrmeta check`).*"
        )
        text = _markdown(report, tuple(shown), note, cut)
        if len(text) <= max_chars:
            return text
    return cut[:max_chars]


def _markdown(report: EligibilityReport, assessments: tuple[Assessment, ...], note: str, cut: str = "") -> str:
    out = ["## ADR England flagship eligibility", "", _summary_line(report) + ".", ""]
    out += [note, ""] if note else []
    out += [cut, ""] if cut else []
    head = "| dataset | overall | " + " | ".join(c.title for c in CRITERIA) + " |"
    out += [head, "|" + "---|" * (len(CRITERIA) + 2)] if assessments else []
    for a in assessments:
        cells = [f"{MARK[c.verdict]} {VERDICT_WORDS[c.verdict]}" for c in a.criteria]
        out.append(f"| **{_md(a.record)}** | {_md(_verdict(a))} | " + " | ".join(cells) + " |")
    out.append("")
    for a in assessments:
        out += [f"### {_md(a.title)} (`{a.record}`): {_md(_verdict(a))}", ""]
        out += [f"> {_md(text)}" for text in _context(a)]
        out += [""] if _context(a) else []
        for c in a.criteria:
            out.append(f"- {MARK[c.verdict]} **{_md(c.title)}**: {VERDICT_WORDS[c.verdict]}")
            for f in c.findings:
                for e in f.evidence:
                    out.append(f"  - {_md(e.text)} (`{_md(e.path)}`" + (f" of part `{_md(e.part)}`)" if e.part else ")"))
        if a.next_steps:
            out += ["", "**To do:**", ""]
            out += [
                f"{n}. {_md(step.action)} (`{_md(step.where)}`, field `{_md(step.field)}`; criterion: “{_md(step.criterion)}”)"
                for n, step in enumerate(a.next_steps, 1)
            ]
        out.append("")
    if report.issues:
        out += ["### Records that could not be assessed", ""]
        out += [f"- `{_md(str(i.location))}` {i.code}: {_md(i.message)} Fix: {_md(i.fix)}" for i in report.issues]
        out.append("")
    return "\n".join(out)


CSS = """
:root { color-scheme: light; --met:#1a7f37; --partly:#9a6700; --not:#cf222e; --judge:#0550ae; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #fff; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .4rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
.v { white-space: nowrap; font-weight: 600; } .v.not-evidenced { white-space: normal; } /* five words: may wrap */
.met { color: var(--met); } .partly-met, .not-evidenced { color: var(--partly); } .not-met { color: var(--not); }
.needs-judgement { color: var(--judge); }
.eligible, .designated { color: var(--met); } .eligible-with-gaps, .designated-with-gaps { color: var(--partly); }
.not-eligible { color: var(--not); } .not-applicable { color: #57606a; }
.note { border-left: 4px solid #0550ae; background: #f6f8fa; padding: .5rem 1rem; } .crit { font-style: italic; }
.flag { border-left: 4px solid var(--not); background: #fff5f5; padding: .5rem 1rem; }
ul.ev { margin: .2rem 0 .6rem; } .todo { margin-bottom: .4rem; } .where { color: #57606a; }
th .crit { font-weight: normal; font-size: .85rem; margin: .3rem 0 0; } dd.crit { margin: 0 0 .6rem 1rem; }
code { font-size: .85em; background: #f6f8fa; padding: 0 .2em; border-radius: 3px; }
a { color: #0550ae; }
/* break-word, not anywhere: anywhere also lets a table column shrink to a letter a line */
main { overflow-wrap: break-word; } code { overflow-wrap: anywhere; }
.lbl { display: none; }
/* fixed widths, so neither the quotes nor a long evidence list squeezes the other column */
table.findings { table-layout: fixed; } col.c-crit { width: 32%; } col.c-verdict { width: 11rem; }
#matrix th[scope="row"] { min-width: 12rem; } #matrix td[data-overall] .v { white-space: normal; }
/* narrower screens stack each row as a labelled card: the matrix below 64rem (its seven columns
   need ~1000 px), the findings below 48rem; no sideways scrolling, no column a word wide */
@media (max-width: 64rem) {
  #matrix, #matrix caption, #matrix tr, #matrix th, #matrix td { display: block; }
  #matrix thead { display: none; }
  #matrix tbody { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(18rem, 100%), 1fr)); gap: .75rem; }
  #matrix tr { border: 1px solid #d0d7de; border-radius: 6px; padding: .4rem .75rem; }
  #matrix th, #matrix td { border: 0; padding: .2rem 0; min-width: 0; }
  #matrix td { display: flex; justify-content: space-between; gap: 1rem; }
  #matrix .lbl { display: inline; color: #57606a; } #matrix td .v { text-align: right; }
}
@media (max-width: 48rem) {
  table.findings, .findings tbody, .findings tr, .findings th, .findings td { display: block; }
  .findings thead, .findings colgroup { display: none; }
  .findings tr { border: 1px solid #d0d7de; border-radius: 6px; padding: .4rem .75rem; margin: 0 0 .75rem; }
  .findings th, .findings td { border: 0; padding: .2rem 0; }
  .findings .lbl { display: inline; color: #57606a; } td.ev > .lbl { display: block; } ul.ev { padding-left: 1.2rem; }
}
@media (max-width: 40rem) {
  header, main, footer { padding: .75rem 1rem; } ol.steps { padding-left: 1.5rem; } :not(td) > .v { white-space: normal; }
}
"""


def _inline(text: str) -> str:
    """Escaped text with its Markdown code spans (`x`) as <code>: no literal backticks in the page."""
    parts = escape(text).split("`")
    if len(parts) % 2 == 0:  # the last backtick is unpaired: a quotation mark, not code
        parts[-2:] = [parts[-2] + "&#8216;" + parts[-1]]
    return "".join(f"<code>{p}</code>" if n % 2 else p for n, p in enumerate(parts))


def _path(text: str) -> str:
    """A file path or JSON pointer, escaped, that may wrap after any inner slash: on a phone a long
    pointer then breaks between its steps, not inside a word."""
    return escape(text[:1]) + escape(text[1:]).replace("/", "/<wbr>")  # never right after a leading slash


def _cell(verdict: str) -> str:
    return f'<span class="v {verdict}">{MARK[verdict]} {escape(VERDICT_WORDS[verdict])}</span>'


def _section(a: Assessment) -> str:
    parts = [
        f'<section id="{escape(a.record)}" aria-labelledby="h-{escape(a.record)}">',
        f'<h2 id="h-{escape(a.record)}">{_inline(a.title)} <span class="v {a.overall}">({escape(_verdict(a))})</span></h2>',
        f"<p>Record <code>{escape(a.record)}</code> in <code>{_path(a.file)}</code>; status {escape(a.status)}.</p>",
    ]
    parts += [f'<p class="note" role="note">{_inline(text)}</p>' for text in _context(a)]
    parts.append(
        '<table class="findings"><colgroup><col class="c-crit"><col class="c-verdict"><col></colgroup>'
        '<thead><tr><th scope="col">Criterion</th><th scope="col">Verdict</th>'
        '<th scope="col">Evidence and what to do</th></tr></thead><tbody>'
    )
    for c in a.criteria:
        items = []
        for f in c.findings:
            items += [
                f"<li>{_inline(e.text)} <code>{_path(e.path)}</code>"
                + (f" (part <code>{escape(e.part)}</code>)" if e.part else "")
                + "</li>"
                for e in f.evidence
            ]
            if f.verdict != "met":  # what is missing, beside what was found (the steps below order it)
                items += [f'<li class="todo">To do: {_inline(g.action)} <code>{_path(g.field)}</code></li>' for g in f.gaps]
        parts.append(
            f'<tr><th scope="row">{escape(c.title)}<p class="crit">“{escape(c.quote)}”</p></th>'
            f'<td><span class="lbl">Verdict: </span>{_cell(c.verdict)}</td>'
            f'<td class="ev"><span class="lbl">Evidence and what to do</span>'
            f'<ul class="ev">{"".join(items) or "<li>No evidence recorded.</li>"}</ul></td></tr>'
        )
    parts.append("</tbody></table>")
    if a.next_steps:
        parts.append(f'<h3 id="steps-{escape(a.record)}">Next steps, in order</h3><ol class="steps">')
        parts += [
            f'<li class="todo">{_inline(step.action)} <span class="where">(<code>{_path(step.where)}</code>, '
            f'field <code>{_path(step.field)}</code>)</span><br><span class="crit">Criterion: '
            f"“{_inline(step.criterion)}”</span></li>"
            for step in a.next_steps
        ]
        parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)


def render_html(report: EligibilityReport) -> str:
    rows = []
    for a in report.assessments:
        cells = "".join(
            f'<td data-criterion="{c.id}" data-verdict="{c.verdict}"><span class="lbl">{escape(c.title)}</span>{_cell(c.verdict)}</td>'
            for c in a.criteria
        )
        rows.append(
            f'<tr data-record="{escape(a.record)}"><th scope="row"><a href="#{escape(a.record)}">'
            f'{_inline(a.title)}</a></th><td data-overall="{a.overall}"><span class="lbl">Overall</span>'
            f'<span class="v {a.overall}">{escape(_verdict(a))}</span></td>{cells}</tr>'
        )
    head = "".join(f'<th scope="col"><a href="#crit-{c.id}">{escape(c.title)}</a></th>' for c in CRITERIA)
    criteria = "".join(f'<dt id="crit-{c.id}">{escape(c.title)}</dt><dd class="crit">“{escape(c.quote)}”</dd>' for c in CRITERIA)
    problems = ""
    if report.issues:
        items = "".join(
            f"<li><code>{escape(str(i.location))}</code> {escape(i.code)}: {_inline(i.message)} Fix: {_inline(i.fix)}</li>"
            for i in report.issues
        )
        problems = f'<section aria-labelledby="h-problems"><h2 id="h-problems">Records that could not be assessed</h2><ul>{items}</ul></section>'
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ADR England flagship eligibility</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>ADR England flagship eligibility</h1>
<p>{escape(_summary_line(report))}. Criteria from “What are ADR England Flagship Datasets?” (ADR UK, July 2023).
Wide appeal needs human judgement: its evidence is listed, never scored.</p>
<h2 id="h-criteria">The criteria</h2><dl class="criteria">{criteria}</dl></header>
<main>
<table id="matrix">
<caption>Datasets against the flagship criteria</caption>
<thead><tr><th scope="col">Dataset</th><th scope="col">Overall</th>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
{problems}
{chr(10).join(_section(a) for a in report.assessments)}
</main>
<footer><p>Generated by adrmeta from the catalogue's records. ✓ met · ◐ partly met · ✗ not met · ○ not evidenced in the record (a designated flagship: a gap in its metadata) · ? needs judgement.</p></footer>
</body>
</html>
"""
