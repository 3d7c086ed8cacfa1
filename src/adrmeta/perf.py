"""Keeping bulk work linear."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

R = TypeVar("R")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for bulk work that creates no reference cycles.

    Loading and exporting build many small objects while thousands of records stay alive; each
    collection rescans all of them, which made 10,000-record runs several times slower than their
    work. Refcounting still frees everything; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


PARALLEL_FROM = 200   # items; below this a second process costs more than it saves


def halves(work: Callable[[int, int, bool], R], n: int, jobs: int) -> list[R]:
    """`work(start, stop, forked)` over all n items: with two jobs, fork and enough items, items
    [0, n/2) here and [n/2, n) in a forked process at the same time. Returns the results in item
    order; if the forked process fails, this one does its half after its own. Results travel
    back pickled, so they should be small."""
    import multiprocessing  # here: `adrmeta validate` starts without it

    if jobs < 2 or n < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [work(0, n, False)]
    half = n // 2
    ctx = multiprocessing.get_context("fork")   # the process inherits everything loaded so far
    parent_end, child_end = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_other_half, args=(child_end, work, half, n), daemon=True)
    proc.start()
    child_end.close()
    status: str = "error"
    theirs: Any = None
    try:
        mine = work(0, half, False)
        try:
            status, theirs = parent_end.recv()
        except EOFError:   # the process died
            pass
        proc.join()
    finally:
        if proc.is_alive():
            proc.kill()
    return [mine, theirs if status == "ok" else work(half, n, False)]


def _other_half(conn: Any, work: Callable[[int, int, bool], Any], start: int, stop: int) -> None:
    try:
        conn.send(("ok", work(start, stop, True)))
    except BaseException:   # the parent does this half itself
        conn.send(("error", None))
    finally:
        conn.close()
