"""The static site: structure, escaping, sitemap, and what a browser (headless Debian Chromium
through Playwright) sees: no console errors, JSON-LD equal to the export, a working filter."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lhtml

from adrmeta import export
from adrmeta.export import schemaorg, site
from adrmeta.validate import load

from .browser import ARTIFACTS
from .conftest import FIXTURES, TEST_CATALOGUE, published_bundled


@functools.cache
def rendered() -> dict[str, str]:
    return export.render("site", *published_bundled())


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    for rel, text in rendered().items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return out / "site"


PAGES = ["index.html"] + [f"dataset/{rid}.html" for rid in sorted(published_bundled()[1])]


def test_files():
    catalogue, records = published_bundled()
    files = rendered()
    assert {"site/index.html", "site/sitemap.xml", "site/robots.txt", "site/assets/site.css", "site/assets/site.js"} <= set(files)
    assert {f"site/dataset/{rid}.html" for rid in records} <= set(files)
    assert files["site/robots.txt"] == f"User-agent: *\nAllow: /\nSitemap: {catalogue.base_uri}sitemap.xml\n"


def test_sitemap_has_absolute_urls_from_the_base_uri():
    catalogue, records = published_bundled()
    root = etree.fromstring(rendered()["site/sitemap.xml"].encode())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = root.xpath("//s:loc/text()", namespaces=ns)
    assert locs[0] == f"{catalogue.base_uri}index.html"
    pages = [f"{catalogue.base_uri}dataset/{rid}.html" for rid in records]
    if any(rec.dictionary for rec in records.values()):  # the variable browser, once a record has a dictionary
        pages.append(f"{catalogue.base_uri}variables.html")
    filters = sorted(rel.removeprefix("site/") for rel in rendered() if rel.startswith("site/filter/"))
    pages += [f"{catalogue.base_uri}{rel}" for rel in filters]  # every filter page has a canonical URL: it is listed
    assert sorted(locs[1:]) == sorted(pages)
    assert root.xpath("//s:url[s:loc[contains(., '/leo.html')]]/s:lastmod/text()", namespaces=ns) == [records["leo"].modified]
    # a filter page changes whenever the index does (a record may join or leave it): the index's date
    lastmod = root.xpath("//s:url[s:loc[contains(., '/filter/theme-health.html')]]/s:lastmod/text()", namespaces=ns)
    assert lastmod == root.xpath("//s:url[s:loc[contains(., '/index.html')]]/s:lastmod/text()", namespaces=ns)


def test_a_record_leaving_a_filter_page_moves_that_pages_lastmod():
    import datetime

    import attrs

    catalogue, records = published_bundled()
    rid = min(r for r, rec in records.items() if "health" in rec.themes)
    latest = max([catalogue.modified, *(rec.modified for rec in records.values())])
    day = (datetime.date.fromisoformat(latest) + datetime.timedelta(days=1)).isoformat()
    rec = records[rid]
    moved = {**records, rid: attrs.evolve(rec, themes=[t for t in rec.themes if t != "health"], modified=day)}
    root = etree.fromstring(export.render("site", catalogue, moved)["site/sitemap.xml"].encode())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = root.xpath("//s:url[s:loc[contains(., '/filter/theme-health.html')]]/s:lastmod/text()", namespaces=ns)
    assert lastmod == [day]  # the page lost a card that day


def test_page_titles_fit_search_results_and_every_page_has_a_description():
    for rel, text in rendered().items():
        if rel.endswith(".html"):
            doc = lhtml.fromstring(text)
            title = doc.findtext(".//title")
            assert len(title) <= 70 or " – " not in title, rel  # a long name stands alone
            assert doc.xpath("//meta[@name='description']/@content"), rel


@pytest.mark.parametrize("page", PAGES + ["filter/theme-health.html"])
def test_pages_are_self_contained_and_accessible(page):
    doc = lhtml.fromstring(rendered()[f"site/{page}"])
    assert doc.get("lang") == "en"
    assert len(doc.xpath("//h1")) == 1 and doc.xpath("//main[@id='main']") and doc.xpath("//header") and doc.xpath("//footer")
    assert doc.xpath("//a[@class='skip' and @href='#main']")
    # no CDN, no external fonts or scripts (canonical and alternate links name pages, they load nothing)
    for el in doc.xpath("//link[@href][not(@rel='canonical' or @rel='alternate')] | //script[@src] | //img[@src]"):
        ref = el.get("href") or el.get("src")
        assert not re.match(r"^(https?:)?//", ref), ref
    for select in doc.xpath("//select"):
        assert doc.xpath(f"//label[@for='{select.get('id')}']"), select.get("id")
    levels = [int(h.tag[1]) for h in doc.xpath("//h1|//h2|//h3")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels  # no skipped heading levels


@pytest.mark.parametrize("rid", sorted(published_bundled()[1]))
def test_each_page_embeds_the_exported_json_ld(rid):
    catalogue, records = published_bundled()
    doc = lhtml.fromstring(rendered()[f"site/dataset/{rid}.html"])
    [script] = doc.xpath("//head/script[@type='application/ld+json']")
    assert json.loads(script.text) == schemaorg.dataset(catalogue, records, records[rid])


def test_filter_pages_list_exactly_the_matching_datasets():
    _catalogue, records = published_bundled()
    doc = lhtml.fromstring(rendered()["site/filter/tre-sail-databank.html"])
    listed = {a.get("href").split("/")[-1].removesuffix(".html") for a in doc.xpath("//ul[@id='datasets']//h2/a")}
    assert listed == {rid for rid, r in records.items() if any(a.tre == "sail-databank" for a in r.access)}
    assert doc.xpath("//p[@class='count']")[0].text == f"{len(listed)} dataset" + ("" if len(listed) == 1 else "s")


def hostile_site(tmp_path: Path) -> dict[str, str]:
    text = (
        (FIXTURES / "flagship" / "eligible.yaml")
        .read_text()
        .replace(
            "title: A linked dataset meeting every flagship criterion",
            'title: "</script><script>alert(\'x\')</script> \\"quoted\\" & <b>bold</b>"',
        )
    )
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "eligible.yaml").write_text(text)
    (tmp_path / "catalogue.yaml").write_text(TEST_CATALOGUE.read_text())
    ws = load(cwd=tmp_path)
    return export.render("site", ws.catalogue, ws.records)


def test_hostile_text_is_escaped_in_html_and_json_ld(tmp_path):
    files = hostile_site(tmp_path)
    page = files["site/dataset/eligible.html"]
    assert "<script>alert" not in page and page.count("</script>") == 2  # the JSON-LD's and site.js's own
    doc = lhtml.fromstring(page)
    assert doc.xpath("//h1")[0].text_content().startswith("</script><script>alert('x')</script> \"quoted\" & <b>bold</b>")
    data = json.loads(doc.xpath("//head/script[@type='application/ld+json']")[0].text)
    assert data["name"] == "</script><script>alert('x')</script> \"quoted\" & <b>bold</b>"
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;quoted&quot; &amp; &lt;b&gt;" in page


# --- in the browser ----------------------------------------------------------------------------


def open_page(browser, url: str, javascript: bool = True):  # noqa: F811
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, problems


def test_every_page_loads_without_console_errors_and_shows_its_json_ld(browser, site_dir):  # noqa: F811
    catalogue, records = published_bundled()
    for rel in PAGES + [f"filter/{p.name}" for p in sorted((site_dir / "filter").iterdir())]:
        context, page, problems = open_page(browser, (site_dir / rel).as_uri())
        assert problems == [], (rel, problems)
        if rel.startswith("dataset/"):
            rid = rel.removeprefix("dataset/").removesuffix(".html")
            from_dom = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
            assert from_dom == schemaorg.dataset(catalogue, records, records[rid])
            assert page.locator("h1").inner_text().startswith(records[rid].title)
        context.close()


def test_index_filter_narrows_the_list(browser, site_dir):  # noqa: F811
    _catalogue, records = published_bundled()
    context, page, problems = open_page(browser, (site_dir / "index.html").as_uri())
    visible = page.locator("#datasets .card:visible")
    assert visible.count() == len(records)
    page.select_option("#f-theme", "health")
    health = sum(1 for r in records.values() if "health" in r.themes)
    assert 0 < visible.count() == health < len(records)
    assert page.locator("#count").inner_text() == f"{health} datasets"
    page.select_option("#f-status", "planned")
    both = sum(1 for r in records.values() if "health" in r.themes and r.status == "planned")
    assert visible.count() == both
    page.click("button[type=reset]")
    page.wait_for_function(f"document.querySelectorAll('#datasets .card:not([hidden])').length === {len(records)}")
    ARTIFACTS.mkdir(exist_ok=True)
    page.select_option("#f-nation", "GB-WLS")
    page.screenshot(path=str(ARTIFACTS / "site-index-filtered.png"))
    assert problems == []
    context.close()


def test_without_javascript_every_dataset_is_listed_and_filter_pages_work(browser, site_dir):  # noqa: F811
    _catalogue, records = published_bundled()
    context, page, _problems = open_page(browser, (site_dir / "index.html").as_uri(), javascript=False)
    assert page.locator("#datasets .card:visible").count() == len(records)
    assert not page.locator("#filters").is_visible()  # the JavaScript form stays out of the way
    page.click("nav.browse >> text=Health")
    assert page.url.endswith("filter/theme-health.html")
    assert page.locator("#datasets .card").count() == sum(1 for r in records.values() if "health" in r.themes)
    context.close()


def test_screenshots_of_the_index_and_a_dataset_page(browser, site_dir):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    for rel, name in (("index.html", "site-index.png"), ("dataset/leo.html", "site-dataset-leo.png")):
        context, page, problems = open_page(browser, (site_dir / rel).as_uri())
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)
        assert (ARTIFACTS / name).stat().st_size > 10_000 and problems == []
        context.close()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_colours_meet_wcag_aa_contrast():
    css = site.CSS
    # every text colour the stylesheet sets, on the backgrounds it is used on
    text_colours = set(re.findall(r"(?<![-\w])color:(#[0-9a-fA-F]{6})", css))
    assert {"#1b1b1b", "#0b4f9c", "#005a30", "#6f4100", "#a4000d"} <= text_colours
    for colour in text_colours - {"#ffffff", "#fff"}:
        assert contrast(colour, "#ffffff") >= 4.5, colour
        assert contrast(colour, "#f3f2f1") >= 4.5, colour  # the filter panel
    assert contrast("#ffffff", "#0b2545") >= 4.5  # header and footer


# --- for researchers: no internal text, how to access, plain words --------------------------------


def visible_text(page: str) -> str:
    doc = lhtml.fromstring(page)
    for el in doc.xpath("//script | //style | //head"):
        el.getparent().remove(el)
    return " ".join(doc.text_content().split())


def record_field_pointer() -> re.Pattern[str]:
    """A JSON pointer into a record, as a curator would write it (/coverage/…, /access/0/…)."""
    import attrs

    from adrmeta.model import Record

    names = "|".join(sorted((f.name for f in attrs.fields(Record)), key=len, reverse=True))
    return re.compile(rf"(?<![\w.:/-])/({names})(/|\b)")


def test_record_field_pointer_pattern_finds_pointers():
    pattern = record_field_pointer()
    assert pattern.search("see /coverage/periods/0/end here") and pattern.search("/status")
    assert not pattern.search("https://metadata.adruk.org/catalog/datasets/leo.ttl")


@pytest.mark.parametrize("rel", sorted(r for r in rendered() if r.endswith(".html")))
def test_no_public_page_shows_internal_text(rel):
    _catalogue, records = published_bundled()
    text = visible_text(rendered()[rel])
    assert "not eligible" not in text.lower() and "`" not in text
    assert not record_field_pointer().search(text), record_field_pointer().search(text)
    assert not re.search(r"\bGB-(ENG|WLS|SCT|NIR)\b", text)
    for rec in records.values():
        for note in rec.notes:  # curators' notes are internal
            assert " ".join(note.split()) not in text, (rel, note)


def test_where_sources_disagree_says_the_field_in_words():
    _catalogue, records = published_bundled()
    rec = next(r for r in records.values() if any(v.path == "/coverage/periods/0/end" for v in r.variants))
    doc = lhtml.fromstring(rendered()[f"site/dataset/{rec.id}.html"])
    items = [li.text_content() for li in doc.xpath("//h3[text()='Where sources disagree']/following-sibling::ul[1]/li")]
    assert len(items) == len(rec.variants) and any(i.startswith("Time period 1, end: ") for i in items)
    assert not doc.xpath("//section[@aria-labelledby='h-sources']//code")


@pytest.mark.parametrize(
    ("pointer", "words"),
    [
        ("/coverage/periods/0/end", "Time period 1, end"),
        ("/coverage/periods/1/start", "Time period 2, start"),
        ("/size/0/value", "Size 1, value"),
        ("/access/0/lead_time", "Access route 1, typical time to access"),
        ("/update_frequency", "Update frequency"),
        ("/status", "Status"),
        ("/data_owners", "Data owners"),
        ("/coverage/nations", "Nations"),
        ("/documentation/0/availability", "Document 1 ({doc0}), availability"),
    ],
)
def test_field_words(pointer, words):
    leo = published_bundled()[1]["leo"]
    assert site.field_words(leo, pointer) == words.format(doc0=leo.documentation[0].title)


def test_variant_values_use_labels_not_codes():
    assert (
        site.value_words("/documentation/0/availability", "tre-only") == "available only inside the trusted research environment"
    )
    assert site.value_words("/status", "planned") == "planned"
    assert site.value_words("/coverage/nations", ["GB-ENG", "GB-WLS"]) == "England; Wales"
    assert site.value_words("/size/0/value", 38000000) == "38,000,000"


def test_meta_descriptions_end_at_a_sentence_or_word():
    from adrmeta.profiles import squash

    _catalogue, records = published_bundled()
    for rid, rec in records.items():
        doc = lhtml.fromstring(rendered()[f"site/dataset/{rid}.html"])
        [desc] = doc.xpath("//meta[@name='description']/@content")
        summary = squash(rec.summary)
        assert len(desc) <= 160 and desc
        if desc.endswith("…"):
            stem = desc[:-1]
            assert summary.startswith(stem) and summary[len(stem)] == " ", desc  # a whole word
        else:
            assert summary.startswith(desc) and (desc == summary or desc.endswith((".", "!", "?"))), desc


def test_how_to_access_comes_first_with_numbered_routes_named_by_tre():
    catalogue, records = published_bundled()
    tres = {t.id: t for t in catalogue.tres}
    for rid, rec in records.items():
        doc = lhtml.fromstring(rendered()[f"site/dataset/{rid}.html"])
        sections = [s.get("aria-labelledby") for s in doc.xpath("//main/section")]
        assert sections[0] == "h-access", rid  # right under the introduction, before "At a glance"
        [box] = doc.xpath("//section[@id='access']")
        assert box.xpath("h2")[0].text_content() == "How to access"
        titles = [h.text_content() for h in box.xpath("h3[starts-with(., 'Route ')]")]
        assert titles == [f"Route {n}: {tres[r.tre].title}" for n, r in enumerate(rec.access, 1)]
        for dl, route in zip(box.xpath("dl"), rec.access, strict=False):
            terms = [dt.text_content() for dt in dl.xpath("dt")]
            assert terms[:2] == ["Held in", "How to apply"] and "Typical time to access" in terms
            if tres[route.tre].url:
                assert dl.xpath("dd[1]/a/@href") == [tres[route.tre].url]


def test_the_route_url_is_how_to_apply(tmp_path):
    text = (
        (FIXTURES / "flagship" / "eligible.yaml")
        .read_text()
        .replace(
            "    accreditation: [uksa-accredited-researcher]\n",
            "    accreditation: [uksa-accredited-researcher]\n    url: https://example.org/apply/for/this/dataset\n"
            "    lead_time: 3 months\n",
        )
    )
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "eligible.yaml").write_text(text)
    (tmp_path / "catalogue.yaml").write_text(TEST_CATALOGUE.read_text())
    ws = load(cwd=tmp_path)
    doc = lhtml.fromstring(export.render("site", ws.catalogue, ws.records)["site/dataset/eligible.html"])
    [apply] = doc.xpath("//section[@id='access']//dt[text()='How to apply']/following-sibling::dd[1]/a")
    assert apply.get("href") == "https://example.org/apply/for/this/dataset" and apply.text == "How to apply for access"
    assert "3 months" in doc.xpath("//section[@id='access']")[0].text_content()


def test_a_route_without_an_application_page_points_only_to_whom_the_page_shows():
    """ "Ask a contact below" only on a page that lists contacts; otherwise the TRE holding the data."""
    catalogue, records = published_bundled()
    tres = {t.id: t.title for t in catalogue.tres}
    seen = {True: 0, False: 0}
    for rid, rec in records.items():
        box = lhtml.fromstring(rendered()[f"site/dataset/{rid}.html"]).xpath("//section[@id='access']")[0]
        has_contacts = bool(box.xpath("h3[text()='Contacts']"))
        assert has_contacts == bool(rec.contacts), rid
        applies = box.xpath(".//dt[text()='How to apply']/following-sibling::dd[1]")
        for dd, route in zip(applies, rec.access, strict=True):
            if route.url:
                continue
            text = dd.text_content()
            assert ("ask a contact below" in text) == has_contacts, rid
            if not has_contacts:
                assert text == f"No application page or contact recorded; ask {tres[route.tre]}, which holds the data.", rid
            seen[has_contacts] += 1
    assert seen[True] and seen[False]  # both kinds are in the bundled records


def test_every_document_is_linked_or_says_no_public_link():
    _catalogue, records = published_bundled()
    seen = {True: 0, False: 0}
    for rid, rec in records.items():
        doc = lhtml.fromstring(rendered()[f"site/dataset/{rid}.html"])
        items = doc.xpath("//section[@aria-labelledby='h-docs']/ul/li")
        assert len(items) == len(rec.documentation)
        for li, d in zip(items, rec.documentation, strict=True):
            if d.url:
                assert li.xpath("a/@href") == [d.url] and li.xpath("a")[0].text_content() == d.title
            else:
                assert not li.xpath("a") and li.text_content().startswith(f"{d.title} (no link recorded)")
            seen[bool(d.url)] += 1
    assert seen[False] > 0  # the bundled records exercise the unlinked case


def test_cards_show_the_tre_and_carry_search_text():
    catalogue, records = published_bundled()
    tres = {t.id: t.title for t in catalogue.tres}
    doc = lhtml.fromstring(rendered()["site/index.html"])
    for card in doc.xpath("//ul[@id='datasets']/li"):
        rid = card.xpath(".//h2/a/@href")[0].split("/")[-1].removesuffix(".html")
        rec = records[rid]
        where = card.xpath("p[@class='where']")[0].text_content()
        names = list(dict.fromkeys(tres[r.tre] for r in rec.access))
        none = "No access route yet" if rec.status == "planned" else "No access route recorded"  # "yet" only if planned
        assert where == ("Access through " + ", ".join(names) if names else none)
        for kw in rec.keywords:
            assert " ".join(kw.lower().split()) in card.get("data-text")


def test_every_page_has_a_canonical_link_under_the_base_uri():
    catalogue, _records = published_bundled()
    for rel, text in rendered().items():
        if rel.endswith(".html"):
            doc = lhtml.fromstring(text)
            assert doc.xpath("//link[@rel='canonical']/@href") == [catalogue.base_uri + rel.removeprefix("site/")]


def test_a_period_without_an_end_is_not_called_ongoing():
    """A missing end may be open, ongoing or an inference the export left out: say only what is stated."""
    from adrmeta.export.site import period_text
    from adrmeta.model import Period

    assert period_text(Period(start="2011")) == "from 2011"
    assert period_text(Period(end="2021-08")) == "until 2021-08"
    assert (
        period_text(Period(start="1995-01", end="2021-08", label="Jan 1995 – Aug 2021"))
        == "Jan 1995 – Aug 2021 (1995-01 – 2021-08)"
    )
    assert period_text(Period(label="Tax and benefit data extended to 2023–24")) == "Tax and benefit data extended to 2023–24"


def test_a_period_is_said_once():
    """A label with no words is the span as the source writes it; a one-year span is one year."""
    from adrmeta.export.site import period_text
    from adrmeta.model import Period

    assert period_text(Period(start="2017", end="2020", label="2017-20")) == "2017-20"
    assert period_text(Period(start="2008", end="2024", label="2008/09 – 2023/24")) == "2008/09 – 2023/24"
    assert period_text(Period(start="2020", end="2020")) == "2020"
    assert period_text(Period(start="2011", end="2011", label="2011 Census")) == "2011 Census (2011)"


def test_components_do_not_repeat_what_their_title_or_description_says():
    """GRADE's components once read "...awarded in 2020.; 2020 (2020 – 2020)" and
    "GCSE and A level grades 2017-20: 2017-20 (2017 – 2020)"."""
    doc = lhtml.fromstring(rendered()["site/dataset/grade.html"])
    items = [" ".join(li.text_content().split()) for li in doc.xpath("//section[@aria-labelledby='h-components']/ul/li")]
    assert items[:2] == [
        "2020 CAGs and calculated grades: Centre assessment grades and calculated grades awarded in 2020.",
        "GCSE and A level grades 2017-20",
    ]
    assert not any(".;" in i or "–" in i for i in items)


def test_each_size_says_what_it_counts():
    """A figure without its note misleads: Family Court–Cafcass's 172,100 cases are one
    component's, over 2007–2019, not the linked dataset's."""
    _catalogue, records = published_bundled()
    shown = 0
    for rid, rec in records.items():
        doc = lhtml.fromstring(rendered()[f"site/dataset/{rid}.html"])
        text = " ".join(" ".join(dd.text_content().split()) for dd in doc.xpath("//dt[.='Size']/following-sibling::dd[1]"))
        for z in rec.size:
            if z.note:
                assert " ".join(z.note.split()) in text, rid
                shown += 1
    assert shown > 0
    cafcass = lhtml.fromstring(rendered()["site/dataset/data-first-family-court-cafcass.html"])
    assert "not for the linked dataset" in cafcass.xpath("//dt[.='Size']/following-sibling::dd[1]")[0].text_content()


def test_sources_are_those_published_values_cite():
    """A page lists a source exactly when a published value cites it: not the ONS methodology
    that only inferences of census-2011-benefits-income rest on, nor one only the notes name;
    and a catalogue source a provenance entry cites, not only the record's main one."""
    from adrmeta import provenance

    catalogue, records = published_bundled()

    def shown(src):
        return src.title + (f" ({src.date})" if src.date else "")

    for rec in records.values():
        doc = lhtml.fromstring(rendered()[f"site/dataset/{rec.id}.html"])
        listed = [li.text_content() for li in doc.xpath("//section[@aria-labelledby='h-sources']/ul[1]/li")]
        known = {s.id: s for s in (*catalogue.sources, *rec.sources)}
        assert sorted(listed) == sorted(shown(known[k]) for k in provenance.cited(rec)), rec.id
    census = rendered()["site/dataset/census-2011-benefits-income.html"]
    assert "2011censuslinkagetodwpmasterkey" not in census
    assert (
        "Education Outcomes Linkage 2018/19 is now available" not in rendered()["site/dataset/ni-education-outcomes-linkage.html"]
    )


