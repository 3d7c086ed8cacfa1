"""`adrmeta serve` for people: the index lists the endpoints, OAI-PMH responses name a stylesheet
the app serves (and that turns them into pages), errors are pages for browsers and JSON for
machines, and every absolute link follows the served base URL, not the catalogue's base URI."""

from __future__ import annotations

import contextlib
import json
import threading
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from lxml import etree
from lxml import html as lhtml

from adrmeta import export
from adrmeta.export import site
from adrmeta.export.files import whole
from adrmeta.serve.app import App

from .conftest import bundled
from .test_serve_app import BASE, app, call
from .test_serve_app import PAGE as PAGE_SIZE

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


def served(url: str) -> tuple[str, dict[str, str], bytes, str]:
    """Request an absolute URL under BASE from the app."""
    assert url.startswith(BASE), url
    parts = urlsplit(url)
    return call("/" + parts.path.removeprefix(urlsplit(BASE).path), parts.query)


def test_the_front_page_lists_the_endpoints_with_working_examples():
    status, _h, body, _e = call("/")
    doc = lhtml.fromstring(body)
    [section] = doc.xpath("//section[@id='endpoints']")
    hrefs = doc.xpath("//main/p[@class='harvest']/a/@href")  # said before the list of datasets
    browser = ["variables.html"] if any(rec.dictionary for rec in bundled()[1].values()) else []
    assert hrefs == ["#endpoints", *browser]  # and the variable browser, once a record has a dictionary
    for page in browser:
        assert call("/" + page)[0] == "200 OK"
    assert doc.xpath("//main/p[@class='harvest']/following::ul[@id='datasets']")
    text = section.text_content()
    for words in ("OAI-PMH", "DCAT-AP 3", "HDR UK Gateway", "sitemap.xml", "curl -H"):
        assert words in text
    examples = section.xpath(".//a/@href")
    paths = {urlsplit(h).path for h in examples}
    assert {"/adrmeta/oai", "/adrmeta/catalog.jsonld", "/adrmeta/api/hdruk/datasets", "/adrmeta/sitemap.xml"} <= paths
    for href in examples:
        got = served(href)
        assert got[0] == "200 OK", (href, got[0])
        assert b"<error" not in got[2], href  # OAI-PMH examples are requests that succeed
    # the exported site (not served) has no such section: nothing answers there unless served
    assert 'id="endpoints"' not in export.render("site", *bundled())["site/index.html"]


def test_oai_responses_name_the_stylesheet_the_app_serves():
    _s, _h, body, _e = call("/oai", "verb=Identify")
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="oai.xsl"?>\n')
    status, headers, xsl, _e = call("/oai.xsl")
    assert status == "200 OK" and headers["Content-Type"].startswith("text/xsl") and "ETag" in headers
    etree.XSLT(etree.fromstring(xsl))  # a well-formed XSLT 1.0 stylesheet
    # relative to /oai, "oai.xsl" is the served /oai.xsl under any base path
    assert urlsplit(BASE + "oai").path.rsplit("/", 1)[0] + "/oai.xsl" == "/adrmeta/oai.xsl"


def page_of(query: str) -> lhtml.HtmlElement:
    xsl = etree.XSLT(etree.fromstring(call("/oai.xsl")[2]))
    result = xsl(etree.fromstring(call("/oai", query)[2]))
    return lhtml.fromstring(str(result))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("verb=Identify", ["About this repository", "repositoryName", "ADR UK linked administrative datasets"]),
        ("verb=ListMetadataFormats", ["oai_dc", "oai_ddi25"]),
        ("verb=ListSets", ["Research theme: Health"]),
        (
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:metadata.adruk.org:leo",
            ["Longitudinal Education Outcomes - England", "oai:metadata.adruk.org:leo"],
        ),
        ("verb=GetRecord&metadataPrefix=oai_ddi25&identifier=oai:metadata.adruk.org:leo", ["Longitudinal Education Outcomes"]),
        ("verb=ListRecords&metadataPrefix=oai_dc", ["Next page", "Records"]),
        ("verb=Nonsense", ["Error: badVerb"]),
    ],
)
def test_the_stylesheet_turns_responses_into_pages(query, expected):
    doc = page_of(query)
    text = doc.text_content()
    for words in expected:
        assert words in text, (query, words)
    assert doc.xpath("//h1") and doc.get("lang") == "en"


