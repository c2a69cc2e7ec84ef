"""Work that is the same for each of many items, done on every core.

The generator's per-essay stages (cleaning, rendering an essay's pages) depend on their
essay alone. :func:`each` runs such a function over the items in worker processes
forked from this one, which see everything it has loaded (the modules, the templates,
the items themselves), so only the results travel back, pickled; they come back in the
order of the items, so the output is the same as one process's. A handful of items (an
edit while serving) is done here, as is everything when another thread runs (forking a
process with threads can leave a lock held in the child) or when there is one core.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Fewer items than this are done in this process: starting a worker costs more than it saves.
AT_LEAST = 64

_work: tuple[Callable, Sequence] | None = None  # (what the forked workers do, inherited)


def _do(i: int):
    assert _work is not None  # (set before the workers are forked)
    fn, items = _work
    return fn(items[i])


def cores() -> int:
    """The cores this process may use (``BUILD_JOBS`` sets it: 1 turns this off)."""
    try:
        return int(os.environ.get("BUILD_JOBS") or len(os.sched_getaffinity(0)))
    except AttributeError:  # (no sched_getaffinity: not Linux)
        return os.cpu_count() or 1


def shared(environ: dict[str, str], among: int) -> dict[str, str]:
    """``environ`` for one of ``among`` processes that run at once (an edition's engine, while
    the others build theirs), each given its share of the cores (``BUILD_JOBS``), unless it
    sets its own: workers beyond the cores only take turns, and cost their forks and the
    results sent back (5 to 10 % more CPU for two editions at 1,000 essays on 2 cores)."""
    if among < 2 or environ.get("BUILD_JOBS"):
        return environ
    return {**environ, "BUILD_JOBS": str(max(1, cores() // among))}


def _jobs(items: Sequence, wanted: int | None = None) -> int:
    """How many workers :func:`each` would use for ``items`` (1: none, this process): ``wanted``
    if given, else as many as are worth it; none while another thread runs."""
    if wanted is None:
        jobs = min(cores(), len(items) // (AT_LEAST // 2) or 1) if len(items) >= AT_LEAST else 1
    else:
        jobs = max(1, min(wanted, len(items)))
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return jobs


def worth_it(items: Sequence) -> bool:
    """Whether :func:`each` would do ``items`` in worker processes."""
    return _jobs(items) > 1


def each(fn: Callable[[T], R], items: Sequence[T], jobs: int | None = None) -> list[R]:
    """``[fn(item) for item in items]``, on every core when it is worth it (in ``jobs``
    workers, if given: the tests, which drive the workers with a few items)."""
    return list(stream(fn, items, jobs))


def stream(fn: Callable[[T], R], items: Sequence[T], jobs: int | None = None) -> Iterator[R]:
    """What :func:`each` gives, one result at a time as the workers make them, so that the
    caller can use each (write a page) and let it go before the next arrives."""
    jobs = _jobs(items, jobs)
    if jobs < 2:
        yield from (fn(item) for item in items)
        return
    global _work
    _work = (fn, items)
    try:
        chunk = max(1, min(16, len(items) // (jobs * 8)))
        window = chunk * jobs * 4  # (the results not yet taken are held here: at most this many)
        gc.freeze()  # (what the workers inherit, left out of their collections: not walked, not copied)
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for start in range(0, len(items), window):
                yield from pool.imap(_do, range(start, min(start + window, len(items))), chunksize=chunk)
    finally:
        gc.unfreeze()
        _work = None
