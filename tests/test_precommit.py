"""The pre-commit hooks, exercised in a git repository the test creates: each hook's `entry` runs
on exactly the files its `files` pattern selects, as pre-commit runs it (without installing a hook
environment, which would need the network)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, ROOT, TEST_CATALOGUE

pytestmark = pytest.mark.slow  # real git repositories and processes

HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "PATH": "/usr/bin:/bin",
        },
    ).stdout


def run_hook(repo: Path, hook_id: str) -> subprocess.CompletedProcess[str]:
    """Run a hook like `pre-commit run <id>` on the staged files."""
    hook = HOOKS[hook_id]
    staged = git(repo, "diff", "--cached", "--name-only").split()
    files = [f for f in staged if re.search(hook["files"], f)]
    if not files:
        return subprocess.CompletedProcess([], 0, "(no files)", "")
    command = hook["entry"].split()
    assert command[0] == "adrmeta"
    args = [*command[1:], *(files if hook.get("pass_filenames", True) else [])]
    return subprocess.run([sys.executable, "-m", "adrmeta", *args], cwd=repo, capture_output=True, text=True, timeout=120)


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "records-repo"
    (repo / "records").mkdir(parents=True)
    shutil.copy(TEST_CATALOGUE, repo / "catalogue.yaml")
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", repo / "records" / "minimal.yaml")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    return repo


def test_hook_definitions():
    assert set(HOOKS) == {"adrmeta-validate", "adrmeta-export-check", "adrmeta-touch"}
    assert re.search(HOOKS["adrmeta-touch"]["files"], "catalogue.yaml") and HOOKS["adrmeta-touch"]["pass_filenames"] is False
    assert all(h["language"] == "python" for h in HOOKS.values())
    assert re.search(HOOKS["adrmeta-validate"]["files"], "records/leo.yaml")
    assert re.search(HOOKS["adrmeta-validate"]["files"], "catalogue.yaml")
    assert not re.search(HOOKS["adrmeta-validate"]["files"], "README.md")
    # pre-commit passes no deleted file: only always_run checks a commit that only removes a record
    assert all(h["always_run"] is True for h in HOOKS.values())


def test_validate_hook_passes_good_records_and_blocks_bad_ones(tmp_path):
    repo = make_repo(tmp_path)
    assert run_hook(repo, "adrmeta-validate").returncode == 0
    git(repo, "commit", "-qm", "good")
    bad = (FIXTURES / "invalid" / "schema-unknown-key.yaml").read_text().replace("id: schema-unknown-key", "id: draft")
    (repo / "records" / "draft.yaml").write_text(bad)
    git(repo, "add", "records/draft.yaml")
    result = run_hook(repo, "adrmeta-validate")
    assert result.returncode == 1
    assert "records/draft.yaml:14:1: error schema.unknown-key" in result.stdout  # only the staged file is checked
    assert "minimal.yaml" not in result.stdout


def test_validate_hook_checks_every_record_when_the_catalogue_is_staged(tmp_path):
    """Renaming an organisation in catalogue.yaml breaks the records that name it, staged or not."""
    repo = make_repo(tmp_path)
    git(repo, "commit", "-qm", "good")
    catalogue = repo / "catalogue.yaml"
    catalogue.write_text(catalogue.read_text().replace("  - id: dfe\n", "  - id: dfe-renamed\n", 1))
    git(repo, "add", "catalogue.yaml")
    result = run_hook(repo, "adrmeta-validate")
    assert result.returncode == 1
    assert re.search(r"^records/minimal\.yaml:\d+:\d+: error reference\.unknown", result.stdout, flags=re.M)


def test_export_check_hook_blocks_stale_exports(tmp_path):
    repo = make_repo(tmp_path)
    assert subprocess.run([sys.executable, "-m", "adrmeta", "export"], cwd=repo, capture_output=True).returncode == 0
    git(repo, "add", ".")
    assert run_hook(repo, "adrmeta-export-check").returncode == 0
    git(repo, "commit", "-qm", "exported")
    record = repo / "records" / "minimal.yaml"
    record.write_text(record.read_text().replace("Minimal linked dataset for tests", "Minimal linked dataset, renamed"))
    git(repo, "add", "records/minimal.yaml")
    forgotten = run_hook(repo, "adrmeta-export-check")  # the edit did not move the record's datestamp
    assert forgotten.returncode == 1 and "record.modified-stale" in forgotten.stdout
    assert (
        subprocess.run([sys.executable, "-m", "adrmeta", "touch"], cwd=repo, capture_output=True).returncode == 0
    )  # what the adrmeta-touch hook does: today's date (a later one is refused, record.modified-future)
    git(repo, "add", "records/minimal.yaml")
    stale = run_hook(repo, "adrmeta-export-check")
    assert stale.returncode == 1 and "stale:" in stale.stdout


def test_real_pre_commit_runs_the_hooks(tmp_path):
    """pre-commit itself, offline: a local hook config built from .pre-commit-hooks.yaml (language
    system, so no hook environment is downloaded), run on a repository with a good and a bad record.
    pre-commit is a dev tool: .ci/run runs this module again once the dev extra is installed."""
    pytest.importorskip("pre_commit")
    repo = make_repo(tmp_path)
    hook = HOOKS["adrmeta-validate"]
    config = {
        "repos": [
            {
                "repo": "local",
                "hooks": [
                    {
                        "id": hook["id"],
                        "name": hook["name"],
                        "entry": f"{sys.executable} -m {hook['entry']}",
                        "language": "system",
                        "files": hook["files"],
                        "always_run": hook["always_run"],
                        "require_serial": True,
                    }
                ],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    git(repo, "add", ".")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def pre_commit():
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    good = pre_commit()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "adrmeta validate" in good.stdout and "Passed" in good.stdout
    bad = (FIXTURES / "invalid" / "schema-unknown-key.yaml").read_text().replace("id: schema-unknown-key", "id: draft")
    (repo / "records" / "draft.yaml").write_text(bad)
    git(repo, "add", "records/draft.yaml")
    failed = pre_commit()
    assert failed.returncode == 1 and "Failed" in failed.stdout
    assert "records/draft.yaml:14:1: error schema.unknown-key" in failed.stdout
    git(repo, "rm", "-q", "--cached", "records/draft.yaml")
    (repo / "records" / "draft.yaml").unlink()
    git(repo, "commit", "-q", "-m", "records", "--no-verify")
    git(repo, "rm", "-q", "records/minimal.yaml")  # a commit that only deletes a record
    deleting = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run"], cwd=repo, env=env, capture_output=True, text=True, timeout=300
    )
    assert "adrmeta validate" in deleting.stdout and "Skipped" not in deleting.stdout, deleting.stdout
