"""What keeps the site small and rebuilds quick as the corpus grows (issue 7): long
sections of the navigation list only the page's own entry (built here from a
synthetic corpus), and a rebuild writes only the pages that changed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import unescape

import pytest

from build_tools.__main__ import _mkdocs_env
from build_tools.folders import edition_folders
from build_tools.model import LONG_LIST
from build_tools.pipeline import check
from build_tools.stages.write import write
from tests.bench import paragraph_pool, write_corpus
from tests.conftest import FIXTURE, ROOT, copy_project, once_per_run, run_site
from tests.golden import all_pages

N = LONG_LIST + 2


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """A site of N essays, built once per test run (shared by the workers: read only)."""

    def make(root):
        write_corpus(
            copy_project(root), N, paragraph_pool(FIXTURE)
        )  # (the fixture's paragraphs: no test here depends on seeds/)
        assert run_site(root) == 0

    return once_per_run(tmp_path_factory, "long-list-site", make) / "site"


def sidebar(html: str) -> str:
    """The page's primary navigation (the sidebar)."""
    return html.split("md-nav--primary", 1)[1].split("md-nav--secondary", 1)[0]


def test_an_essay_page_lists_only_its_own_essay_of_a_long_section(many):
    nav = sidebar((many / "essays" / "essay-0003" / "index.html").read_text(encoding="utf-8"))
    assert re.findall(r'href="\.\./(essay-\d{4})/', nav) == []  # no other essay
    assert '<a href="./" class="md-nav__link md-nav__link--active">' in nav  # its own
    assert '<a href="../" class="md-nav__link' in nav  # and the section's index


def test_the_section_index_lists_every_essay_in_its_content(many):
    html = (many / "essays" / "index.html").read_text(encoding="utf-8")
    content = html.split("<article", 1)[1]
    assert set(re.findall(r'href="(essay-\d{4})/', content)) == {f"essay-{i:04d}" for i in range(N)}


def test_the_home_page_of_a_long_list_shows_the_most_recent_essays_and_links_to_them_all(many):
    html = (many / "index.html").read_text(encoding="utf-8")
    content = html.split("<article", 1)[1]
    shown = re.findall(r'href="essays/(essay-\d{4})/"', content)
    assert len(shown) == LONG_LIST and len(set(shown)) == LONG_LIST  # (the corpus has N > LONG_LIST)
    assert (
        f"The most recent of {N} essays:" in content
        and f'<a href="essays/">All {N} essays, oldest first</a>' in content
    )


def test_short_sections_are_listed_whole(many):
    nav = sidebar((many / "themes" / "trade" / "index.html").read_text(encoding="utf-8"))
    for theme in ("violence", "climate", "governance"):
        assert f'<a href="../{theme}/"' in nav


def test_a_rebuild_writes_only_the_pages_that_changed(tmp_path):
    docs = tmp_path / "docs"
    write({"essays/a/index.md": "A", "essays/b/index.md": "B", "essays/c/index.md": "C"}, docs)
    for path in docs.rglob("*.md"):
        os.utime(path, (1_000_000, 1_000_000))
    changed = write({"essays/a/index.md": "A, edited", "essays/c/index.md": "C", "themes/t.md": "T"}, docs)
    assert changed == ["essays/a/index.md", "essays/b/index.md", "themes/t.md"]
    assert (docs / "essays/a/index.md").read_text(encoding="utf-8") == "A, edited"
    assert (docs / "essays/c/index.md").stat().st_mtime == 1_000_000  # untouched: --dirty skips it
    assert not (docs / "essays/b").exists()  # a page no longer generated goes, with its folder
    assert not list(docs.parent.glob(".staging-*"))


def test_a_file_the_same_in_another_edition_is_one_file_on_disk(tmp_path):
    """An edition's download that is the same as the first edition's (an essay's source, its
    references) is a link to it, not a second copy; one that differs is a file of its own.
    The link keeps what was written when the first edition's file is replaced."""
    docs = tmp_path / "docs"
    write({"essays/a/a.txt": "source", "essays/a/index.md": "Page"}, docs, folders=edition_folders(""))
    write({"es/essays/a/a.txt": "source", "es/essays/a/index.md": "Página"}, docs, folders=edition_folders("es"))
    assert os.path.samefile(docs / "essays/a/a.txt", docs / "es/essays/a/a.txt")
    assert not os.path.samefile(docs / "essays/a/index.md", docs / "es/essays/a/index.md")
    write({"essays/a/a.txt": "source, edited", "essays/a/index.md": "Page"}, docs, folders=edition_folders(""))
    assert (docs / "es/essays/a/a.txt").read_text(encoding="utf-8") == "source"
    assert (docs / "es/essays/a/index.md").read_text(encoding="utf-8") == "Página"


