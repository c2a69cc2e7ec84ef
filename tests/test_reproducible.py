"""The same commit builds to a byte-identical site/, in another folder, at another time, in
another process with another hash seed: each build runs in a fresh process (so nothing a
previous build kept in memory can serve it), with PYTHONHASHSEED set differently, so that
an order that depends on hashing (a set iterated into a page) shows as a difference."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from build_tools.__main__ import _mkdocs_env
from build_tools.stages.write import generated_pages, write
from tests.conftest import ROOT, copy_project, snapshot


def build_site(root, seed: str) -> dict[str, bytes]:
    env = {**_mkdocs_env(), "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), "site"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return snapshot(root / "site")


def test_two_builds_in_different_folders_and_processes_are_identical(tmp_path):
    first = build_site(copy_project(tmp_path / "one"), "1")
    second = build_site(copy_project(tmp_path / "elsewhere" / "two"), "2")
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []


def test_the_generator_writes_the_same_pages_on_every_core_as_on_one(tmp_path):
    """Enough essays for the per-essay stages to run in worker processes (build_tools/parallel.py)."""
    from build_tools.parallel import AT_LEAST
    from tests.bench import paragraph_pool, write_corpus

    pool, pages = paragraph_pool(), {}
    for jobs in ("1", "2"):
        root = copy_project(tmp_path / f"jobs-{jobs}")
        write_corpus(root, AT_LEAST + 6, pool)
        done = subprocess.run(
            [sys.executable, "-m", "build_tools", "--root", str(root), "build"],
            cwd=ROOT,
            env={**_mkdocs_env(), "BUILD_JOBS": jobs},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        pages[jobs] = snapshot(root / "docs")
    assert sorted(pages["1"]) == sorted(pages["2"])
    assert [path for path in pages["1"] if pages["1"][path] != pages["2"][path]] == []


@pytest.fixture(scope="module")
def many_essays(tmp_path_factory):
    """A project with enough essays for the engine's loops over pages to run in workers."""
    from build_tools.parallel import AT_LEAST
    from tests.bench import paragraph_pool, write_corpus

    root = copy_project(tmp_path_factory.mktemp("many") / "project")
    write_corpus(root, AT_LEAST + 6, paragraph_pool())
    done = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), "build"],
        cwd=ROOT,
        env=_mkdocs_env(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return root


def mkdocs(root, module: str, site: str, jobs: str = "2") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, "build", "--strict", "--site-dir", str(root / site)],
        cwd=root,
        env={**_mkdocs_env(), "SOURCE_DATE_EPOCH": "1700000000", "BUILD_JOBS": jobs},
        capture_output=True,
        text=True,
    )


def test_the_engine_on_every_core_writes_the_site_mkdocs_writes(many_essays):
    for module, site in (("mkdocs", "plain"), ("build_tools.site.mkdocs_build", "cores")):
        done = mkdocs(many_essays, module, site)
        assert done.returncode == 0, done.stderr
    plain, cores = snapshot(many_essays / "plain"), snapshot(many_essays / "cores")
    assert sorted(plain) == sorted(cores)
    assert [path for path in plain if plain[path] != cores[path]] == []


def test_the_engine_links_the_generated_downloads_and_copies_the_rest(many_essays):
    """The site's copy of a file the generator wrote is a link to it (no second copy of every
    essay's downloads), which keeps what was built when the generator replaces the file; a
    hand-written asset is copied, so that the publishing stage may rewrite the site's."""
    done = mkdocs(many_essays, "build_tools.site.mkdocs_build", "linked")
    assert done.returncode == 0, done.stderr
    source = many_essays / "docs" / "essays" / "essay-0000" / "essay-0000.bib"
    built = many_essays / "linked" / "essays" / "essay-0000" / "essay-0000.bib"
    assert os.path.samefile(source, built)
    asset = next((many_essays / "docs" / "assets").rglob("*.css"))
    assert not os.path.samefile(asset, many_essays / "linked" / asset.relative_to(many_essays / "docs"))
    before, pages = built.read_bytes(), generated_pages(many_essays / "docs")
    write({**pages, "essays/essay-0000/essay-0000.bib": "@misc{edited}\n"}, many_essays / "docs")
    assert source.read_text(encoding="utf-8") == "@misc{edited}\n" and built.read_bytes() == before
    write(pages, many_essays / "docs")


def test_a_warning_in_a_worker_fails_the_strict_build(many_essays):
    about = many_essays / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[A page that is not there](nowhere.md)\n", encoding="utf-8")
    done = mkdocs(many_essays, "build_tools.site.mkdocs_build", "broken")
    said = done.stdout + done.stderr
    assert done.returncode == 1 and "nowhere.md" in said and "Aborted with 1 warnings in strict mode" in said
