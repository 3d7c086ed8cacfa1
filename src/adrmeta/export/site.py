"""A static catalogue site for researchers: an index with text search and filters, a page per
dataset with its schema.org JSON-LD in the head, pre-rendered filter pages, a sitemap and
robots.txt. Self-contained (no CDN, no external fonts); the index lists every dataset and the
filter pages work without JavaScript; with it, search and filters narrow the list in place and
travel in the URL (`?q=…&theme=…&nation=…&tre=…&status=…`), so a filtered view reloads the same.

| record field | where on the site |
|---|---|
| provenance (basis: inference) | nowhere: inferred values are taken out before rendering (`provenance.published`) |
| title, acronym, status, summary | index card (summary clipped at a sentence or word); dataset page heading and introduction; `<meta name="description">` (`profiles.clip`, never mid-word) |
| title, acronym, summary, keywords | the index's text search (`data-text` on each card) |
| themes, nations, access TREs, status | index filters (`data-*` attributes and `filter/*.html` pages); nations by name, never by code |
| access (TRE, url, accreditation, legal_gateway, lead_time, conditions), contacts | "How to access" box under the introduction (`#access`, the schema.org `usageInfo` target): routes numbered from 1 and named by TRE, the TRE's home page, how to apply (the route's `url`) |
| access TREs | the index card ("Access through …") |
| publisher, data_owners, contributors, coverage, population, unit_of_analysis, size, update_frequency, version, identifiers, landing_page | dataset page, "At a glance" |
| components, linkage | "Components and linkage" |
| dictionary | "Data dictionary" (`#h-dictionary`): each table and its variables; and `variables.html` |
| documentation | "Documentation": each document linked, or "no link recorded", with its availability |
| research_questions | "Research questions" |
| publications | "Research using the data" |
| flagship (with its source) | an "ADR England flagship" badge on the card and page, with the designating source; parts of a designated collection say so. The internal eligibility verdict is never published |
| part_of, has_part | "Related datasets" |
| sources (the record's and the catalogue's), variants | "Sources": those a published value cites (`provenance.cited`: not those of inferences or notes alone), the record's own, its main source, then the catalogue's; and "Where sources disagree" (the field named in words: "Time period 1, end", never a JSON pointer) |
| modified | the dataset page ("Record last changed"); `sitemap.xml` `lastmod`; the newest of the records' and the catalogue's own is every page's footer ("Metadata last changed") and the index's, variables page's and filter pages' `lastmod` |
| expected_availability | the status line and the "How to access" box |
| notes | nowhere: curators' notes (gaps, doubts, what a stored copy showed) are internal; every other field's `note` is for readers |

Every link that leaves a page for another representation is absolute, under the base URL: the
catalogue's `base_uri` in the exported tree, the URL given to `adrmeta serve --base-url` when
served (`documents(..., base_url=...)`), because both are where `adrmeta serve` answers:

| representation | URL (`<link rel="alternate">` in the head and "This record in other formats") |
|---|---|
| the page itself | `{base}dataset/{id}.html` (`<link rel="canonical">`; also in `sitemap.xml`) |
| DCAT-AP 3 JSON-LD, Turtle | `{base}catalog/datasets/{id}.jsonld`, `.ttl` |
| DDI Codebook 2.5, Dublin Core | `{base}oai?verb=GetRecord&metadataPrefix=oai_ddi25` (`oai_dc`) `&identifier=oai:{host of base_uri}:{id}` |
| HDR UK Gateway 3.0.0 | `{base}api/hdruk/datasets/{id}`, only for records the HDR UK export includes (`profiles.hdruk_gaps`) |
| CSVW table schemas | `{base}csvw/{id}/{table}.json`, one per table of the record's dictionary |
| schema.org Dataset | embedded in the page (`<script type="application/ld+json">`); its `url` and other page links under `{base}` too, so they agree with the canonical link (`@id` stays the dataset IRI under `base_uri`) |

The cross-government `dcat-uk` files are in the feeds only (nothing serves them per record), so
the page does not link them. When served, the index also lists the endpoints for harvesters with
example requests (`#endpoints`).

Data dictionaries: a variable browser on the dataset page and `site/variables.html`, one search
across every dataset's variables; see `export/site_variables.py` for their mapping.

Files: `site/index.html`, `site/dataset/{id}.html`, `site/variables.html` (with
`site/assets/variables.css` and `.js`, only when some record has a dictionary), `site/filter/{facet}-{value}.html`,
`site/assets/site.css`, `site/assets/site.js`, `site/sitemap.xml`, `site/robots.txt`.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from html import escape
from itertools import chain
from typing import Any
from urllib.parse import quote_plus, urlsplit

import attrs

from .. import datestamps, phrases, profiles, vocab
from ..eligibility import designation, flagship_parent
from ..lookup import index
from ..model import Catalogue, Period, Record
from ..phrases import STOPS, frequency_text, linkage_text
from ..provenance import cited
from ..rules import Context
from . import csvw, schemaorg
from . import site_variables as dictionaries
from .files import Documents, json_text, page_anchor

BODY = "<adrmeta-body/>"  # where a page's body goes; escaped text cannot contain '<'
NO_LINK = ' <span class="nolink">(no link recorded)</span>'


def _expected(rec: Record, short: bool = False) -> str:
    """`phrases.expected_text`; `short` for the status badge ("December 2023, passed")."""
    expected = rec.expected_availability or ""
    if short:
        return expected + (", passed" if phrases.expected_passed(expected, int(rec.modified[:4])) else "")
    return phrases.expected_text(expected, rec.modified)


FACETS = {"theme": "Research theme", "nation": "Nation", "tre": "Trusted research environment", "status": "Status"}
STATUS_LABELS = vocab.STATUS_LABELS


def e(text: Any) -> str:
    return escape(str(text), quote=True)


NATION_HTML = {code: e(name) for code, (_ons, name) in vocab.NATIONS.items()}  # escaped once, not per page
AVAILABILITY_BADGES = {k: f'<span class="badge avail-{e(k)}">{e(label)}</span>' for k, label in vocab.AVAILABILITY_LABELS.items()}


def link(url: str | None, text: str) -> str:
    """The text, as a link when there is a URL."""
    return f'<a href="{e(url)}">{e(text)}</a>' if url else e(text)


def script_json(data: Any) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can close the element or start markup."""
    text = json_text(data)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def period_text(p: Period) -> str:
    """A period in words. A missing end is not called "ongoing": it may be open, ongoing, or
    left out because the record marks it as an inference."""
    span = (
        (f"{p.start} – {p.end}" if p.start != p.end else p.start)
        if p.start and p.end
        else f"from {p.start}"
        if p.start
        else f"until {p.end}"
        if p.end
        else ""
    )
    if p.label and not _LETTER.search(p.label):
        return p.label  # the dates as the source words them ("2017-20", "2008/09 – 2023/24"): the span again
    label = p.label or p.wave
    return f"{label} ({span})" if label and span and label != span else label or span


