"""The WSGI app in-process: Hydra-paged DCAT with content negotiation, per-dataset documents, the
static site (no path leaves it), the HDR UK pull API, bounded input, and no stack traces."""

from __future__ import annotations

import functools
import io
import json
from typing import Any

import pytest
import rdflib
from rdflib.namespace import DCAT, RDF

from adrmeta import export
from adrmeta.export import site
from adrmeta.export.files import whole
from adrmeta.provenance import published
from adrmeta.serve.app import MAX_BODY, MAX_QUERY, App
from adrmeta.serve.http import negotiate

from .conftest import HDRUK_LIST_ITEM_FIELDS, bundled

BASE = "https://harvest.example.org/adrmeta/"
HYDRA = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")
PAGE = 10


@functools.cache
def app() -> App:
    catalogue, records = bundled()
    return App(catalogue, records, BASE, page_size=PAGE)


def call(
    path: str, query: str = "", method: str = "GET", body: bytes = b"", app_: App | None = None, **headers: str
) -> tuple[str, dict[str, str], bytes, str]:
    errors = io.StringIO()
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "evil.example.com",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": errors,
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": headers.pop("content_type", ""),
    }
    environ.update({"HTTP_" + k.upper(): v for k, v in headers.items()})
    got: dict[str, Any] = {}

    def start_response(status, hdrs):
        got["status"], got["headers"] = status, dict(hdrs)

    data = b"".join((app_ or app())(environ, start_response))
    return got["status"], got["headers"], data, errors.getvalue()


def graph(data: bytes, fmt: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=data.decode(), format=fmt)


# --- DCAT ---------------------------------------------------------------------------------------


def test_catalog_pages_cover_every_dataset_once_following_hydra_next():
    records = bundled()[1]
    url, seen, pages = f"{BASE}catalog.jsonld?page=1", [], 0
    while url:
        assert url.startswith(BASE)  # the configured base URL, never the Host header
        status, headers, body, _ = call("/catalog.jsonld", url.split("?", 1)[1])
        assert status == "200 OK" and headers["Content-Type"].startswith("application/ld+json")
        g = graph(body, "json-ld")
        seen += [str(d) for d in g.objects(None, DCAT.dataset)]
        view = rdflib.URIRef(url)
        assert (view, RDF.type, HYDRA.PartialCollectionView) in g
        assert int(g.value(view, HYDRA.totalItems)) == len(records)
        nxt = g.value(view, HYDRA.next)
        url = str(nxt) if nxt else ""
        pages += 1
    assert sorted(seen) == sorted(f"{bundled()[0].base_uri}dataset/{r}" for r in records)
    assert pages == -(-len(records) // PAGE) > 1


def test_turtle_and_json_ld_pages_hold_the_same_dataset_triples():
    _s, _h, jl, _e = call("/catalog", "page=2", accept="application/ld+json")
    _s, h, ttl, _e = call("/catalog", "page=2", accept="text/turtle")
    assert h["Content-Type"].startswith("text/turtle") and h["Vary"] == "Accept"
    gj, gt = graph(jl, "json-ld"), graph(ttl, "turtle")
    assert set(gj.subjects(RDF.type, DCAT.Dataset)) == set(gt.subjects(RDF.type, DCAT.Dataset))
    view = rdflib.URIRef(f"{BASE}catalog.ttl?page=2")
    assert gt.value(view, HYDRA.previous) == rdflib.URIRef(f"{BASE}catalog.ttl?page=1")
    assert gt.value(view, HYDRA.first) == rdflib.URIRef(f"{BASE}catalog.ttl?page=1")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/ld+json"),
        ("*/*", "application/ld+json"),
        ("application/json", "application/ld+json"),
        ("text/turtle", "text/turtle"),
        ("text/*", "text/turtle"),
        ("application/ld+json;q=0.5, text/turtle;q=0.9", "text/turtle"),
        ("text/turtle;q=0, */*;q=0.1", "application/ld+json"),
    ],
)
def test_catalog_content_negotiation(accept, expected):
    status, headers, _b, _e = call("/catalog", **({"accept": accept} if accept else {}))
    assert status == "200 OK" and headers["Content-Type"].startswith(expected)


def test_unacceptable_types_and_missing_pages():
    assert call("/catalog", accept="text/html")[0].startswith("406")
    for query in ("page=0", "page=999", "page=abc", "page=-1", "page=" + "9" * 30):
        status, _h, body, _e = call("/catalog", query)
        assert status.startswith("404") and json.loads(body)["status"] == 404


