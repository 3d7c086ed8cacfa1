"""schema.org `Dataset` JSON-LD per record, for search engines (Google Dataset Search) and for the
`<head>` of each page of the static site.

| record field | schema.org | notes |
|---|---|---|
| provenance (basis: inference) | nothing | inferred values are taken out before rendering (`provenance.published`) |
{FIELDS}
| variable type, format, sensitive, period; table, component; dictionary url, version | not carried | `PropertyValue` has no property for them that Google or schema.org defines for a variable; the DDI export carries them |
| (none) | no `distribution` | no record field gives a download: no `DataDownload` is invented |
| (none) | no `isAccessibleForFree` | no record field states whether access costs anything |

The rows from `@context` to `dateModified` are `fieldtable.SCHEMAORG`, the table that also orders
`dataset` here and writes and reads back (importer `schemaorg`) its one-to-one fields: title,
summary, version, modified. The other rows are mapped by code.

Files: `schemaorg/{id}.jsonld`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any
from urllib.parse import quote

from .. import vocab
from ..fieldtable import SCHEMAORG as FIELDS
from ..fieldtable import document, export_values, with_rows
from ..lookup import Index, index
from ..model import Catalogue, Component, Period, Record, Variable
from ..phrases import document_text, expected_text, route_text
from .files import Documents, json_text

__doc__ = with_rows(__doc__, FIELDS)

CONTEXT = "https://schema.org/"
GOOGLE_MIN, GOOGLE_MAX = 50, 5000  # Google's length rule for a Dataset's description
COMPONENTS_ANCHOR = "h-components"  # the components section of a dataset's page on the site


def page_url(site: str, record_id: str) -> str:
    """A dataset's page on the site published at `site` (a base URL ending in '/')."""
    return f"{site}dataset/{record_id}.html"


def _interval(p: Period) -> str | None:
    """An ISO 8601 interval, or the one date when the period starts and ends on it ("2011", not
    "2011/2011")."""
    if p.start and p.start == p.end:
        return p.start
    if p.start and p.end:
        return f"{p.start}/{p.end}"
    if p.start:
        return f"{p.start}/.."
    if p.end:
        return f"../{p.end}"
    return None


def _org(ix: Index, org_id: str) -> dict[str, Any]:
    org = ix.orgs[org_id]
    out: dict[str, Any] = {"@type": "Organization", "name": org.name}
    if org.acronym:
        out["alternateName"] = org.acronym
    if org.url:
        out["url"] = org.url
    return out


def _related(
    catalogue: Catalogue,
    records: Mapping[str, Record],
    site: str,
    rid: str,
    name: str | None = None,
    description: str | None = None,
) -> dict[str, Any]:
    """Another record's Dataset, nested: with its page as `url` and its summary as `description`
    (Google's rules hold for every node typed Dataset, nested or not); a reference by `@id` only
    when the record is not at hand or its summary is outside Google's 50–5000 characters."""
    other = records.get(rid)
    ref = {"@id": f"{catalogue.base_uri}dataset/{rid}"}
    if other is None or not GOOGLE_MIN <= len(other.summary) <= GOOGLE_MAX:
        return ref
    if not (description and GOOGLE_MIN <= len(description) <= GOOGLE_MAX):
        description = other.summary
    return {"@type": "Dataset", **ref, "name": name or other.title, "url": page_url(site, rid), "description": description}


def _component(catalogue: Catalogue, site: str, rec: Record, comp: Component) -> dict[str, Any]:
    """A component without a record of its own: a Dataset described on its record's page (the
    components section is its `url`), named as in the DCAT export. Its description is the stated
    one when that meets Google's length rule, else that text with the record it is part of."""
    text = comp.description or ""
    if len(text) < GOOGLE_MIN:
        text = f"{comp.title}{': ' + text.rstrip('.') if text else ''}, a component of {rec.title}."
    ref = {"@id": f"{catalogue.base_uri}dataset/{rec.id}/component/{comp.id}"}
    if not GOOGLE_MIN <= len(text) <= GOOGLE_MAX:
        return ref
    return {
        "@type": "Dataset",
        **ref,
        "name": comp.title,
        "url": f"{page_url(site, rec.id)}#{COMPONENTS_ANCHOR}",
        "description": text,
    }


