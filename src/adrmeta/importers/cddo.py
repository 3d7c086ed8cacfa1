"""UK cross-government metadata exchange model (CDDO) `Dataset` records, as YAML or JSON (one
record, several YAML documents, or a list).

| exchange model | record field | notes |
|---|---|---|
| `identifier` | id, identifiers | this catalogue's dataset IRI gives the id; otherwise the id is made from the title and a URL identifier is kept (scheme url) |
| `title`, `alternativeTitle` | title, alternative_titles | |
| `description` | summary | `summary` (250 characters) goes to notes when it differs |
| `keyword` | keywords | |
| `theme` | themes | matched by label; others go to notes |
| `publisher`, `creator` | publisher, data_owners | GOV.UK organisation slugs matched through `gov_uk_slug` |
| `contactPoint` | contacts | `contactName`, `email`; telephone and address go to notes |
| `version` | version | |
| `modified` | modified | |
| `updateFrequency` | update_frequency | Dublin Core `freq:` terms (`vocab.CDDO_FREQUENCY`, `vocab.FREQUENCY_WORDS`) in reverse |
| `securityClassification` | security_classification | `vocab.SECURITY_CLASSIFICATION` in reverse |
| `licence` | licence | a URL; `DATA_SHARE_AGREEMENT` (which older adrmeta exports wrote without a licence) and other text go to notes |
| `accessRights` | (status) | kept in the notes; COMMERCIAL ("only available under certain conditions", as adrmeta exports an available dataset) suggests available, said in the report (a required field is never an inference); OPEN data without an open licence is reported: adrmeta's cddo export states OPEN only for an open licence |
| `relatedResource` | part_of, landing_page | this catalogue's dataset IRIs are collections it is part of; the first other URL is the landing page |
| `issued`, `created`, `distribution`, `relatedResource`, anything else | notes | kept whole with its JSON pointer; the model has no coverage or access route: fill them in |
"""

from __future__ import annotations

from typing import Any

from .. import vocab
from ..fieldtable import CDDO as FIELDS
from ..fieldtable import import_values
from ..profiles import CATALOGUE_CONTACT_LABEL, open_licence
from .draft import Draft
from .explain import CDDO as CDDO_FIELDS
from .explain import explain
from .leaves import json_leaves, pointer
from .match import Matcher
from .normalise import clean_text, slug
from .source import Source, fatal

NAME = "cddo"
DESCRIPTION = "UK cross-government metadata exchange model Dataset, YAML or JSON"
KINDS = ("json", "yaml")  # file kinds it reads (source.Source.kind)

TYPES = {"dcat:Dataset", "Dataset", "http://www.w3.org/ns/dcat#Dataset"}
OTHER_TYPES = {"dcat:DataService", "dcat:Distribution", "DataService", "Distribution"}
FREQUENCY = {v.split(":", 1)[1].casefold(): k for k, v in vocab.CDDO_FREQUENCY.items() if v}
CLASSIFICATION = {v: k for k, v in vocab.SECURITY_CLASSIFICATION.items()}
OPEN_LICENCES = ("open-government-licence", "creativecommons.org/licenses/by", "creativecommons.org/publicdomain", "OGL")


def _located(src: Source) -> list[tuple[str, Any]]:
    """(JSON pointer prefix, document) for each record: `/i` within a list; `/i` for the i-th YAML
    document of several."""
    kind = src.kind()
    if kind == "json":
        data = src.json()
        return [(pointer(i), x) for i, x in enumerate(data)] if isinstance(data, list) else [("", data)]
    if kind == "yaml":
        docs = src.yaml_documents()
        if len(docs) == 1 and not isinstance(docs[0], list):
            return [("", docs[0])]
        out: list[tuple[str, Any]] = []
        for i, d in enumerate(docs):
            out += [(pointer(i, j), x) for j, x in enumerate(d)] if isinstance(d, list) else [(pointer(i), d)]
        return out
    return []


def _docs(src: Source) -> list[Any]:
    return [d for _p, d in _located(src)]