_LETTER = re.compile(r"[^\W\d_]")


Chrome = tuple[str, str, str]  # a page's text before its title, between its head and body, after its body


def chrome(cat: Catalogue, root: str, changed: str) -> Chrome:
    """What every page around its own title, head and body holds: it depends only on the catalogue,
    `root`, which leads to the site's root (relative or absolute), and the date the metadata last
    `changed` (`datestamps.last_changed`)."""
    publisher = next((o.name for o in cat.organisations if o.id == cat.publisher), cat.publisher)
    top = f"""<!DOCTYPE html>
<html lang="{e(cat.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>"""
    middle = f"""</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><p class="brand"><a href="{root}index.html">{e(cat.title)}</a></p></header>
<main id="main">
"""
    bottom = f"""
</main>
<footer class="site"><p>Published by {e(publisher)}. Metadata last changed {e(changed)}.
Metadata licence: <a href="{e(cat.metadata_licence)}">{e(vocab.LICENCES.get(cat.metadata_licence, (cat.metadata_licence,))[0])}</a>.</p></footer>
<script src="{root}assets/site.js" defer></script>
</body>
</html>
"""
    return top, middle, bottom


def frame(cat: Catalogue, changed: str, title: str, body: str, root: str, head: str = "", description: str | None = None) -> str:
    """A whole page around its body: `root` leads to the site's root (relative or absolute)."""
    return in_chrome(chrome(cat, root, changed), title, body, root, head, description)


def in_chrome(parts: Chrome, title: str, body: str, root: str, head: str = "", description: str | None = None) -> str:
    """A page in the catalogue's `chrome` for `root`."""
    top, middle, bottom = parts
    desc = f'<meta name="description" content="{e(description)}">\n' if description else ""
    return f'{top}{e(title)}</title>\n{desc}<link rel="stylesheet" href="{root}assets/site.css">\n{head}{middle}{body}{bottom}'


TITLE_LENGTH = 70  # search results cut a longer page title short


def page_title(name: str, site: str) -> str:
    """ "{name} – {site}", or the name alone when both together would be cut short in search results."""
    both = f"{name} – {site}"
    return both if len(both) <= TITLE_LENGTH else name


def error_page(cat: Catalogue, changed: str, status: str, message: str, root: str) -> str:
    """An HTTP error as a page for people (`adrmeta serve` answers browsers with it)."""
    body = (
        f"<h1>{e(status.partition(' ')[2] or status)}</h1>\n<p>{e(message)}</p>\n"
        f'<p><a href="{e(root)}index.html">Browse every dataset</a> or '
        f'<a href="{e(root)}index.html#endpoints">see what this server publishes</a>.</p>'
    )
    return frame(cat, changed, f"{status} – {cat.title}", body, root)


# How "Where sources disagree" names a field: list fields by the item they hold (numbered from 1),
# other fields by their label; never a JSON pointer.
ITEM_WORDS = {
    "periods": "Time period",
    "size": "Size",
    "documentation": "Document",
    "access": "Access route",
    "components": "Component",
    "publications": "Publication",
    "research_questions": "Research question",
    "contacts": "Contact",
    "identifiers": "Identifier",
    "versions": "Version",
    "data_owners": "Data owner",
    "contributors": "Contributor",
    "sources": "Source",
    "keywords": "Keyword",
    "themes": "Research theme",
    "nations": "Nation",
    "alternative_titles": "Other title",
    "unit_of_analysis": "Unit of analysis",
}
FIELD_WORDS = {
    "coverage": "Coverage",
    "lead_time": "typical time to access",
    "update_frequency": "Update frequency",
    "update_note": "Update note",
    "expected_availability": "Expected availability",
    "legal_gateway": "legal gateway",
    "tre": "trusted research environment",
    "url": "web address",
    "as_of": "as of",
    "landing_page": "Web page",
    "unit_of_analysis": "Unit of analysis",
    "research_questions": "Research questions",
    "data_owners": "Data owners",
}


