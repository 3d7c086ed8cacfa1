"""The HTML eligibility report as a browser renders it."""

from __future__ import annotations

from lxml import html as lxml_html

from adrmeta.eligibility import assess as check_records
from adrmeta.eligibility_report import render_html
from adrmeta.rules.flagship import CRITERIA

from .browser import dump_dom, png_size, screenshot
from .conftest import TODAY


def test_html_report_renders_the_matrix_in_chromium(tmp_path):
    report = check_records(today=TODAY)  # every bundled record
    page = tmp_path / "eligibility.html"
    page.write_text(render_html(report), encoding="utf-8")

    dom = lxml_html.fromstring(dump_dom(page))
    rows = dom.xpath('//table[@id="matrix"]/tbody/tr')
    assert [r.get("data-record") for r in rows] == [a.record for a in report.assessments]
    for row, a in zip(rows, report.assessments, strict=True):
        cells = row.xpath("./td[@data-criterion]")
        assert [c.get("data-criterion") for c in cells] == [c.id for c in CRITERIA]
        assert [c.get("data-verdict") for c in cells] == [c.verdict for c in a.criteria]
        assert row.xpath("./td[@data-overall]")[0].get("data-overall") == a.overall
    # one section per dataset, linked from the matrix
    assert len(dom.xpath("//main/section[@aria-labelledby]")) == len(report.assessments)
    assert dom.xpath('//table[@id="matrix"]/tbody//a/@href')[0] == f"#{report.assessments[0].record}"

    shot = screenshot(page, "eligibility-report.png")
    assert png_size(shot) == (1400, 1800)
