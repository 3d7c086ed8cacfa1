"""The legacy HDR UK Gateway v1 record: a Mauro Data Mapper `DataModel` (as the Gateway published
SAIL and other records in 2020) carrying the HDR UK profile's properties, either flattened onto
the model (the Gateway's daily extract) or as Mauro's `metadata` list of namespace/key/value.
Read by the `hdruk` importer.

| Gateway v1 (`DataModel`) | record field | notes |
|---|---|---|
| `label`, `title` | title | |
| `description`, `abstract` | summary | the description; a different abstract goes to notes |
| `keywords` | keywords | comma-joined |
| `doi` | identifiers (doi) | placeholders ("In Progress") left out |
| `identifier` | identifiers (other) | the custodian's short name for the dataset |
| `publisher` ("ALLIANCE > SAIL"), `organisation` | publisher | the name after the last '>' |
| `contactPoint` | contacts (email) | |
| `dataController` | data_owners | |
| `creator` | contributors (creator) | |
| `geographicCoverage`, `jurisdiction` | coverage.nations, coverage.area | as HDR UK 2.x |
| `datasetStartDate`, `datasetEndDate` | coverage.periods | |
| `populationType`, `ageBand` | population | |
| `statisticalPopulation` | size (individuals) | as the Gateway's own v1→v2 mapping (populationSize) |
| `periodicity` | update_frequency, update_note | |
| `accessRights`, `accessRequestDuration` | access (url or conditions, lead time) | when a catalogue TRE is named or runs the publisher |
| `documentationVersion` | metadata_version | |
| `lastUpdated`, `modified` | modified | |
| `dataClasses`, `dataClassesCount` | — | ignored: a data dictionary |
| Mauro bookkeeping (`id`, `domainType`, `editable`, `finalised`, `dateFinalised`, `type`, `revisions`) | — | ignored |
| anything else (`license`, `accessRequestCost`, `format`, `linkedDataset`…) | notes | kept whole with its JSON pointer |
"""

from __future__ import annotations

import re
from typing import Any

from .. import vocab
from .draft import DICTIONARY, Draft
from .explain import HDRUK, explain
from .leaves import json_leaves, pointer
from .match import Matcher
from .normalise import identifier, slug, split_list
from .places import custodian, place_nations
from .source import Source

MAURO = "Mauro Data Mapper's own bookkeeping, not a fact about the dataset"
IGNORED = {
    "id": MAURO,
    "domainType": MAURO,
    "editable": MAURO,
    "finalised": MAURO,
    "dateFinalised": MAURO,
    "type": MAURO,
    "revisions": "the Gateway's ids of this record's earlier versions",
    "classifiers": MAURO,
    "dataClasses": DICTIONARY,
    "dataClassesCount": DICTIONARY,
    "childDataClasses": DICTIONARY,
    "semanticLinks": MAURO,
    "breadcrumbs": MAURO,
    "availableActions": MAURO,
}
PERIODICITY = vocab.HDRUK_PERIODICITY_READ


