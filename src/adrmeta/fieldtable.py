"""Field tables, in the manner of ckanext-dcat's profiles: one row per property of a standard, in
the order the exporter writes them. A row whose `read`/`write` pair is set maps one record field
one-to-one; the exporter writes it, the importer reads it back and `adrmeta docs` renders the row,
all from the table. A row without the pair is mapped by code in the exporter and importer; the
table still orders it and documents it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from .profiles import clip
from .records import escape

if TYPE_CHECKING:
    from .importers.draft import Draft


def _same(value: Any) -> Any:
    return value


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _read_text(d: Draft, path: str, value: Any) -> Any:
    return d.text(path, value)


def _read_texts(d: Draft, path: str, value: Any) -> Any:
    values = value if isinstance(value, list) else [value]
    return [t for t in (d.text(path, v) for v in values) if t]


def _read_date(d: Draft, path: str, value: Any) -> Any:
    return d.date_value(path, value, full=True)


def _read_keywords(d: Draft, path: str, value: Any) -> Any:
    from .importers.normalise import split_list  # the importers package imports this module

    values = split_list(value) if isinstance(value, str) else value if isinstance(value, list) else [value]
    return _unique(t for t in (d.text(path, v) for v in values) if t)


def _read_semver(d: Draft, path: str, value: Any) -> Any:
    return value if isinstance(value, str) and re.fullmatch(r"\d+\.\d+\.\d+", value) else None


@attrs.frozen
class Convert:
    """How one kind of value goes out (`write`: record value -> property value) and comes back
    (`read`: draft, record path, property value -> record value, findings reported on the draft);
    `rdf` names the literal's datatype."""

    write: Callable[[Any], Any]
    read: Callable[[Draft, str, Any], Any]
    rdf: str = "lit"
    used_when_read: bool = False  # mark the property used only when it gave a value (else: when given)


TEXT = Convert(_same, _read_text)
TEXTS = Convert(_unique, _read_texts)
DATE = Convert(_same, _read_date, "date")


def metadata_version(version: str | None, modified: str) -> str:
    """The version of a record's metadata as HDR UK publishes it (MAJOR.MINOR.PATCH): the record's
    own `metadata_version`, else its `modified` date as YEAR.MONTH.DAY without leading zeros
    (2026-01-05 -> 2026.1.5), so the version moves whenever the record's date does and a puller
    that skips versions it holds (the HDR UK Gateway's) takes every dated change."""
    return version or ".".join(str(int(part)) for part in modified.split("-"))


# HDR UK: titles up to 150 characters; keywords of 2 to 150 (a comma-separated text read as a list);
# midnight UTC of a date; a metadata version X.Y.Z, written by the exporter (`metadata_version`,
# which needs the record's date too), read back as the record's own
HDRUK_TITLE = Convert(lambda title: clip(title, 150), _read_text)
HDRUK_KEYWORDS = Convert(lambda words: [k for k in _unique(words) if 2 <= len(k) <= 150], _read_keywords, used_when_read=True)
HDRUK_STAMP = Convert(lambda date: f"{date}T00:00:00Z", _read_date)
HDRUK_VERSION = Convert(_same, _read_semver, used_when_read=True)


@attrs.frozen
class Field:
    """One property: `record` is the record field a one-to-one row maps (or, for a code row, the
    words the docs show); `rdf` its RDF predicate ("" when the RDF has none, or `rdf_doc` says
    otherwise); `term` how a code row's values become RDF terms (a key the exporter knows)."""

    prop: str
    record: str
    rdf: str = ""
    convert: Convert | None = None
    term: str = "lit"
    note: str = ""
    rdf_doc: str | None = None
    value_doc: str = ""
    always: bool = False  # written even when empty

    @property
    def keys(self) -> list[str]:
        """The property's path in the document: `summary/title` is `title` within `summary`."""
        return self.prop.split("/")

    @property
    def one_to_one(self) -> bool:
        return self.convert is not None


