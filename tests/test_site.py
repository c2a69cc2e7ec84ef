"""Build the whole site with MkDocs and check what readers see, on the HTML."""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.conftest import copy_project, run, snapshot

FURNITURE = [
    "Skip to content", "Skip to footer",                       # Truthout navigation
    "ObamaBarack", "Biden ahead of pace", "MORE has",          # link-preview teasers (The Hill)
    "SchumerChuck", "Senators weigh future of methane fee",
    "meeting in-person with Guatemalan justice sector leaders",  # photo caption
    "Join us in defending the truth", "tax-deductible donation", "raise $27,000",  # fundraising
    "\\$", "*de facto*", "*per se*",                           # source markup
    "Obamahas", "Schumer(D-N.Y.)",                             # words fused by a careless removal
]


class Page(HTMLParser):
    """The ids, links and paragraph texts of one built HTML page."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, set[str]]] = []
        self.paragraphs: dict[str, str] = {}
        self._open: list[str | None] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append((a["href"], set((a.get("class") or "").split())))
        if tag == "p":
            self._open.append(a.get("id"))
            if a.get("id"):
                self.paragraphs[a["id"]] = ""

    def handle_endtag(self, tag):
        if tag == "p" and self._open:
            self._open.pop()

    def handle_data(self, data):
        if self._open and self._open[-1]:
            self.paragraphs[self._open[-1]] += data


@pytest.fixture(scope="module")
def site(tmp_path_factory, checked):
    root = copy_project(tmp_path_factory.mktemp("site") / "project")
    code = run_site(root)
    assert code == 0, "the site did not build"
    pages = {p.relative_to(root / "site").as_posix(): Page(p.read_text(encoding="utf-8"))
             for p in (root / "site").rglob("*.html")}
    return root / "site", pages


def run_site(root: Path) -> int:
    from build_tools.__main__ import main
    return main(["--root", str(root), "site"])


def text(s: str) -> str:
    return " ".join(s.replace("¶", "").split())


def test_each_essay_page_carries_every_paragraph_and_no_furniture(site, checked):
    folder, pages = site
    for essay in checked.corpus.essays:
        page = pages[f"essays/{essay.slug}/index.html"]
        html = (folder / f"essays/{essay.slug}/index.html").read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        for p in essay.paragraphs:
            if p.kind == "heading":
                assert p.id in page.ids, f"{essay.slug}: heading {p.id} missing"
            else:
                assert text(page.paragraphs.get(p.id, "")) == text(p.text), f"{essay.slug}#{p.id}"
        for junk in FURNITURE:
            assert junk not in article, f"{essay.slug}: page furniture {junk!r} is on the page"


def test_every_character_of_each_source_is_kept_or_removed_by_a_rule(checked):
    """Nothing is lost silently and nothing is added: apart from spacing and the markup
    characters that the emphasis and unescape rules consume (* and \\), every character
    of the raw source is in the cleaned text or in a change a rule recorded."""
    def chars(s: str) -> Counter:
        return Counter(c for c in s if not c.isspace() and c not in "*\\")
    for essay in checked.corpus.essays:
        kept = chars("".join(p.text for p in essay.paragraphs))
        removed = chars("".join(c.text for c in essay.changes if c.action == "removed"))
        assert chars(essay.raw) == kept + removed, essay.slug


def test_every_read_in_context_link_lands_on_its_paragraph(site, checked):
    folder, pages = site
    seen = 0
    for theme in checked.corpus.themes:
        page_path = f"themes/{theme.id}/index.html"
        for href, classes in pages[page_path].links:
            if "in-context" not in classes:
                continue
            target, fragment = resolve(page_path, href)
            assert fragment.startswith("p-") and fragment in pages[target].paragraphs
            seen += 1
    assert seen == len(checked.quotes)


def resolve(page_path: str, href: str) -> tuple[str, str]:
    """The site file a relative link on ``page_path`` points to, and its fragment."""
    url = urlparse(href)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), unquote(url.path)))
    if href.split("#")[0].endswith("/") or not url.path or target == ".":
        target = posixpath.join(target, "index.html")
    return target.removeprefix("./"), url.fragment


def test_no_internal_link_or_anchor_is_broken(site):
    folder, pages = site
    for path, page in pages.items():
        if path == "404.html":  # served for any missing address, so its links are absolute
            continue
        for href, _ in page.links:
            if urlparse(href).scheme or href.startswith("//"):
                continue
            target, fragment = resolve(path, href)
            assert (folder / target).is_file(), f"{path}: broken link {href}"
            if fragment and target in pages:
                assert fragment in pages[target].ids, f"{path}: broken anchor {href}"


def test_search_finds_text_from_every_essay_and_theme(site, checked):
    folder, _ = site
    index = json.loads((folder / "search/search_index.json").read_text(encoding="utf-8"))
    corpus = " ".join(d["text"] for d in index["docs"])
    for essay in checked.corpus.essays:
        body = [p for p in essay.paragraphs if p.kind == "paragraph"][-1]
        assert " ".join(body.text.split()[:8]) in corpus, essay.slug
    for theme in checked.corpus.themes:
        assert theme.question in corpus, theme.id
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert {f"essays/{e.slug}/" for e in checked.corpus.essays} <= locations
    assert {f"themes/{t.id}/" for t in checked.corpus.themes} <= locations


def test_home_lists_every_theme_with_counts_and_every_essay(site, checked):
    folder, pages = site
    html = (folder / "index.html").read_text(encoding="utf-8")
    for theme in checked.corpus.themes:
        n = len(checked.corpus.claims_of(theme.id))
        assert f'href="themes/{theme.id}/"' in html and f"{n} claims" in html
    for essay in checked.corpus.essays:
        assert f'href="essays/{essay.slug}/"' in html


def test_a_failed_site_build_leaves_site_as_it_was(project, capsys):
    assert run(project, "site", capsys=capsys)[0] == 0
    before = snapshot(project / "site")
    (project / "docs/about.md").write_text("[broken](nowhere.md)\n", encoding="utf-8")
    code, _, err = run(project, "site", capsys=capsys)
    assert code != 0 and "site/ was left as it was" in err
    assert snapshot(project / "site") == before
