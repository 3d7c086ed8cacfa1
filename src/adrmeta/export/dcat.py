"""DCAT-AP 3.0.1: a `dcat:Catalog` with a `dcat:Dataset` per record, as JSON-LD and Turtle.

| record field | DCAT-AP 3 | notes |
|---|---|---|
| provenance (basis: inference) | nothing | inferred values are taken out before rendering (`provenance.published`): DCAT states facts only |
{FIELDS}
| dictionary.tables | `dct:conformsTo` on each `dcat:Distribution` | the table's CSVW schema (`csvw/{id}/{table}.json`, see `export/csvw.py`) as a `dct:Standard` with `dct:title` and `dct:description`; a planned dataset has no distribution, so no link |
| population, unit_of_analysis, size, research_questions, expected_availability, update_note, sources, variants, notes | not carried | DCAT-AP has no property for them; DDI carries population (`universe`), unit_of_analysis (`anlyUnit`), expected_availability (`avlStatus`) and update_note (`frequenc`), but not size; HDR UK carries size (as observations) |

The catalogue: `dcat:Catalog` `{base_uri}catalogue` with `dct:title`, `dct:description`,
`dct:publisher`, `foaf:homepage`, `dcat:themeTaxonomy` (the ADR theme scheme and the EU data-theme
scheme), `dct:language` (EU language IRI), `dct:license` (the metadata licence, typed
`dct:LicenseDocument` with an ADMS licence type), `dct:modified` (the newest of the catalogue's own
`modified` and its datasets'), `dct:spatial` (United Kingdom),
`dcat:dataset` and `dcat:service`. Every concept, agent, document and service used is typed and
labelled in the same document so the DCAT-AP range shapes hold.

A feed's catalogue (`feeds/{id}/dcat/catalog.*`) is a catalogue of its own, `{base_uri}feeds/{id}/catalogue`
(`vocab.FEED_CATALOGUE`): the same properties but its title and description (`feed_texts`: the
target catalogue entry's title and operator, its TREs, the catalogue's title and publisher; never
the catalogue's description, whose claims of all its datasets a feed's need not bear out), no
`foaf:homepage` (the feed has no page), `dct:modified` the feed's published date, `dcat:dataset`
its records. Sharing the catalogue's IRI, two feeds merged in one graph made one catalogue with two
dates and the union of their lists. The document names the catalogue it is part of: `{base_uri}catalogue`
with its title, description and publisher and `dct:hasPart` the feed (DCAT-AP 3 Catalogue "has part":
"A related Catalogue that is part of the described Catalogue"; its Catalogue has no "is part of",
and `dcat:catalog`, "a catalogue whose contents are of interest in the context of this catalogue",
says less). ckanext-dcat reads it as sub-catalogues (`expose_subcatalogs`: a dataset's `source_catalog_*`
extras are the feed's). Nothing there depends on records outside the feed, so its date holds.

Files: `dcat/catalog.jsonld`, `dcat/catalog.ttl`, and `dcat/datasets/{id}.jsonld` / `.ttl` per
record (each self-contained). A document (a dataset's, a feed's catalogue, or a page of the paged
catalogue `adrmeta serve` gives) that names as a source a dataset it does not describe gives that
dataset's title and description only, typed
`{base_uri}vocab#ReferencedDataset`, a subclass of `dcat:Dataset` defined in the same document: the
range of `dct:source` holds (SHACL counts instances of a subclass), and a harvester that makes a
dataset of every `dcat:Dataset` node (ckanext-dcat) lists only the datasets the document describes,
never a title-only copy of one a feed's catalogue does not hold. `dct:isPartOf` and `dct:hasPart`
name a dataset by its IRI alone.

The rows from id to access are `fieldtable.DCAT`, the table that also orders the properties of each
`dcat:Dataset` here and writes and reads back (importer `dcat`) its one-to-one fields: title,
summary, keywords, version, modified. The other rows are mapped by code (`CODE` here).

No blank nodes. Everything a harvester shows (documents, publications, contacts, organisations,
periods, places, attributions, identifiers, rights) has an IRI, so two harvests of the same
records give the same identifiers and a re-harvest sees no change where there is none: the thing's
own URL where the record gives one, else an IRI under the dataset's, `{dataset}/{kind}/{n}` with
`n` the item's position in the record's list. Positions, not hashes of the content: correcting a
document's title keeps its IRI (a harvester sees an update, not a removal and an addition); only
reordering a list renumbers it. `{dataset}` is `{base_uri}dataset/{id}`. A document or publication
without a URL, which a portal shows as a link (ckanext-dcat keeps `foaf:page` as the dataset's
documentation), is named by its entry on the dataset's site page instead,
`{dataset}.html#document-{n}` (`#publication-{n}`), so the link leads to a description of it.

The data dictionary. DCAT-AP 3 gives a distribution "linked schemas": `dct:conformsTo`, range
`dct:Standard`, usage note "an established schema to which the described Distribution conforms";
DCAT 3 likewise says `dct:conformsTo` on a distribution indicates "the model, schema, ontology,
view or profile that this representation conforms to". The distributions here are the routes into
a trusted research environment, and the tables a researcher gets there are those the dictionary
describes, so each distribution conforms to every table's CSVW schema. The alternatives fit worse:
`foaf:page` is a human-readable page, `adms:sample` is a sample of the data (a distribution),
and `dct:conformsTo` on the dataset names a standard the metadata follows. ckanext-dcat keeps a
distribution's `dct:conformsTo` as the resource's `conforms_to`.

Components. ckanext-dcat's RDF parser makes a CKAN dataset of every `dcat:Dataset` node in the
graph, listed by the catalogue or not, and reads neither `dct:hasPart` nor `dct:isPartOf` (it keeps
`dct:source` as a list of IRIs); it gives a dataset only the properties stated on its own node,
inheriting nothing from a parent. DCAT-AP 3, which the European Data Portal harvests, has no
part-of relation between datasets either (its shapes give `dct:hasPart` and `dct:isPartOf` to
catalogues only). Leaving components untyped would hide them from harvesters but break DCAT-AP
itself: the range of `dct:source` is `dcat:Dataset` (a violation in `range.ttl`). A component
with a record of its own is that record's dataset, named by its IRI. One without is typed
`{base_uri}vocab#ComponentDataset`, a subclass of `dcat:Dataset` defined once in every document
that holds one (catalogue, feed catalogue, dataset document, page of the paged catalogue), as
datasets described elsewhere are: the range holds, and a harvester that lists `dcat:Dataset` nodes
lists the records only. Typed `dcat:Dataset`, every component became a CKAN dataset of its own (the
SAIL feed gave 18 for 6 records): "Absences", "Census 2021" twice, no publisher, no access route,
no parent, a part of a linked dataset that no one applies for on its own. Its node carries its
title, description, provider as publisher, coverage and frequency, `dct:isPartOf` its record's
dataset, and the record's contact points and access rights (whom to ask and how to get it: through
the record). Its publisher is not copied from the record: `dct:publisher` on a component is its
provider (adrmeta's importer reads it so), and a record that names no provider does not say who
supplies the component.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any

from .. import datestamps, vocab
from ..fieldtable import DCAT as FIELDS
from ..fieldtable import with_rows
from ..lookup import Index, index
from ..model import AccessRoute, Catalogue, Coverage, Document, Period, Record, TargetCatalogue
from ..phrases import access_text, citation_text, document_text, linkage_text, route_text
from ..profiles import CATALOGUE_CONTACT_LABEL
from ..rdf import (
    IRI,
    JSONLD_TAIL,
    Lit,
    Node,
    add,
    iri_of,
    jsonld_head,
    node,
    node_texts,
    turtle_head,
)
from . import csvw
from .files import Documents, page_item

__doc__ = with_rows(__doc__, FIELDS)

DATE_TYPES = {4: "xsd:gYear", 7: "xsd:gYearMonth", 10: "xsd:date"}

# A dataset a document names (as a member's `dct:source`) without listing it: typed with this
# subclass of dcat:Dataset, defined in the document, so DCAT-AP's range of `dct:source` holds
# (SHACL counts instances of subclasses) while a harvester that makes a dataset of every
# `dcat:Dataset` node (ckanext-dcat) does not list a title-only copy of a dataset the catalogue
# does not hold. Its IRI is under the catalogue's base URI.
REFERENCED = vocab.REFERENCED_DATASET
REFERENCED_LABEL = "Dataset described elsewhere"
REFERENCED_COMMENT = (
    "A dataset that a dataset in this document names as a source, but that this document does not "
    "describe: only its title and description are given here. Its own IRI leads to its full description."
)
# A component without a record of its own: typed with this subclass of dcat:Dataset, defined once in
# each document that holds one, for the same reasons. It is part of the dataset that names it as a
# source and is reached through that dataset; listed on its own (ckanext-dcat lists every
# `dcat:Dataset` node) it made no sense: a title such as "Absences", no publisher, no access route
# and no link to its parent (ckanext-dcat drops `dct:isPartOf`).
COMPONENT = vocab.COMPONENT_DATASET
COMPONENT_LABEL = "Component of a linked dataset"
COMPONENT_COMMENT = (
    "A source dataset linked into the dataset that names it as a source (dct:source) and that it is part of "
    "(dct:isPartOf). It is not published on its own: it is reached, and applied for, through that dataset."
)
DCAT_DATASET = "http://www.w3.org/ns/dcat#Dataset"


def date_literal(value: str) -> Lit:
    return Lit(value, DATE_TYPES[len(value)])


def _bounds(p: Period) -> tuple[str, str]:
    """A period's first and last day as comparable text; an open end reaches as far as it can."""
    start = p.start or "0000"
    end = (p.end + "-99")[:10] if p.end else "9999"
    return start, end


