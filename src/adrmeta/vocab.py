"""Controlled vocabularies and crosswalks: one table per concept, our term -> their terms.

Exporters (and, read the other way, importers) use these tables rather than `if` chains. Each
table names the vocabulary it maps to. Labels are those of the vocabulary's publisher.
"""

from __future__ import annotations

# --- UK nations ----------------------------------------------------------------------------
# ISO 3166-2:GB code -> (ONS GSS code, name). The GSS codes are ONS's statistical-geography codes
# for the countries of the UK; their linked-data IRIs are STATISTICAL_GEOGRAPHY + code.
STATISTICAL_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/"
NATIONS: dict[str, tuple[str, str]] = {
    "GB-ENG": ("E92000001", "England"),
    "GB-WLS": ("W92000004", "Wales"),
    "GB-SCT": ("S92000003", "Scotland"),
    "GB-NIR": ("N92000002", "Northern Ireland"),
}
UNITED_KINGDOM = ("K02000001", "United Kingdom")
# Coverage that equals one of ONS's combined geographies is published as that geography's code,
# not as its nations: a harvester that keeps one place per dataset (ckanext-dcat keeps one) then
# keeps the true area instead of whichever nation it read last. The codes are ONS's GSS codes for
# the United Kingdom (K02000001), Great Britain (K03000001) and England and Wales (K04000001), as
# listed with the country codes above in the Department for Education's dfeR package, which takes
# them from the ONS Open Geography Portal:
# https://rdrr.io/cran/dfeR/f/tests/testthat/_snaps/fetch_countries.md (fetch_countries(): "K02000001
# United Kingdom", "K03000001 Great Britain", "K04000001 England and Wales").
COMBINED_GEOGRAPHIES: dict[frozenset[str], tuple[str, str]] = {
    frozenset({"GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR"}): UNITED_KINGDOM,
    frozenset({"GB-ENG", "GB-WLS", "GB-SCT"}): ("K03000001", "Great Britain"),
    frozenset({"GB-ENG", "GB-WLS"}): ("K04000001", "England and Wales"),
}


def places(nations: tuple[str, ...]) -> list[tuple[str, str]]:
    """(GSS code, name) of the places a coverage names: its combined geography when the nations are
    exactly one, otherwise each nation in the record's order."""
    combined = COMBINED_GEOGRAPHIES.get(frozenset(nations))
    return [combined] if combined else [NATIONS[n] for n in nations]


# --- update frequency: EU Publications Office "frequency" authority table --------------------
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
# a record's status in words, as the site and DDI's avlStatus give it
STATUS_LABELS: dict[str, str] = {"available": "Available", "planned": "Planned", "retired": "Retired"}
FREQUENCY: dict[str, tuple[str, str]] = {
    "static": ("NEVER", "never"),
    "continuous": ("CONT", "continuous"),
    "monthly": ("MONTHLY", "monthly"),
    "quarterly": ("QUARTERLY", "quarterly"),
    "annual": ("ANNUAL", "annual"),
    "biennial": ("BIENNIAL", "biennial"),
    "decennial": ("DECENNIAL", "decennial"),
    "irregular": ("IRREG", "irregular"),
    "under-review": ("UNKNOWN", "unknown"),
    "unknown": ("UNKNOWN", "unknown"),
}
# How people read each frequency (the site, DDI's `frequenc`): the table's label, but "Under review"
# for the one the EU table can only call unknown, and plain words for its "decennial".
FREQUENCY_LABELS: dict[str, str] = {k: label.capitalize() for k, (_code, label) in FREQUENCY.items()} | {
    "static": "Static",  # "Never" contradicts a note on a future build (growing-up-in-england)
    "under-review": "Under review",
    "decennial": "Every ten years",
}

# --- access rights: EU "access-right" authority table ----------------------------------------
# Data in a trusted research environment is restricted; a planned dataset is not public yet.
EU_ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/"
ACCESS_RIGHTS: dict[str, tuple[str, str]] = {
    "available": ("RESTRICTED", "restricted"),
    "planned": ("NON_PUBLIC", "non-public"),
    "retired": ("NON_PUBLIC", "non-public"),
}