def one_to_one(table: Iterable[Field]) -> list[Field]:
    return [f for f in table if f.one_to_one]


def value_at(doc: Any, keys: list[str]) -> Any:
    for k in keys:
        doc = doc.get(k) if isinstance(doc, dict) else None
    return doc


def document(table: Iterable[Field], values: dict[str, Any]) -> dict[str, Any]:
    """The document of the rows' values (keyed by `prop`), in the table's order; empty values are
    left out unless the row is `always` written."""
    doc: dict[str, Any] = {}
    for f in table:
        value = values.get(f.prop)
        if not f.always and (value is None or value == [] or value == {}):
            continue
        if "/" not in f.prop:  # a top-level property: no path to split (this runs per record and row)
            doc[f.prop] = value
            continue
        *parents, key = f.keys
        target = doc
        for p in parents:
            target = target.setdefault(p, {})
        target[key] = value
    return doc


def export_values(table: Iterable[Field], record: Any) -> dict[str, Any]:
    """The properties of a table's one-to-one rows, from the record's fields."""
    return {f.prop: f.convert.write(getattr(record, f.record)) for f in table if f.convert is not None}


def import_values(table: Iterable[Field], d: Draft, doc: dict[str, Any], used: Callable[[list[str]], None], at: str = "") -> None:
    """Read a table's one-to-one rows from a source document (at the JSON pointer `at` in its
    file) into the draft; each property given (or, with `used_when_read`, each that gave a value)
    is marked used by its keys, and the findings on its value are located at it."""
    for f in one_to_one(table):
        value = value_at(doc, f.keys)
        if value is None or value == "" or value == []:
            continue
        assert f.convert is not None
        with d.reading(at + "".join("/" + escape(str(k)) for k in f.keys)):
            got = f.convert.read(d, f"/{f.record}", value)
        d.put(f"/{f.record}", got)
        if not f.convert.used_when_read or got not in (None, []):
            used(f.keys)


def with_rows(doc: str | None, table: Iterable[Field]) -> str:
    """A module docstring with the table's rows where it says {FIELDS} (an RDF column only for a
    format with RDF), so the module's own help and the generated docs show the same table."""
    fields = list(table)
    return (doc or "").replace("{FIELDS}", markdown_rows(fields, rdf=any(f.rdf or f.rdf_doc for f in fields)))


def markdown_rows(table: Iterable[Field], *, rdf: bool = True) -> str:
    """The rows of the generated mapping docs: record field | property | RDF (with `rdf`) | notes."""
    rows = []
    for f in table:
        prop = f"`{f.prop.replace('/', '.')}` {f.value_doc}".rstrip()
        cells = [f.record, prop]
        if rdf:
            cells.append(f.rdf_doc if f.rdf_doc is not None else f"`{f.rdf}`" if f.rdf else "")
        rows.append(("| " + " | ".join([*cells, f.note])).rstrip() + " |")
    return "\n".join(rows)