def _all_periods(rec: Record) -> list[Period]:
    return [*rec.coverage.periods, *(p for c in rec.components if c.coverage for p in c.coverage.periods)]


def _spans(p: Period, others: list[Period]) -> bool:
    if not (p.start or p.end):  # a period in words only spans nothing
        return False
    start, end = _bounds(p)
    return all(start <= s and end >= e for s, e in map(_bounds, others))


class _Graph:
    """Builds the nodes of one document; shared nodes (agents, concepts, services) appear once."""

    def __init__(self, catalogue: Catalogue, records: Mapping[str, Record]) -> None:
        self.cat = catalogue
        self.records = records
        self.base = catalogue.base_uri
        self.lang = catalogue.language
        self.ix = index(catalogue)
        self.shared: dict[str, Node] = {}
        self.made: list[str] = []  # shared nodes made since `drop_trees` last ran
        self.sources: dict[str, list[str]] = {}  # dataset IRI -> record datasets it names in dct:source
        self.service_datasets: dict[str, dict[str, None]] = {}  # service IRI -> the datasets it serves, in order
        self.stubs: dict[str, Node] = {}
        self.closures: dict[str, frozenset[str]] = {}
        self._texts: dict[str, tuple[str, str]] = {}  # shared node or stub IRI -> its JSON-LD and Turtle
        self._pages: dict[str, tuple[str, str]] | None = None
        self._rows = [(f.prop, f.record, f.convert.write, self._to_term(f.convert.rdf)) for f in FIELDS if f.convert]

    def pages(self) -> dict[str, tuple[str, str]]:
        """URL -> (title, description) of every document with a URL, as the first record (by id)
        that lists it describes it: one web page is one node however many records cite it, and its
        words never depend on which records an export includes."""
        if self._pages is None:
            self._pages = {}
            for rid in sorted(self.records):
                for doc in self.records[rid].documentation:
                    if doc.url:
                        self._pages.setdefault(IRI(doc.url).value, (doc.title, _doc_description(doc)))
        return self._pages

    def text(self, value: str | None) -> Lit | None:
        return Lit(value, None, self.lang) if value else None

    def _to_term(self, rdf: str) -> Callable[[Any], Lit | None]:
        return self.text if rdf == "text" else TERMS[rdf]

    def dataset_iri(self, record_id: str) -> str:
        return f"{self.base}dataset/{record_id}"

    # --- shared nodes ---

    def _shared(self, iri: str, *types: str) -> tuple[Node, bool]:
        known = iri in self.shared
        if not known:
            self.shared[iri] = node(iri, *types)
            self.made.append(iri)
        return self.shared[iri], not known

    def concept(self, iri: str, label: str, scheme: tuple[str, str] | None, *types: str) -> IRI:
        n, new = self._shared(iri, "skos:Concept", *types)
        if new:
            add(n, "skos:prefLabel", self.text(label))
            if scheme:
                scheme_iri, title = scheme
                add(n, "skos:inScheme", IRI(scheme_iri))
                s, s_new = self._shared(scheme_iri, "skos:ConceptScheme")
                if s_new:
                    add(s, "dct:title", self.text(title))
        return iri_of(n)

    def agent(self, org_id: str) -> IRI:
        iri = f"{self.base}organisation/{org_id}"
        n, new = self._shared(iri, "foaf:Agent", "foaf:Organization")
        if new:
            org = self.ix.orgs[org_id]
            add(n, "foaf:name", self.text(org.name))
            ptype = vocab.PUBLISHER_TYPE[org.type]
            add(
                n,
                "dct:type",
                self.concept(
                    vocab.ADMS_PUBLISHER_TYPE + ptype,
                    vocab.PUBLISHER_TYPE_LABELS[ptype],
                    (vocab.ADMS_PUBLISHER_TYPE.rstrip("/"), "ADMS publisher type"),
                ),
            )
            if org.url:
                add(n, "foaf:homepage", self.document(org.url))
        return iri_of(n)

    def document(self, url: str, title: str | None = None, description: str | None = None) -> IRI:
        iri = IRI(url)
        n, new = self._shared(iri.value, "foaf:Document")
        if new:
            title, description = self.pages().get(iri.value, (title, description))
            add(n, "dct:title", self.text(title))
            add(n, "dct:description", self.text(description))
        return iri

    def _place(self, code: str, name: str) -> IRI:
        n, new = self._shared(vocab.STATISTICAL_GEOGRAPHY + code, "dct:Location")
        if new:
            add(n, "skos:prefLabel", self.text(name))
            add(n, "skos:notation", Lit(code))
        return iri_of(n)

    def service(self, tre_id: str, dataset_iri: str) -> IRI:
        iri = f"{self.base}tre/{tre_id}"
        n, new = self._shared(iri, "dcat:DataService")
        if new:
            tre = self.ix.tres[tre_id]
            add(n, "dct:title", self.text(tre.title))
            add(n, "dcat:endpointURL", IRI(tre.url or iri))
            add(n, "dct:publisher", self.agent(tre.operator))
            if tre.url:
                add(n, "dcat:landingPage", self.document(tre.url, tre.title))
        self.service_datasets.setdefault(iri, {})[dataset_iri] = None
        return iri_of(n)

    # --- a record ---

    def periods(self, coverage: Coverage | None, owner: IRI, prefix: str = "") -> list[Node]:
        """The periods of a coverage, each named `{owner}/period/{n}` by its position in the record."""
        return [self.period(p, owner.child(f"period/{i}"), prefix) for i, p in enumerate(coverage.periods if coverage else ())]

    def period(self, p: Period, iri: str | IRI, prefix: str) -> Node:
        n = node(iri, "dct:PeriodOfTime")
        label = p.label or p.wave
        add(n, "rdfs:label", self.text(f"{prefix}{label}" if label else None))
        if p.start:
            add(n, "dcat:startDate", date_literal(p.start))
        if p.end:
            add(n, "dcat:endDate", date_literal(p.end))
        return n

    def spatial(self, coverage: Coverage | None, owner: IRI) -> list[IRI | Node]:
        if coverage is None:
            return []
        out: list[IRI | Node] = [self._place(code, name) for code, name in vocab.places(coverage.nations)]
        if coverage.area:
            area = node(owner.child("area"), "dct:Location")
            add(area, "skos:prefLabel", self.text(coverage.area))
            out.append(area)
        return out

    def frequency(self, value: str | None) -> IRI | None:
        if value is None:
            return None
        code, label = vocab.FREQUENCY[value]
        return self.concept(vocab.EU_FREQUENCY + code, label, (vocab.EU_FREQUENCY.rstrip("/"), "Frequency"), "dct:Frequency")

    def dataset(self, rec: Record) -> Node:
        """The dcat:Dataset node of one record, its properties in the table's order: a one-to-one
        row's value from its converter, any other row's from `CODE`."""
        iri = self.dataset_iri(rec.id)
        d = node(iri, "dcat:Dataset")
        terms = self.field_terms(rec)
        for f in FIELDS:
            add(d, f.prop, *(terms[f.prop] if f.convert else CODE[f.prop](self, rec, d, iri)))
        return d

    def field_terms(self, rec: Record) -> dict[str, list[Lit | None]]:
        """The RDF terms of each one-to-one row's record value (a list field gives one per item)."""
        out = {}
        for prop, field, write, to_term in self._rows:
            value = write(getattr(rec, field))
            if isinstance(value, list | tuple):
                out[prop] = [to_term(v) for v in value if v is not None]
            else:
                out[prop] = [] if value is None else [to_term(value)]
        return out

    def themes(self, rec: Record) -> list[IRI]:
        """Each theme as an adrmeta concept followed by the EU data themes it maps to."""
        out = []
        for theme_id in rec.themes:
            out.append(
                self.concept(
                    f"{self.base}theme/{theme_id}",
                    self.ix.themes[theme_id].label,
                    (f"{self.base}themes", "ADR UK research themes"),
                )
            )
            out += [
                self.concept(f"{vocab.EU_DATA_THEME}/{code}", vocab.EU_THEME_LABELS[code], (vocab.EU_DATA_THEME, "Data theme"))
                for code in vocab.THEMES.get(theme_id, ())
            ]
        return out

    def attributions(self, rec: Record, iri: IRI) -> list[Node]:
        """Each contributor as a qualified attribution naming its role."""
        out = []
        for i, c in enumerate(rec.contributors):
            att = node(iri.child(f"attribution/{i}"), "prov:Attribution")
            add(att, "prov:agent", self.agent(c.organisation))
            add(att, "dcat:hadRole", self.role(c.role))
            out.append(att)
        return out

    def role(self, role: str) -> IRI:
        scheme = (f"{self.base}roles", "adrmeta contributor roles")
        return self.concept(f"{self.base}role/{role}", vocab.ROLE_LABELS[role], scheme, "dcat:Role")

    def access_rights(self, rec: Record) -> IRI:
        code, label = vocab.ACCESS_RIGHTS[rec.status]
        scheme = (vocab.EU_ACCESS_RIGHT.rstrip("/"), "Access right")
        return self.concept(vocab.EU_ACCESS_RIGHT + code, label, scheme, "dct:RightsStatement")

    def page_nodes(self, rec: Record) -> list[IRI | Node]:
        """Each document as a foaf:page: linked when it has a URL, else a titled, described node named
        by its entry on the dataset's site page (which describes it, so the IRI leads somewhere)."""
        out: list[IRI | Node] = []
        for i, doc in enumerate(rec.documentation):
            description = _doc_description(doc)
            if doc.url:
                out.append(self.document(doc.url, doc.title, description))
            else:
                page = node(page_item(self.base, rec.id, "document", i), "foaf:Document")
                add(page, "dct:title", self.text(doc.title))
                add(page, "dct:description", self.text(description))
                out.append(page)
        return out

    def identifiers(self, rec: Record, iri: IRI) -> list[Node]:
        """Each stated identifier as an adms:Identifier with its scheme."""
        out = []
        for i, ident in enumerate(rec.identifiers):
            idn = node(iri.child(f"identifier/{i}"), "adms:Identifier")
            add(idn, "skos:notation", Lit(ident.value))
            add(idn, "adms:schemeAgency", Lit(ident.scheme))
            out.append(idn)
        return out

    def linkage(self, rec: Record, iri: IRI) -> list[Node]:
        if not rec.linkage:
            return []
        prov = node(iri.child("linkage"), "dct:ProvenanceStatement")
        add(prov, "rdfs:label", self.text(linkage_text(rec.linkage)))
        return [prov]

    def publications(self, rec: Record) -> list[IRI | Node]:
        """Each publication: linked when it has a URL, else a node carrying its citation, named by
        its entry on the dataset's site page."""
        out: list[IRI | Node] = []
        for i, pub in enumerate(rec.publications):
            if pub.url:
                out.append(self.document(pub.url, pub.title))
            else:
                ref = node(page_item(self.base, rec.id, "publication", i), "foaf:Document")
                add(ref, "dct:title", self.text(pub.title))
                add(ref, "dct:bibliographicCitation", self.text(citation_text(pub.authors, pub.year, pub.venue, pub.title)))
                out.append(ref)
        return out

    def contact_points(self, rec: Record, iri: IRI) -> list[Node | IRI]:
        """The record's contacts; without any, the catalogue's enquiries contact, named as such."""
        out: list[Node | IRI] = []
        for i, contact in enumerate(rec.contacts):
            kind = node(iri.child(f"contact/{i}"), "vcard:Kind", "vcard:Organization")
            add(kind, "vcard:fn", self.text(contact.name or f"{rec.acronym or rec.title} {contact.role}"))
            add(kind, "vcard:hasEmail", IRI(f"mailto:{contact.email}") if contact.email else None)
            add(kind, "vcard:hasURL", IRI(contact.url) if contact.url else None)
            out.append(kind)
        shared = self.cat.contact
        if not out and (shared.email or shared.url):
            n, new = self._shared(f"{self.base}catalogue/contact", "vcard:Kind", "vcard:Organization")
            if new:
                add(n, "vcard:fn", self.text(f"{shared.name or self.cat.title} ({CATALOGUE_CONTACT_LABEL})"))
                add(n, "vcard:hasEmail", IRI(f"mailto:{shared.email}") if shared.email else None)
                add(n, "vcard:hasURL", IRI(shared.url) if shared.url else None)
            out.append(iri_of(n))
        return out

    def temporal(self, rec: Record, iri: IRI) -> list[IRI | Node]:
        """The record's periods, then its components' (copies labelled with the component's
        title). The period that spans all the others, when one does, comes first: a harvester
        that keeps one period keeps the first it reads (ckanext-dcat does)."""
        own = self.periods(rec.coverage, iri)
        every = _all_periods(rec)
        spanning = next((i for i, p in enumerate(rec.coverage.periods) if _spans(p, every)), None)
        if spanning is not None:
            own.insert(0, own.pop(spanning))
        theirs = [
            self.period(p, f"{iri.value}/period/{comp.id}/{i}", f"{comp.title}: ")
            for comp in rec.components
            if comp.coverage
            for i, p in enumerate(comp.coverage.periods)
        ]
        return [*own, *theirs]

    def components(self, rec: Record, parent: Node) -> list[IRI]:
        """A component without its own record is a node of its own, typed with the component
        subclass of `dcat:Dataset` (DCAT-AP's range of `dct:source`; harvesters do not list it),
        part of the record's dataset, with the record's contact points and access rights."""
        parent_iri = iri_of(parent)
        contacts = [k if isinstance(k, IRI) else iri_of(k) for k in parent.get("dcat:contactPoint", ())]
        out = []
        for comp in rec.components:
            if comp.record:
                self.sources.setdefault(parent_iri.value, []).append(self.dataset_iri(comp.record))
                out.append(IRI(self.dataset_iri(comp.record)))
                continue
            n, _new = self._shared(f"{parent_iri.value}/component/{comp.id}", self.component_class())
            iri = iri_of(n)
            add(n, "dct:title", self.text(comp.title))
            add(n, "dct:description", self.text(comp.description or f"{comp.title}: a component of {rec.title}."))
            add(n, "dct:publisher", self.agent(comp.provider) if comp.provider else None)
            add(n, "dcat:contactPoint", *contacts)
            add(n, "dct:isPartOf", parent_iri)
            add(n, "dct:spatial", *self.spatial(comp.coverage, iri))
            add(n, "dct:temporal", *self.periods(comp.coverage, iri))
            add(n, "dct:accrualPeriodicity", self.frequency(comp.update_frequency))
            add(n, "dct:accessRights", *parent["dct:accessRights"])
            out.append(iri)
        return out

    def licence_document(self, url: str) -> IRI:
        """A licence as a shared `dct:LicenseDocument`, titled and typed when well known."""
        iri = IRI(url)
        licence, new = self._shared(iri.value, "dct:LicenseDocument")
        if new and url in vocab.LICENCES:
            title, ltype, label = vocab.LICENCES[url]
            add(licence, "dct:title", self.text(title))
            add(
                licence,
                "dct:type",
                self.concept(vocab.ADMS_LICENCE_TYPE + ltype, label, (vocab.ADMS_LICENCE_TYPE.rstrip("/"), "ADMS licence type")),
            )
        return iri

    def distribution(self, rec: Record, route: AccessRoute, dataset_iri: str) -> IRI:
        tre = self.ix.tres[route.tre]
        iri = f"{dataset_iri}/access/{route.tre}"
        n, _new = self._shared(iri, "dcat:Distribution")
        service = self.service(route.tre, dataset_iri)
        add(n, "dct:title", self.text(f"Access through the {tre.title}"))
        gateway = self.ix.gateways[route.legal_gateway].title if route.legal_gateway else None
        accreditations = [self.ix.accreditations[a].title for a in route.accreditation]
        # what the route states and nothing else (who may apply, whether the data can be downloaded:
        # no source of a route or TRE says)
        add(n, "dct:description", self.text(route_text(tre.title, gateway, accreditations, route.conditions, route.lead_time)))
        add(n, "dcat:accessURL", IRI(route.url or tre.url or service.value))
        add(n, "dcat:accessService", service)
        if rec.licence:
            add(n, "dct:license", self.licence_document(rec.licence))
        rights = access_text(gateway, accreditations, route.conditions, route.lead_time)
        if rights:
            statement = node(iri_of(n).child("rights"), "dct:RightsStatement")
            add(statement, "rdfs:label", self.text(rights))
            add(n, "dct:rights", statement)
        for table, rel in csvw.schema_paths(rec):
            standard = node(f"{self.base}{rel}", "dct:Standard")
            add(standard, "dct:title", self.text(f"Table schema of {table.label or table.name} (CSV on the Web)"))
            add(standard, "dct:description", self.text(table.description))
            add(n, "dct:conformsTo", standard)
        return iri_of(n)

    # --- documents ---

    def catalog(self, ids: Iterable[str] | None = None, modified: str | None = None) -> Node:
        """The catalogue node, of all records or of those `ids` (an export of some records only):
        last modified `modified`, or when it or one of them was (`datestamps.last_changed`)."""
        cat = self.cat
        c = node(self.catalogue_iri(), "dcat:Catalog")
        add(c, "dct:title", self.text(cat.title))
        add(c, "dct:description", self.text(cat.description))
        add(c, "dct:publisher", self.agent(cat.publisher))
        add(c, "foaf:homepage", self.document(cat.homepage, cat.title))
        self._catalog_terms(c, ids, modified)
        return c

    def feed_catalog(self, target: TargetCatalogue, ids: list[str], modified: str | None = None) -> Node:
        """A feed's catalogue node: its own IRI, title and description (`feed_texts`), the
        catalogue's publisher and terms. No home page: the feed has no page of its own, and the
        catalogue's is not the feed's."""
        c = node(self.feed_iri(target.id), "dcat:Catalog")
        title, description = feed_texts(self.cat, target, self.ix)
        add(c, "dct:title", self.text(title))
        add(c, "dct:description", self.text(description))
        add(c, "dct:publisher", self.agent(self.cat.publisher))
        self._catalog_terms(c, ids, modified)
        return c

    def _catalog_terms(self, c: Node, ids: Iterable[str] | None, modified: str | None) -> None:
        """What the catalogue and every feed's catalogue say alike: theme schemes, language,
        metadata licence, date (of `ids`' records), place."""
        cat = self.cat
        scheme, new = self._shared(f"{self.base}themes", "skos:ConceptScheme")
        if new:
            add(scheme, "dct:title", self.text("ADR UK research themes"))
        eu, new = self._shared(vocab.EU_DATA_THEME, "skos:ConceptScheme")
        if new:
            add(eu, "dct:title", self.text("Data theme"))
        add(c, "dcat:themeTaxonomy", IRI(f"{self.base}themes"), IRI(vocab.EU_DATA_THEME))
        if cat.language in vocab.LANGUAGES:
            code, name = vocab.LANGUAGES[cat.language]
            lang, new = self._shared(vocab.EU_LANGUAGE + code, "dct:LinguisticSystem")
            if new:
                add(lang, "skos:prefLabel", self.text(name))
            add(c, "dct:language", IRI(vocab.EU_LANGUAGE + code))
        licence, new = self._shared(IRI(cat.metadata_licence).value, "dct:LicenseDocument")
        if new and cat.metadata_licence in vocab.LICENCES:
            title, ltype, label = vocab.LICENCES[cat.metadata_licence]
            add(licence, "dct:title", self.text(title))
            add(
                licence,
                "dct:type",
                self.concept(vocab.ADMS_LICENCE_TYPE + ltype, label, (vocab.ADMS_LICENCE_TYPE.rstrip("/"), "ADMS licence type")),
            )
        add(c, "dct:license", IRI(cat.metadata_licence))
        held = self.records.values() if ids is None else (self.records[rid] for rid in ids)
        add(c, "dct:modified", Lit(modified or datestamps.last_changed(cat, held), "xsd:date"))
        add(c, "dct:spatial", self._place(*vocab.UNITED_KINGDOM))

    # --- the catalogue and its feeds' catalogues ---

    def catalogue_iri(self) -> str:
        return f"{self.base}catalogue"

    def feed_iri(self, target_id: str) -> str:
        return self.base + vocab.FEED_CATALOGUE.format(target_id)

    def feeds(self) -> list[TargetCatalogue]:
        """The target catalogues whose feeds carry a DCAT catalogue."""
        return [t for t in self.cat.target_catalogues if "dcat" in t.formats]

    def parent_stub(self, target: TargetCatalogue) -> Node:
        """In a feed's document: the catalogue the feed is part of, naming this feed as a part
        (`dct:hasPart`), typed, titled, described and published as its own document has it:
        DCAT-AP's shapes ask a `dcat:Catalog` for the three, and merged the two agree. Nothing that
        depends on records outside the feed (its date, its datasets): the feed's bytes, and so
        its date, move only when the feed changes."""
        c = node(self.catalogue_iri(), "dcat:Catalog")
        add(c, "dct:title", self.text(self.cat.title))
        add(c, "dct:description", self.text(self.cat.description))
        add(c, "dct:publisher", self.agent(self.cat.publisher))
        add(c, "dct:hasPart", IRI(self.feed_iri(target.id)))
        return c

    # --- documents from the one graph ---

    def _services(self, iris: Iterable[str], only: str | None = None, keep: Collection[str] | None = None) -> dict[str, Node]:
        """Copies of the TRE services naming the datasets they serve: all of them, those a subset
        `keep`s, or `only` the dataset of a one-dataset document (filtering the full list per
        document was quadratic)."""
        out = {}
        for iri in iris:
            copy = dict(self.shared[iri])
            served = self.service_datasets[iri] if only is None else [only]
            add(copy, "dcat:servesDataset", *(IRI(d) for d in served if keep is None or d in keep))
            out[iri] = copy
        return out

    def _closure(self, start: Node, iris: Iterable[str] | None = None) -> list[str]:
        """IRIs of the shared nodes a node refers to, directly or through other shared nodes;
        `iris`: those of every IRI value in its tree, when its texts were made with them."""
        refs = self._refs(start) if iris is None else {i for i in iris if i in self.shared}
        seen: set[str] = set()
        for iri in refs:
            seen.add(iri)
            seen |= self._shared_closure(iri)
        return sorted(seen)

    def _refs(self, start: Node) -> set[str]:
        """Shared IRIs named in a node and its blank nodes (not following shared nodes), as values
        or as types (a class the document defines)."""
        found: set[str] = set()
        shared = self.shared
        stack = [start]
        while stack:
            top = stack.pop()
            found.update(t for t in top["@type"] if t in shared)
            for key, values in top.items():
                if key[0] != "@":
                    for v in values:
                        if type(v) is IRI:
                            if v.value in shared:
                                found.add(v.value)
                        elif type(v) is dict:
                            stack.append(v)
        return found

    def _shared_closure(self, iri: str) -> frozenset[str]:
        """The closure of one shared node, computed once: agents and concepts recur in every document."""
        memo = self.closures.get(iri)
        if memo is None:
            self.closures[iri] = frozenset()  # guards against cycles while this one is computed
            out: set[str] = set()
            for ref in self._refs(self.shared[iri]):
                out.add(ref)
                out |= self._shared_closure(ref)
            memo = self.closures[iri] = frozenset(out)
        return memo

    def _stub(self, iri: str) -> Node | None:
        if iri not in self.stubs:
            rec = self.records.get(iri.rsplit("/", 1)[1])
            if rec is None:
                return None
            stub = node(iri, self.referenced_class())
            add(stub, "dct:title", self.text(rec.title))
            add(stub, "dct:description", self.text(rec.summary))
            self.stubs[iri] = stub
        return self.stubs[iri]

    def referenced_class(self) -> str:
        return f"{self.base}{REFERENCED}"

    def component_class(self) -> str:
        """The class of components without a record; a shared node, so every document that holds
        a component (whose type names it: `_refs`) defines it once."""
        iri = f"{self.base}{COMPONENT}"
        if iri not in self.shared:
            self.shared[iri] = _class_node(iri, self.text(COMPONENT_LABEL), self.text(COMPONENT_COMMENT))
            self.made.append(iri)
        return iri

    def stubs_of(self, named: Iterable[str]) -> list[Node]:
        """Stubs of the datasets `named` (sorted) that the document does not list, then the class
        they are typed with, which the document defines."""
        stubs = [s for s in map(self._stub, named) if s]
        if not stubs:
            return stubs
        cls = _class_node(self.referenced_class(), self.text(REFERENCED_LABEL), self.text(REFERENCED_COMMENT))
        return [*stubs, cls]

    def tail(self, included: set[str], needed: Collection[str] | None = None) -> list[Node]:
        """What follows the datasets in a catalogue: stubs of the datasets they name outside it
        (a subset's), then every shared node by IRI (or those `needed`), the services naming the
        datasets they serve (of a subset, those in it)."""
        named = sorted({x for d in included for x in self.sources.get(d, ())} - included)
        if needed is None:
            services = self._services(self.service_datasets)
            shared = sorted((k, services.get(k) or self.shared[k]) for k in self.shared)
        else:
            services = self._services(self.serving(included), keep=included)
            shared = sorted((k, services.get(k) or self.shared[k]) for k in needed)
        return self.stubs_of(named) + [n for _k, n in shared]

    def serving(self, included: Collection[str]) -> list[str]:
        """The services that serve any of the `included` datasets."""
        return [s for s, served in self.service_datasets.items() if any(d in included for d in served)]

    def feed_node(self, target: TargetCatalogue, ids: list[str], modified: str | None = None) -> Node:
        """A feed's catalogue node listing its datasets and the services that serve them."""
        c = self.feed_catalog(target, ids, modified)
        iris = [IRI(self.dataset_iri(rid)).value for rid in ids]
        add(c, "dcat:dataset", *(IRI(i) for i in iris))
        add(c, "dcat:service", *(IRI(s) for s in sorted(self.serving(set(iris)))))
        return c

    def subset_catalog(
        self, target: TargetCatalogue, ids: list[str], used: Mapping[str, list[str]], modified: str | None = None
    ) -> tuple[Node, list[Node]]:
        """The catalogue node and tail of a feed's catalogue (`used`: per record, the shared nodes
        its dataset uses): what one built from those records alone would hold, dated `modified`
        when given. The tail opens with the catalogue the feed is part of (`parent_stub`)."""
        c = self.feed_node(target, ids, modified)
        included = {IRI(self.dataset_iri(rid)).value for rid in ids}
        needed = set(self._closure(c)).union(*(used[rid] for rid in ids))
        return c, [self.parent_stub(target), *self.tail(included, needed)]

    def texts(self, n: Node) -> tuple[str, str]:
        """A node as JSON-LD and as Turtle. A shared node or stub is complete once the record
        that made it is built and recurs in many documents, so its texts are made once."""
        iri = n["@id"].value
        if self.shared.get(iri) is not n and self.stubs.get(iri) is not n:
            return node_texts(n, self.lang)
        if iri not in self._texts:
            self._texts[iri] = node_texts(n, self.lang)
        return self._texts[iri]

    def drop_trees(self) -> None:
        """Strip the shared nodes made since the last call whose texts are made down to their IRI
        and types: they are complete (made by a record already built) and only their texts are
        used from now on. Services stay whole: documents copy them. Keeping every component's and
        distribution's tree to the end of the export made the garbage collector walk them again
        and again."""
        for iri in self.made:
            if iri in self._texts and iri not in self.service_datasets:
                n = self.shared[iri]
                self.shared[iri] = {"@id": n["@id"], "@type": n["@type"]}
        self.made.clear()

    def dataset_document(self, d: Node, used: list[str]) -> list[Node]:
        """One dataset, stubs of the datasets it names as sources, and every shared node it uses
        (`used`: its `_closure`)."""
        iri = d["@id"].value
        services = self._services((k for k in used if k in self.service_datasets), only=iri)
        stubs = self.stubs_of(sorted(set(self.sources.get(iri, ())) - {iri}))
        return [d, *stubs, *(services.get(k) or self.shared[k] for k in used)]


