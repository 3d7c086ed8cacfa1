"""Shared helpers: paths to the repository's files and ways to run the CLI."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .browser import browser  # noqa: F401  (one Chromium per session, shared by every module's browser tests)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_CATALOGUE = FIXTURES / "catalogue.yaml"
TODAY = dt.date(2026, 11, 21)  # rules that look at "today" get a fixed one
# The day tests that edit a copy of the bundled records make their edits: after the records' last
# change, and the day the command line takes for today in those tests (`on_day`), since a record
# dated after today is an error (`record.modified-future`).
EDIT_DAY = "2026-12-01"


def run_cli(
    *args: str, cwd: Path = ROOT, timeout: float = 60, process: bool = False, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run the command line: `cli.main` in this process, in `cwd`, with its output captured and
    `stdin` as a pipe's input (what most tests need: an exit code and text, without a new
    interpreter's start-up); with `process`, or for `serve` (which would keep running),
    `python -m adrmeta` as a separate process."""
    if process or args[:1] == ("serve",):
        return subprocess.run(
            [sys.executable, "-m", "adrmeta", *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=timeout
        )
    from adrmeta.cli import main

    out, err = io.StringIO(), io.StringIO()
    here, stdin_was = os.getcwd(), sys.stdin
    try:
        os.chdir(cwd)
        sys.stdin = io.StringIO(stdin)  # not a terminal, as a pipe
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, --version, usage errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.chdir(here)
        sys.stdin = stdin_was
    return subprocess.CompletedProcess(["adrmeta", *args], code, out.getvalue(), err.getvalue())


def yaml_load(text: str):
    """YAML read as `yaml.safe_load` reads it, by libyaml when present (as adrmeta reads records):
    the pure-Python parser took seconds of the suite."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def on_day(monkeypatch):
    """Run in-process command lines as on a given UTC day: `on_day("2026-12-01")` makes it what
    validate, touch and export take for today (`datestamps.today`) until the test ends."""
    from adrmeta import datestamps

    def set_day(day: str | dt.date) -> None:
        fixed = dt.date.fromisoformat(day) if isinstance(day, str) else day
        monkeypatch.setattr(datestamps, "today", lambda: fixed)

    return set_day


@functools.cache
def bundled_today() -> dt.date:
    """The day the bundled records are checked as: TODAY, or their last change when later (the
    records team dates an edit by the day it is made, so that day has come)."""
    from adrmeta import datestamps

    catalogue, records = bundled()
    return max(TODAY, dt.date.fromisoformat(datestamps.last_changed(catalogue, records.values())))


@functools.cache
def bundled():
    """The repository's catalogue and records, loaded once per test session: (catalogue, records)."""
    from adrmeta.validate import load

    ws = load(cwd=ROOT)
    return ws.catalogue, ws.records


@functools.cache
def published_bundled():
    """The bundled catalogue and records as every exporter sees them: stated facts only (each
    record without its inferences). Tests comparing an export with its records use this."""
    from adrmeta.provenance import published, stated

    catalogue, records = bundled()
    return catalogue, {rid: stated(rec) for rid, rec in published(records).items()}


def as_imported_routes(catalogue, rec):
    """The record as importers can read its access routes back: a route URL that is its TRE's own
    page is read as the TRE's (an export gives the TRE's page where a route has no URL of its own,
    so the two cannot be told apart); a lead time's final full stop is the sentence's own, so an
    export never doubles it and it is not read back."""
    import attrs

    tre_urls = {t.id: t.url for t in catalogue.tres}
    routes = tuple(attrs.evolve(r, url=None) if r.url and r.url == tre_urls.get(r.tre) else r for r in rec.access)
    routes = tuple(attrs.evolve(r, lead_time=r.lead_time.removesuffix(".")) if r.lead_time else r for r in routes)
    return attrs.evolve(rec, access=routes)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Chromium (the `browser` fixture, or a `*_browser` module) are `browser`
    and `slow`: one place, so no browser test goes unmarked."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) or item.module.__name__.endswith("_browser"):  # type: ignore[attr-defined]
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


# The fields of an item of an HDR UK pull-integration list (`datasets.json`), as the Gateway reads them.
HDRUK_LIST_ITEM_FIELDS = {
    "@schema",
    "type",
    "name",
    "description",
    "persistentId",
    "self",
    "version",
    "issued",
    "modified",
    "source",
}
