"""The public site as researchers meet it, in headless Debian Chromium at a desktop (1280 px) and a
phone (390 px) width: nothing scrolls sideways, search finds a dataset by a keyword, a filter URL
reloads to the same view, an empty result says how to get out of it, and axe-core (from the npm
registry, installed by .ci/run) finds no serious or critical accessibility violation. Screenshots
of each width go to test-artifacts/."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from urllib.parse import quote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from adrmeta.eligibility import assess
from adrmeta.eligibility_report import render_html
from adrmeta.serve.app import App

from .browser import ARTIFACTS
from .conftest import TODAY, bundled, published_bundled
from .test_site import site_dir  # noqa: F401  (the fixture)

WIDTHS = [1280, 390]
AXE = Path(__file__).resolve().parent.parent / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"


def axe_source() -> str:
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core is not installed at {AXE}; .ci/run installs it with npm")
        pytest.skip("axe-core is not installed: npm install --prefix .ci/node axe-core@4 (.ci/run does it)")
    return AXE.read_text(encoding="utf-8")


def open_at(browser, url: str, width: int, javascript: bool = True, bypass_csp: bool = False):  # noqa: F811
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 900}, bypass_csp=bypass_csp)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, problems


def overflow(page) -> int:
    """How far the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def shown_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#datasets .card:not([hidden]) h2 a", "els => els.map(a => a.getAttribute('href').split('/').pop().replace('.html', ''))"
    )


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    page = tmp_path_factory.mktemp("report") / "eligibility.html"
    page.write_text(render_html(assess(today=TODAY)), encoding="utf-8")
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_scrolls_sideways(browser, site_dir, report_page, width):  # noqa: F811
    _catalogue, records = published_bundled()  # what the site shows: stated facts only
    pages = [
        ("index", site_dir / "index.html"),
        ("filter", site_dir / "filter" / "tre-sail-databank.html"),
        ("report", report_page),
    ] + [(f"dataset-{rid}", site_dir / "dataset" / f"{rid}.html") for rid in sorted(records)]
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in pages:
        context, page, problems = open_at(browser, path.as_uri(), width)
        assert overflow(page) <= 0, (name, width, overflow(page))
        assert problems == [], (name, problems)
        if name in ("index", "dataset-leo", "report"):
            page.screenshot(path=str(ARTIFACTS / f"site-{name}-{width}.png"), full_page=True)
        context.close()


def test_search_finds_a_dataset_by_a_keyword(browser, site_dir):  # noqa: F811
    _catalogue, records = published_bundled()  # what the site shows: stated facts only
    # a keyword that is not in the dataset's title, and that not every dataset has
    rid, keyword = next(
        (rid, kw)
        for rid, rec in sorted(records.items())
        for kw in rec.keywords
        if kw.lower() not in rec.title.lower()
        and sum(kw.lower() in " ".join([r.title, r.summary, *r.keywords]).lower() for r in records.values()) < len(records) // 2
    )
    context, page, problems = open_at(browser, (site_dir / "index.html").as_uri(), 1280)
    page.fill("#q", keyword.upper())
    shown = shown_ids(page)
    assert rid in shown and 0 < len(shown) < len(records)
    for other in shown:
        r = records[other]
        assert keyword.lower() in " ".join([r.title, r.acronym or "", r.summary, *r.keywords]).lower()
    assert page.locator("#count").inner_text() == f"{len(shown)} dataset" + ("s" if len(shown) != 1 else "")
    assert f"q={quote(keyword.upper()).replace('%20', '+')}" in page.url
    assert problems == []
    context.close()


def test_a_filter_url_reloads_to_the_same_view(browser, site_dir):  # noqa: F811
    _catalogue, records = published_bundled()  # what the site shows: stated facts only
    context, page, problems = open_at(browser, (site_dir / "index.html").as_uri(), 1280)
    page.select_option("#f-theme", "health")
    page.select_option("#f-status", "available")
    page.fill("#q", "data")
    before = shown_ids(page)
    expected = sorted(
        rid
        for rid, r in records.items()
        if "health" in r.themes
        and r.status == "available"
        and "data" in " ".join([r.title, r.acronym or "", r.summary, *r.keywords]).lower()
    )
    assert sorted(before) == expected and 0 < len(before) < len(records)
    url = page.url
    assert "theme=health" in url and "status=available" in url and "q=data" in url
    page.reload()
    page.wait_for_load_state("load")
    assert shown_ids(page) == before
    assert page.input_value("#f-theme") == "health" and page.input_value("#q") == "data"
    # and a fresh window opened at that URL shows the same
    context2, page2, _p = open_at(browser, url, 390)
    assert shown_ids(page2) == before
    context2.close()
    assert problems == []
    context.close()