def test_dataset_documents_are_the_dcat_export():
    catalogue, records = bundled()
    files = export.render("dcat", catalogue, published(records))  # serve shows stated facts only
    for path, accept in (("/catalog/datasets/leo.ttl", None), ("/catalog/datasets/leo", "text/turtle")):
        status, _h, body, _e = call(path, **({"accept": accept} if accept else {}))
        assert status == "200 OK" and body == files["dcat/datasets/leo.ttl"].encode()
    assert call("/catalog/datasets/leo.jsonld")[2] == files["dcat/datasets/leo.jsonld"].encode()
    assert call("/catalog/datasets/nope")[0].startswith("404")


def test_the_dataset_iri_negotiates_between_page_and_data():
    catalogue, records = bundled()
    pages = whole(site.documents(catalogue, published(records), base_url=BASE))  # the site as served
    status, headers, body, _e = call("/dataset/leo", accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert headers["Content-Type"].startswith("text/html") and body == pages["site/dataset/leo.html"].encode()
    assert headers["Vary"] == "Accept"
    assert call("/dataset/leo", accept="text/turtle")[1]["Content-Type"].startswith("text/turtle")


def test_negotiate_prefers_the_most_specific_range():
    assert negotiate("text/*;q=0.9, text/turtle;q=0.1", ["application/ld+json", "text/turtle"]) == "text/turtle"
    assert negotiate("image/png", ["application/ld+json"]) is None
    assert negotiate("garbage;;;q=x", ["application/ld+json"]) is None


# --- the static site ---------------------------------------------------------------------------


def test_the_site_is_served_with_etags_and_head():
    catalogue, records = bundled()
    pages = whole(site.documents(catalogue, published(records), base_url=BASE))  # the site as served
    status, headers, body, _e = call("/")
    assert status == "200 OK" and body == pages["site/index.html"].encode()
    status, headers, body, _e = call("/assets/site.css")
    assert headers["Content-Type"].startswith("text/css") and body == pages["site/assets/site.css"].encode()
    assert call("/assets/site.css", if_none_match=headers["ETag"])[0] == "304 Not Modified"
    status, headers, body, _e = call("/dataset/leo.html", method="HEAD")
    assert status == "200 OK" and body == b"" and int(headers["Content-Length"]) == len(pages["site/dataset/leo.html"].encode())


@pytest.mark.parametrize(
    "path",
    [
        "/../catalogue.yaml",
        "/assets/../../catalogue.yaml",
        "/./index.html",
        "//etc/passwd",
        "/assets/..\\..\\catalogue.yaml",
        "/index.html\x00.css",
        "/" + "a/" * 400,
        "/../../../../etc/passwd",
        "/records/leo.yaml",
        "/catalogue.yaml",
    ],
)
def test_no_path_leaves_the_site(path):
    status, _h, body, _e = call(path)
    assert status.startswith("404") and b"root:" not in body and b"base_uri" not in body


# --- the HDR UK pull API ----------------------------------------------------------------------


def test_hdruk_list_pages_and_filters():
    status, headers, body, _e = call("/api/hdruk/datasets")
    doc = json.loads(body)
    assert status == "200 OK" and list(doc) == ["items"]
    total = int(headers["X-Total-Count"])
    assert total == len(doc["items"]) >= 1
    for item in doc["items"]:
        assert HDRUK_LIST_ITEM_FIELDS <= set(item)
        assert item["self"].startswith(BASE + "api/hdruk/datasets/")
    first = doc["items"][0]
    status, headers, body, _e = call("/api/hdruk/datasets", "offset=0&limit=1")
    assert json.loads(body)["items"] == [first]
    if total > 1:
        assert headers["Link"] == f'<{BASE}api/hdruk/datasets?offset=1&limit=1>; rel="next"'
    word = first["name"].split()[0]
    found = json.loads(call("/api/hdruk/datasets", f"q={word.upper()}")[2])["items"]
    assert first in found and all(word.casefold() in (i["name"] + " " + i["description"]).casefold() for i in found)
    assert json.loads(call("/api/hdruk/datasets", "q=zzzz-no-such-words")[2]) == {"items": []}


def test_hdruk_dataset_document_is_the_export():
    from adrmeta import export

    catalogue, records = bundled()
    files = export.render("hdruk", catalogue, records)
    items = json.loads(call("/api/hdruk/datasets")[2])["items"]
    rid = items[0]["self"].rsplit("/", 1)[1]
    status, headers, body, _e = call(f"/api/hdruk/datasets/{rid}")
    assert status == "200 OK" and body == files[f"hdruk/{rid}.json"].encode()
    assert call(f"/hdruk/{rid}.json")[2] == body
    assert call("/api/hdruk/datasets/no-such-dataset")[0].startswith("404")


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=101",
        "limit=x",
        "offset=-1",
        "offset=1e3",
        "q=" + "a" * 201,
        "sort=name",
        "&".join(f"q{i}=1" for i in range(20)),
    ],
)
def test_hdruk_list_parameters_are_bounded(query):
    status, _h, body, _e = call("/api/hdruk/datasets", query)
    assert status.startswith("400") and "error" in json.loads(body)


