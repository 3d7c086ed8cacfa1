"""A static catalogue site: an index, a page per dataset with its schema.org JSON-LD in the head,
pre-rendered filter pages, a sitemap and robots.txt. Self-contained (no CDN, no external fonts);
filtering works without JavaScript through the filter pages and in place with it.

| record field | where on the site |
|---|---|
| provenance (basis: inference) | nowhere: inferred values are taken out before rendering (`provenance.published`) |
| title, acronym, status, summary | index card; dataset page heading and introduction |
| themes, nations, access TREs, status | index filters (`data-*` attributes and `filter/*.html` pages) |
| publisher, data_owners, contributors, coverage, population, unit_of_analysis, size, update_frequency, version, identifiers, landing_page | dataset page, "At a glance" |
| components, linkage | "Components and linkage" |
| access, contacts | "Access" (`#access`, the schema.org `usageInfo` target) |
| documentation | "Documentation", with availability |
| research_questions | "Research questions" |
| publications | "Research using the data" |
| flagship (with its source) | an "ADR England flagship" badge on the card and page, with the designating source; parts of a designated collection say so. The internal eligibility verdict is never published |
| part_of, has_part | "Related datasets" |
| sources, variants | "Sources", and "Where sources disagree" |
| modified | page footer; `sitemap.xml` `lastmod` |
| notes, expected_availability | "Notes" and the status line |

Files: `site/index.html`, `site/dataset/{id}.html`, `site/filter/{facet}-{value}.html`,
`site/assets/site.css`, `site/assets/site.js`, `site/sitemap.xml`, `site/robots.txt`.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from html import escape
from itertools import chain
from typing import Any

import attrs

from .. import vocab
from ..eligibility import designation, flagship_parent
from ..lookup import index
from ..model import Catalogue, Period, Record
from ..rules import Context
from . import schemaorg
from .files import Documents

BODY = "<adrmeta-body/>"   # where a page's body goes; escaped text cannot contain '<'
FACETS = {"theme": "Research theme", "nation": "Nation", "tre": "Trusted research environment", "status": "Status"}
STATUS_LABELS = {"available": "Available", "planned": "Planned", "retired": "Retired"}
FREQUENCY_LABELS = {k: v[1].capitalize() for k, v in vocab.FREQUENCY.items()} | {"under-review": "Under review"}


def e(text: Any) -> str:
    return escape(str(text), quote=True)


def link(url: str | None, text: str) -> str:
    """The text, as a link when there is a URL."""
    return f'<a href="{e(url)}">{e(text)}</a>' if url else e(text)


def script_json(data: Any) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can close the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def period_text(p: Period) -> str:
    span = f"{p.start or '…'} – {p.end or 'ongoing'}"
    label = p.label or p.wave
    return f"{label} ({span})" if label and label != span else span


@attrs.frozen
class _Entry:
    """What the index, filter pages and sitemap need of a record, kept instead of the record."""

    key: tuple[str, str]            # listing order: title as people look for it, then id
    card: str                       # its card, for a page at the root
    facets: dict[str, list[str]]
    modified: str


class _Site:
    def __init__(self, catalogue: Catalogue, records: Mapping[str, Record]) -> None:
        self.cat = catalogue
        self.records = records
        self.ix = index(catalogue)
        self.ctx = Context(catalogue=catalogue, records=records, known_records=frozenset(records),
                           today=_dt.date.fromisoformat(catalogue.modified))
        self.entries: dict[str, _Entry] = {}
        self._facet_values: dict[str, dict[str, list[str]]] | None = None

    def entry(self, rec: Record, mark: Flagship) -> _Entry:
        facets = self.facets(rec)
        return _Entry(key=(rec.title.casefold(), rec.id), card=self.card(rec, mark, ""),
                      facets=facets, modified=rec.modified)

    def listed_card(self, rid: str, root: str) -> str:
        card = self.entries[rid].card
        # record text is escaped, so the card's own link is the only 'href="dataset/' in it
        return card.replace('href="dataset/', f'href="{root}dataset/', 1) if root else card

    # --- facets ---

    def facets(self, rec: Record) -> dict[str, list[str]]:
        return {"theme": list(rec.themes), "nation": list(rec.coverage.nations),
                "tre": list(dict.fromkeys(r.tre for r in rec.access)), "status": [rec.status]}

    def facet_label(self, facet: str, value: str) -> str:
        if facet == "theme":
            return self.ix.themes[value].label
        if facet == "nation":
            return vocab.NATIONS[value][1]
        if facet == "tre":
            return self.ix.tres[value].title
        return STATUS_LABELS[value]

    def facet_values(self) -> dict[str, dict[str, list[str]]]:
        """facet -> value -> record ids having it (once every record's entry is in; every
        filter page's browse list asks again)."""
        if self._facet_values is None:
            out: dict[str, dict[str, list[str]]] = {f: {} for f in FACETS}
            for rid in sorted(self.entries):
                for facet, values in self.entries[rid].facets.items():
                    for v in values:
                        out[facet].setdefault(v, []).append(rid)
            self._facet_values = {f: dict(sorted(vals.items(), key=lambda kv: self.facet_label(f, kv[0])))
                                  for f, vals in out.items()}
        return self._facet_values

    # --- page frame ---

    def page(self, title: str, body: str, root: str, head: str = "", description: str | None = None) -> str:
        desc = f'<meta name="description" content="{e(description)}">\n' if description else ""
        return f"""<!DOCTYPE html>
<html lang="{e(self.cat.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
{desc}<link rel="stylesheet" href="{root}assets/site.css">
{head}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><p class="brand"><a href="{root}index.html">{e(self.cat.title)}</a></p></header>
<main id="main">
{body}
</main>
<footer class="site"><p>Published by {e(self.ix.orgs[self.cat.publisher].name)}. Metadata last changed {e(self.cat.modified)}.
Metadata licence: <a href="{e(self.cat.metadata_licence)}">{e(vocab.LICENCES.get(self.cat.metadata_licence, (self.cat.metadata_licence,))[0])}</a>.</p></footer>
<script src="{root}assets/site.js" defer></script>
</body>
</html>
"""

    def card(self, rec: Record, mark: Flagship, root: str) -> str:
        f = self.facets(rec)
        data = " ".join(f'data-{k}="{e(" ".join(v))}"' for k, v in f.items())
        chips = [e(vocab.NATIONS[n][1]) for n in rec.coverage.nations] + [e(self.ix.themes[t].label) for t in rec.themes]
        first = rec.summary.split(". ")[0].rstrip(".") + "."
        return (f'<li class="card" {data}>\n<h2><a href="{root}dataset/{e(rec.id)}.html">{e(rec.title)}</a>'
                + (f' <span class="acronym">({e(rec.acronym)})</span>' if rec.acronym else "") + "</h2>\n"
                f'<p class="meta"><span class="badge status-{e(rec.status)}">{e(STATUS_LABELS[rec.status])}</span> '
                + (FLAGSHIP_BADGE if mark.designation else "")
                + " · ".join(chips) + "</p>\n"
                f"<p>{e(first)}</p>\n</li>")

    def framed(self, title: str, pieces: Iterable[str], root: str, description: str | None = None) -> Iterator[str]:
        """A page whose body comes in pieces (it lists many records), written as they come."""
        before, _mark, after = self.page(title, BODY, root, description=description).partition(BODY)
        yield before
        yield from pieces
        yield after

    def listing(self, ids: list[str], root: str) -> Iterator[str]:
        yield '<ul class="cards" id="datasets">\n'
        for n, rid in enumerate(sorted(ids, key=lambda rid: self.entries[rid].key)):
            yield ("\n" if n else "") + self.listed_card(rid, root)
        yield "\n</ul>"

    def browse(self, root: str) -> str:
        parts = ['<nav class="browse" aria-labelledby="browse-h"><h2 id="browse-h">Browse by</h2>']
        for facet, values in self.facet_values().items():
            links = " ".join(f'<li><a href="{root}filter/{facet}-{e(v)}.html">{e(self.facet_label(facet, v))}</a> '
                             f"({len(ids)})</li>" for v, ids in values.items())
            parts.append(f"<h3>{e(FACETS[facet])}</h3><ul>{links}</ul>")
        parts.append("</nav>")
        return "\n".join(parts)

    def filter_form(self) -> str:
        selects = []
        for facet, values in self.facet_values().items():
            options = "".join(f'<option value="{e(v)}">{e(self.facet_label(facet, v))}</option>' for v in values)
            selects.append(f'<div class="field"><label for="f-{facet}">{e(FACETS[facet])}</label>'
                           f'<select id="f-{facet}" name="{facet}" data-facet="{facet}"><option value="">Any</option>'
                           f"{options}</select></div>")
        return ('<form id="filters" class="filters" hidden aria-labelledby="filters-h">'
                '<h2 id="filters-h">Filter datasets</h2>' + "".join(selects) +
                '<button type="reset">Clear filters</button></form>\n'
                f'<p id="count" class="count" aria-live="polite">{len(self.entries)} datasets</p>')

    # --- pages ---

    def index(self) -> Iterator[str]:
        intro = (f"<h1>{e(self.cat.title)}</h1>\n<p class=\"lead\">{e(self.cat.description)}</p>\n"
                 + self.filter_form() + "\n")
        body = chain([intro], self.listing(list(self.entries), ""), ["\n" + self.browse("")])
        return self.framed(self.cat.title, body, "", description=self.cat.description)

    def filter_page(self, facet: str, value: str, ids: list[str]) -> Iterator[str]:
        label = self.facet_label(facet, value)
        intro = (f'<nav aria-label="Breadcrumb"><a href="../index.html">All datasets</a></nav>\n'
                 f"<h1>{e(FACETS[facet])}: {e(label)}</h1>\n<p class=\"count\">{len(ids)} dataset(s)</p>\n")
        body = chain([intro], self.listing(ids, "../"), ["\n" + self.browse("../")])
        return self.framed(f"{label} – {self.cat.title}", body, "../")

    def org_list(self, ids: tuple[str, ...]) -> str:
        return ", ".join(e(self.ix.orgs[o].name) for o in ids) or "Not recorded"

    def dataset_page(self, rec: Record, v: Flagship) -> str:
        data = schemaorg.dataset(self.cat, self.records, rec)
        head = f'<script type="application/ld+json">\n{script_json(data)}\n</script>\n'
        s: list[str] = ['<nav aria-label="Breadcrumb"><a href="../index.html">All datasets</a></nav>',
                        f"<h1>{e(rec.title)}" + (f' <span class="acronym">({e(rec.acronym)})</span>' if rec.acronym else "") + "</h1>"]
        status = STATUS_LABELS[rec.status] + (f" (expected: {rec.expected_availability})" if rec.expected_availability else "")
        s.append(f'<p class="meta"><span class="badge status-{e(rec.status)}">{e(status)}</span> '
                 + (FLAGSHIP_BADGE if v.designation else "") + "</p>")
        s.append(f'<p class="lead">{e(rec.summary)}</p>')
        facts = [("Publisher", e(self.ix.orgs[rec.publisher].name) if rec.publisher else "Not recorded"),
                 ("Data owners", self.org_list(rec.data_owners))]
        if rec.contributors:
            facts.append(("Contributors", ", ".join(f"{e(self.ix.orgs[c.organisation].name)} ({e(vocab.ROLE_LABELS[c.role].lower())})"
                                                    for c in rec.contributors)))
        facts.append(("Coverage", e(", ".join(vocab.NATIONS[n][1] for n in rec.coverage.nations) or "Not recorded")
                      + (f" ({e(rec.coverage.area)} only)" if rec.coverage.area else "")))
        if rec.coverage.periods:
            facts.append(("Time period", "<br>".join(e(period_text(p)) for p in rec.coverage.periods)))
        if rec.population:
            facts.append(("Population", e(rec.population)))
        if rec.unit_of_analysis:
            facts.append(("Unit of analysis", e(", ".join(vocab.ANALYSIS_UNITS[u][1] for u in rec.unit_of_analysis))))
        if rec.size:
            facts.append(("Size", "<br>".join(e(f"{'~' if z.approximate else ''}{z.value:,} {z.unit}"
                                                 + (f" (as of {z.as_of})" if z.as_of else "")) for z in rec.size)))
        if rec.update_frequency:
            facts.append(("Updated", e(FREQUENCY_LABELS[rec.update_frequency] + (f": {rec.update_note}" if rec.update_note else ""))))
        if rec.version:
            facts.append(("Version", e(rec.version)))
        if rec.identifiers:
            facts.append(("Identifiers", "<br>".join(
                link(i.url, i.value) + f" ({e(i.scheme)})" for i in rec.identifiers)))
        if rec.landing_page:
            facts.append(("Web page", link(rec.landing_page, rec.landing_page)))
        s.append('<section aria-labelledby="h-facts"><h2 id="h-facts">At a glance</h2><dl class="facts">'
                 + "".join(f"<dt>{k}</dt><dd>{val}</dd>" for k, val in facts) + "</dl></section>")
        if rec.components or rec.linkage:
            items = []
            for c in rec.components:
                name = f'<a href="{e(c.record)}.html">{e(c.title)}</a>' if c.record else e(c.title)
                extra = [e(c.description)] if c.description else []
                if c.coverage:
                    extra += [e(period_text(p)) for p in c.coverage.periods]
                    if c.coverage.area:
                        extra.append(f"{e(c.coverage.area)} only")
                items.append(f"<li>{name}" + (f": {'; '.join(extra)}" if extra else "") + "</li>")
            linkage = ""
            if rec.linkage:
                lk = rec.linkage
                linkage = (f"<p>Linkage: {e(lk.scope.replace('-', ' '))}"
                        + (f", {e(lk.method.replace('-', ' '))}" if lk.method != "unknown" else "") + "."
                        + (f" {e(lk.description)}" if lk.description else "")
                        + (f" Linkage key: {e(lk.key)}." if lk.key else "") + "</p>")
            s.append('<section aria-labelledby="h-components"><h2 id="h-components">Components and linkage</h2>'
                     + (f"<ul>{''.join(items)}</ul>" if items else "") + linkage + "</section>")
        s.append(self.access_section(rec))
        if rec.documentation:
            docs = "".join(f"<li>{link(d.url, d.title)} "
                           f'<span class="badge avail-{e(d.availability)}">{e(vocab.AVAILABILITY_LABELS[d.availability])}</span>'
                           + (f" {e(d.note)}" if d.note else "") + "</li>" for d in rec.documentation)
            s.append(f'<section aria-labelledby="h-docs"><h2 id="h-docs">Documentation</h2><ul>{docs}</ul></section>')
        if rec.research_questions:
            s.append('<section aria-labelledby="h-rq"><h2 id="h-rq">Research questions</h2><ul>'
                     + "".join(f"<li>{e(q)}</li>" for q in rec.research_questions) + "</ul></section>")
        if rec.publications:
            s.append('<section aria-labelledby="h-pubs"><h2 id="h-pubs">Research using the data</h2><ul>'
                     + "".join(f"<li>{link(p.url, p.title)}"
                               + (f" ({e(p.year)})" if p.year else "") + "</li>" for p in rec.publications) + "</ul></section>")
        s.append(self.flagship_section(v))
        related = [("Part of", rid) for rid in rec.part_of] + [("Includes", rid) for rid in rec.has_part]
        if related:
            s.append('<section aria-labelledby="h-rel"><h2 id="h-rel">Related datasets</h2><ul>'
                     + "".join(f'<li>{e(k)}: <a href="{e(rid)}.html">{e(self.records[rid].title if rid in self.records else rid)}</a></li>'
                               for k, rid in related) + "</ul></section>")
        s.append(self.sources_section(rec))
        if rec.notes:
            s.append('<section aria-labelledby="h-notes"><h2 id="h-notes">Notes</h2><ul>'
                     + "".join(f"<li>{e(n)}</li>" for n in rec.notes) + "</ul></section>")
        s.append(f'<p class="modified">Record last changed {e(rec.modified)}.</p>')
        return self.page(f"{rec.title} – {self.cat.title}", "\n".join(s), "../", head, description=rec.summary[:300])

    def access_section(self, rec: Record) -> str:
        parts = ['<section id="access" aria-labelledby="h-access"><h2 id="h-access">Access</h2>']
        if not rec.access:
            parts.append("<p>No access route yet" + (f"; expected: {e(rec.expected_availability)}" if rec.expected_availability else "") + ".</p>")
        for route in rec.access:
            tre = self.ix.tres[route.tre]
            items = [f"<dt>Where</dt><dd>{link(route.url or tre.url, tre.title)}</dd>"]
            if route.legal_gateway:
                items.append(f"<dt>Legal gateway</dt><dd>{e(self.ix.gateways[route.legal_gateway].title)}</dd>")
            if route.accreditation:
                items.append("<dt>Requires</dt><dd>" + "<br>".join(e(self.ix.accreditations[a].title) for a in route.accreditation) + "</dd>")
            if route.conditions:
                items.append(f"<dt>Conditions</dt><dd>{e(route.conditions)}</dd>")
            if route.lead_time:
                items.append(f"<dt>Typical time to access</dt><dd>{e(route.lead_time)}</dd>")
            parts.append(f'<dl class="facts">{"".join(items)}</dl>')
        if rec.contacts:
            parts.append("<h3>Contacts</h3><ul>" + "".join(
                f"<li>{e(c.name or c.role)}: "
                + ", ".join(x for x in ((f'<a href="mailto:{e(c.email)}">{e(c.email)}</a>' if c.email else ""),
                                        (link(c.url, c.url) if c.url else "")) if x)
                + "</li>" for c in rec.contacts) + "</ul>")
        parts.append("</section>")
        return "".join(parts)

    def flagship_section(self, mark: Flagship) -> str:
        """ADR UK's own designation, with its source; nothing for other datasets."""
        if mark.designation:
            text = f"ADR UK names this dataset one of its {mark.designation}."
        elif mark.parent:
            text = f"Part of {mark.parent}, which ADR UK names one of its ADR England flagship datasets."
        else:
            return ""
        return f'<section aria-labelledby="h-flagship"><h2 id="h-flagship">ADR England flagship</h2><p>{e(text)}</p></section>'


    def sources_section(self, rec: Record) -> str:
        known = {**self.ix.sources, **{s.id: s for s in rec.sources}}
        used = list(dict.fromkeys([*(s.id for s in rec.sources), *([rec.source] if rec.source else []),
                                   *(var.source for var in rec.variants)]))
        items = []
        for sid in used:
            src = known.get(sid)
            if src:
                title = link(src.url, src.title)
                items.append(f"<li>{title}" + (f" ({e(src.date)})" if src.date else "") + "</li>")
        out = ['<section aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2>']
        if items:
            out.append(f"<ul>{''.join(items)}</ul>")
        if rec.variants:
            out.append("<h3>Where sources disagree</h3><ul>" + "".join(
                f"<li><code>{e(var.path)}</code>: {e(known[var.source].title if var.source in known else var.source)} "
                f"gives {e(json.dumps(var.value, ensure_ascii=False) if not isinstance(var.value, str) else var.value)}"
                + (f" ({e(var.note)})" if var.note else "") + "</li>" for var in rec.variants) + "</ul>")
        out.append("</section>")
        return "".join(out)

    def sitemap(self) -> str:
        base = self.cat.base_uri
        urls = [(f"{base}index.html", self.cat.modified)]
        urls += [(f"{base}dataset/{rid}.html", self.entries[rid].modified) for rid in sorted(self.entries)]
        body = "".join(f"<url><loc>{e(u)}</loc><lastmod>{e(m)}</lastmod></url>\n" for u, m in urls)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</urlset>\n')


CSS = """*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}a:focus,button:focus,select:focus{outline:3px solid #ffbf47;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header.site,footer.site{background:#0b2545;color:#fff;padding:.75rem 1.5rem}
header.site a,footer.site a{color:#fff}.brand{margin:0;font-weight:700;font-size:1.1rem}
main{max-width:70rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.9rem;line-height:1.2;margin:.75rem 0}h2{font-size:1.35rem;margin:1.75rem 0 .5rem}
.lead{font-size:1.1rem;max-width:50rem}.acronym{font-weight:400;color:#4a4a4a}
.cards{list-style:none;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr))}
.card{border:1px solid #b1b4b6;border-radius:6px;padding:1rem}.card h2{font-size:1.1rem;margin:0 0 .4rem}
.meta{font-size:.9rem;color:#383838}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;font-size:.85rem;font-weight:600;border:1px solid currentColor}
.status-available,.avail-public{color:#005a30}
.status-planned,.avail-on-request,.avail-forthcoming{color:#6f4100}
.status-retired,.avail-tre-only{color:#a4000d}.flagship{color:#0b4f9c}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;background:#f3f2f1;padding:1rem;border-radius:6px}
.filters h2{width:100%;margin:0;font-size:1.1rem}.field{display:flex;flex-direction:column}
label{font-weight:600}select,button{font:inherit;padding:.3rem}.count{font-weight:600}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}.facts dt{font-weight:600}.facts dd{margin:0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #b1b4b6;padding:.4rem;text-align:left;vertical-align:top}
.flag{border-left:4px solid #a4000d;padding-left:.75rem}.browse ul{padding-left:1.2rem}
@media (max-width:40rem){.facts{grid-template-columns:1fr}}
"""

JS = """(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("datasets");
  if (!form || !list) { return; }
  var cards = Array.prototype.slice.call(list.querySelectorAll(".card"));
  var count = document.getElementById("count");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = selects.every(function (s) {
        return !s.value || (card.getAttribute("data-" + s.dataset.facet) || "").split(" ").indexOf(s.value) !== -1;
      });
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + (shown === 1 ? " dataset" : " datasets");
  }
  var params = new URLSearchParams(window.location.search);
  selects.forEach(function (s) {
    if (params.has(s.name)) { s.value = params.get(s.name); }
    s.addEventListener("change", apply);
  });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
"""


@attrs.frozen
class Flagship:
    designation: str | None   # the programme and the source designating the dataset
    parent: str | None        # a designated collection the dataset is part of


FLAGSHIP_BADGE = '<span class="badge flagship">ADR England flagship</span> '


def documents(catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None) -> Documents:
    """Every file of the site as (relative path, text): each record's page, keeping only its
    card and facets for the index and filter pages that follow. The site always shows the whole
    catalogue; `only` is accepted for the common exporter interface and must be None."""
    if only is not None:
        raise ValueError("the site always covers every record")
    site = _Site(catalogue, records)
    for rid in sorted(records):
        rec = records[rid]
        mark = Flagship(designation(rec, site.ctx), flagship_parent(rec, site.ctx))
        yield f"site/dataset/{rid}.html", site.dataset_page(rec, mark)
        site.entries[rid] = site.entry(rec, mark)
    yield "site/index.html", site.index()
    yield "site/assets/site.css", CSS
    yield "site/assets/site.js", JS
    yield "site/sitemap.xml", site.sitemap()
    yield "site/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {catalogue.base_uri}sitemap.xml\n"
    for facet, values in site.facet_values().items():
        for value, ids in values.items():
            yield f"site/filter/{facet}-{value}.html", site.filter_page(facet, value, ids)