# --- themes: ADR research theme -> EU "data-theme" authority table ---------------------------
EU_DATA_THEME = "http://publications.europa.eu/resource/authority/data-theme"
EU_THEME_LABELS: dict[str, str] = {
    "SOCI": "Population and society",
    "EDUC": "Education, culture and sport",
    "HEAL": "Health",
    "JUST": "Justice, legal system and public safety",
    "ENVI": "Environment",
    "ECON": "Economy and finance",
    "AGRI": "Agriculture, fisheries, forestry and food",
    "GOVE": "Government and public sector",
}
THEMES: dict[str, tuple[str, ...]] = {
    "children-young-people": ("SOCI", "EDUC"),
    "crime-justice": ("JUST",),
    "environment": ("ENVI",),
    "health": ("HEAL",),
    "growing-old": ("SOCI",),
}

# --- organisation type -> ADMS publisher type vocabulary -------------------------------------
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
PUBLISHER_TYPE_LABELS: dict[str, str] = {
    "NationalAuthority": "National authority",
    "RegionalAuthority": "Regional authority",
    "Academia-ScientificOrganisation": "Academia/Scientific organisation",
    "NonProfitOrganisation": "Non-profit organisation",
    "NonGovernmentalOrganisation": "Non-governmental organisation",
}
PUBLISHER_TYPE: dict[str, str] = {
    "government-department": "NationalAuthority",
    "non-ministerial-department": "NationalAuthority",
    "public-body": "NationalAuthority",
    "research-funder": "NationalAuthority",
    "nhs": "NationalAuthority",
    "devolved-government": "RegionalAuthority",
    "university": "Academia-ScientificOrganisation",
    "charity": "NonProfitOrganisation",
    "tre-operator": "NonProfitOrganisation",
    "other": "NonGovernmentalOrganisation",
}

# --- languages: BCP 47 -> EU "language" authority table ------------------------------------
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
LANGUAGES: dict[str, tuple[str, str]] = {
    "en": ("ENG", "English"),
    "cy": ("CYM", "Welsh"),
    "gd": ("GLA", "Gaelic"),
    "ga": ("GLE", "Irish"),
}

# --- licences the metadata may carry -> ADMS licence type --------------------------------------
ADMS_LICENCE_TYPE = "http://purl.org/adms/licencetype/"
LICENCES: dict[str, tuple[str, str, str]] = {  # IRI -> (title, licence type, type label)
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/": (
        "Open Government Licence v3.0",
        "Attribution",
        "Attribution",
    ),
    "https://creativecommons.org/licenses/by/4.0/": (
        "Creative Commons Attribution 4.0 International",
        "Attribution",
        "Attribution",
    ),
    "https://creativecommons.org/publicdomain/zero/1.0/": ("CC0 1.0 Universal", "PublicDomain", "Public domain"),
}

# --- documentation kinds, as people read them --------------------------------------------------
DOCUMENT_KIND_LABELS: dict[str, str] = {
    "user-guide": "User guide",
    "data-dictionary": "Data dictionary",
    "catalogue-entry": "Catalogue entry",
    "methods": "Methods",
    "synthetic-data": "Synthetic data",
    "data-resource-profile": "Data resource profile",
    "code": "Code",
    "training": "Training",
    "webinar": "Webinar",
    "research-priorities": "Research priorities",
    "data-use-register": "Data use register",
    "access-guidance": "Access guidance",
    "other": "Other documentation",
}
AVAILABILITY_LABELS: dict[str, str] = {
    "public": "publicly available",
    "on-request": "available on request",
    "tre-only": "available only inside the trusted research environment",
    "forthcoming": "forthcoming",
}

