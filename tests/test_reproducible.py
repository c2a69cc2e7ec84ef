"""The same commit builds to a byte-identical site/, in another folder, at another time, in
another process with another hash seed: each build runs in a fresh process (so nothing a
previous build kept in memory can serve it), with PYTHONHASHSEED set differently, so that
an order that depends on hashing (a set iterated into a page) shows as a difference."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.__main__ import _mkdocs_env
from build_tools.stages.write import write
from tests.conftest import ROOT, build_in_a_process, copy_project, once_per_run, snapshot
from tests.golden import pages_on_disk


def test_two_builds_in_different_folders_and_processes_are_identical(site_project, tmp_path):
    """The fixture corpus's site, built in a process of its own with PYTHONHASHSEED=1 (the
    ``site`` fixture), and built again in another folder with PYTHONHASHSEED=2."""
    elsewhere = copy_project(tmp_path / "elsewhere" / "two")
    build_in_a_process(elsewhere, hash_seed="2")
    first, second = snapshot(site_project / "site"), snapshot(elsewhere / "site")
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []


def generate_many(root: Path, jobs: str) -> dict[str, bytes]:
    """A project with enough essays for the per-essay stages and the engine's loops over
    pages to run in worker processes (build_tools/parallel.py), made in ``root`` and its
    pages generated on ``jobs`` cores, in a process of its own: its folder docs/."""
    from build_tools.parallel import AT_LEAST
    from tests.bench import paragraph_pool, write_corpus

    copy_project(root)
    write_corpus(root, AT_LEAST + 6, paragraph_pool())
    done = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), "build"],
        cwd=ROOT,
        env={**_mkdocs_env(), "BUILD_JOBS": jobs},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return snapshot(root / "docs")


@pytest.fixture(scope="session")
def many_essays_generated(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """The project of :func:`generate_many`, generated on two cores once per test run, shared
    by pytest-xdist's workers (read only): (its folder, its docs/ as generated)."""
    root = once_per_run(tmp_path_factory, "many-essays", lambda folder: generate_many(folder, "2"))
    return root, snapshot(root / "docs")


@pytest.fixture
def many_essays(many_essays_generated, tmp_path) -> Path:
    """A copy of the project of :func:`generate_many`, to change."""
    return shutil.copytree(many_essays_generated[0], tmp_path / "project")


def test_the_generator_writes_the_same_pages_on_every_core_as_on_one(many_essays_generated, tmp_path):
    on_two = many_essays_generated[1]
    on_one = generate_many(tmp_path / "jobs-1", "1")
    assert sorted(on_one) == sorted(on_two)
    assert [path for path in on_one if on_one[path] != on_two[path]] == []


def mkdocs(root: Path, module: str, site: Path, jobs: str = "2") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        env={**_mkdocs_env(), "SOURCE_DATE_EPOCH": "1700000000", "BUILD_JOBS": jobs},
        capture_output=True,
        text=True,
    )


def test_the_engine_on_every_core_writes_the_site_mkdocs_writes(many_essays_generated, tmp_path):
    root = many_essays_generated[0]  # (read only: the sites are written in tmp_path)
    for module, site in (("mkdocs", "plain"), ("build_tools.site.mkdocs_build", "cores")):
        done = mkdocs(root, module, tmp_path / site)
        assert done.returncode == 0, done.stderr
    plain, cores = snapshot(tmp_path / "plain"), snapshot(tmp_path / "cores")
    assert sorted(plain) == sorted(cores)
    assert [path for path in plain if plain[path] != cores[path]] == []


def test_the_engine_links_the_generated_downloads_and_copies_the_rest(many_essays):
    """The site's copy of a file the generator wrote is a link to it (no second copy of every
    essay's downloads), which keeps what was built when the generator replaces the file; a
    hand-written asset is copied, so that the publishing stage may rewrite the site's."""
    done = mkdocs(many_essays, "build_tools.site.mkdocs_build", many_essays / "linked")
    assert done.returncode == 0, done.stderr
    source = many_essays / "docs" / "essays" / "essay-0000" / "essay-0000.bib"
    built = many_essays / "linked" / "essays" / "essay-0000" / "essay-0000.bib"
    assert os.path.samefile(source, built)
    asset = next((many_essays / "docs" / "assets").rglob("*.css"))
    assert not os.path.samefile(asset, many_essays / "linked" / asset.relative_to(many_essays / "docs"))
    before, pages = built.read_bytes(), pages_on_disk(many_essays / "docs")
    write({**pages, "essays/essay-0000/essay-0000.bib": "@misc{edited}\n"}, many_essays / "docs")
    assert source.read_text(encoding="utf-8") == "@misc{edited}\n" and built.read_bytes() == before
    write(pages, many_essays / "docs")


def test_a_warning_in_a_worker_fails_the_strict_build(many_essays):
    about = many_essays / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[A page that is not there](nowhere.md)\n", encoding="utf-8")
    done = mkdocs(many_essays, "build_tools.site.mkdocs_build", many_essays / "broken")
    said = done.stdout + done.stderr
    assert done.returncode == 1 and "nowhere.md" in said and "Aborted with 1 warnings in strict mode" in said
