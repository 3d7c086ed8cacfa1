"""A one-line progress bar for long runs, on a terminal only."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def tty_progress(noun: str, stream: Any = None) -> Callable[[int, int], None] | None:
    """show(done, total) redraws the bar; None when output is piped, so logs stay clean."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {noun}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show
