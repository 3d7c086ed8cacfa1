"""The site's data dictionaries: a variable browser on each dataset page that has a dictionary,
and one page listing every dataset's variables (`variables.html`).

The listing is plain HTML: every variable is there without JavaScript. With it,
`assets/variables.js` shows a search box that narrows the rows in place (by name, label,
description, table and dataset) and keeps the words in the URL (`?q=…`). A page without a
dictionary, and a site without any, is unchanged: the styles and script are their own files,
written (and linked) only when some record has a dictionary.

| dictionary field | dataset page (`#h-dictionary`) | `variables.html` |
|---|---|---|
| url, version, note | the section's introduction | |
| tables: name, label, description, component | a heading and paragraph per table; a table of more than `OPEN_LIMIT` variables starts collapsed (`<details>`) | the Table column |
| variable name | the Variable column, with the anchor `#var-{table}-{name}` (schema.org's `url`) | the Variable column, linking to that anchor |
| label, description | the Label and Description columns | the Label column, with the description clipped |
| type, format, unit | the Type column ("code, CHAR(2)"; the unit after "in") | the Type column |
| codes | the Codes column: value – label, missing-value codes marked; more than `CODES_OPEN` start collapsed | |
| sensitive, period | the Description column ("Sensitive."; "Period: …") | |
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from html import escape

from .. import profiles
from ..model import Dictionary, Record, Table, Variable
from .schemaorg import variable_anchor

OPEN_LIMIT = 50  # tables with more variables start collapsed on a dataset page
CODES_OPEN = 10  # code lists with more values start collapsed
HEAD = '<link rel="stylesheet" href="{root}assets/variables.css">\n'


def _e(text: object) -> str:
    """As `site.e` (which this module cannot import: the site imports it)."""
    return escape(str(text), quote=True)


def has_dictionary(records: Mapping[str, Record]) -> bool:
    return any(r.dictionary and r.dictionary.tables for r in records.values())


def type_text(var: Variable) -> str:
    words = ", ".join(w for w in (var.type, var.format) if w)
    return " ".join(w for w in (words, f"in {var.unit}" if var.unit else "") if w)


def _codes(var: Variable) -> str:
    if not var.codes:
        return ""
    items = "".join(
        f"<li><code>{_e(c.value)}</code>"
        + (f" – {_e(c.label)}" if c.label else "")
        + (' <span class="missing">(missing value)</span>' if c.missing else "")
        + "</li>"
        for c in var.codes
    )
    codes = f'<ul class="codes">{items}</ul>'
    if len(var.codes) <= CODES_OPEN:
        return codes
    return f"<details><summary>{len(var.codes)} codes</summary>{codes}</details>"


def _row(table: Table, var: Variable) -> str:
    notes = [_e(var.description)] if var.description else []
    if var.sensitive:
        notes.append("Sensitive.")
    if var.period:
        notes.append(f"Period: {_e(var.period)}.")
    return (
        f'<tr id="{variable_anchor(table.name, var.name)}"><th scope="row"><code>{_e(var.name)}</code></th>'
        f'<td>{_e(var.label or "")}</td><td data-label="Type">{_e(type_text(var))}</td><td>{" ".join(notes)}</td>'
        f"<td>{_codes(var)}</td></tr>"
    )


def _table(rec: Record, n: int, table: Table) -> str:
    component = next((c.title for c in rec.components if c.id == table.component), None)
    title = table.label or table.name
    caption = _e(title) + (f" (<code>{_e(table.name)}</code>)" if table.label else "")
    about = " ".join(
        x for x in (_e(table.description) if table.description else "", f"Part of {_e(component)}." if component else "") if x
    )
    count = len(table.variables)
    rows = "".join(_row(table, v) for v in table.variables)
    grid = (
        f'<div class="vars-wrap" role="region" tabindex="0" aria-labelledby="dict-{n}">'
        '<table class="vars"><thead><tr><th scope="col">Variable</th><th scope="col">Label</th>'
        '<th scope="col">Type</th><th scope="col">Description</th><th scope="col">Codes</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )
    body = (f"<p>{about}</p>" if about else "") + grid
    if count > OPEN_LIMIT:
        body = f"<details><summary>Show the {count} variables</summary>{body}</details>"
    return f'<h3 id="dict-{n}">{caption} <span class="count">{count} variable{"" if count == 1 else "s"}</span></h3>{body}'


def section(rec: Record) -> str:
    """The dataset page's variable browser, or '' without a dictionary."""
    d: Dictionary | None = rec.dictionary
    if not d or not d.tables:
        return ""
    intro = []
    if d.version:
        intro.append(f"Version: {_e(d.version)}.")
    if d.url:
        intro.append(f'Published by the owner: <a href="{_e(d.url)}">{_e(d.url)}</a>.')
    if d.note:
        intro.append(_e(d.note))
    intro.append('<a href="../variables.html">Search the variables of every dataset</a>.')
    tables = "".join(_table(rec, n, t) for n, t in enumerate(d.tables, 1))
    return (
        f'<section aria-labelledby="h-dictionary"><h2 id="h-dictionary">Data dictionary</h2>'
        f"<p>{' '.join(intro)}</p>{tables}</section>"
    )


