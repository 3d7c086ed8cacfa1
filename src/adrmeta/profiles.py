"""Which records a target catalogue takes, and what a record lacks for a catalogue profile whose
required fields must be filled in (HDR UK, the cross-government model), and the small value shapers those profiles share. Exporters leave
incomplete records out rather than fake the values; `adrmeta validate` and the feed manifests say
what to add. No output libraries here: validation imports this on every commit."""

from __future__ import annotations

import calendar
import json
import re
from functools import lru_cache
from typing import Any

import attrs

from . import vocab
from .lookup import index
from .model import Catalogue, Contact, Record, Size, TargetCatalogue
from .provenance import inferences, stated
from .vendored import vendor_path

CDDO_SCHEMA = ("uk-gov-metadata", "uk_cross_government_metadata_exchange_model.schema.json")


@attrs.frozen
class Gap:
    path: str  # JSON pointer into the record: where to add the fact
    need: str  # what the profile needs, in plain words
    fix: str  # one sentence: what to add


def main_email(rec: Record) -> Contact | None:
    """The contact for access requests: the first with an email, access contacts first."""
    with_email = [c for c in rec.contacts if c.email]
    return next((c for c in with_email if c.role == "access"), with_email[0] if with_email else None)


def enquiry_emails(rec: Record) -> list[str]:
    """The emails of the record's contacts for enquiries about the dataset (not its access
    contacts), in the record's order."""
    roles = vocab.HDRUK_CUSTODIAN_CONTACT_ROLES
    return list(dict.fromkeys(c.email for c in rec.contacts if c.email and c.role in roles))


CATALOGUE_CONTACT_LABEL = "catalogue contact"


def contact_point(catalogue: Catalogue, rec: Record) -> tuple[Contact, bool] | None:
    """The dataset's contact with an email, else the catalogue's enquiries contact (True when it is
    the catalogue's, which exports label as such). The HDR UK schema does the same: a dataset without
    a contact point gets its publishing team's support email (summary.contactPoint guidance)."""
    own = main_email(rec)
    if own is not None:
        return own, False
    return (catalogue.contact, True) if catalogue.contact.email else None


# The HDR UK Gateway's value for "population size not reported": its search service offers
# datasets "with no population size reported" as those whose populationSize is -1 (HDRUK/search-service,
# pkg/search.go, "includeUnreported"; the 3.0.0 schema's populationSize guidance).
HDRUK_POPULATION_UNREPORTED = -1


def full_date(partial: str | None, *, end: bool = False) -> str | None:
    """A YYYY-MM-DD date for a profile that takes no partial dates: a year or month becomes its
    first day (or last day, for the end of a period). The mapping tables say where this applies."""
    if not partial:
        return None
    parts = partial.split("-")
    if len(parts) == 3:
        return partial
    year = int(parts[0])
    month = int(parts[1]) if len(parts) == 2 else (12 if end else 1)
    day = calendar.monthrange(year, month)[1] if end else 1
    return f"{year:04d}-{month:02d}-{day:02d}"


# "i.e. " and "e.g. " end no sentence. The stop is matched first and the lookbehinds run only after
# one (they include it), not at every position of the text.
_SENTENCE_END = re.compile(r"[.!?](?<!\bi\.e.)(?<!\be\.g.)(?=\s)")


def squash(text: str) -> str:
    return " ".join(text.split())


def clip(text: str, limit: int) -> str:
    """Whole sentences up to `limit` characters, else whole words and an ellipsis."""
    text = squash(text)
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1) if m.end() <= limit]  # no need to look further
    if ends:
        return text[: ends[-1]]
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- HDR UK ---------------------------------------------------------------------------------


def people(rec: Record) -> Size | None:
    """The newest size figure that counts people."""
    people = [s for s in rec.size if s.unit.lower() in vocab.PERSON_UNITS]
    return max(people, key=lambda s: full_date(s.as_of) or "", default=None)