# UK cross-government metadata exchange model (CDDO), export format `dcat-uk`, importer `cddo`
CDDO = (
    Field(
        "identifier",
        "id",
        "dct:identifier",
        term="iri",
        rdf_doc="the node IRI and `dct:identifier`",
        note="`{base_uri}dataset/{id}`",
    ),
    Field("type", "(type)", value_doc="`dcat:Dataset`", rdf_doc="`a dcat:Dataset`"),
    Field("title", "title", "dct:title", TEXT),
    Field("alternativeTitle", "acronym, alternative_titles", "dct:alternative"),
    Field("summary", "summary", "rdfs:comment", note="whole sentences up to the model's 250 characters"),
    Field("description", "summary", "dct:description"),
    Field("keyword", "keywords", "dcat:keyword", TEXTS),
    Field("theme", "themes", "dcat:theme", term="iri", note="EU data-theme IRIs, as in the DCAT export"),
    Field(
        "licence",
        "licence",
        "dct:license",
        term="licence",
        value_doc="the record's licence URL",
        note="required; the model allows `DATA_SHARE_AGREEMENT`, but defines neither it nor a default for data "
        "without a licence, so a record without one is left out (`cddo.incomplete`)",
    ),
    Field("version", "version", "dcat:version", TEXT, note="required: the dataset's version, iteration or release"),
    Field(
        "accessRights",
        "status, licence",
        "dct:accessRights",
        note="OPEN when the licence is an open one (`vocab.OPEN_LICENCES`: OGL, CC BY, CC0), else "
        '`vocab.CDDO_ACCESS_RIGHTS`: an available dataset is COMMERCIAL ("only available under certain conditions")',
    ),
    Field(
        "securityClassification",
        "security_classification",
        "ukgov:securityClassification",
        note="required; as the record states it (the model gives no default), else the record is left out (`cddo.incomplete`)",
    ),
    Field("modified", "modified", "dct:modified", DATE),
    Field(
        "contactPoint",
        "contacts (email, access first)",
        "dcat:contactPoint",
        term="contact",
        rdf_doc="`dcat:contactPoint` `vcard:Kind`",
        note="`contactName` is the contact's name, else the publisher's; without a dataset email, the catalogue's "
        'enquiries contact, its name marked "(catalogue contact)"',
    ),
    Field(
        "creator",
        "data_owners",
        "dct:creator",
        term="org",
        note="GOV.UK organisation slugs from the model's closed list; owners outside it are reported and left out",
    ),
    Field("publisher", "publisher", "dct:publisher", term="org", note="must be on the closed list"),
    Field(
        "updateFrequency",
        "update_frequency",
        "dct:accrualPeriodicity",
        term="freq",
        note="`vocab.CDDO_FREQUENCY` (`purl.org/cld/freq`); static and under review have no value there",
    ),
    Field("relatedResource", "landing_page, part_of", "dct:relation", term="iri"),
)

# HDR UK Gateway dataset JSON 3.0.0 and 4.0.0, export formats `hdruk` and `hdruk-4`, importer `hdruk`
HDRUK = (
    Field("identifier", "id", note="the dataset IRI `{base_uri}dataset/{id}`"),
    Field(
        "version",
        "metadata_version",
        convert=HDRUK_VERSION,
        note="the record's metadata_version, else its `modified` date as YEAR.MONTH.DAY (2026.11.26; 2026.1.5, "
        "no leading zeros): it changes whenever the record's date does; the same in the pull-integration list",
    ),
    Field("revisions", "(versions)", always=True, note="previous versions: none yet"),
    Field(
        "issued",
        "modified",
        note="when this metadata version was issued: midnight UTC of the record's date (the record has no time)",
    ),
    Field("modified", "modified", convert=HDRUK_STAMP, note="midnight UTC of the record's date"),
    Field("summary/title", "title", convert=HDRUK_TITLE),
    Field(
        "summary/abstract",
        "summary",
        note="whole sentences up to the 500-character limit; the full text goes to `documentation.description`",
    ),
    Field(
        "summary/dataCustodian",
        "publisher, contacts",
        note="`identifier` is the organisation's ROR when known, else its catalogue key; its `contactPoint` is the "
        "record's contacts for enquiries about the dataset (`vocab.HDRUK_CUSTODIAN_CONTACT_ROLES`: enquiries, programme; "
        "several as a list), else (the schema requires one) `summary.contactPoint`",
    ),
    Field(
        "summary/populationSize",
        "size (people)",
        note="the newest figure counting people (`vocab.PERSON_UNITS`); -1 when no figure counts people, the "
        'Gateway\'s "no population size reported" (its search service filters unreported sizes as -1)',
    ),
    Field("summary/keywords", "keywords", convert=HDRUK_KEYWORDS),
    Field("summary/doiName", "identifiers (doi)"),
    Field(
        "summary/contactPoint",
        "contacts (email, access first)",
        note="required; without a dataset email, the catalogue's enquiries contact (`catalogue.yaml` contact), as the "
        "Gateway itself defaults to the publishing team's support email; without either the record is left out",
    ),
    Field("summary/alternateIdentifiers", "identifiers (not doi)", note="3.0.0"),
    Field("summary/datasetAliases", "acronym, alternative_titles, identifiers (not doi)", note="4.0.0"),
    Field("documentation/description", "summary"),
    Field("documentation/associatedMedia", "documentation (public, with URL)"),
    Field("coverage/spatial", "coverage.nations", note="nation names"),
    Field("provenance", "themes, update_frequency, coverage.periods, time_lag", note="see below"),
    Field("accessibility/access", "access, coverage.nations, data_owners", note="see below"),
    Field("enrichmentAndLinkage", "part_of, components, publications", note="see below"),
    Field(
        "observations",
        "size (people, events)",
        always=True,
        note="one per figure with an as-of date; a partial date becomes its first day and the stated precision goes "
        "to `disambiguatingDescription`; at least one is required",
    ),
    Field("structuralMetadata", "dictionary", note="see below"),
)