# --- linkage, as people read it: the sentences the text exports write (phrases.linkage_text) ----
LINKAGE_SCOPE_SENTENCES: dict[str, str] = {
    "within-department": "The data are linked within one government department.",
    "between-departments": "The data are linked across government departments.",
    "linkable": "The data can be linked to other data.",
}
# Sentences earlier exports wrote, still read back when importing them.
LINKAGE_SCOPE_SENTENCES_BEFORE: dict[str, str] = {
    "The data hold linkage keys, for linking them to other data on request.": "linkable",
}
# A method the record does not give ("unknown") has no sentence: nothing is said of it.
LINKAGE_METHOD_SENTENCES: dict[str, str] = {
    "deterministic": "Records are matched by deterministic linkage.",
    "probabilistic": "Records are matched by probabilistic linkage.",
    "deterministic-and-probabilistic": "Records are matched by deterministic and probabilistic linkage.",
    "lookup": "Records are matched through a lookup table.",
}

# --- contributor roles: adrmeta's own small role scheme, published in the DCAT export ---------
ROLE_LABELS: dict[str, str] = {
    "funder": "Funder",
    "creator": "Creator",
    "linkage": "Linkage provider",
    "academic-lead": "Academic lead",
    "partner": "Partner",
    "distributor": "Distributor",
}

# --- unit of analysis -> DDI Analysis Unit controlled vocabulary (DDI Alliance CV 2.1) ---------
DDI_ANALYSIS_UNIT = "http://rdf-vocabulary.ddialliance.org/cv/AnalysisUnit/2.1/"
ANALYSIS_UNITS: dict[str, tuple[str, str]] = {  # our word -> (CV code, label)
    "individual": ("Individual", "Individual"),
    "household": ("Household", "Household"),
    "family": ("Family", "Family"),
    "case": ("EventOrProcess", "Event/Process/Activity"),
    "event": ("EventOrProcess", "Event/Process/Activity"),
    "organisation": ("Organization", "Organization"),
    "geographic-unit": ("GeographicUnit", "Geographic Unit"),
    "other": ("Other", "Other"),
}

# --- HDR UK Gateway schema (HDRUK 3.0.0 / 4.0.0) value spaces ---------------------------------
# update frequency -> PeriodicityV2; under review or unknown has no honest value, so none. The
# list stops at Biennial; its guidance defines Other as "Dataset published using other interval",
# which a ten-yearly dataset is.
HDRUK_PERIODICITY: dict[str, str | None] = {
    "static": "Static",
    "continuous": "Continuous",
    "monthly": "Monthly",
    "quarterly": "Quarterly",
    "annual": "Annual",
    "biennial": "Biennial",
    "decennial": "Other",
    "irregular": "Irregular",
    "under-review": None,
    "unknown": None,
}
# PeriodicityV2 read back (importers): Other names no interval, so it gives no frequency.
HDRUK_PERIODICITY_READ: dict[str, str] = {
    v.casefold(): k for k, v in HDRUK_PERIODICITY.items() if v and v != HDRUK_PERIODICITY["decennial"]
}
# time lag -> TimeLagV2 (the same words serve DeliveryLeadTimeV2 for access lead times)
HDRUK_TIME_LAG: dict[str, str] = {
    "under-1-week": "Less than 1 week",
    "1-2-weeks": "1-2 weeks",
    "2-4-weeks": "2-4 weeks",
    "1-2-months": "1-2 months",
    "2-6-months": "2-6 months",
    "over-6-months": "More than 6 months",
    "variable": "Variable",
    "not-applicable": "Not applicable",
}
# HDR UK DeliveryLeadTimeV2 buckets as closed ranges in days (None: no upper bound). A stated lead
# time maps to a bucket only when its whole range lies in that one bucket (profiles.hdruk_lead_time).
_MONTH = 365.25 / 12
# (low, high, bounds: "[]" both held, "[)" the high one not: "less than", "(]" the low one not:
# "more than"), in days; a lead time of exactly 1 week is "1-2 weeks", never "Less than 1 week"
HDRUK_LEAD_TIME_BUCKETS: dict[str, tuple[float, float | None, str]] = {
    "Less than 1 week": (0, 7, "[)"),
    "1-2 weeks": (7, 14, "[]"),
    "2-4 weeks": (14, 28, "[]"),
    "1-2 months": (_MONTH, 2 * _MONTH, "[]"),
    "2-6 months": (2 * _MONTH, 6 * _MONTH, "[]"),
    "More than 6 months": (6 * _MONTH, None, "(]"),
}
# unit word of a stated lead time -> days
LEAD_TIME_UNIT_DAYS: dict[str, float] = {"day": 1, "week": 7, "month": _MONTH, "year": 365.25}
# Contact roles that are for enquiries about the dataset: HDR UK's data custodian is the organisation
# for "enquiries about a dataset", so its contactPoint takes these (access contacts go to summary.contactPoint)
HDRUK_CUSTODIAN_CONTACT_ROLES = ("enquiries", "programme")
# ADR research theme -> (DatasetTypeV2, DatasetSubType or None)
HDRUK_DATASET_TYPE: dict[str, tuple[str, str | None]] = {
    "children-young-people": ("Socioeconomic", None),
    "crime-justice": ("Socioeconomic", "Crime and justice"),
    "environment": ("Environment and energy", None),
    "health": ("Health and disease", None),
    "growing-old": ("Socioeconomic", "Ageing"),
}
# Size units that count people (HDR UK populationSize is "the number of people in the dataset";
# an observation of these is observedNode "Persons"). Other units are events or rows, not people.
PERSON_UNITS = frozenset(
    {
        "individuals",
        "people",
        "persons",
        "children",
        "young people",
        "pupils",
        "learners",
        "students",
        "adults",
        "employees",
        "workers",
        "claimants",
        "offenders",
        "defendants",
        "patients",
        "residents",
    }
)
# Units that count events (observedNode "Events"): episodes, cases, admissions and the like.
EVENT_UNITS = frozenset(
    {
        "episodes",
        "episodes of care",
        "cases",
        "admissions",
        "hearings",
        "care placements",
        "placements",
        "applications",
        "sentences",
        "events",
    }
)

