"""`adrmeta new`: a draft with every field and its guidance that validates, from options or answers
(each checked as it is given, asked again when wrong), written to drafts/ and never overwriting;
the built wheel doing this in a fresh venv is checked by .ci/run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from adrmeta.model import Record
from adrmeta.records import load_record
from adrmeta.typespec import obj_spec

from .conftest import TEST_CATALOGUE, run_cli

OPTIONS = [
    "--title",
    'A "quoted": title # with hash – and ünïcode',
    "--publisher",
    "ons",
    "--status",
    "available",
    "--nation",
    "GB-ENG",
    "--summary",
    "A linked dataset of administrative records from two departments, for tests.",
]


@pytest.fixture
def workspace(tmp_path) -> Path:
    shutil.copy(TEST_CATALOGUE, tmp_path / "catalogue.yaml")
    return tmp_path


def test_scaffold_has_every_field_with_guidance_and_loads(workspace):
    result = run_cli("new", "my-data", "--non-interactive", *OPTIONS, cwd=workspace)
    assert result.returncode == 0, result.stderr
    path = workspace / "drafts" / "my-data.yaml"
    assert not (workspace / "records").exists()  # a draft never goes straight into records/
    text = path.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/record.schema.json"
    for name, field in obj_spec(Record).fields.items():
        assert f"# {name} (" in text and field.doc in text, name
    rec = load_record(path).value
    assert rec.title == 'A "quoted": title # with hash – and ünïcode' and rec.coverage.nations == ("GB-ENG",)
    assert rec.data_owners == ("ons",)
    marked = [line.split(":")[0] for line in text.splitlines() if line.endswith("# filled in by adrmeta new: check")]
    assert marked == ["modified", "data_owners"]  # the values nobody gave
    check = run_cli("validate", str(path), cwd=workspace)
    assert check.returncode == 0 and " 0 error(s)" in check.stdout


def test_uncommenting_a_list_field_with_its_item_gives_yaml_that_parses(workspace):
    """The draft says to remove the '#' to use a field: doing so for a list field and its first
    item (`versions`) must give valid YAML, not `versions: []` followed by an item."""
    import yaml

    assert run_cli("new", "my-data", "--non-interactive", *OPTIONS, cwd=workspace).returncode == 0
    lines = (workspace / "drafts" / "my-data.yaml").read_text().splitlines()
    at = lines.index(next(line for line in lines if line.startswith("# versions:")))
    assert lines[at] == "# versions:" and lines[at + 1].startswith("#   - name:")
    block = [lines[at][2:], lines[at + 1][1:].split("   #")[0] + " v1"]  # uncommented, the comment after the key dropped
    assert yaml.safe_load("\n".join(block)) == {"versions": [{"name": "v1"}]}


def test_refuses_to_overwrite(workspace):
    assert run_cli("new", "my-data", "--non-interactive", *OPTIONS, cwd=workspace).returncode == 0
    before = (workspace / "drafts" / "my-data.yaml").read_text()
    again = run_cli("new", "my-data", "--non-interactive", *OPTIONS, cwd=workspace)
    assert again.returncode == 2 and "already used" in again.stderr
    assert (workspace / "drafts" / "my-data.yaml").read_text() == before
    out = workspace / "elsewhere" / "other.yaml"
    out.parent.mkdir()
    out.write_text("keep me")
    taken = run_cli("new", "other", "--non-interactive", *OPTIONS, "--out", str(out), cwd=workspace)
    assert taken.returncode == 2 and "not overwritten" in taken.stderr and out.read_text() == "keep me"


def test_non_interactive_names_what_is_missing(workspace):
    result = run_cli("new", "my-data", "--non-interactive", "--title", "T", cwd=workspace)
    assert result.returncode == 2
    assert "--publisher" in result.stderr and "--summary" in result.stderr and "--nation" in result.stderr
    bad = run_cli("new", "Not An Id", "--non-interactive", *OPTIONS, cwd=workspace)
    assert bad.returncode == 2 and "not a record id" in bad.stderr


def test_non_interactive_checks_every_option(workspace):
    result = run_cli(
        "new",
        "my-data",
        "--non-interactive",
        "--title",
        "T",
        "--publisher",
        "Department of Education",
        "--status",
        "live",
        "--nation",
        "Englund",
        "--summary",
        "Too short.",
        cwd=workspace,
    )
    assert result.returncode == 2 and not (workspace / "drafts").exists()
    assert "'dfe' (Department for Education)" in result.stderr
    assert "use one of available, planned, retired" in result.stderr
    assert "'Englund' is not a UK nation" in result.stderr and "the summary has 10 characters" in result.stderr


def answer(workspace, *lines, args=()):
    """`adrmeta new` with its answers piped on standard input, as a script or a user's paste would."""
    return run_cli("new", *args, cwd=workspace, stdin="".join(f"{line}\n" for line in lines))