def field_words(rec: Record, pointer: str) -> str:
    """A JSON pointer in plain words: /coverage/periods/0/end -> "Time period 1, end"."""
    segments = [seg.replace("~1", "/").replace("~0", "~") for seg in pointer.split("/")[1:]]
    words: list[str] = []
    for i, seg in enumerate(segments):
        following = segments[i + 1] if i + 1 < len(segments) else None
        if seg.isdigit():
            continue
        if seg == "coverage" and following is not None:
            continue  # "Time period 1, end" rather than "Coverage, Time period 1, end"
        if following is not None and following.isdigit() and seg in ITEM_WORDS:
            word = f"{ITEM_WORDS[seg]} {int(following) + 1}"
            if seg == "documentation" and int(following) < len(rec.documentation):
                word += f" ({rec.documentation[int(following)].title})"
            words.append(word)
        else:
            words.append(FIELD_WORDS.get(seg, seg.replace("_", " ")))
    text = ", ".join(words) or "The record"
    return text[:1].upper() + text[1:]


VALUE_LABELS = {  # a variant's coded value in words, by its field (made once, not per variant)
    "availability": vocab.AVAILABILITY_LABELS,
    "status": {k: v.lower() for k, v in STATUS_LABELS.items()},
    "update_frequency": {k: v.lower() for k, v in vocab.FREQUENCY_LABELS.items()},
}


def value_words(pointer: str, value: Any) -> str:
    """A variant's value as people read it: labels for codes, lists joined."""
    field = pointer.rstrip("/").rsplit("/", 1)[-1]
    labels = VALUE_LABELS.get(field, {})
    if isinstance(value, str):
        return labels.get(value, value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(vocab.NATIONS[v][1] if v in vocab.NATIONS else v for v in value)
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "nothing"}[value]
    if isinstance(value, int | float):
        return f"{value:,}"
    return json.dumps(value, ensure_ascii=False)


@attrs.frozen
class _Entry:
    """What the index, filter pages and sitemap need of a record, kept instead of the record."""

    key: tuple[str, str]  # listing order: title as people look for it, then id
    card: str  # its card, for a page at the root
    facets: dict[str, list[str]]
    modified: str