# --- bounds and failures ------------------------------------------------------------------------


def test_oai_over_http_get_and_post_and_its_bounds():
    status, headers, body, _e = call("/oai", "verb=Identify")
    assert status == "200 OK" and headers["Content-Type"].startswith("text/xml") and b"<Identify>" in body
    form = {"content_type": "application/x-www-form-urlencoded"}
    assert b"<ListSets>" in call("/oai", method="POST", body=b"verb=ListSets", **form)[2]
    for args in (
        {"query": "verb=Identify&x=" + "a" * MAX_QUERY},
        {"method": "POST", "body": b"verb=Identify&x=" + b"a" * MAX_BODY, **form},
        {"method": "POST", "body": b'{"verb": "Identify"}', "content_type": "application/json"},
        {"query": "&".join(["verb=Identify"] * 40)},
    ):
        status, _h, body, _e = call("/oai", **args)
        assert status == "200 OK" and b'code="badArgument"' in body
    assert call("/oai", method="DELETE")[0].startswith("405")


def test_other_bounds():
    assert call("/catalog", "page=1&x=" + "a" * MAX_QUERY)[0].startswith("414")
    status, headers, _b, _e = call("/catalog", method="POST")
    assert status.startswith("405") and headers["Allow"] == "GET, HEAD"


def test_an_internal_failure_is_a_plain_500_and_is_logged(monkeypatch):
    broken = App(*bundled(), BASE, page_size=PAGE)

    def explode(_environ):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(broken, "_catalog", explode)
    broken.routes["/catalog"] = explode
    status, _h, body, log = call("/catalog", app_=broken)
    assert status.startswith("500")
    assert b"secret" not in body and b"Traceback" not in body
    assert "RuntimeError: secret internals" in log


def test_every_iri_minted_for_a_document_or_publication_leads_to_its_entry_on_the_site():
    """A document or publication without a URL is named by its entry on the dataset's page: the
    IRI (which a CKAN portal shows as a documentation link) dereferences to a page describing it."""
    import html
    import re

    from rdflib.namespace import DCTERMS, FOAF

    catalogue, _records = bundled()
    files = export.render("dcat", catalogue, published(bundled()[1]))
    g = graph(files["dcat/catalog.ttl"].encode(), "turtle")
    minted = sorted(str(s) for s in g.subjects(RDF.type, FOAF.Document) if str(s).startswith(catalogue.base_uri))
    assert minted and all("#document-" in m or "#publication-" in m for m in minted)
    pages: dict[str, str] = {}
    for iri in minted:
        path, fragment = iri.removeprefix(catalogue.base_uri).split("#")
        if path not in pages:
            status, _h, body, _e = call("/" + path)
            assert status == "200 OK", iri
            pages[path] = body.decode()
        entry = re.search(rf'<li id="{fragment}">(.*?)</li>', pages[path])
        assert entry, iri
        assert html.escape(str(g.value(rdflib.URIRef(iri), DCTERMS.title)), quote=True) in entry.group(1), iri


def test_a_withdrawn_records_addresses_answer_gone_with_the_day():
    """A record taken out and listed as withdrawn: its IRI, DCAT documents, site page and HDR UK
    document answer 410 Gone (not 404), so a link checker or harvester knows it is gone for good."""
    import attrs

    from adrmeta.model import Withdrawn

    catalogue, records = bundled()
    rest = {rid: rec for rid, rec in records.items() if rid != "leo"}
    listed = attrs.evolve(catalogue, withdrawn=(Withdrawn(id="leo", date="2026-11-20", note="Merged into another record."),))
    served = App(listed, rest, BASE, page_size=PAGE)
    for path in (
        "/dataset/leo",
        "/dataset/leo.html",
        "/catalog/datasets/leo.ttl",
        "/catalog/datasets/leo.jsonld",
        "/api/hdruk/datasets/leo",
        "/hdruk/leo.json",
    ):
        status, _h, body, _e = call(path, app_=served)
        assert status.startswith("410"), (path, status)
        assert b"2026-11-20" in body and b"Merged into another record." in body, path
    assert call("/dataset/echild", app_=served)[0].startswith("200")
    assert call("/dataset/no-such-record", app_=served)[0].startswith("404")
    assert call("/dataset/leo")[0].startswith("200")  # listed nowhere: served as ever
