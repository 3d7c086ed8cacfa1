"""Reports and messages as people read them: two-line text findings with the right --show hint,
every issue of a record in one run, JSON with a valid flag and every record, report files anyone
can read, YAML errors that explain tabs and quoting, and eligibility reports with an ordered,
located next-steps checklist, visible criterion text and no literal backticks in HTML."""

from __future__ import annotations

import json
import re
import shutil
import stat

from lxml import html as lxml_html

from adrmeta import eligibility
from adrmeta.cli import format_text
from adrmeta.eligibility_report import render_html, render_markdown, render_text
from adrmeta.report import Issue, Location, Report
from adrmeta.rules.flagship import CRITERIA

from .conftest import FIXTURES, TEST_CATALOGUE, run_cli

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text()


def workspace(tmp_path, **records: str):
    shutil.copy(TEST_CATALOGUE, tmp_path / "catalogue.yaml")
    (tmp_path / "records").mkdir()
    for rid, text in records.items():
        (tmp_path / "records" / f"{rid}.yaml").write_text(text)
    return tmp_path


def issue(severity: str, code: str = "schema.type") -> Issue:
    return Issue(
        code=code,
        severity=severity,
        record="r",
        path="/title",
        message="Wrong.",
        fix="Fix it.",
        location=Location(file="records/r.yaml", line=3, column=1),
    )


def test_text_findings_put_the_fix_on_its_own_line():
    lines = format_text(Report([issue("error")], ["r"]), "warning", colour=False).splitlines()
    assert lines[0] == "records/r.yaml:3:1: error schema.type [r /title]: Wrong."
    assert lines[1] == "    Fix: Fix it."


def test_the_show_hint_names_the_option_that_shows_what_is_hidden():
    only_info = format_text(Report([issue("info")], ["r"]), "warning", colour=False)
    assert only_info.endswith("(1 not shown; use --show info)")
    only_warnings = format_text(Report([issue("warning")], ["r"]), "error", colour=False)
    assert only_warnings.endswith("(1 not shown; use --show warning)")
    both = format_text(Report([issue("warning"), issue("info")], ["r"]), "error", colour=False)
    assert both.endswith("(2 not shown; use --show info)")


def test_references_are_checked_in_the_same_run_as_schema_errors(tmp_path):
    text = MINIMAL.replace("id: minimal", "id: both").replace("status: available", "status: live")
    ws = workspace(tmp_path, both=text.replace("publisher: ons", "publisher: nobody"))
    result = run_cli("validate", "--format", "json", cwd=ws)
    found = {(i["code"], i["path"]) for i in json.loads(result.stdout)["issues"]}
    assert {("schema.enum", "/status"), ("reference.unknown", "/publisher")} <= found


def test_json_has_a_valid_flag_and_lists_every_record_checked(tmp_path):
    broken = MINIMAL.replace("id: minimal", "id: broken").replace("status: available", "status: live")
    ws = workspace(tmp_path, good=MINIMAL.replace("id: minimal", "id: good"), broken=broken, unreadable="id: [unclosed\n")
    data = json.loads(run_cli("validate", "--format", "json", cwd=ws).stdout)
    assert data["valid"] is False and data["records"] == ["broken", "good", "unreadable"]
    clean = json.loads(run_cli("validate", "--format", "json", "records/good.yaml", cwd=ws).stdout)
    assert clean["valid"] is True and clean["records"] == ["good"]


def test_report_files_are_readable_by_everyone_not_only_the_owner(tmp_path):
    out = tmp_path / "eligibility.html"
    result = run_cli(
        "check",
        "--catalogue",
        str(TEST_CATALOGUE),
        str(FIXTURES / "flagship" / "eligible.yaml"),
        "--format",
        "html",
        "--output",
        str(out),
    )
    assert result.returncode == 0 and out.is_file()
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # under the usual umask 022


def test_yaml_errors_explain_tabs_and_quoting(tmp_path):
    ws = workspace(
        tmp_path,
        tab=MINIMAL.replace("  nations: [GB-ENG]", "\tnations: [GB-ENG]"),
        colon=MINIMAL.replace("title: Minimal linked dataset for tests", "title: Data First: the courts"),
    )
    messages = {
        i["location"]["file"]: i["message"] for i in json.loads(run_cli("validate", "--format", "json", cwd=ws).stdout)["issues"]
    }
    assert "a tab cannot indent YAML: use spaces" in messages["records/tab.yaml"]
    assert "quote values that contain ': '" in messages["records/colon.yaml"]


def test_yaml_errors_name_where_an_unclosed_quote_opened(tmp_path):
    # The unclosed quote on line 3 runs on to the next quote (line 12): parsing stops there.
    runs_on = MINIMAL.replace("title: Minimal", 'title: "Minimal').replace("legal_gateway: dea-2017", 'legal_gateway: "dea-2017"')
    ws = workspace(tmp_path, runs_on=runs_on, never_closed=MINIMAL + 'notes: "unterminated\n')
    issues = {i["location"]["file"]: i for i in json.loads(run_cli("validate", "--format", "json", cwd=ws).stdout)["issues"]}
    runs, never = issues["records/runs_on.yaml"], issues["records/never_closed.yaml"]
    assert runs["code"] == never["code"] == "yaml.syntax"
    assert runs["location"]["line"] == 14 and "line 3, column 8" in runs["message"]
    assert never["location"]["line"] == 16 and "line 15, column 8" in never["message"]


def test_next_steps_are_ordered_and_located(tmp_path):
    text = (FIXTURES / "flagship" / "eligible.yaml").read_text()
    text = text.replace("    legal_gateway: dea-2017\n", "")  # partly met: a gateway to record
    text = re.sub(r"contacts:\n(  .*\n)+", "", text)  # not met: no contact route
    ws = workspace(tmp_path, eligible=text)
    [a] = eligibility.assess(cwd=ws).assessments
    access_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("  - tre: ons-srs"))
    assert [(s.field, s.where) for s in a.next_steps] == [
        ("/contacts", "records/eligible.yaml"),  # a missing field: the file
        ("/access/0/legal_gateway", f"records/eligible.yaml:{access_line}:5"),  # its enclosing access route
    ]
    assert [(s.file, s.line, s.column) for s in a.next_steps] == [
        ("records/eligible.yaml", None, None),
        ("records/eligible.yaml", access_line, 5),
    ]
    assert "access route 1 (" in a.next_steps[1].action  # routes are named from 1, by TRE
    shown = render_text(eligibility.assess(cwd=ws))
    assert "  Next steps:\n    1. Add a contact" in shown and f"records/eligible.yaml:{access_line}:5 (field" in shown
    assert ".;" not in shown
    markdown = render_markdown(eligibility.assess(cwd=ws))
    assert "**To do:**\n\n1. Add a contact" in markdown and "2. Record the approved legal gateway" in markdown


def test_html_shows_criteria_as_text_and_renders_code_spans(tmp_path):
    text = (FIXTURES / "flagship" / "eligible.yaml").read_text()
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    ws = workspace(tmp_path, eligible=text.replace(title, "title: The `eligible` dataset, with a stray ` mark"))
    page = render_html(eligibility.assess(cwd=ws))
    assert "`" not in page and "<code>eligible</code>" in page
    dom = lxml_html.fromstring(page)
    visible = " ".join(dom.xpath("//body")[0].itertext())
    for c in CRITERIA:
        assert c.quote in visible  # not only in a tooltip
    assert not dom.xpath("//*[@title]")
