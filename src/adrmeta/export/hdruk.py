"""HDR UK Gateway dataset JSON (HDRUK 3.0.0; 4.0.0 as format `hdruk-4`), the schema SAIL Databank
and Research Data Scotland publish through, and the Gateway's pull-integration list.

| record field | HDR UK | notes |
|---|---|---|
| provenance (basis: inference) | nothing | inferred values are taken out before rendering (`provenance.published`); a required fact that is only inferred leaves the record out, reported by `validate` |
{FIELDS}
| themes | `provenance.origin.datasetType` (`subTypes` in 4.0.0) | `vocab.HDRUK_DATASET_TYPE`; purpose is Administrative |
| update_frequency | `provenance.temporal.publishingFrequency` | `vocab.HDRUK_PERIODICITY` |
| coverage.periods | `provenance.temporal.startDate`, `endDate` | data periods only (not birth dates); a year or month becomes its first (start) or last (end) day |
| time_lag | `provenance.temporal.timeLag` | provenance is left out, and reported, while the time lag, frequency or start is unknown |
| coverage.nations | `accessibility.access.jurisdiction` | ISO 3166-2 codes |
| access | `accessibility.access` | `accessRights` = application pages (else conditions); category TRE/SDE; TRE in `accessService`; `deliveryLeadTime`: the first route's lead time that is one of the Gateway's words or whose stated range lies wholly in one of its buckets (`vocab.HDRUK_LEAD_TIME_BUCKETS`: "2–4 months" is "2-6 months"); one that fits no single bucket is left out (`hdruk.value-not-mapped` from `validate`) |
| data_owners | `accessibility.access.dataController` | |
| part_of | `enrichmentAndLinkage.isPartOf` | title and page of the collection |
| components (with a record) | `enrichmentAndLinkage.derivedFrom` | |
| publications (DOI) | `enrichmentAndLinkage.publicationAboutDataset` / `publicationUsingDataset` | data resource profiles are about the dataset |
| dictionary.tables | `structuralMetadata.tables` | `name`; `description` = the table's description, else its label; a table with no column to export is left out |
| dictionary variables | `tables[].columns` | `name`, `dataType` (the variable's type word, e.g. `integer`, `code`), `description` (the description, else the label), `sensitive`; both `dataType` and `sensitive` are required, so a variable whose type or sensitivity no source states is left out rather than given a made-up value |
| variable codes | `columns[].values` | `name` = the stored value, `description` = its label |
| variable label (when there is a description), format, unit, period, missing flag; table label, component; dictionary url, version | not carried | HDR UK's columns and values have no place for them; the DDI export carries them all |
| (none) | no `formatAndStandards`, `demographicFrequency`, `omics` | the records hold none of these |

The rows from id to dictionary are `fieldtable.HDRUK`, the table that also orders `dataset` here and
writes and reads back (importer `hdruk`) its one-to-one fields: metadata_version, modified, title,
keywords. The rows after them detail the sections mapped by code.

"Required" means filled in: the official schema lets `null` through many required fields, adrmeta
does not. A record missing a required fact is left out of this format (`hdruk.incomplete` from
`adrmeta validate`, and the feed manifest's `excluded`), never given a made-up value.

Files: `hdruk/{id}.json` per complete record and `hdruk/datasets.json`, the list the Gateway polls
(items with `@schema`, `type`, `name`, `description`, `persistentId`, `self`, `version`, `issued`,
`modified`, `source`); the same under `hdruk-4/` for 4.0.0. The list follows the Gateway's list
schema (GMI, vendored in schemas/vendor/hdruk-schemata/GMI) as its puller reads it:
`persistentId` is the record id, which the puller puts into the dataset URL (`.../{id}`);
`name` and `description` are clipped to 80 and 255 characters; `version`, `issued` and `modified`
are the document's. One exception: `@schema` names the HDRUK 3.0.0 (4.0.0) schema the documents
follow, a URL the GMI schema's list (2.0.2 to 2.2.0, GWDM 1.0, 1.1) does not have yet.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import partial
from typing import Any

from .. import vocab
from ..fieldtable import HDRUK as FIELDS
from ..fieldtable import document, export_values, metadata_version, with_rows
from ..lookup import index
from ..model import Catalogue, Record, Table, Variable
from ..profiles import (
    HDRUK_POPULATION_UNREPORTED,
    access_rights,
    clip,
    contact_point,
    data_periods,
    enquiry_emails,
    full_date,
    hdruk_gaps,
    hdruk_lead_times,
    hdruk_section_gaps,
    observations,
    people,
    squash,
)
from ..typespec import FORMAT_REGEX
from .files import Documents, json_text
from .schemaorg import page_url

__doc__ = with_rows(__doc__, FIELDS)

VERSIONS = {"3.0.0": "hdruk", "4.0.0": "hdruk-4"}  # schema version -> format name and folder
SCHEMA_URL = (
    "https://raw.githubusercontent.com/HDRUK/schemata/ffb986c1e30a55928c5f4d38cf51b53421cc5e82/"
    "hdr_schemata/models/HDRUK/{version}/schema.json"
)
GMI_NAME_MAX, GMI_DESCRIPTION_MAX = 80, 255  # the list schema's limits (schemas/vendor/hdruk-schemata/GMI)
_DOI = re.compile(r"^10.\d{4,9}/[-._;()/:a-zA-Z0-9]+$")


def _stamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _dataset_types(rec: Record) -> dict[str, list[str]]:
    """HDR UK dataset type -> its subtypes, from the record's themes."""
    types: dict[str, list[str]] = {}
    for theme in rec.themes:
        if theme in vocab.HDRUK_DATASET_TYPE:
            name, sub = vocab.HDRUK_DATASET_TYPE[theme]
            subs = types.setdefault(name, [])
            if sub and sub not in subs:
                subs.append(sub)
    return types


