"""Headless Chromium (Debian's package) for tests that must see a page as a browser renders it."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
]


def chromium() -> str:
    """The browser's path; in CI its absence is a failure, elsewhere a skip."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120
        )


def dump_dom(page: Path) -> str:
    """The DOM as Chromium built it from the page, serialised."""
    result = _run("--virtual-time-budget=2000", "--dump-dom", page.resolve().as_uri())
    assert result.returncode == 0, result.stderr
    return result.stdout


def screenshot(page: Path, name: str, width: int = 1400, height: int = 1800) -> Path:
    """A PNG of the page, kept under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / name
    out.unlink(missing_ok=True)
    result = _run(f"--window-size={width},{height}", f"--screenshot={out}", page.resolve().as_uri())
    assert out.is_file(), result.stderr
    return out


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


LAUNCH_ARGS = [f for f in FLAGS if f not in ("--headless", "--hide-scrollbars")]  # playwright sets headless itself


@pytest.fixture(scope="session")
def browser():
    """Playwright driving Debian's Chromium (never Playwright's own browser download)."""
    from playwright.sync_api import sync_playwright

    path = chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield b
        b.close()
