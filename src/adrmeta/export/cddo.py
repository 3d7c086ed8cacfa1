"""UK cross-government metadata exchange model (CDDO; DCAT 3 based), format `dcat-uk`, for the ONS
Integrated Data Service and the government Data Marketplace: the model's JSON form and its RDF.

| record field | CDDO model (JSON) | RDF | notes |
|---|---|---|---|
| provenance (basis: inference) | nothing | nothing | inferred values are taken out before rendering (`provenance.published`); a required fact that is only inferred leaves the record out |
| id | `identifier` | the node IRI and `dct:identifier` | `{base_uri}dataset/{id}` |
| (type) | `type` `dcat:Dataset` | `a dcat:Dataset` | |
| title | `title` | `dct:title` | |
| acronym, alternative_titles | `alternativeTitle` | `dct:alternative` | |
| summary | `summary` | `rdfs:comment` | whole sentences up to the model's 250 characters |
| summary | `description` | `dct:description` | |
| keywords | `keyword` | `dcat:keyword` | |
| themes | `theme` | `dcat:theme` | EU data-theme IRIs, as in the DCAT export |
| (access) | `licence` `DATA_SHARE_AGREEMENT` | `dct:license` | data are used under a data access agreement in a TRE, never an open licence |
| status | `accessRights` | `dct:accessRights` | `vocab.CDDO_ACCESS_RIGHTS`: an available dataset is COMMERCIAL ("only available under certain conditions") |
| security_classification | `securityClassification` | `ukgov:securityClassification` | stated in the record, else OFFICIAL when any data owner is a government body (`vocab.GOVERNMENT_CLASSIFIED_ORG_TYPES`) |
| version | `version` | `dcat:version` | required: the dataset's version, iteration or release |
| modified | `modified` | `dct:modified` | |
| contacts (email, access first) | `contactPoint` | `dcat:contactPoint` `vcard:Kind` | `contactName` is the contact's name, else the publisher's; without a dataset email, the catalogue's enquiries contact, its name marked "(catalogue contact)" |
| data_owners | `creator` | `dct:creator` | GOV.UK organisation slugs from the model's closed list; owners outside it are reported and left out |
| publisher | `publisher` | `dct:publisher` | must be on the closed list |
| update_frequency | `updateFrequency` | `dct:accrualPeriodicity` | `vocab.CDDO_FREQUENCY` (`purl.org/cld/freq`); static and under review have no value there |
| landing_page, part_of | `relatedResource` | `dct:relation` | |
| (none) | no `distribution` | | the data cannot be downloaded |

Every required field must be filled in from the record: a record that lacks one is left out of this
format (`cddo.incomplete` from `adrmeta validate`, the feed manifest's `excluded`).

Files: `dcat-uk/{id}.json` and `dcat-uk/{id}.ttl` per complete record.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from .. import vocab
from ..lookup import index
from ..model import Catalogue, Record
from ..profiles import (
    CATALOGUE_CONTACT_LABEL,
    cddo_gaps,
    clip,
    contact_point,
    gov_uk_slug,
    security_classification,
    squash,
)
from ..rdf import IRI, Lit, Node, add, node, to_turtle
from .files import Documents, json_text

FOLDER = "dcat-uk"
UKGOV = "https://w3id.org/co-cddo/ukgov-metadata-exchange-model/"
PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "freq": vocab.DUBLIN_CORE_FREQ,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "ukgov": UKGOV,
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def dataset(catalogue: Catalogue, records: Mapping[str, Record], rec: Record) -> dict[str, Any]:
    """The model's JSON Dataset of a complete record (see `gaps`), as plain data."""
    ix = index(catalogue)
    found = contact_point(catalogue, rec)
    assert found is not None and found[0].email and rec.version and rec.publisher, "export only records without gaps"
    contact, shared = found
    alternative = list(dict.fromkeys([*([rec.acronym] if rec.acronym else []), *(t.title for t in rec.alternative_titles)]))
    themes = [f"{vocab.EU_DATA_THEME}/{code}" for t in rec.themes for code in vocab.THEMES.get(t, ())]
    doc: dict[str, Any] = {
        "identifier": f"{catalogue.base_uri}dataset/{rec.id}",
        "type": "dcat:Dataset",
        "title": rec.title,
    }
    if alternative:
        doc["alternativeTitle"] = alternative
    doc["summary"] = clip(rec.summary, 250)
    doc["description"] = squash(rec.summary)
    if rec.keywords:
        doc["keyword"] = list(dict.fromkeys(rec.keywords))
    if themes:
        doc["theme"] = list(dict.fromkeys(themes))
    doc["licence"] = vocab.CDDO_DATA_LICENCE
    doc["version"] = rec.version
    doc["accessRights"] = vocab.CDDO_ACCESS_RIGHTS[rec.status]
    doc["securityClassification"] = security_classification(catalogue, rec)
    doc["modified"] = rec.modified
    name = contact.name or ix.orgs[rec.publisher].name
    doc["contactPoint"] = {"contactName": f"{name} ({CATALOGUE_CONTACT_LABEL})" if shared else name, "email": contact.email}
    doc["creator"] = [s for s in dict.fromkeys(gov_uk_slug(catalogue, o) for o in rec.data_owners) if s]
    doc["publisher"] = gov_uk_slug(catalogue, rec.publisher)
    doc["updateFrequency"] = vocab.CDDO_FREQUENCY[rec.update_frequency or "unknown"]
    related = [*([rec.landing_page] if rec.landing_page else []),
               *(f"{catalogue.base_uri}dataset/{rid}" for rid in rec.part_of)]
    if related:
        doc["relatedResource"] = related
    return doc


