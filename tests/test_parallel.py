"""build_tools/parallel.py's worker path. ``each`` runs serially while another thread runs
(pytest's, xdist's), so each case runs in a new Python of one thread, and says what it
found as JSON: the results in workers against the serial results, item by item."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from build_tools import parallel
from tests.conftest import ROOT

# Run in a new Python: ``square`` gives an item's square and the process it ran in, slowly
# enough (a few milliseconds) that every worker takes some of the items.
PRELUDE = """\
import json, os, threading, time
from build_tools import parallel

def square(item):
    time.sleep(0.005)
    return item * item, os.getpid()

def said(results):
    return [value for value, _ in results], sorted({pid for _, pid in results})
"""


def run(code: str, **env: str) -> dict:
    """What ``code`` (after PRELUDE) prints as JSON, run in a new Python of one thread."""
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_workers_give_the_serial_results_in_the_order_of_the_items():
    found = run(
        """
        items = list(range(37, 0, -1))  # (fewer than parallel.AT_LEAST, in no sorted order)
        values, pids = said(parallel.each(square, items, jobs=2))
        serial, here = said([square(item) for item in items])
        print(json.dumps({"values": values, "serial": serial, "pids": pids, "here": here}))
        """
    )
    assert found["values"] == found["serial"] == [n * n for n in range(37, 0, -1)]
    assert len(found["pids"]) == 2 and found["here"][0] not in found["pids"]  # (two workers, not this process)


def test_enough_items_go_to_the_workers_by_themselves():
    found = run(
        """
        items = list(range(parallel.AT_LEAST))
        values, pids = said(parallel.each(square, items))
        print(json.dumps({"worth_it": parallel.worth_it(items), "values": values, "pids": pids, "here": os.getpid()}))
        """,
        BUILD_JOBS="2",
    )
    assert found["worth_it"] is True
    assert found["values"] == [n * n for n in range(len(found["values"]))] and len(found["values"]) >= 64
    assert found["here"] not in found["pids"]


def test_while_another_thread_runs_the_items_are_done_here():
    found = run(
        """
        stop = threading.Event()
        threading.Thread(target=stop.wait).start()
        values, pids = said(parallel.each(square, list(range(parallel.AT_LEAST)), jobs=2))
        stop.set()
        print(json.dumps({"values": values, "pids": pids, "here": os.getpid()}))
        """,
        BUILD_JOBS="2",
    )
    assert found["pids"] == [found["here"]]
    assert found["values"] == [n * n for n in range(len(found["values"]))]


def test_an_error_in_a_worker_is_raised_here():
    found = run(
        """
        def fails(item):
            if item == 5:
                raise ValueError(f"item {item}")
            return item

        try:
            parallel.each(fails, list(range(20)), jobs=2)
        except ValueError as error:
            print(json.dumps({"raised": str(error)}))
        """
    )
    assert found == {"raised": "item 5"}


def test_processes_run_at_once_share_the_cores(monkeypatch):
    monkeypatch.setattr(parallel, "cores", lambda: 4)
    assert parallel.shared({"X": "x"}, 2) == {"X": "x", "BUILD_JOBS": "2"}
    assert parallel.shared({}, 3) == {"BUILD_JOBS": "1"}
    assert parallel.shared({}, 5) == {"BUILD_JOBS": "1"}  # (never none)
    assert parallel.shared({"X": "x"}, 1) == {"X": "x"}  # (alone: every core)
    assert parallel.shared({"BUILD_JOBS": "3"}, 2) == {"BUILD_JOBS": "3"}  # (the caller's own)
