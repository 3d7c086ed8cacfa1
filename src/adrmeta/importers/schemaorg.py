"""schema.org `Dataset` JSON-LD (one Dataset, a list, or an `@graph`), read as plain JSON: the
schema.org context is known, so no context is ever fetched.

| schema.org | record field | notes |
|---|---|---|
| `@id` | id | `{base_uri}dataset/{id}` gives the id; otherwise it is made from the acronym or title |
| `name`, `alternateName` | title, acronym, alternative_titles | the first short alternate name without spaces is the acronym |
| `description` | summary | HTML converted |
| `identifier` | identifiers | `PropertyValue` (`propertyID` DOI or a scheme), or a URL |
| `keywords` | keywords | a list, or a comma-joined text split; theme labels that `about` names are not repeated |
| `about` | themes | `DefinedTerm` by `@id` or name |
| `creator`, `publisher`, `funder` | data_owners, publisher, contributors (funder) | organisations by name, alternate name or URL |
| `url`, `sameAs` | landing_page | `url` unless it is the dataset's page on adrmeta's own site (then ignored, with the reason); other pages are noted |
| `contactPoint` | contacts | `name`, `email`, `url`; other facts are noted |
| `license` | licence | a URL; other text goes to notes, named when well known |
| `spatialCoverage` | coverage.nations, coverage.area | `Place` by `sameAs` (ONS IRI) or name; a list naming the UK and a nation in it means the nation (an inference) |
| `temporalCoverage` | coverage.periods | ISO 8601 intervals (`start/end`, `start/..`, `../end`) or a single date |
| `conditionsOfAccess` | access, status, expected_availability | the sentences adrmeta writes; other text naming a TRE of the catalogue becomes a route marked as an inference |
| `isPartOf`, `hasPart` | part_of, has_part | |
| `isBasedOn` | components | |
| `citation` | publications | |
| `subjectOf` | documentation | kind and availability from the description |
| `version`, `dateModified` | version, modified | |
| `variableMeasured` | (none) | ignored: a data dictionary (`adrmeta dictionary import` reads dictionaries) |
| `usageInfo`, `includedInDataCatalog`, `isAccessibleForFree` | (none) | ignored when adrmeta's export derived them (its site's pages, the flag false); otherwise noted |
| `dateModified` (else `datePublished`) | the `import` source's date | |
| any other value | notes | each JSON value whole, by its JSON pointer |

`name`, `description`, `version` and `dateModified` are the one-to-one rows of `fieldtable.SCHEMAORG`,
read back through that table (`fieldtable.import_values`) as the exporter writes them.
"""

from __future__ import annotations

import re
from typing import Any

from .. import phrases
from ..fieldtable import SCHEMAORG as TABLE
from ..fieldtable import import_values, one_to_one
from . import jsonld, sentences
from .draft import DICTIONARY, Draft, inferred
from .leaves import json_leaves, pointer
from .match import Matcher
from .normalise import licence_name, slug, split_list
from .places import read_places
from .source import Source, fatal

NAME = "schemaorg"
DESCRIPTION = "schema.org Dataset JSON-LD"
KINDS = ("json",)  # file kinds it reads (source.Source.kind)

SCHEMES = {"DOI": "doi", **{s: s for s in ("ons-srs", "hdruk-gateway", "rds", "sail", "nisra", "url", "other")}}
DERIVED = {"usageInfo", "includedInDataCatalog", "isAccessibleForFree"}  # adrmeta writes them from other fields
# the table's one-to-one rows: title and summary first (the id is made from the title), version and
# modified after the rest, where they were read before the table, so the draft's findings keep their order
NAMING = [f for f in one_to_one(TABLE) if f.record in ("title", "summary")]
LATER = [f for f in one_to_one(TABLE) if f not in NAMING]
_PLANNED = re.compile(r"^Planned: not yet available to researchers\.(?: Expected: (.*)\.)?$")


