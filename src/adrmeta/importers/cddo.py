"""UK cross-government metadata exchange model (CDDO) `Dataset` records, as YAML or JSON (one
record, several YAML documents, or a list).

| exchange model | record field | notes |
|---|---|---|
| `identifier` | id, identifiers | the id is made from the title; a URL identifier is kept (scheme url) |
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
| `accessRights`, `licence`, `issued`, `created`, `distribution`, `relatedResource`, anything else | notes | the model has no coverage, status or access route: fill them in |
"""

from __future__ import annotations

from typing import Any

from .. import vocab
from .draft import Draft
from .match import Matcher
from .normalise import slug
from .source import Source, fatal

NAME = "cddo"
DESCRIPTION = "UK cross-government metadata exchange model Dataset, YAML or JSON"
KINDS = ("json", "yaml")  # file kinds it reads (source.Source.kind)

TYPES = {"dcat:Dataset", "Dataset", "http://www.w3.org/ns/dcat#Dataset"}
OTHER_TYPES = {"dcat:DataService", "dcat:Distribution", "DataService", "Distribution"}
FREQUENCY = {v.split(":", 1)[1].casefold(): k for k, v in vocab.CDDO_FREQUENCY.items() if v}
CLASSIFICATION = {v: k for k, v in vocab.SECURITY_CLASSIFICATION.items()}
READ = {"type", "identifier", "title", "alternativeTitle", "description", "summary", "keyword", "theme", "publisher",
        "creator", "contactPoint", "version", "modified", "updateFrequency", "securityClassification"}


def _docs(src: Source) -> list[Any]:
    kind = src.kind()
    if kind == "json":
        data = src.json()
        return data if isinstance(data, list) else [data]
    if kind == "yaml":
        docs = src.yaml_documents()
        return [x for d in docs for x in (d if isinstance(d, list) else [d])]
    return []


def detect(src: Source) -> bool:
    if src.kind() not in ("json", "yaml"):
        return False
    return any(isinstance(d, dict) and (d.get("type") in TYPES | OTHER_TYPES or "securityClassification" in d)
               for d in _docs(src))


def read(src: Source, matcher: Matcher) -> list[Draft]:
    docs = [d for d in _docs(src) if isinstance(d, dict)]
    if not docs:
        raise fatal("import.wrong-root", src.display, "not a cross-government metadata record: no mapping of fields.",
                    "Give a YAML or JSON Dataset record of the exchange model.", 1, 1)
    datasets = [d for d in docs if d.get("type") in TYPES]
    if not datasets:
        kinds = sorted({str(d.get("type")) for d in docs})
        raise fatal("import.no-dataset", src.display, f"the file describes {', '.join(kinds)}, not a dcat:Dataset.",
                    "Import the Dataset record; data services and distributions are not records.", 1, 1)
    return [_dataset(doc, src, matcher) for doc in datasets]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _dataset(doc: dict[str, Any], src: Source, m: Matcher) -> Draft:
    d = Draft(src.display, NAME)
    title = d.text("/title", doc.get("title"))
    d.put("/id", slug(title or "imported-dataset"))
    d.guessed("/id", f"the id '{d.fields['id']}' was made from the title.")
    d.put("/title", title)
    d.put("/alternative_titles", [{"title": str(t)} for t in _list(doc.get("alternativeTitle"))])
    description = d.text("/summary", doc.get("description"))
    short = d.text("/summary", doc.get("summary"))
    d.put("/summary", description or short)
    if description and short and short != description:
        d.unmapped("summary (short)", short)
    ident = doc.get("identifier")
    if isinstance(ident, str) and ident.startswith(("http://", "https://")):
        d.put("/identifiers", [{"scheme": "url", "value": ident, "url": ident}])
    elif ident:
        d.put("/identifiers", [{"scheme": "other", "value": str(ident)}])
    d.put("/keywords", [k for k in (d.text("/keywords", w) for w in _list(doc.get("keyword"))) if k])
    themes = []
    for t in _list(doc.get("theme")):
        key = m.theme(str(t))
        if key:
            themes.append(key)
        else:
            d.unmapped("theme", t)
    d.put("/themes", themes)
    if doc.get("publisher"):
        key = m.org(str(doc["publisher"]))
        if key:
            d.put("/publisher", key)
        else:
            d.reference("/publisher", "organisation", str(doc["publisher"]), slug(str(doc["publisher"])))
    owners = []
    for c in _list(doc.get("creator")):
        key = m.org(str(c))
        if key:
            owners.append(key)
        else:
            d.reference("/data_owners", "organisation", str(c), slug(str(c)))
    d.put("/data_owners", owners)
    contacts = []
    for cp in _list(doc.get("contactPoint")):
        if isinstance(cp, dict):
            c = {k: v for k, v in (("name", cp.get("contactName")), ("email", cp.get("email"))) if v}
            if c:
                contacts.append(c)
            for extra in ("telephone", "address"):
                if cp.get(extra):
                    d.unmapped(f"contact {extra}", cp[extra])
    d.put("/contacts", contacts)
    d.put("/version", d.text("/version", doc.get("version")))
    if doc.get("modified"):
        d.put("/modified", d.date_value("/modified", doc["modified"], full=True))
    freq = str(doc.get("updateFrequency") or "")
    if freq:
        term = freq.split(":", 1)[-1].rsplit("/", 1)[-1].casefold()
        key = FREQUENCY.get(term) or vocab.FREQUENCY_WORDS.get(term)
        if key:
            d.put("/update_frequency", key)
        else:
            d.put("/update_note", term)
            d.guessed("/update_note", f"the frequency '{freq}' has no record term; kept as the update note.")
    sc = doc.get("securityClassification")
    if sc in CLASSIFICATION:
        d.put("/security_classification", CLASSIFICATION[sc])
    elif sc:
        d.unmapped("securityClassification", sc)
    for key in sorted(set(doc) - READ):
        d.unmapped(key, doc[key])
    return d
