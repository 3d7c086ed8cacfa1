"""HDR UK Gateway dataset JSON: schema 2.x (2.0.0 to 2.2.1, upper-case words, comma-joined lists),
3.0.0 and 4.0.0 (the version is told by its shape: `summary.publisher` is 2.x, `dataCustodian`
with `alternateIdentifiers` 3.0.0, with `datasetAliases` 4.0.0), and the legacy Gateway v1 records
(Mauro Data Mapper `DataModel`s, `gateway_v1`). A Gateway API wrapper `{"metadata": {...}}` is
unwrapped; a Gateway extract `{"dataModels": [...]}` gives a draft per dataset.

Every value is accounted for: mapped (below), kept whole in the notes with its JSON pointer, or
ignored with a reason (`IGNORED`). Tables and columns (`structuralMetadata`) are a data dictionary:
`adrmeta dictionary import` reads them.

| HDR UK | record field | notes |
|---|---|---|
| `identifier` | id, identifiers | `{base_uri}dataset/{id}` gives the id; another identifier is kept (scheme hdruk-gateway) and the id is made from the title |
| `version` | metadata_version | the Gateway record's own version (a semantic version) |
| `summary.title` | title | |
| `summary.abstract`, `documentation.description` | summary | the fuller description when both are given; the abstract then goes to notes |
| `summary.keywords` | keywords | a comma-joined text (2.x) is split |
| `summary.doiName` | identifiers (doi) | placeholders ("in progress") are left out |
| `summary.datasetAliases` (4.0.0) | alternative_titles | |
| `summary.alternateIdentifiers` (2.x, 3.0.0) | identifiers (other) | |
| `summary.publisher` / `dataCustodian` | publisher | matched by name, ROR or URL; its contact point, access rights and lead time repeat the dataset's |
| `summary.contactPoint`, custodian `contactPoint` | contacts (email) | |
| `summary.populationSize` | size (individuals) | negative numbers mean unknown |
| `documentation.associatedMedia` | documentation | kind other, public (guessed) |
| `coverage.spatial`, `accessibility.access.jurisdiction` | coverage.nations, coverage.area | codes, names, ONS or GeoNames links; a list naming the UK and a nation means that nation (a guess); jurisdiction only when spatial names no nation (a guess) |
| `coverage.typicalAgeRange`, `typicalAgeRangeMin`/`Max` | population | "Typical age range: …" |
| `provenance.temporal.startDate`, `endDate` | coverage.periods | date-times become dates; `CONTINUOUS` is an open end |
| `provenance.temporal.publishingFrequency` / `accrualPeriodicity` | update_frequency, update_note | `vocab.HDRUK_PERIODICITY` in reverse; words without a record term go to update_note |
| `provenance.temporal.timeLag` | time_lag | `vocab.HDRUK_TIME_LAG` in reverse; another wording stays in the notes |
| `accessibility.access` | access | TRE named (or the custodian, when it is a TRE: a guess) in `accessService`/`accessRights`; rights URL as the route's URL; lead time; use limitations and requirements as conditions |
| `accessibility.access.dataController` | data_owners | |
| `accessibility.usage.resourceCreator` | contributors (creator) | |
| `enrichmentAndLinkage.isPartOf`, `documentation.isPartOf` | part_of | this catalogue's datasets only |
| `enrichmentAndLinkage.derivedFrom` | components | |
| `publicationAboutDataset`, `publicationUsingDataset`, `isReferencedBy` | publications | DOIs and doi.org links; authors and year from "Authors (Year) …" as guesses (also when the Gateway split a citation at its commas); a DOI-less "Authors (Year) Title" as a guessed publication; other citations stay in the notes |
| `observations` | size | measured value, unit from the observed node, as-of date |
| `modified` | modified | |
| `structuralMetadata` | — | ignored: a data dictionary |
| anything else | notes | kept whole with its JSON pointer |
"""

from __future__ import annotations

import re
from typing import Any