def detect(src: Source) -> bool:
    if src.kind() not in ("json", "yaml"):
        return False
    return any(isinstance(d, dict) and (_type(d) in TYPES | OTHER_TYPES or "securityClassification" in d) for d in _docs(src))


def read(src: Source, matcher: Matcher) -> list[Draft]:
    located = [(p, d) for p, d in _located(src) if isinstance(d, dict)]
    docs = [d for _p, d in located]
    if not docs:
        raise fatal(
            "import.wrong-root",
            src.display,
            "not a cross-government metadata record: no mapping of fields.",
            "Give a YAML or JSON Dataset record of the exchange model.",
            1,
            1,
        )
    datasets = [d for d in docs if _type(d) in TYPES]
    if not datasets:
        kinds = sorted({str(d.get("type")) for d in docs})
        raise fatal(
            "import.no-dataset",
            src.display,
            f"the file describes {', '.join(kinds)}, not a dcat:Dataset.",
            "Import the Dataset record; data services and distributions are not records.",
            1,
            1,
        )
    return [_dataset(doc, prefix, src, matcher) for prefix, doc in located if _type(doc) in TYPES]


def _type(doc: dict[str, Any]) -> str | None:
    t = doc.get("type")
    return t if isinstance(t, str) else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _dataset(doc: dict[str, Any], prefix: str, src: Source, m: Matcher) -> Draft:
    d = Draft(src.display, NAME)

    def used(*keys: Any) -> None:
        d.used(prefix + pointer(*keys))

    used("type")
    for name in ("description", "alternativeTitle"):
        if doc.get(name) not in (None, "", []):
            used(name)
    _identity(d, doc, prefix, m)
    import_values(FIELDS, d, doc, lambda keys: used(*keys))  # title, keywords, version, modified
    d.put("/alternative_titles", [{"title": str(t)} for t in _list(doc.get("alternativeTitle"))])
    description = d.text("/summary", doc.get("description"))
    short = d.text("/summary", doc.get("summary"))
    d.put("/summary", description or short)
    if short and (not description or short == description or description.startswith(short.rstrip(".…"))):
        used("summary")
    _organisations(d, doc, prefix, m)
    _contacts(d, doc, prefix)
    d.source_date(doc.get("modified") or doc.get("issued"))
    freq = str(doc.get("updateFrequency") or "")
    if freq:
        term = freq.split(":", 1)[-1].rsplit("/", 1)[-1].casefold()
        key = FREQUENCY.get(term) or vocab.FREQUENCY_WORDS.get(term)
        used("updateFrequency")
        if key:
            d.put("/update_frequency", key)
        else:
            d.guess("/update_note", term, f"the frequency '{freq}' has no record term; kept as the update note.")
    sc = doc.get("securityClassification")
    if isinstance(sc, str) and sc in CLASSIFICATION:
        d.put("/security_classification", CLASSIFICATION[sc])
        used("securityClassification")
    _rights(d, doc, prefix)
    _related(d, doc, prefix, m)
    d.leftovers(json_leaves(doc, prefix))
    explain(d, CDDO_FIELDS)
    return d


def _identity(d: Draft, doc: dict[str, Any], prefix: str, m: Matcher) -> None:
    """The id: this catalogue's dataset IRI names it, else it is made from the title and the
    identifier is kept."""
    ident = doc.get("identifier")
    rid = m.record_id(str(ident or ""))
    title = doc.get("title")
    readable = isinstance(title, (str, int, float)) and not isinstance(title, bool)
    d.put("/id", rid or slug((clean_text(title)[0] if readable else None) or ""))  # the title's findings: import_values
    if not rid:
        d.guessed("/id", f"the id '{d.fields['id']}' was made from the title.")
    if ident:
        d.used(prefix + pointer("identifier"))
    if not rid and isinstance(ident, str) and ident.startswith(("http://", "https://")):
        d.put("/identifiers", [{"scheme": "url", "value": ident, "url": ident}])
    elif not rid and ident:
        d.put("/identifiers", [{"scheme": "other", "value": str(ident)}])


