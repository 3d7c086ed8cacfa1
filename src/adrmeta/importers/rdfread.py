"""Reading an RDF graph for a draft, with every triple accounted for.

`Recording` wraps the graph: each `objects(s, p)` an importer asks for marks `<s> <p>` used on
the current draft (`Draft.used`), so a triple the importer reads is a triple it maps. Reading done
only to decide something (is this service a TRE of the catalogue? this organisation one of ours?)
runs inside `quiet()`, and the importer marks what it really mapped with `use_node`. After a
dataset is read, `leftovers` notes every other triple about the dataset and the nodes it leads to
(`closure`), whole; triples about nothing imported are noted on the first draft of the file.

Blank nodes get stable labels first (`stable`), so a note citing one reads the same on every run
and from every serialisation of one graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import rdflib
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import NamespaceManager

from .draft import Draft
from .leaves import rdf_path as _rdf_path

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
LOCN = Namespace("http://www.w3.org/ns/locn#")
CSVW = Namespace("http://www.w3.org/ns/csvw#")
LABELS = (SKOS.prefLabel, RDFS.label, FOAF.name, DCT.title, VCARD.fn)
# `leaves.rdf_path`, remembered: rdflib checks an IRI each time it writes one, and a dataset's
# triples are looked up several times (read, then walked for leftovers).
rdf_path = lru_cache(maxsize=1 << 16)(_rdf_path)


def stable(g: rdflib.Graph) -> rdflib.Graph:
    """The graph with each blank node labelled by what it states and who points at it (unchanged
    when it has none): notes citing one read the same on every run and from every serialisation.
    Linear, unlike a full canonicalisation (`rdflib.compare`, minutes at a few hundred datasets);
    two blank nodes stating the same under the same parent get one label, as they say one thing."""
    blanks = {x for t in g for x in (t[0], t[2]) if isinstance(x, BNode)}
    if not blanks:
        return g
    memo: dict[BNode, str] = {}

    def content(b: BNode, path: frozenset[BNode]) -> str:
        if b in memo:
            return memo[b]
        if b in path:
            return "(cycle)"
        parts = sorted(
            f"{p.n3()} {content(o, path | {b}) if isinstance(o, BNode) else o.n3()}" for p, o in g.predicate_objects(b)
        )
        parents = sorted(f"{s.n3() if not isinstance(s, BNode) else '_'} {p.n3()}" for s, p in g.subject_predicates(b))
        memo[b] = hashlib.sha256("\n".join(parts + ["<-"] + parents).encode()).hexdigest()[:32]
        return memo[b]

    labels = {b: BNode("b" + content(b, frozenset())) for b in blanks}
    out = rdflib.Graph()
    for s, p, o in g:
        out.add((labels.get(s, s), p, labels.get(o, o)))  # type: ignore[call-overload]
    return out


def prefixes() -> NamespaceManager:
    """Fixed prefixes for notes, whatever prefixes a file declares."""
    ns = NamespaceManager(rdflib.Graph(bind_namespaces="core"), bind_namespaces="core")
    for prefix, iri in (
        ("dcat", DCAT),
        ("dct", DCT),
        ("foaf", FOAF),
        ("skos", SKOS),
        ("vcard", VCARD),
        ("adms", ADMS),
        ("prov", PROV),
        ("dcatap", "http://data.europa.eu/r5r/"),
        ("schema", SDO),
        ("locn", LOCN),
        ("spdx", "http://spdx.org/rdf/terms#"),
    ):
        ns.bind(prefix, iri, override=True, replace=True)
    return ns


class Recording:
    """The graph, marking on the current draft each (subject, predicate) read through `objects`."""

    def __init__(self, g: rdflib.Graph) -> None:
        self.g = g
        self.draft: Draft | None = None
        self._quiet = 0

    def objects(self, s: Any, p: Any) -> Iterator[Any]:
        if self.draft is not None and not self._quiet and isinstance(s, (URIRef, BNode)):
            self.draft.used(rdf_path(s, p))
        return self.g.objects(s, p)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.g, name)

    def __contains__(self, triple: Any) -> bool:
        return triple in self.g

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Reads that only decide something, and map nothing yet."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1


class Reader:
    """Literals, labels and first values read from a graph in the catalogue's language."""

    def __init__(self, g: rdflib.Graph, lang: str | None) -> None:
        self.g = Recording(g)
        self.lang = lang
        self.ns = prefixes()

    @property
    def cur(self) -> Draft:
        assert self.g.draft is not None
        return self.g.draft

    def literals(self, s: Any, p: Any) -> list[Literal]:
        return [o for o in self.g.objects(s, p) if isinstance(o, Literal)]

    def one(self, d: Draft, s: Any, p: Any) -> str | None:
        """One text in the catalogue's language (or untagged); the others are kept in the notes."""
        lits = self.literals(s, p)
        if not lits:
            return None
        best = sorted(lits, key=lambda x: (x.language not in (self.lang, None), x.language is not None, str(x)))
        for extra in best[1:]:  # the path says which: the predicate's other value is mapped
            d.note(f"{rdf_path(s, p)} @{extra.language or 'no language'}", self.text_of(extra))
        return str(best[0])

    def label(self, s: Any) -> str | None:
        for p in LABELS:
            lits = self.literals(s, p)
            if lits:
                return str(sorted(lits, key=lambda x: (x.language not in (self.lang, None), str(x)))[0])
        return None

    def first(self, s: Any, p: Any) -> Any:
        """The first value (in a stable order); any others are kept in the notes."""
        values = sorted(self.g.objects(s, p), key=lambda o: o.n3())
        for extra in values[1:]:
            if self.g.draft is not None:
                self.cur.note(f"{rdf_path(s, p)} (one value is read)", self.describe_value(extra))
        return values[0] if values else None

    def use_node(self, d: Draft, node: Any) -> None:
        """Every triple about a node is mapped (a catalogue entry the node was matched to)."""
        if isinstance(node, (URIRef, BNode)):
            d.used(rdf_path(node))

    def text_of(self, o: Any) -> str:
        return str(o) + (f"@{o.language}" if isinstance(o, Literal) and o.language else "")

    def describe_value(self, o: Any) -> str:
        """A value for a note: a literal as written, an IRI with its label when it has one."""
        if isinstance(o, Literal):
            return self.text_of(o)
        with self.g.quiet():
            label = self.label(o)
        return f"{o} ({label})" if label and isinstance(o, URIRef) else str(o) if isinstance(o, URIRef) else label or o.n3()

    def closure(self, d: Draft, start: Any, stop: set[Any]) -> set[Any]:
        """The nodes a dataset leads to through its triples, not going into `stop` (other datasets)
        nor beyond a node the draft used whole (a catalogue entry: what it leads to is its own)."""
        seen = {start}
        todo = [start]
        while todo:
            n = todo.pop()
            if rdf_path(n) in d.accounted:
                continue
            for o in self.g.g.objects(n, None):
                if isinstance(o, (URIRef, BNode)) and o not in seen and o not in stop and (o, None, None) in self.g.g:
                    seen.add(o)
                    todo.append(o)
        return seen

    def leftovers(self, d: Draft, nodes: set[Any]) -> None:
        """Keep in the notes, whole, every triple about `nodes` the draft did not account for: the
        leaves `leaves.rdf_leaves` gives of those nodes (a blank node with triples of its own is
        no leaf), walked without copying them into a graph of their own."""
        g = self.g.g
        rest = []
        for n in nodes:
            if rdf_path(n) in d.accounted:
                continue
            for p, o in g.predicate_objects(n):
                path = rdf_path(n, p)
                if path in d.accounted or (isinstance(o, BNode) and o in nodes and (o, None, None) in g):
                    continue
                rest.append((path, o))
        # Not Draft.leftovers: it takes a path as accounted once noted, and a predicate with several
        # values (two licences, three distributions) is one path.
        for path, o in sorted(rest, key=lambda po: (po[0], po[1].n3())):
            d.note(path, self.describe_value(o))