class _Site:
    def __init__(self, catalogue: Catalogue, records: Mapping[str, Record], base_url: str | None = None) -> None:
        self.cat = catalogue
        self.records = records
        base = base_url or catalogue.base_uri
        self.base = base if base.endswith("/") else base + "/"
        self.served = base_url is not None
        self.oai_prefix = f"oai:{urlsplit(catalogue.base_uri).hostname or 'localhost'}:"  # as serve.oai names records
        self.oai_query = f"{self.base}oai?verb=GetRecord&metadataPrefix=oai_ddi25&identifier={quote_plus(self.oai_prefix)}"
        self.ix = index(catalogue)
        # the catalogue's names as HTML and the pages' frames, made once rather than per page
        self.org_html = {k: e(o.name) for k, o in self.ix.orgs.items()}
        self.tre_html = {k: e(t.title) for k, t in self.ix.tres.items()}
        self.theme_html = {k: e(t.label) for k, t in self.ix.themes.items()}
        self.chromes: dict[str, Chrome] = {}
        self.changed = datestamps.last_changed(catalogue, records.values())  # the footer's and index's date
        self.ctx = Context(
            catalogue=catalogue,
            records=records,
            known_records=frozenset(records),
            today=_dt.date.fromisoformat(catalogue.modified),
        )
        self.entries: dict[str, _Entry] = {}
        self.variables = dictionaries.has_dictionary(records)  # the variables page and its assets exist
        self._facet_values: dict[str, dict[str, list[str]]] | None = None

    def entry(self, rec: Record, mark: Flagship) -> _Entry:
        facets = self.facets(rec)
        return _Entry(key=(rec.title.casefold(), rec.id), card=self.card(rec, mark, facets), facets=facets, modified=rec.modified)

    def listed_card(self, rid: str, root: str) -> str:
        card = self.entries[rid].card
        # record text is escaped, so the card's own link is the only 'href="dataset/' in it
        return card.replace('href="dataset/', f'href="{root}dataset/', 1) if root else card

    # --- facets ---

    def facets(self, rec: Record) -> dict[str, list[str]]:
        return {
            "theme": list(rec.themes),
            "nation": list(rec.coverage.nations),
            "tre": list(dict.fromkeys(r.tre for r in rec.access)),
            "status": [rec.status],
        }

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
            self._facet_values = {
                f: dict(sorted(vals.items(), key=lambda kv: self.facet_label(f, kv[0]))) for f, vals in out.items()
            }
        return self._facet_values

    # --- page frame ---

    def page(
        self, title: str, body: str, root: str, head: str = "", description: str | None = None, canonical: str | None = None
    ) -> str:
        if canonical:
            head = f'<link rel="canonical" href="{e(self.base + canonical)}">\n' + head
        parts = self.chromes.get(root) or self.chromes.setdefault(root, chrome(self.cat, root, self.changed))
        return in_chrome(parts, title, body, root, head, description)

    def card(self, rec: Record, mark: Flagship, f: dict[str, list[str]]) -> str:
        """The record's card for a page at the root (`listed_card` adapts it to others); `f` its facets."""
        data = " ".join(f'data-{k}="{e(" ".join(v))}"' for k, v in f.items())
        text = " ".join([rec.title, rec.acronym or "", rec.summary, *rec.keywords]).lower()
        chips = [NATION_HTML[n] for n in rec.coverage.nations] + [self.theme_html[t] for t in rec.themes]
        tres = ", ".join(self.tre_html[t] for t in f["tre"])
        where = (
            f"Access through {tres}"
            if tres
            else ("No access route yet" if rec.status == "planned" else "No access route recorded")
        )
        return (
            f'<li class="card" {data} data-text="{e(" ".join(text.split()))}">\n'
            f'<h2><a href="dataset/{e(rec.id)}.html">{e(rec.title)}</a>'
            + (f' <span class="acronym">({e(rec.acronym)})</span>' if rec.acronym else "")
            + "</h2>\n"
            f'<p class="meta"><span class="badge status-{e(rec.status)}">{e(STATUS_LABELS[rec.status])}</span> '
            + (FLAGSHIP_BADGE if mark.designation else "")
            + " · ".join(chips)
            + "</p>\n"
            f'<p class="where">{where}</p>\n'
            f"<p>{e(profiles.clip(rec.summary, 220))}</p>\n</li>"
        )

    def framed(
        self, title: str, pieces: Iterable[str], root: str, description: str | None = None, canonical: str | None = None
    ) -> Iterator[str]:
        """A page whose body comes in pieces (it lists many records), written as they come."""
        before, _mark, after = self.page(title, BODY, root, description=description, canonical=canonical).partition(BODY)
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
            links = " ".join(
                f'<li><a href="{root}filter/{facet}-{e(v)}.html">{e(self.facet_label(facet, v))}</a> ({len(ids)})</li>'
                for v, ids in values.items()
            )
            parts.append(f"<h3>{e(FACETS[facet])}</h3><ul>{links}</ul>")
        parts.append("</nav>")
        return "\n".join(parts)

    def filter_form(self) -> str:
        """Search and filters, shown by site.js (the index lists everything without it); their
        values travel in the URL's query, so a filtered view can be shared and reloads the same."""
        fields = [
            '<div class="field search"><label for="q">Search titles, summaries and keywords</label>'
            '<input type="search" id="q" name="q" autocomplete="off"></div>'
        ]
        for facet, values in self.facet_values().items():
            options = "".join(f'<option value="{e(v)}">{e(self.facet_label(facet, v))}</option>' for v in values)
            fields.append(
                f'<div class="field"><label for="f-{facet}">{e(FACETS[facet])}</label>'
                f'<select id="f-{facet}" name="{facet}" data-facet="{facet}"><option value="">Any</option>'
                f"{options}</select></div>"
            )
        return (
            '<form id="filters" class="filters" hidden aria-labelledby="filters-h" action="index.html" method="get" role="search">'
            '<h2 id="filters-h">Search and filter</h2>' + "".join(fields) + '<button type="reset">Clear filters</button></form>\n'
            f'<p id="count" class="count" aria-live="polite">{len(self.entries)} datasets</p>\n'
            '<div id="empty" class="empty" hidden><p>No datasets match <span id="empty-what"></span>.</p>'
            '<p>Try fewer words or another filter, or <a href="index.html" id="clear">clear filters</a> '
            "to see every dataset.</p></div>"
        )

    def endpoints(self) -> str:
        """For a served site: what else this server answers, with requests to try."""
        b = self.base
        rid = min(self.entries) if self.entries else "ID"
        hdruk = next((r for r in sorted(self.entries) if self.in_hdruk(self.records[r])), rid)

        def ex(path: str, note: str = "") -> str:
            return f'<li><a href="{e(b + path)}"><code>{e(b + path)}</code></a>{(" " + e(note)) if note else ""}</li>'

        rows = [
            (
                "OAI-PMH 2.0",
                "For harvesters of DDI Codebook 2.5 (oai_ddi25) and Dublin Core (oai_dc); "
                "responses read in a browser through a stylesheet.",
                [
                    ex("oai?verb=Identify"),
                    ex("oai?verb=ListSets"),
                    ex("oai?verb=ListRecords&metadataPrefix=oai_dc"),
                    ex(f"oai?verb=GetRecord&metadataPrefix=oai_ddi25&identifier={self.oai_prefix}{rid}"),
                ],
            ),
            (
                "DCAT-AP 3 catalogue",
                "The catalogue in pages as JSON-LD or Turtle (by suffix or the Accept header), and each dataset's DCAT document.",
                [
                    ex("catalog.jsonld?page=1"),
                    ex("catalog.ttl?page=1"),
                    ex(f"catalog/datasets/{rid}.ttl"),
                    f'<li><code>curl -H "Accept: text/turtle" {e(b)}dataset/{e(rid)}</code> (the dataset IRI: '
                    "this site's page, JSON-LD or Turtle by the Accept header)</li>",
                ],
            ),
            (
                "HDR UK Gateway pull API",
                "HDR UK Gateway 3.0.0 dataset documents, searchable and paged (q, offset, limit).",
                [ex("api/hdruk/datasets"), ex("api/hdruk/datasets?q=education&limit=5"), ex(f"api/hdruk/datasets/{hdruk}")],
            ),
            (
                "Per-catalogue feeds",
                "Each target catalogue's datasets in the formats it harvests: fetch the manifest, then the files it "
                "lists, checking each one's size and sha256.",
                [ex(f"feeds/{t.id}/manifest.json", t.title) for t in self.cat.target_catalogues],
            ),
            ("This site", "Every dataset page, for people and search engines.", [ex("index.html"), ex("sitemap.xml")]),
        ]
        return (
            '<section id="endpoints" aria-labelledby="h-endpoints"><h2 id="h-endpoints">For harvesters and developers</h2>'
            "<p>This server also publishes the catalogue as machine-readable metadata. Example requests:</p>"
            + "".join(f'<h3>{e(t)}</h3><p>{e(d)}</p><ul class="examples">{"".join(items)}</ul>' for t, d, items in rows)
            + "</section>"
        )

    def in_hdruk(self, rec: Record) -> bool:
        """Whether the HDR UK export (and so the pull API) includes the record."""
        return not profiles.hdruk_gaps(self.cat, rec)

    # --- pages ---

    def index(self) -> Iterator[str]:
        intro = (
            f'<h1>{e(self.cat.title)}</h1>\n<p class="lead">{e(self.cat.description)}</p>\n'
            + (
                '<p class="harvest">For harvesters and developers: <a href="#endpoints">OAI-PMH, DCAT, '
                "HDR UK Gateway and per-catalogue feed endpoints, with example requests</a>.</p>\n"
                if self.served
                else ""
            )
            + (
                '<p class="harvest"><a href="variables.html">Search the variables of every dataset</a>.</p>\n'
                if self.variables
                else ""
            )
            + self.filter_form()
            + "\n"
        )
        after = "\n" + self.browse("") + ("\n" + self.endpoints() if self.served else "")
        body = chain([intro], self.listing(list(self.entries), ""), [after])
        return self.framed(self.cat.title, body, "", description=profiles.clip(self.cat.description, 160), canonical="index.html")

    def filter_page(self, facet: str, value: str, ids: list[str]) -> Iterator[str]:
        label = self.facet_label(facet, value)
        intro = (
            f'<nav aria-label="Breadcrumb"><a href="../index.html">All datasets</a></nav>\n'
            f'<h1>{e(FACETS[facet])}: {e(label)}</h1>\n<p class="count">{len(ids)} dataset{"" if len(ids) == 1 else "s"}</p>\n'
        )
        body = chain([intro], self.listing(ids, "../"), ["\n" + self.browse("../")])
        n = f"{len(ids)} dataset{'' if len(ids) == 1 else 's'}"
        return self.framed(
            page_title(label, self.cat.title),
            body,
            "../",
            description=f"{label}: {n} of the {self.cat.title}.",
            canonical=f"filter/{facet}-{value}.html",
        )

    def org_list(self, ids: tuple[str, ...]) -> str:
        return ", ".join(self.org_html[o] for o in ids) or "Not recorded"

    def dataset_page(self, rec: Record, v: Flagship) -> str:
        data = schemaorg.dataset(self.cat, self.records, rec, self.ix, site=self.base)
        formats = [(e(name), e(media), e(url)) for name, media, url in self.formats(rec)]  # as HTML, used twice
        head = (
            "".join(f'<link rel="alternate" type="{media}" href="{url}" title="{name}">\n' for name, media, url in formats)
            + f'<script type="application/ld+json">\n{script_json(data)}\n</script>\n'
            + (dictionaries.HEAD.format(root="../") if rec.dictionary else "")
        )
        s: list[str] = [
            '<nav aria-label="Breadcrumb"><a href="../index.html">All datasets</a></nav>',
            f"<h1>{e(rec.title)}" + (f' <span class="acronym">({e(rec.acronym)})</span>' if rec.acronym else "") + "</h1>",
        ]
        status = STATUS_LABELS[rec.status] + (f" (expected: {_expected(rec, short=True)})" if rec.expected_availability else "")
        s.append(
            f'<p class="meta"><span class="badge status-{e(rec.status)}">{e(status)}</span> '
            + (FLAGSHIP_BADGE if v.designation else "")
            + "</p>"
        )
        s.append(f'<p class="lead">{e(rec.summary)}</p>')
        s.append(self.access_section(rec))
        s += [x for x in (self.facts_section(rec), self.components_section(rec)) if x]
        if rec.dictionary:
            s.append(dictionaries.section(rec))
        s += self.reading_sections(rec)
        s.append(self.flagship_section(v))
        s += [x for x in (self.related_section(rec),) if x]
        s.append(
            '<section aria-labelledby="h-formats"><h2 id="h-formats">This record in other formats</h2><ul>'
            + "".join(f'<li><a href="{url}">{name}</a></li>' for name, _media, url in formats)
            + "<li>schema.org Dataset (JSON-LD): embedded in this page for search engines</li></ul></section>"
        )
        s.append(self.sources_section(rec))
        s.append(f'<p class="modified">Record last changed {e(rec.modified)}.</p>')
        return self.page(
            page_title(rec.title, self.cat.title),
            "\n".join(s),
            "../",
            head,
            description=profiles.clip(rec.summary, 160),
            canonical=f"dataset/{rec.id}.html",
        )

    def facts_section(self, rec: Record) -> str:
        """'At a glance': who publishes and owns the data, what it covers, its size and identifiers."""
        facts = [
            ("Publisher", self.org_html[rec.publisher] if rec.publisher else "Not recorded"),
            ("Data owners", self.org_list(rec.data_owners)),
        ]
        if rec.contributors:
            facts.append(
                (
                    "Contributors",
                    ", ".join(
                        f"{self.org_html[c.organisation]} ({e(vocab.ROLE_LABELS[c.role].lower())})" for c in rec.contributors
                    ),
                )
            )
        facts.append(
            (
                "Coverage",
                e(", ".join(vocab.NATIONS[n][1] for n in rec.coverage.nations) or "Not recorded")
                + (f" ({e(rec.coverage.area)} only)" if rec.coverage.area else ""),
            )
        )
        if rec.coverage.periods:
            facts.append(("Time period", "<br>".join(e(period_text(p)) for p in rec.coverage.periods)))
        if rec.population:
            facts.append(("Population", e(rec.population)))
        if rec.unit_of_analysis:
            facts.append(("Unit of analysis", e(", ".join(vocab.ANALYSIS_UNITS[u][1] for u in rec.unit_of_analysis))))
        if rec.size:
            facts.append(
                (
                    "Size",
                    "<br>".join(
                        e(f"{'~' if z.approximate else ''}{z.value:,} {z.unit}" + (f" (as of {z.as_of})" if z.as_of else ""))
                        + (f". {e(z.note.strip())}" if z.note else "")  # what a figure counts, or covers, is part of it
                        for z in rec.size
                    ),
                )
            )
        if rec.update_frequency:
            facts.append(("Updated", e(frequency_text(vocab.FREQUENCY_LABELS[rec.update_frequency], rec.update_note, ": "))))
        if rec.version:
            facts.append(("Version", e(rec.version)))
        if rec.identifiers:
            facts.append(
                (
                    "Identifiers",
                    "<br>".join(
                        link(i.url, i.value) + f" ({e(vocab.IDENTIFIER_SCHEME_LABELS[i.scheme])})" for i in rec.identifiers
                    ),
                )
            )
        if rec.landing_page:
            facts.append(("Web page", link(rec.landing_page, rec.landing_page)))
        return (
            '<section aria-labelledby="h-facts"><h2 id="h-facts">At a glance</h2><dl class="facts">'
            + "".join(f"<dt>{k}</dt><dd>{val}</dd>" for k, val in facts)
            + "</dl></section>"
        )

    def components_section(self, rec: Record) -> str:
        """The component datasets and how they are linked; empty when the record names neither."""
        if not (rec.components or rec.linkage):
            return ""
        items = []
        for c in rec.components:
            name = f'<a href="{e(c.record)}.html">{e(c.title)}</a>' if c.record else e(c.title)
            said = f"{c.title} {c.description or ''}"
            extra = [
                e(period_text(p))
                for p in (c.coverage.periods if c.coverage else ())
                if not (p.label and p.label.strip() in said)  # the title or description gives it already
            ]
            if c.coverage and c.coverage.area:
                extra.append(f"{e(c.coverage.area)} only")
            text = e(c.description or "")
            if extra:
                text += (" " if text.endswith(STOPS) else "; " if text else "") + "; ".join(extra)
            items.append(f"<li>{name}" + (f": {text}" if text else "") + "</li>")
        # the same sentences as every other export (phrases.linkage_text), not the field's code words
        linkage = f"<p>{e(linkage_text(rec.linkage))}</p>" if rec.linkage else ""
        return (
            '<section aria-labelledby="h-components"><h2 id="h-components">Components and linkage</h2>'
            + (f"<ul>{''.join(items)}</ul>" if items else "")
            + linkage
            + "</section>"
        )

    def reading_sections(self, rec: Record) -> list[str]:
        """Documentation, research questions and publications, each section only when there is one."""
        s: list[str] = []
        if rec.documentation:
            docs = "".join(
                f'<li id="{page_anchor("document", i)}">{link(d.url, d.title) if d.url else e(d.title) + NO_LINK} '
                + AVAILABILITY_BADGES[d.availability]
                + (f" {e(d.note)}" if d.note else "")
                + "</li>"
                for i, d in enumerate(rec.documentation)
            )
            s.append(f'<section aria-labelledby="h-docs"><h2 id="h-docs">Documentation</h2><ul>{docs}</ul></section>')
        if rec.research_questions:
            s.append(
                '<section aria-labelledby="h-rq"><h2 id="h-rq">Research questions</h2><ul>'
                + "".join(f"<li>{e(q)}</li>" for q in rec.research_questions)
                + "</ul></section>"
            )
        if rec.publications:
            s.append(
                '<section aria-labelledby="h-pubs"><h2 id="h-pubs">Research using the data</h2><ul>'
                + "".join(
                    f'<li id="{page_anchor("publication", i)}">{link(p.url, p.title)}'
                    + (f" ({e(p.year)})" if p.year else "")
                    + "</li>"
                    for i, p in enumerate(rec.publications)
                )
                + "</ul></section>"
            )
        return s

    def related_section(self, rec: Record) -> str:
        """Collections the record is part of and the parts it includes."""
        related = [("Part of", rid) for rid in rec.part_of] + [("Includes", rid) for rid in rec.has_part]
        if not related:
            return ""
        return (
            '<section aria-labelledby="h-rel"><h2 id="h-rel">Related datasets</h2><ul>'
            + "".join(
                f'<li>{e(k)}: <a href="{e(rid)}.html">{e(self.records[rid].title if rid in self.records else rid)}</a></li>'
                for k, rid in related
            )
            + "</ul></section>"
        )

    def formats(self, rec: Record) -> list[tuple[str, str, str]]:
        """(name, media type, URL) of every served representation of the record."""
        b, rid = self.base, rec.id
        oai = self.oai_query + quote_plus(rid)  # quoting is character by character: the prefix's part is made once
        out = [
            ("DCAT-AP 3 (JSON-LD)", "application/ld+json", f"{b}catalog/datasets/{rid}.jsonld"),
            ("DCAT-AP 3 (Turtle)", "text/turtle", f"{b}catalog/datasets/{rid}.ttl"),
            ("DDI Codebook 2.5 (XML, through OAI-PMH)", "text/xml", oai),
            ("Dublin Core (XML, through OAI-PMH)", "text/xml", oai.replace("oai_ddi25", "oai_dc")),
        ]
        if self.in_hdruk(rec):
            out.append(("HDR UK Gateway 3.0.0 (JSON)", "application/json", f"{b}api/hdruk/datasets/{rid}"))
        out += [
            (f"CSVW table schema of {table.label or table.name} (JSON)", "application/csvm+json", f"{b}{rel}")
            for table, rel in csvw.schema_paths(rec)
        ]
        return out

    def access_section(self, rec: Record) -> str:
        """The "How to access" box: each route numbered from 1 and named by its TRE."""
        parts = ['<section id="access" class="access" aria-labelledby="h-access"><h2 id="h-access">How to access</h2>']
        if not rec.access:
            parts.append(
                ("<p>No access route yet" if rec.status == "planned" else "<p>No access route recorded")
                + (f"; expected: {e(_expected(rec))}" if rec.expected_availability else "")
                + (". The contacts below can say more.</p>" if rec.contacts else ".</p>")
            )
        for n, route in enumerate(rec.access, 1):
            tre, tre_html = self.ix.tres[route.tre], self.tre_html[route.tre]
            items = [
                "<dt>Held in</dt><dd>" + (f'<a href="{e(tre.url)}">{tre_html}</a>' if tre.url else tre_html) + "</dd>",
                "<dt>How to apply</dt><dd>"
                + (
                    f'<a href="{e(route.url)}">How to apply for access</a> '
                    f'<span class="host">({e(urlsplit(route.url).hostname or route.url)})</span>'
                    if route.url
                    else self.no_application_page(rec, tre_html)
                )
                + "</dd>",
            ]
            if route.accreditation:
                items.append(
                    "<dt>Accreditation needed</dt><dd>"
                    + "<br>".join(e(self.ix.accreditations[a].title) for a in route.accreditation)
                    + "</dd>"
                )
            if route.legal_gateway:
                items.append(f"<dt>Legal gateway</dt><dd>{e(self.ix.gateways[route.legal_gateway].title)}</dd>")
            items.append(f"<dt>Typical time to access</dt><dd>{e(route.lead_time) if route.lead_time else 'Not published'}</dd>")
            if route.conditions:
                items.append(f"<dt>Conditions</dt><dd>{e(route.conditions)}</dd>")
            parts.append(f'<h3>Route {n}: {tre_html}</h3><dl class="facts">{"".join(items)}</dl>')
        if rec.contacts:
            parts.append(
                "<h3>Contacts</h3><ul>"
                + "".join(
                    f"<li>{e(c.name or c.role)}: "
                    + ", ".join(
                        x
                        for x in (
                            (f'<a href="mailto:{e(c.email)}">{e(c.email)}</a>' if c.email else ""),
                            (link(c.url, c.url) if c.url else ""),
                        )
                        if x
                    )
                    + "</li>"
                    for c in rec.contacts
                )
                + "</ul>"
            )
        parts.append("</section>")
        return "".join(parts)

    @staticmethod
    def no_application_page(rec: Record, tre_html: str) -> str:
        """Where to ask when a route has no application page: the contacts when the page lists any,
        else the TRE that holds the data (linked under "Held in" when it has a home page)."""
        if rec.contacts:
            return "No application page recorded; ask a contact below."
        return f"No application page or contact recorded; ask {tre_html}, which holds the data."

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
        """The sources a published value cites (`provenance.cited`), each once: the record's own in
        the order it lists them, its main source, then the catalogue's in the catalogue's order."""
        known = {**self.ix.sources, **{s.id: s for s in rec.sources}}
        keys = cited(rec)
        items = []
        for sid in dict.fromkeys([*(s.id for s in rec.sources), *([rec.source] if rec.source else []), *self.ix.sources]):
            if sid in keys:
                src = known[sid]
                items.append(f"<li>{link(src.url, src.title)}" + (f" ({e(src.date)})" if src.date else "") + "</li>")
        out = ['<section aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2>']
        if items:
            out.append(f"<ul>{''.join(items)}</ul>")
        if rec.variants:
            out.append(
                "<h3>Where sources disagree</h3><ul>"
                + "".join(
                    f"<li>{e(field_words(rec, var.path))}: {e(known[var.source].title if var.source in known else var.source)} "
                    f"gives {e(value_words(var.path, var.value))}" + (f" ({e(var.note)})" if var.note else "") + "</li>"
                    for var in rec.variants
                )
                + "</ul>"
            )
        out.append("</section>")
        return "".join(out)

    def sitemap(self) -> str:
        base = self.base
        urls = [(f"{base}index.html", self.changed)]
        urls += [(f"{base}dataset/{rid}.html", self.entries[rid].modified) for rid in sorted(self.entries)]
        if self.variables:
            urls.append((f"{base}variables.html", self.changed))
        # a filter page changes as the index does: its newest member's date missed a record leaving it
        for facet, values in self.facet_values().items():
            urls += [(f"{base}filter/{facet}-{value}.html", self.changed) for value in values]
        body = "".join(f"<url><loc>{e(u)}</loc><lastmod>{e(m)}</lastmod></url>\n" for u, m in urls)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</urlset>\n'
        )


