"""The copy of each edition to read offline (build_tools/site/offline.py): a zip in the
published edition that works from a folder, opened from file:// in Chromium."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

import pytest

from build_tools.site import offline
from build_tools.site.offline import Edition

COPIES = {"": "root-causes-en", "es/": "root-causes-es"}
_HREF = re.compile(r'\shref="([^"#?]*)')


def unzipped(site: Path, edition: str, into: Path) -> Path:
    """The edition's copy, unzipped into ``into``: its folder."""
    with zipfile.ZipFile(site / edition / f"{COPIES[edition]}.zip") as copy:
        copy.extractall(into)
    return into / COPIES[edition]


@pytest.mark.parametrize("edition", COPIES)
def test_every_link_of_the_copy_leads_to_a_file_in_it(any_site, edition, tmp_path):
    """For any corpus: no link leads to a folder (which a browser shows as a listing), and
    every link that stays in the copy finds its file; the rest lead to the online site."""
    folder = unzipped(any_site[0], edition, tmp_path)
    assert (folder / "index.html").is_file() and not (folder / "pagefind").exists()
    pages = sorted(folder.rglob("*.html"))
    built = [p.relative_to(any_site[0]).as_posix() for p in (any_site[0] / edition).rglob("*.html")]
    assert len(pages) == len([p for p in built if (edition or not p.startswith("es/")) and "404.html" not in p])
    for page in pages:
        here = page.parent.relative_to(folder).as_posix()
        for path in _HREF.findall(page.read_text(encoding="utf-8")):
            if not path or re.match(r"[a-z]+:|//", path):
                continue
            target = folder / posixpath.normpath(posixpath.join(here, path))
            assert target.is_file(), f"{page.relative_to(folder)}: {path}"


def test_a_link_out_of_the_edition_leads_to_the_online_site():
    english = Edition("en", "", ("es",), "https://example.org/rc/")
    assert english.link("../../es/themes/trade/", "themes/trade") == "https://example.org/rc/es/themes/trade/"
    assert english.link("../violence/", "themes/trade") == "../violence/index.html"
    assert english.link("../..", "themes/trade") == "../../index.html"
    assert english.link("trade.bib", "themes/trade") == "trade.bib"
    spanish = Edition("es", "es", ("",), "https://example.org/rc/")
    assert spanish.link("../../../themes/trade/", "themes/trade") == "https://example.org/rc/themes/trade/"
    assert spanish.link("../../", "themes/trade") == "../../index.html"
    assert Edition("es", "es", ("",), None).link("../../../", "themes/trade") == "../../../"


@pytest.mark.parametrize("here", [".", "themes", "themes/trade", "essays/a-2000/sources"])
@pytest.mark.parametrize("path", [".", "themes", "themes/trade", "themes/violence/x.html", "essays/a-2000/index.html"])
def test_a_link_is_worked_out_as_posixpath_would(path, here):
    assert offline._relative(path, here) == posixpath.relpath(path, here)


@pytest.mark.parametrize("edition", COPIES)
def test_the_copy_holds_each_essays_passages_once_as_a_script(any_site, edition):
    """previews.js loads the script in a copy, and no page links to the passages' JSON, so
    that is not in it: for any corpus, each essay's passages are there once."""
    with zipfile.ZipFile(any_site[0] / edition / f"{COPIES[edition]}.zip") as copy:
        names = copy.namelist()
    essays = {n.rsplit("/", 2)[0] for n in names if n.endswith("/passages.js")}
    assert essays and essays == {n.rsplit("/", 2)[0] for n in names if re.search(r"/essays/[^/]+/index\.html$", n)}
    assert not [n for n in names if n.endswith("/passages.json")]


def test_the_copy_is_the_same_zip_from_the_same_sources(site, tmp_path):
    """Reproducible: every entry dated by SOURCE_DATE_EPOCH, in order."""
    with zipfile.ZipFile(site[0] / "root-causes-en.zip") as copy:
        entries = copy.infolist()
    assert [e.filename for e in entries] == sorted(e.filename for e in entries)
    assert {e.date_time for e in entries} == {(2026, 1, 1, 0, 0, 0)}


def test_the_copy_reads_from_a_folder_in_chromium(site, browser, tmp_path):
    """Opened from file://: a link reaches a page, a passage's preview opens, and the page
    says that search needs the online site."""
    folder = unzipped(site[0], "", tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((folder / "index.html").as_uri())
        note = page.locator(".offline-note")
        assert note.is_visible()
        assert "search works only on the online site" in note.inner_text()
        page.locator(".md-tabs__link", has_text="Themes").click()
        page.wait_for_load_state()
        assert page.url == (folder / "themes" / "index.html").as_uri()
        assert page.locator("h1").inner_text().startswith("Themes")
        page.locator("article a", has_text="Trade").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/themes/trade/index.html")
        link = page.locator("a.in-context").first
        link.scroll_into_view_if_needed()
        link.hover()
        preview = page.locator("#passage-preview")
        preview.wait_for(state="visible", timeout=5000)
        assert "Broad" in preview.inner_text() and preview.locator("mark").count() == 1
        link.click()
        page.wait_for_load_state()
        assert "/essays/broad-2014/index.html#p-" in page.url
        assert page.locator("h1").count() == 1
        # (only the theme's own search failing, as it does from any folder: it looks for an
        # index of its own, search/search_index.js, and hides its search box)
        assert [e for e in errors if "search/search_index.js" not in e] == []
    finally:
        page.close()


@pytest.mark.parametrize("edition", COPIES)
def test_the_about_page_links_the_copy(site, edition):
    folder, pages = site
    links = [href for href, _ in pages[f"{edition}about/index.html"].links if href.endswith(".zip")]
    assert links == [f"../{COPIES[edition]}.zip"]
    assert (folder / edition / "about" / links[0]).resolve().is_file()
