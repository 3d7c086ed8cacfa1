"""DCAT (DCAT-AP 2/3, W3C DCAT) catalogues and datasets, as JSON-LD, Turtle or RDF/XML, parsed with rdflib
(JSON-LD contexts by reference from bundled copies: `jsonld.py`).

| DCAT | record field | notes |
|---|---|---|
| dataset IRI, `dct:identifier` | id, identifiers | `{base_uri}dataset/{id}` gives the id; another IRI (and a `dct:identifier` that differs from it) becomes an `identifiers` entry and the id is made from the acronym, title or the IRI's last part |
| `dct:title` | title | the catalogue's language, else untagged; other languages go to notes |
| `dcat:DatasetSeries` | type collection | a series is a collection: its members (`dcat:inSeries` it, or `dct:hasPart`) are its `has_part`, and it their `part_of` |
| `skos:altLabel` | acronym | a second one becomes an alternative title |
| `dct:alternative` | alternative_titles | kind alias |
| `dct:description` | summary | HTML converted to text |
| `dcat:keyword` | keywords | one comma-joined literal is split |
| `dcat:theme` | themes | ADR theme IRIs and labels; EU data themes read through `vocab.THEMES` in reverse when only one ADR theme fits |
| `dct:publisher`, `dct:creator` | publisher, data_owners | organisations matched by IRI, name, acronym, GOV.UK slug or home page |
| `prov:qualifiedAttribution` | contributors | role from `dcat:hadRole` (`{base_uri}role/{role}` or its label) |
| `dcat:contactPoint` | contacts | `vcard:fn`, `vcard:hasEmail`, `vcard:hasURL` |
| `dcat:landingPage` | landing_page | |
| `dct:spatial` | coverage.nations, coverage.area | ONS statistical-geography IRIs (`vocab.NATIONS`), nation names and codes, as an IRI, a label or text; text such as "England & Wales" is read as every importer reads it (`places.read_places`), a guess; other places become the area |
| `dct:temporal` | coverage.periods | `dcat:startDate`/`dcat:endDate` (also `schema:startDate`/`endDate`), label from `rdfs:label` |
| `dct:accrualPeriodicity` | update_frequency | EU frequency IRIs (`vocab.FREQUENCY`) and Dublin Core `freq:` terms, in reverse |
| `dct:accessRights` | status | `vocab.ACCESS_RIGHTS` in reverse (restricted: available; non-public: planned, reported to check) |
| `dcat:distribution`, `dcat:DataService` (`dcat:servesDataset`) | access | a route only when catalogue.yaml names its TRE (by the service's IRI, title or endpoint URL, or the access URL); gateway, accreditation, conditions and lead time from the `dct:rights` statement; any other distribution or service (a download, an API) is kept in the notes, triple by triple; no status is guessed from one |
| `dct:conformsTo` of a distribution naming a CSVW table schema | (none) | ignored: a data dictionary (`adrmeta dictionary import` reads dictionaries); the schema's own triples too |
| `dct:license` (of the dataset or its distributions) | licence | an IRI; other values go to notes, named when well known |
| `foaf:page` | documentation | kind and availability from the description adrmeta writes; other pages are kind other; the IRI adrmeta gives a document without a URL (`{base_uri}dataset/{id}.html#document-{n}`, its entry on the site page) is not read as its URL |
| `adms:identifier` | identifiers | `skos:notation`, scheme from `adms:schemeAgency` |
| `dcat:version`, `owl:versionInfo`, `adms:versionNotes` | version, versions | |
| `dct:modified` | modified | date-times become dates |
| `dct:isPartOf`, `dct:hasPart`, `dcat:inSeries` | part_of, has_part | this catalogue's datasets and the datasets of the same import |
| `dct:source` | components | a dataset of this catalogue becomes a component with its record; other sources keep their title, publisher, coverage and frequency, whatever their type (`dcat:Dataset`, or adrmeta's `{base_uri}vocab#ComponentDataset`, whose definition in the document is read with them) |
| `dct:provenance` | linkage | the linkage sentence adrmeta writes; any other statement goes to notes |
| `dct:isReferencedBy` | publications | a node with a title (`dct:title`, and `dct:bibliographicCitation`); a URL without a title is noted, never given one |
| `dct:spatial` naming the UK and a nation in it | coverage.nations | the nation (an inference): a guess never widens a fact |
| anything else | notes | every triple about the dataset and the nodes it leads to, whole (`<subject> <predicate>: value`) |

A catalogue's datasets (and dataset series) are those it lists with `dcat:dataset`, with the series
they are in; a graph without a catalogue gives every `dcat:Dataset` that is not only a component of
another, and every `dcat:DatasetSeries`. Every triple is accounted for (`rdfread.py`): mapped, kept
in the notes or, for the catalogue's own description, ignored with its reason in the report; the
catalogue's (else the dataset's) own date is the date of the draft's `import` source.

The one-to-one rows of `fieldtable.DCAT` (title, summary, keywords, version, modified) are read
through the table: its predicate and its converter's `read`, in the order `STEPS` gives; the
other rows are read by code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import rdflib
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from .. import phrases, vocab
from ..fieldtable import DCAT as TABLE
from ..fieldtable import Field, one_to_one
from ..model import IdentifierScheme, Record
from ..rdf import PREFIXES
from ..typespec import Seq, obj_spec
from . import jsonld, sentences
from .draft import DICTIONARY, Draft, inferred
from .match import Matcher
from .normalise import licence_name, slug
from .places import read_places
from .rdfread import ADMS, CSVW, DCAT, DCT, FOAF, OWL, PROV, SDO, SDO_S, SKOS, VCARD, Reader, rdf_path, stable
from .source import Source, fatal

_MINTED = re.compile(r"\.html#(?:document|publication)-\d+$|/(?:document|publication)/\d+$")
NAME = "dcat"
DESCRIPTION = "DCAT catalogue or dataset, JSON-LD, Turtle or RDF/XML"
KINDS = ("json", "turtle", "rdfxml")  # file kinds it reads (source.Source.kind)

DCAT_TYPES = (DCAT.Catalog, DCAT.Dataset, DCAT.DatasetSeries, DCAT.DataService, DCAT.Distribution)

FREQUENCIES = {vocab.EU_FREQUENCY + code: key for key, (code, _label) in reversed(vocab.FREQUENCY.items())}
# one-word terms only: "every two years" is a plain word, not a term of the vocabulary
FREQUENCIES.update({vocab.DUBLIN_CORE_FREQ + term: key for term, key in vocab.FREQUENCY_WORDS.items() if term.isalpha()})
ACCESS = {vocab.EU_ACCESS_RIGHT + code: status for status, (code, _l) in reversed(vocab.ACCESS_RIGHTS.items())}
ROLES = {label: role for role, label in vocab.ROLE_LABELS.items()}
SCHEMES: tuple[str, ...] = IdentifierScheme.__args__  # type: ignore[attr-defined]


def detect(src: Source) -> bool:
    kind = src.kind()
    if kind in ("turtle", "rdfxml"):
        return True
    if kind == "json":
        if '"@context"' not in src.text and '"@import"' not in src.text:
            return False  # not JSON-LD (and no walk over a large plain JSON file)
        data = src.json()
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
        raise fatal(
            "import.wrong-root",
            src.display,
            "a DCAT file is JSON-LD, Turtle or RDF/XML; this is none of them.",
            "Give a .jsonld, .ttl or .rdf file, or choose another --from format.",
            1,
            1,
        )
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
        raise fatal(
            "import.malformed",
            src.display,
            f"Turtle syntax error: {getattr(exc, '_why', exc)}.",
            "Fix the Turtle at this position (is every prefix declared?).",
            line,
            column,
        ) from None
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
    g = stable(graph(src))
    datasets = _datasets(g)
    if not datasets:
        if not any(True for _ in g.subjects(RDF.type, DCAT.Catalog)) and not len(g):
            raise fatal("import.no-dataset", src.display, "the file holds no RDF statements.", "Check the file.", 1, 1)
        return []
    reader = _Reader(g, src, matcher, datasets)
    drafts = [reader.dataset(d) for d in datasets]
    reader.rest(drafts[0], drafts)
    return drafts


def _datasets(g: Any) -> list[URIRef | BNode]:
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
    return sorted(found, key=str)


class _Reader(Reader):
    def __init__(self, g: rdflib.Graph, src: Source, matcher: Matcher, datasets: list[Any]) -> None:
        super().__init__(g, matcher.catalogue.language)
        self.src = src
        self.m = matcher
        self.ids: dict[Any, tuple[str, str | None]] = {}  # node -> (draft id, what it was made from)
        for ds in datasets:
            rid, made_from = self.ident(ds)
            n, base = 2, rid
            while rid in {i for i, _ in self.ids.values()}:
                rid, n = f"{base}-{n}", n + 1
            self.ids[ds] = (rid, made_from)
        self.stops = set(self.ids) | set(self.g.subjects(RDF.type, DCAT.Catalog))
        self.walked: set[Any] = set()  # nodes whose triples a dataset's draft has accounted for
        self.raw: dict[str, Any] = {}  # record field -> the value its table row read, of the current dataset

    def ident(self, ds: Any) -> tuple[str, str | None]:
        """The draft id of a dataset: its record id in this catalogue, else made from its acronym,
        title or IRI (the second value says which)."""
        rid = self.m.record_id(str(ds)) if isinstance(ds, URIRef) else None
        if rid:
            return rid, None
        acronyms = sorted(str(x) for x in self.literals(ds, SKOS.altLabel))
        titles = sorted(self.literals(ds, DCT.title), key=lambda x: (x.language not in (self.lang, None), str(x)))
        tail = re.split(r"[/#:]", str(ds).rstrip("/#"))[-1] if isinstance(ds, URIRef) else ""
        for text, what in (
            (acronyms[0] if acronyms else "", "acronym"),
            (str(titles[0]) if titles else "", "title"),
            (tail, "IRI"),
        ):
            if text and slug(text) != "imported-dataset":
                return slug(text), what
        return "imported-dataset", "nothing (the source gives no title)"

    # --- a dataset ---

    def dataset(self, ds: Any) -> Draft:
        # rdflib keeps no positions of triples: findings name the dataset's node instead of a line
        d = Draft(self.src.display, NAME, subject=str(ds) if isinstance(ds, URIRef) else f"_:{ds}")
        self.g.draft = d
        d.used(rdf_path(ds, RDF.type))
        rid = self.m.record_id(str(ds)) if isinstance(ds, URIRef) else None
        d.put("/id", self.ids[ds][0])
        if not rid:
            d.guessed("/id", f"the id '{d.fields['id']}' was made from the {self.ids[ds][1]}.")
        for step in STEPS:
            if isinstance(step, str):
                self.field(d, ds, ROWS[step])
            else:
                step(self, d, ds)
        others = self.stops  # the other datasets and the catalogue are not this dataset's to note
        nodes = self.closure(d, ds, others)
        for service in self.g.subjects(DCAT.servesDataset, ds):
            nodes |= self.closure(d, service, others)
        self.leftovers(d, nodes)
        self.walked |= nodes
        self.g.draft = None
        return d

    def rest(self, first: Draft, drafts: list[Draft]) -> None:
        """Triples about no imported dataset. The catalogue's describe the catalogue (its date is the
        source's date); those of the entries the drafts matched in catalogue.yaml (and what they
        lead to: concept schemes, home pages) are catalogue.yaml's business; any other triple is
        kept in the notes of the first draft."""
        accounted = set().union(*(d.accounted for d in drafts))
        for cat in sorted(self.g.subjects(RDF.type, DCAT.Catalog), key=str):
            date = self.g.value(cat, DCT.modified) or self.g.value(cat, DCT.issued)
            for d in drafts:
                if date is not None:
                    d.source_date(str(date))
            first.ignored(rdf_path(cat), "it describes the catalogue that lists the datasets, not a dataset.")
            accounted.add(rdf_path(cat))
        subjects = set(self.g.subjects())
        entries = {n for n in subjects if rdf_path(n) in accounted}
        subjects -= self.walked
        reached = self.beyond(entries)
        first.used(*(rdf_path(n) for n in reached if rdf_path(n) not in accounted))
        own = set(first.accounted)
        first.accounted |= accounted  # what the other drafts hold is not noted again
        self.leftovers(first, {s for s in subjects - entries - reached if isinstance(s, (URIRef, BNode))})
        first.accounted = own | (first.accounted - accounted)

    def beyond(self, entries: set[Any]) -> set[Any]:
        """The nodes the catalogue entries lead to (concept schemes, home pages), in one walk."""
        g = self.g.g
        seen = set(entries)
        todo = list(entries)
        while todo:
            for o in g.objects(todo.pop(), None):
                if isinstance(o, (URIRef, BNode)) and o not in seen and o not in self.stops and (o, None, None) in g:
                    seen.add(o)
                    todo.append(o)
        return seen - entries

    def landing(self, d: Draft, ds: Any) -> None:
        landing = self.first(ds, DCAT.landingPage)
        if landing is None:
            return
        d.put("/landing_page", d.url("/landing_page", str(landing)))
        self.g.objects(landing, RDF.type)
        # adrmeta's export titles the page with the dataset's title (or a document's, read as documentation)
        if self.g.value(landing, DCT.title) is not None and (
            str(self.g.value(landing, DCT.title)) == d.fields.get("title") or (ds, FOAF.page, landing) in self.g
        ):
            self.g.objects(landing, DCT.title)

    def field(self, d: Draft, ds: Any, f: Field) -> None:
        """A one-to-one row of `fieldtable.DCAT`: every literal of a list field, else one literal in
        the catalogue's language (`Reader.one`: the others noted), made a value by the row's `read`."""
        assert f.convert is not None
        prefix, local = f.prop.split(":", 1)
        predicate = URIRef(PREFIXES[prefix] + local)
        value = [str(x) for x in self.literals(ds, predicate)] if f.record in LISTS else self.one(d, ds, predicate)
        self.raw[f.record] = value  # as read, for the steps that need more than the field
        if value not in (None, "", []):
            d.put(f"/{f.record}", f.convert.read(d, f"/{f.record}", value))

    def names(self, d: Draft, ds: Any) -> None:
        """The acronym (the first `skos:altLabel`; a second is an alternative title) and the alternative titles."""
        acronyms = sorted(str(x) for x in self.literals(ds, SKOS.altLabel))
        if acronyms:
            d.put("/acronym", acronyms[0])
        alts = [{"title": t} for t in sorted(str(x) for x in self.literals(ds, DCT.alternative))]
        alts += [{"title": t, "kind": "acronym"} for t in acronyms[1:]]
        d.put("/alternative_titles", alts)

    def source_date(self, d: Draft, ds: Any) -> None:
        """The dataset's own date (the catalogue's replaces it: `rest`)."""
        d.source_date(self.raw["modified"] or self.g.value(ds, DCT.issued))

    def frequency(self, d: Draft, ds: Any) -> None:
        freq = self.first(ds, DCT.accrualPeriodicity)
        if freq is None:
            return
        with self.g.quiet():
            key = FREQUENCIES.get(str(freq)) or vocab.FREQUENCY_WORDS.get(str(self.label(freq) or "").casefold())
        if key:
            d.put("/update_frequency", key)
            self.use_node(d, freq)
        else:
            d.invalid(
                "/update_frequency", self.describe_value(freq), "one of the record's update frequencies (dct:accrualPeriodicity)"
            )

    def status(self, d: Draft, ds: Any) -> None:
        rights = self.first(ds, DCT.accessRights)
        status = ACCESS.get(str(rights)) if rights is not None else None
        if status:  # status is required: a reading to check, never an inference (those are left out of exports)
            d.put("/status", status)
        if status == "planned" and rights == URIRef(vocab.EU_ACCESS_RIGHT + "NON_PUBLIC"):
            d.guessed("/status", "non-public access rights read as planned (it could also be retired).")
        elif rights is not None and not status:
            d.invalid(
                "/status", self.describe_value(rights), "an EU access-right term the status is read from (dct:accessRights)"
            )
        if status:
            self.use_node(d, rights)

    def version(self, d: Draft, ds: Any) -> None:
        """DCAT-AP 2's `owl:versionInfo` when there is no `dcat:version` (the table's row), and the
        version's note."""
        version = self.raw["version"]
        if not version:
            version = self.one(d, ds, OWL.versionInfo)
            d.put("/version", d.text("/version", version))
        notes = self.literals(ds, ADMS.versionNotes)
        if version and notes:
            d.put("/versions", [{"name": version, "note": str(notes[0])}])
            for extra in notes[1:]:
                d.note(f"{rdf_path(ds, ADMS.versionNotes)} (one value is read)", str(extra))
        elif notes:
            for n in notes:
                d.note(rdf_path(ds, ADMS.versionNotes), str(n))

    def org(self, d: Draft, node: Any, path: str) -> str | None:
        with self.g.quiet():
            name = self.label(node)
            key = self.m.org(
                str(node) if isinstance(node, URIRef) else None, name, *(str(x) for x in self.g.objects(node, FOAF.homepage))
            )
        if key is not None:
            self.use_node(d, node)  # a catalogue organisation: catalogue.yaml describes it
        elif name or isinstance(node, URIRef):
            shown = name or str(node)
            d.reference(path, "organisation", shown, slug(shown))
            self.label(node)  # the name is in the finding; its other facts are left for the notes
        return key

    def agents(self, d: Draft, ds: Any) -> None:
        pub = self.first(ds, DCT.publisher)
        if pub is not None:
            d.put("/publisher", self.org(d, pub, "/publisher"))
        owners = [self.org(d, o, "/data_owners") for o in sorted(self.g.objects(ds, DCT.creator), key=str)]
        d.put("/data_owners", list(dict.fromkeys(k for k in owners if k)))
        contributors = []
        for att in sorted(self.g.objects(ds, PROV.qualifiedAttribution), key=str):
            self.g.objects(att, RDF.type)
            agent = self.first(att, PROV.agent)
            role_node = self.first(att, DCAT.hadRole)
            if agent is None:
                continue
            key = self.org(d, agent, "/contributors")
            role_iri = str(role_node) if role_node is not None else ""
            with self.g.quiet():
                role = (
                    role_iri.rsplit("/", 1)[-1]
                    if role_iri.startswith(f"{self.m.base}role/")
                    else ROLES.get(self.label(role_node) or "")
                    if role_node is not None
                    else None
                )
            if key and role in vocab.ROLE_LABELS:
                contributors.append({"organisation": key, "role": role})
                self.use_node(d, role_node)
            elif key:
                d.note(
                    f"{rdf_path(att, DCAT.hadRole)} (no record role)",
                    f"{key} with role {self.describe_value(role_node) if role_node else 'none'}",
                )
        d.put("/contributors", sorted(contributors, key=lambda c: (c["organisation"], c["role"])))

    def contacts(self, d: Draft, ds: Any) -> None:
        out = []
        for kind in sorted(self.g.objects(ds, DCAT.contactPoint), key=str):
            if str(kind) == f"{self.m.base}catalogue/contact":  # adrmeta's stand-in: the catalogue's, not the dataset's
                d.ignored(rdf_path(kind), "it is the catalogue's enquiries contact, not the dataset's.")
                continue
            c: dict[str, Any] = {}
            self.g.objects(kind, RDF.type)
            name = self.label(kind)
            email = self.first(kind, VCARD.hasEmail)
            url = self.first(kind, VCARD.hasURL)
            if email is not None:
                c["email"] = str(email).removeprefix("mailto:")
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
        eu: list[tuple[Any, str]] = []
        for t in sorted(self.g.objects(ds, DCAT.theme), key=str):
            iri = str(t)
            if iri.startswith(vocab.EU_DATA_THEME + "/"):
                eu.append((t, iri.rsplit("/", 1)[-1]))
                continue
            with self.g.quiet():
                key = self.m.theme(iri, self.label(t))
            if key:
                found.append(key)
                self.use_node(d, t)
            else:
                name = self.label(t) or iri
                d.reference("/themes", "theme", name, slug(name))
        if found:
            derived = {c for k in found for c in vocab.THEMES.get(k, ())}  # adrmeta's export adds them
            for t, code in eu:
                if code in derived:
                    self.use_node(d, t)
                else:
                    d.note(f"{rdf_path(ds, DCAT.theme)} (EU data theme)", f"{t} ({vocab.EU_THEME_LABELS.get(code, code)})")
            d.put("/themes", list(dict.fromkeys(found)))
            return
        guesses = []
        for t, code in eu:
            fits = [k for k, codes in vocab.THEMES.items() if code in codes and self.m.theme(k)]
            if len(fits) == 1:
                guesses.append(fits[0])
                self.use_node(d, t)
            else:
                d.note(f"{rdf_path(ds, DCAT.theme)} (EU data theme)", f"{t} ({vocab.EU_THEME_LABELS.get(code, code)})")
        if guesses:
            d.guess(
                "/themes",
                list(dict.fromkeys(guesses)),
                f"read from the EU data themes {', '.join(c for _t, c in eu)} through the crosswalk (vocab.THEMES).",
            )

    def periods(self, d: Draft, node: Any, path: str) -> list[dict[str, Any]]:
        out = []
        for t in sorted(self.g.objects(node, DCT.temporal), key=str):
            self.g.objects(t, RDF.type)
            p: dict[str, Any] = {}
            for key, preds in (
                ("start", (DCAT.startDate, SDO.startDate, SDO_S.startDate)),
                ("end", (DCAT.endDate, SDO.endDate, SDO_S.endDate)),
            ):
                value = next((v for v in (self.first(t, pred) for pred in preds) if v is not None), None)
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
        """Nations and area from `dct:spatial`: an IRI, a node with a label, or text ("England &
        Wales"), read by `places.read_places` as every importer reads places."""
        places = sorted(self.g.objects(node, DCT.spatial), key=str)
        labels: list[str | None] = []
        for place in places:
            with self.g.quiet():
                labels.append(str(place) if isinstance(place, Literal) else self.label(place))
        reading = read_places(
            [
                (label or str(place), ([str(place)] if isinstance(place, URIRef) else []) + ([label] if label else []))
                for place, label in zip(places, labels, strict=True)
            ]
        )
        areas: list[str] = []
        for i, (place, label) in enumerate(zip(places, labels, strict=True)):
            if i not in reading.unread:
                self.use_node(d, place)
            elif label:
                areas.append(label)
                self.label(place)  # accounted for: the label is the area
                self.g.objects(place, RDF.type)
            else:
                d.invalid(f"{path}/area", self.describe_value(place), "a UK nation or a place with a name (dct:spatial)")
        out: dict[str, Any] = {}
        if reading.nations:
            out["nations"] = list(reading.nations)
        if areas:
            out["area"] = ", ".join(areas)
        if reading.nations and reading.reasoning:
            out["_guess"] = reading.reasoning
        return out

    def coverage(self, d: Draft, ds: Any) -> None:
        cov = self.spatial(d, ds, "/coverage")
        reasoning = cov.pop("_guess", None)
        # A component's periods are repeated on the dataset, labelled with the component's title:
        # they are read with the component, not twice.
        theirs = set()
        with self.g.quiet():
            for c in self.g.objects(ds, DCT.source):
                title = self.label(c)
                if self._record_of(c) or not title:
                    continue
                for p in self.periods(Draft("", ""), c, ""):
                    label = f"{title}: {p['label']}" if "label" in p else None
                    theirs.add((p.get("start"), p.get("end"), label))
        periods = [
            p for p in self.periods(d, ds, "/coverage/periods") if (p.get("start"), p.get("end"), p.get("label")) not in theirs
        ]
        if periods:
            cov["periods"] = periods
        if reasoning:
            nations_ = cov.pop("nations")
            d.put("/coverage", cov)
            d.guess("/coverage/nations", nations_, reasoning)
        else:
            d.put("/coverage", cov)

    def _minted(self, node: Any) -> bool:
        """An IRI adrmeta's DCAT export gave a document or publication that has no URL of its own:
        a hash into the dataset's page (`.html#document-n`), or, in exports before that, a path
        under the dataset (`/document/n`, `/publication/n`). Neither is a URL a source gives."""
        text = str(node)
        return text.startswith(f"{self.m.base}dataset/") and _MINTED.search(text) is not None

    def _record_of(self, node: Any) -> str | None:
        return self.m.record_id(str(node)) if isinstance(node, URIRef) else None

    def components(self, d: Draft, ds: Any) -> None:
        out = []
        guesses: list[tuple[int, str]] = []  # a component's nations read by judgement: inferences
        for c in sorted(self.g.objects(ds, DCT.source), key=str):
            rid = self._record_of(c)
            if rid:
                self.use_node(d, c)  # described by its own record
                out.append({"id": rid, "title": self.label(c) or rid, "record": rid})
                continue
            with self.g.quiet():
                named = self.label(c)
            if not named:  # a component's title is required, and never made from its IRI
                d.note(f"{rdf_path(ds, DCT.source)} (a source without a title)", str(c))
                continue
            title = self.label(c) or str(c)
            comp: dict[str, Any] = {
                "id": str(c).rsplit("/component/", 1)[-1] if "/component/" in str(c) else slug(title),
                "title": title,
            }
            for kind in self.g.objects(c, RDF.type):
                if str(kind) == self.m.base + vocab.COMPONENT_DATASET:
                    self.use_node(d, kind)  # the class adrmeta's export types it with, defined in the document
            desc = self.one(d, c, DCT.description)
            if desc and desc != f"{title}: a component of {d.fields.get('title')}.":
                comp["description"] = desc
            pub = self.first(c, DCT.publisher)
            if pub is not None:
                comp["provider"] = self.org(d, pub, "/components")
            cov = self.spatial(d, c, "/components")
            guess = cov.pop("_guess", None)
            if guess:
                guesses.append((len(out), guess))
            periods = self.periods(d, c, "/components")
            if periods:
                cov["periods"] = periods
            if cov:
                comp["coverage"] = cov
            freq = self.first(c, DCT.accrualPeriodicity)
            if freq is not None and str(freq) in FREQUENCIES:
                comp["update_frequency"] = FREQUENCIES[str(freq)]
                self.use_node(d, freq)
            for p in (DCT.isPartOf, DCT.accessRights, DCAT.contactPoint):  # the parent's, repeated by adrmeta's export
                if all(o in set(self.g.g.objects(ds, p)) or o == ds for o in self.g.g.objects(c, p)):
                    self.g.objects(c, p)
            out.append({k: v for k, v in comp.items() if v is not None})
        d.put("/components", out)
        for n, why in guesses:
            inferred(d, f"/components/{n}/coverage/nations", why)

    def linkage(self, d: Draft, ds: Any) -> None:
        for prov in sorted(self.g.objects(ds, DCT.provenance), key=str):
            text = self.label(prov) or (str(prov) if isinstance(prov, Literal) else "")
            self.g.objects(prov, RDF.type)
            lk = phrases.read_linkage(text)
            if lk and "linkage" not in d.fields:
                d.put("/linkage", lk)
            elif text:
                d.note(f"{rdf_path(ds, DCT.provenance)} (not a linkage statement)", text)

    def documentation(self, d: Draft, ds: Any) -> None:
        out = []
        for page in sorted(self.g.objects(ds, FOAF.page), key=str):
            with self.g.quiet():
                title = self.literals(page, DCT.title)
            if not title:  # a document's title is required, and never made from its URL
                d.note(f"{rdf_path(ds, FOAF.page)} (a page without a title)", str(page))
                continue
            self.g.objects(page, RDF.type)
            title = self.literals(page, DCT.title)
            desc = self.literals(page, DCT.description)
            doc: dict[str, Any] = {}
            parsed = phrases.read_document(str(desc[0])) if desc else None
            url = str(page) if isinstance(page, URIRef) and not self._minted(page) else None
            guessed = False
            if parsed:
                doc["kind"], doc["availability"], note = parsed
                if note:
                    doc["note"] = note
            else:
                doc["kind"] = "other"
                doc["availability"] = "public" if url else "on-request"
                guessed = True
                if desc:
                    doc["note"] = str(desc[0])
            doc["title"] = str(title[0])
            if url:
                doc["url"] = url
            out.append((doc, guessed))
        out.sort(key=lambda x: (x[0]["kind"], x[0]["title"], x[0].get("url", "")))
        d.put("/documentation", [doc for doc, _g in out])
        for i, (doc, guessed) in enumerate(out):
            if guessed:  # kind other states no more than that the kind is unknown: a reading, not a claim
                d.guessed(
                    f"/documentation/{i}",
                    f"the page '{doc['title']}' says nothing of its kind or "
                    f"availability: kind other, availability {doc['availability']}.",
                )

    def tre_of(self, service: Any, url: Any = None) -> str | None:
        """The catalogue's TRE that a data service (or an access URL) is, by IRI, title or URL."""
        names: list[str | None] = []
        with self.g.quiet():
            if service is not None:
                names += [
                    str(service) if isinstance(service, URIRef) else None,
                    self.label(service),
                    *(str(u) for u in self.g.objects(service, DCAT.endpointURL)),
                ]
            names.append(str(url) if url is not None else None)
            return self.m.tre(*names)

    def access(self, d: Draft, ds: Any) -> None:
        """Access routes. A distribution or data service is a route only when catalogue.yaml names
        its TRE; any other (a download, an API) is left for the notes, whole: never made a TRE."""
        out: list[dict[str, Any]] = []
        seen_services = set()
        for dist in sorted(self.g.g.objects(ds, DCAT.distribution), key=str):
            with self.g.quiet():
                service = self.first(dist, DCAT.accessService)
                url = self.first(dist, DCAT.accessURL)
            seen_services.add(service)
            tre = self.tre_of(service, url)
            if tre is None:
                continue
            self.g.objects(ds, DCAT.distribution)
            for p in (RDF.type, DCAT.accessService, DCAT.accessURL, DCT.title, DCT.description):
                self.g.objects(dist, p)  # the route, and the sentences adrmeta's export writes about it
            self.use_node(d, service)
            self.use_node(d, url)  # the route's page: a value of the route, not a document of the dataset
            route: dict[str, Any] = {"tre": tre}
            if url is not None and str(url) not in (self.m.tre_urls.get(tre), f"{self.m.base}tre/{tre}"):
                route["url"] = str(url)
            for rights in self.g.objects(dist, DCT.rights):
                sentences.add_access_words(d, route, self.label(rights) or str(rights), self.m)
                self.g.objects(rights, RDF.type)
            out.append(route)
        for service in sorted(set(self.g.subjects(DCAT.servesDataset, ds)) - seen_services, key=str):
            tre = self.tre_of(service)
            if tre is not None and tre not in [r["tre"] for r in out]:
                out.append({"tre": tre})
            if tre is not None:
                self.use_node(d, service)
        d.put("/access", out)

    def table_schema(self, node: Any) -> bool:
        """A CSVW table schema: the IRI adrmeta's export gives one, or a node typed in CSVW."""
        if isinstance(node, URIRef) and str(node).startswith(f"{self.m.base}csvw/"):
            return True
        return any(str(t).startswith(str(CSVW)) for t in self.g.g.objects(node, RDF.type))

    def table_schemas(self, d: Draft, ds: Any) -> None:
        """The tables a distribution conforms to are a data dictionary: left, with what describes
        them, to `adrmeta dictionary import`. Other standards named beside them are noted."""
        for dist in sorted(self.g.g.objects(ds, DCAT.distribution), key=str):
            targets = sorted(self.g.g.objects(dist, DCT.conformsTo), key=lambda o: o.n3())
            schemas = [o for o in targets if self.table_schema(o)]
            if not schemas:
                continue
            path = rdf_path(dist, DCT.conformsTo)
            for other in (o for o in targets if o not in schemas):
                d.note(path, self.describe_value(other))
            d.ignored(path, DICTIONARY)
            for schema in schemas:
                if (schema, None, None) in self.g.g and rdf_path(schema) not in d.accounted:
                    d.ignored(rdf_path(schema), DICTIONARY)

    def licences(self, d: Draft, ds: Any) -> None:
        """The data's licence, on the dataset or (DCAT-AP 3) its distributions: an IRI is the record's
        `licence` (its description, as adrmeta's export writes it, used with it); other values noted."""
        for subject in (ds, *sorted(self.g.g.objects(ds, DCAT.distribution), key=str)):
            for lic in sorted(self.g.objects(subject, DCT.license), key=str):
                if isinstance(lic, URIRef) and d.licence_url(str(lic)):
                    d.licence(rdf_path(subject, DCT.license), str(lic))
                    self.use_node(d, lic)
                    continue
                name = licence_name(str(lic)) if isinstance(lic, URIRef) else None
                d.note(rdf_path(subject, DCT.license), f"{self.describe_value(lic)}{f' ({name})' if name else ''}")

    def publications(self, d: Draft, ds: Any) -> None:
        out = []
        for ref in sorted(self.g.objects(ds, DCT.isReferencedBy), key=str):
            if isinstance(ref, Literal):
                d.note(f"{rdf_path(ds, DCT.isReferencedBy)} (a text, not a publication)", str(ref))
                continue
            self.g.objects(ref, RDF.type)
            title = self.label(ref)
            if isinstance(ref, URIRef) and not self._minted(ref) and title:
                out.append(({"title": title, "url": str(ref)}, False))
            elif isinstance(ref, URIRef) and not self._minted(ref):  # a title is never made up from the URL
                d.note(f"{rdf_path(ds, DCT.isReferencedBy)} (a publication without a title)", str(ref))
            elif title:
                pub: dict[str, Any] = {"title": title}
                cite = self.literals(ref, DCT.bibliographicCitation)
                if cite:
                    pub.update(phrases.read_citation(str(cite[0]), title))
                out.append((pub, False))
        out.sort(key=lambda x: (x[0]["title"], x[0].get("url", "")))
        d.put("/publications", [p for p, _g in out])

    def relations(self, d: Draft, ds: Any) -> None:
        """part_of and has_part: this catalogue's datasets and the datasets of this import; a dataset
        series (`dcat:DatasetSeries`) is a collection whose parts are the datasets `dcat:inSeries` it."""
        g = self.g.g
        links = {
            "part_of": [(ds, DCT.isPartOf, o) for o in g.objects(ds, DCT.isPartOf)]
            + [(ds, DCAT.inSeries, o) for o in g.objects(ds, DCAT.inSeries)]
            + [(s, DCT.hasPart, s) for s in g.subjects(DCT.hasPart, ds)],
            "has_part": [(ds, DCT.hasPart, o) for o in g.objects(ds, DCT.hasPart)]
            + [(s, DCAT.inSeries, s) for s in g.subjects(DCAT.inSeries, ds)]
            + [(s, DCT.isPartOf, s) for s in g.subjects(DCT.isPartOf, ds) if s in self.ids],
        }
        for field, triples in links.items():
            ids = []
            for s, pred, o in sorted(triples, key=lambda t: (str(t[2]), str(t[1]))):
                rid = self._record_of(o) or (self.ids[o][0] if o in self.ids else None)
                if rid:
                    ids.append(rid)
                    if s == ds:
                        d.used(rdf_path(ds, pred))
            d.put(f"/{field}", list(dict.fromkeys(ids)))
        if d.fields.get("has_part") or (ds, RDF.type, DCAT.DatasetSeries) in g:
            d.put("/type", "collection")  # only a collection lists parts (consistency.collection-parts)

    def identifiers(self, d: Draft, ds: Any) -> None:
        iri = str(ds) if isinstance(ds, URIRef) else None
        out = []
        for ident in sorted(self.g.objects(ds, ADMS.identifier), key=str):
            notation = self.literals(ident, SKOS.notation)
            if not notation:
                continue
            self.g.objects(ident, RDF.type)
            agency = self.literals(ident, ADMS.schemeAgency)
            scheme = str(agency[0]) if agency else "other"
            out.append({"scheme": scheme if scheme in SCHEMES else "other", "value": str(notation[0])})
            if scheme not in SCHEMES:
                d.note(f"{rdf_path(ident, ADMS.schemeAgency)} (scheme read as other)", scheme)
        for ident in self.literals(ds, DCT.identifier):
            if str(ident) != iri and str(ident) != d.fields.get("id"):
                out.append(
                    {"scheme": "url", "value": str(ident), "url": str(ident)}
                    if re.match(r"https?://", str(ident))
                    else {"scheme": "other", "value": str(ident)}
                )
        if iri and not self.m.record_id(iri) and re.match(r"https?://", iri):
            out.append({"scheme": "url", "value": iri, "url": iri})
        d.put(
            "/identifiers",
            sorted({json.dumps(i, sort_keys=True): i for i in out}.values(), key=lambda i: (i["scheme"], i["value"])),
        )


# The order a dataset is read in: the table's one-to-one rows (named by record field) and the
# steps mapped by code, as they were always read, so notes and findings keep their order. A row
# the order does not name is read last.
Step = Callable[[_Reader, Draft, Any], None]
ROWS = {f.record: f for f in one_to_one(TABLE)}
LISTS = {name for name in ROWS if isinstance(obj_spec(Record).fields[name].spec, Seq)}
STEPS: tuple[str | Step, ...] = (
    "title",
    _Reader.names,
    "summary",
    "modified",
    _Reader.source_date,
    "keywords",
    _Reader.status,
    "version",
    _Reader.version,
    _Reader.agents,
    _Reader.contacts,
    _Reader.landing,
    _Reader.themes,
    _Reader.coverage,
    _Reader.frequency,
    _Reader.components,
    _Reader.linkage,
    _Reader.documentation,
    _Reader.access,
    _Reader.publications,
    _Reader.relations,
    _Reader.identifiers,
    _Reader.licences,
    _Reader.table_schemas,
)
STEPS += tuple(name for name in ROWS if name not in STEPS)