def observed_node(size: Size) -> str | None:
    unit = size.unit.lower()
    return "Persons" if unit in vocab.PERSON_UNITS else "Events" if unit in vocab.EVENT_UNITS else None


def observations(rec: Record) -> list[dict[str, Any]]:
    out = []
    for s in rec.size:
        node, date = observed_node(s), full_date(s.as_of)
        if node is None or date is None:
            continue
        words = [
            "Approximate figure." if s.approximate else "",
            f"Figure as of {s.as_of}." if s.as_of != date else "",
            squash(s.note or ""),
        ]
        text = " ".join(w for w in words if w)
        obs: dict[str, Any] = {
            "observedNode": node,
            "measuredValue": s.value,
            "observationDate": date,
            "measuredProperty": s.unit,
        }
        if len(text) >= 5:
            obs["disambiguatingDescription"] = clip(text, 500)
        out.append(obs)
    return out


def access_rights(rec: Record) -> str | None:
    urls = list(dict.fromkeys(r.url for r in rec.access if r.url))
    if urls:
        return ", ".join(urls)
    conditions = [squash(r.conditions) for r in rec.access if r.conditions]
    return " ".join(conditions) or None


def data_periods(rec: Record) -> list[Any]:
    return [p for p in rec.coverage.periods if p.basis != "birth-date"]


def hdruk_gaps(catalogue: Catalogue, rec: Record) -> list[Gap]:
    """Required facts the record lacks (stated ones: inferences do not count): while any is
    missing, the record is left out."""
    rec = stated(rec)
    out = []
    if rec.publisher is None:
        out.append(
            Gap(
                "/publisher",
                "the data custodian (summary.publisher, dataCustodian)",
                "Add the publisher once a source names the organisation that publishes the dataset.",
            )
        )
    if contact_point(catalogue, rec) is None:
        out.append(
            Gap(
                "/contacts",
                "a contact email for data access requests (summary.contactPoint)",
                "Add a contact with the email address that handles access requests.",
            )
        )
    if not observations(rec):
        out.append(
            Gap(
                "/size",
                "at least one observation: a count of people or events with its date",
                "Add a size figure counting people or events, with its as_of date.",
            )
        )
    if access_rights(rec) is None:
        out.append(
            Gap(
                "/access",
                "how to request access (accessibility.access.accessRights)",
                "Add an access route with the URL of its application page or its conditions.",
            )
        )
    return out


def hdruk_section_gaps(rec: Record) -> list[Gap]:
    """Facts without which an optional section is left out (the record is still exported)."""
    rec = stated(rec)
    out = []
    if rec.time_lag is None:
        out.append(
            Gap(
                "/time_lag",
                "the typical time lag (provenance.temporal.timeLag)",
                "Add time_lag if the data owner states it, so HDR UK gets the provenance section.",
            )
        )
    if vocab.HDRUK_PERIODICITY.get(rec.update_frequency or "unknown") is None:
        out.append(
            Gap(
                "/update_frequency",
                "a publishing frequency (provenance.temporal.publishingFrequency)",
                "Set update_frequency once the data owner states it.",
            )
        )
    if not any(p.start for p in data_periods(rec)):
        out.append(
            Gap(
                "/coverage/periods",
                "a start date of the data (provenance.temporal.startDate)",
                "Add a coverage period with a start date of the data.",
            )
        )
    return out


# A stated lead time: "2-4 months", "2–4 months", "6 weeks to 3 months", "less than 1 week",
# "more than 6 months", "10 weeks". Anything else ("around 10 weeks", two clauses) is not read.
_LEAD_UNIT = r"(?:day|week|month|year)s?"
_LEAD_RANGE = re.compile(
    rf"(?:(?P<under>less than|under)|(?P<over>more than|over))?\s*(?P<a>\d+(?:\.\d+)?)\s*(?P<ua>{_LEAD_UNIT})?"
    rf"(?:\s*(?:-|\u2013|\u2014|to)\s*(?P<b>\d+(?:\.\d+)?))?\s*(?P<ub>{_LEAD_UNIT})",
    re.IGNORECASE,
)