# --- UK cross-government metadata exchange model (CDDO) value spaces ---------------------------
GOV_UK_ORGANISATION = "https://www.gov.uk/government/organisations/"
DUBLIN_CORE_FREQ = "http://purl.org/cld/freq/"

# adrmeta's own subclasses of dcat:Dataset, under the catalogue's base URI: a component without a
# record of its own, and a dataset a document names without describing it (export/dcat.py).
COMPONENT_DATASET = "vocab#ComponentDataset"
REFERENCED_DATASET = "vocab#ReferencedDataset"
# A feed's DCAT catalogue, under the base URI: the path of its folder in the exports tree
# (`feeds/{id}/`), so the IRI says which feed; `adrmeta serve` answers it (`dcat.described`).
FEED_CATALOGUE = "feeds/{}/catalogue"
# update frequency -> FrequencyValues (Dublin Core collection description frequency). The scheme
# has no "never" and nothing longer than triennial: a static or ten-yearly dataset has no honest
# value, nor has one under review.
CDDO_FREQUENCY: dict[str, str | None] = {
    "static": None,
    "continuous": "freq:continuous",
    "monthly": "freq:monthly",
    "quarterly": "freq:quarterly",
    "annual": "freq:annual",
    "biennial": "freq:biennial",
    "decennial": None,
    "irregular": "freq:irregular",
    "under-review": None,
    "unknown": None,
}
# record status -> AccessRightsValues. Data in a trusted research environment is "only available
# under certain conditions" (COMMERCIAL, whose usage note names resources shared under agreements);
# INTERNAL is for internal government users only, which accredited researchers are not.
CDDO_ACCESS_RIGHTS: dict[str, str] = {
    "available": "COMMERCIAL",
    "planned": "INTERNAL",
    "retired": "INTERNAL",
}
# open licences of the data (a record's `licence`): URL stems without scheme and "www.", matched as
# prefixes so every version counts -> name. Data under one of them is OPEN in the cddo export.
OPEN_LICENCES: dict[str, str] = {
    "nationalarchives.gov.uk/doc/open-government-licence": "Open Government Licence",
    "creativecommons.org/licenses/by/": "Creative Commons Attribution",
    "creativecommons.org/publicdomain/zero/": "Creative Commons CC0",
}
CDDO_OPEN_ACCESS_RIGHTS = "OPEN"
SECURITY_CLASSIFICATION: dict[str, str] = {
    "official": "OFFICIAL",
    "secret": "SECRET",
    "top-secret": "TOP_SECRET",
    "not-applicable": "NOT_APPLICABLE",
}

