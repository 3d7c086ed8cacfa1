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
from rdflib.namespace import NamespaceManager
from rdflib.plugins.parsers.notation3 import BadSyntax

from .. import vocab
from ..model import IdentifierScheme
from . import jsonld, sentences
from .draft import Draft
from .match import Matcher
from .normalise import LICENCE_NOTE, licence_name, narrowest, nations, slug, split_list
from .source import Source, fatal

NAME = "dcat"
DESCRIPTION = "DCAT catalogue or dataset, JSON-LD, Turtle or RDF/XML"
KINDS = ("json", "turtle", "rdfxml")  # file kinds it reads (source.Source.kind)

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
LOCN = Namespace("http://www.w3.org/ns/locn#")
SDO_S = Namespace("https://schema.org/")
DCAT_TYPES = (DCAT.Catalog, DCAT.Dataset, DCAT.DatasetSeries, DCAT.DataService, DCAT.Distribution)

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
        DCT.provenance, DCT.isReferencedBy, DCAT.inSeries, DCT.license}


def detect(src: Source) -> bool:
    kind = src.kind()
    if kind in ("turtle", "rdfxml"):
        return True
    if kind == "json":
        data = src.json()
        if not jsonld.references(data) and not (isinstance(data, dict) and "@context" in data):
            return False
        if "schema.org" in _context_text(data):
            return False
        g = graph(src)
        return any(True for t in DCAT_TYPES for _ in g.subjects(RDF.type, t))
    return False


def _context_text(data: Any) -> str:
    ctx = data.get("@context") if isinstance(data, dict) else None
    return json.dumps(ctx) if ctx is not None else ""


def graph(src: Source) -> rdflib.Graph:
    """The file as an RDF graph (parsed once per file)."""
    cached = src.parsed.get("rdf")
    if isinstance(cached, rdflib.Graph):
        return cached
    kind = src.kind()
    if kind == "json":
        g = jsonld.graph(src)
    elif kind == "turtle":
        g = _turtle(src)
    elif kind == "rdfxml":
        g = _rdfxml(src)
    else:
        raise fatal("import.wrong-root", src.display, "a DCAT file is JSON-LD, Turtle or RDF/XML; this is none of them.",
                    "Give a .jsonld, .ttl or .rdf file, or choose another --from format.", 1, 1)
    src.parsed["rdf"] = g
    return g


def _turtle(src: Source) -> rdflib.Graph:
    g = rdflib.Graph()
    try:
        g.parse(data=src.text, format="turtle")
    except BadSyntax as exc:
        raw, i = getattr(exc, "_str", b""), getattr(exc, "_i", None)
        line = raw.count(b"\n", 0, i) + 1 if isinstance(i, int) else exc.lines + 1
        column = i - (raw.rfind(b"\n", 0, i) + 1) + 1 if isinstance(i, int) else None
        raise fatal("import.malformed", src.display, f"Turtle syntax error: {getattr(exc, '_why', exc)}.",
                    "Fix the Turtle at this position (is every prefix declared?).", line, column) from None
    except Exception as exc:
        raise fatal("import.malformed", src.display, f"not valid Turtle: {exc}.", "Fix the Turtle.", 1, 1) from None
    return g


def _rdfxml(src: Source) -> rdflib.Graph:
    """RDF/XML, after `Source.xml` has refused DTDs and entities and checked it is well-formed."""
    src.xml()
    g = rdflib.Graph()
    try:
        g.parse(data=src.data, format="xml")
    except Exception as exc:  # rdflib's RDF/XML parser raises assorted errors for XML that is not RDF
        raise fatal("import.malformed", src.display, f"not valid RDF/XML: {exc}.", "Fix the RDF/XML.", 1, 1) from None
    return g


def read(src: Source, matcher: Matcher) -> list[Draft]:
    g = graph(src)
    datasets = _datasets(g)
    if not datasets:
        if not any(True for _ in g.subjects(RDF.type, DCAT.Catalog)) and not len(g):
            raise fatal("import.no-dataset", src.display, "the file holds no RDF statements.", "Check the file.", 1, 1)
        return []
    reader = _Reader(g, src, matcher, datasets)
    return [reader.dataset(d) for d in datasets]