# DCAT-AP 3.0.1, export format `dcat`, importer `dcat`: the properties of a record's `dcat:Dataset`
# node, in the order the exporter writes them. The RDF is the format here, so a row's `prop` is the
# predicate itself and `rdf` stays empty; the converter's `rdf` says how a value becomes an RDF term
# (`text`: a literal in the catalogue's language). The importer reads a one-to-one row of a list
# field as all its literals, any other as one literal in the catalogue's language (the rest noted).


def _read_dcat_keywords(d: Draft, path: str, value: Any) -> Any:
    """Every keyword literal, sorted; one comma-joined literal is read as a list."""
    from .importers.normalise import split_list  # the importers package imports this module

    words = split_list(value[0]) if len(value) == 1 and "," in value[0] else value
    return sorted(k for k in (d.text(path, w) for w in words) if k)


DCAT_TEXT = Convert(_same, _read_text, "text")
DCAT_KEYWORDS = Convert(_same, _read_dcat_keywords, "text")
_LANGUAGE = "tagged with the catalogue's language; read: one literal, untagged or in that language, the others to notes"
DCAT = (
    Field("dct:identifier", "id", value_doc="and the dataset IRI `{base_uri}dataset/{id}`"),
    Field("dct:title", "title", convert=DCAT_TEXT, note=_LANGUAGE),
    Field("dct:description", "summary", convert=DCAT_TEXT, note=_LANGUAGE + "; HTML read as text"),
    Field("skos:altLabel", "acronym", note="a second one is read as an alternative title (kind acronym)"),
    Field("dct:alternative", "alternative_titles"),
    Field("dcat:keyword", "keywords", convert=DCAT_KEYWORDS, note="one comma-joined literal is read as a list"),
    Field(
        "dcat:theme",
        "themes",
        note="the ADR theme concept `{base_uri}theme/{id}` (scheme `{base_uri}themes`, published in the export) and its "
        "EU data-theme concepts (`vocab.THEMES`)",
    ),
    Field(
        "dct:publisher",
        "publisher",
        note="`foaf:Agent` `{base_uri}organisation/{id}` with `foaf:name` and an ADMS publisher type (`vocab.PUBLISHER_TYPE`)",
    ),
    Field("dct:creator", "data_owners", note="`foaf:Agent`"),
    Field(
        "prov:qualifiedAttribution",
        "contributors",
        note="`prov:Attribution` `{dataset}/attribution/{n}` with `prov:agent` and `dcat:hadRole` (scheme `{base_uri}roles`)",
    ),
    Field(
        "dcat:contactPoint",
        "contacts",
        note="`vcard:Kind` `{dataset}/contact/{n}` with `vcard:fn`, `vcard:hasEmail` (mailto:), `vcard:hasURL`, in the "
        "record's order (the main contact first); a record with none gets the catalogue's enquiries contact, "
        '`{base_uri}catalogue/contact`, its name marked "(catalogue contact)"',
    ),
    Field("dcat:landingPage", "landing_page", note="`foaf:Document`"),
    Field(
        "dct:spatial",
        "coverage.nations, coverage.area",
        note="nations: ONS statistical-geography IRIs, typed `dct:Location`, labelled: nations that make up exactly the "
        "United Kingdom, Great Britain or England and Wales are that one combined geography "
        "(`vocab.COMBINED_GEOGRAPHIES`), otherwise each nation (`vocab.NATIONS`); the area: a `dct:Location` "
        "`{dataset}/area` with the area's name",
    ),
    Field(
        "dct:temporal",
        "coverage.periods",
        note="one `dct:PeriodOfTime` `{dataset}/period/{n}` per period, `dcat:startDate`/`dcat:endDate` as `xsd:gYear`, "
        "`xsd:gYearMonth` or `xsd:date`; label as `rdfs:label`; the period that spans all the others (the components' "
        "too), when one does, comes first; then each component's periods, `{dataset}/period/{component id}/{n}`, "
        "labelled with the component's title",
    ),
    Field(
        "dct:accrualPeriodicity",
        "update_frequency",
        note="EU frequency IRIs (`vocab.FREQUENCY`), typed `dct:Frequency`",
    ),
    Field(
        "dct:accessRights",
        "status",
        note="EU access-right IRIs (`vocab.ACCESS_RIGHTS`), typed `dct:RightsStatement`; a planned dataset has no distribution",
    ),
    Field(
        "foaf:page",
        "documentation",
        note="`foaf:Document` with `dct:title` and a `dct:description` of its kind and availability; its URL, or "
        "`{dataset}.html#document-{n}` (its entry on the dataset's site page) when there is none. A URL several records (or a record's landing page) cite is one "
        "node, described as the first record by id lists it",
    ),
    Field(
        "adms:identifier",
        "identifiers",
        note="`adms:Identifier` `{dataset}/identifier/{n}` with `skos:notation` and `adms:schemeAgency`",
    ),
    Field("dcat:version", "version", convert=TEXT, note="read: else `owl:versionInfo`"),
    Field("adms:versionNotes", "versions", note="the current version's note"),
    Field("dct:modified", "modified", convert=DATE, note="`xsd:date`; read: date-times become dates"),
    Field("dct:isPartOf", "part_of", note="dataset IRIs"),
    Field("dct:hasPart", "has_part", note="dataset IRIs"),
    Field(
        "dct:source",
        "components",
        note="a component with its own record: that dataset; otherwise a `{base_uri}vocab#ComponentDataset` (a subclass "
        "of `dcat:Dataset` defined in the document: harvesters do not list it) `{dataset}/component/{cid}` with "
        "its own title, description, publisher (its provider), temporal (`{component}/period/{n}`) and spatial coverage "
        "and frequency, `dct:isPartOf` the record's dataset, and the record's contact points and access rights",
    ),
    Field("dct:provenance", "linkage", note="`dct:ProvenanceStatement` `{dataset}/linkage` describing the linkage"),
    Field(
        "dct:isReferencedBy",
        "publications",
        note="the publication's URL (a `foaf:Document` with its `dct:title`), or a `foaf:Document` "
        "`{dataset}.html#publication-{n}` (its entry on the dataset's site page) with `dct:title` and, when the record gives authors, year or venue, "
        "`dct:bibliographicCitation`",
    ),
    Field(
        "dcat:distribution",
        "access",
        note="one `dcat:Distribution` per route: `dct:description` (only what the route states: access through "
        "the TRE, then its legal gateway, accreditation, conditions, lead time), `dcat:accessURL` (the route's or TRE's URL, else the TRE's IRI), "
        "`dcat:accessService` (the TRE as `dcat:DataService` `{base_uri}tre/{id}`), `dct:license` (the record's "
        "licence, a `dct:LicenseDocument`), `dct:rights` (`dct:RightsStatement`: legal gateway, accreditation, "
        "conditions, lead time)",
    ),
)


