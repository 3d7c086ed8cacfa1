"""The code stays lint- and type-clean: ruff and mypy run with the configuration in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_is_clean():
    result = run("ruff", "check", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout


def test_mypy_is_clean():
    result = run("mypy")
    assert result.returncode == 0, result.stdout


def test_package_is_typed():
    assert (ROOT / "src" / "adrmeta" / "py.typed").is_file()