# --- record type -> DCMI Type Vocabulary (simple Dublin Core dc:type, served over OAI-PMH) -------
DCMI_TYPE: dict[str, str] = {
    "dataset": "Dataset",
    "collection": "Collection",
}

# --- importing (adrmeta import): other catalogues' words read into record terms -----------------
# Groups of nations as codes, ONS GSS codes or names -> ISO 3166-2:GB codes. K02000001, K03000001
# and K04000001 are ONS's codes for the United Kingdom, Great Britain, and England and Wales.
_UK = ("GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR")
_GB = ("GB-ENG", "GB-WLS", "GB-SCT")
_EW = ("GB-ENG", "GB-WLS")
NATION_GROUPS: dict[str, tuple[str, ...]] = {
    "GB": _UK,
    "UK": _UK,
    "GB-UKM": _UK,
    "United Kingdom": _UK,
    "K02000001": _UK,
    "United Kingdom of Great Britain and Northern Ireland": _UK,
    "GB-GBN": _GB,
    "Great Britain": _GB,
    "K03000001": _GB,
    "GB-EAW": _EW,
    "England and Wales": _EW,
    "K04000001": _EW,
    "ENG": ("GB-ENG",),
    "WLS": ("GB-WLS",),
    "SCT": ("GB-SCT",),
    "NIR": ("GB-NIR",),
}
# Frequency words (Dublin Core `freq:` terms, HDR UK and CDDO values, plain words), case-folded ->
# update_frequency. Words with no record term (daily, weekly…) are kept in notes, never rounded.
FREQUENCY_WORDS: dict[str, str] = {
    "never": "static",
    "static": "static",
    "continuous": "continuous",
    "monthly": "monthly",
    "quarterly": "quarterly",
    "annual": "annual",
    "annually": "annual",
    "yearly": "annual",
    "biennial": "biennial",
    "every two years": "biennial",
    "two-yearly": "biennial",
    "every year": "annual",
    "decennial": "decennial",
    "decennially": "decennial",
    "every ten years": "decennial",
    "every 10 years": "decennial",
    "10 years": "decennial",
    "ten years": "decennial",
    "ten-yearly": "decennial",
    "10-yearly": "decennial",
    "irregular": "irregular",
    "irregularly": "irregular",
    "ad hoc": "irregular",
    "unknown": "unknown",
}


