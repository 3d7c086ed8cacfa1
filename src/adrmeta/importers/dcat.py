"""DCAT (DCAT-AP 2/3, W3C DCAT) catalogues and datasets, as JSON-LD or Turtle, parsed with rdflib.

| DCAT | record field | notes |
|---|---|---|
| dataset IRI, `dct:identifier` | id | `{base_uri}dataset/{id}` gives the id; another IRI becomes an `identifiers` entry (scheme url) and the id is made from the acronym or title |
| `dct:title` | title | the catalogue's language, else untagged; other languages go to notes |
| `skos:altLabel` | acronym | a second one becomes an alternative title |
| `dct:alternative` | alternative_titles | kind alias |
| `dct:description` | summary | HTML converted to text |
| `dcat:keyword` | keywords | one comma-joined literal is split |
| `dcat:theme` | themes | ADR theme IRIs and labels; EU data themes read through `vocab.THEMES` in reverse when only one ADR theme fits |
| `dct:publisher`, `dct:creator` | publisher, data_owners | organisations matched by IRI, name, acronym, GOV.UK slug or home page |
| `prov:qualifiedAttribution` | contributors | role from `dcat:hadRole` (`{base_uri}role/{role}` or its label) |
| `dcat:contactPoint` | contacts | `vcard:fn`, `vcard:hasEmail`, `vcard:hasURL` |
| `dcat:landingPage` | landing_page | |
| `dct:spatial` | coverage.nations, coverage.area | ONS statistical-geography IRIs (`vocab.NATIONS`), nation names and codes; other places become the area |
| `dct:temporal` | coverage.periods | `dcat:startDate`/`dcat:endDate` (also `schema:startDate`/`endDate`), label from `rdfs:label` |
| `dct:accrualPeriodicity` | update_frequency | EU frequency IRIs (`vocab.FREQUENCY`) and Dublin Core `freq:` terms, in reverse |
| `dct:accessRights` | status | `vocab.ACCESS_RIGHTS` in reverse (restricted: available; non-public: planned) |
| `dcat:distribution` | access | TRE from `dcat:accessService` or the access URL; gateway, accreditation, conditions and lead time from the `dct:rights` statement |
| `foaf:page` | documentation | kind and availability from the description adrmeta writes; other pages are kind other; the IRI adrmeta gives a document without a URL (`{base_uri}dataset/{id}/document/{n}`) is not read as its URL |
| `adms:identifier` | identifiers | `skos:notation`, scheme from `adms:schemeAgency` |
| `dcat:version`, `owl:versionInfo`, `adms:versionNotes` | version, versions | |
| `dct:modified` | modified | date-times become dates |
| `dct:isPartOf`, `dct:hasPart` | part_of, has_part | this catalogue's dataset IRIs only |
| `dct:source` | components | a dataset of this catalogue becomes a component with its record; other sources keep their title, publisher, coverage and frequency |
| `dct:provenance` | linkage | the linkage sentence adrmeta writes; any other statement goes to notes |
| `dct:isReferencedBy` | publications | a URL (its title is guessed as the URL) or a node with `dct:title` and `dct:bibliographicCitation` (blank, or the IRI adrmeta gives a publication without a URL) |
| anything else on the dataset | notes | each property and value |

A catalogue's datasets are those it lists with `dcat:dataset`; a graph without a catalogue gives
every `dcat:Dataset` that is not only a component of another.
"""

from __future__ import annotations

import json
import re
from typing import Any

import rdflib
from rdflib import RDF, BNode, Literal, Namespace, URIRef
from rdflib.plugins.parsers.jsonld import Parser
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.shared.jsonld.context import Context

from .. import phrases, vocab
from ..model import IdentifierScheme
from . import sentences
from .draft import Draft
from .match import Matcher
from .normalise import nations, slug, split_list
from .source import Source, fatal, line_col