# How each one-to-one row's value becomes an RDF term (its converter's `rdf`; `text` is the graph's).
TERMS: dict[str, Callable[[Any], Lit]] = {"lit": Lit, "date": lambda v: Lit(v, "xsd:date")}

# The values of the table's other rows, by property: (graph, record, its node so far, its IRI) -> values.
CODE: dict[str, Callable[[_Graph, Record, Node, str], Iterable[Any]]] = {
    "dct:identifier": lambda g, rec, d, iri: [Lit(iri)],
    "skos:altLabel": lambda g, rec, d, iri: [g.text(rec.acronym)],
    "dct:alternative": lambda g, rec, d, iri: [g.text(t.title) for t in rec.alternative_titles],
    "dcat:theme": lambda g, rec, d, iri: g.themes(rec),
    "dct:publisher": lambda g, rec, d, iri: [g.agent(rec.publisher) if rec.publisher else None],
    "dct:creator": lambda g, rec, d, iri: [g.agent(o) for o in rec.data_owners],
    "prov:qualifiedAttribution": lambda g, rec, d, iri: g.attributions(rec, iri_of(d)),
    "dcat:contactPoint": lambda g, rec, d, iri: g.contact_points(rec, iri_of(d)),
    "dcat:landingPage": lambda g, rec, d, iri: [g.document(rec.landing_page, rec.title)] if rec.landing_page else [],
    "dct:spatial": lambda g, rec, d, iri: g.spatial(rec.coverage, iri_of(d)),
    "dct:temporal": lambda g, rec, d, iri: g.temporal(rec, iri_of(d)),
    "dct:accrualPeriodicity": lambda g, rec, d, iri: [g.frequency(rec.update_frequency)],
    "dct:accessRights": lambda g, rec, d, iri: [g.access_rights(rec)],
    "foaf:page": lambda g, rec, d, iri: g.page_nodes(rec),
    "adms:identifier": lambda g, rec, d, iri: g.identifiers(rec, iri_of(d)),
    "adms:versionNotes": lambda g, rec, d, iri: [g.text(v.note) for v in rec.versions if v.name == rec.version and v.note],
    "dct:isPartOf": lambda g, rec, d, iri: [IRI(g.dataset_iri(p)) for p in rec.part_of],
    "dct:hasPart": lambda g, rec, d, iri: [IRI(g.dataset_iri(p)) for p in rec.has_part],
    "dct:source": lambda g, rec, d, iri: g.components(rec, d),
    "dct:provenance": lambda g, rec, d, iri: g.linkage(rec, iri_of(d)),
    "dct:isReferencedBy": lambda g, rec, d, iri: g.publications(rec),
    "dcat:distribution": lambda g, rec, d, iri: [g.distribution(rec, route, iri) for route in rec.access],
}