# schema.org Dataset JSON-LD, export format `schemaorg`, importer `schemaorg`; every top-level property,
# in the order the exporter writes them
SCHEMAORG = (
    Field("@context", "(JSON-LD context)", value_doc="`https://schema.org/`"),
    Field("@type", "(type)", value_doc="`Dataset`"),
    Field("@id", "id", value_doc="(`{base_uri}dataset/{id}`)", note="also the first `identifier`"),
    Field("name", "title", convert=TEXT),
    Field(
        "description",
        "summary",
        convert=TEXT,
        note="Google requires 50–5000 characters: `adrmeta validate` reports `consistency.summary-length` rather than cutting",
    ),
    Field(
        "url",
        "(site page)",
        note="the dataset's page on the site, `{base_uri}dataset/{id}.html`; on a page `adrmeta serve` serves, under its"
        " `--base-url` as the page's canonical link is (so are the other page links: related datasets, components,"
        " variables, `usageInfo`, the catalogue's `url`), while `@id` stays the dataset's IRI",
    ),
    Field("alternateName", "acronym, alternative_titles"),
    Field("sameAs", "landing_page"),
    Field("license", "licence", note="the data's licence URL, when the record has one"),
    Field(
        "identifier",
        "id, identifiers",
        note="the dataset IRI, then DOIs and catalogue ids as `PropertyValue` (`propertyID`, `value`, `url`)",
    ),
    Field("keywords", "keywords, themes", note="theme labels are added to the keywords"),
    Field("about", "themes", note="`DefinedTerm` in the ADR theme set `{base_uri}themes`"),
    Field("creator", "data_owners", note="`Organization`"),
    Field("publisher", "publisher", note="`Organization`"),
    Field("funder", "contributors (funder)", note="`Organization`"),
    Field(
        "spatialCoverage",
        "coverage.nations, area",
        note="`Place` with `name`, and `sameAs` the ONS statistical-geography IRI",
    ),
    Field(
        "temporalCoverage",
        "coverage.periods",
        note="the record's and its components' periods as ISO 8601 intervals, `start/end`, `start/..` when open",
    ),
    Field(
        "conditionsOfAccess",
        "access, status, expected_availability",
        note="per route only what it states: access through the TRE, legal gateway, accreditation, conditions, lead time; "
        "for a planned dataset, that it is planned and when it is expected",
    ),
    Field("usageInfo", "access", note="the access section of the dataset's page"),
    Field("includedInDataCatalog", "(catalogue)", note="`DataCatalog` with the catalogue's name and site URL"),
    Field(
        "isPartOf",
        "part_of",
        note="the related record's `Dataset` with `@id`, `name`, `url` (its page) and `description` (its summary); "
        "a reference by `@id` only when its summary is outside 50–5000 characters",
    ),
    Field("hasPart", "has_part", note="as for `isPartOf`"),
    Field(
        "isBasedOn",
        "components",
        note="a component with its own record: that record's `Dataset`, as for `hasPart`, named as the component and "
        "with the component's description when that has 50–5000 characters; otherwise a `Dataset` "
        "`{base_uri}dataset/{id}/component/{cid}` (the DCAT export's IRI) with `name`, `url` the components section "
        "of the record's page (`#h-components`), and `description`: the stated one when it has 50–5000 characters, "
        'else "{title}: {description}, a component of {record title}."',
    ),
    Field("citation", "publications", note="`CreativeWork` with `name` (and `url`)"),
    Field(
        "subjectOf",
        "documentation",
        note="`CreativeWork` with `name`, `url` when known, and `description` of availability",
    ),
    Field("version", "version", convert=TEXT),
    Field(
        "variableMeasured",
        "dictionary variables",
        note="one `PropertyValue` per variable, every table's in order: `name` (the variable name), `alternateName` "
        "(its label), `description`, `unitText` (its unit), `url` (the variable on the dataset's page, "
        "`#var-{table}-{name}`) and `valueReference`, the code list as `DefinedTerm`s (`termCode` the value, `name` "
        'its label, `description` "Missing value" for a missing-value code)',
    ),
    Field("dateModified", "modified", convert=DATE),
)