def _lead_days(text: str) -> tuple[float, float | None, str] | None:
    """The range in days a lead time states, with its bounds as in vocab.HDRUK_LEAD_TIME_BUCKETS
    ("less than 2 weeks" does not hold 2 weeks), or None when it is not a plain range."""
    m = _LEAD_RANGE.fullmatch(text.strip().rstrip("."))
    if m is None or (m["b"] is None and m["ua"]) or (m["b"] and (m["under"] or m["over"])):
        return None
    days = vocab.LEAD_TIME_UNIT_DAYS
    high_unit = days[m["ub"].lower().rstrip("s")]
    low = float(m["a"]) * days[(m["ua"] or m["ub"]).lower().rstrip("s")]
    high = float(m["b"]) * high_unit if m["b"] else low
    if m["under"]:
        return 0, low, "[)"
    return (low, None, "(]") if m["over"] else (low, high, "[]")


def _within(stated: tuple[float, float | None, str], bucket: tuple[float, float | None, str]) -> bool:
    """Whether every value of a stated range lies in a bucket: at a shared bound, the bucket must
    hold it or the stated range must not."""
    low, high, ends = stated
    b_low, b_high, b_ends = bucket
    low_in = b_low < low or (b_low == low and (b_ends[0] == "[" or ends[0] == "("))
    if b_high is None:
        return low_in
    return low_in and high is not None and (high < b_high or (high == b_high and (b_ends[1] == "]" or ends[1] == ")")))


def hdruk_lead_time(text: str) -> str | None:
    """The HDR UK deliveryLeadTime word for a stated lead time: the word itself, else the one bucket
    (vocab.HDRUK_LEAD_TIME_BUCKETS) the whole stated range lies in. None when it fits no single
    bucket: a coarser category states nothing new, a guess would."""
    words = {w.casefold(): w for w in vocab.HDRUK_TIME_LAG.values()}
    if text.strip().casefold() in words:
        return words[text.strip().casefold()]
    stated_range = _lead_days(text)
    if stated_range is None:
        return None
    fits = [word for word, bucket in vocab.HDRUK_LEAD_TIME_BUCKETS.items() if _within(stated_range, bucket)]
    return fits[0] if len(fits) == 1 else None


def hdruk_lead_times(rec: Record) -> list[tuple[int, str, str | None]]:
    """Each access route's stated lead time (inferred ones are never exported): (index of the route
    in the record, text, its HDR UK word or None)."""
    inferred = {p.path for p in inferences(rec)}
    return [
        (i, r.lead_time, hdruk_lead_time(r.lead_time))
        for i, r in enumerate(rec.access)
        if r.lead_time and not {f"/access/{i}", f"/access/{i}/lead_time", "/access"} & inferred
    ]


# --- UK cross-government metadata exchange model --------------------------------------------


@lru_cache(maxsize=1)
def listed_slugs() -> frozenset[str]:
    """The model's closed list of GOV.UK organisation slugs (OrganisationValues)."""
    schema = json.loads(vendor_path(*CDDO_SCHEMA).read_text(encoding="utf-8"))
    return frozenset(schema["$defs"]["OrganisationValues"]["enum"])


def gov_uk_slug(catalogue: Catalogue, org_id: str | None) -> str | None:
    org = index(catalogue).orgs.get(org_id) if org_id else None
    slug = org.gov_uk_slug if org else None
    return slug if slug in listed_slugs() else None


def unlisted_owners(catalogue: Catalogue, rec: Record) -> list[str]:
    """Data owners left out of `creator`: no GOV.UK slug on the model's closed list."""
    return [o for o in stated(rec).data_owners if gov_uk_slug(catalogue, o) is None]