# --- data dictionaries -----------------------------------------------------------------------
# Data type words as dictionaries publish them (spreadsheets, SQL column types, Mauro Data Mapper
# primitive types, HDR UK `dataType`) -> the record's variable type. Read lower-cased, with a
# size such as VARCHAR(10) dropped; a word not listed is kept as the variable's `format`.
VARIABLE_TYPES: dict[str, str] = {
    "string": "string",
    "text": "string",
    "str": "string",
    "char": "string",
    "character": "string",
    "varchar": "string",
    "varchar2": "string",
    "nvarchar": "string",
    "nchar": "string",
    "clob": "string",
    "alphanumeric": "string",
    "character varying": "string",
    "integer": "integer",
    "int": "integer",
    "bigint": "integer",
    "smallint": "integer",
    "tinyint": "integer",
    "whole number": "integer",
    "decimal": "decimal",
    "numeric": "decimal",
    "number": "decimal",
    "float": "decimal",
    "double": "decimal",
    "real": "decimal",
    "decfloat": "decimal",
    "boolean": "boolean",
    "bool": "boolean",
    "bit": "boolean",
    "date": "date",
    "datetime": "datetime",
    "timestamp": "datetime",
    "time": "time",
    # SQL's (PostgreSQL's) long forms, as database-derived dictionaries spell them
    "timestamp with time zone": "datetime",
    "timestamp without time zone": "datetime",
    "timestamptz": "datetime",
    "timestamp with timezone": "datetime",
    "time with time zone": "time",
    "time without time zone": "time",
    "double precision": "decimal",
    "code": "code",
    "categorical": "code",
    "category": "code",
    "enumeration": "code",
    "other": "other",
}
# Words a spreadsheet's `sensitive` column may hold.
YES_NO: dict[str, bool] = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}
# Variable type -> DDI Codebook 2.5 `var/@representationType` (text, numeric, code, datetime,
# other), and -> `varFormat/@type` (character or numeric) where the type says how values are
# stored. The XSD makes numeric the default of `varFormat/@type`, so a type that does not say is
# None here and gets no `varFormat`.
DDI_REPRESENTATION: dict[str, str] = {
    "string": "text",
    "integer": "numeric",
    "decimal": "numeric",
    "boolean": "other",
    "date": "datetime",
    "datetime": "datetime",
    "time": "datetime",
    "code": "code",
    "other": "other",
}
# A dictionary's own facts, each in a DDI `dataDscr/notes` of this subject (DDI has no element for
# them) -> Dictionary field.
DDI_DICTIONARY_NOTES: dict[str, str] = {
    "Data dictionary version": "version",
    "Data dictionary URL": "url",
    "Data dictionary": "note",
}
DDI_STORAGE: dict[str, str | None] = {
    "string": "character",
    "integer": "numeric",
    "decimal": "numeric",
    "boolean": None,
    "date": None,
    "datetime": None,
    "time": None,
    "code": None,
    "other": None,
}
# Variable type -> CSV on the Web built-in datatype (W3C CSVW metadata vocabulary, section 5.11).
# A code is stored as the text of its code list's values.
CSVW_DATATYPE: dict[str, str] = {
    "string": "string",
    "integer": "integer",
    "decimal": "decimal",
    "boolean": "boolean",
    "date": "date",
    "datetime": "datetime",
    "time": "time",
    "code": "string",
    "other": "string",
}
# Text that stands in for a value rather than being one, case-folded and matched against the whole
# value (edge punctuation aside). The one list: `adrmeta validate` flags these in records
# (consistency.placeholder) and `adrmeta import` never makes one a value (import.placeholder).
PLACEHOLDERS = frozenset(
    {
        "tbd",
        "tbc",
        "tba",
        "todo",
        "to do",
        "to be confirmed",
        "to be determined",
        "to be announced",
        "n/a",
        "n.a",
        "na",
        "none",
        "null",
        "nil",
        "not available",
        "not applicable",
        "not specified",
        "not provided",
        "unknown",
        "not known",
        "in progress",
        "coming soon",
        "placeholder",
        "lorem ipsum",
        "xxx",
        "-",
        "--",
        "?",
        "...",
        "…",
    }
)
# Identifier agencies or schemes as catalogues name them (DDI `IDNo/@agency`, DCAT
# `adms:schemeAgency`, schema.org `propertyID`, HDR UK), case-folded -> identifier scheme.
# DataCite and Crossref register DOIs, so an identifier they issued is a DOI.
IDENTIFIER_AGENCIES: dict[str, str] = {
    "doi": "doi",
    "datacite": "doi",
    "crossref": "doi",
    "doi.org": "doi",
    "https://doi.org": "doi",
    "ons-srs": "ons-srs",
    "hdruk-gateway": "hdruk-gateway",
    "rds": "rds",
    "sail": "sail",
    "nisra": "nisra",
    "url": "url",
    "uri": "url",
    "other": "other",
}
# Who assigns each scheme's identifiers, as readers know them (the site names the scheme by it).
IDENTIFIER_SCHEME_LABELS: dict[str, str] = {
    "doi": "DOI",
    "ons-srs": "ONS Secure Research Service",
    "hdruk-gateway": "HDR UK Gateway",
    "rds": "Research Data Scotland",
    "sail": "SAIL Databank",
    "nisra": "NISRA",
    "url": "web address",
    "other": "other",
}
DOI_RESOLVER = "https://doi.org/"
