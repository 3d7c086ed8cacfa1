"""The paged DCAT catalogue of `adrmeta serve` (`/catalog?page=N`) as a paging harvester reads it.

ckanext-dcat's DCATRDFHarvester follows `hydra:next` from the first page and makes a dataset of
every node typed `dcat:Dataset` on each page; a dataset typed so on two pages was harvested twice
(the last copy kept). So each record is a `dcat:Dataset` on exactly one page, the page that lists
it, every record is on some page, and `hydra:totalItems` counts the records. A page stays a
self-contained document: a dataset it names but does not list (a collection's part on another
page) is a title-only stub typed `vocab#ReferencedDataset`, defined on the page, and everything a
dataset's own document holds is on its page.
"""

from __future__ import annotations

import functools
from collections import Counter

import pytest
import rdflib
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCAT, DCTERMS

from adrmeta.export import dcat
from adrmeta.serve.app import App

from .conftest import bundled, published_bundled
from .test_serve_app import BASE, HYDRA, call

PAGE_SIZES = (1, 5, 100)
FORMATS = {".jsonld": "json-ld", ".ttl": "turtle"}


@functools.cache
def app(page_size: int) -> App:
    return App(*bundled(), BASE, page_size=page_size)


@functools.cache
def harvest(page_size: int, suffix: str) -> list[tuple[str, rdflib.Graph]]:
    """(URL, graph) of every page, reached as a harvester reaches them: page 1, then `hydra:next`."""
    url, out = f"{BASE}catalog{suffix}?page=1", []
    while url:
        assert url.startswith(BASE) and len(out) <= len(bundled()[1])
        path, _, query = url.removeprefix(BASE).partition("?")
        status, headers, body, _e = call(f"/{path}", query, app_=app(page_size))
        assert status == "200 OK", url
        g = rdflib.Graph().parse(data=body.decode(), format=FORMATS[suffix])  # each page parses on its own
        out.append((url, g))
        nxt = g.value(URIRef(url), HYDRA.next)
        url = str(nxt) if nxt else ""
    return out


def dataset_iri(rid: str) -> URIRef:
    return URIRef(f"{published_bundled()[0].base_uri}dataset/{rid}")


def listed(g: rdflib.Graph) -> set[URIRef]:
    return set(g.objects(None, DCAT.dataset))  # type: ignore[arg-type]


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_each_record_is_a_dcat_dataset_on_exactly_one_page(page_size, suffix):
    records = published_bundled()[1]
    pages = harvest(page_size, suffix)
    typed: Counter[URIRef] = Counter()
    for n, (url, g) in enumerate(pages, 1):
        here = set(g.subjects(RDF.type, DCAT.Dataset))
        assert here == listed(g), (url, sorted(here ^ listed(g)))  # what a harvester counts is what the page lists
        assert len(here) == (page_size if n < len(pages) else len(records) - page_size * (n - 1)), url
        typed.update(here)
        view = URIRef(url)
        assert int(g.value(view, HYDRA.totalItems)) == len(records), url
        assert int(g.value(view, HYDRA.itemsPerPage)) == page_size, url
        assert g.value(view, HYDRA.last) == URIRef(pages[-1][0]), url
    assert typed == Counter({dataset_iri(rid): 1 for rid in records})
    assert len(pages) == -(-len(records) // page_size)


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_a_source_listed_on_another_page_is_a_stub_defined_on_the_page(page_size):
    """A collection's parts on other pages are named, with their titles, as datasets described
    elsewhere: DCAT-AP's range of `dct:source` (a `dcat:Dataset`) holds through the subclass the
    page defines, and a harvester lists none of them twice."""
    catalogue, records = published_bundled()
    referenced = URIRef(catalogue.base_uri + dcat.REFERENCED)
    stubs = 0
    for url, g in harvest(page_size, ".ttl"):
        named = {
            s
            for d in listed(g)
            for s in g.objects(d, DCTERMS.source)
            if str(s).removeprefix(f"{catalogue.base_uri}dataset/") in records
        }
        elsewhere = named - listed(g)
        assert set(g.subjects(RDF.type, referenced)) == elsewhere, url
        for s in elsewhere:
            rec = records[str(s).rsplit("/", 1)[1]]
            assert str(g.value(s, DCTERMS.title)) == rec.title, (url, s)
            assert set(g.predicate_objects(s)) == {
                (RDF.type, referenced),
                (DCTERMS.title, g.value(s, DCTERMS.title)),
                (DCTERMS.description, g.value(s, DCTERMS.description)),
            }, (url, s)  # a stub, not the dataset again
        assert ((referenced, RDFS.subClassOf, DCAT.Dataset) in g) == bool(elsewhere), url
        stubs += len(elsewhere)
    assert (stubs > 0) == (page_size < len(records))  # the bundled collections' parts do fall on other pages


@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_a_page_holds_everything_its_datasets_documents_hold(page_size):
    """Each page is self-contained: every statement of each of its datasets' own documents
    (`/catalog/datasets/<id>`: the dataset, its components, agents, concepts, services, documents,
    stubs and classes) is on the page, but for a stub of a dataset the page lists in full."""
    referenced = URIRef(published_bundled()[0].base_uri + dcat.REFERENCED)
    for url, g in harvest(page_size, ".ttl"):
        on_page = listed(g)
        for d in on_page:
            rid = str(d).rsplit("/", 1)[1]
            status, _h, body, _e = call(f"/catalog/datasets/{rid}.ttl", app_=app(page_size))
            assert status == "200 OK"
            own = rdflib.Graph().parse(data=body.decode(), format="turtle")
            full_here = (on_page - {d}) & set(own.subjects(RDF.type, referenced))
            expected = {t for t in own if t[0] not in full_here}
            if not set(g.subjects(RDF.type, referenced)):  # every stub is listed in full: no class needed
                expected = {t for t in expected if t[0] != referenced}
            missing = {t for t in expected if t not in g}
            assert not missing, (url, rid, sorted(missing)[:5])


def test_every_page_conforms_to_the_dcat_ap_shapes():
    """A stub on a page keeps DCAT-AP's range of `dct:source` (a `dcat:Dataset`) through its
    subclass, defined on the page."""
    from .test_dcat import results, shapes

    for url, g in harvest(PAGE_SIZES[1], ".ttl"):
        violations = [r for r in results(g, shapes("required")) if r[0] == "sh:Violation"]
        assert violations == [], (url, violations[:5])
