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


def halves(work: Callable[[int, int, int | None], R], n: int, jobs: int) -> list[R]:
    """`work(start, stop, half)` over all n items. With two jobs, fork and enough items, each half
    runs in a process forked for it (`half` 0 or 1), while this one waits: its own heap stays as
    it was, whatever the work leaves behind. Returns the results in item order; a half whose
    process fails is done here (`half` None), as is everything otherwise. Results travel back
    pickled, so they should be small."""
    if jobs < 2 or n < PARALLEL_FROM:
        return [work(0, n, None)]
    import multiprocessing  # here: `adrmeta validate` of a few records starts without it

    if "fork" not in multiprocessing.get_all_start_methods():
        return [work(0, n, None)]
    ctx = multiprocessing.get_context("fork")   # the processes inherit everything loaded so far
    started = []
    for k, (start, stop) in enumerate(((0, n // 2), (n // 2, n))):
        parent_end, child_end = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_half, args=(child_end, work, start, stop, k), daemon=True)
        proc.start()
        child_end.close()
        started.append((parent_end, proc, start, stop))
    results = []
    try:
        for parent_end, proc, start, stop in started:
            status: str = "error"
            result: Any = None
            try:
                status, result = parent_end.recv()
            except EOFError:   # the process died
                pass
            proc.join()
            results.append(result if status == "ok" else work(start, stop, None))
    finally:
        for _end, proc, _start, _stop in started:
            if proc.is_alive():
                proc.kill()
    return results


def _half(conn: Any, work: Callable[[int, int, int | None], Any], start: int, stop: int, half: int) -> None:
    try:
        conn.send(("ok", work(start, stop, half)))
    except BaseException:   # the parent does this half itself
        conn.send(("error", None))
    finally:
        conn.close()
