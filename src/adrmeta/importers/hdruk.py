"""HDR UK Gateway dataset JSON: schema 2.x (2.0.2 to 2.2.1, upper-case words, comma-joined lists),
3.0.0 and 4.0.0 (the version is told by its shape: `summary.publisher` is 2.x, `dataCustodian`
with `alternateIdentifiers` 3.0.0, with `datasetAliases` 4.0.0). A Gateway API wrapper
`{"metadata": {...}}` is unwrapped.

| HDR UK | record field | notes |
|---|---|---|
| `identifier` | id, identifiers | `{base_uri}dataset/{id}` gives the id; another identifier is kept (scheme hdruk-gateway) and the id is made from the title |
| `summary.title` | title | |
| `summary.abstract`, `documentation.description` | summary | the fuller description when both are given; the abstract then goes to notes |
| `summary.keywords` | keywords | a comma-joined text (2.x) is split |
| `summary.doiName` | identifiers (doi) | |
| `summary.datasetAliases` (4.0.0) | alternative_titles | |
| `summary.alternateIdentifiers` (2.x, 3.0.0) | identifiers (other) | |
| `summary.publisher` / `dataCustodian` | publisher | matched by name, ROR or URL |
| `summary.contactPoint`, custodian `contactPoint` | contacts (email) | |
| `summary.populationSize` | size (individuals) | negative numbers mean unknown |
| `documentation.associatedMedia` | documentation | kind other, public (guessed) |
| `coverage.spatial`, `accessibility.access.jurisdiction` | coverage.nations | codes, names, ONS or GeoNames links; jurisdiction only when spatial names no nation |
| `provenance.temporal.startDate`, `endDate` | coverage.periods | date-times become dates; `CONTINUOUS` is an open end |
| `provenance.temporal.publishingFrequency` / `accrualPeriodicity` | update_frequency, update_note | `vocab.HDRUK_PERIODICITY` in reverse; words without a record term go to update_note |
| `provenance.temporal.timeLag` | time_lag | `vocab.HDRUK_TIME_LAG` in reverse |
| `accessibility.access` | access, status | TRE named in `accessService`/`accessRights`; lead time; rights URL as the route's URL |
| `accessibility.access.dataController` | data_owners | |
| `enrichmentAndLinkage.isPartOf`, `documentation.isPartOf` | part_of | this catalogue's datasets only |
| `enrichmentAndLinkage.derivedFrom` | components | |
| `publicationAboutDataset`, `publicationUsingDataset`, `isReferencedBy` | publications | DOIs; the title stands as the DOI until filled in |
| `observations` | size | measured value, unit from the observed node, as-of date |
| `modified` | modified | |
| `version`, `revisions`, `issued`, `structuralMetadata`, anything else | notes | the Gateway's record version and history, tables and columns |
"""

from __future__ import annotations

import re
from typing import Any

from .. import vocab
from .draft import Draft
from .match import Matcher
from .normalise import nations, slug, split_list
from .source import Source, fatal

NAME = "hdruk"
DESCRIPTION = "HDR UK Gateway dataset JSON 2.x, 3.0.0 or 4.0.0"
KINDS = ("json",)  # file kinds it reads (source.Source.kind)

PERIODICITY = {v.casefold(): k for k, v in vocab.HDRUK_PERIODICITY.items() if v}
TIME_LAG = {v.casefold(): k for k, v in vocab.HDRUK_TIME_LAG.items()}
TIME_LAG.update({"less 1 week": "under-1-week", "more 6 months": "over-6-months"})  # 2.x spellings
NODE_UNITS = {"persons": "individuals", "events": "events", "findings": "findings"}
READ_TOP = {"identifier", "summary", "documentation", "coverage", "provenance", "accessibility", "enrichmentAndLinkage",
            "observations", "modified"}


def _doc(data: Any) -> Any:
    if isinstance(data, dict) and isinstance(data.get("metadata"), dict) and "summary" not in data:
        inner = data["metadata"]
        return inner.get("metadata", inner) if isinstance(inner.get("metadata"), dict) else inner
    return data


def detect(src: Source) -> bool:
    if src.kind() != "json":
        return False
    data = _doc(src.json())
    return isinstance(data, dict) and isinstance(data.get("summary"), dict) and "title" in data["summary"] and \
        any(k in data for k in ("accessibility", "provenance", "observations", "revisions"))


def version_of(data: dict[str, Any]) -> str:
    summary = data.get("summary", {})
    if "publisher" in summary:
        return "2.x"
    return "4.0.0" if "datasetAliases" in summary or isinstance(
        (data.get("provenance") or {}).get("origin", {}).get("datasetType", [None])[0] if
        (data.get("provenance") or {}).get("origin", {}).get("datasetType") else None, dict) else "3.0.0"


