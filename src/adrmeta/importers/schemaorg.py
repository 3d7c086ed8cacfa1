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
| `sameAs` | landing_page | |
| `spatialCoverage` | coverage.nations, coverage.area | `Place` by `sameAs` (ONS IRI) or name |
| `temporalCoverage` | coverage.periods | ISO 8601 intervals (`start/end`, `start/..`, `../end`) or a single date |
| `conditionsOfAccess` | access, status, expected_availability | the sentences adrmeta writes; other text goes to the first route's conditions when a TRE is named |
| `isPartOf`, `hasPart` | part_of, has_part | |
| `isBasedOn` | components | |
| `citation` | publications | |
| `subjectOf` | documentation | kind and availability from the description |
| `version`, `dateModified` | version, modified | |
| `url`, `usageInfo`, `includedInDataCatalog`, `isAccessibleForFree` | (none) | pages and flags derived from the record |
| any other property | notes | |
"""

from __future__ import annotations

import re
from typing import Any

from .. import vocab
from . import jsonld, sentences
from .draft import Draft
from .match import Matcher
from .normalise import LICENCE_NOTE, licence_name, narrowest, nations, slug, split_list
from .source import Source, fatal

NAME = "schemaorg"
DESCRIPTION = "schema.org Dataset JSON-LD"
KINDS = ("json",)  # file kinds it reads (source.Source.kind)

SCHEMES = {"DOI": "doi", **{s: s for s in ("ons-srs", "hdruk-gateway", "rds", "sail", "url", "other")}}
DERIVED = {"usageInfo", "includedInDataCatalog", "isAccessibleForFree"}  # adrmeta writes them from other fields
READ = {"@context", "@type", "@id", "name", "alternateName", "description", "identifier", "keywords", "about",
        "creator", "publisher", "funder", "url", "sameAs", "contactPoint", "license", "spatialCoverage",
        "temporalCoverage", "conditionsOfAccess", "isPartOf", "hasPart", "isBasedOn", "citation", "subjectOf",
        "version", "dateModified"} | DERIVED
_ROUTE = re.compile(r"Accredited researchers can apply to use the data in the ")
_PLANNED = re.compile(r"^Planned: not yet available to researchers\.(?: Expected: (.*)\.)?$")


def _is_dataset(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    t = node.get("@type")
    types = t if isinstance(t, list) else [t]
    return any(isinstance(x, str) and x.rsplit("/", 1)[-1].removeprefix("schema:") == "Dataset" for x in types)


def _nodes(data: Any) -> list[dict[str, Any]]:
    items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    return [n for n in items if _is_dataset(n)]


def _schema_context(data: Any) -> bool:
    ctx = data[0].get("@context") if isinstance(data, list) and data and isinstance(data[0], dict) else \
        data.get("@context") if isinstance(data, dict) else None
    return "schema.org" in str(ctx)


def detect(src: Source) -> bool:
    return src.kind() == "json" and _schema_context(src.json()) and bool(_nodes(src.json()))


def read(src: Source, matcher: Matcher) -> list[Draft]:
    if src.kind() != "json":
        raise fatal("import.wrong-root", src.display, "schema.org JSON-LD is JSON; this file is not.",
                    "Give a .jsonld file holding a schema.org Dataset.", 1, 1)
    jsonld.check(src)
    data = src.json()
    if not isinstance(data, (dict, list)):
        raise fatal("import.wrong-root", src.display, "the JSON is not an object or a list of objects.",
                    "Give a schema.org Dataset object.", 1, 1)
    return [_dataset(node, src, matcher) for node in _nodes(data)]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _name(node: Any) -> str | None:
    return node if isinstance(node, str) else node.get("name") if isinstance(node, dict) else None


def _org(d: Draft, m: Matcher, node: Any, path: str) -> str | None:
    if isinstance(node, dict):
        key = m.org(node.get("@id"), node.get("name"), *(_list(node.get("alternateName"))), node.get("url"))
    else:
        key = m.org(str(node))
    if key is None:
        name = _name(node) or str(node)
        d.reference(path, "organisation", name, slug(name))
    return key


def _dataset(node: dict[str, Any], src: Source, m: Matcher) -> Draft:
    d = Draft(src.display, NAME)
    rid = m.record_id(str(node.get("@id") or ""))
    title = d.text("/title", node.get("name"))
    alternates = [str(a) for a in _list(node.get("alternateName"))]
    acronym = alternates[0] if alternates and len(alternates[0]) <= 20 and " " not in alternates[0] else None
    d.put("/id", rid or slug(acronym or title or "imported-dataset"))
    if not rid:
        d.guessed("/id", f"the id '{d.fields['id']}' was made from the {'acronym' if acronym else 'title'}.")
    d.put("/title", title)
    d.put("/acronym", acronym)
    d.put("/alternative_titles", [{"title": a} for a in alternates[1 if acronym else 0:]])
    d.put("/summary", d.text("/summary", node.get("description")))
    themes = []
    labels = set()
    for term in _list(node.get("about")):
        key = m.theme(term.get("@id"), term.get("name")) if isinstance(term, dict) else m.theme(str(term))
        if key:
            themes.append(key)
            labels.add(_name(term))
        else:
            d.reference("/themes", "theme", _name(term) or str(term), slug(_name(term) or str(term)))
    d.put("/themes", themes)
    words = _list(node.get("keywords"))
    if len(words) == 1 and isinstance(words[0], str) and "," in words[0]:
        words = split_list(words[0])
    d.put("/keywords", [k for k in (d.text("/keywords", _name(w)) for w in words) if k and k not in labels])
    if node.get("publisher") is not None:
        d.put("/publisher", _org(d, m, _list(node["publisher"])[0], "/publisher"))
    d.put("/data_owners", [k for k in (_org(d, m, o, "/data_owners") for o in _list(node.get("creator"))) if k])
    d.put("/contributors", [{"organisation": k, "role": "funder"}
                            for k in (_org(d, m, o, "/contributors") for o in _list(node.get("funder"))) if k])
    _pages(d, node, m)
    _contacts(d, node)
    _licence(d, node)
    _identifiers(d, node)
    _coverage(d, node)
    _access(d, node, m)
    for prop, field in (("isPartOf", "part_of"), ("hasPart", "has_part")):
        ids = []
        for rel in _list(node.get(prop)):
            rel_id = m.record_id(rel.get("@id", "") if isinstance(rel, dict) else str(rel))
            if rel_id:
                ids.append(rel_id)
            else:
                d.unmapped(prop, rel)
        d.put(f"/{field}", ids)
    if d.fields.get("has_part"):
        d.put("/type", "collection")
    comps = []
    for c in _list(node.get("isBasedOn")):
        if not isinstance(c, dict) or not c.get("name"):
            d.unmapped("isBasedOn", c)
            continue
        crid = m.record_id(c.get("@id", ""))
        comp: dict[str, Any] = {"id": crid or slug(c["name"]), "title": c["name"]}
        if crid:
            comp["record"] = crid
        if c.get("description"):
            comp["description"] = c["description"]
        comps.append(comp)
    d.put("/components", comps)
    d.put("/publications", [{"title": p["name"], **({"url": p["url"]} if p.get("url") else {})}
                            for p in _list(node.get("citation")) if isinstance(p, dict) and p.get("name")])
    docs = []
    for w in _list(node.get("subjectOf")):
        if not isinstance(w, dict) or not w.get("name"):
            d.unmapped("subjectOf", w)
            continue
        doc: dict[str, Any] = {"title": w["name"]}
        parsed = sentences.document_kind(w.get("description", ""))
        if parsed:
            doc["kind"], doc["availability"], _note = parsed
        else:
            doc["kind"], doc["availability"] = "other", "public" if w.get("url") else "on-request"
            d.guessed("/documentation", f"'{w['name']}' was given kind other and availability {doc['availability']}.")
        if w.get("url"):
            doc["url"] = w["url"]
        docs.append(doc)
    d.put("/documentation", docs)
    d.put("/version", d.text("/version", node.get("version")))
    if node.get("dateModified"):
        d.put("/modified", d.date_value("/modified", node["dateModified"], full=True))
    for key in sorted(DERIVED & set(node)):
        if not _ours(node[key], m):
            d.unmapped(f"schema.org {key}", node[key])
    for key in sorted(set(node) - READ):
        for path, leaf in _leaves(node[key], key):
            d.unmapped(f"schema.org {path}", leaf)
    return d


def _leaves(value: Any, path: str) -> list[tuple[str, Any]]:
    """A value as (path, scalar) pairs, so a long nested value is kept whole, one fact a note."""
    if isinstance(value, dict) and value:
        return [x for k in sorted(value) for x in _leaves(value[k], f"{path}/{k}")]
    if isinstance(value, list) and value:
        return [x for i, v in enumerate(value) for x in _leaves(v, f"{path}/{i}")]
    return [(path, value)]


def _ours(value: Any, m: Matcher) -> bool:
    """A value adrmeta's own export derives from other fields (a page of this catalogue's site, or
    the flag it writes for every dataset), so reading it back adds nothing."""
    if isinstance(value, bool):
        return value is False
    url = value.get("url") if isinstance(value, dict) else value
    return isinstance(url, str) and url.startswith(m.base)


def _pages(d: Draft, node: dict[str, Any], m: Matcher) -> None:
    """`url` is the dataset's landing page, unless it is the page adrmeta's own site gives the
    dataset (its export writes the landing page as `sameAs`); other `sameAs` pages go to notes."""
    urls = [u for u in _list(node.get("url")) if isinstance(u, str) and not u.startswith(m.base)]
    same = [s for s in _list(node.get("sameAs")) if isinstance(s, str)]
    pages = list(dict.fromkeys(urls + same))
    if pages:
        d.put("/landing_page", d.url("/landing_page", pages[0]))
    for key, values in (("url", urls), ("sameAs", same)):
        for extra in values:
            if extra != pages[0]:
                d.unmapped(f"schema.org {key}", extra)
    for bad in [u for u in _list(node.get("url")) + _list(node.get("sameAs")) if not isinstance(u, str)]:
        d.unmapped("schema.org url or sameAs", bad)


def _contacts(d: Draft, node: dict[str, Any]) -> None:
    out = []
    for point in _list(node.get("contactPoint")):
        if not isinstance(point, dict):
            d.unmapped("schema.org contactPoint", point)
            continue
        c = {k: v for k, v in (("name", d.text("/contacts", point.get("name"))), ("email", point.get("email")),
                               ("url", point.get("url"))) if isinstance(v, str) and v}
        if c:
            out.append(c)
        for key in sorted(set(point) - {"@type", "name", "email", "url"}):
            d.unmapped(f"schema.org contactPoint {key}", point[key])
    d.put("/contacts", out)


def _licence(d: Draft, node: dict[str, Any]) -> None:
    """The data's licence has no record field: it is kept whole, named, with what it means for a
    cddo export (which states a data-share agreement for every dataset)."""
    for lic in _list(node.get("license")):
        url = lic if isinstance(lic, str) else lic.get("url") or lic.get("@id") if isinstance(lic, dict) else None
        name = licence_name(url) if isinstance(url, str) else None
        d.unmapped(f"schema.org license, {LICENCE_NOTE},", f"{url} ({name})" if name and url == lic else lic)


def _identifiers(d: Draft, node: dict[str, Any]) -> None:
    out = []
    for ident in _list(node.get("identifier")):
        if isinstance(ident, dict):
            scheme = SCHEMES.get(str(ident.get("propertyID")))
            value = ident.get("value")
            if scheme and value:
                item = {"scheme": scheme, "value": str(value)}
                if ident.get("url") and not (scheme == "doi" and ident["url"] == f"https://doi.org/{value}"):
                    item["url"] = ident["url"]
                out.append(item)
            else:
                d.unmapped("identifier", ident)
        elif isinstance(ident, str) and ident != node.get("@id"):
            out.append({"scheme": "url", "value": ident, "url": ident} if re.match(r"https?://", ident)
                       else {"scheme": "other", "value": ident})
    d.put("/identifiers", out)


def _coverage(d: Draft, node: dict[str, Any]) -> None:
    cov: dict[str, Any] = {}
    places: list[tuple[str, ...]] = []
    named: list[str] = []
    areas = []
    for place in _list(node.get("spatialCoverage")):
        names = [place] if isinstance(place, str) else [*_list(place.get("sameAs")), place.get("name")] \
            if isinstance(place, dict) else []
        for name in [n for n in names if isinstance(n, str)]:
            found, guessed = nations(name)
            if found:
                places.append(found)
                named.append(str(_name(place) or name))
                if guessed:
                    d.guessed("/coverage/nations", f"'{name}' was read as {', '.join(found)}.")
                break
        else:
            if _name(place):
                areas.append(_name(place))
            else:
                d.unmapped("schema.org spatialCoverage", place)
    codes, narrowed = narrowest(places)
    if narrowed:
        d.guessed("/coverage/nations", f"the places {', '.join(named)} were read as {', '.join(codes)}: a place "
                  "that contains another of them only says where that one is.")
    if codes:
        cov["nations"] = [c for c in vocab.NATIONS if c in codes]
    if areas:
        cov["area"] = ", ".join(str(a) for a in areas)
    periods: list[dict[str, str]] = []
    for interval in _list(node.get("temporalCoverage")):
        start, sep, end = str(interval).partition("/")
        if not sep:
            end = start
        p = {}
        for key, value in (("start", start), ("end", end)):
            if value and value != "..":
                date = d.date_value(f"/coverage/periods/{len(periods)}/{key}", value)
                if date:
                    p[key] = date
        if p:
            periods.append(p)
    if periods:
        cov["periods"] = periods
    d.put("/coverage", cov)


def _access(d: Draft, node: dict[str, Any], m: Matcher) -> None:
    text = node.get("conditionsOfAccess")
    if not isinstance(text, str):
        return
    planned = _PLANNED.match(text)
    if planned:
        d.put("/status", "planned")
        d.put("/expected_availability", planned.group(1))
        return
    routes = []
    for part in [p for p in _ROUTE.split(text) if p.strip()]:
        tre = next((t for t, title in sorted(m.tre_titles.items(), key=lambda kv: -len(kv[1]))
                    if part.startswith(f"{title}.")), None)
        if tre is None:
            tre = m.tre_in_text(part)
            if tre is None:
                d.unmapped("conditionsOfAccess", part)
                continue
            routes.append({"tre": tre, "conditions": part.strip()})
            d.guessed("/access", f"the access text names the {m.tre_titles[tre]}; the route was made from it.")
            continue
        route: dict[str, Any] = {"tre": tre}
        sentences.add_access_words(d, route, part[len(m.tre_titles[tre]) + 1:].strip(), m)
        routes.append(route)
    d.put("/access", routes)
    if routes:
        d.put("/status", "available")
        d.guessed("/status", "status set to available because the dataset names an access route.")
