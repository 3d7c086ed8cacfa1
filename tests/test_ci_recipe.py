"""The CI recipe in docs/examples is a well-formed workflow whose adrmeta commands are all valid,
and whose commands, run in a copy of the repository with the bundled records, succeed."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest
import yaml

from adrmeta.cli import build_parser

from .conftest import ROOT, run_cli

WORKFLOW = ROOT / "docs" / "examples" / "adrmeta.yml"
# Steps a local run cannot take, and why. Any other step is run.
SKIPPED = {
    "actions/checkout@v4": "GitHub-only: the test's temporary git repository stands in for the checkout",
    "actions/setup-python@v5": "GitHub-only: the test's own Python stands in",
    "Install adrmeta": "network: installs from GitHub; the test's installed adrmeta is on PATH instead",
    "Keep the report": "GitHub-only: artifacts exist only in Actions",
    "Post the report on the pull request": "GitHub API: needs a pull request and a token",
}
CONTEXT = {"github.base_ref": "main", "github.event_name": "pull_request"}


def steps():
    return yaml.safe_load(WORKFLOW.read_text())["jobs"]["records"]["steps"]


def test_workflow_runs_valid_adrmeta_commands():
    commands = [
        shlex.split(re.sub(r"\$\{\{[^}]*\}\}", "X", step["run"]))
        for step in steps()
        if step.get("run", "").startswith("adrmeta ")
    ]
    assert [c[1] for c in commands] == ["validate", "check", "check", "export", "conform"]
    parser = build_parser()
    for argv in commands:
        args = parser.parse_args(argv[1:])  # raises SystemExit on any unknown option
        assert args.func
    assert any("gh pr comment" in step.get("run", "") for step in steps())
    later = steps()[[s.get("name") for s in steps()].index("Validate records") + 1 :]
    assert later and all("always()" in step.get("if", "") for step in later)  # each runs after a failure
    assert "pip install adrmeta" not in WORKFLOW.read_text()  # not on PyPI


@pytest.mark.slow  # runs the documented commands as processes
def test_the_documented_ci_commands_succeed_on_the_bundled_records(tmp_path):
    repo = tmp_path / "records-repo"
    repo.mkdir()
    shutil.copy(ROOT / "catalogue.yaml", repo)
    for folder in ("records", "exports"):
        shutil.copytree(ROOT / folder, repo / folder)
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]}
    # exports as this version writes them (the committed ones may trail a change to an exporter)
    # (in this process: a setup step, not one of the recipe's commands, which run as processes below)
    assert run_cli("export", cwd=repo).returncode == 0
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "records"], cwd=repo, check=True)
    subprocess.run(["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=repo, check=True)
    with (repo / "records" / "leo.yaml").open("a") as fh:  # the pull request: a comment changes no export
        fh.write("# edited in a pull request\n")
    subprocess.run([*git, "commit", "-qam", "edit leo"], cwd=repo, check=True)

    ran, skipped = [], {}
    for step in steps():
        name = step.get("name") or step.get("uses")
        if name in SKIPPED:
            skipped[name] = SKIPPED[name]
            continue
        command = re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: CONTEXT[m.group(1)], step["run"])
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, (name, command, result.stdout[-2000:], result.stderr[-2000:])
        ran.append(name)
    assert set(skipped) == set(SKIPPED) and len(ran) == 5
    comment = (repo / "eligibility.md").read_text()
    assert len(comment) < 65536 and "Records changed since `origin/main`: 1." in comment
    assert "(`leo`)" in comment and "(`echild`)" not in comment  # only the changed record
    html = (repo / "eligibility.html").read_text()
    assert 'data-record="echild"' in html and 'data-record="leo"' in html  # the artifact has every record


def test_the_comment_is_capped_with_a_line_saying_so():
    from adrmeta.eligibility import assess
    from adrmeta.eligibility_report import render_markdown

    report = assess(cwd=ROOT)
    full = render_markdown(report)
    capped = render_markdown(report, max_chars=len(full) // 3)
    assert len(capped) <= len(full) // 3 < len(full)
    assert "dataset(s) shown; the full report is in the workflow's artifact" in capped
    assert capped.count("### ") < full.count("### ")


def test_check_exit_zero_and_changed_since_need_a_revision(tmp_path):

    assert run_cli("check").returncode == 1  # the bundled records have ineligible datasets
    assert run_cli("check", "--exit-zero").returncode == 0
    bad = run_cli("check", "--changed-since", "no-such-revision", "--exit-zero")
    assert bad.returncode == 2 and "cannot compare with 'no-such-revision'" in bad.stderr


def test_release_instructions_name_a_tag_of_this_version():
    from adrmeta import __version__

    docs = {p: p.read_text() for p in (*ROOT.joinpath("docs").glob("*.md"), WORKFLOW, ROOT / ".pre-commit-hooks.yaml")}
    tags = {m for text in docs.values() for m in re.findall(r"(?:@|rev: )v(\d+\.\d+\.\d+)", text)}
    assert tags == {__version__}
    assert not any(re.search(r"pip install (--\S+ )*adrmeta\b", text) for text in docs.values())
    assert f"git tag v{__version__}" in docs[ROOT / "docs" / "records-team.md"]


def test_field_mapping_docs_match_the_exporters():
    from adrmeta import docs

    committed = (ROOT / "docs" / "field-mappings.md").read_text(encoding="utf-8")
    assert committed == docs.field_mappings(), "docs/field-mappings.md is stale: run `adrmeta docs`"
    for fmt in ("DCAT-AP 3.0.1", "DDI Codebook 2.5", "schema.org Dataset", "Static catalogue site"):
        assert f"## {fmt}" in committed
    assert "| record field |" in committed


def test_the_documented_pre_commit_config_runs_every_hook_touch_first():
    """docs/records-team.md's snippet and the hooks file's own example list every hook, in the
    order they must run: touch dates changed records before validate looks for stale dates."""
    hooks = [h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())]
    guide = (ROOT / "docs" / "records-team.md").read_text()
    [snippet] = re.findall(r"```yaml\n(repos:\n.*?)```", guide, flags=re.S)
    [repo] = yaml.safe_load(snippet)["repos"]
    documented = [h["id"] for h in repo["hooks"]]
    header = re.findall(r"^#\s+- id: (\S+)", (ROOT / ".pre-commit-hooks.yaml").read_text(), flags=re.M)
    order = ["adrmeta-touch", "adrmeta-validate", "adrmeta-export-check"]
    assert documented == header == order and sorted(hooks) == sorted(order)