def _origin(rec: Record, version: str) -> dict[str, Any] | None:
    types = _dataset_types(rec)
    if not types:
        return None
    origin: dict[str, Any] = {"purpose": ["Administrative"]}
    if version == "3.0.0":  # types and subtypes side by side
        origin["datasetType"] = list(types)
        subs = [sub for subs in types.values() for sub in subs]
        if subs:
            origin["datasetSubType"] = subs
    else:  # 4.0.0 nests subtypes in each type; Environment and energy takes only "Not applicable"
        origin["datasetType"] = [
            {"name": name, "subTypes": subs or (["Not applicable"] if name == "Environment and energy" else [])}
            for name, subs in types.items()
        ]
    return origin


def _provenance(rec: Record, version: str) -> dict[str, Any] | None:
    if hdruk_section_gaps(rec):
        return None
    periods = data_periods(rec)
    starts = [full_date(p.start) for p in periods if p.start]
    temporal: dict[str, Any] = {
        "publishingFrequency": vocab.HDRUK_PERIODICITY[rec.update_frequency or "unknown"],
        "startDate": min(s for s in starts if s),
    }
    if periods and all(p.end for p in periods):
        temporal["endDate"] = max(full_date(p.end, end=True) or "" for p in periods)
    assert rec.time_lag is not None  # hdruk_section_gaps checked it
    temporal["timeLag"] = vocab.HDRUK_TIME_LAG[rec.time_lag]
    origin = _origin(rec, version)
    return {"origin": origin, "temporal": temporal} if origin else {"temporal": temporal}


def _descriptor(catalogue: Catalogue, records: Mapping[str, Record], rid: str) -> dict[str, Any]:
    other = records.get(rid)
    return {
        "pid": f"{catalogue.base_uri}dataset/{rid}",
        "title": clip(other.title, 150) if other else rid,
        "url": page_url(catalogue.base_uri, rid),
    }


