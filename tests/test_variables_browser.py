"""The variable search page (site/variables.html) in headless Chromium at a desktop (1400 px) and a
phone (390 px) width: the plain listing is there with JavaScript off, typing filters the rows and
travels in the URL, nothing scrolls sideways, and axe-core finds no serious or critical
violation there or in a dataset page's variable browser. Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrmeta.exportrun import Sink, run

from .browser import ARTIFACTS
from .test_dictionary_export import RID, fixture
from .test_site_browser import axe_source, axe_violations, open_at, overflow

WIDTHS = [1400, 390]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dictsite")
    run(Sink(out), *fixture(), ["site"], found=None)
    return out / "site"


def shown(page) -> list[str]:
    return page.eval_on_selector_all("#variables tbody tr:not([hidden]) th code", "els => els.map(e => e.textContent)")


def test_the_plain_listing_works_without_javascript(browser, site):  # noqa: F811
    context, page, problems = open_at(browser, (site / "variables.html").as_uri(), 1400, javascript=False)
    assert shown(page) == [
        "child_id",
        "legal_status",
        "placement_cost",
        "start_date",
        "child_id",
        "fsm_eligible",
        "absence_days",
        "la_code",
    ]
    assert not page.is_visible("#vq") and problems == []
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_searching_filters_the_variables(browser, site, width):  # noqa: F811
    context, page, problems = open_at(browser, (site / "variables.html").as_uri(), width)
    assert overflow(page) <= 0, overflow(page)
    page.fill("#vq", "free school")
    assert shown(page) == ["fsm_eligible"]
    assert page.text_content("#var-count") == "1 variable" and "q=free%20school" in page.url
    assert overflow(page) <= 0, overflow(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"site-variables-{width}.png"), full_page=True)
    page.fill("#vq", "child_id pupil")
    assert shown(page) == ["child_id"]
    page.fill("#vq", "zzqx")
    assert shown(page) == [] and page.is_visible("#var-empty")
    page.fill("#vq", "")
    assert len(shown(page)) == 8 and problems == []
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_variable_pages_are_accessible(browser, site, width):  # noqa: F811
    source = axe_source()
    for rel in ("variables.html", f"dataset/{RID}.html"):
        context, page, _problems = open_at(browser, (site / rel).as_uri(), width)
        assert overflow(page) <= 0, (rel, overflow(page))
        assert axe_violations(page, source) == [], rel
        if rel.startswith("dataset"):
            page.screenshot(path=str(ARTIFACTS / f"site-dictionary-{width}.png"), full_page=True)
        context.close()
