"""Broken and hostile inputs: a located error and exit 1 or 2, never a traceback, never a draft."""

from __future__ import annotations

import pytest

from adrmeta.importers import import_files

from .conftest import FIXTURES, ROOT, bundled, run_cli

IMPORT = FIXTURES / "import"

CASES = {  # fixture -> (code, line, column) of the error
    "ddi-billion-laughs.xml": ("import.unsafe", 2, 1),  # entity expansion
    "ddi-external-entity.xml": ("import.unsafe", 2, 1),  # external entity
    "ddi-truncated.xml": ("import.malformed", 5, None),
    "ddi-unbound-prefix.xml": ("import.malformed", 3, None),
    "ddi-wrong-root.xml": ("import.wrong-root", 2, 1),
    "dcat-unbound-prefix.ttl": ("import.malformed", 5, None),
    "dcat-remote-context.jsonld": ("import.unsafe", 1, 14),  # at the context's URL
    "hdruk-truncated.json": ("import.malformed", None, None),
    "cddo-alias.yaml": ("import.unsafe", 4, 14),
    "cddo-dataservice.yaml": ("import.no-dataset", 1, 1),
    "oai-error.xml": ("import.no-dataset", 5, 3),  # the indented <error> element
    "unknown.csv": ("import.unknown-format", 1, 1),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_library_reports_a_located_error(name):
    code, line, column = CASES[name]
    result = import_files([IMPORT / name], bundled()[0])
    assert result.drafts == ()
    (issue,) = result.report.issues
    assert issue.code == code and issue.severity == "error"
    assert issue.location is not None and issue.location.file.endswith(name)
    if line is not None:
        assert issue.location.line == line
    else:
        assert issue.location.line and issue.location.line >= 1
    if column is not None:
        assert issue.location.column == column


def test_unknown_format_names_every_format_tried():
    result = import_files([IMPORT / "unknown.csv"], bundled()[0])
    message = result.report.issues[0].message
    assert all(name in message for name in ("dcat", "ddi", "hdruk", "cddo", "schemaorg"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_exits_1_with_the_location_and_writes_nothing(name, tmp_path):
    out = tmp_path / "drafts"
    result = run_cli("import", "--catalogue", str(ROOT / "catalogue.yaml"), "--out", str(out), str(IMPORT / name))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{name}:" in result.stdout and CASES[name][0] in result.stdout
    assert not out.exists()


def test_one_bad_input_stops_every_draft(tmp_path):
    """A good file and a broken one: nothing is written, not even the good file's draft."""
    out = tmp_path / "drafts"
    result = run_cli(
        "import",
        "--catalogue",
        str(ROOT / "catalogue.yaml"),
        "--out",
        str(out),
        str(IMPORT / "ddi-study.xml"),
        str(IMPORT / "hdruk-truncated.json"),
    )
    assert result.returncode == 1
    assert not out.exists()


def test_huge_file_is_refused_before_reading(tmp_path):
    huge = tmp_path / "huge.jsonld"
    huge.write_bytes(b"{" + b" " * (3 * 1024 * 1024) + b"}")
    result = import_files([huge], bundled()[0], max_bytes=1024 * 1024)
    assert [i.code for i in result.report.issues] == ["file.too-large"]
    cli = run_cli(
        "import", "--catalogue", str(ROOT / "catalogue.yaml"), "--max-size", "1", "--out", str(tmp_path / "d"), str(huge)
    )
    assert cli.returncode == 1 and "file.too-large" in cli.stdout and "Traceback" not in cli.stderr


def test_missing_file_and_unknown_format_are_usage_errors(tmp_path):
    missing = run_cli("import", "--catalogue", str(ROOT / "catalogue.yaml"), str(tmp_path / "nope.xml"))
    assert missing.returncode == 2 and "file.not-found" in missing.stdout
    wrong = run_cli("import", "--catalogue", str(ROOT / "catalogue.yaml"), "--from", "marc", str(IMPORT / "ddi-study.xml"))
    assert wrong.returncode == 2 and "known formats: cddo, dcat, ddi, hdruk, schemaorg" in wrong.stderr


def test_not_utf8(tmp_path):
    bad = tmp_path / "latin1.json"
    bad.write_bytes('{"summary": {"title": "caf\u00e9"}}'.encode("latin-1"))
    (issue,) = import_files([bad], bundled()[0]).report.issues
    assert issue.code == "file.encoding" and issue.location.line == 1


def test_unclosed_quote_names_where_the_value_opened(tmp_path):
    broken = tmp_path / "cddo-unclosed.yaml"
    broken.write_text('---\ntype: dcat:Dataset\ntitle: "Unclosed title\ndescription: A dataset.\n')
    (issue,) = import_files([broken], bundled()[0], fmt="cddo").report.issues
    assert issue.code == "import.malformed" and issue.location is not None and issue.location.line == 5
    assert "line 3, column 8" in issue.message