def _enrichment(catalogue: Catalogue, records: Mapping[str, Record], rec: Record) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if rec.part_of:
        out["isPartOf"] = [_descriptor(catalogue, records, rid) for rid in rec.part_of]
    derived = [c.record for c in rec.components if c.record]
    if derived:
        out["derivedFrom"] = [_descriptor(catalogue, records, rid) for rid in derived]
    about = [p.doi for p in rec.publications if p.doi and _DOI.match(p.doi) and p.kind == "data-resource-profile"]
    using = [p.doi for p in rec.publications if p.doi and _DOI.match(p.doi) and p.kind != "data-resource-profile"]
    if about:
        out["publicationAboutDataset"] = list(dict.fromkeys(about))
    if using:
        out["publicationUsingDataset"] = list(dict.fromkeys(using))
    return out


def _access(catalogue: Catalogue, rec: Record) -> dict[str, Any]:
    ix = index(catalogue)
    access: dict[str, Any] = {"accessRights": access_rights(rec), "accessServiceCategory": "TRE/SDE"}
    services = []
    for route in rec.access:
        tre = ix.tres[route.tre]
        services.append(
            f"{tre.title} ({ix.orgs[tre.operator].name})." + (f" {squash(route.conditions)}" if route.conditions else "")
        )
    if services:
        access["accessService"] = " ".join(dict.fromkeys(services))
    lead = next((word for _i, _text, word in hdruk_lead_times(rec) if word), None)
    if lead:
        access["deliveryLeadTime"] = lead
    if rec.coverage.nations:
        access["jurisdiction"] = list(rec.coverage.nations)
    if rec.data_owners:
        access["dataController"] = ", ".join(ix.orgs[o].name for o in rec.data_owners)
    return access


def _column(var: Variable) -> dict[str, Any] | None:
    if var.type is None or var.sensitive is None:
        return None
    col: dict[str, Any] = {"name": var.name, "dataType": var.type}
    text = var.description or var.label
    if text:
        col["description"] = clip(text, 20000)
    col["sensitive"] = var.sensitive
    if var.codes:
        col["values"] = [{"name": c.value, **({"description": clip(c.label, 20000)} if c.label else {})} for c in var.codes]
    return col


def _table(table: Table) -> dict[str, Any] | None:
    columns = [c for c in map(_column, table.variables) if c]
    if not columns:
        return None
    out: dict[str, Any] = {"name": clip(table.name, 500)}
    text = table.description or table.label
    if text:
        out["description"] = clip(text, 20000)
    out["columns"] = columns
    return out


def structural_metadata(rec: Record) -> dict[str, Any] | None:
    """The dictionary's tables and columns (the same in 3.0.0 and 4.0.0), or None without any."""
    tables = [t for t in map(_table, rec.dictionary.tables if rec.dictionary else ()) if t]
    return {"tables": tables} if tables else None


def dataset(catalogue: Catalogue, records: Mapping[str, Record], rec: Record, version: str = "3.0.0") -> dict[str, Any]:
    """The HDR UK dataset document of a complete record (see `gaps`), as plain data, its
    properties in the order of the field table."""
    return document(
        FIELDS, {**export_values(FIELDS, rec), **_summary(catalogue, rec, version), **_sections(catalogue, records, rec, version)}
    )


def _summary(catalogue: Catalogue, rec: Record, version: str) -> dict[str, Any]:
    """The values of the summary's rows that are not one-to-one."""
    found = contact_point(catalogue, rec)
    email = found[0].email if found else None
    assert email and rec.publisher, "export only records without gaps"
    # the custodian's own enquiry contacts; without any, summary.contactPoint (the record's main
    # contact, else the catalogue's: the schema's default for the team submitting the metadata)
    custodian_emails = enquiry_emails(rec) or [email]
    counted = people(rec)
    custodian = index(catalogue).orgs[rec.publisher]
    others = [i.value for i in rec.identifiers if i.scheme != "doi"]
    if version != "3.0.0":  # 4.0.0 has aliases (names, acronyms, identifiers) instead
        others = [*([rec.acronym] if rec.acronym else []), *(t.title for t in rec.alternative_titles), *others]
    return {
        "summary/abstract": clip(rec.summary, 500),
        "summary/dataCustodian": {
            "identifier": custodian.ror or custodian.id,
            "name": clip(custodian.name, 150),
            "contactPoint": custodian_emails[0] if len(custodian_emails) == 1 else custodian_emails,
        },
        "summary/populationSize": counted.value if counted else HDRUK_POPULATION_UNREPORTED,
        "summary/doiName": next((i.value for i in rec.identifiers if i.scheme == "doi" and _DOI.match(i.value)), None),
        "summary/contactPoint": email,
        "summary/alternateIdentifiers" if version == "3.0.0" else "summary/datasetAliases": [
            o for o in dict.fromkeys(others) if 2 <= len(o) <= 1000
        ],
    }