def variable_anchor(table: str, name: str) -> str:
    """The fragment of a variable in its dataset's page (the site's variable browser): the same
    text is the element's id and, unchanged, a valid URL fragment."""
    return quote(f"var-{table}-{name}", safe="-._~")


def _variable(url: str, table: str, var: Variable) -> dict[str, Any]:
    pv: dict[str, Any] = {"@type": "PropertyValue", "name": var.name}
    if var.label:
        pv["alternateName"] = var.label
    if var.description:
        pv["description"] = var.description
    if var.unit:
        pv["unitText"] = var.unit
    pv["url"] = f"{url}#{variable_anchor(table, var.name)}"
    if var.codes:
        pv["valueReference"] = [
            {
                "@type": "DefinedTerm",
                "termCode": c.value,
                **({"name": c.label} if c.label else {}),
                **({"description": "Missing value"} if c.missing else {}),
            }
            for c in var.codes
        ]
    return pv


def _identifiers(base: str, rec: Record) -> list[Any]:
    """The record's own URI and its stated identifiers, DOIs resolvable through doi.org."""
    identifiers: list[Any] = [f"{base}dataset/{rec.id}"]
    for ident in rec.identifiers:
        pv: dict[str, Any] = {
            "@type": "PropertyValue",
            "propertyID": "DOI" if ident.scheme == "doi" else ident.scheme,
            "value": ident.value,
        }
        link = ident.url or (f"https://doi.org/{ident.value}" if ident.scheme == "doi" else None)
        if link:
            pv["url"] = link
        identifiers.append(pv)
    return identifiers


def _naming(catalogue: Catalogue, rec: Record, url: str) -> dict[str, Any]:
    """Where the dataset lives, its other names and how it is identified (its title and summary are
    the table's one-to-one rows)."""
    base = catalogue.base_uri
    # a name that differs from the title or another only in case or punctuation is the same name
    alternate = _distinct([*([rec.acronym] if rec.acronym else []), *(t.title for t in rec.alternative_titles)], [rec.title])
    return {
        "@context": CONTEXT,
        "@type": "Dataset",
        "@id": f"{base}dataset/{rec.id}",
        "url": url,
        "alternateName": alternate,
        "sameAs": rec.landing_page,
        "license": rec.licence,
        "identifier": _identifiers(base, rec),
    }


def _said(text: str) -> str:
    """A word as a reader tells it from another: case, punctuation and "&" for "and" aside
    ("AD|ARC" and "AD ARC"; "Family Court – Cafcass" and "family court - Cafcass")."""
    return " ".join(re.sub(r"[\W_]+", " ", text.replace("&", " and ")).casefold().split())


def _distinct(words: Iterable[str], seen: Iterable[str] = ()) -> list[str]:
    """The words in order, each said once (`_said`), none said as one of `seen` is."""
    said = {_said(w) for w in seen}
    out: list[str] = []
    for word in words:
        if _said(word) not in said:
            said.add(_said(word))
            out.append(word)
    return out


def _keywords(ix: Index, rec: Record) -> list[str]:
    """The record's keywords, then its themes' labels that no keyword already says ("Children &
    young people" beside the keyword "children and young people" is one word twice)."""
    return _distinct([*rec.keywords, *(ix.themes[t].label for t in rec.themes)])


def _subjects_and_agents(catalogue: Catalogue, ix: Index, rec: Record) -> dict[str, Any]:
    """Keywords and themes, then who made, publishes and funds the data."""
    base = catalogue.base_uri
    return {
        "keywords": _keywords(ix, rec),
        "about": [
            {"@type": "DefinedTerm", "@id": f"{base}theme/{t}", "name": ix.themes[t].label, "inDefinedTermSet": f"{base}themes"}
            for t in rec.themes
        ],
        "creator": [_org(ix, o) for o in rec.data_owners],
        "publisher": _org(ix, rec.publisher) if rec.publisher else None,
        "funder": [_org(ix, c.organisation) for c in rec.contributors if c.role == "funder"],
    }


