"""The package is typed, its library API resolves, and `adrmeta validate` starts light. (ruff,
mypy and the wheel build run from `.ci/run` and pre-commit, not as tests.)"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


def test_package_is_typed():
    assert (ROOT / "src" / "adrmeta" / "py.typed").is_file()


def test_every_name_of_the_library_api_resolves():
    import adrmeta

    assert set(adrmeta.__all__) >= {"validate", "load", "run_rules", "Report", "render", "write_exports"}
    for name in adrmeta.__all__:
        assert getattr(adrmeta, name) is not None, name
    assert adrmeta.write_exports.__module__ == "adrmeta.exportrun"
    with pytest.raises(AttributeError):
        adrmeta.no_such_name  # noqa: B018


def test_validate_start_up_imports_no_network_or_rdf_code():
    """Pre-commit runs validate on every commit: its start-up stays light."""
    code = (
        "import sys; from adrmeta import cli; cli.main(['validate', '--show', 'error']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('requests', 'rdflib', 'pyshacl', 'lxml', "
        "'concurrent') or m in ('adrmeta.links', 'adrmeta.export')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