def test_the_next_page_link_of_a_styled_list_works():
    doc = page_of("verb=ListRecords&metadataPrefix=oai_dc")
    [href] = doc.xpath("//a[text()='Next page']/@href")
    status, _h, body, _e = served(href)
    assert status == "200 OK" and b"<ListRecords>" in body and b"<error" not in body


@pytest.mark.parametrize(
    "path", ["/no-such-page", "/dataset/no-such-dataset", "/catalog/datasets/nope", "/api/hdruk/datasets/nope"]
)
def test_errors_are_pages_for_browsers_and_json_for_machines(path):
    status, headers, body, _e = call(path, accept=BROWSER)
    assert status.startswith("404") and headers["Content-Type"].startswith("text/html") and headers["Vary"] == "Accept"
    doc = lhtml.fromstring(body)
    assert doc.xpath("//h1")[0].text_content() == "Not Found"
    assert doc.xpath("//link[@rel='stylesheet']/@href") == ["/adrmeta/assets/site.css"]  # at any depth
    for accept in (None, "application/json", "*/*", "application/ld+json, text/html;q=0.5"):
        status, headers, body, _e = call(path, **({"accept": accept} if accept else {}))
        assert status.startswith("404") and headers["Content-Type"].startswith("application/json"), accept
        assert json.loads(body)["status"] == 404


def test_other_error_statuses_are_negotiated_too():
    status, headers, body, _e = call("/catalog", method="POST", accept=BROWSER)
    assert status.startswith("405") and headers["Content-Type"].startswith("text/html") and headers["Allow"] == "GET, HEAD"
    assert b"Only GET and HEAD" in body
    assert call("/catalog", "page=999", accept=BROWSER)[1]["Content-Type"].startswith("text/html")


def test_sitemap_robots_and_canonical_links_follow_the_served_base_url():
    catalogue, records = bundled()
    assert not BASE.startswith(catalogue.base_uri)
    sitemap = etree.fromstring(call("/sitemap.xml")[2])
    locs = sitemap.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    browser = 1 if any(rec.dictionary for rec in records.values()) else 0  # variables.html
    filters = sum(1 for loc in locs if loc.startswith(BASE + "filter/"))  # every filter page is listed too
    assert filters and locs[0] == BASE + "index.html" and len(locs) == len(records) + 1 + browser + filters
    for loc in locs:
        assert served(loc)[0] == "200 OK"
    assert call("/robots.txt")[2].decode().endswith(f"Sitemap: {BASE}sitemap.xml\n")
    doc = lhtml.fromstring(call("/dataset/leo.html")[2])
    assert doc.xpath("//link[@rel='canonical']/@href") == [BASE + "dataset/leo.html"]
    # an app served elsewhere says so
    other = App(catalogue, records, "http://127.0.0.1:8080")
    assert b"<loc>http://127.0.0.1:8080/index.html</loc>" in call("/sitemap.xml", app_=other)[2]


def test_every_alternate_link_of_every_served_page_answers_with_its_format():
    _catalogue, records = bundled()
    hdruk = set()
    for rid in sorted(records):
        doc = lhtml.fromstring(call(f"/dataset/{rid}.html")[2])
        links = doc.xpath("//head/link[@rel='alternate']")
        assert len(links) >= 4, rid
        body_links = doc.xpath("//section[@aria-labelledby='h-formats']//a/@href")
        assert body_links == [a.get("href") for a in links]
        for a in links:
            status, headers, body, _e = served(a.get("href"))
            assert status == "200 OK", (rid, a.get("href"))
            assert headers["Content-Type"].split(";")[0] == a.get("type"), a.get("href")
            assert b"<error" not in body
            if "api/hdruk" in a.get("href"):
                hdruk.add(rid)
    listed = {item["self"].rsplit("/", 1)[1] for item in json.loads(call("/api/hdruk/datasets")[2])["items"]}
    assert hdruk == listed and 0 < len(hdruk) < len(records)  # HDR UK only where its export includes the record