NAME = "dcat"
DESCRIPTION = "DCAT catalogue or dataset, JSON-LD or Turtle"
KINDS = ("json", "turtle")  # file kinds it reads (source.Source.kind)

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
PROV = Namespace("http://www.w3.org/ns/prov#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SDO = Namespace("http://schema.org/")
SDO_S = Namespace("https://schema.org/")
DCAT_IRI = str(DCAT)

FREQUENCIES = {vocab.EU_FREQUENCY + code: key for key, (code, _label) in reversed(vocab.FREQUENCY.items())}
FREQUENCIES.update({vocab.DUBLIN_CORE_FREQ + term: key for term, key in vocab.FREQUENCY_WORDS.items()})
ACCESS = {vocab.EU_ACCESS_RIGHT + code: status for status, (code, _l) in reversed(vocab.ACCESS_RIGHTS.items())}
ROLES = {label: role for role, label in vocab.ROLE_LABELS.items()}
SCHEMES: tuple[str, ...] = IdentifierScheme.__args__  # type: ignore[attr-defined]

# Properties the importer reads on a dataset; anything else is kept as a note.
READ = {RDF.type, DCT.identifier, DCT.title, SKOS.altLabel, DCT.alternative, DCT.description, DCAT.keyword, DCAT.theme,
        DCT.publisher, DCT.creator, PROV.qualifiedAttribution, DCAT.contactPoint, DCAT.landingPage, DCT.spatial,
        DCT.temporal, DCT.accrualPeriodicity, DCT.accessRights, DCAT.distribution, FOAF.page, ADMS.identifier,
        DCAT.version, OWL.versionInfo, ADMS.versionNotes, DCT.modified, DCT.isPartOf, DCT.hasPart, DCT.source,
        DCT.provenance, DCT.isReferencedBy}


def detect(src: Source) -> bool:
    kind = src.kind()
    if kind == "turtle":
        return True
    if kind == "json":
        return DCAT_IRI in src.text and "@context" in src.text and "schema.org" not in _context_text(src.json())
    return False


def _context_text(data: Any) -> str:
    ctx = data.get("@context") if isinstance(data, dict) else None
    return json.dumps(ctx) if ctx is not None else ""


def _fetching(node: Any) -> tuple[str, str] | None:
    """The first thing in a JSON-LD document that would make a processor read another document:
    an `@import` (anywhere: in a context, a type- or property-scoped one) or a context given by
    reference (a string, alone or in a list), as (key, value); None when there is none."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            for k, v in n.items():
                if k == "@import":
                    return k, str(v)
                if k == "@context":
                    for c in v if isinstance(v, list) else [v]:
                        if isinstance(c, str) or (c is not None and not isinstance(c, dict)):
                            return k, str(c)
                stack.append(v)
        elif isinstance(n, list):
            stack.extend(n)
    return None


class _InlineContext(Context):
    """rdflib's context that never fetches: a second guard behind `_fetching`."""

    def _fetch_context(self, source: str, base: str | None, referenced_contexts: set[str]) -> Any:
        raise ValueError(f"a context by reference ({source}) is never fetched")


def graph(src: Source) -> rdflib.Graph:
    g = rdflib.Graph()
    kind = src.kind()
    if kind == "json":
        data = src.json()
        found = _fetching(data)
        if found is not None:
            key, value = found
            at = src.text.find(json.dumps(value, ensure_ascii=False))  # the value as written, if it is a string
            at = at if at >= 0 else src.text.find(json.dumps(key))
            where = line_col(src.text, at) if at >= 0 else (1, 1)
            what = "an @import" if key == "@import" else "a remote @context"
            raise fatal("import.unsafe", src.display, f"the JSON-LD names {what} ({value[:200]}); adrmeta never "
                        "fetches a URL or reads another file while importing.",
                        "Put the context inline in the file (or export it with an inline context).", *where)
        try:
            Parser().parse(data, _InlineContext(), g)
        except Exception as exc:  # rdflib raises assorted errors for JSON that is not JSON-LD
            raise fatal("import.malformed", src.display, f"not valid JSON-LD: {exc}.", "Fix the JSON-LD.", 1, 1) from None
    elif kind == "turtle":
        text = src.text
        try:
            g.parse(data=text, format="turtle")
        except BadSyntax as exc:
            raw, i = getattr(exc, "_str", b""), getattr(exc, "_i", None)
            line = raw.count(b"\n", 0, i) + 1 if isinstance(i, int) else exc.lines + 1
            column = i - (raw.rfind(b"\n", 0, i) + 1) + 1 if isinstance(i, int) else None
            raise fatal("import.malformed", src.display, f"Turtle syntax error: {getattr(exc, '_why', exc)}.",
                        "Fix the Turtle at this position (is every prefix declared?).", line, column) from None
        except Exception as exc:
            raise fatal("import.malformed", src.display, f"not valid Turtle: {exc}.", "Fix the Turtle.", 1, 1) from None
    else:
        raise fatal("import.wrong-root", src.display, "a DCAT file is JSON-LD or Turtle; this is neither.",
                    "Give a .jsonld or .ttl file, or choose another --from format.", 1, 1)
    return g


def read(src: Source, matcher: Matcher) -> list[Draft]:
    g = graph(src)
    datasets = _datasets(g)
    if not datasets:
        if not any(True for _ in g.subjects(RDF.type, DCAT.Catalog)) and not len(g):
            raise fatal("import.no-dataset", src.display, "the file holds no RDF statements.", "Check the file.", 1, 1)
        return []
    reader = _Reader(g, src, matcher)
    return [reader.dataset(d) for d in datasets]


def _datasets(g: rdflib.Graph) -> list[URIRef | BNode]:
    listed = [d for c in g.subjects(RDF.type, DCAT.Catalog) for d in g.objects(c, DCAT.dataset)]
    if listed:
        found = listed
    else:
        found = []
        for d in g.subjects(RDF.type, DCAT.Dataset):
            parents = set(g.subjects(DCT.source, d))
            if not parents or not parents & set(g.objects(d, DCT.isPartOf)):
                found.append(d)
    return sorted(set(found), key=str)  # type: ignore[arg-type]


class _Reader:
    def __init__(self, g: rdflib.Graph, src: Source, matcher: Matcher) -> None:
        self.g = g
        self.src = src
        self.m = matcher
        self.lang = matcher.catalogue.language

    # --- literals ---

    def literals(self, s: Any, p: Any) -> list[Literal]:
        return [o for o in self.g.objects(s, p) if isinstance(o, Literal)]

    def one(self, d: Draft, s: Any, p: Any, path: str) -> str | None:
        """One text in the catalogue's language (or untagged); other languages go to notes."""
        lits = self.literals(s, p)
        if not lits:
            return None
        best = sorted(lits, key=lambda x: (x.language not in (self.lang, None), x.language is not None, str(x)))
        for extra in best[1:]:
            d.unmapped(f"{p.n3(self.g.namespace_manager)} ({extra.language or 'no language'})", str(extra))
        return str(best[0])

    def label(self, s: Any) -> str | None:
        for p in (SKOS.prefLabel, RDFS.label, FOAF.name, DCT.title, VCARD.fn):
            lits = self.literals(s, p)
            if lits:
                return str(sorted(lits, key=lambda x: (x.language not in (self.lang, None), str(x)))[0])
        return None

    # --- a dataset ---

    def dataset(self, ds: Any) -> Draft:
        g, m = self.g, self.m
        d = Draft(self.src.display, NAME)
        iri = str(ds) if isinstance(ds, URIRef) else None
        rid = m.record_id(iri) if iri else None
        title = d.text("/title", self.one(d, ds, DCT.title, "/title"))
        acronyms = sorted(str(x) for x in self.literals(ds, SKOS.altLabel))
        d.put("/id", rid or slug(acronyms[0] if acronyms else title or "imported-dataset"))
        if not rid:
            d.guessed("/id", f"the id '{d.fields['id']}' was made from the {'acronym' if acronyms else 'title'}.")
        d.put("/title", title)
        if acronyms:
            d.put("/acronym", acronyms[0])
        alts = [{"title": t} for t in sorted(str(x) for x in self.literals(ds, DCT.alternative))]
        alts += [{"title": t, "kind": "acronym"} for t in acronyms[1:]]
        d.put("/alternative_titles", alts)
        d.put("/summary", d.text("/summary", self.one(d, ds, DCT.description, "/summary")))
        self.status(d, ds)
        self.version(d, ds)
        d.put("/modified", d.date_value("/modified", self.one(d, ds, DCT.modified, "/modified"), full=True))
        self.agents(d, ds)
        self.contacts(d, ds)
        landing = next(iter(g.objects(ds, DCAT.landingPage)), None)
        if landing is not None:
            d.put("/landing_page", d.url("/landing_page", str(landing)))
        self.themes(d, ds)
        words = [str(k) for k in self.literals(ds, DCAT.keyword)]
        if len(words) == 1 and "," in words[0]:
            words = split_list(words[0])
        d.put("/keywords", sorted(k for k in (d.text("/keywords", w) for w in words) if k))
        self.coverage(d, ds)
        freq = next(iter(g.objects(ds, DCT.accrualPeriodicity)), None)
        if freq is not None:
            key = FREQUENCIES.get(str(freq)) or vocab.FREQUENCY_WORDS.get(str(self.label(freq) or "").casefold())
            if key:
                d.put("/update_frequency", key)
            else:
                d.unmapped("dct:accrualPeriodicity", self.label(freq) or str(freq))
        self.components(d, ds)
        self.linkage(d, ds)
        self.documentation(d, ds)
        self.access(d, ds)
        self.publications(d, ds)
        self.relations(d, ds)
        self.identifiers(d, ds, iri, rid)
        for p, o in sorted(g.predicate_objects(ds), key=lambda po: (str(po[0]), str(po[1]))):
            if p not in READ:
                d.unmapped(p.n3(g.namespace_manager), self.label(o) or str(o) if not isinstance(o, Literal) else str(o))
        return d

    def status(self, d: Draft, ds: Any) -> None:
        rights = next(iter(self.g.objects(ds, DCT.accessRights)), None)
        status = ACCESS.get(str(rights)) if rights is not None else None
        if status:
            d.put("/status", status)
            if rights == URIRef(vocab.EU_ACCESS_RIGHT + "NON_PUBLIC"):
                d.guessed("/status", "non-public access rights read as planned (it could also be retired).")
        elif rights is not None:
            d.unmapped("dct:accessRights", self.label(rights) or str(rights))
        if "status" not in d.fields and any(True for _ in self.g.objects(ds, DCAT.distribution)):
            d.put("/status", "available")
            d.guessed("/status", "status set to available because the dataset has a distribution.")

    def version(self, d: Draft, ds: Any) -> None:
        version = self.one(d, ds, DCAT.version, "/version") or self.one(d, ds, OWL.versionInfo, "/version")
        d.put("/version", d.text("/version", version))
        notes = self.literals(ds, ADMS.versionNotes)
        if version and notes:
            d.put("/versions", [{"name": version, "note": str(notes[0])}])

    def org(self, d: Draft, node: Any, path: str) -> str | None:
        name = self.label(node)
        key = self.m.org(str(node) if isinstance(node, URIRef) else None, name,
                         *(str(x) for x in self.g.objects(node, FOAF.homepage)))
        if key is None:
            shown = name or str(node)
            d.reference(path, "organisation", shown, slug(shown))
        return key

    def agents(self, d: Draft, ds: Any) -> None:
        pub = next(iter(self.g.objects(ds, DCT.publisher)), None)
        if pub is not None:
            d.put("/publisher", self.org(d, pub, "/publisher"))
        owners = [self.org(d, o, "/data_owners") for o in sorted(self.g.objects(ds, DCT.creator), key=str)]
        d.put("/data_owners", list(dict.fromkeys(k for k in owners if k)))
        contributors = []
        for att in self.g.objects(ds, PROV.qualifiedAttribution):
            agent = next(iter(self.g.objects(att, PROV.agent)), None)
            role_node = next(iter(self.g.objects(att, DCAT.hadRole)), None)
            if agent is None:
                continue
            key = self.org(d, agent, "/contributors")
            role_iri = str(role_node) if role_node is not None else ""
            role = (role_iri.rsplit("/", 1)[-1] if role_iri.startswith(f"{self.m.base}role/") else
                    ROLES.get(self.label(role_node) or "") if role_node is not None else None)
            if key and role in vocab.ROLE_LABELS:
                contributors.append({"organisation": key, "role": role})
            elif key:
                d.unmapped(f"attribution of {key} with role", self.label(role_node) or role_iri or "none")
        d.put("/contributors", sorted(contributors, key=lambda c: (c["organisation"], c["role"])))

    def contacts(self, d: Draft, ds: Any) -> None:
        out = []
        for kind in self.g.objects(ds, DCAT.contactPoint):
            if str(kind) == f"{self.m.base}catalogue/contact":   # adrmeta's stand-in: the catalogue's, not the dataset's
                d.guessed("/contacts", "the only contact point is the catalogue's enquiries contact; it is not kept as the dataset's.")
                continue
            c: dict[str, Any] = {}
            name = self.label(kind)
            email = next(iter(self.g.objects(kind, VCARD.hasEmail)), None)
            url = next(iter(self.g.objects(kind, VCARD.hasURL)), None)
            if email is not None:
                address = str(email).removeprefix("mailto:")
                c["email"] = address
            if url is not None:
                c["url"] = str(url)
            named = str(d.fields.get("acronym") or d.fields.get("title") or "")
            role = next((r for r in ("enquiries", "access", "programme", "data-owner") if name == f"{named} {r}"), None)
            if role:
                c["role"] = role
            elif name:
                c["name"] = name
            if c:
                out.append(c)
        d.put("/contacts", sorted(out, key=lambda c: json.dumps(c, sort_keys=True)))

    def themes(self, d: Draft, ds: Any) -> None:
        found: list[str] = []
        eu: list[str] = []
        for t in sorted(self.g.objects(ds, DCAT.theme), key=str):
            iri = str(t)
            if iri.startswith(vocab.EU_DATA_THEME + "/"):
                eu.append(iri.rsplit("/", 1)[-1])
                continue
            key = self.m.theme(iri, self.label(t))
            if key:
                found.append(key)
            else:
                name = self.label(t) or iri
                d.reference("/themes", "theme", name, slug(name))
        if not found:
            for code in eu:
                fits = [k for k, codes in vocab.THEMES.items() if code in codes and self.m.theme(k)]
                if len(fits) == 1:
                    found.append(fits[0])
                    d.guessed("/themes", f"the EU data theme {code} was read as the ADR theme '{fits[0]}'.")
                else:
                    d.unmapped("EU data theme", f"{code} ({vocab.EU_THEME_LABELS.get(code, code)})")
        d.put("/themes", list(dict.fromkeys(found)))

    def periods(self, d: Draft, node: Any, path: str) -> list[dict[str, Any]]:
        out = []
        for t in self.g.objects(node, DCT.temporal):
            p: dict[str, Any] = {}
            for key, preds in (("start", (DCAT.startDate, SDO.startDate, SDO_S.startDate)),
                               ("end", (DCAT.endDate, SDO.endDate, SDO_S.endDate))):
                value = next((o for pred in preds for o in self.g.objects(t, pred)), None)
                if value is not None:
                    date = d.date_value(f"{path}/{key}", str(value))
                    if date:
                        p[key] = date
            label = self.label(t)
            if label:
                p["label"] = label
            if p:
                out.append(p)
        return sorted(out, key=lambda p: (p.get("start", ""), p.get("end", ""), p.get("label", "")))

    def spatial(self, d: Draft, node: Any, path: str) -> dict[str, Any]:
        codes: list[str] = []
        areas: list[str] = []
        for place in sorted(self.g.objects(node, DCT.spatial), key=str):
            names = [str(place)] if isinstance(place, URIRef) else []
            label = self.label(place)
            names += [label] if label else []
            for name in names:
                found, guessed = nations(name)
                if found:
                    codes += [c for c in found if c not in codes]
                    if guessed:
                        d.guessed(f"{path}/nations", f"'{name}' was read as {', '.join(found)}.")
                    break
            else:
                if label:
                    areas.append(label)
                else:
                    d.unmapped("dct:spatial", str(place))
        out: dict[str, Any] = {}
        if codes:
            out["nations"] = [c for c in vocab.NATIONS if c in codes]
        if areas:
            out["area"] = ", ".join(areas)
        return out

    def coverage(self, d: Draft, ds: Any) -> None:
        cov = self.spatial(d, ds, "/coverage")
        # A component's periods are repeated on the dataset, labelled with the component's title:
        # they are read with the component, not twice.
        theirs = set()
        for c in self.g.objects(ds, DCT.source):
            title = self.label(c)
            if self._record_of(c) or not title:
                continue
            for p in self.periods(Draft("", ""), c, ""):
                label = f"{title}: {p['label']}" if "label" in p else None
                theirs.add((p.get("start"), p.get("end"), label))
        periods = [p for p in self.periods(d, ds, "/coverage/periods")
                   if (p.get("start"), p.get("end"), p.get("label")) not in theirs]
        if periods:
            cov["periods"] = periods
        d.put("/coverage", cov)

    def _minted(self, node: Any) -> bool:
        """An IRI adrmeta's DCAT export gave a document or publication that has no URL of its own."""
        return str(node).startswith(f"{self.m.base}dataset/") and ("/document/" in str(node) or "/publication/" in str(node))

    def _record_of(self, node: Any) -> str | None:
        return self.m.record_id(str(node)) if isinstance(node, URIRef) else None

    def components(self, d: Draft, ds: Any) -> None:
        out = []
        for c in sorted(self.g.objects(ds, DCT.source), key=str):
            rid = self._record_of(c)
            title = self.label(c) or (rid or str(c))
            comp: dict[str, Any] = {"id": rid or (str(c).rsplit("/component/", 1)[-1] if "/component/" in str(c)
                                                  else slug(title)), "title": title}
            if rid:
                comp["record"] = rid
            else:
                desc = self.one(d, c, DCT.description, "/components")
                if desc and desc != f"{title}: a component of {d.fields.get('title')}.":
                    comp["description"] = desc
                pub = next(iter(self.g.objects(c, DCT.publisher)), None)
                if pub is not None:
                    comp["provider"] = self.org(d, pub, "/components")
                cov = self.spatial(d, c, "/components")
                periods = self.periods(d, c, "/components")
                if periods:
                    cov["periods"] = periods
                if cov:
                    comp["coverage"] = cov
                freq = next(iter(self.g.objects(c, DCT.accrualPeriodicity)), None)
                if freq is not None and str(freq) in FREQUENCIES:
                    comp["update_frequency"] = FREQUENCIES[str(freq)]
            out.append({k: v for k, v in comp.items() if v is not None})
        d.put("/components", out)

    def linkage(self, d: Draft, ds: Any) -> None:
        for prov in self.g.objects(ds, DCT.provenance):
            text = self.label(prov) or (str(prov) if isinstance(prov, Literal) else "")
            lk = phrases.read_linkage(text)
            if lk and "linkage" not in d.fields:
                d.put("/linkage", lk)
            elif text:
                d.unmapped("dct:provenance", text)

    def documentation(self, d: Draft, ds: Any) -> None:
        out = []
        for page in self.g.objects(ds, FOAF.page):
            title = self.literals(page, DCT.title)
            desc = self.literals(page, DCT.description)
            doc: dict[str, Any] = {}
            parsed = phrases.read_document(str(desc[0])) if desc else None
            url = str(page) if isinstance(page, URIRef) and not self._minted(page) else None
            if parsed:
                doc["kind"], doc["availability"], note = parsed
                if note:
                    doc["note"] = note
            else:
                doc["kind"] = "other"
                doc["availability"] = "public" if url else "on-request"
                d.guessed("/documentation", f"the page '{title[0] if title else url}' was given kind other and "
                          f"availability {doc['availability']}.")
                if desc:
                    doc["note"] = str(desc[0])
            doc["title"] = str(title[0]) if title else (url or "Untitled documentation")
            if url:
                doc["url"] = url
            out.append(doc)
        d.put("/documentation", sorted(out, key=lambda x: (x["kind"], x["title"], x.get("url", ""))))

    def access(self, d: Draft, ds: Any) -> None:
        out = []
        for dist in sorted(self.g.objects(ds, DCAT.distribution), key=str):
            service = next(iter(self.g.objects(dist, DCAT.accessService)), None)
            url = next(iter(self.g.objects(dist, DCAT.accessURL)), None)
            tre = self.m.tre(str(service) if service is not None else None,
                             self.label(service) if service is not None else None, str(url) if url else None)
            if tre is None:
                name = (self.label(service) if service is not None else None) or self.label(dist) or str(url or dist)
                d.reference("/access", "trusted research environment", name, slug(name))
                continue
            route: dict[str, Any] = {"tre": tre}
            if url is not None and str(url) not in (self.m.tre_urls.get(tre), f"{self.m.base}tre/{tre}"):
                route["url"] = str(url)
            for rights in self.g.objects(dist, DCT.rights):
                sentences.add_access_words(d, route, self.label(rights) or str(rights), self.m)
            out.append(route)
        d.put("/access", out)

    def publications(self, d: Draft, ds: Any) -> None:
        out = []
        for ref in self.g.objects(ds, DCT.isReferencedBy):
            if isinstance(ref, URIRef) and not self._minted(ref):
                title = self.label(ref)
                if not title:
                    d.guessed("/publications", f"the publication {ref} has no title here; its URL stands in.")
                out.append({"title": title or str(ref), "url": str(ref)})
            else:
                title = self.label(ref)
                if not title:
                    continue
                pub: dict[str, Any] = {"title": title}
                cite = self.literals(ref, DCT.bibliographicCitation)
                if cite:
                    pub.update(phrases.read_citation(str(cite[0]), title))
                out.append(pub)
        d.put("/publications", sorted(out, key=lambda p: (p["title"], p.get("url", ""))))

    def relations(self, d: Draft, ds: Any) -> None:
        for pred, field in ((DCT.isPartOf, "part_of"), (DCT.hasPart, "has_part")):
            ids = []
            for o in sorted(self.g.objects(ds, pred), key=str):
                rid = self._record_of(o)
                if rid:
                    ids.append(rid)
                else:
                    d.unmapped(pred.n3(self.g.namespace_manager), str(o))
            d.put(f"/{field}", ids)
        if d.fields.get("has_part"):
            d.put("/type", "collection")  # only a collection lists parts (consistency.collection-parts)

    def identifiers(self, d: Draft, ds: Any, iri: str | None, rid: str | None) -> None:
        out = []
        for ident in self.g.objects(ds, ADMS.identifier):
            notation = self.literals(ident, SKOS.notation)
            agency = self.literals(ident, ADMS.schemeAgency)
            if not notation:
                continue
            scheme = str(agency[0]) if agency else "other"
            out.append({"scheme": scheme if scheme in SCHEMES else "other", "value": str(notation[0])})
            if scheme not in SCHEMES:
                d.unmapped("identifier scheme", scheme)
        if iri and not rid and re.match(r"https?://", iri):
            out.append({"scheme": "url", "value": iri, "url": iri})
        d.put("/identifiers", sorted(out, key=lambda i: (i["scheme"], i["value"])))
