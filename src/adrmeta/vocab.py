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

# --- update frequency: EU Publications Office "frequency" authority table --------------------
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
FREQUENCY: dict[str, tuple[str, str]] = {
    "static": ("NEVER", "never"),
    "continuous": ("CONT", "continuous"),
    "monthly": ("MONTHLY", "monthly"),
    "quarterly": ("QUARTERLY", "quarterly"),
    "annual": ("ANNUAL", "annual"),
    "biennial": ("BIENNIAL", "biennial"),
    "irregular": ("IRREG", "irregular"),
    "under-review": ("UNKNOWN", "unknown"),
    "unknown": ("UNKNOWN", "unknown"),
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
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/":
        ("Open Government Licence v3.0", "Attribution", "Attribution"),
    "https://creativecommons.org/licenses/by/4.0/":
        ("Creative Commons Attribution 4.0 International", "Attribution", "Attribution"),
    "https://creativecommons.org/publicdomain/zero/1.0/":
        ("CC0 1.0 Universal", "PublicDomain", "Public domain"),
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