def is_data_model(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("domainType") == "DataModel" and ("label" in doc or "title" in doc)


class _Props:
    """The profile's properties by key, each with its JSON pointer: flattened keys, and the
    entries of Mauro's `metadata` list (the value's pointer)."""

    def __init__(self, d: Draft, doc: dict[str, Any], prefix: str) -> None:
        self.d = d
        self.values: dict[str, tuple[str, Any]] = {}
        for i, entry in enumerate(doc.get("metadata") or []):
            if isinstance(entry, dict) and entry.get("key") and entry.get("value") not in (None, ""):
                at = prefix + pointer("metadata", i)
                self.values.setdefault(str(entry["key"]), (at, entry["value"]))
        for k, v in doc.items():
            if k != "metadata" and v not in (None, ""):
                self.values.setdefault(k, (prefix + pointer(k), v))

    def peek(self, key: str) -> Any:
        return self.values.get(key, ("", None))[1]

    def take(self, key: str) -> Any:
        at, value = self.values.get(key, ("", None))
        if value is not None:
            self.d.used(at)  # a `metadata` entry whole: its namespace, key, value and Mauro id
        return value

    def text(self, path: str, key: str) -> str | None:
        """The property's text (`Draft.text`), its findings located at the property."""
        with self.d.reading(self.values.get(key, (self.d.at, None))[0]):
            return self.d.text(path, self.take(key))


def dataset(doc: dict[str, Any], prefix: str, src: Source, m: Matcher) -> Draft:
    d = Draft(src.display, "hdruk gateway-v1", place=src.json_position, at=prefix)
    p = _Props(d, doc, prefix)
    title = p.text("/title", "label")
    if p.peek("title") == p.peek("label"):
        p.take("title")
    d.put("/id", slug(title or "imported-dataset"))
    d.guessed("/id", f"the id '{d.fields['id']}' was made from the title.")
    d.put("/title", title)
    description = p.text("/summary", "description")
    abstract = d.text("/summary", p.peek("abstract"))
    d.put("/summary", description or abstract)
    if abstract and (not description or description.startswith(abstract.rstrip(".…"))):
        p.take("abstract")
    _facts(d, p, m)
    _place_and_time(d, p)
    _access(d, p, m)
    for key, reason in IGNORED.items():
        if key in doc and doc[key] not in (None, "", [], {}):
            d.ignored(prefix + pointer(key), reason)
    d.leftovers(json_leaves(doc, prefix))
    explain(d, HDRUK)
    return d


def _facts(d: Draft, p: _Props, m: Matcher) -> None:
    words = [k for k in (d.text("/keywords", w) for w in split_list(str(p.peek("keywords") or ""))) if k]
    if words:
        p.take("keywords")
        d.put("/keywords", list(dict.fromkeys(words)))
    idents = []
    doi = p.text("/identifiers", "doi") if p.peek("doi") else None
    if doi:
        idents.append(identifier(doi, "doi") or {"scheme": "other", "value": doi})
    if isinstance(p.peek("identifier"), str) and p.peek("identifier").strip():
        idents.append({"scheme": "other", "value": p.take("identifier").strip()})
    d.put("/identifiers", idents)
    publisher = str(p.peek("publisher") or p.peek("organisation") or "").rsplit(">", 1)[-1].strip()
    if publisher and custodian(d, m, publisher):
        p.take("publisher" if p.peek("publisher") else "organisation")
    emails = [e.strip() for e in split_list(str(p.peek("contactPoint") or "")) if "@" in e]
    if emails:
        p.take("contactPoint")
        d.put("/contacts", [{"email": e} for e in dict.fromkeys(emails)])
    for key, field in (("dataController", "/data_owners"), ("creator", "/contributors")):
        name = p.peek(key)
        org = m.org(str(name)) if name else None
        if org:
            p.take(key)
            d.put(field, [org] if field == "/data_owners" else [{"organisation": org, "role": "creator"}])
        elif name:
            d.reference(field, "organisation", str(name), slug(str(name)))
    version = p.peek("documentationVersion")
    if isinstance(version, str) and re.fullmatch(r"\d+\.\d+\.\d+", version):
        d.put("/metadata_version", p.take("documentationVersion"))
    modified = p.peek("modified") or p.peek("lastUpdated")
    d.source_date(modified)
    if modified:
        d.put("/modified", d.date_value("/modified", modified, full=True))
        p.take("modified" if p.peek("modified") else "lastUpdated")
        if p.peek("lastUpdated") and str(p.peek("lastUpdated"))[:10] == str(modified)[:10]:
            p.take("lastUpdated")
    size = p.peek("statisticalPopulation")
    if isinstance(size, (str, int)) and str(size).strip().isdigit():
        d.put("/size", [{"value": int(str(size).strip()), "unit": "individuals"}])
        p.take("statisticalPopulation")


def _place_and_time(d: Draft, p: _Props) -> None:
    cov: dict[str, Any] = {}
    place = p.peek("geographicCoverage")
    why = None
    if isinstance(place, str) and place.strip():
        found, why = place_nations(place)
        if found and not why:
            cov["nations"] = [c for c in vocab.NATIONS if c in found]
        if not found or why:
            cov["area"] = place.strip()
        p.take("geographicCoverage")
    period = {
        k: d.date_value(f"/coverage/periods/0/{k}", p.take(key))
        for k, key in (("start", "datasetStartDate"), ("end", "datasetEndDate"))
        if p.peek(key)
    }
    period = {k: v for k, v in period.items() if v}
    if period:
        cov["periods"] = [period]
    d.put("/coverage", cov)
    if why and isinstance(place, str):
        d.guess("/coverage/nations", [c for c in vocab.NATIONS if c in place_nations(place)[0]], why)
    population = [str(x).strip() for x in (p.peek("populationType"),) if x and str(x).strip()]
    if p.peek("ageBand"):
        population.append(f"Typical age range: {str(p.take('ageBand')).strip()}.")
    if population:
        p.take("populationType")
        d.put("/population", " ".join(population))
    freq = p.peek("periodicity")
    if isinstance(freq, str) and freq.strip():
        key = PERIODICITY.get(freq.casefold()) or vocab.FREQUENCY_WORDS.get(freq.casefold())
        p.take("periodicity")
        if key:
            d.put("/update_frequency", key)
        else:
            d.guess("/update_note", freq.strip(), f"the frequency '{freq}' has no record term; kept as the update note.")


def _access(d: Draft, p: _Props, m: Matcher) -> None:
    rights = str(p.peek("accessRights") or "").strip()
    named = m.tre_in_text(rights) if rights else None
    holder = str(p.peek("publisher") or p.peek("organisation") or "").rsplit(">", 1)[-1].strip()
    tre = named or m.tre(holder)
    if not tre:
        return
    route: dict[str, Any] = {"tre": tre}
    if rights.startswith("http") and " " not in rights:
        if rights != m.tre_urls.get(tre):
            route["url"] = rights
    elif rights:
        route["conditions"] = rights
    if rights:
        p.take("accessRights")
    lead = p.peek("accessRequestDuration")
    if isinstance(lead, str) and lead.strip() and not lead.startswith("http"):
        route["lead_time"] = p.take("accessRequestDuration").strip()
    put_route(d, route, named, holder, tre)


def put_route(d: Draft, route: dict[str, Any], named: str | None, holder: str, tre: str) -> None:
    """The access route read from a custodian: stated when the source names the TRE, else a guess;
    status only suggested (it is required, so never an inference)."""
    if named:
        d.put("/access", [route])
    else:
        d.guess(
            "/access",
            [route],
            f"the custodian '{holder}' is the trusted research environment '{tre}'; "
            "the access rights and lead time are read as its route.",
        )
    d.guessed(
        "/status",
        f"the dataset has an access route in {tre}: researchers can probably apply (status "
        "available); set status once a source says so.",
    )
