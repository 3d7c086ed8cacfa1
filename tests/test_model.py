"""The model is plain frozen data, and docs/issue-codes.md documents every issue code."""

from __future__ import annotations

import re

import attrs
import pytest

from adrmeta import model
from adrmeta.records import load_record
from adrmeta.report import CODES, Issue

from .conftest import FIXTURES, ROOT


def test_records_are_frozen_and_keyword_only():
    rec = load_record(FIXTURES / "valid" / "minimal.yaml").value
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rec.title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        model.Period("2001", "2002")  # type: ignore[misc]
    assert isinstance(rec.data_owners, tuple)


def test_loading_builds_the_model():
    rec = load_record(ROOT / "records" / "leo.yaml").value
    assert rec.id == "leo" and rec.acronym == "LEO"
    assert rec.coverage.nations == ("GB-ENG",)
    assert rec.coverage.periods[0].start == "1995-01" and rec.coverage.periods[0].end == "2021-08"
    assert rec.size[0].value == 38_000_000 and rec.size[0].approximate
    assert rec.access[0].tre == "ons-srs" and rec.access[0].legal_gateway == "dea-2017"
    assert rec.variants[0].value == "2019-08"
    assert rec.summary.startswith("The Longitudinal") and not rec.summary.endswith("\n")


def test_an_unknown_code_cannot_be_raised():
    with pytest.raises(ValueError):
        Issue(code="no.such-code", message="m", fix="f")


def test_the_issue_code_table_lists_every_code_with_its_severity():
    readme = (ROOT / "docs" / "issue-codes.md").read_text()
    table = dict(re.findall(r"^\| `([a-z.-]+)` \| (error|warning|info) \|", readme, flags=re.M))
    assert "docs/issue-codes.md" in (ROOT / "README.md").read_text()
    assert table == {code: sev for code, (sev, _meaning) in CODES.items()}


def test_ci_runs_exactly_the_readme_set_up_commands():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)[:2]
    assert len(blocks) == 2 and all("pip install" in b for b in blocks)
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    for command in blocks:
        assert command in ci_lines, command
    assert readme.index(blocks[0]) < readme.index("---")  # the set-up commands open the README