def security_classification(rec: Record) -> str | None:
    """The classification the record states; none otherwise: the CDDO model defines no default
    (a government owner does not state one)."""
    return vocab.SECURITY_CLASSIFICATION[rec.security_classification] if rec.security_classification else None


def _cddo_frequency_fix(rec: Record) -> str:
    """A known frequency the scheme lacks (one with an EU code but no CDDO term: static,
    ten-yearly) is not the owner's to fix."""
    if rec.update_frequency and vocab.FREQUENCY[rec.update_frequency][0] != "UNKNOWN":
        label = vocab.FREQUENCY_LABELS[rec.update_frequency].lower()
        return f"Nothing to do: the model's scheme has no term for '{label}', so the record stays out of this format."
    return "Set update_frequency to a regular interval, continuous or irregular once the owner states it."


def cddo_gaps(catalogue: Catalogue, rec: Record) -> list[Gap]:
    """Required facts the record lacks (stated ones: inferences do not count): while any is
    missing, the record is left out."""
    rec = stated(rec)
    out = []
    if not rec.version:
        out.append(Gap("/version", "the dataset's version (version)", "Add the current version, iteration or release name."))
    if vocab.CDDO_FREQUENCY.get(rec.update_frequency or "unknown") is None:
        out.append(
            Gap("/update_frequency", "an update frequency the model's scheme has (updateFrequency)", _cddo_frequency_fix(rec))
        )
    if contact_point(catalogue, rec) is None:
        out.append(Gap("/contacts", "a contact email (contactPoint)", "Add a contact with an email address."))
    if gov_uk_slug(catalogue, rec.publisher) is None:
        out.append(
            Gap(
                "/publisher",
                "a publisher, on the GOV.UK organisation list (publisher)",
                "Give the publisher's gov_uk_slug in catalogue.yaml if it is a government organisation.",
            )
        )
    if not any(gov_uk_slug(catalogue, o) for o in rec.data_owners):
        out.append(
            Gap(
                "/data_owners",
                "a data owner on the GOV.UK organisation list (creator)",
                "Give a data owner's gov_uk_slug in catalogue.yaml if it is a government organisation.",
            )
        )
    if not rec.licence:
        out.append(
            Gap(
                "/licence",
                "the data's licence (licence)",
                "Add the licence the data owner states; the model gives none for data without one.",
            )
        )
    if security_classification(rec) is None:
        out.append(
            Gap(
                "/security_classification",
                "a security classification (securityClassification)",
                "Set security_classification as the data owner states it.",
            )
        )
    return out


@attrs.frozen
class NotTaken:
    """Why a target catalogue does not harvest a record that gives routes through its TREs: the
    routes (index in `access`, TRE) that are inferences, and a status other than available."""

    inferred_routes: tuple[tuple[int, str], ...]
    status: str | None


def not_taken(target: TargetCatalogue, given: Record) -> NotTaken | None:
    """None when the target harvests the record or the record gives no route through its TREs;
    else why not. The one place a feed's conditions are written: `takes` and the manifests'
    `left_out` both read it."""
    routes = tuple((i, r.tre) for i, r in enumerate(given.access) if r.tre in target.tres)
    if not routes:
        return None
    rec = stated(given)
    inferred = () if any(r.tre in target.tres for r in rec.access) else routes
    status = None if rec.status == "available" else rec.status or "of unstated status"  # an inferred status is no status
    return NotTaken(inferred, status) if inferred or status else None


def takes(target: TargetCatalogue, rec: Record) -> bool:
    """Whether a target catalogue harvests the record: available, with a stated route (not an
    inference) through one of its TREs."""
    return any(r.tre in target.tres for r in rec.access) and not_taken(target, rec) is None


def open_licence(url: str | None) -> bool:
    """Whether a data licence URL is an open one (`vocab.OPEN_LICENCES`), http or https, with or
    without www."""
    key = re.sub(r"^https?://(www\.)?", "", (url or "").strip())
    return any(key.startswith(stem) for stem in vocab.OPEN_LICENCES)