from .. import vocab
from ..fieldtable import HDRUK as TABLE
from ..fieldtable import import_values, metadata_version, one_to_one
from . import gateway_v1, places
from .draft import DICTIONARY, Draft
from .explain import HDRUK as HDRUK_FIELDS
from .explain import explain
from .leaves import json_leaves, pointer
from .match import Matcher
from .normalise import clean_text, identifier, nations, partial_date, slug, split_list
from .places import place_nations
from .source import Source, fatal

NAME = "hdruk"
DESCRIPTION = "HDR UK Gateway dataset JSON 2.x, 3.0.0, 4.0.0 or a legacy Gateway v1 data model"
KINDS = ("json",)  # file kinds it reads (source.Source.kind)

PERIODICITY = vocab.HDRUK_PERIODICITY_READ
TIME_LAG = {v.casefold(): k for k, v in vocab.HDRUK_TIME_LAG.items()}
TIME_LAG.update({"less 1 week": "under-1-week", "more 6 months": "over-6-months"})  # 2.x spellings
LEAD_TIMES = {v.casefold(): v for v in vocab.HDRUK_TIME_LAG.values()}  # the Gateway's words, as the export writes them
NODE_UNITS = {"persons": "individuals", "events": "events", "findings": "findings"}
# Values that state nothing about the dataset, with the reason they are not imported.
IGNORED = {
    "/@schema": "the schema the file follows, not a fact about the dataset",
    "/summary/publisher/memberOf": "the custodian's membership of the HDR UK Alliance, not a fact about the dataset",
    "/summary/dataCustodian/memberOf": "the custodian's membership of the HDR UK Alliance, not a fact about the dataset",
    "/summary/dataCustodian/logo": "the custodian's logo",
    "/accessibility/usage/investigations": "a Gateway form's unfilled field name",
    "/structuralMetadata": DICTIONARY,
}
# the table's one-to-one rows (title, metadata_version, modified, keywords), the title, the id's
# source, read first as before the table, so the draft's findings keep their order
READ_ORDER = sorted(one_to_one(TABLE), key=lambda f: f.record != "title")
URL = re.compile(r"https?://[^\s\"<>]+[^\s\"<>.,;)]")
DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)])", re.IGNORECASE)


def _records(data: Any) -> list[tuple[str, dict[str, Any]]]:
    """(JSON pointer prefix, dataset object) for each dataset in the file."""
    if isinstance(data, dict) and isinstance(data.get("dataModels"), list):
        return [(pointer("dataModels", i), m) for i, m in enumerate(data["dataModels"]) if isinstance(m, dict)]
    if isinstance(data, dict) and isinstance(data.get("dataModel"), dict):
        return [("/dataModel", data["dataModel"])]
    if isinstance(data, dict) and isinstance(data.get("metadata"), dict) and "summary" not in data:
        inner = data["metadata"]
        if isinstance(inner.get("metadata"), dict):
            return [("/metadata/metadata", inner["metadata"])]
        return [("/metadata", inner)]
    return [("", data)] if isinstance(data, dict) else []


def _is_v3(data: dict[str, Any]) -> bool:
    return isinstance(data.get("summary"), dict) and "title" in data["summary"]


def _federation_list(data: Any) -> bool:
    """The Gateway federation's list of datasets (`items` with `persistentId` and `self`): no records."""
    items = data.get("items") if isinstance(data, dict) else None
    return isinstance(items, list) and bool(items) and all(isinstance(i, dict) and "self" in i for i in items)


def detect(src: Source) -> bool:
    if src.kind() != "json":
        return False
    if _federation_list(src.json()):
        return True
    found = _records(src.json())
    return (
        bool(found)
        and all(_is_v3(d) or gateway_v1.is_data_model(d) for _p, d in found)
        and any(
            gateway_v1.is_data_model(d) or any(k in d for k in ("accessibility", "provenance", "observations", "revisions"))
            for _p, d in found
        )
    )


