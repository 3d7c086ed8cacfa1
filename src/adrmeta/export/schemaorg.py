"""schema.org `Dataset` JSON-LD per record, for search engines (Google Dataset Search) and for the
`<head>` of each page of the static site.

| record field | schema.org | notes |
|---|---|---|
| provenance (basis: inference) | nothing | inferred values are taken out before rendering (`provenance.published`) |
| id | `@id` (`{base_uri}dataset/{id}`), `identifier` | |
| title | `name` | |
| summary | `description` | Google requires 50–5000 characters: `adrmeta validate` reports `consistency.summary-length` rather than cutting |
| acronym, alternative_titles | `alternateName` | |
| identifiers | `identifier` | DOIs and catalogue ids as `PropertyValue` (`propertyID`, `value`, `url`) |
| keywords, themes | `keywords` | theme labels are added to the keywords |
| themes | `about` | `DefinedTerm` in the ADR theme set `{base_uri}themes` |
| data_owners | `creator` | `Organization` |
| publisher | `publisher` | `Organization` |
| contributors (funder) | `funder` | `Organization` |
| coverage.nations, area | `spatialCoverage` | `Place` with `name`, and `sameAs` the ONS statistical-geography IRI |
| coverage.periods | `temporalCoverage` | ISO 8601 intervals, `start/end`, `start/..` when open |
| status, access | `isAccessibleForFree` false | restricted to accredited researchers; it does not claim a fee |
| licence | `license` | the data's licence URL, when the record has one |
| access | `conditionsOfAccess` | TRE, legal gateway, accreditation, conditions |
| access | `usageInfo` | the access section of the dataset's page |
| (catalogue) | `includedInDataCatalog` | `DataCatalog` with the catalogue's name and site URL |
| (site page) | `url` | the dataset's page on the site; `sameAs` the record's landing page |
| part_of, has_part | `isPartOf`, `hasPart` | the related record's `Dataset` with `@id`, `name`, `url` (its page) and `description` (its summary); a reference by `@id` only when its summary is outside 50–5000 characters |
| components | `isBasedOn` | a component with its own record: that record's `Dataset`, as for `hasPart`, named as the component and with the component's description when that has 50–5000 characters; otherwise a `Dataset` `{base_uri}dataset/{id}/component/{cid}` (the DCAT export's IRI) with `name`, `url` the components section of the record's page (`#h-components`), and `description`: the stated one when it has 50–5000 characters, else "{title}: {description}, a component of {record title}." |
| publications | `citation` | `CreativeWork` with `name` (and `url`) |
| version | `version` | |
| modified | `dateModified` | |
| documentation | `subjectOf` | `CreativeWork` with `name`, `url` when known, and `description` of availability |
| dictionary variables | `variableMeasured` | one `PropertyValue` per variable, every table's in order: `name` (the variable name), `alternateName` (its label), `description`, `unitText` (its unit), `url` (the variable on the dataset's page, `#var-{table}-{name}`) and `valueReference`, the code list as `DefinedTerm`s (`termCode` the value, `name` its label, `description` "Missing value" for a missing-value code) |
| variable type, format, sensitive, period; table, component; dictionary url, version | not carried | `PropertyValue` has no property for them that Google or schema.org defines for a variable; the DDI export carries them |
| (none) | no `distribution` | the data cannot be downloaded: no `DataDownload` is invented |

Files: `schemaorg/{id}.jsonld`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any
from urllib.parse import quote

from .. import vocab
from ..lookup import index
from ..model import Catalogue, Component, Period, Record, Variable
from ..phrases import document_text, gateway_text, requires_text
from .files import Documents, json_text

CONTEXT = "https://schema.org/"
GOOGLE_MIN, GOOGLE_MAX = 50, 5000  # Google's length rule for a Dataset's description
COMPONENTS_ANCHOR = "h-components"  # the components section of a dataset's page on the site


def page_url(catalogue: Catalogue, record_id: str) -> str:
    return f"{catalogue.base_uri}dataset/{record_id}.html"


def _interval(p: Period) -> str | None:
    if p.start and p.end:
        return f"{p.start}/{p.end}"
    if p.start:
        return f"{p.start}/.."
    if p.end:
        return f"../{p.end}"
    return None


def _org(catalogue: Catalogue, org_id: str) -> dict[str, Any]:
    org = next(o for o in catalogue.organisations if o.id == org_id)
    out: dict[str, Any] = {"@type": "Organization", "name": org.name}
    if org.acronym:
        out["alternateName"] = org.acronym
    if org.url:
        out["url"] = org.url
    return out


def _related(
    catalogue: Catalogue, records: Mapping[str, Record], rid: str, name: str | None = None, description: str | None = None
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
    return {"@type": "Dataset", **ref, "name": name or other.title, "url": page_url(catalogue, rid), "description": description}


def _component(catalogue: Catalogue, rec: Record, comp: Component) -> dict[str, Any]:
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
        "url": f"{page_url(catalogue, rec.id)}#{COMPONENTS_ANCHOR}",
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
    """The opening properties: what the dataset is called, where it lives and how it is identified."""
    base = catalogue.base_uri
    d: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Dataset",
        "@id": f"{base}dataset/{rec.id}",
        "name": rec.title,
        "description": rec.summary,
        "url": url,
    }
    alternate = [rec.acronym] if rec.acronym else []
    alternate += [t.title for t in rec.alternative_titles if t.title not in alternate]
    if alternate:
        d["alternateName"] = alternate
    if rec.landing_page:
        d["sameAs"] = rec.landing_page
    if rec.licence:
        d["license"] = rec.licence
    d["identifier"] = _identifiers(base, rec)
    return d


def _subjects_and_agents(catalogue: Catalogue, rec: Record) -> dict[str, Any]:
    """Keywords and themes, then who made, publishes and funds the data."""
    base = catalogue.base_uri
    ix = index(catalogue)
    d: dict[str, Any] = {}
    keywords = list(rec.keywords) + [ix.themes[t].label for t in rec.themes if ix.themes[t].label not in rec.keywords]
    if keywords:
        d["keywords"] = keywords
    if rec.themes:
        d["about"] = [
            {"@type": "DefinedTerm", "@id": f"{base}theme/{t}", "name": ix.themes[t].label, "inDefinedTermSet": f"{base}themes"}
            for t in rec.themes
        ]
    if rec.data_owners:
        d["creator"] = [_org(catalogue, o) for o in rec.data_owners]
    if rec.publisher:
        d["publisher"] = _org(catalogue, rec.publisher)
    funders = [_org(catalogue, c.organisation) for c in rec.contributors if c.role == "funder"]
    if funders:
        d["funder"] = funders
    return d


def _coverage(rec: Record) -> dict[str, Any]:
    """Where and when: nations and area as Places, the record's and its components' periods as intervals."""
    d: dict[str, Any] = {}
    places = []
    for nation in rec.coverage.nations:
        code, name = vocab.NATIONS[nation]
        places.append({"@type": "Place", "name": name, "sameAs": vocab.STATISTICAL_GEOGRAPHY + code})
    if rec.coverage.area:
        places.append({"@type": "Place", "name": rec.coverage.area})
    if places:
        d["spatialCoverage"] = places
    periods = [*rec.coverage.periods, *(p for c in rec.components if c.coverage for p in c.coverage.periods)]
    intervals = list(dict.fromkeys(i for i in (_interval(p) for p in periods) if i))
    if intervals:
        d["temporalCoverage"] = intervals if len(intervals) > 1 else intervals[0]
    return d


def _access(catalogue: Catalogue, rec: Record, url: str) -> dict[str, Any]:
    """How researchers reach the data, in words: never free, one sentence group per access route."""
    ix = index(catalogue)
    d: dict[str, Any] = {"isAccessibleForFree": False}
    if rec.access:
        words = []
        for route in rec.access:
            parts = [f"Accredited researchers can apply to use the data in the {ix.tres[route.tre].title}."]
            if route.legal_gateway:
                parts.append(gateway_text(ix.gateways[route.legal_gateway].title))
            if route.accreditation:
                parts.append(requires_text(ix.accreditations[a].title for a in route.accreditation))
            if route.conditions:
                parts.append(route.conditions)
            words.append(" ".join(parts))
        d["conditionsOfAccess"] = " ".join(words)
        d["usageInfo"] = f"{url}#access"
    elif rec.status == "planned":
        d["conditionsOfAccess"] = "Planned: not yet available to researchers." + (
            f" Expected: {rec.expected_availability}." if rec.expected_availability else ""
        )
    return d


def _related_works(catalogue: Catalogue, records: Mapping[str, Record], rec: Record) -> dict[str, Any]:
    """The catalogue it is in, related datasets, components, publications and documentation."""
    d: dict[str, Any] = {"includedInDataCatalog": {"@type": "DataCatalog", "name": catalogue.title, "url": catalogue.base_uri}}
    for prop, ids in (("isPartOf", rec.part_of), ("hasPart", rec.has_part)):
        if ids:
            d[prop] = [_related(catalogue, records, rid) for rid in ids]
    if rec.components:
        d["isBasedOn"] = [
            _related(catalogue, records, c.record, c.title, c.description) if c.record else _component(catalogue, rec, c)
            for c in rec.components
        ]
    if rec.publications:
        d["citation"] = [
            {"@type": "CreativeWork", "name": p.title, **({"url": p.url} if p.url else {})} for p in rec.publications
        ]
    if rec.documentation:
        d["subjectOf"] = [
            {
                "@type": "CreativeWork",
                "name": doc.title,
                **({"url": doc.url} if doc.url else {}),
                "description": document_text(doc.kind, doc.availability),
            }
            for doc in rec.documentation
        ]
    return d


def dataset(catalogue: Catalogue, records: Mapping[str, Record], rec: Record) -> dict[str, Any]:
    """The schema.org Dataset of one record, as plain data (property order is the output's order)."""
    url = page_url(catalogue, rec.id)
    d = _naming(catalogue, rec, url)
    d.update(_subjects_and_agents(catalogue, rec))
    d.update(_coverage(rec))
    d.update(_access(catalogue, rec, url))
    d.update(_related_works(catalogue, records, rec))
    if rec.version:
        d["version"] = rec.version
    measured = [_variable(url, t.name, v) for t in (rec.dictionary.tables if rec.dictionary else ()) for v in t.variables]
    if measured:
        d["variableMeasured"] = measured
    d["dateModified"] = rec.modified
    return d


def to_json(data: dict[str, Any]) -> str:
    return json_text(data) + "\n"


def documents(catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None) -> Documents:
    """Every schema.org file as (relative path, text), for all records or `only` some."""
    for rid in sorted(records if only is None else only):
        yield f"schemaorg/{rid}.jsonld", to_json(dataset(catalogue, records, records[rid]))