def _coverage(rec: Record) -> dict[str, Any]:
    """Where and when: nations and area as Places, the record's and its components' periods as intervals."""
    places = []
    for nation in rec.coverage.nations:
        code, name = vocab.NATIONS[nation]
        places.append({"@type": "Place", "name": name, "sameAs": vocab.STATISTICAL_GEOGRAPHY + code})
    if rec.coverage.area:
        places.append({"@type": "Place", "name": rec.coverage.area})
    periods = [*rec.coverage.periods, *(p for c in rec.components if c.coverage for p in c.coverage.periods)]
    intervals = list(dict.fromkeys(i for i in (_interval(p) for p in periods) if i))
    return {"spatialCoverage": places, "temporalCoverage": intervals[0] if len(intervals) == 1 else intervals}


def _access(ix: Index, rec: Record, url: str) -> dict[str, Any]:
    """How researchers reach the data, in words: one sentence group per access route, saying only
    what the route states. No `isAccessibleForFree`: no record field states a fee or its absence
    (false reads as paid data to Google, true would be a guess)."""
    d: dict[str, Any] = {}
    if rec.access:
        d["conditionsOfAccess"] = " ".join(
            route_text(
                ix.tres[route.tre].title,
                ix.gateways[route.legal_gateway].title if route.legal_gateway else None,
                (ix.accreditations[a].title for a in route.accreditation),
                route.conditions,
                route.lead_time,
            )
            for route in rec.access
        )
        d["usageInfo"] = f"{url}#access"
    elif rec.status == "planned":
        expected = expected_text(rec.expected_availability, rec.modified)
        d["conditionsOfAccess"] = "Planned: not yet available to researchers." + (f" Expected: {expected}." if expected else "")
    return d


def _related_works(catalogue: Catalogue, records: Mapping[str, Record], rec: Record, site: str) -> dict[str, Any]:
    """The catalogue it is in, related datasets, components, publications and documentation."""
    return {
        "includedInDataCatalog": {"@type": "DataCatalog", "name": catalogue.title, "url": site},
        "isPartOf": [_related(catalogue, records, site, rid) for rid in rec.part_of],
        "hasPart": [_related(catalogue, records, site, rid) for rid in rec.has_part],
        "isBasedOn": [
            _related(catalogue, records, site, c.record, c.title, c.description)
            if c.record
            else _component(catalogue, site, rec, c)
            for c in rec.components
        ],
        "citation": [{"@type": "CreativeWork", "name": p.title, **({"url": p.url} if p.url else {})} for p in rec.publications],
        "subjectOf": [
            {
                "@type": "CreativeWork",
                "name": doc.title,
                **({"url": doc.url} if doc.url else {}),
                "description": document_text(doc.kind, doc.availability),
            }
            for doc in rec.documentation
        ],
    }


def dataset(
    catalogue: Catalogue, records: Mapping[str, Record], rec: Record, ix: Index | None = None, *, site: str | None = None
) -> dict[str, Any]:
    """The schema.org Dataset of one record, as plain data, its properties in the table's order
    (the output's order); empty lists and absent values are left out. `ix`: the catalogue's
    `lookup.index`, made once by a caller rendering many records. `site`: the base URL the site's
    pages are published under (`adrmeta serve --base-url`), the catalogue's `base_uri` unless
    given: every page address (`url`, `usageInfo`) is under it, as the page's canonical link is;
    identifiers (`@id`, `identifier`) stay under `base_uri`, as in every other format."""
    ix = ix or index(catalogue)
    site = site or catalogue.base_uri
    url = page_url(site, rec.id)
    tables = rec.dictionary.tables if rec.dictionary else ()
    return document(
        FIELDS,
        {
            **export_values(FIELDS, rec),
            **_naming(catalogue, rec, url),
            **_subjects_and_agents(catalogue, ix, rec),
            **_coverage(rec),
            **_access(ix, rec, url),
            **_related_works(catalogue, records, rec, site),
            "variableMeasured": [_variable(url, t.name, v) for t in tables for v in t.variables],
        },
    )


def to_json(data: dict[str, Any]) -> str:
    return json_text(data) + "\n"


def documents(catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None) -> Documents:
    """Every schema.org file as (relative path, text), for all records or `only` some."""
    ix = index(catalogue)
    for rid in sorted(records if only is None else only):
        yield f"schemaorg/{rid}.jsonld", to_json(dataset(catalogue, records, records[rid], ix))