def _datasets(g: rdflib.Graph) -> list[URIRef | BNode]:
    """The datasets and dataset series to import: those a catalogue lists, with the series they
    are in and the members of series it lists; else every one that is not only a component."""
    listed = {d for c in g.subjects(RDF.type, DCAT.Catalog) for d in g.objects(c, DCAT.dataset)}
    if listed:
        found = set(listed)
        for d in listed:
            found.update(g.objects(d, DCAT.inSeries))
            found.update(g.subjects(DCAT.inSeries, d))
    else:
        found = set(g.subjects(RDF.type, DCAT.DatasetSeries))
        for d in g.subjects(RDF.type, DCAT.Dataset):
            parents = set(g.subjects(DCT.source, d))
            if not parents or not parents & set(g.objects(d, DCT.isPartOf)):
                found.add(d)
    return sorted(found, key=str)  # type: ignore[arg-type]


def _prefixes() -> NamespaceManager:
    ns = NamespaceManager(rdflib.Graph(bind_namespaces="core"), bind_namespaces="core")
    for prefix, iri in (("dcat", DCAT), ("dct", DCT), ("foaf", FOAF), ("skos", SKOS), ("vcard", VCARD), ("adms", ADMS),
                        ("prov", PROV), ("dcatap", "http://data.europa.eu/r5r/"), ("schema", SDO), ("locn", LOCN),
                        ("spdx", "http://spdx.org/rdf/terms#")):
        ns.bind(prefix, iri, override=True, replace=True)
    return ns


