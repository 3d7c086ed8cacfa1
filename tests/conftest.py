"""Shared helpers: paths to the repository's files and ways to run the CLI."""

from __future__ import annotations

import datetime as dt
import functools
import subprocess
import sys
from pathlib import Path

import pytest

from .browser import browser  # noqa: F401  (one Chromium per session, shared by every module's browser tests)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_CATALOGUE = FIXTURES / "catalogue.yaml"
TODAY = dt.date(2026, 11, 21)  # rules that look at "today" get a fixed one


def run_cli(*args: str, cwd: Path = ROOT, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `python -m adrmeta` as a separate process, as a user or CI would."""
    return subprocess.run([sys.executable, "-m", "adrmeta", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def cli():
    return run_cli


@functools.cache
def bundled():
    """The repository's catalogue and records, loaded once per test session: (catalogue, records)."""
    from adrmeta.validate import load

    ws = load(cwd=ROOT)
    return ws.catalogue, ws.records