def rdf_node(doc: Mapping[str, Any]) -> Node:
    """The same Dataset as RDF, in the terms the model's SHACL shapes use."""
    d = node(doc["identifier"], "dcat:Dataset")
    add(d, "dct:identifier", IRI(doc["identifier"]))
    add(d, "dct:title", Lit(doc["title"]))
    add(d, "dct:alternative", *(Lit(t) for t in doc.get("alternativeTitle", ())))
    add(d, "rdfs:comment", Lit(doc["summary"]))
    add(d, "dct:description", Lit(doc["description"]))
    add(d, "dcat:keyword", *(Lit(k) for k in doc.get("keyword", ())))
    add(d, "dcat:theme", *(IRI(t) for t in doc.get("theme", ())))
    add(d, "dct:license", Lit(doc["licence"]))
    add(d, "dcat:version", Lit(doc["version"]))
    add(d, "dct:accessRights", Lit(doc["accessRights"]))
    add(d, "ukgov:securityClassification", Lit(doc["securityClassification"]))
    add(d, "dct:modified", Lit(doc["modified"], "xsd:date"))
    kind = node(None, "vcard:Kind")
    add(kind, "vcard:fn", Lit(doc["contactPoint"]["contactName"]))
    add(kind, "vcard:hasEmail", Lit(doc["contactPoint"]["email"]))
    add(d, "dcat:contactPoint", kind)
    add(d, "dct:creator", *(IRI(vocab.GOV_UK_ORGANISATION + s) for s in doc["creator"]))
    add(d, "dct:publisher", IRI(vocab.GOV_UK_ORGANISATION + doc["publisher"]))
    add(d, "dct:accrualPeriodicity", IRI(vocab.DUBLIN_CORE_FREQ + doc["updateFrequency"].removeprefix("freq:")))
    add(d, "dct:relation", *(IRI(r) for r in doc.get("relatedResource", ())))
    return d


def documents(catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None) -> Documents:
    for rid in sorted(records if only is None else only):
        rec = records[rid]
        if cddo_gaps(catalogue, rec):
            continue
        doc = dataset(catalogue, records, rec)
        yield f"{FOLDER}/{rid}.json", json_text(doc) + "\n"
        yield f"{FOLDER}/{rid}.ttl", to_turtle([rdf_node(doc)], PREFIXES)
