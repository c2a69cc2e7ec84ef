"""The golden tree: the generated Markdown of the fixture corpus, kept in tests/fixture/golden/.

``make golden`` (``python -m tests.golden``) rewrites it after an intended change
to the output; review the diff before committing it. ``test_golden`` compares the
generated pages with it, whole. The real corpus in seeds/ has no golden copy: editors
change it, and ``make check STRICT=--strict`` and the invariant tests check it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from unittest.mock import patch

from build_tools.folders import GENERATED
from build_tools.pipeline import Checked, check, edition_pages
from build_tools.stages.write import on_disk

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixture"
GOLDEN = FIXTURE / "golden"


# The pages depend on the site's address and the date of the sources (mkdocs.yml reads
# SITE_URL; SOURCE_DATE_EPOCH dates the site's own pages): the golden tree fixes both.
ENVIRONMENT = {"SITE_URL": "https://example.org/root-causes/", "SOURCE_DATE_EPOCH": "1767225600"}


def all_pages(checked: Checked) -> dict[str, str]:
    """The generated pages of every edition, by path under docs/: what ``build`` writes, held
    whole (the tests compare them; the build itself writes each page as it is made)."""
    pages: dict[str, str] = {}
    for language, folder in checked.corpus.site.editions:
        pages.update(edition_pages(checked, language, folder))
    return pages


def pages_on_disk(docs: Path) -> dict[str, str]:
    """The pages now in the generated folders of ``docs``, by path under it."""
    return {path: (docs / path).read_text(encoding="utf-8") for path in on_disk(docs, GENERATED)}


def fixture_pages() -> dict[str, str]:
    """The generated pages of the fixture corpus, as the golden tree holds them."""
    from tests.conftest import copy_project

    with tempfile.TemporaryDirectory() as tmp, patch.dict(os.environ, ENVIRONMENT):
        checked = check(copy_project(Path(tmp) / "project"))
    return all_pages(checked)


def stored() -> dict[str, str]:
    return {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()}


def regenerate() -> None:
    pages = fixture_pages()  # (first: if generating fails, the golden tree stays as it was)
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for path, text in pages.items():
        out = GOLDEN / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="\n")
    print(f"rewrote {GOLDEN.relative_to(ROOT)}/: review it with `git diff {GOLDEN.relative_to(ROOT)}`", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