def test_the_served_site_shows_stated_facts_only():
    from adrmeta.provenance import published

    catalogue, records = bundled()
    assert (
        app().site.files["dataset/leo.html"].body
        == whole(site.documents(catalogue, published(records), base_url=BASE))["site/dataset/leo.html"].encode()
    )


def _site_links(node: object) -> Iterator[str]:
    """Every `url` and `usageInfo` in a JSON-LD tree: the addresses of pages (the site's own, or
    elsewhere), never identifiers (`@id`)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("url", "usageInfo") and isinstance(value, str):
                yield value
            else:
                yield from _site_links(value)
    elif isinstance(node, list):
        for item in node:
            yield from _site_links(item)


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


@contextlib.contextmanager
def _listening(base: str | None = None) -> Iterator[tuple[str, str]]:
    """The bundled records served by the app on 127.0.0.1 with a free port, as `adrmeta serve`
    serves them: at the address it listens on, or at `base` (--base-url, a proxy in front).
    Yields (address to fetch from, base URL the pages are published under)."""
    catalogue, records = bundled()
    holder: list[App] = []
    httpd = make_server("127.0.0.1", 0, lambda env, start: holder[0](env, start), handler_class=_Quiet)
    listening = f"http://127.0.0.1:{httpd.server_port}/"
    holder.append(App(catalogue, records, base or listening, page_size=PAGE_SIZE))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield listening, base or listening
    finally:
        httpd.shutdown()
        httpd.server_close()


def _canonical_and_jsonld(html: bytes) -> tuple[str, dict[str, Any]]:
    doc = lhtml.fromstring(html)
    [canonical] = doc.xpath("//head/link[@rel='canonical']/@href")
    [script] = doc.xpath("//head/script[@type='application/ld+json']/text()")
    return canonical, json.loads(script)


@pytest.mark.parametrize("proxied", [False, True], ids=["listening address", "behind a proxy"])
def test_a_served_pages_json_ld_names_the_address_its_canonical_link_names(proxied):
    """Search engines index a page under its canonical URL and read its schema.org Dataset's `url`:
    a page published at one address names that address in both, and every link of its JSON-LD into
    the site (related datasets, components, variables, access) is under it too. `@id` is the
    dataset's identifier, the same IRI as in DCAT wherever the page is served."""
    catalogue, records = bundled()
    with _listening("https://proxy.example.org/adrmeta/" if proxied else None) as (address, base):
        assert not base.startswith(catalogue.base_uri)
        for rid in sorted(records):
            with urllib.request.urlopen(f"{address}dataset/{rid}.html", timeout=30) as resp:
                canonical, data = _canonical_and_jsonld(resp.read())
            assert canonical == f"{base}dataset/{rid}.html"
            assert data["url"] == canonical, rid
            assert data["@id"] == f"{catalogue.base_uri}dataset/{rid}"
            ours = [u for u in _site_links(data) if u.startswith((base, catalogue.base_uri))]
            assert ours and all(u.startswith(base) for u in ours), (rid, ours)
            if not proxied:  # the page's address answers where it is served
                with urllib.request.urlopen(data["url"], timeout=30) as resp:
                    assert resp.status == 200
    # the exported site names the catalogue's base URI in both
    for rid in sorted(records):
        canonical, data = _canonical_and_jsonld(export.render("site", catalogue, records)[f"site/dataset/{rid}.html"].encode())
        assert data["url"] == canonical == f"{catalogue.base_uri}dataset/{rid}.html"
