"""Shared fixtures: a throw-away copy of the project to build and break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.__main__ import main
from build_tools.pipeline import check

ROOT = Path(__file__).resolve().parent.parent
HAND_WRITTEN = ("index.md", "about.md", "reading-guide.md", "assets")


def copy_project(dest: Path) -> Path:
    """The seeds, the hand-written pages and the MkDocs config, copied into ``dest``."""
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    (dest / "docs").mkdir()
    for name in HAND_WRITTEN:
        src = ROOT / "docs" / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / "docs" / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def checked():
    """The real seeds, loaded, cleaned and anchored once for the whole session."""
    return check(ROOT)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (by relative path) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    """Run the command line on ``root``; return (exit code, stdout, stderr)."""
    code = main(["--root", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err