def test_a_glossary_entry_lists_the_essays_that_use_its_term_most_and_counts_the_others(many):
    """Past ten essays, a list of every essay that uses a term would bury its entry: the
    entry lists the ten that use it most, and says how many others do. The total is checked
    against the essay pages, where each use of a term links to its entry."""
    from build_tools.stages.reference_pages import USED_IN

    glossary = (many / "reference" / "glossary" / "index.html").read_text(encoding="utf-8")
    texts = [  # (each essay's own paragraphs and notes, where its uses of a term are)
        "".join(re.findall(r'<p id="(?:p|note)-.*?</p>', p.read_text(encoding="utf-8"), re.S))
        for p in (many / "essays").glob("*/index.html")
    ]
    capped = 0
    for term_id, usage in re.findall(r'<h2 id="([^"]+)".*?<p class="term-usage">(.*?)</p>', glossary, re.S):
        listed = len(re.findall(r'href="\.\./\.\./essays/[^"]+/"', usage))
        others = re.search(r"and (\d+) other essays?", usage)
        using = sum(f'glossary/#{term_id}"' in text for text in texts)
        assert listed == min(using, USED_IN) and listed + (int(others[1]) if others else 0) == using, term_id
        capped += bool(others)
    assert capped, "no term is used in more essays than an entry lists: the test proves nothing"


def test_the_essays_index_of_a_long_list_is_a_list_not_a_heading_each(many):
    """Past LONG_LIST essays the index lists them (with their bylines) rather than giving each
    a heading: headings would fill the table of contents with every title again."""
    index = (many / "essays" / "index.html").read_text(encoding="utf-8")
    article = index.split('<article class="md-content__inner md-typeset"', 1)[1].split("</article>", 1)[0]
    listed = re.findall(r'<li>\s*<p><a href="essay-\d+/">', article)
    assert len(listed) == N and "<h2" not in article.split("</h1>", 1)[1].split('id="cite"')[0]


def test_a_long_essays_index_shows_each_title_as_its_text(tmp_path):
    """The long list is written as HTML: an essay's fields are escaped for HTML there (not for
    Markdown), so a title shows as the very characters its metadata gives."""
    root = copy_project(tmp_path / "project")
    write_corpus(root, N, paragraph_pool(FIXTURE))
    title = 'Tom & Jerry, 1 < 2 > 0, a \\ b, "&amp;" (#1)'
    meta = root / "seeds" / "essays" / "essay-0001.yml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("title: Synthetic essay number 1", f"title: '{title}'"),
        encoding="utf-8",
    )
    pages = all_pages(check(root))
    html = "\n".join(json.loads(pages["essays/.spliced.json"]).values())  # (set aside from the engine)
    item = next(li for li in re.findall(r"<li>.*?</li>", html, re.S) if 'href="essay-0001/"' in li)
    text = unescape(re.sub(r"<[^>]+>", "", item.split("</a>")[0]))
    assert text == title


def test_the_essays_read_on_every_core_report_their_mistakes_as_one_by_one(tmp_path):
    """Enough essays for their metadata to be read in worker processes: each mistake is still
    reported with its file and line, in the files' order, as when they are read one by one.
    (Each check runs in a process of its own: one with threads, as a test run has, never
    forks workers.)"""
    from build_tools.parallel import AT_LEAST

    root = copy_project(tmp_path / "project")
    write_corpus(root, AT_LEAST + 6, paragraph_pool(FIXTURE))
    essays = root / "seeds" / "essays"
    for slug, old, new in (
        ("essay-0003", 'date: "2003"', 'date: "yesterday"'),
        ("essay-0040", "genre: article", "genre: [article"),
    ):
        meta = essays / f"{slug}.yml"
        meta.write_text(meta.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    def check_on(cores: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "build_tools", "--root", str(root), "check"]
        return subprocess.run(
            command, cwd=ROOT, env={**_mkdocs_env(), "BUILD_JOBS": cores}, capture_output=True, text=True
        )

    on_two, on_one = check_on("2"), check_on("1")
    assert on_two.returncode == on_one.returncode == 1 and on_two.stderr == on_one.stderr
    assert "seeds/essays/essay-0003.yml:7:1: 'date' must be a date" in on_two.stderr
    assert "seeds/essays/essay-0040.yml:5:8: this list in square brackets is never closed" in on_two.stderr