def variables_page(records: Mapping[str, Record]) -> Iterator[str]:
    """The body of `variables.html`, in pieces: a row per variable of every dataset."""
    total = sum(len(t.variables) for r in records.values() if r.dictionary for t in r.dictionary.tables)
    yield (
        '<nav aria-label="Breadcrumb"><a href="index.html">All datasets</a></nav>\n'
        "<h1>Variables of every dataset</h1>\n"
        f'<p class="lead">The data dictionaries of the datasets in this catalogue: {total:,} variables.</p>\n'
        '<form id="var-search" class="filters" hidden role="search" aria-labelledby="var-search-h" action="variables.html" method="get">'
        '<h2 id="var-search-h">Search variables</h2><div class="field search"><label for="vq">Search names, labels, '
        'descriptions, tables and datasets</label><input type="search" id="vq" name="q" autocomplete="off"></div></form>\n'
        f'<p class="count" id="var-count" aria-live="polite">{total:,} variables</p>\n'
        '<div class="vars-wrap" role="region" tabindex="0" aria-label="Variables"><table class="vars" id="variables">'
        '<thead><tr><th scope="col">Variable</th><th scope="col">Label</th><th scope="col">Type</th>'
        '<th scope="col">Table</th><th scope="col">Dataset</th></tr></thead><tbody>\n'
    )
    for rid in sorted(records):
        rec = records[rid]
        if not rec.dictionary:
            continue
        title = _e(rec.title)
        rows = []
        for table in rec.dictionary.tables:
            tname = _e(table.label or table.name)
            for var in table.variables:
                text = " ".join(x for x in (var.name, var.label, var.description, table.name, table.label, rec.title) if x)
                desc = f'<span class="desc">{_e(profiles.clip(var.description, 120))}</span>' if var.description else ""
                label = f"{_e(var.label)}<br>{desc}" if var.label and desc else _e(var.label or "") + desc
                rows.append(
                    f'<tr data-text="{_e(" ".join(text.lower().split()))}"><th scope="row">'
                    f'<a href="dataset/{_e(rid)}.html#{variable_anchor(table.name, var.name)}"><code>{_e(var.name)}</code></a></th>'
                    f'<td>{label}</td><td data-label="Type">{_e(type_text(var))}</td><td data-label="Table">{tname}</td>'
                    f'<td data-label="Dataset"><a href="dataset/{_e(rid)}.html">{title}</a></td></tr>\n'
                )
        yield "".join(rows)
    yield '</tbody></table></div>\n<p id="var-empty" class="empty" hidden>No variable matches the search.</p>'


# A table heading's count is set apart (lighter), else "ks4 61 variables" reads as one name.
CSS = """.vars-wrap{overflow-x:auto;max-width:100%}
.vars th,.vars td,.vars code{overflow-wrap:break-word}
.vars{font-size:.95rem}.vars th[scope=row]{font-weight:400}.vars code{font-weight:600}
.codes{list-style:none;margin:0;padding:0}.missing{color:#4a4a4a;font-style:italic}.desc{color:#383838;font-size:.9rem}
details>summary{cursor:pointer;color:#0b4f9c}
h3>.count{font-weight:400;font-size:1rem;color:#505a5f;margin-left:.4em}
@media (max-width:40rem){.vars thead{position:absolute;left:-9999px}.vars,.vars tbody,.vars tr,.vars td,.vars th{display:block;width:100%}
.vars tr{border:1px solid #b1b4b6;margin-bottom:.5rem}.vars td,.vars th{border:0;padding:.2rem .4rem}.vars td:empty{display:none}
.vars td[data-label]::before{content:attr(data-label) ": ";font-weight:600}}
"""

JS = """(function () {
  "use strict";
  var form = document.getElementById("var-search");
  var table = document.getElementById("variables");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var search = document.getElementById("vq");
  var count = document.getElementById("var-count");
  var empty = document.getElementById("var-empty");
  function apply() {
    var words = search.value.toLowerCase().split(/\\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-text") || "";
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown.toLocaleString("en-GB") + (shown === 1 ? " variable" : " variables");
    empty.hidden = shown !== 0;
    var query = search.value.trim();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?q=" + encodeURIComponent(query) : ""));
    } catch (ignored) { /* some file: URLs refuse; the view still filters */ }
  }
  search.value = new URLSearchParams(window.location.search).get("q") || "";
  search.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.hidden = false;
  apply();
})();
"""