CSS = """*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}a:focus,button:focus,select:focus,input:focus{outline:3px solid #ffbf47;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header.site,footer.site{background:#0b2545;color:#fff;padding:.75rem 1.5rem;overflow-wrap:anywhere}
header.site a,footer.site a{color:#fff}.brand{margin:0;font-weight:700;font-size:1.1rem}
main{max-width:70rem;margin:0 auto;padding:1rem 1.5rem 3rem;overflow-wrap:anywhere}
h1{font-size:1.9rem;line-height:1.2;margin:.75rem 0}h2{font-size:1.35rem;margin:1.75rem 0 .5rem}
.lead{font-size:1.1rem;max-width:50rem}.acronym{font-weight:400;color:#4a4a4a}
.cards{list-style:none;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(min(20rem,100%),1fr))}
.card{border:1px solid #b1b4b6;border-radius:6px;padding:1rem;min-width:0}.card h2{font-size:1.1rem;margin:0 0 .4rem}
.meta,.where{font-size:.9rem;color:#383838}.where{margin:.3rem 0}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;font-size:.85rem;font-weight:600;border:1px solid currentColor}
.status-available,.avail-public{color:#005a30}
.status-planned,.avail-on-request,.avail-forthcoming{color:#6f4100}
.status-retired,.avail-tre-only{color:#a4000d}.flagship{color:#0b4f9c}.nolink,.host{color:#4a4a4a}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;background:#f3f2f1;padding:1rem;border-radius:6px}
.filters h2{width:100%;margin:0;font-size:1.1rem}.field{display:flex;flex-direction:column;flex:1 1 12rem;min-width:0}
.field.search{flex-basis:100%}.field select,.field input{width:100%;max-width:100%}
label{font-weight:600}select,button,input{font:inherit;padding:.3rem;max-width:100%}
input[type=search]{border:1px solid #505a5f;border-radius:3px}.count{font-weight:600}
.empty{border-left:4px solid #6f4100;padding:.25rem 1rem;background:#f3f2f1}
.access{border-left:4px solid #0b4f9c;background:#f3f2f1;padding:.25rem 1rem 1rem;margin:1.5rem 0}
.access h2{margin-top:.75rem}.access h3{font-size:1.1rem;margin:1rem 0 .4rem}
.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.3rem 1rem}.facts dt{font-weight:600}.facts dd{margin:0}
code{overflow-wrap:anywhere;font-size:.9em}.examples{padding-left:1.2rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #b1b4b6;padding:.4rem;text-align:left;vertical-align:top}
.browse ul{padding-left:1.2rem}
@media (max-width:40rem){.facts{grid-template-columns:minmax(0,1fr)}.facts dd{margin-bottom:.4rem}main{padding:1rem}}
"""