def feed_texts(catalogue: Catalogue, target: TargetCatalogue, ix: Index) -> tuple[str, str]:
    """A feed's catalogue's title and description: what every dataset in it is (available through
    the target's TREs by a stated route: `profiles.takes`), who publishes it and for whom. Nothing
    the catalogue's own description claims of all its datasets (the ADR England flagships) that a
    feed's records need not bear out. `ix`: the catalogue's index."""
    tres = [f"the {ix.tres[t].title}" for t in target.tres if t in ix.tres]
    through = " or ".join([", ".join(tres[:-1]), tres[-1]] if len(tres) > 1 else tres)
    title = f"{catalogue.title}: the feed for the {target.title}"
    description = (
        f"Those of the {catalogue.title} that are available through {through}, by an access route a source "
        f"states. Published by {ix.orgs[catalogue.publisher].name} for harvesting by the {target.title}, "
        f"run by {ix.orgs[target.operator].name}."
    )
    return title, description


def _class_node(iri: str, label: Lit | None, comment: Lit | None) -> Node:
    """A subclass of dcat:Dataset, defined in the document that uses it."""
    cls = node(iri, "rdfs:Class")
    add(cls, "rdfs:label", label)
    add(cls, "rdfs:comment", comment)
    add(cls, "rdfs:subClassOf", IRI(DCAT_DATASET))
    return cls


