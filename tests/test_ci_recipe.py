"""The CI recipe in docs/examples is a well-formed workflow whose adrmeta commands are all valid."""

from __future__ import annotations

import shlex

import yaml

from adrmeta.cli import build_parser

from .conftest import ROOT


def test_workflow_runs_valid_adrmeta_commands():
    workflow = yaml.safe_load((ROOT / "docs" / "examples" / "adrmeta.yml").read_text())
    steps = workflow["jobs"]["records"]["steps"]
    commands = [shlex.split(step["run"].split("#")[0]) for step in steps if step.get("run", "").startswith("adrmeta ")]
    assert [c[1] for c in commands] == ["validate", "check", "export", "conform"]
    parser = build_parser()
    for argv in commands:
        args = parser.parse_args(argv[1:])   # raises SystemExit on any unknown option
        assert args.func
    assert "--format github" in steps[3]["run"] and "--output eligibility.md" in steps[4]["run"]
    assert any("gh pr comment" in step.get("run", "") for step in steps)


def test_field_mapping_docs_match_the_exporters():
    from adrmeta import docs

    committed = (ROOT / "docs" / "field-mappings.md").read_text(encoding="utf-8")
    assert committed == docs.field_mappings(), "docs/field-mappings.md is stale: run `adrmeta docs`"
    for fmt in ("DCAT-AP 3.0.1", "DDI Codebook 2.5", "schema.org Dataset", "Static catalogue site"):
        assert f"## {fmt}" in committed
    assert "| record field |" in committed
