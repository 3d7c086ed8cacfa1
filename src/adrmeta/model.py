"""The canonical record: plain, frozen data with no I/O.

A `Record` holds what the sources say about one linked administrative dataset (or a collection
of them) as data. `Catalogue` holds what records refer to: organisations, research themes,
trusted research environments, legal gateways, target catalogues and shared sources.

The type annotations are the single source of truth for the record format: `records.py` reads
YAML against them and `schema.py` derives `schemas/record.schema.json` from them. Markers in
`Annotated[...]` say which strings follow a format (`Fmt`) or refer to something (`Ref`); each
field's `doc` becomes the schema description editors show.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import attrs


@attrs.frozen
class Fmt:
    """A string format checked on load and published in the JSON Schema."""

    name: str


@attrs.frozen
class Ref:
    """A key that must resolve to an entry of the named kind (catalogue or record index)."""

    kind: str


Id = Annotated[str, Fmt("id")]
PartialDate = Annotated[str, Fmt("partial-date")]
Date = Annotated[str, Fmt("date")]
Url = Annotated[str, Fmt("url")]
Email = Annotated[str, Fmt("email")]
Semver = Annotated[str, Fmt("semver")]
Pointer = Annotated[str, Fmt("json-pointer")]
Language = Annotated[str, Fmt("language")]
OrgRef = Annotated[str, Fmt("id"), Ref("organisation")]
ThemeRef = Annotated[str, Fmt("id"), Ref("theme")]
TreRef = Annotated[str, Fmt("id"), Ref("tre")]
GatewayRef = Annotated[str, Fmt("id"), Ref("legal-gateway")]
AccreditationRef = Annotated[str, Fmt("id"), Ref("accreditation")]
ProgrammeRef = Annotated[str, Fmt("id"), Ref("programme")]
SourceRef = Annotated[str, Fmt("id"), Ref("source")]
RecordRef = Annotated[str, Fmt("id"), Ref("record")]
ComponentRef = Annotated[str, Fmt("id"), Ref("component")]

Nation = Literal["GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR"]
Status = Literal["available", "planned", "retired"]
Frequency = Literal[
    "static",
    "continuous",
    "monthly",
    "quarterly",
    "annual",
    "biennial",
    "irregular",
    "under-review",
    "unknown",
]
Availability = Literal["public", "on-request", "tre-only", "forthcoming"]
DocumentKind = Literal[
    "user-guide",
    "data-dictionary",
    "catalogue-entry",
    "methods",
    "synthetic-data",
    "data-resource-profile",
    "code",
    "training",
    "webinar",
    "research-priorities",
    "data-use-register",
    "access-guidance",
    "other",
]
LinkageScope = Literal["within-department", "between-departments", "linkable"]
LinkageMethod = Literal["deterministic", "probabilistic", "deterministic-and-probabilistic", "lookup", "unknown"]
AnalysisUnit = Literal["individual", "household", "family", "case", "event", "organisation", "geographic-unit", "other"]
PeriodBasis = Literal["data", "birth-date", "academic-year", "reference"]
PublicationKind = Literal["journal-article", "report", "data-resource-profile", "blog", "working-paper", "webinar", "other"]
Role = Literal["funder", "creator", "linkage", "academic-lead", "partner", "distributor"]
IdentifierScheme = Literal["doi", "ons-srs", "hdruk-gateway", "rds", "sail", "nisra", "url", "other"]
OrgType = Literal[
    "government-department",
    "non-ministerial-department",
    "public-body",
    "devolved-government",
    "university",
    "research-funder",
    "nhs",
    "charity",
    "tre-operator",
    "other",
]
Format = Literal["dcat", "dcat-uk", "ddi", "schemaorg", "hdruk", "hdruk-4", "site"]
TimeLag = Literal[
    "under-1-week", "1-2-weeks", "2-4-weeks", "1-2-months", "2-6-months", "over-6-months", "variable", "not-applicable"
]
SecurityClassification = Literal["official", "secret", "top-secret", "not-applicable"]


def doc(text: str, **kwargs: Any) -> Any:
    """An attrs field carrying its schema description."""
    return attrs.field(metadata={"doc": text}, **kwargs)


def opt(text: str) -> Any:
    return doc(text, default=None)


def many(text: str) -> Any:
    return doc(text, default=())


# --- parts of a record -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AltTitle:
    title: str = doc("Another title the dataset is known by.")
    kind: Literal["alias", "former", "catalogue", "acronym"] = doc(
        "alias: another name in use; former: an earlier name; catalogue: the title a catalogue"
        " uses; acronym: another spelling of the acronym.",
        default="alias",
    )
    source: SourceRef | None = opt("Key of the source that uses this title.")


@attrs.frozen(kw_only=True)
class Contact:
    name: str | None = opt("Team or role to contact (not a private person unless published).")
    email: Email | None = opt("Email address.")
    url: Url | None = opt("Contact page.")
    role: Literal["enquiries", "access", "programme", "data-owner"] = doc("What this contact is for.", default="enquiries")
    source: SourceRef | None = opt("Key of the source giving this contact.")


@attrs.frozen(kw_only=True)
class Period:
    start: PartialDate | None = opt("Start as YYYY, YYYY-MM or YYYY-MM-DD; omit if open or unknown.")
    end: PartialDate | None = opt("End as YYYY, YYYY-MM or YYYY-MM-DD; omit if open or ongoing.")
    label: str | None = opt("The period as the source words it, e.g. 'Academic years 2001/02 – 2014/15'.")
    wave: str | None = opt("Wave, iteration or release the period belongs to.")
    basis: PeriodBasis = doc(
        "What the dates bound: data (records dated in the period), birth-date (cohort born in"
        " the period), academic-year, reference (a reference date or year).",
        default="data",
    )
    source: SourceRef | None = opt("Key of the source giving this period.")
    note: str | None = opt("Anything a reader needs to interpret the period.")


@attrs.frozen(kw_only=True)
class Coverage:
    nations: tuple[Nation, ...] = doc("UK nations covered, as ISO 3166-2:GB codes (GB-ENG, GB-WLS, GB-SCT, GB-NIR).")
    area: str | None = opt("Sub-national area when coverage is less than a whole nation, e.g. 'Cardiff'.")
    periods: tuple[Period, ...] = many("Time periods covered; one per component, wave or iteration when they differ.")
    note: str | None = opt("Coverage caveats.")


@attrs.frozen(kw_only=True)
class Size:
    value: int = doc("Number, as a whole number (use approximate: true for '~38 million').")
    unit: str = doc("What is counted: records, individuals, children, episodes, homes, records per year…")
    approximate: bool = doc("True when the source gives an approximate figure.", default=False)
    as_of: PartialDate | None = opt("Date the figure refers to or was published.")
    source: SourceRef | None = opt("Key of the source giving this figure.")
    note: str | None = opt("Anything a reader needs to interpret the figure.")


@attrs.frozen(kw_only=True)
class Component:
    id: Id = doc("Short key of the component, unique within the record.")
    title: str = doc("Name of the component dataset.")
    description: str | None = opt("What the component contains.")
    provider: OrgRef | None = opt("Organisation that supplies the component data.")
    record: RecordRef | None = opt("Id of the component's own record, if it has one.")
    coverage: Coverage | None = opt("Coverage of this component, when it differs from the whole.")
    size: tuple[Size, ...] = many("Size of this component.")
    update_frequency: Frequency | None = opt("How often this component is updated.")
    source: SourceRef | None = opt("Key of the source describing the component.")


@attrs.frozen(kw_only=True)
class Linkage:
    scope: LinkageScope = doc(
        "within-department: linked within one government department; between-departments:"
        " linked across two or more; linkable: can be linked to other data (not linked already)."
    )
    method: LinkageMethod = doc("How records are matched.", default="unknown")
    description: str | None = opt("How the linkage works, in a few sentences.")
    key: str | None = opt("Name of the linkage key, e.g. 'Token Person ID (TPI)'.")
    linked_by: tuple[OrgRef, ...] = many("Organisations that carried out the linkage.")
    source: SourceRef | None = opt("Key of the source describing the linkage.")


@attrs.frozen(kw_only=True)
class Document:
    kind: DocumentKind = doc("What kind of documentation this is.")
    title: str = doc("Title of the document.")
    availability: Availability = doc(
        "public: anyone can read it; on-request: by asking the owner; tre-only: only inside the"
        " trusted research environment; forthcoming: announced but not yet published."
    )
    url: Url | None = opt("Where to find it; omit when unknown rather than guessing.")
    includes_research_questions: bool | None = opt("For a user guide: whether it lists potential research questions.")
    component: ComponentRef | None = opt("Component the document is about, if only one.")
    source: SourceRef | None = opt("Key of the source listing the document.")
    note: str | None = opt("Anything a reader needs to know, e.g. how to request it.")


@attrs.frozen(kw_only=True)
class AccessRoute:
    tre: TreRef = doc("Trusted research environment holding the data (key in catalogue.yaml).")
    legal_gateway: GatewayRef | None = opt("Legal gateway for access (key in catalogue.yaml).")
    accreditation: tuple[AccreditationRef, ...] = many("Accreditation or approval needed (keys in catalogue.yaml).")
    conditions: str | None = opt("How access works and any restriction, in plain words.")
    url: Url | None = opt("Page explaining how to apply.")
    lead_time: str | None = opt("Typical time from application to access, as published.")
    source: SourceRef | None = opt("Key of the source describing the route.")


@attrs.frozen(kw_only=True)
class Publication:
    title: str = doc("Title of the publication or output.")
    kind: PublicationKind = doc("What kind of output it is.", default="other")
    authors: str | None = opt("Authors as published.")
    year: int | None = opt("Year of publication.")
    venue: str | None = opt("Journal, series or publisher.")
    url: Url | None = opt("Where to read it.")
    doi: str | None = opt("DOI, without the https://doi.org/ prefix.")
    source: SourceRef | None = opt("Key of the source citing it.")


@attrs.frozen(kw_only=True)
class Contribution:
    organisation: OrgRef = doc("Organisation (key in catalogue.yaml).")
    role: Role = doc("What the organisation does for this dataset.")
    source: SourceRef | None = opt("Key of the source naming the role.")


@attrs.frozen(kw_only=True)
class Identifier:
    scheme: IdentifierScheme = doc("Identifier scheme.")
    value: str = doc("The identifier, e.g. a DOI such as 10.57906/0y39-4s34.")
    url: Url | None = opt("Resolvable URL of the identifier.")
    source: SourceRef | None = opt("Key of the source giving the identifier.")


@attrs.frozen(kw_only=True)
class Version:
    name: str = doc("Version, iteration, wave or release name, e.g. 'Iteration 2'.")
    released: PartialDate | None = opt("When it was released.")
    note: str | None = opt("What changed.")
    source: SourceRef | None = opt("Key of the source.")


@attrs.frozen(kw_only=True)
class Source:
    id: Id = doc("Short key used by `source:` fields.")
    title: str = doc("Title of the source document or page.")
    date: PartialDate | None = opt(
        "Publication or last-update date; decides which value is current (adrmeta warns when it is missing)."
    )
    url: Url | None = opt("Where the source can be read.")
    publisher: str | None = opt("Who published it.")
    note: str | None = opt("Anything about the source, e.g. a later correction.")


@attrs.frozen(kw_only=True)
class Variant:
    path: Pointer = doc("JSON pointer to the field another source disagrees on, e.g. /coverage/periods/0/end.")
    value: Any = doc("The value the other source gives.")
    source: SourceRef = doc("Key of the source giving this value.")
    note: str | None = opt("Why the values differ, if known (e.g. a different iteration).")


@attrs.frozen(kw_only=True)
class Provenance:
    path: Pointer = doc(
        "JSON pointer to the value this entry is about, e.g. /update_frequency or /linkage/method;"
        " it covers everything beneath it."
    )
    source: SourceRef | None = opt("Key of the source that states the value (required unless basis is inference).")
    basis: Literal["stated", "inference"] = doc(
        "stated: the source says it; inference: no source says it, the curator concluded it (give the"
        " reasoning in note). Inferences are never exported as facts.",
        default="stated",
    )
    note: str | None = opt("For an inference, the reasoning; otherwise where in the source the value is stated.")


# --- the data dictionary ---------------------------------------------------------------

VariableType = Literal["string", "integer", "decimal", "boolean", "date", "datetime", "time", "code", "other"]


@attrs.frozen(kw_only=True)
class Code:
    value: str = doc("A value the variable takes, as stored (e.g. '1', 'M', '-9').")
    label: str | None = opt("What the value means, e.g. 'Male'.")
    missing: bool = doc("True when the value marks a missing, refused or not-applicable answer.", default=False)


@attrs.frozen(kw_only=True)
class Variable:
    name: str = doc("Variable (column) name as stored, unique within its table.")
    label: str | None = opt("Short human-readable label.")
    description: str | None = opt("What the variable records, in plain words.")
    type: VariableType | None = opt("Data type; code when values come from the code list.")
    format: str | None = opt("Storage format or pattern as published, e.g. 'YYYY-MM-DD', 'CHAR(8)'.")
    unit: str | None = opt("Unit of measurement, e.g. 'GBP per year', 'days'.")
    codes: tuple[Code, ...] = many("Code list: each value with its label; missing-value codes flagged.")
    sensitive: bool | None = opt("True when the owner marks the variable sensitive or identifying.")
    period: str | None = opt("Period or wave the variable exists for, as the source words it, e.g. '2006/07 onwards'.")
    source: SourceRef | None = opt("Key of the source describing the variable.")


@attrs.frozen(kw_only=True)
class Table:
    name: str = doc("Table (file or data class) name as stored, unique within the dictionary.")
    label: str | None = opt("Human-readable title of the table.")
    description: str | None = opt("What one row of the table describes.")
    component: ComponentRef | None = opt("Component of the record the table belongs to, if one.")
    variables: tuple[Variable, ...] = many("The table's variables (columns).")
    source: SourceRef | None = opt("Key of the source describing the table.")


@attrs.frozen(kw_only=True)
class Dictionary:
    url: Url | None = opt("Where the owner publishes the dictionary, when public.")
    version: str | None = opt("Version or date of the dictionary as published.")
    tables: tuple[Table, ...] = many("Tables (files) with their variables.")
    source: SourceRef | None = opt("Key of the source the dictionary is taken from.")
    note: str | None = opt("Anything a reader needs to know, e.g. which release it describes.")


@attrs.frozen(kw_only=True)
class Record:
    """One linked administrative dataset, or a collection of them."""

    id: Id = doc("Record id; must equal the file name without .yaml.")
    type: Literal["dataset", "collection"] = doc(
        "dataset, or collection for a programme whose parts are records of their own.", default="dataset"
    )
    title: str = doc("Full title as the data owner publishes it.")
    acronym: str | None = opt("Short name, e.g. LEO.")
    alternative_titles: tuple[AltTitle, ...] = many("Other titles and spellings, with their sources.")
    summary: str = doc("What the dataset holds and why it matters, in plain words (50–5000 characters).")
    status: Status = doc(
        "available: researchers can apply now; planned: announced, not yet accessible; retired: no longer offered to researchers."
    )
    expected_availability: str | None = opt("For a planned dataset: when it is expected, as the source words it.")
    flagship: ProgrammeRef | None = opt(
        "Flagship programme the dataset belongs to (key in catalogue.yaml), if any; counts only when cited to a source"
        " the programme's organisation (ADR UK) publishes."
    )
    modified: Date = doc("Date this record was last changed (YYYY-MM-DD); used as its datestamp by harvesters.")
    version: str | None = opt("Current version, iteration or release name.")
    versions: tuple[Version, ...] = many("Known versions, iterations or releases.")
    publisher: OrgRef | None = opt(
        "Organisation that publishes the dataset (key in catalogue.yaml); omit when no source names one."
    )
    data_owners: tuple[OrgRef, ...] = doc("Organisations that own the source data (keys in catalogue.yaml).")
    contributors: tuple[Contribution, ...] = many("Funders, linkers, academic leads and partners.")
    contacts: tuple[Contact, ...] = many("Where to ask for more information; the first is the main contact.")
    landing_page: Url | None = opt("Main web page about the dataset.")
    themes: tuple[ThemeRef, ...] = many("ADR UK research themes (keys in catalogue.yaml).")
    keywords: tuple[str, ...] = many("Keywords for search.")
    coverage: Coverage = doc("Nations, area and time periods covered by the whole dataset.")
    population: str | None = opt("Who is in the data (the universe).")
    unit_of_analysis: tuple[AnalysisUnit, ...] = many("What one record describes.")
    size: tuple[Size, ...] = many("Size figures, each with its unit and as-of date.")
    update_frequency: Frequency | None = opt("How often the dataset is updated.")
    update_note: str | None = opt("Update detail as published, e.g. 'At least annual'.")
    time_lag: TimeLag | None = opt(
        "Typical time between an event and its appearance in the data, as the owner states it"
        " (HDR UK asks for it; not-applicable for a static dataset)."
    )
    security_classification: SecurityClassification | None = opt(
        "Government Security Classification of the data, when the owner states it; the cross-government"
        " (dcat-uk) export requires it and derives none."
    )
    metadata_version: Semver | None = opt(
        "Version of this metadata record as MAJOR.MINOR.PATCH, for catalogues that track it (HDR UK). When absent,"
        " the record's modified date as YEAR.MONTH.DAY (2026-01-05 is 2026.1.5: semver has no leading zeros), which moves with every change."
        " A record that sets it must change it with every change to its content: the HDR UK Gateway takes only a"
        " version it does not hold yet."
    )
    components: tuple[Component, ...] = many("Component datasets brought together in this dataset.")
    linkage: Linkage | None = opt("How the components are linked.")
    documentation: tuple[Document, ...] = many("User guide, data dictionary, catalogue entries and other documentation.")
    dictionary: Dictionary | None = opt(
        "The data dictionary: tables and variables. Usually kept beside the record as <id>.dictionary.yaml."
    )
    access: tuple[AccessRoute, ...] = many("Routes by which accredited researchers can access the data.")
    licence: Url | None = opt(
        "Licence under which the data themselves may be used, when the owner publishes one (e.g. the Open"
        " Government Licence); absent when no source states one (the dcat-uk export, which requires it, then leaves the record out)."
    )
    research_questions: tuple[str, ...] = many("Example research questions the data could address.")
    publications: tuple[Publication, ...] = many("Research done using the data.")
    part_of: tuple[RecordRef, ...] = many("Ids of collections this record belongs to.")
    has_part: tuple[RecordRef, ...] = many("For a collection: ids of its parts.")
    identifiers: tuple[Identifier, ...] = many("Persistent identifiers such as DOIs and catalogue ids.")
    source: SourceRef | None = opt(
        "Key of the main source. It covers only the values that source states: any other value cites its own"
        " source (its `source` field or a `provenance` entry) or is marked an inference."
    )
    provenance: tuple[Provenance, ...] = many(
        "Sources (or inference markers) for values that have no `source` field of their own, by JSON pointer."
    )
    sources: tuple[Source, ...] = many("Sources specific to this record (shared ones live in catalogue.yaml).")
    variants: tuple[Variant, ...] = many("Values other sources give where they disagree with the current value.")
    notes: tuple[str, ...] = many(
        "Curators' notes: gaps, doubts, things to check, what a stored copy showed. Never published;"
        " every other `note` field is text for readers."
    )


# --- the catalogue -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Organisation:
    id: Id = doc("Key used by records.")
    name: str = doc("Full name.")
    acronym: str | None = opt("Short name.")
    aliases: tuple[str, ...] = many(
        "Other names sources use for it (former names, spellings seen in other catalogues), so imports match it."
    )
    type: OrgType = doc("Kind of organisation.")
    url: Url | None = opt("Home page.")
    gov_uk_slug: str | None = opt("GOV.UK organisation slug, when it has one.")
    ror: Url | None = opt("Research Organization Registry identifier as its https://ror.org/ URL.")
    nation: Nation | None = opt("Nation of a devolved body.")
    source: SourceRef | None = opt("Key of the source giving these facts.")


@attrs.frozen(kw_only=True)
class Theme:
    id: Id = doc("Key used by records.")
    label: str = doc("Theme name as ADR UK words it.")
    source: SourceRef = doc("Key of the source naming the theme.")
    note: str | None = opt("How the source supports it.")


@attrs.frozen(kw_only=True)
class Programme:
    id: Id = doc("Key used by records' `flagship` field.")
    title: str = doc("Programme name.")
    source: SourceRef = doc("Source stating the programme and its criteria.")


@attrs.frozen(kw_only=True)
class LegalGateway:
    id: Id = doc("Key used by access routes.")
    title: str = doc("Name of the legal gateway.")
    url: Url | None = opt("Where it is described.")
    note: str | None = opt("What it covers.")
    source: SourceRef | None = opt("Key of the source giving these facts.")


@attrs.frozen(kw_only=True)
class Accreditation:
    id: Id = doc("Key used by access routes.")
    title: str = doc("Name of the accreditation or approval.")
    body: OrgRef | None = opt("Organisation that grants it.")
    url: Url | None = opt("Where it is described.")
    source: SourceRef | None = opt("Key of the source giving these facts.")


@attrs.frozen(kw_only=True)
class Tre:
    id: Id = doc("Key used by access routes.")
    title: str = doc("Name of the trusted research environment.")
    aliases: tuple[str, ...] = many(
        "Other names sources use for it (short names, spellings seen in other catalogues), so imports match it."
    )
    operator: OrgRef = doc("Organisation that runs it.")
    nation: Nation | None = opt("Nation it serves, if one.")
    adr_partnership: bool = doc("True for a trusted research environment of the ADR UK partnership.")
    legal_gateways: tuple[GatewayRef, ...] = many("Legal gateways it supports.")
    url: Url | None = opt("Home page.")
    source: SourceRef | None = opt("Key of the source giving these facts.")


@attrs.frozen(kw_only=True)
class TargetCatalogue:
    id: Id = doc("Key of the catalogue.")
    title: str = doc("Name of the catalogue.")
    operator: OrgRef = doc("Organisation that runs it.")
    tres: tuple[TreRef, ...] = doc("Records accessible through these TREs go to this catalogue.")
    formats: tuple[Format, ...] = doc("Formats the catalogue harvests.")
    url: Url | None = opt("Catalogue home page.")


@attrs.frozen(kw_only=True)
class FlagshipThresholds:
    """How much evidence `adrmeta check` asks for; the criteria themselves are in the rules."""

    min_themes: int = doc("ADR research themes a dataset must be mapped to.", default=1)
    min_research_questions: int = doc("Example research questions a dataset must give.", default=1)
    wide_appeal_publications: int = doc("Publications using the data that count as evidence of wide appeal.", default=1)
    wide_appeal_themes: int = doc("Themes that count as evidence of wide appeal (several themes).", default=2)


@attrs.frozen(kw_only=True)
class Withdrawn:
    """A record taken out of the catalogue (its file removed from records/). Harvesters are told of
    it as a deleted record, dated `date`, so none keeps it (OAI-PMH 2.0, deletedRecord persistent)."""

    id: Id = doc("Id of the record taken out (its file was records/<id>.yaml).")
    date: Date = doc(
        "Date it was withdrawn (YYYY-MM-DD): its datestamp as a deleted record. `adrmeta touch` writes the day it runs."
    )
    note: str | None = opt("Why it was withdrawn, or where its content went.")


@attrs.frozen(kw_only=True)
class Catalogue:
    """The catalogue itself and the vocabularies records refer to."""

    id: Id = doc("Key of the catalogue.")
    title: str = doc("Catalogue title.")
    description: str = doc("What the catalogue holds.")
    publisher: OrgRef = doc("Organisation publishing the catalogue.")
    contact: Contact = doc("Contact for the catalogue.")
    homepage: Url = doc("Home page of the publisher's catalogue.")
    base_uri: Url = doc("Base URI for identifiers minted by adrmeta; ends with '/'.")
    language: Language = doc("Language of the metadata, as a BCP 47 tag.", default="en")
    metadata_licence: Url = doc("Licence of the metadata (not of the data).")
    modified: Date = doc(
        "Date this file's own content was last changed (YYYY-MM-DD). Exports publish as the catalogue's last change"
        " the newest of this date and its records' modified dates."
    )
    declared_theme_count: int | None = opt("Number of research themes the publisher says it has.")
    programmes: tuple[Programme, ...] = many("Flagship programmes.")
    themes: tuple[Theme, ...] = many("ADR research themes supported by a source.")
    organisations: tuple[Organisation, ...] = many("Organisations records refer to.")
    legal_gateways: tuple[LegalGateway, ...] = many("Legal gateways for access.")
    accreditations: tuple[Accreditation, ...] = many("Accreditations and approvals.")
    tres: tuple[Tre, ...] = many("Trusted research environments.")
    target_catalogues: tuple[TargetCatalogue, ...] = many("Catalogues that harvest the feeds.")
    sources: tuple[Source, ...] = many("Sources shared by many records.")
    withdrawn: tuple[Withdrawn, ...] = many(
        "Records taken out of the catalogue, kept listed so that harvesters are told they are deleted."
    )
    flagship_thresholds: FlagshipThresholds = doc(
        "Evidence `adrmeta check` asks for under the flagship criteria.", factory=FlagshipThresholds
    )
