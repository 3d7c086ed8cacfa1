"""Every IRI the DCAT export mints under the catalogue's base_uri resolves on `serve`: organisations,
TREs, roles, themes and their schemes, the catalogue and its contact, the classes at `vocab`,
a dataset's own nodes. Each answers with triples about itself, as JSON-LD and as Turtle."""

from __future__ import annotations

import functools

import pytest
import rdflib
import requests
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from .conftest import ROOT, bundled
from .test_serve_app import call, graph
from .test_serve_harvest import Server

FORMATS = {"application/ld+json": "json-ld", "text/turtle": "turtle"}


@functools.cache
def minted() -> list[str]:
    """Subject IRIs under base_uri in the committed catalogue, other than the site's page anchors
    (`{dataset}.html#...`, the page itself answers)."""
    base = bundled()[0].base_uri
    g = rdflib.Graph().parse(ROOT / "exports" / "dcat" / "catalog.ttl")
    return sorted({str(s) for s in g.subjects() if str(s).startswith(base) and ".html#" not in str(s)})


def test_the_sweep_covers_every_kind_of_minted_iri():
    base = bundled()[0].base_uri
    kinds = {iri.removeprefix(base).split("/")[0].split("#")[0] for iri in minted()}
    assert {"organisation", "tre", "role", "roles", "theme", "themes", "catalogue", "vocab", "dataset", "csvw"} <= kinds
    assert f"{base}catalogue/contact" in minted()


@pytest.mark.parametrize("accept", FORMATS)
def test_every_minted_iri_resolves_with_triples_about_itself(accept):
    base = bundled()[0].base_uri
    for iri in minted():
        path = "/" + iri.removeprefix(base).split("#")[0]
        if path.startswith("/csvw/") and accept == "application/ld+json":
            continue  # the CSVW schema itself (JSON-LD with the CSVW context); below
        status, headers, body, _ = call(path, accept=accept)
        assert status == "200 OK", (iri, status)
        assert headers["Content-Type"].startswith(accept) and headers["Vary"] == "Accept", iri
        g = graph(body, FORMATS[accept])
        assert (rdflib.URIRef(iri), None, None) in g, iri


def test_vocab_defines_both_classes():
    base = bundled()[0].base_uri
    for accept, fmt in FORMATS.items():
        g = graph(call("/vocab", accept=accept)[2], fmt)
        for name in ("ComponentDataset", "ReferencedDataset"):
            cls = rdflib.URIRef(f"{base}vocab#{name}")
            assert (cls, RDFS.subClassOf, rdflib.URIRef("http://www.w3.org/ns/dcat#Dataset")) in g


def test_default_is_json_ld_and_both_serialisations_say_the_same():
    status, headers, body, _ = call("/organisation/ons")
    assert status == "200 OK" and headers["Content-Type"].startswith("application/ld+json")
    turtle = graph(call("/organisation/ons", accept="text/turtle")[2], "turtle")
    assert isomorphic(graph(body, "json-ld"), turtle)


def test_csvw_schema_stays_the_default_and_turtle_describes_it():
    path = next(iri for iri in minted() if "/csvw/" in iri).split("/csvw/", 1)[1]
    status, headers, _body, _ = call(f"/csvw/{path}")
    assert status == "200 OK" and headers["Content-Type"] == "application/csvm+json"
    status, headers, _body, _ = call(f"/csvw/{path}", accept="application/json")
    assert headers["Content-Type"] == "application/csvm+json"
    status, headers, body, _ = call(f"/csvw/{path}", accept="text/turtle")
    assert status == "200 OK" and headers["Content-Type"].startswith("text/turtle")
    assert any(str(s).endswith(f"/csvw/{path}") for s in graph(body, "turtle").subjects())


@pytest.mark.parametrize("path", ["/organisation/x", "/tre/x", "/role/x", "/dataset/leo/attribution/99", "/vocab/x"])
def test_unknown_ones_are_404(path):
    assert call(path, accept="text/turtle")[0] == "404 Not Found"


def test_only_html_is_406():
    assert call("/organisation/ons", accept="text/html")[0] == "406 Not Acceptable"


@pytest.mark.slow
def test_a_served_process_on_localhost_resolves_them_all():
    base = bundled()[0].base_uri
    server = Server()
    try:
        with requests.Session() as http:
            for iri in minted():
                url = server.url + iri.removeprefix(base).split("#")[0]
                for accept, fmt in FORMATS.items():
                    if "/csvw/" in url and fmt == "json-ld":
                        continue
                    resp = http.get(url, headers={"Accept": accept}, timeout=10)
                    assert resp.status_code == 200, url
                    assert (rdflib.URIRef(iri), None, None) in graph(resp.content, fmt), url
            assert http.get(server.url + "organisation/x", timeout=10).status_code == 404
    finally:
        assert server.stop() == 0
