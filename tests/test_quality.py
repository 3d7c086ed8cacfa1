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


def test_validate_start_up_imports_no_network_or_rdf_code():
    """Pre-commit runs validate on every commit: its start-up stays light."""
    code = ("import sys; from adrmeta import cli; cli.main(['validate', '--show', 'error']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('requests', 'rdflib', 'pyshacl', 'lxml', "
            "'concurrent') or m in ('adrmeta.links', 'adrmeta.export')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