def version_of(data: dict[str, Any]) -> str:
    summary = data.get("summary", {})
    if isinstance(summary, dict) and "publisher" in summary:
        return "2.x"
    prov = data.get("provenance")
    origin = prov.get("origin") if isinstance(prov, dict) else None
    types = origin.get("datasetType") if isinstance(origin, dict) else None
    return (
        "4.0.0" if "datasetAliases" in summary or (isinstance(types, list) and types and isinstance(types[0], dict)) else "3.0.0"
    )


def read(src: Source, matcher: Matcher) -> list[Draft]:
    kind = src.kind()
    if kind != "json":
        raise fatal(
            "import.wrong-root",
            src.display,
            f"HDR UK Gateway metadata is JSON; {src.display} is {kind.upper()}.",
            "Give the Gateway's dataset JSON, or name this file's own format with --from.",
            1,
            1,
        )
    data = src.json()
    if _federation_list(data):
        raise fatal(
            "import.no-dataset",
            src.display,
            f"this is an HDR UK federation list of {len(data['items'])} "
            "dataset(s): it names each dataset's own JSON (`self`) but describes none.",
            "Import the datasets' own JSON files (their `self` addresses).",
            1,
            1,
        )
    found = _records(data)
    if not found or not all(_is_v3(d) or gateway_v1.is_data_model(d) for _p, d in found):
        raise fatal(
            "import.wrong-root",
            src.display,
            "not an HDR UK dataset: the JSON has no 'summary' object and is no Gateway v1 data model.",
            "Give the Gateway's dataset JSON (with summary, accessibility, provenance…).",
            1,
            1,
        )
    drafts = []
    for prefix, doc in found:
        d = (
            gateway_v1.dataset(doc, prefix, src, matcher)
            if gateway_v1.is_data_model(doc)
            else _dataset(doc, prefix, src, matcher)
        )
        if isinstance(data, dict) and "dataModels" in data:
            d.ignored("/count", "the number of datasets in the extract")
        drafts.append(d)
    return drafts


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return split_list(value)
    return value if isinstance(value, list) else [value]


class In:
    """The source document: `peek` reads a value; `take` reads it and marks its JSON pointer used."""

    def __init__(self, d: Draft, data: dict[str, Any], prefix: str) -> None:
        self.d, self.data, self.prefix = d, data, prefix

    def peek(self, *keys: Any) -> Any:
        v: Any = self.data
        for k in keys:
            if isinstance(v, dict):
                v = v.get(k)
            elif isinstance(v, list) and isinstance(k, int) and 0 <= k < len(v):
                v = v[k]
            else:
                return None
        return v

    def path(self, *keys: Any) -> str:
        return self.prefix + pointer(*keys)

    def use(self, *keys: Any) -> None:
        self.d.used(self.path(*keys))

    def take(self, *keys: Any) -> Any:
        v = self.peek(*keys)
        if v is not None:
            self.use(*keys)
        return v

    def text(self, path: str, *keys: Any) -> str | None:
        """The value's text (`Draft.text`), its findings located at the value."""
        with self.d.reading(self.path(*keys)):
            return self.d.text(path, self.take(*keys))

    def ignore(self, *keys: Any, reason: str) -> None:
        if self.peek(*keys) not in (None, "", [], {}):
            self.d.ignored(self.path(*keys), reason)

    def finish(self) -> None:
        """What no mapping read: into the notes, each with its JSON pointer."""
        for rel, reason in IGNORED.items():
            self.ignore(*[int(p) if p.isdigit() else p for p in rel.strip("/").split("/")], reason=reason)
        self.d.leftovers(json_leaves(self.data, self.prefix))
        explain(self.d, HDRUK_FIELDS)