def _doc_description(doc: Document) -> str:
    return document_text(doc.kind, doc.availability, doc.note)


def documents(
    catalogue: Catalogue,
    records: Mapping[str, Record],
    only: Collection[str] | None = None,
    *,
    subsets: Mapping[str, Collection[str]] | None = None,
    dates: Mapping[str, str] | None = None,
    feed: TargetCatalogue | None = None,
) -> Documents:
    """Every DCAT file as (relative path, text), for all records or `only` some (the others are
    still known, for titles of related datasets); with `subsets` (a feed's folder prefix,
    `feeds/{id}/` -> the records it takes), each feed's catalogue too, `{prefix}dcat/catalog.jsonld`
    and `.ttl`, holding what the catalogue of that feed built from its records alone (`feed`, with
    `only` its records) would, dated `dates[prefix]` (its published date, `feeds.published_dates`)
    when given.

    One pass over the records: each dataset is built and its documents written; the catalogues,
    which hold every dataset's node text made on the way, come last, in pieces."""
    lang = catalogue.language
    g = _Graph(catalogue, records)
    targets = _feeds_by_prefix(catalogue, subsets or {})
    # built first also in a feed's document, which drops it: the shared nodes it makes (the
    # catalogue's home page) are then the ones the datasets use, as in the whole export's feed folders
    c = g.catalog(only)
    in_catalogue: dict[str, tuple[str, str]] = {}  # per record: its dataset node as JSON-LD and as Turtle
    used: dict[str, list[str]] = {}  # per record: the shared nodes its dataset uses (for feeds)
    included: set[str] = set()
    json_head, ttl_head = jsonld_head(lang), turtle_head()
    for rid in sorted(records if only is None else only):
        d = g.dataset(records[rid])
        add(c, "dcat:dataset", d["@id"])
        included.add(d["@id"].value)
        iris: list[str] = []
        own = in_catalogue[rid] = node_texts(d, lang, iris)
        closure = g._closure(d, iris)
        texts = [own, *map(g.texts, g.dataset_document(d, closure)[1:])]
        yield f"dcat/datasets/{rid}.jsonld", "".join([json_head, ",\n".join([j for j, _t in texts]), JSONLD_TAIL])
        yield f"dcat/datasets/{rid}.ttl", "\n\n".join([ttl_head, *[t for _j, t in texts]]) + "\n"
        if targets or feed:
            used[rid] = closure
        g.drop_trees()
    if feed is not None:
        ids = sorted(in_catalogue)
        yield from _catalog(g, "", *g.subset_catalog(feed, ids, used), [in_catalogue[rid] for rid in ids])
        return
    add(c, "dcat:service", *(IRI(s) for s in sorted(g.service_datasets)))
    yield from _catalog(g, "", c, g.tail(included), list(in_catalogue.values()))
    for prefix, members in (subsets or {}).items():
        ids = sorted(members)
        sub, tail = g.subset_catalog(targets[prefix], ids, used, (dates or {}).get(prefix))
        yield from _catalog(g, prefix, sub, tail, [in_catalogue[rid] for rid in ids])


