"""UK cross-government metadata exchange model (CDDO; DCAT 3 based), format `dcat-uk`, for the ONS
Integrated Data Service and the government Data Marketplace: the model's JSON form and its RDF.

| record field | CDDO model (JSON) | RDF | notes |
|---|---|---|---|
| provenance (basis: inference) | nothing | nothing | inferred values are taken out before rendering (`provenance.published`); a required fact that is only inferred leaves the record out |
{FIELDS}
| (none) | no `distribution` | | no record field gives a download |

The rows from id to landing_page are `fieldtable.CDDO`, the table that also orders `dataset` and
`rdf_node` here and writes and reads back (importer `cddo`) its one-to-one fields: title, keywords,
version, modified. The other rows are mapped by code.

Every required field must be filled in from the record: a record that lacks one is left out of this
format (`cddo.incomplete` from `adrmeta validate`, the feed manifest's `excluded`).

Files: `dcat-uk/{id}.json` and `dcat-uk/{id}.ttl` per complete record.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from .. import vocab
from ..fieldtable import CDDO as FIELDS
from ..fieldtable import document, export_values, with_rows
from ..lookup import index
from ..model import Catalogue, Record
from ..profiles import (
    CATALOGUE_CONTACT_LABEL,
    cddo_gaps,
    clip,
    contact_point,
    gov_uk_slug,
    open_licence,
    security_classification,
    squash,
)
from ..rdf import IRI, Lit, Node, add, node, to_turtle
from .files import Documents, json_text

__doc__ = with_rows(__doc__, FIELDS)

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
    """The model's JSON Dataset of a complete record (see `gaps`), as plain data, its properties in
    the table's order; empty lists and absent values are left out."""
    return document(FIELDS, {**export_values(FIELDS, rec), **_mapped_by_code(catalogue, rec)})


def _mapped_by_code(catalogue: Catalogue, rec: Record) -> dict[str, Any]:
    """The values of the table's rows that are not one-to-one."""
    found = contact_point(catalogue, rec)
    assert found is not None and found[0].email and rec.version and rec.publisher and rec.licence, (
        "export only records without gaps"
    )
    contact, shared = found
    name = contact.name or index(catalogue).orgs[rec.publisher].name
    return {
        "identifier": f"{catalogue.base_uri}dataset/{rec.id}",
        "type": "dcat:Dataset",
        "alternativeTitle": _unique([*([rec.acronym] if rec.acronym else []), *(t.title for t in rec.alternative_titles)]),
        "summary": clip(rec.summary, 250),
        "description": squash(rec.summary),
        "theme": _unique(f"{vocab.EU_DATA_THEME}/{code}" for t in rec.themes for code in vocab.THEMES.get(t, ())),
        "licence": rec.licence,
        "accessRights": vocab.CDDO_OPEN_ACCESS_RIGHTS if open_licence(rec.licence) else vocab.CDDO_ACCESS_RIGHTS[rec.status],
        "securityClassification": security_classification(rec),
        "contactPoint": {"contactName": f"{name} ({CATALOGUE_CONTACT_LABEL})" if shared else name, "email": contact.email},
        "creator": [s for s in _unique(gov_uk_slug(catalogue, o) for o in rec.data_owners) if s],
        "publisher": gov_uk_slug(catalogue, rec.publisher),
        "updateFrequency": vocab.CDDO_FREQUENCY[rec.update_frequency or "unknown"],
        "relatedResource": [
            *([rec.landing_page] if rec.landing_page else []),
            *(f"{catalogue.base_uri}dataset/{rid}" for rid in rec.part_of),
        ],
    }


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _contact_kind(contact: Mapping[str, str]) -> Node:
    kind = node(None, "vcard:Kind")
    add(kind, "vcard:fn", Lit(contact["contactName"]))
    add(kind, "vcard:hasEmail", Lit(contact["email"]))
    return kind


# how a value of each row becomes an RDF term (`Field.term`, or its converter's `rdf`)
RDF_TERMS: dict[str, Callable[[Any], Any]] = {
    "lit": Lit,
    "date": lambda v: Lit(v, "xsd:date"),
    "iri": IRI,
    "org": lambda slug: IRI(vocab.GOV_UK_ORGANISATION + slug),
    "freq": lambda term: IRI(vocab.DUBLIN_CORE_FREQ + term.removeprefix("freq:")),
    "contact": _contact_kind,
    "licence": lambda v: IRI(v) if v.startswith(("http://", "https://")) else Lit(v),
}


def rdf_node(doc: Mapping[str, Any]) -> Node:
    """The same Dataset as RDF, in the terms the model's SHACL shapes use, in the table's order."""
    d = node(doc["identifier"], "dcat:Dataset")
    for f in FIELDS:
        if f.rdf and f.prop in doc:
            value, to_term = doc[f.prop], RDF_TERMS[f.convert.rdf if f.convert else f.term]
            add(d, f.rdf, *(to_term(v) for v in (value if isinstance(value, list) else [value])))
    return d


def documents(catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None) -> Documents:
    for rid in sorted(records if only is None else only):
        rec = records[rid]
        if cddo_gaps(catalogue, rec):
            continue
        doc = dataset(catalogue, records, rec)
        yield f"{FOLDER}/{rid}.json", json_text(doc) + "\n"
        yield f"{FOLDER}/{rid}.ttl", to_turtle([rdf_node(doc)], PREFIXES)