def _sections(catalogue: Catalogue, records: Mapping[str, Record], rec: Record, version: str) -> dict[str, Any]:
    """The values of the other rows that are not one-to-one."""
    # a record's URLs are checked when read; a URL that is not a URI is still never written raw
    media = [d.url for d in rec.documentation if d.url and d.availability == "public" and FORMAT_REGEX["url"].match(d.url)]
    return {
        "identifier": f"{catalogue.base_uri}dataset/{rec.id}",
        "version": metadata_version(rec.metadata_version, rec.modified),
        "revisions": [],
        "issued": _stamp(rec.modified),
        "documentation/description": clip(rec.summary, 10000),
        "documentation/associatedMedia": list(dict.fromkeys(media)),
        "coverage/spatial": ", ".join(vocab.NATIONS[n][1] for n in rec.coverage.nations) or None,
        "provenance": _provenance(rec, version),
        "accessibility/access": _access(catalogue, rec),
        "enrichmentAndLinkage": _enrichment(catalogue, records, rec),
        "observations": observations(rec),
        "structuralMetadata": structural_metadata(rec),
    }


def self_url(catalogue: Catalogue, record_id: str, version: str = "3.0.0") -> str:
    return f"{catalogue.base_uri}{VERSIONS[version]}/{record_id}.json"


def list_item(catalogue: Catalogue, rec: Record, version: str = "3.0.0") -> dict[str, Any]:
    """One entry of the pull-integration list, within the limits of the Gateway's list schema (GMI).
    `persistentId` is the record id: the Gateway's puller puts it into the dataset URL (`{id}`)
    and its own API paths, so it must be one path segment; `version` is the document's."""
    return {
        "@schema": SCHEMA_URL.format(version=version),
        "type": "dataset",
        "name": clip(rec.title, GMI_NAME_MAX),
        "description": clip(rec.summary, GMI_DESCRIPTION_MAX),
        "persistentId": rec.id,
        "self": self_url(catalogue, rec.id, version),
        "version": metadata_version(rec.metadata_version, rec.modified),
        "issued": _stamp(rec.modified),
        "modified": _stamp(rec.modified),
        "source": page_url(catalogue.base_uri, rec.id),
    }


def _dump(doc: Any) -> str:
    return json_text(doc) + "\n"


def version_documents(
    catalogue: Catalogue,
    records: Mapping[str, Record],
    only: Collection[str] | None = None,
    *,
    version: str = "3.0.0",
    subsets: Mapping[str, Collection[str]] | None = None,
    dates: Mapping[str, str] | None = None,
) -> Documents:
    """Every file of one version: a document per complete record, then the list; with `subsets`
    (a folder prefix -> the records it takes: a feed's), each subset's list too (`dates`, a
    subset's published date, is not written: the list has no date of its own). The list's items
    are small and gathered on the way, so each record is read once."""
    folder = VERSIONS[version]
    items: dict[str, dict[str, Any]] = {}
    for rid in sorted(records if only is None else only):
        rec = records[rid]
        if hdruk_gaps(catalogue, rec):
            continue
        yield f"{folder}/{rid}.json", _dump(dataset(catalogue, records, rec, version))
        items[rid] = list_item(catalogue, rec, version)
    yield f"{folder}/datasets.json", _dump({"items": list(items.values())})
    for prefix, members in (subsets or {}).items():
        yield f"{prefix}{folder}/datasets.json", _dump({"items": [items[rid] for rid in sorted(members) if rid in items]})


documents = partial(version_documents, version="3.0.0")
documents_v4 = partial(version_documents, version="4.0.0")