def _feeds_by_prefix(catalogue: Catalogue, subsets: Mapping[str, object]) -> dict[str, TargetCatalogue]:
    """The target catalogue of each subset's folder prefix (`feeds/{id}/`)."""
    from ..feeds import FEEDS  # feeds imports the exporters

    known = {f"{FEEDS}/{t.id}/": t for t in catalogue.target_catalogues}
    unknown = sorted(set(subsets) - set(known))
    if unknown:
        raise ValueError(f"no target catalogue has the feed folder {unknown[0]!r}")
    return {prefix: known[prefix] for prefix in subsets}


def _catalog(g: _Graph, prefix: str, c: Node, tail: list[Node], datasets: list[tuple[str, str]]) -> Documents:
    """A catalogue in JSON-LD and Turtle, each in pieces: its node, its datasets' texts, the tail."""

    head = node_texts(c, g.lang)

    def jsonld() -> Iterator[str]:
        yield jsonld_head(g.lang) + head[0]
        for j, _t in datasets:
            yield ",\n" + j
        for n in tail:
            yield ",\n" + g.texts(n)[0]
        yield JSONLD_TAIL

    def turtle() -> Iterator[str]:
        yield turtle_head() + "\n\n" + head[1]
        for _j, t in datasets:
            yield "\n\n" + t
        for n in tail:
            yield "\n\n" + g.texts(n)[1]
        yield "\n"

    yield f"{prefix}dcat/catalog.jsonld", jsonld()
    yield f"{prefix}dcat/catalog.ttl", turtle()


