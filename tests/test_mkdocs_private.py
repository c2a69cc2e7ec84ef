"""The one module that touches MkDocs' private API (build_tools/site/mkdocs_private.py)
states the MkDocs it was written for, and on any other stops with one sentence."""

from __future__ import annotations

import subprocess
import sys

import mkdocs
import pytest

from build_tools.site import mkdocs_private
from tests.conftest import ROOT


def test_it_was_written_for_the_mkdocs_installed():
    assert mkdocs.__version__ == mkdocs_private.WRITTEN_FOR
    mkdocs_private.check()


@pytest.mark.parametrize("other", ["1.6.0", "1.6.2", "2.0.0"])
def test_another_mkdocs_stops_it_with_one_sentence_that_says_what_to_do(other):
    with pytest.raises(SystemExit) as stopped:
        mkdocs_private.check(other)
    said = str(stopped.value.code)
    assert said == (
        f"error: MkDocs {other} is installed, but build_tools/site/mkdocs_private.py was written for "
        f"MkDocs {mkdocs_private.WRITTEN_FOR}: install the pinned dependencies "
        f"(pip install --require-hashes -r build_tools/requirements.lock), "
        f"or check that module against MkDocs {other} and change its WRITTEN_FOR."
    )


def _with_mkdocs(version: str, code: str) -> subprocess.CompletedProcess:
    """``code`` run in a new Python in which MkDocs says it is ``version``."""
    return subprocess.run(
        [sys.executable, "-c", f"import mkdocs; mkdocs.__version__ = {version!r}\n{code}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    "module", ["build_tools.site.mkdocs_build", "build_tools.site.serve", "build_tools.site.hooks"]
)
def test_each_module_that_uses_it_stops_before_anything_is_done_and_without_a_traceback(module):
    done = _with_mkdocs("2.0.0", f"import runpy; runpy.run_module({module!r}, run_name='__main__')")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [_message("2.0.0")]


def test_on_its_own_mkdocs_the_build_runs():
    done = _with_mkdocs(mkdocs_private.WRITTEN_FOR, "from build_tools.site import mkdocs_build, serve, hooks")
    assert done.returncode == 0, done.stderr


def _message(other: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        mkdocs_private.check(other)
    return str(stopped.value.code)