def _contacts(d: Draft, doc: dict[str, Any], prefix: str) -> None:
    def used(*keys: Any) -> None:
        d.used(prefix + pointer(*keys))

    contacts = []
    for i, cp in enumerate(_list(doc.get("contactPoint"))):
        if isinstance(cp, dict) and str(cp.get("contactName") or "").endswith(f"({CATALOGUE_CONTACT_LABEL})"):
            d.ignored(
                prefix + pointer("contactPoint", *([i] if isinstance(doc.get("contactPoint"), list) else [])),
                "adrmeta's stand-in: the catalogue's enquiries contact, not the dataset's",
            )
        elif isinstance(cp, dict):
            c = {k: v for k, v in (("name", cp.get("contactName")), ("email", cp.get("email"))) if v}
            if c:
                contacts.append(c)
            at = ("contactPoint", *([i] if isinstance(doc.get("contactPoint"), list) else []))
            for k in ("contactName", "email"):
                if cp.get(k):
                    used(*at, k)
    d.put("/contacts", contacts)


def _organisations(d: Draft, doc: dict[str, Any], prefix: str, m: Matcher) -> None:
    """Themes, publisher and data owners, matched to catalogue keys."""

    def used(*keys: Any) -> None:
        d.used(prefix + pointer(*keys))

    themes = []
    for i, t in enumerate(_list(doc.get("theme"))):
        key = m.theme(str(t))
        if key:
            themes.append(key)
            used("theme", *([i] if isinstance(doc.get("theme"), list) else []))
    d.put("/themes", themes)
    if doc.get("publisher"):
        key = m.org(str(doc["publisher"]))
        if key:
            d.put("/publisher", key)
            used("publisher")
        else:
            d.reference("/publisher", "organisation", str(doc["publisher"]), slug(str(doc["publisher"])))
    owners = []
    for i, c in enumerate(_list(doc.get("creator"))):
        key = m.org(str(c))
        if key:
            owners.append(key)
            used("creator", *([i] if isinstance(doc.get("creator"), list) else []))
        else:
            d.reference("/data_owners", "organisation", str(c), slug(str(c)))
    d.put("/data_owners", owners)


def _related(d: Draft, doc: dict[str, Any], prefix: str, m: Matcher) -> None:
    part_of = []
    for i, url in enumerate(_list(doc.get("relatedResource"))):
        at = prefix + pointer("relatedResource", *([i] if isinstance(doc.get("relatedResource"), list) else []))
        rid = m.record_id(str(url))
        if rid:
            part_of.append(rid)
            d.used(at)
        elif "landing_page" not in d.fields and isinstance(url, str) and url.startswith(("http://", "https://")):
            d.put("/landing_page", url)
            d.used(at)
    d.put("/part_of", part_of)


def _rights(d: Draft, doc: dict[str, Any], prefix: str) -> None:
    """The licence, and status from the access rights where adrmeta's own export would write them;
    open access without an open licence URL reported, since the exports then describe access under
    a data share agreement."""
    rights, licence = str(doc.get("accessRights") or ""), str(doc.get("licence") or "")
    if d.licence_url(licence):
        d.licence(prefix + "/licence", licence)
    if open_licence(d.fields.get("licence")):
        if rights == "OPEN":  # what adrmeta's cddo export writes for an open licence
            d.used(prefix + "/accessRights")
        return
    is_open = rights == "OPEN" or any(x.casefold() in licence.casefold() for x in OPEN_LICENCES)
    if rights == "COMMERCIAL" and not is_open:
        # status is required, so it is never an inference: the access rights only suggest it
        d.guessed(
            "/status",
            "accessRights COMMERCIAL (only available under certain conditions) suggests status "
            "available; set status once a source says so.",
        )
    if is_open:
        d.finding(
            "import.guessed",
            "/status",
            f"the source says the data are open (accessRights {rights or 'not given'}, "
            f"licence {licence or 'not given'}) but gives no open licence URL; without one adrmeta's exports "
            "describe the record as shared under a data share agreement in a trusted research environment.",
            "Set licence to the URL of the data's open licence, or publish it through adrmeta only once its "
            "access route in a trusted research environment is known.",
        )