def catalog_nodes(catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None) -> list[Node]:
    """The catalogue document's nodes (for all records or `only` some), all in memory: for a page
    of a paged catalogue, or for comparing with rdflib.

    A dataset the page's datasets name as a source (`dct:source`) but another page lists is a
    stub typed `REFERENCED`, as in a dataset's document: typed `dcat:Dataset` it was a second copy
    that a paging harvester (ckanext-dcat makes a dataset of every `dcat:Dataset` node) took as
    one more dataset, on the page that names it as well as on its own."""
    return _catalog_graph(catalogue, records, only)[1]


def _catalog_graph(
    catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None
) -> tuple[_Graph, list[Node]]:
    g = _Graph(catalogue, records)
    c = g.catalog()  # a page's catalogue is the whole one's: its date is of every record
    nodes = [g.dataset(records[rid]) for rid in sorted(records if only is None else only)]
    add(c, "dcat:dataset", *(d["@id"] for d in nodes))
    add(c, "dcat:service", *(IRI(s) for s in sorted(g.service_datasets)))
    tail = g.tail({d["@id"].value for d in nodes})  # stubs of the datasets named outside `only`
    return g, [c, *nodes, *tail]


def _named(nodes: Iterable[Node]) -> dict[str, Node]:
    """Every named node in the trees of `nodes` (those it holds too), by IRI, the first of each."""
    out: dict[str, Node] = {}
    stack = list(reversed(list(nodes)))
    while stack:
        top = stack.pop()
        if top["@id"] is not None:
            out.setdefault(top["@id"].value, top)
        stack += reversed([v for key, values in top.items() if key[0] != "@" for v in values if type(v) is dict])
    return out