SUMMARY = "A planned linked dataset whose essentials were given at the prompt, for tests."


def test_each_answer_is_checked_as_given_and_asked_again(workspace):
    result = answer(
        workspace,
        "Not An Id",
        "asked-data",
        "An asked title",
        "Department for Educaton",
        "Department for Education",
        "live",
        "planned",
        "Wales and Scotland",
        "too short",
        SUMMARY,
    )
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert err.count("Record id") == 2 and "'Not An Id' is not a record id" in err
    assert "Did you mean 'dfe' (Department for Education)?" in err and "'Department for Education' is dfe" in err
    assert "Status (available, planned, retired)" in err and "'live' is not a status" in err
    assert "GB-ENG England" in err and "the summary has 9 characters; write 50 to 5000" in err
    assert err.count("The organisations in catalogue.yaml:") == 1 and "  dfe " in err  # the choices, once
    rec = load_record(workspace / "drafts" / "asked-data.yaml").value
    assert (rec.title, rec.publisher, rec.status, rec.coverage.nations) == (
        "An asked title",
        "dfe",
        "planned",
        ("GB-WLS", "GB-SCT"),
    )
    assert run_cli("validate", "drafts/asked-data.yaml", cwd=workspace).returncode == 0


def test_a_used_id_is_refused_before_any_other_question(workspace):
    (workspace / "records").mkdir()
    (workspace / "records" / "taken.yaml").write_text("id: taken\n")
    result = answer(workspace, "taken")
    assert result.returncode == 2
    assert "the id 'taken' is already used" in result.stderr and "Full title" not in result.stderr
    assert "still needed: ID (the first argument), --title" in result.stderr and "--id" not in result.stderr
    given = answer(workspace, args=("taken", "--title", "T"))  # the same check for the argument
    assert given.returncode == 2 and "the id 'taken' is already used" in given.stderr


def test_an_explicit_out_can_write_into_records(workspace):
    result = run_cli("new", "my-data", "--non-interactive", *OPTIONS, "--out", "records/my-data.yaml", cwd=workspace)
    assert result.returncode == 0 and (workspace / "records" / "my-data.yaml").is_file()


@pytest.mark.parametrize("out", ["x.yaml", "drafts/sub/x.yaml", "records/x.yaml", "OUTSIDE"])
def test_the_schema_line_resolves_from_where_the_draft_is_written(workspace, tmp_path_factory, out):
    """Editors resolve a relative $schema from the file's folder: a nested or outside --out must
    still point at the repository's schemas/record.schema.json."""
    target = tmp_path_factory.mktemp("elsewhere") / "x.yaml" if out == "OUTSIDE" else workspace / out
    result = run_cli("new", "x", "--non-interactive", *OPTIONS, "--out", str(target), cwd=workspace)
    assert result.returncode == 0, result.stderr
    first = target.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    ref = first.split("$schema=", 1)[1]
    resolved = Path(ref.removeprefix("file://")) if ref.startswith("file:") else target.parent / ref
    assert resolved.resolve() == (workspace / "schemas" / "record.schema.json").resolve()
    assert ref.startswith("file:") == (out == "OUTSIDE")  # inside the repository: a relative path


def test_out_must_be_named_after_the_id(workspace, tmp_path_factory):
    """Owner trial R4: `new my-id --out other-name.yaml` wrote a draft that validate then rejected
    (record.id-mismatch). It is refused, before any question is asked; a folder takes <id>.yaml."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    wrong = elsewhere / "other-name.yaml"
    refused = run_cli("new", "my-id", "--non-interactive", *OPTIONS, "--out", str(wrong), cwd=workspace)
    assert refused.returncode == 2 and not wrong.exists() and refused.stdout == ""
    assert "record.id-mismatch" in refused.stderr and f"--out {elsewhere / 'my-id.yaml'}" in refused.stderr
    asked = answer(workspace, "An asked title", args=("my-id", "--out", str(wrong)))
    assert asked.returncode == 2 and "Full title" not in asked.stderr
    typed = answer(workspace, "my-id", "An asked title", "dfe", "planned", "GB-WLS", SUMMARY, args=("--out", str(wrong)))
    assert typed.returncode == 2 and not wrong.exists() and "not named after the id 'my-id'" in typed.stderr
    into = run_cli("new", "my-id", "--non-interactive", *OPTIONS, "--out", str(elsewhere), cwd=workspace)
    assert into.returncode == 0, into.stderr
    check = run_cli("validate", str(elsewhere / "my-id.yaml"), cwd=workspace)
    assert check.returncode == 0 and "record.id-mismatch" not in check.stdout