def read(src: Source, matcher: Matcher) -> list[Draft]:
    data = _doc(src.json()) if src.kind() == "json" else None
    if not isinstance(data, dict) or not isinstance(data.get("summary"), dict):
        raise fatal("import.wrong-root", src.display, "not an HDR UK dataset: the JSON has no 'summary' object.",
                    "Give the Gateway's dataset JSON (with summary, accessibility, provenance…).", 1, 1)
    return [_dataset(data, src, matcher)]


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return split_list(value)
    return value if isinstance(value, list) else [value]


def _dataset(data: dict[str, Any], src: Source, m: Matcher) -> Draft:
    d = Draft(src.display, f"{NAME} {version_of(data)}")
    summary = data["summary"]
    rid = m.record_id(str(data.get("identifier") or ""))
    title = d.text("/title", summary.get("title"))
    d.put("/id", rid or slug(title or "imported-dataset"))
    if not rid:
        d.guessed("/id", f"the id '{d.fields['id']}' was made from the title.")
    d.put("/title", title)
    doc = data.get("documentation") or {}
    abstract = d.text("/summary", summary.get("abstract"))
    description = d.text("/summary", doc.get("description"))
    d.put("/summary", description or abstract)
    if description and abstract and not description.startswith(abstract.rstrip(".…")):
        d.unmapped("HDR UK abstract", abstract)
    d.put("/keywords", [k for k in (d.text("/keywords", w) for w in _list(summary.get("keywords"))) if k])
    idents = []
    if data.get("identifier") and not rid:
        idents.append({"scheme": "hdruk-gateway", "value": str(data["identifier"])})
    if summary.get("doiName"):
        idents.append({"scheme": "doi", "value": str(summary["doiName"])})
    for alt in _list(summary.get("alternateIdentifiers")):
        if alt:
            idents.append({"scheme": "other", "value": str(alt)})
    d.put("/identifiers", idents)
    d.put("/alternative_titles", [{"title": a} for a in _list(summary.get("datasetAliases")) if a])
    custodian = summary.get("dataCustodian") or summary.get("publisher") or {}
    if isinstance(custodian, dict) and custodian.get("name"):
        key = m.org(str(custodian.get("identifier") or ""), custodian["name"])
        if key:
            d.put("/publisher", key)
        else:
            d.reference("/publisher", "organisation", custodian["name"], slug(custodian["name"]))
    emails = [e for e in [summary.get("contactPoint"), *_list(custodian.get("contactPoint") if isinstance(custodian, dict)
                                                                else None)] if isinstance(e, str) and "@" in e]
    d.put("/contacts", [{"email": e} for e in dict.fromkeys(emails)])
    sizes = []
    pop = summary.get("populationSize")
    if isinstance(pop, int) and pop >= 0:
        sizes.append({"value": pop, "unit": "individuals"})
    for obs in data.get("observations") or []:
        if not isinstance(obs, dict) or not isinstance(obs.get("measuredValue"), int):
            continue
        prop = obs.get("measuredProperty")
        unit = str(prop) if isinstance(prop, str) and prop.strip() and prop.casefold() != "count" else \
            NODE_UNITS.get(str(obs.get("observedNode", "")).casefold(), str(obs.get("observedNode") or "records").lower())
        size: dict[str, Any] = {"value": obs["measuredValue"], "unit": unit}
        as_of = d.date_value("/size", obs.get("observationDate")) if obs.get("observationDate") else None
        if as_of:
            size["as_of"] = as_of
        if obs.get("disambiguatingDescription"):
            size["note"] = str(obs["disambiguatingDescription"])
        if not any(s["value"] == size["value"] and s["unit"] == unit for s in sizes):
            sizes.append(size)
        elif as_of:
            sizes = [size if s["value"] == size["value"] and s["unit"] == unit else s for s in sizes]
    d.put("/size", sizes)
    d.put("/documentation", [{"kind": "other", "title": u, "availability": "public", "url": u}
                             for u in _list(doc.get("associatedMedia")) if isinstance(u, str) and u.startswith("http")])
    if doc.get("associatedMedia"):
        d.guessed("/documentation", "associated media were given kind other; set each kind and title.")
    _coverage(d, data)
    _access(d, data, m)
    links = data.get("enrichmentAndLinkage") or {}
    part_of = []
    for rel in [*_list(doc.get("isPartOf")), *_list(links.get("isPartOf"))]:
        target = rel.get("url") or rel.get("pid") if isinstance(rel, dict) else rel
        rel_id = m.record_id(str(target or ""))
        if rel_id:
            part_of.append(rel_id)
        elif rel and str(rel).upper() != "NOT APPLICABLE":
            d.unmapped("isPartOf", rel)
    d.put("/part_of", part_of)
    comps = []
    for rel in _list(links.get("derivedFrom")):
        if isinstance(rel, dict) and rel.get("title"):
            crid = m.record_id(str(rel.get("url") or rel.get("pid") or ""))
            comps.append({"id": crid or slug(rel["title"]), "title": rel["title"], **({"record": crid} if crid else {})})
    d.put("/components", comps)
    pubs = []
    usage = (data.get("accessibility") or {}).get("usage") or {}
    for doi in [*_list(links.get("publicationAboutDataset")), *_list(links.get("publicationUsingDataset")),
                *_list(usage.get("isReferencedBy"))]:
        if isinstance(doi, str) and re.match(r"^10\.\d{4,9}/", doi):
            pubs.append({"title": f"DOI {doi}", "doi": doi})
    if pubs:
        d.put("/publications", pubs)
        d.guessed("/publications", "publications are known by DOI only; fill in their titles.")
    if data.get("modified"):
        d.put("/modified", d.date_value("/modified", data["modified"], full=True))
    for key in ("version", "issued", "revisions"):
        if data.get(key):
            d.unmapped(f"HDR UK {key}", data[key])
    if data.get("structuralMetadata"):
        d.unmapped("HDR UK structuralMetadata", f"{len(_list(data['structuralMetadata']))} table(s) described")
    for key in sorted(set(data) - READ_TOP - {"version", "issued", "revisions", "structuralMetadata"}):
        if data[key]:
            d.unmapped(f"HDR UK {key}", data[key])
    return d