JS = """(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("datasets");
  if (!form || !list) { return; }
  var cards = Array.prototype.slice.call(list.querySelectorAll(".card"));
  var count = document.getElementById("count");
  var empty = document.getElementById("empty");
  var what = document.getElementById("empty-what");
  var search = document.getElementById("q");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  function words() {
    return search.value.toLowerCase().split(/\\s+/).filter(function (w) { return w.length > 0; });
  }
  function describe() {
    var parts = [];
    if (search.value.trim()) { parts.push("\\u201c" + search.value.trim() + "\\u201d"); }
    selects.forEach(function (s) {
      if (s.value) {
        parts.push(s.labels[0].textContent + ": " + s.options[s.selectedIndex].textContent);
      }
    });
    return parts.join(", ");
  }
  function remember() {
    var params = new URLSearchParams();
    if (search.value.trim()) { params.set("q", search.value.trim()); }
    selects.forEach(function (s) { if (s.value) { params.set(s.name, s.value); } });
    var query = params.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    } catch (ignored) { /* some file: URLs refuse; the view still filters */ }
  }
  function apply() {
    var shown = 0;
    var wanted = words();
    cards.forEach(function (card) {
      var text = card.getAttribute("data-text") || "";
      var ok = selects.every(function (s) {
        return !s.value || (card.getAttribute("data-" + s.dataset.facet) || "").split(" ").indexOf(s.value) !== -1;
      }) && wanted.every(function (w) { return text.indexOf(w) !== -1; });
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + (shown === 1 ? " dataset" : " datasets");
    what.textContent = describe();
    empty.hidden = shown !== 0;
    remember();
  }
  var params = new URLSearchParams(window.location.search);
  search.value = params.get("q") || "";
  selects.forEach(function (s) {
    if (params.has(s.name)) { s.value = params.get(s.name); }
    s.addEventListener("change", apply);
  });
  search.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
"""