def test_an_empty_result_says_so_and_offers_to_clear(browser, site_dir):  # noqa: F811
    _catalogue, records = published_bundled()  # what the site shows: stated facts only
    context, page, _problems = open_at(browser, (site_dir / "index.html").as_uri() + "?q=zzqx&nation=GB-WLS", 390)
    assert shown_ids(page) == []
    empty = page.locator("#empty")
    assert empty.is_visible()
    assert "No datasets match \u201czzqx\u201d, Nation: Wales" in empty.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-index-empty-390.png"), full_page=False)
    page.click("#clear")
    page.wait_for_load_state("load")
    assert len(shown_ids(page)) == len(records) and not page.locator("#empty").is_visible()
    context.close()


def axe_violations(page, source: str) -> list[str]:
    page.add_script_tag(content=source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 3)}));
    }""")
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_serious_or_critical_violation(browser, site_dir, width):  # noqa: F811
    source = axe_source()
    for rel in (
        "index.html",
        "index.html?theme=health&q=data",
        "filter/theme-health.html",
        "dataset/leo.html",
        "dataset/data-first.html",
        "index.html?q=zzqx",
    ):
        path, _, query = rel.partition("?")
        context, page, _problems = open_at(browser, (site_dir / path).as_uri() + (f"?{query}" if query else ""), width)
        assert axe_violations(page, source) == [], rel
        context.close()


# --- served: the front page and OAI-PMH in a browser -------------------------------------------


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server():
    httpd: WSGIServer = make_server("127.0.0.1", 0, lambda e, s: app_holder[0](e, s), handler_class=_Quiet)
    base = f"http://127.0.0.1:{httpd.server_port}/"
    app_holder = [App(*bundled(), base)]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_served_front_page_and_an_error_page(browser, server, width):  # noqa: F811
    source = axe_source()
    # the server's Content-Security-Policy forbids inline scripts: only the injected axe-core bypasses it
    context, page, problems = open_at(browser, server, width, bypass_csp=True)
    assert page.locator("#endpoints").is_visible()
    assert overflow(page) <= 0
    assert axe_violations(page, source) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#endpoints").screenshot(path=str(ARTIFACTS / f"serve-endpoints-{width}.png"))
    response = page.goto(server + "no/such/page")
    assert response.status == 404 and page.locator("h1").inner_text() == "Not Found"
    assert overflow(page) <= 0 and axe_violations(page, source) == []
    context.close()


def test_oai_pmh_reads_as_a_page_in_the_browser(browser, server):  # noqa: F811
    context, page, _problems = open_at(browser, server + "oai?verb=Identify", 1280)
    assert page.locator("h1").inner_text() == "Identify"
    # styled by the site's stylesheet, which the server's Content-Security-Policy allows ('self')
    assert page.eval_on_selector("header", "h => getComputedStyle(h).backgroundColor") == "rgb(11, 37, 69)"
    assert "ADR UK linked administrative datasets" in page.locator("main").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-oai-identify-1280.png"), full_page=True)
    page.goto(server + "oai?verb=ListRecords&metadataPrefix=oai_dc")
    assert page.locator(".record").count() > 0
    context.close()


def test_the_report_matrix_keeps_dataset_names_legible_at_phone_width(browser, report_page):  # noqa: F811
    """At 390 px the matrix scrolls sideways in its own box; its columns must not shrink to a
    letter a line (the page's wrap-anywhere rule let them)."""
    context, page, problems = open_at(browser, report_page.as_uri(), 390)
    try:
        widths = page.eval_on_selector_all(
            "#matrix tbody tr > :first-child", "els => els.map(e => e.getBoundingClientRect().width)"
        )
        assert widths and min(widths) >= 100, widths
        assert overflow(page) == 0 and problems == []
    finally:
        context.close()
