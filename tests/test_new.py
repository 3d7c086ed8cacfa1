"""`adrmeta new`: a scaffold with every field and its guidance that validates, from options or
questions on a terminal, never overwriting. (The built wheel doing this in a fresh venv is
checked by .ci/run.)"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from adrmeta import cli
from adrmeta.model import Record
from adrmeta.records import load_record
from adrmeta.typespec import obj_spec

from .conftest import TEST_CATALOGUE, run_cli

OPTIONS = ["--title", 'A "quoted": title # with hash – and ünïcode', "--publisher", "ons", "--status", "available",
           "--nation", "GB-ENG", "--summary", "A linked dataset of administrative records from two departments, for tests."]


@pytest.fixture
def workspace(tmp_path) -> Path:
    shutil.copy(TEST_CATALOGUE, tmp_path / "catalogue.yaml")
    return tmp_path


def test_scaffold_has_every_field_with_guidance_and_loads(workspace):
    result = run_cli("new", "my-data", "--non-interactive", *OPTIONS, cwd=workspace)
    assert result.returncode == 0, result.stderr
    path = workspace / "records" / "my-data.yaml"
    text = path.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/record.schema.json"
    for name, field in obj_spec(Record).fields.items():
        assert f"# {name} (" in text and field.doc in text, name
    rec = load_record(path).value
    assert rec.title == 'A "quoted": title # with hash – and ünïcode' and rec.coverage.nations == ("GB-ENG",)
    assert rec.data_owners == ("ons",)
    check = run_cli("validate", str(path), cwd=workspace)
    assert check.returncode == 0 and " 0 error(s)" in check.stdout


def test_refuses_to_overwrite(workspace):
    assert run_cli("new", "my-data", "--non-interactive", *OPTIONS, cwd=workspace).returncode == 0
    before = (workspace / "records" / "my-data.yaml").read_text()
    again = run_cli("new", "my-data", "--non-interactive", *OPTIONS, cwd=workspace)
    assert again.returncode == 2 and "not overwritten" in again.stderr
    assert (workspace / "records" / "my-data.yaml").read_text() == before


def test_non_interactive_names_what_is_missing(workspace):
    result = run_cli("new", "my-data", "--non-interactive", "--title", "T", cwd=workspace)
    assert result.returncode == 2
    assert "--publisher" in result.stderr and "--summary" in result.stderr and "--nation" in result.stderr
    bad = run_cli("new", "Not An Id", "--non-interactive", *OPTIONS, cwd=workspace)
    assert bad.returncode == 2 and "not a record id" in bad.stderr


def test_asks_the_essentials_on_a_terminal(workspace, monkeypatch, capsys):
    answers = iter(["asked-data", "An asked title", "ons", "planned", "GB-WLS GB-SCT",
                    "A planned linked dataset whose essentials were given at the prompt, for tests."])
    monkeypatch.chdir(workspace)
    monkeypatch.setattr(sys, "stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert cli.main(["new"]) == 0
    rec = load_record(workspace / "records" / "asked-data.yaml").value
    assert (rec.title, rec.status, rec.coverage.nations) == ("An asked title", "planned", ("GB-WLS", "GB-SCT"))
