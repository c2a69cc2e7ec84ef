"""The publishing stage: what every built page gets after the engine, whichever engine.

MkDocs (or another engine reading ``mkdocs.yml``) turns the Markdown into HTML; then
:func:`publish` runs over the built folder. For each page it

* puts back the HTML the generator set aside for the engine not to read
  (:mod:`build_tools.formats.spliced`: an essay's paragraphs);
* sanitises the page's content (its ``<article>``) with the allow-list of
  :mod:`build_tools.site.sanitize` — hand-written pages may hold raw HTML, and this stage is
  what a reader's safety rests on, not the engine's plugins or hooks;
* makes Material's markup valid HTML (:func:`fix_material_markup`);
* collapses the runs of white space in its text (:func:`compact_html`);
* points Material's search box at our Pagefind worker and marks the article for
  Pagefind to index (:func:`.search.use_pagefind`), unless the page's front matter says
  ``search: {exclude: true}``;

and then indexes the site with Pagefind, in parts (:func:`.search.index_site`). Our own
scripts and style sheets are minified (:func:`compact_assets`). Zensical's search
box shows entries of a list of the site's pages and sections that it loads with every
page (``search.json``, each with its whole text): :func:`.search.search_entries` cuts it
down to plain titles and opening words, without the pages left out of search. All that
is search lives in :mod:`build_tools.site.search`. ``python -m
build_tools site`` runs it on the staged site before swapping it in; while serving, the
MkDocs adapter (``build_tools/site/hooks.py``) applies :func:`finish_page` to each page it
rebuilds and indexes in the background.
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from itertools import chain
from pathlib import Path

import rcssmin
import rjsmin

from .. import parallel
from ..config import source_date
from ..essay import EssayDate
from ..formats.spliced import SpliceError, splice
from ..languages import gettext
from .sanitize import clean_html
from .search import ARTICLE, SearchError, index_site, page_language, search_entries, unindexed, use_pagefind


class PublishError(Exception):
    """The built site is not what this stage knows how to finish (a bug or a changed theme)."""


# Material 9.8 markup that the Nu Html Checker rejects or axe-core reports, and the fix.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off"')
_LABEL_FOR = re.compile(r'(<label [^>]*?) for="([^"]*)"')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# A section's navigation is labelled by its icon-only toggle; its visible title follows.
_NAV_LABEL = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby=")([^"]+)("[^>]*>\s*'
    r'<label class="md-nav__title")'
)


_OVERLAY = '<label class="md-overlay" for="__drawer" aria-hidden="true">'  # (Zensical's)
# Material's links to each edition's home page as the page's alternates (the theme's override
# links the same page in each edition instead, hreflang first).
_HOME_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def fix_material_markup(output: str) -> str:
    """Material's page with: no links to the editions' home pages as its alternates, no ``autocomplete`` on checkboxes (valid only on text
    inputs), no empty ``tabindex``, no ``label for`` an element the page lacks, no
    ``aria-hidden`` on a label, a name for the search dialog, and each section's
    navigation named by its title."""
    output = output.replace(_OVERLAY, _OVERLAY.replace(' aria-hidden="true"', ""))
    output = _HOME_ALTERNATE.sub("", output)
    output = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)
    output = output.replace(' tabindex=""', "")
    output = _NAV_LABEL.sub(r'\1\2-title\3 id="\2-title"', output)
    ids = set(re.findall(r' id="([^"]+)"', output))
    output = _LABEL_FOR.sub(lambda m: m.group(0) if m.group(2) in ids else m.group(1), output)
    label = gettext(page_language(output), "Search")
    return output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{label}">')


def sanitise_article(output: str) -> str:
    """The page with everything between the start of its ``<article>`` and the last
    ``</article>`` (the page's content, whatever it holds) passed through the allow-list."""
    start, end = output.find(ARTICLE), output.rfind("</article>")
    if start < 0 or end < start:
        raise PublishError(
            "a page has no <article> for its content: see sanitise_article in build_tools/site/publish.py"
        )
    start += len(ARTICLE)
    return "".join((output[:start], clean_html(output[start:end]), output[end:]))


# A link written from the docs folder (``/themes/trade/index.md#x``, as the citation
# extension writes them), which MkDocs makes relative and Zensical leaves as it is.
_DOCS_LINK = re.compile(r'href="/((?:[^"#]*/)?)(?:index|([^"#/]+))\.md(#[^"]*)?"')
# A file the build writes beside the pages (a copy to read offline, the edition's citation file),
# linked from the docs folder in a page's HTML, which the engines would each read from a folder
# of their own.
_DOCS_FILE = re.compile(r'href="/([^"#/][^"#]*\.(?:zip|cff))"')


def relative_links(output: str, uri: str) -> str:
    """The page at ``uri`` with its links written from the docs folder made relative to it."""
    here = posixpath.dirname(uri) or "."

    def relative(m: re.Match) -> str:
        target = m.group(1) + (f"{m.group(2)}/" if m.group(2) else "")
        return f'href="{posixpath.relpath(target or ".", here)}/{m.group(3) or ""}"'.replace("/./", "/").replace(
            '"./', '"'
        )

    output = _DOCS_FILE.sub(lambda m: f'href="{posixpath.relpath(m[1], here)}"', output)
    return _DOCS_LINK.sub(relative, output)


def finish_page(output: str, indexed: bool, content: bool = True, uri: str = "", docs: Path | None = None) -> str:
    """One built page as readers get it: the HTML the generator set aside put back (from
    ``docs``: :mod:`build_tools.formats.spliced`), its content sanitised (if ``content``: a
    page made from a template alone, such as the 404 page, has none of an editor's), its
    links from the docs folder made relative (when ``uri`` is given), Material's markup
    fixed, and search wired to Pagefind."""
    if content:
        if docs is not None:
            try:
                output = splice(output, docs)
            except SpliceError as exc:
                raise PublishError(f"{uri or 'a page'}: {exc}") from exc
        output = with_address(sanitise_article(relative_links(output, uri) if uri else output))
    return compact_html(use_pagefind(fix_material_markup(output), indexed=indexed and content))


# What compact_html leaves as it is: an element whose white space shows (``pre``, ``textarea``,
# and ``code`` and ``kbd``, which Material sets in ``pre-wrap``) or is not text (``script``,
# ``style``, ``svg``), up to its first end tag; a comment; and a tag, quoted values and all. (The
# whole in a group, for ``split`` to give each piece kept, and its element's name, after the text.)
_KEPT_AS_IT_IS = re.compile(
    r"(<(pre|textarea|code|kbd|script|style|svg)\b(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>"
    r"(?:[^<]++|<(?!/\2\s*>))*+</\2\s*>"
    r"|<!--.*?-->"
    r"|<(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>)",
    re.S | re.I,
)
# HTML's white space (not a no-break space): what follows the first line break of a run, what
# precedes it (in the text reversed), and a run of two or more without one.
_AFTER_BREAK = re.compile(r"\n[ \t\n\r\f]+")
_BEFORE_BREAK = re.compile(r"\n[ \t\r\f]+")
_SPACES = re.compile(r"[ \t\r\f]{2,}")


def compact_html(output: str) -> str:
    """The page with each run of white space in its text made one line break, or one space
    if it held none: the same page to a reader (a browser shows such a run as one space),
    without the indentation of Material's templates (0.7–0.8 KiB less of a theme page, gzipped).

    (The text between the pieces kept is compacted all at once, joined by a character the page
    lacks, which is not white space, so that no run reaches across it: a call for each piece
    of text, or each run, cost 0.5 s of CPU an edition of 1,000 essays.)"""
    pieces = _KEPT_AS_IT_IS.split(output)
    joint = next(c for c in map(chr, range(0xE000, 0x110000)) if c not in output)
    texts = _compact_text(joint.join(pieces[0::3])).split(joint)
    return "".join(chain.from_iterable(zip(texts, [*pieces[1::3], ""])))


def _compact_text(text: str) -> str:
    """``text`` with each run of white space made one line break, or one space if it held none.
    What follows a run's first line break goes, then (the text read backwards) what precedes
    it; the runs left hold none. A pattern that starts with a line break is found fast, one
    that starts with a space is tried at every space between two words (five times slower)."""
    text = _BEFORE_BREAK.sub("\n", _AFTER_BREAK.sub("\n", text)[::-1])[::-1]
    if "\t" in text or "\r" in text or "\f" in text:
        return _SPACES.sub(" ", text)
    while "  " in text:  # (runs of spaces alone: halved at each turn)
        text = text.replace("  ", " ")
    return text


_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
_TITLE_END = re.compile(r"</h1>")


def with_address(output: str) -> str:
    """The page with, under its title, its address and the date of the sources built
    (``SOURCE_DATE_EPOCH``), shown in print only (root-causes.css): what a printed page
    needs to be found again. Nothing where the site's address is not known."""
    address, built = _CANONICAL.search(output), source_date()
    start = output.find(ARTICLE)
    end = _TITLE_END.search(output, start) if address and built and start >= 0 else None
    if end is None or address is None or built is None:
        return output
    language = page_language(output)
    day = EssayDate(built, "day").shown(language)
    words = gettext(language, "From {address}, as published on {date}.")
    line = html.escape(words.format(address=html.unescape(address[1]), date=day), quote=False)
    return f'{output[: end.end()]}\n<p class="page-address">{line}</p>{output[end.end() :]}'


def compact(text: str, kind: str) -> str:
    """Our own script (``js``) or style sheet (``css``) minified: without its comments and the
    spaces and line breaks that do nothing (rjsmin and rcssmin; names and strings are kept)."""
    return (rjsmin.jsmin(text) if kind == "js" else rcssmin.cssmin(text)) + "\n"


def compact_assets(site: Path, docs: Path) -> None:
    """The site's own scripts and style sheets (those of ``docs/assets/``) in the built
    ``site``, minified (:func:`compact`): every page loads them (5.8 KiB less, gzipped; 1.1
    KiB less than without their comments alone)."""
    for source in sorted((docs / "assets").rglob("*")):
        if source.suffix in (".js", ".css") and (built := site / source.relative_to(docs)).is_file():
            built.write_text(compact(built.read_text(encoding="utf-8"), source.suffix[1:]), encoding="utf-8")


def publish(site: Path, docs: Path) -> None:
    """Finish every page of the built ``site`` (see the module's docstring), then index it."""
    compact_assets(site, docs)
    excluded = unindexed(docs)
    search_json = site / "search.json"
    if search_json.exists():
        search_json.write_text(search_entries(search_json.read_text(encoding="utf-8"), excluded), encoding="utf-8")

    def finish(path: Path) -> None:
        uri = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        path.write_text(
            finish_page(html, uri not in excluded, content=uri != "404.html", uri=uri, docs=docs), encoding="utf-8"
        )

    parallel.each(
        finish,
        [
            path
            for path in sorted(site.rglob("*.html"))
            if not path.relative_to(site).as_posix().startswith(("pagefind/", "assets/"))
        ],
    )
    index_site(site)


def main(argv: list[str]) -> int:
    """``python -m build_tools.site.publish SITE DOCS``: :func:`publish` the built folder
    ``SITE`` of the edition whose pages are in ``DOCS``, in a process of its own (``make
    site`` publishes an edition while the next is still being built or published)."""
    site, docs = (Path(arg) for arg in argv)
    try:
        publish(site, docs)
    except (PublishError, SearchError) as exc:
        print(f"publishing failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
