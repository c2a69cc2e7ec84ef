"""What keeps the site small and rebuilds quick as the corpus grows (issue 7): long
sections of the navigation list only the page's own entry (built here from a
synthetic corpus), and a rebuild writes only the pages that changed."""

from __future__ import annotations

import os
import re

import pytest

from build_tools.model import LONG_LIST
from build_tools.stages.write import write
from tests.bench import paragraph_pool, write_corpus
from tests.conftest import copy_project, run_site

N = LONG_LIST + 2


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("many") / "project")
    write_corpus(root, N, paragraph_pool())
    assert run_site(root) == 0
    return root / "site"


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


def test_a_glossary_entry_lists_the_essays_that_use_its_term_most_and_counts_the_others(many):
    """Past ten essays, a list of every essay that uses a term would bury its entry: the
    entry lists the ten that use it most, and says how many others do. The total is checked
    against the essay pages, where each use of a term links to its entry."""
    from build_tools.stages.render import USED_IN

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
