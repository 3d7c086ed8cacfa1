"""Simple Dublin Core (`oai_dc`) for OAI-PMH: one `oai_dc:dc` element per record.

| record field | Dublin Core element | notes |
|---|---|---|
| title | `dc:title` | `xml:lang` the catalogue's language |
| acronym, alternative_titles | `dc:title` | further titles (simple DC has no alternative title) |
| data_owners | `dc:creator` | organisation names |
| publisher | `dc:publisher` | organisation name |
| contributors | `dc:contributor` | organisation names, once each; not an organisation already a `dc:creator` (simple DC has no roles, so a second listing says nothing more) |
| themes | `dc:subject` | the ADR research theme labels |
| keywords | `dc:subject` | |
| summary | `dc:description` | |
| modified | `dc:date` | `YYYY-MM-DD`: the date this metadata record last changed, not a date of the data (their periods are in `dc:coverage`); also the OAI datestamp |
| type | `dc:type` | DCMI Type Vocabulary term (`vocab.DCMI_TYPE`) |
| id | `dc:identifier` | the dataset IRI `{base_uri}dataset/{id}` |
| identifiers | `dc:identifier` | DOIs as `https://doi.org/...`, others by their URL, else their value |
| landing_page | `dc:identifier` | |
| (catalogue) language | `dc:language` | |
| coverage.nations, area, periods | `dc:coverage` | nation names, the area, and each period as its label or `start/end` |
| part_of, has_part | `dc:relation` | dataset IRIs |
| status, access | `dc:rights` | the EU access-right label (`vocab.ACCESS_RIGHTS`) and each route's TRE and legal gateway |
| everything else | not carried | simple DC has no element for it; use `oai_ddi25` |
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from .. import vocab
from ..lookup import index
from ..model import Catalogue, Record

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
LANGUAGE_TEXT = {"title", "subject", "description", "coverage", "rights"}


def _period(start: str | None, end: str | None, label: str | None) -> str | None:
    if label:
        return label
    if start or end:
        return f"{start or '..'}/{end or '..'}"
    return None


def elements(catalogue: Catalogue, rec: Record) -> list[tuple[str, str]]:
    """(element, text) pairs in a stable order, duplicates removed."""
    ix = index(catalogue)
    out: list[tuple[str, str]] = [("title", rec.title)]
    out += [("title", t) for t in (rec.acronym, *(a.title for a in rec.alternative_titles)) if t]
    creators = [o for o in rec.data_owners if o in ix.orgs]
    out += [("creator", ix.orgs[o].name) for o in creators]
    if rec.publisher in ix.orgs:
        out.append(("publisher", ix.orgs[rec.publisher].name))
    out += [
        ("contributor", ix.orgs[c.organisation].name)
        for c in rec.contributors
        if c.organisation in ix.orgs and c.organisation not in creators
    ]
    out += [("subject", ix.themes[t].label) for t in rec.themes if t in ix.themes]
    out += [("subject", k) for k in rec.keywords]
    out.append(("description", rec.summary))
    out.append(("date", rec.modified))
    out.append(("type", vocab.DCMI_TYPE[rec.type]))
    out.append(("identifier", f"{catalogue.base_uri}dataset/{rec.id}"))
    for ident in rec.identifiers:
        out.append(("identifier", f"https://doi.org/{ident.value}" if ident.scheme == "doi" else ident.url or ident.value))
    if rec.landing_page:
        out.append(("identifier", rec.landing_page))
    out.append(("language", catalogue.language))
    out += [("coverage", vocab.NATIONS[n][1]) for n in rec.coverage.nations]
    if rec.coverage.area:
        out.append(("coverage", rec.coverage.area))
    out += [("coverage", text) for p in rec.coverage.periods if (text := _period(p.start, p.end, p.label))]
    out += [("relation", f"{catalogue.base_uri}dataset/{r}") for r in (*rec.part_of, *rec.has_part)]
    out.append(("rights", f"Access rights: {vocab.ACCESS_RIGHTS[rec.status][1]}."))
    for route in rec.access:
        tre = ix.tres.get(route.tre)
        gateway = ix.gateways.get(route.legal_gateway) if route.legal_gateway else None
        text = f"Access through {tre.title if tre else route.tre}"
        out.append(("rights", text + (f" under {gateway.title}." if gateway else ".")))
    seen: set[tuple[str, str]] = set()
    return [pair for pair in out if not (pair in seen or seen.add(pair))]  # type: ignore[func-returns-value]


def dc_element(catalogue: Catalogue, rec: Record) -> etree._Element:
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {SCHEMA}")
    for name, text in elements(catalogue, rec):
        el = etree.SubElement(root, f"{{{DC}}}{name}")
        el.text = text
        if name in LANGUAGE_TEXT:
            el.set(XML_LANG, catalogue.language)
    return root


def dc_xml(catalogue: Catalogue, records: Mapping[str, Record], record_id: str) -> str:
    """The `oai_dc:dc` element of one record, without an XML declaration (it is embedded)."""
    text: str = etree.tostring(dc_element(catalogue, records[record_id]), encoding="unicode")
    return text
