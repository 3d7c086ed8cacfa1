"""The command line as users and CI run it: outputs, exit codes, drafts outside records/."""

from __future__ import annotations

import json
import re
import shutil
import sys

from adrmeta import __version__, cli
from adrmeta.validate import validate

from .conftest import FIXTURES, ROOT, TEST_CATALOGUE, run_cli

BAD = FIXTURES / "invalid" / "schema-unknown-key.yaml"
GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+\.[a-z-]+::.+$")


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"adrmeta {__version__}"


def test_bundled_records_validate_clean():
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout
    assert " 0 error(s)" in result.stdout
    assert "Traceback" not in result.stderr


def test_json_output_is_exactly_the_library_report():
    result = run_cli("validate", "--format", "json", "--catalogue", str(TEST_CATALOGUE), str(BAD))
    assert result.returncode == 1
    printed = json.loads(result.stdout)
    expected = validate([BAD], catalogue=TEST_CATALOGUE, cwd=ROOT).to_dict()
    assert printed == expected
    [issue] = printed["issues"]
    assert issue["code"] == "schema.unknown-key"
    assert issue["path"] == "/keywrods"
    assert issue["location"] == {"file": "tests/fixtures/invalid/schema-unknown-key.yaml", "line": 14, "column": 1}


def test_github_annotations_name_file_and_line():
    result = run_cli(
        "validate", "--format", "github", "--show", "info", "--catalogue", str(TEST_CATALOGUE), str(FIXTURES / "invalid")
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines, "expected annotations"
    for line in lines:
        assert GITHUB_LINE.match(line), line
    assert any(
        line.startswith("::error file=tests/fixtures/invalid/schema-unknown-key.yaml,line=14,col=1,title=schema.unknown-key::")
        for line in lines
    )
    assert any(line.startswith("::notice ") for line in lines)  # info becomes a notice


def test_github_escapes_newlines_and_separators():
    assert cli._gh_escape("a\nb%c") == "a%0Ab%25c"
    assert cli._gh_escape("x,y:z", prop=True) == "x%2Cy%3Az"


def test_fail_on_warning():
    warn = FIXTURES / "invalid" / "consistency-placeholder.yaml"
    assert run_cli("validate", "--catalogue", str(TEST_CATALOGUE), str(warn)).returncode == 0
    assert run_cli("validate", "--fail-on", "warning", "--catalogue", str(TEST_CATALOGUE), str(warn)).returncode == 1


def test_usage_errors_exit_2():
    assert run_cli("validate", "--format", "yaml").returncode == 2
    assert run_cli("frobnicate").returncode == 2
    missing = run_cli("validate", "no/such/file.yaml")
    assert missing.returncode == 2
    assert "file.not-found" in missing.stdout


def test_no_catalogue_found_exits_2(tmp_path):
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", tmp_path / "minimal.yaml")
    result = run_cli("validate", "minimal.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "catalogue.yaml" in result.stdout


def test_draft_outside_records_uses_the_catalogue_above_the_working_folder(tmp_path):
    draft = tmp_path / "my-draft.yaml"
    draft.write_text((FIXTURES / "valid" / "minimal.yaml").read_text().replace("id: minimal", "id: my-draft"))
    result = run_cli("validate", str(draft))  # cwd is the repository: its catalogue.yaml is found
    assert result.returncode == 0, result.stdout
    assert "1 record(s) checked" in result.stdout


def test_text_output_has_no_colour_when_piped():
    result = run_cli("validate", "--catalogue", str(TEST_CATALOGUE), str(BAD))
    assert "\033[" not in result.stdout
    assert result.stdout.startswith("tests/fixtures/invalid/schema-unknown-key.yaml:14:1: error schema.unknown-key")


def test_info_is_hidden_by_default_but_counted():
    conflict = FIXTURES / "invalid" / "consistency-source-conflict.yaml"
    result = run_cli("validate", "--catalogue", str(TEST_CATALOGUE), str(conflict))
    assert "consistency.source-conflict" not in result.stdout
    shown = re.search(r"(\d+) info \((\d+) not shown", result.stdout)
    assert shown and shown[1] == shown[2] and int(shown[1]) >= 1
    shown = run_cli("validate", "--show", "info", "--catalogue", str(TEST_CATALOGUE), str(conflict))
    assert "consistency.source-conflict" in shown.stdout


def test_export_help_names_every_format_export_takes():
    from adrmeta.export import EXPORTERS

    assert list(cli.EXPORT_FORMATS) == sorted(EXPORTERS)


def test_a_missing_dependency_exits_2_with_a_message_and_writes_nothing(tmp_path, monkeypatch, capsys):
    """A broken install (here lxml, which the DDI export needs) is named, not shown as a traceback,
    and the export's staged tree is dropped."""
    monkeypatch.setitem(sys.modules, "lxml", None)  # importing it now fails, as when it is not installed
    monkeypatch.delitem(sys.modules, "adrmeta.export.ddi", raising=False)
    monkeypatch.chdir(ROOT)
    assert cli.main(["export", "--out", str(tmp_path / "out")]) == 2
    assert "cannot import lxml" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_partial_export_says_what_a_complete_only_format_leaves_out(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert cli.main(["export", "--format", "hdruk", "--out", str(tmp_path / "a")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^hdruk: \d+ record\(s\) left out for want of required facts", out, re.M)
    assert cli.main(["export", "--format", "dcat", "--out", str(tmp_path / "b")]) == 0
    assert "left out" not in capsys.readouterr().out