def _is_dataset(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    t = node.get("@type")
    types = t if isinstance(t, list) else [t]
    return any(isinstance(x, str) and x.rsplit("/", 1)[-1].removeprefix("schema:") == "Dataset" for x in types)


def _nodes(data: Any) -> list[tuple[str, dict[str, Any]]]:
    """The Dataset nodes, each with its JSON pointer."""
    if isinstance(data, list):
        items = [(pointer(i), n) for i, n in enumerate(data)]
    elif isinstance(data, dict) and isinstance(data.get("@graph"), list):
        items = [(pointer("@graph", i), n) for i, n in enumerate(data["@graph"])]
    else:
        items = [("", data)]
    return [(at, n) for at, n in items if _is_dataset(n)]


def _schema_context(data: Any) -> bool:
    ctx = (
        data[0].get("@context")
        if isinstance(data, list) and data and isinstance(data[0], dict)
        else data.get("@context")
        if isinstance(data, dict)
        else None
    )
    return "schema.org" in str(ctx)


def detect(src: Source) -> bool:
    return src.kind() == "json" and _schema_context(src.json()) and bool(_nodes(src.json()))


def read(src: Source, matcher: Matcher) -> list[Draft]:
    if src.kind() != "json":
        raise fatal(
            "import.wrong-root",
            src.display,
            "schema.org JSON-LD is JSON; this file is not.",
            "Give a .jsonld file holding a schema.org Dataset.",
            1,
            1,
        )
    jsonld.check(src)
    data = src.json()
    if not isinstance(data, (dict, list)):
        raise fatal(
            "import.wrong-root",
            src.display,
            "the JSON is not an object or a list of objects.",
            "Give a schema.org Dataset object.",
            1,
            1,
        )
    drafts = [_Reader(src, matcher, at).dataset(node) for at, node in _nodes(data)]
    if drafts:
        _rest(drafts, data)
    return drafts


def _rest(drafts: list[Draft], data: Any) -> None:
    """What lies outside every Dataset node: the context is schema.org's (read as such); anything
    else (another node of the graph) is kept in the notes of the first draft."""
    first = drafts[0]
    if isinstance(data, dict) and "@graph" in data and "@context" in data:
        first.ignored("/@context", "the JSON-LD context: the keys are read as schema.org's terms.")
    accounted = set().union(*(d.accounted for d in drafts))
    own = set(first.accounted)
    first.accounted |= accounted
    first.leftovers(json_leaves(data))
    first.accounted = own | (first.accounted - accounted)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _items(node: dict[str, Any], key: str) -> list[tuple[str, Any]]:
    """The values of a property, each with its pointer below the node (a single value: the key's)."""
    value = node.get(key)
    if isinstance(value, list):
        return [(pointer(key, i), v) for i, v in enumerate(value)]
    return [] if value is None else [(pointer(key), value)]


def _place_names(place: Any) -> list[str]:
    """The names a `spatialCoverage` value goes by: its text, or a Place's sameAs IRIs and name."""
    names = (
        [place] if isinstance(place, str) else [*_list(place.get("sameAs")), place.get("name")] if isinstance(place, dict) else []
    )
    return [n for n in names if isinstance(n, str)]


def _name(node: Any) -> str | None:
    return node if isinstance(node, str) else node.get("name") if isinstance(node, dict) else None


class _Reader:
    """One Dataset node read into a draft; `use` marks what was mapped, by JSON pointer."""

    def __init__(self, src: Source, m: Matcher, at: str) -> None:
        self.src, self.m, self.at = src, m, at
        self.d = Draft(src.display, NAME, place=src.json_position, at=at)

    def use(self, *paths: str) -> None:
        self.d.used(*(self.at + p for p in paths))

    def use_keys(self, keys: list[str]) -> None:
        self.use(pointer(*keys))

    def dataset(self, node: dict[str, Any]) -> Draft:
        d, m = self.d, self.m
        self.use("/@type", "/@context")
        import_values(NAMING, d, node, self.use_keys, self.at)
        self.names(node)
        self.themes_and_keywords(node)
        self.agents(node)
        self.pages(node)
        self.contacts(node)
        self.licences(node)
        self.identifiers(node)
        self.coverage(node)
        self.access(node)
        self.relations(node)
        self.components(node)
        self.works(node)
        import_values(LATER, d, node, self.use_keys, self.at)
        d.source_date(node.get("dateModified") or node.get("datePublished"))  # the description's own date
        for key in sorted(DERIVED & set(node)):
            if _ours(node[key], m):
                d.ignored(self.at + pointer(key), "adrmeta's export writes it from other fields (a page of its site).")
        if "variableMeasured" in node:
            d.ignored(self.at + pointer("variableMeasured"), DICTIONARY)
        d.leftovers(json_leaves(node, self.at))
        return d

    def names(self, node: dict[str, Any]) -> None:
        d, m = self.d, self.m
        rid = m.record_id(str(node.get("@id") or ""))
        title = d.fields.get("title")
        alternates = [str(a) for a in _list(node.get("alternateName"))]
        acronym = alternates[0] if alternates and len(alternates[0]) <= 20 and " " not in alternates[0] else None
        d.put("/id", rid or slug(acronym or title or "imported-dataset"))
        if not rid:
            with d.reading(self.at + pointer("alternateName" if acronym else "name")):
                d.guessed("/id", f"the id '{d.fields['id']}' was made from the {'acronym' if acronym else 'title'}.")
        d.put("/acronym", acronym)
        d.put("/alternative_titles", [{"title": a} for a in alternates[1 if acronym else 0 :]])
        self.use("/alternateName")
        if rid:
            self.use("/@id")

    def themes_and_keywords(self, node: dict[str, Any]) -> None:
        d, m = self.d, self.m
        themes = []
        labels = set()
        for at, term in _items(node, "about"):
            key = m.theme(term.get("@id"), term.get("name")) if isinstance(term, dict) else m.theme(str(term))
            if key:
                themes.append(key)
                labels.add(_name(term))
                self.use(at)
            elif _name(term):
                d.reference("/themes", "theme", str(_name(term)), slug(str(_name(term))))
                self.use(at + ("/name" if isinstance(term, dict) else ""))
        d.put("/themes", themes)
        words = _list(node.get("keywords"))
        if len(words) == 1 and isinstance(words[0], str) and "," in words[0]:
            words = split_list(words[0])
        d.put("/keywords", [k for k in (d.text("/keywords", _name(w)) for w in words) if k and k not in labels])
        self.use("/keywords")

    def org(self, at: str, node: Any, path: str) -> str | None:
        if isinstance(node, dict):
            key = self.m.org(node.get("@id"), node.get("name"), *(_list(node.get("alternateName"))), node.get("url"))
        else:
            key = self.m.org(str(node))
        if key is not None:
            self.use(at)  # catalogue.yaml describes the organisation
        elif _name(node):
            self.d.reference(path, "organisation", str(_name(node)), slug(str(_name(node))))
            self.use(at + ("/name" if isinstance(node, dict) else ""))
        return key

    def agents(self, node: dict[str, Any]) -> None:
        d = self.d
        publishers = [k for k in (self.org(at, o, "/publisher") for at, o in _items(node, "publisher")) if k]
        if publishers:
            d.put("/publisher", publishers[0])
            for extra in publishers[1:]:
                d.note(self.at + "/publisher (one is read)", extra)
        d.put("/data_owners", [k for k in (self.org(at, o, "/data_owners") for at, o in _items(node, "creator")) if k])
        d.put(
            "/contributors",
            [
                {"organisation": k, "role": "funder"}
                for k in (self.org(at, o, "/contributors") for at, o in _items(node, "funder"))
                if k
            ],
        )

    def pages(self, node: dict[str, Any]) -> None:
        """`url` is the dataset's landing page, unless it is the page adrmeta's own site gives the
        dataset (its export writes the landing page as `sameAs`); other pages are left for the notes."""
        d = self.d
        found = [(at, u) for key in ("url", "sameAs") for at, u in _items(node, key) if isinstance(u, str)]
        ours = [(at, u) for at, u in found if at.startswith("/url") and u.startswith(self.m.base)]
        for at, _u in ours:
            d.ignored(self.at + at, "it is the dataset's page on adrmeta's own site, not the landing page.")
        pages = [(at, u) for at, u in found if (at, u) not in ours]
        if pages:
            with d.reading(self.at + pages[0][0]):
                d.put("/landing_page", d.url("/landing_page", pages[0][1]))
            self.use(*(at for at, u in pages if u == pages[0][1]))

    def contacts(self, node: dict[str, Any]) -> None:
        out = []
        for at, point in _items(node, "contactPoint"):
            if not isinstance(point, dict):
                continue
            c = {
                k: v
                for k, v in (
                    ("name", self.d.text("/contacts", point.get("name"))),
                    ("email", point.get("email")),
                    ("url", point.get("url")),
                )
                if isinstance(v, str) and v
            }
            if c:
                out.append(c)
                self.use(*(f"{at}/{k}" for k in ("@type", "name", "email", "url")))
        self.d.put("/contacts", out)

    def licences(self, node: dict[str, Any]) -> None:
        """The data's licence: a URL is the record's `licence` (Draft.licence); other text is kept
        whole, named when well known."""
        for at, lic in _items(node, "license"):
            if isinstance(lic, str) and self.d.licence_url(lic):
                self.d.licence(self.at + at, lic)
            elif isinstance(lic, str):
                name = licence_name(lic)
                self.d.note(self.at + at, f"{lic}{f' ({name})' if name else ''}")

    def identifiers(self, node: dict[str, Any]) -> None:
        out = []
        for at, ident in _items(node, "identifier"):
            if isinstance(ident, dict):
                scheme = SCHEMES.get(str(ident.get("propertyID")))
                value = ident.get("value")
                if scheme and value:
                    item = {"scheme": scheme, "value": str(value)}
                    if ident.get("url") and not (scheme == "doi" and ident["url"] == f"https://doi.org/{value}"):
                        item["url"] = ident["url"]
                    out.append(item)
                    self.use(*(f"{at}/{k}" for k in ("@type", "propertyID", "value", "url")))
            elif isinstance(ident, str):
                if ident != node.get("@id"):
                    out.append(
                        {"scheme": "url", "value": ident, "url": ident}
                        if re.match(r"https?://", ident)
                        else {"scheme": "other", "value": ident}
                    )
                self.use(at)
        ext = node.get("@id")
        if isinstance(ext, str) and not self.m.record_id(ext) and re.match(r"https?://", ext):
            if not any(i["value"] == ext for i in out):
                out.append({"scheme": "url", "value": ext, "url": ext})
            self.use("/@id")
        self.d.put("/identifiers", out)

    def coverage(self, node: dict[str, Any]) -> None:
        d = self.d
        cov: dict[str, Any] = {}
        items = _items(node, "spatialCoverage")
        names = [_place_names(place) for _at, place in items]
        reading = read_places([(str(_name(p) or (n[0] if n else "")), n) for (_at, p), n in zip(items, names, strict=True)])
        areas = []
        for i, (at, place) in enumerate(items):
            if i not in reading.unread:
                self.use(at)
            elif _name(place):
                areas.append(_name(place))
                self.use(at + ("/name" if isinstance(place, dict) else ""), at + "/@type")
        if areas:
            cov["area"] = ", ".join(str(a) for a in areas)
        periods = self.periods(node)
        if periods:
            cov["periods"] = periods
        nations_ = list(reading.nations)
        if nations_ and reading.reasoning:
            d.put("/coverage", cov)
            with d.reading(self.at + pointer("spatialCoverage")):
                d.guess("/coverage/nations", nations_, reading.reasoning)
        else:
            if nations_:
                cov["nations"] = nations_
            d.put("/coverage", cov)

    def periods(self, node: dict[str, Any]) -> list[dict[str, str]]:
        periods: list[dict[str, str]] = []
        for at, interval in _items(node, "temporalCoverage"):
            start, sep, end = str(interval).partition("/")
            if not sep:
                end = start
            p = {}
            for key, value in (("start", start), ("end", end)):
                if value and value != "..":
                    with self.d.reading(self.at + at):
                        date = self.d.date_value(f"/coverage/periods/{len(periods)}/{key}", value)
                    if date:
                        p[key] = date
            if p:
                periods.append(p)
                self.use(at)
        return periods

    def access(self, node: dict[str, Any]) -> None:
        d, m = self.d, self.m
        text = node.get("conditionsOfAccess")
        if not isinstance(text, str):
            return
        self.use("/conditionsOfAccess")
        planned = _PLANNED.match(text)
        if planned:
            d.put("/status", "planned")
            d.put("/expected_availability", phrases.read_expected(planned.group(1)) if planned.group(1) else None)
            return
        routes: list[tuple[dict[str, Any], bool]] = []
        for part in [p for p in phrases.split_routes(text, m.tre_titles.values()) if p]:
            tre = next(
                (t for t, title in sorted(m.tre_titles.items(), key=lambda kv: -len(kv[1])) if part.startswith(f"{title}.")), None
            )
            if tre is None:
                tre = m.tre_in_text(part)
                if tre is None:
                    d.note(self.at + "/conditionsOfAccess (names no TRE of the catalogue)", part)
                    continue
                routes.append(({"tre": tre, "conditions": part.strip()}, True))
                continue
            route: dict[str, Any] = {"tre": tre}
            sentences.add_access_words(d, route, part[len(m.tre_titles[tre]) + 1 :].strip(), m)
            routes.append((route, False))
        d.put("/access", [r for r, _g in routes])
        for i, (r, guessed) in enumerate(routes):
            if guessed:  # the whole route is the inference: its TRE is required
                inferred(d, f"/access/{i}", f"the access text names the {m.tre_titles[r['tre']]}; the route was made from it.")
        if routes:  # status is required, so a reading to check rather than an inference
            d.put("/status", "available")
            d.guessed("/status", "status set to available because the dataset names an access route.")

    def relations(self, node: dict[str, Any]) -> None:
        for prop, field in (("isPartOf", "part_of"), ("hasPart", "has_part")):
            ids = []
            for at, rel in _items(node, prop):
                rel_id = self.m.record_id(rel.get("@id", "") if isinstance(rel, dict) else str(rel))
                if rel_id:
                    ids.append(rel_id)
                    self.use(at)  # the related record describes itself
            self.d.put(f"/{field}", ids)
        if self.d.fields.get("has_part"):
            self.d.put("/type", "collection")

    def components(self, node: dict[str, Any]) -> None:
        comps = []
        for at, c in _items(node, "isBasedOn"):
            if not isinstance(c, dict) or not c.get("name"):
                continue
            crid = self.m.record_id(c.get("@id", ""))
            comp: dict[str, Any] = {"id": crid or slug(c["name"]), "title": c["name"]}
            if crid:
                comp["record"] = crid
                self.use(at)
            else:
                self.use(*(f"{at}/{k}" for k in ("@type", "@id", "name", "description", "url")))
                if c.get("url") and not str(c["url"]).startswith(self.m.base):
                    self.d.note(f"{self.at}{at}/url", c["url"])
            if c.get("description"):
                comp["description"] = c["description"]
            comps.append(comp)
        self.d.put("/components", comps)

    def works(self, node: dict[str, Any]) -> None:
        d = self.d
        pubs = []
        for at, p in _items(node, "citation"):
            if isinstance(p, dict) and p.get("name"):
                pubs.append({"title": p["name"], **({"url": p["url"]} if p.get("url") else {})})
                self.use(f"{at}/@type", f"{at}/name", f"{at}/url")
        d.put("/publications", pubs)
        docs = []
        for at, w in _items(node, "subjectOf"):
            if not isinstance(w, dict) or not w.get("name"):
                continue
            doc: dict[str, Any] = {"title": w["name"]}
            parsed = phrases.read_document(w.get("description", ""))
            if parsed:
                doc["kind"], doc["availability"], _note = parsed
                self.use(f"{at}/description")
            else:
                doc["kind"], doc["availability"] = "other", "public" if w.get("url") else "on-request"
            if w.get("url"):
                doc["url"] = w["url"]
            self.use(f"{at}/@type", f"{at}/name", f"{at}/url")
            docs.append((doc, not parsed))
        d.put("/documentation", [doc for doc, _g in docs])
        for i, (doc, guessed) in enumerate(docs):
            if guessed:  # kind other states no more than that the kind is unknown
                d.guessed(
                    f"/documentation/{i}",
                    f"'{doc['title']}' says nothing of its kind or availability: kind other, availability {doc['availability']}.",
                )


def _ours(value: Any, m: Matcher) -> bool:
    """A value adrmeta's own export derives from other fields (a page of this catalogue's site, or
    the flag it writes for every dataset), so reading it back adds nothing."""
    if isinstance(value, bool):
        return value is False
    url = value.get("url") if isinstance(value, dict) else value
    return isinstance(url, str) and url.startswith(m.base)