def _dataset(data: dict[str, Any], prefix: str, src: Source, m: Matcher) -> Draft:
    d = Draft(src.display, f"{NAME} {version_of(data)}", place=src.json_position, at=prefix)
    s = In(d, data, prefix)
    _identity(d, s, m)
    import_values(READ_ORDER, d, data, lambda keys: s.use(*keys), prefix)
    _derived_version(d)
    _texts(d, s)
    _people(d, s, m)
    _size(d, s)
    _coverage(d, s)
    _temporal(d, s)
    _access(d, s, m)
    _relations(d, s, m)
    _publications(d, s)
    s.finish()
    return d


def _derived_version(d: Draft) -> None:
    """A version that is the document's date (as adrmeta writes one for a record that sets none,
    `fieldtable.metadata_version`) is not the record's own: kept, it would pin the version, and the
    Gateway would skip the record's later changes."""
    modified = d.fields.get("modified")
    if isinstance(modified, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", modified):
        if d.fields.get("metadata_version") == metadata_version(None, modified):
            del d.fields["metadata_version"]


def _identity(d: Draft, s: In, m: Matcher) -> None:
    ident = s.peek("identifier")
    rid = m.record_id(str(ident or ""))
    title = s.peek("summary", "title")
    readable = isinstance(title, (str, int, float)) and not isinstance(title, bool)
    d.put("/id", rid or slug((clean_text(title)[0] if readable else None) or ""))  # the title's findings: import_values
    if not rid:
        with d.reading(s.path("summary", "title")):
            d.guessed("/id", f"the id '{d.fields['id']}' was made from the title.")
    idents = []
    if ident and not rid and isinstance(ident, (str, int)):
        idents.append({"scheme": "hdruk-gateway", "value": str(ident)})
    if rid or idents:
        s.use("identifier")
    doi = s.text("/identifiers", "summary", "doiName")
    if doi:
        idents.append(identifier(doi, "doi") or {"scheme": "other", "value": doi})
    for i, alt in enumerate(_list(s.peek("summary", "alternateIdentifiers"))):
        found = identifier(alt) if isinstance(alt, (str, int)) else None
        if found:
            idents.append(found if found["scheme"] != "url" else {"scheme": "other", "value": found["value"]})
            s.use(
                "summary", "alternateIdentifiers", *([i] if isinstance(s.peek("summary", "alternateIdentifiers"), list) else [])
            )
    d.put("/identifiers", idents)
    aliases = s.peek("summary", "datasetAliases")
    d.put("/alternative_titles", [{"title": a} for a in _list(aliases) if isinstance(a, str) and a.strip()])
    if d.fields.get("alternative_titles"):
        s.use("summary", "datasetAliases")
    d.source_date(s.peek("modified") or s.peek("issued"))


def _texts(d: Draft, s: In) -> None:
    abstract = s.text("/summary", "summary", "abstract")
    description = s.text("/summary", "documentation", "description")
    d.put("/summary", description or abstract)
    if description and abstract and not description.startswith(abstract.rstrip(".…")):
        d.note(s.path("summary", "abstract"), abstract)
    media = s.peek("documentation", "associatedMedia")
    docs = [
        {"kind": "other", "title": u, "availability": "public", "url": u}
        for u in _list(media)
        if isinstance(u, str) and u.startswith("http")
    ]
    if docs:
        s.use("documentation", "associatedMedia")
        d.put("/documentation", docs)
        with d.reading(s.path("documentation", "associatedMedia")):
            d.guessed("/documentation", "associated media were given kind other; set each kind and title.")


def _custodian(d: Draft, s: In, m: Matcher) -> tuple[tuple[str, str], Any]:
    """The publisher from the data custodian (3.0.0 and 4.0.0) or publisher (2.x): the key it is
    under and its object."""
    key_name = ("summary", "dataCustodian") if isinstance(s.peek("summary", "dataCustodian"), dict) else ("summary", "publisher")
    custodian = s.peek(*key_name) or {}
    if isinstance(custodian, dict) and custodian.get("name"):
        key = m.org(str(custodian.get("identifier") or ""))
        if key:
            d.put("/publisher", key)
            s.use(*key_name, "identifier")
            s.use(*key_name, "name")
        else:
            with d.reading(s.path(*key_name, "name")):
                if places.custodian(d, m, str(custodian["name"])):
                    s.use(*key_name, "name")
    return key_name, custodian


def _people(d: Draft, s: In, m: Matcher) -> None:
    key_name, custodian = _custodian(d, s, m)
    emails = []
    for keys in (("summary", "contactPoint"), (*key_name, "contactPoint")):
        for e in _list(s.peek(*keys)):
            if isinstance(e, str) and "@" in e:
                emails.append(e.strip())
                s.use(*keys)
    d.put("/contacts", [{"email": e} for e in dict.fromkeys(emails)])
    access = s.peek("accessibility", "access")
    access = access if isinstance(access, dict) else {}
    # The 2.x publisher repeats the dataset's access rights and lead time.
    for k in ("accessRights", "deliveryLeadTime"):
        if isinstance(custodian, dict) and custodian.get(k) and custodian.get(k) == access.get(k):
            s.use(*key_name, k)
    owners = []
    for c in _list(s.peek("accessibility", "access", "dataController")):
        key = m.org(str(c))
        if key:
            owners.append(key)
        else:
            with d.reading(s.path("accessibility", "access", "dataController")):
                d.reference("/data_owners", "organisation", str(c), slug(str(c)))
    if owners:
        s.use("accessibility", "access", "dataController")
    d.put("/data_owners", list(dict.fromkeys(owners)))
    creators = []
    for c in _list(s.peek("accessibility", "usage", "resourceCreator")):
        name = c.get("name") if isinstance(c, dict) else c
        key = m.org(str(name)) if name else None
        if key:
            creators.append({"organisation": key, "role": "creator"})
        elif name:
            with d.reading(s.path("accessibility", "usage", "resourceCreator")):
                d.reference("/contributors", "organisation", str(name), slug(str(name)))
    if creators and len(creators) == len(_list(s.peek("accessibility", "usage", "resourceCreator"))):
        s.use("accessibility", "usage", "resourceCreator")
    d.put("/contributors", creators)


def _size(d: Draft, s: In) -> None:
    sizes: list[dict[str, Any]] = []
    pop = s.peek("summary", "populationSize")
    if isinstance(pop, int) and not isinstance(pop, bool):
        if pop >= 0:
            sizes.append({"value": pop, "unit": "individuals"})
            s.use("summary", "populationSize")
        else:
            s.ignore("summary", "populationSize", reason="a negative population size means unknown")
    observations = s.peek("observations")
    for i, obs in enumerate(observations if isinstance(observations, list) else []):
        if not isinstance(obs, dict) or not isinstance(obs.get("measuredValue"), int):
            continue
        prop = obs.get("measuredProperty")
        node = str(obs.get("observedNode") or "")
        unit = (
            str(prop)
            if isinstance(prop, str) and prop.strip() and prop.casefold() != "count"
            else NODE_UNITS.get(node.casefold(), node.lower() or "records")
        )
        size: dict[str, Any] = {"value": obs["measuredValue"], "unit": unit}
        if obs.get("observationDate"):
            size["as_of"] = d.date_value("/size", obs["observationDate"])
        if obs.get("disambiguatingDescription"):
            size["note"] = str(obs["disambiguatingDescription"])
        size = {k: v for k, v in size.items() if v is not None}
        same = [j for j, x in enumerate(sizes) if x["value"] == size["value"] and x["unit"] == unit]
        if same:
            sizes[same[0]] = {**sizes[same[0]], **size}
        else:
            sizes.append(size)
        s.use("observations", i)
    d.put("/size", sizes)


def _geonames_name(place: str) -> list[str]:
    """The place name a GeoNames link ends with (`…/2635167/united-kingdom.html`), if it is one."""
    return [place.rstrip("/").rsplit("/", 1)[-1].replace(".html", "").replace("-", " ")] if "geonames.org" in place else []


def _coverage(d: Draft, s: In) -> None:
    cov: dict[str, Any] = {}
    codes: list[str] = []
    reasons: list[str] = []
    spatial = s.peek("coverage", "spatial")
    texts = [
        p.strip() for p in (_list(spatial) if not isinstance(spatial, str) else [spatial]) if isinstance(p, str) and p.strip()
    ]
    reading = places.read_places([(text, [text, *_geonames_name(text)]) for text in texts])
    codes += reading.nations
    reasons += [reading.reasoning] if reading.reasoning else []
    for i, text in enumerate(texts):
        found, why = place_nations(text)
        if i not in reading.unread and not found:
            why = f"the GeoNames place '{text}' was read as its name."
            reasons.append(why)
        if i in reading.unread or why:  # a place read by judgement stays in the area, as written
            cov["area"] = "; ".join(x for x in (cov.get("area"), text) if x)
    if spatial:
        s.use("coverage", "spatial")
    if not codes:
        for j in _list(s.peek("accessibility", "access", "jurisdiction")):
            found = nations(str(j))[0] if j else ()
            if len(found) == 1:
                codes += [c for c in found if c not in codes]
                s.use("accessibility", "access", "jurisdiction")
        reasons += ["nations taken from the legal jurisdiction, not from the coverage."] if codes else []
    ordered = [c for c in vocab.NATIONS if c in codes]
    if ordered and not reasons:
        cov["nations"] = ordered
    d.put("/coverage", cov)
    if ordered and reasons:
        with d.reading(s.path("coverage", "spatial") if texts else s.path("accessibility", "access", "jurisdiction")):
            d.guess("/coverage/nations", ordered, " ".join(reasons))
    ages = [s.peek("coverage", k) for k in ("typicalAgeRange", "typicalAgeRangeMin", "typicalAgeRangeMax")]
    if isinstance(ages[0], str) and ages[0].strip():
        d.put("/population", f"Typical age range: {ages[0].strip()}.")
        s.use("coverage", "typicalAgeRange")
    elif ages[1] is not None or ages[2] is not None:
        d.put(
            "/population",
            f"Typical age range: {ages[1] if ages[1] is not None else '?'}–{ages[2] if ages[2] is not None else '?'}.",
        )
        s.use("coverage", "typicalAgeRangeMin")
        s.use("coverage", "typicalAgeRangeMax")


def _temporal(d: Draft, s: In) -> None:
    t = ("provenance", "temporal")
    period = {}
    if s.peek(*t, "startDate"):
        period["start"] = d.date_value("/coverage/periods/0/start", s.take(*t, "startDate"))
    end = s.peek(*t, "endDate")
    if end and str(end).upper() == "CONTINUOUS":
        s.use(*t, "endDate")
    elif end:
        period["end"] = d.date_value("/coverage/periods/0/end", s.take(*t, "endDate"))
    period = {k: v for k, v in period.items() if v}
    if period:
        d.fields.setdefault("coverage", {})["periods"] = [period]
    key_f = "publishingFrequency" if s.peek(*t, "publishingFrequency") else "accrualPeriodicity"
    freq = s.peek(*t, key_f)
    if isinstance(freq, str) and freq.strip():
        key = PERIODICITY.get(freq.casefold()) or vocab.FREQUENCY_WORDS.get(freq.casefold())
        s.use(*t, key_f)
        if key:
            d.put("/update_frequency", key)
        else:
            d.guess(
                "/update_note", freq.strip().capitalize(), f"the frequency '{freq}' has no record term; kept as the update note."
            )
    lag = s.peek(*t, "timeLag")
    if isinstance(lag, str) and TIME_LAG.get(lag.casefold()):
        d.put("/time_lag", TIME_LAG[lag.casefold()])
        s.use(*t, "timeLag")
    # another wording stays in the notes, reported as belonging in time_lag (explain.HDRUK)


def _access(d: Draft, s: In, m: Matcher) -> None:
    a = ("accessibility", "access")
    service = str(s.peek(*a, "accessService") or "")
    rights = str(s.peek(*a, "accessRights") or "")
    named = m.tre(service) or m.tre_in_text(service) or m.tre_in_text(rights)
    holder = (
        str((s.peek("summary", "dataCustodian") or s.peek("summary", "publisher") or {}).get("name") or "")
        if isinstance(s.peek("summary", "dataCustodian") or s.peek("summary", "publisher"), dict)
        else ""
    )
    tre = named or m.tre(holder)
    if not tre:
        return  # access rights, service and lead time stay in the notes, each whole
    route: dict[str, Any] = {"tre": tre}
    if service:
        s.use(*a, "accessService")
    if rights.startswith("http") and " " not in rights.strip():
        if rights != m.tre_urls.get(tre):
            route["url"] = rights.strip()
        s.use(*a, "accessRights")
    elif rights:
        route["conditions"] = rights.strip()
        s.use(*a, "accessRights")
    lead = s.peek(*a, "deliveryLeadTime")
    if isinstance(lead, str) and lead.strip() and lead.casefold() not in ("other", "not applicable", "variable"):
        route["lead_time"] = LEAD_TIMES.get(lead.strip().casefold(), lead.strip())
        s.use(*a, "deliveryLeadTime")
    limits = []
    for k in ("dataUseLimitation", "dataUseRequirements"):
        words = [w for w in _list(s.peek("accessibility", "usage", k)) if isinstance(w, str) and w.strip()]
        if words:
            limits.append(("Use limited to: " if k == "dataUseLimitation" else "Use requires: ") + "; ".join(words).lower() + ".")
            s.use("accessibility", "usage", k)
    if limits:
        route["conditions"] = " ".join(x for x in (route.get("conditions"), *limits) if x)
    with d.reading(s.path(*a)):  # the access the route (and the status it suggests) is read from
        gateway_v1.put_route(d, route, named, holder, tre)


def _relations(d: Draft, s: In, m: Matcher) -> None:
    part_of = []
    for keys in (("documentation", "isPartOf"), ("enrichmentAndLinkage", "isPartOf")):
        value = s.peek(*keys)
        for i, rel in enumerate(value if isinstance(value, list) else [value] if value else []):
            target = rel.get("url") or rel.get("pid") if isinstance(rel, dict) else rel
            rel_id = m.record_id(str(target or ""))
            if rel_id:
                part_of.append(rel_id)
                s.use(*keys, *([i] if isinstance(value, list) else []))
    d.put("/part_of", part_of)
    comps = []
    derived = s.peek("enrichmentAndLinkage", "derivedFrom")
    for i, rel in enumerate(derived if isinstance(derived, list) else []):
        if isinstance(rel, dict) and rel.get("title"):
            crid = m.record_id(str(rel.get("url") or rel.get("pid") or ""))
            comps.append(
                {"id": crid or slug(str(rel["title"])), "title": str(rel["title"]), **({"record": crid} if crid else {})}
            )
            s.use("enrichmentAndLinkage", "derivedFrom", i)
    d.put("/components", comps)


# "Authors (Year) Title": how the Gateway's citations begin (the authors and year read from it are a guess).
CITED = re.compile(r"^(?P<authors>[^()]{2,200}?)[\s,]*\((?P<year>(?:19|20)\d{2})\)[\s.,:]*(?P<rest>.*)$", re.DOTALL)
FRAGMENT = 60  # a DOI-less list item this short before a citation may be a piece of it (the Gateway split at commas)


def _publications(d: Draft, s: In) -> None:
    pubs: list[dict[str, Any]] = []
    guesses: list[tuple[int, str, str, str]] = []
    whole: list[tuple[int, str]] = []  # publications read from a DOI-less citation, with the citation
    for keys in (
        ("enrichmentAndLinkage", "publicationAboutDataset"),
        ("enrichmentAndLinkage", "publicationUsingDataset"),
        ("accessibility", "usage", "isReferencedBy"),
    ):
        value = s.peek(*keys)
        items = value if isinstance(value, list) else _list(value)
        pieces: list[int] = []  # DOI-less short items just before: maybe the citation's authors and year
        for i, item in enumerate(items):
            text = item if isinstance(item, str) else None
            found = DOI.search(text) if text else None
            if not found:
                read = _read_citation(text) if text and len(text) > FRAGMENT else None
                if read:  # "Authors (Year) Title" with no DOI: a publication, all of it a guess
                    pubs.append(read)
                    whole.append((len(pubs) - 1, text or ""))
                    s.use(*keys, *([i] if isinstance(value, list) else []))
                pieces = [*pieces, i] if text and len(text) <= FRAGMENT else []
                continue  # any other citation without a DOI stays in the notes, whole
            doi = found.group(1)
            url = next((u for u in URL.findall(text or "") if doi in u), None)
            cut = (text or "").replace(url, "") if url else (text or "")[: found.start()] + (text or "")[found.end() :]
            rest = " ".join(cut.split()).strip(" .,;")
            pub = {"title": rest or f"DOI {doi}", "doi": doi}
            if url and not re.match(r"https?://(dx\.)?doi\.org/", url):
                pub["url"] = url
            if pub not in pubs:
                pubs.append(pub)
                guess = _cited(rest, [str(items[j]) for j in pieces])
                if guess:
                    guesses.append((len(pubs) - 1, *guess))
                    for j in pieces if guess[0] != rest else []:
                        s.use(*keys, j)  # read into the publication, quoted whole in its guess
            s.use(*keys, *([i] if isinstance(value, list) else []))
            pieces = []
    _put_publications(d, pubs, guesses)
    for n, text in whole:
        d.guess(
            f"/publications/{n}",
            pubs[n],
            f"read from the citation '{' '.join(text.split())}', which gives "
            "no DOI: authors, the year in brackets, then the title.",
        )


def _read_citation(text: str) -> dict[str, Any] | None:
    """A publication from a DOI-less "Authors (Year) Title[. URL]", or None when it does not read so."""
    cited = CITED.match(" ".join(text.split()))
    if not cited:
        return None
    url = next(iter(URL.findall(cited.group("rest"))), None)
    title = " ".join(cited.group("rest").replace(url or "", " ").split()).strip(" .,;")
    if len(title.split()) < 3 or len(title) > 500:
        return None
    return {
        "title": title,
        "authors": cited.group("authors").strip(" ,"),
        "year": int(cited.group("year")),
        **({"url": url} if url else {}),
    }


def _cited(text: str, pieces: list[str]) -> tuple[str, str, str] | None:
    """(the citation read, its authors, its year) when `text` begins "Authors (Year)", or when the
    short items before it are exactly its authors and year ("Williams et al.", "(2017)")."""
    cited = CITED.match(text)
    if cited:
        return text, cited.group("authors").strip(" ,"), cited.group("year")
    whole = ", ".join([*pieces, text])
    cited = CITED.match(whole) if pieces else None
    if cited and cited.group("rest") == text:
        return whole, cited.group("authors").strip(" ,"), cited.group("year")
    return None


def _put_publications(d: Draft, pubs: list[dict[str, Any]], guesses: list[tuple[int, str, str, str]]) -> None:
    if not pubs:
        return
    d.put("/publications", pubs)
    if any(p["title"].startswith("DOI ") for p in pubs):
        d.guessed("/publications", "publications known by DOI only stand under their DOI; fill in their titles.")
    if any(not p["title"].startswith("DOI ") for p in pubs if "doi" in p):
        d.guessed("/publications", "a citation given with its DOI stands as the title; shorten it to the title.")
    for n, whole, authors, year in guesses:
        why = f"read from the citation '{whole}' (authors, then the year in brackets)."
        d.guess(f"/publications/{n}/authors", authors, why)
        d.guess(f"/publications/{n}/year", int(year), why)


__all__ = ["NAME", "DESCRIPTION", "KINDS", "detect", "read", "version_of", "In", "DICTIONARY", "partial_date"]