def _coverage(d: Draft, data: dict[str, Any]) -> None:
    cov: dict[str, Any] = {}
    codes: list[str] = []
    for place in _list((data.get("coverage") or {}).get("spatial")):
        found, guessed = nations(str(place))
        if not found and "geonames.org" in str(place) and "united-kingdom" in str(place):
            found, guessed = nations("United Kingdom")[0], True
        codes += [c for c in found if c not in codes]
        if guessed:
            d.guessed("/coverage/nations", f"'{place}' was read as {', '.join(found)}.")
        elif not found:
            cov["area"] = ", ".join(x for x in (cov.get("area"), str(place)) if x)
    if not codes:
        for j in _list(((data.get("accessibility") or {}).get("access") or {}).get("jurisdiction")):
            found, _ = nations(str(j))
            codes += [c for c in found if c not in codes]
        if codes:
            d.guessed("/coverage/nations", "nations taken from the legal jurisdiction, not from the coverage.")
    if codes:
        cov["nations"] = [c for c in vocab.NATIONS if c in codes]
    temporal = (data.get("provenance") or {}).get("temporal") or {}
    period = {}
    if temporal.get("startDate"):
        period["start"] = d.date_value("/coverage/periods/0/start", temporal["startDate"])
    end = temporal.get("endDate")
    if end and str(end).upper() != "CONTINUOUS":
        period["end"] = d.date_value("/coverage/periods/0/end", end)
    period = {k: v for k, v in period.items() if v}
    if period:
        cov["periods"] = [period]
    d.put("/coverage", cov)
    freq = temporal.get("publishingFrequency") or temporal.get("accrualPeriodicity")
    if freq:
        key = PERIODICITY.get(str(freq).casefold()) or vocab.FREQUENCY_WORDS.get(str(freq).casefold())
        if key:
            d.put("/update_frequency", key)
        else:
            d.put("/update_note", str(freq).capitalize())
            d.guessed("/update_note", f"the frequency '{freq}' has no record term; kept as the update note.")
    lag = temporal.get("timeLag")
    if lag:
        key = TIME_LAG.get(str(lag).casefold())
        if key:
            d.put("/time_lag", key)
        else:
            d.unmapped("HDR UK timeLag", lag)
    if temporal.get("distributionReleaseDate"):
        d.unmapped("HDR UK distributionReleaseDate", temporal["distributionReleaseDate"])


def _access(d: Draft, data: dict[str, Any], m: Matcher) -> None:
    access = (data.get("accessibility") or {}).get("access") or {}
    owners = [k for k in (m.org(str(c)) for c in _list(access.get("dataController"))) if k]
    for c in _list(access.get("dataController")):
        if not m.org(str(c)):
            d.reference("/data_owners", "organisation", str(c), slug(str(c)))
    d.put("/data_owners", owners)
    service = str(access.get("accessService") or "")
    rights = str(access.get("accessRights") or "")
    tre = m.tre(service) or m.tre_in_text(service) or m.tre_in_text(rights)
    if tre:
        route: dict[str, Any] = {"tre": tre}
        if rights.startswith("http") and rights != m.tre_urls.get(tre):
            route["url"] = rights
        elif rights:
            route["conditions"] = rights
        lead = access.get("deliveryLeadTime")
        if lead and str(lead).casefold() not in ("not applicable", "other", "variable"):
            route["lead_time"] = str(lead).lower()
        d.put("/access", [route])
        d.put("/status", "available")
        d.guessed("/status", "status set to available because the dataset names a trusted research environment.")
    elif service or rights:
        d.unmapped("HDR UK access", {"accessService": service, "accessRights": rights})
    for key in ("accessRequestCost", "dataProcessor", "accessServiceCategory"):
        if access.get(key):
            d.unmapped(f"HDR UK {key}", access[key])
