"""The same commit builds to a byte-identical site/, in another folder, at another time, in
another process with another hash seed: each build runs in a fresh process (so nothing a
previous build kept in memory can serve it), with PYTHONHASHSEED set differently, so that
an order that depends on hashing (a set iterated into a page) shows as a difference."""

from __future__ import annotations

import subprocess
import sys

from build_tools.__main__ import _mkdocs_env
from tests.conftest import ROOT, copy_project, snapshot


def build_site(root, seed: str) -> dict[str, bytes]:
    env = {**_mkdocs_env(), "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "site"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return snapshot(root / "site")


def test_two_builds_in_different_folders_and_processes_are_identical(tmp_path):
    first = build_site(copy_project(tmp_path / "one"), "1")
    second = build_site(copy_project(tmp_path / "elsewhere" / "two"), "2")
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []

