"""The one module that touches MkDocs' private API (build_tools/site/mkdocs_private.py)
states the MkDocs it was written for, and on any other stops with one sentence."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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


def _private_names(tree: ast.AST) -> set[str]:
    """The private names a module defines or sets: functions, classes, variables, attributes."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(node.id)
    return {name for name in found if name.startswith("_") and not name.startswith("__")}


def uses_of_private(paths: list[Path], private: set[str]) -> list[str]:
    """Where a module names one of ``private``, as another object's attribute or as a text
    (``getattr(page, "_x")``): ``path:line: name``."""
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and not (
                isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            ):
                name = node.attr
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                name = node.value
            else:
                continue
            if name in private:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    return found


def test_no_other_module_names_a_private_part_of_mkdocs():
    package = Path(mkdocs.__file__).parent
    private = set().union(*(_private_names(ast.parse(f.read_text(encoding="utf-8"))) for f in package.rglob("*.py")))
    assert "_title_from_render" in private and "_populate_page" in private
    ours = [p for p in (ROOT / "build_tools").rglob("*.py") if p.name != "mkdocs_private.py"]
    assert uses_of_private(ours, private) == []
    adapter = ROOT / "build_tools" / "site" / "mkdocs_private.py"
    assert uses_of_private([adapter], private), "the check sees the adapter's own uses"