class _Reader:
    def __init__(self, g: rdflib.Graph, src: Source, matcher: Matcher, datasets: list[Any]) -> None:
        self.g = g
        self.src = src
        self.m = matcher
        self.lang = matcher.catalogue.language
        self.ns = _prefixes()  # fixed prefixes: notes do not depend on the ones a file declares
        self.ids: dict[Any, tuple[str, str | None]] = {}   # node -> (draft id, what it was made from)
        for ds in datasets:
            rid, made_from = self.ident(ds)
            n, base = 2, rid
            while rid in {i for i, _ in self.ids.values()}:
                rid, n = f"{base}-{n}", n + 1
            self.ids[ds] = (rid, made_from)

    def ident(self, ds: Any) -> tuple[str, str | None]:
        """The draft id of a dataset: its record id in this catalogue, else made from its acronym,
        title or IRI (the second value says which)."""
        rid = self.m.record_id(str(ds)) if isinstance(ds, URIRef) else None
        if rid:
            return rid, None
        acronyms = sorted(str(x) for x in self.literals(ds, SKOS.altLabel))
        titles = sorted(self.literals(ds, DCT.title), key=lambda x: (x.language not in (self.lang, None), str(x)))
        tail = re.split(r"[/#:]", str(ds).rstrip("/#"))[-1] if isinstance(ds, URIRef) else ""
        for text, what in ((acronyms[0] if acronyms else "", "acronym"), (str(titles[0]) if titles else "", "title"),
                           (tail, "IRI")):
            if text and slug(text) != "imported-dataset":
                return slug(text), what
        return "imported-dataset", "nothing (the source gives no title)"

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
            d.unmapped(f"{p.n3(self.ns)} ({extra.language or 'no language'})", str(extra))
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
        d.put("/id", self.ids[ds][0])
        if not rid:
            d.guessed("/id", f"the id '{d.fields['id']}' was made from the {self.ids[ds][1]}.")
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
                d.invalid("/update_frequency", self.describe_value(freq), "one of the record's update frequencies "
                          "(dct:accrualPeriodicity)")
        self.components(d, ds)
        self.linkage(d, ds)
        self.documentation(d, ds)
        self.access(d, ds)
        self.publications(d, ds)
        self.relations(d, ds)
        self.identifiers(d, ds, iri, rid)
        for lic in sorted(g.objects(ds, DCT.license), key=str):
            name = licence_name(str(lic)) if isinstance(lic, URIRef) else None
            d.unmapped(f"dct:license, {LICENCE_NOTE},", self.describe_value(lic) + (f" ({name})" if name else ""))
        for p, o in sorted(g.predicate_objects(ds), key=lambda po: (str(po[0]), str(po[1]))):
            if p not in READ:
                d.unmapped(p.n3(self.ns), self.describe_value(o))
        return d

    def status(self, d: Draft, ds: Any) -> None:
        rights = next(iter(self.g.objects(ds, DCT.accessRights)), None)
        status = ACCESS.get(str(rights)) if rights is not None else None
        if status:
            d.put("/status", status)
            if rights == URIRef(vocab.EU_ACCESS_RIGHT + "NON_PUBLIC"):
                d.guessed("/status", "non-public access rights read as planned (it could also be retired).")
        elif rights is not None:
            d.invalid("/status", self.describe_value(rights), "an EU access-right term the status is read from "
                      "(dct:accessRights)")

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
        if key is None and (name or isinstance(node, URIRef)):
            shown = name or str(node)
            d.reference(path, "organisation", shown, slug(shown))
        elif key is None:   # a blank node without a name: nothing to match or to suggest a key from
            d.unmapped(f"{path.strip('/').replace('_', ' ')}: an organisation without a name",
                       self.describe(node) or "(nothing stated about it)")
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
        places: list[tuple[str, ...]] = []
        named: list[str] = []
        areas: list[str] = []
        for place in sorted(self.g.objects(node, DCT.spatial), key=str):
            names = [str(place)] if isinstance(place, URIRef) else []
            label = self.label(place)
            names += [label] if label else []
            for name in names:
                found, guessed = nations(name)
                if found:
                    places.append(found)
                    named.append(label or name)
                    if guessed:
                        d.guessed(f"{path}/nations", f"'{name}' was read as {', '.join(found)}.")
                    break
            else:
                if label:
                    areas.append(label)
                else:
                    d.invalid(f"{path}/area", self.describe_value(place), "a UK nation or a place with a name (dct:spatial)")
        codes, narrowed = narrowest(places)
        if narrowed:
            d.guessed(f"{path}/nations", f"the places {', '.join(named)} were read as {', '.join(codes)}: a place "
                      "that contains another of them only says where that one is.")
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
            lk = sentences.linkage(text)
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
            parsed = sentences.document_kind(str(desc[0])) if desc else None
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

    def tre_of(self, service: Any, url: Any = None) -> str | None:
        """The catalogue's TRE that a data service (or an access URL) is, by IRI, title or URL."""
        names: list[str | None] = []
        if service is not None:
            names += [str(service) if isinstance(service, URIRef) else None, self.label(service),
                      *(str(u) for u in self.g.objects(service, DCAT.endpointURL))]
        names.append(str(url) if url is not None else None)
        return self.m.tre(*names)

    def access(self, d: Draft, ds: Any) -> None:
        """Access routes. A distribution or data service is a route only when catalogue.yaml names
        its TRE; any other (a download, an API) is kept whole in the notes, never made a TRE."""
        out: list[dict[str, Any]] = []
        seen_services = set()
        for dist in sorted(self.g.objects(ds, DCAT.distribution), key=str):
            service = next(iter(self.g.objects(dist, DCAT.accessService)), None)
            seen_services.add(service)
            url = next(iter(self.g.objects(dist, DCAT.accessURL)), None)
            tre = self.tre_of(service, url)
            if tre is None:
                self.keep_whole(d, f"dcat:distribution {self.name(dist)}", dist)
                continue
            route: dict[str, Any] = {"tre": tre}
            if url is not None and str(url) not in (self.m.tre_urls.get(tre), f"{self.m.base}tre/{tre}"):
                route["url"] = str(url)
            for rights in self.g.objects(dist, DCT.rights):
                sentences.add_access_words(d, route, self.label(rights) or str(rights), self.m)
            out.append(route)
        for service in sorted(set(self.g.subjects(DCAT.servesDataset, ds)) - seen_services, key=str):
            tre = self.tre_of(service)
            if tre is None:
                self.keep_whole(d, f"dcat:DataService {self.name(service)} (serves this dataset)", service)
            elif tre not in [r["tre"] for r in out]:
                out.append({"tre": tre})
        d.put("/access", out)

    def describe_value(self, o: Any) -> str:
        if isinstance(o, Literal):
            return str(o) + (f"@{o.language}" if o.language else "")
        inner = self.describe(o, 1)
        head = str(o) if isinstance(o, URIRef) else ""
        return f"{head} [{inner}]".strip() if inner else head or "(blank node)"

    def keep_whole(self, d: Draft, what: str, node: Any) -> None:
        """A node that maps to no record field, kept in the notes one statement at a time."""
        pairs = sorted(((p, o) for p, o in self.g.predicate_objects(node)
                        if not (p == DCAT.servesDataset and o in self.ids)), key=lambda po: (str(po[0]), str(po[1])))
        if not pairs:
            d.unmapped(what, "(nothing more is stated about it in this file)")
        for p, o in pairs:
            d.unmapped(f"{what} {p.n3(self.ns)}", self.describe_value(o))

    def name(self, node: Any) -> str:
        return str(node) if isinstance(node, URIRef) else f"'{self.label(node)}'" if self.label(node) else "(unnamed)"

    def describe(self, node: Any, depth: int = 0, seen: frozenset[Any] = frozenset()) -> str:
        """Every statement about a node, nested nodes in brackets: a distribution or service kept whole."""
        parts = []
        for p, o in sorted(self.g.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
            if p in (DCAT.servesDataset,) and o in self.ids:
                continue
            key = p.n3(self.ns)
            if isinstance(o, Literal):
                value = str(o) + (f"@{o.language}" if o.language else "")
            elif depth < 3 and o not in seen and any(True for _ in self.g.predicate_objects(o)):
                inner = self.describe(o, depth + 1, seen | {node})
                value = f"{o if isinstance(o, URIRef) else ''} [{inner}]".strip()
            else:
                value = o.n3(self.ns) if isinstance(o, URIRef) else "(blank node)"
            parts.append(f"{key} {value}")
        return "; ".join(parts)

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
                    pub.update(sentences.citation(str(cite[0]), title))
                out.append(pub)
        d.put("/publications", sorted(out, key=lambda p: (p["title"], p.get("url", ""))))

    def relations(self, d: Draft, ds: Any) -> None:
        """part_of and has_part: this catalogue's datasets and the datasets of this import; a dataset
        series (`dcat:DatasetSeries`) is a collection whose parts are the datasets `dcat:inSeries` it."""
        g = self.g
        links = {"part_of": [(DCT.isPartOf, o) for o in g.objects(ds, DCT.isPartOf)]
                 + [(DCAT.inSeries, o) for o in g.objects(ds, DCAT.inSeries)]
                 + [(DCT.hasPart, s) for s in g.subjects(DCT.hasPart, ds)],
                 "has_part": [(DCT.hasPart, o) for o in g.objects(ds, DCT.hasPart)]
                 + [(DCAT.inSeries, s) for s in g.subjects(DCAT.inSeries, ds)]
                 + [(DCT.isPartOf, s) for s in g.subjects(DCT.isPartOf, ds) if s in self.ids]}
        for field, pairs in links.items():
            ids = []
            for pred, o in sorted(pairs, key=lambda po: (str(po[1]), str(po[0]))):
                rid = self._record_of(o) or (self.ids[o][0] if o in self.ids else None)
                if rid:
                    ids.append(rid)
                elif (o, RDF.type, DCAT.DatasetSeries) not in g or pred != DCAT.inSeries:
                    d.unmapped(pred.n3(self.ns), str(o))
            d.put(f"/{field}", list(dict.fromkeys(ids)))
        if d.fields.get("has_part") or (ds, RDF.type, DCAT.DatasetSeries) in g:
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