@attrs.frozen
class Flagship:
    designation: str | None  # the programme and the source designating the dataset
    parent: str | None  # a designated collection the dataset is part of


FLAGSHIP_BADGE = '<span class="badge flagship">ADR England flagship</span> '


def documents(
    catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None, *, base_url: str | None = None
) -> Documents:
    """Every file of the site as (relative path, text): each record's page, keeping only its
    card and facets for the index and filter pages that follow. The site always shows the whole
    catalogue; `only` is accepted for the common exporter interface and must be None. `base_url`
    is where `adrmeta serve` serves the site (default: the catalogue's base URI): absolute links
    follow it, and the index then lists the server's endpoints."""
    if only is not None:
        raise ValueError("the site always covers every record")
    site = _Site(catalogue, records, base_url)
    for rid in sorted(records):
        rec = records[rid]
        mark = Flagship(designation(rec, site.ctx), flagship_parent(rec, site.ctx))
        yield f"site/dataset/{rid}.html", site.dataset_page(rec, mark)
        site.entries[rid] = site.entry(rec, mark)
    yield "site/index.html", site.index()
    yield "site/assets/site.css", CSS
    yield "site/assets/site.js", JS
    if site.variables:
        head = dictionaries.HEAD.format(root="") + '<script src="assets/variables.js" defer></script>\n'
        before, _mark, after = site.page(
            page_title("Variables", catalogue.title),
            BODY,
            "",
            head,
            description=f"Every variable in the data dictionaries of the {catalogue.title}, searchable by name and label.",
            canonical="variables.html",
        ).partition(BODY)
        yield "site/variables.html", chain([before], dictionaries.variables_page(records), [after])
        yield "site/assets/variables.css", dictionaries.CSS
        yield "site/assets/variables.js", dictionaries.JS
    yield "site/sitemap.xml", site.sitemap()
    yield "site/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {site.base}sitemap.xml\n"
    for facet, values in site.facet_values().items():
        for value, ids in values.items():
            yield f"site/filter/{facet}-{value}.html", site.filter_page(facet, value, ids)