def test_an_expected_availability_that_had_passed_is_said_to_have_passed():
    # census-2011-benefits-income: planned, "December 2023" per the 2022 brochure, record dated 2026
    catalogue, records = published_bundled()
    rec = records["census-2011-benefits-income"]
    assert rec.status == "planned" and rec.expected_availability == "December 2023" and rec.modified >= "2024"
    page = lhtml.fromstring(rendered()["site/dataset/census-2011-benefits-income.html"])
    assert page.xpath("string(//span[contains(@class,'badge')])") == "Planned (expected: December 2023, passed)"
    assert "December 2023, a date that had passed when this record was last updated" in page.xpath(
        "string(//section[@id='access'])"
    )


def test_a_source_links_to_its_url_and_one_without_a_url_is_plain_text():
    """The brochures' own addresses were not seen: their titles stand unlinked, never linked to
    the publisher's home page; every other source links to its own address."""
    catalogue, records = published_bundled()
    assert next(s for s in catalogue.sources if s.id == "adr-2023-flagship-brochure").url is None
    plain = 0
    for rec in records.values():
        doc = lhtml.fromstring(rendered()[f"site/dataset/{rec.id}.html"])
        shown = {s.title + (f" ({s.date})" if s.date else ""): s for s in (*catalogue.sources, *rec.sources)}
        for li in doc.xpath("//section[@aria-labelledby='h-sources']/ul[1]/li"):
            src = shown[li.text_content()]
            assert li.xpath("a/@href") == ([src.url] if src.url else []), (rec.id, src.id)
            plain += src.url is None
    assert plain
    assert not any('href="https://www.adruk.org"' in page for page in rendered().values())