def described(catalogue: Catalogue, records: Mapping[str, Record]) -> dict[str, list[Node]]:
    """What each IRI minted under base_uri says about itself, for serving it: the catalogue's node
    of that IRI (a service with the datasets it serves), then the shared nodes it refers to, as a
    dataset document holds them. Datasets have their own documents and `{dataset}.html#...` names
    an entry on a site page, so neither is here. `{base_uri}vocab`, the document of the classes
    named `vocab#...`, defines both, used here or not."""
    g, nodes = _catalog_graph(catalogue, records, None)
    services = g._services(g.service_datasets)
    datasets = {g.dataset_iri(rid) for rid in records}
    out: dict[str, list[Node]] = {}
    for iri, n in sorted(_named(nodes).items()):
        if iri.startswith(g.base) and iri not in datasets and "#" not in iri:
            n = services.get(iri, n)
            out[iri] = [n, *(services.get(k) or g.shared[k] for k in g._closure(n) if k != iri)]
    from ..feeds import accessible  # feeds imports the exporters

    for target in g.feeds():  # a feed's catalogue as its feed's document has it, but for the date
        ids = accessible(target, records)
        n = {k: v for k, v in g.feed_node(target, ids).items() if k != "dct:modified"}
        out[g.feed_iri(target.id)] = [n, *(services.get(k) or g.shared[k] for k in g._closure(n))]
    out[f"{g.base}vocab"] = [
        _class_node(f"{g.base}{COMPONENT}", g.text(COMPONENT_LABEL), g.text(COMPONENT_COMMENT)),
        _class_node(g.referenced_class(), g.text(REFERENCED_LABEL), g.text(REFERENCED_COMMENT)),
    ]
    return out
