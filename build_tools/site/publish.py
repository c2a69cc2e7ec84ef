"""The publishing stage: what every built page gets after the engine, whichever engine.

MkDocs (or another engine reading ``mkdocs.yml``) turns the Markdown into HTML; then
:func:`publish` runs over the built folder. For each page it

* puts back the HTML the generator set aside for the engine not to read
  (:mod:`build_tools.formats.spliced`: an essay's paragraphs);
* sanitises the page's content (its ``<article>``) with the allow-list of
  :mod:`build_tools.site.sanitize` — hand-written pages may hold raw HTML, and this stage is
  what a reader's safety rests on, not the engine's plugins or hooks;
* makes Material's markup valid HTML (:func:`fix_material_markup`);
* points Material's search box at our Pagefind worker and marks the article for
  Pagefind to index (:func:`use_pagefind`), unless the page's front matter says
  ``search: {exclude: true}``;

and then indexes the site with Pagefind, in parts (:func:`index_site`). Our own scripts and
style sheets lose their comments (:func:`compact_assets`). Zensical's search
box shows entries of a list of the site's pages and sections that it loads with every
page (``search.json``, each with its whole text): :func:`search_entries` cuts it down to
plain titles and opening words, without the pages left out of search. ``python -m
build_tools site`` runs it on the staged site before swapping it in; while serving, the
MkDocs adapter (``build_tools/site/hooks.py``) applies :func:`finish_page` to each page it
rebuilds and indexes in the background.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from html import escape, unescape
from itertools import takewhile
from pathlib import Path

import yaml

from .. import parallel
from ..formats.markdown_text import shorten
from ..formats.spliced import SpliceError, splice
from ..languages import SOURCE, gettext
from .sanitize import clean_html


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


_LANGUAGE = re.compile(r'<html lang="([^"]*)"')


def page_language(output: str) -> str:
    """The language of a built page (its ``<html lang>``), in which its interface speaks."""
    return m[1] if (m := _LANGUAGE.search(output)) else SOURCE


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


# Search: Material's box and its messages, answered by docs/assets/javascripts/search-worker.js
# from Pagefind's index of each page's article.
# (MkDocs writes the theme's configuration with a space after each colon, Zensical without.)
_SEARCH_WORKER = re.compile(r'"search":\s*"([^"]*)assets/javascripts/workers/search\.\w+\.min\.js"')
_ARTICLE = '<article class="md-content__inner md-typeset">'
_INDEXED = _ARTICLE[:-1] + " data-pagefind-body>"
# Material words the number of results it is sent as "# matching documents" ("1 matching
# document"); the worker sends the best ten (it fetches their excerpts for each query),
# which may be fewer: "10 best matches", "1 best match".
_COUNT = re.compile(r'"search\.result\.other":\s*"[^"]*"')
_COUNT_ONE = re.compile(r'"search\.result\.one":\s*"[^"]*"')


def use_pagefind(output: str, indexed: bool = True) -> str:
    """The page with Material's search worker replaced by ours (and the count of results
    worded for it) and, if ``indexed``, its article marked for Pagefind to index."""
    language = page_language(output)
    output, workers = _SEARCH_WORKER.subn(r'"search": "\1assets/javascripts/search-worker.js"', output)
    other, one = gettext(language, "# best matches"), gettext(language, "1 best match")
    output, counts = _COUNT.subn(lambda _: f'"search.result.other": {json.dumps(other)}', output)
    output, ones = _COUNT_ONE.subn(lambda _: f'"search.result.one": {json.dumps(one)}', output)
    if workers != 1 or counts != 1 or ones != 1 or (indexed and _ARTICLE not in output):
        raise PublishError("Material's markup has changed: see use_pagefind in build_tools/site/publish.py")
    return output.replace(_ARTICLE, _INDEXED) if indexed else output


def sanitise_article(output: str) -> str:
    """The page with everything between the start of its ``<article>`` and the last
    ``</article>`` (the page's content, whatever it holds) passed through the allow-list."""
    start, end = output.find(_ARTICLE), output.rfind("</article>")
    if start < 0 or end < start:
        raise PublishError(
            "a page has no <article> for its content: see sanitise_article in build_tools/site/publish.py"
        )
    start += len(_ARTICLE)
    return output[:start] + clean_html(output[start:end]) + output[end:]


# A link written from the docs folder (``/themes/trade/index.md#x``, as the citation
# extension writes them), which MkDocs makes relative and Zensical leaves as it is.
_DOCS_LINK = re.compile(r'href="/((?:[^"#]*/)?)(?:index|([^"#/]+))\.md(#[^"]*)?"')


def relative_links(output: str, uri: str) -> str:
    """The page at ``uri`` with its links written from the docs folder made relative to it."""
    here = posixpath.dirname(uri) or "."

    def relative(m: re.Match) -> str:
        target = m.group(1) + (f"{m.group(2)}/" if m.group(2) else "")
        return f'href="{posixpath.relpath(target or ".", here)}/{m.group(3) or ""}"'.replace("/./", "/").replace(
            '"./', '"'
        )

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
        output = sanitise_article(relative_links(output, uri) if uri else output)
    return use_pagefind(fix_material_markup(output), indexed=indexed and content)


def unindexed(docs: Path) -> set[str]:
    """The built pages (``drafts/index.html``) whose source's front matter
    says ``search: {exclude: true}``, Material's convention, which Pagefind follows too."""
    found = set()
    for path in docs.rglob("*.md"):
        with path.open(encoding="utf-8") as page:  # (its front matter only, not the whole page)
            if page.readline().strip() != "---":
                continue
            front = "".join(takewhile(lambda line: line.strip() not in ("---", "..."), page))
        meta = yaml.safe_load(front) if "exclude" in front else None
        if ((meta or {}).get("search") or {}).get("exclude"):
            rel = path.relative_to(docs).with_suffix("")
            found.add((rel.parent if rel.name == "index" else rel).joinpath("index.html").as_posix())
    return found


_TAG = re.compile(r"<[^>]*>")


def _plain(html: str, width: int | None = None) -> str:
    """``html`` as text with no markup (``&``, ``<`` and ``>`` escaped), on one line, cut to
    ``width`` characters at a word if given."""
    text = " ".join(unescape(_TAG.sub(" ", html)).split())
    return escape(shorten(text, width) if width else text, quote=False)


def search_entries(search_json: str, excluded: set[str]) -> str:
    """Zensical's list of entries for its search box (``search.json``) with the entries of
    the pages in ``excluded`` left out, each one's title and path made plain text, and only
    a page's opening words kept of its text (none of a section's): Pagefind finds the
    pages, and the worker names them by their number in this list, which every page loads."""
    data = json.loads(search_json)
    data["items"] = [
        {
            **entry,
            "title": _plain(entry["title"]),
            "path": [_plain(p) for p in entry.get("path", [])],
            "text": _plain(entry.get("text", ""), 160) if "#" not in entry["location"] else "",
            "tags": [],
        }
        for entry in data["items"]
        if (entry["location"].split("#")[0] + "index.html") not in excluded
    ]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_BLANK_LINES = re.compile(r"\n\s*\n")


def compact(text: str, kind: str) -> str:
    """Our own script (``js``) or style sheet (``css``) without its comments and blank lines
    (and a style sheet without its lines' indentation): what a reader's browser needs of it.
    In a script only whole lines of comment go (a ``//`` after code may be in a string)."""
    if kind == "css":
        text = re.sub(r"(?m)^[ \t]+", "", _CSS_COMMENT.sub("", text))
    else:
        text = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("//"))
    return _BLANK_LINES.sub("\n", text).strip("\n") + "\n"


def compact_assets(site: Path, docs: Path) -> None:
    """The site's own scripts and style sheets (those of ``docs/assets/``) in the built
    ``site``, compacted (:func:`compact`): every page loads them (about 3 KiB less, gzipped)."""
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


# Pagefind's memory grows with the bytes of article it indexes (README, "Search", gives
# the measure). The site is indexed in parts of at most this many
# bytes of article, each a Pagefind index of its own (pagefind/0/, pagefind/1/, …, listed
# in pagefind/parts.json) that the search worker merges, so that indexing needs no more
# memory at a thousand essays than at a hundred. SEARCH_PART_BYTES sets it (the tests
# set it low to index even a small site in parts).
def part_bytes() -> int:
    return int(os.environ.get("SEARCH_PART_BYTES", 7_000_000))


def _pages(site: Path) -> dict[str, int]:
    """The pages of the built site to index (those marked for Pagefind), by address in
    the site, and the size of each one's article in bytes."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        uri = path.relative_to(site).as_posix()
        html = path.read_bytes()
        start = html.find(_INDEXED.encode())
        if uri.startswith("pagefind/") or start < 0:
            continue
        if re.search(r"[{},*?\[\]\\!]", uri):  # (Pagefind is given the pages as a glob)
            raise PublishError(f"{uri}: a page's address must not hold any of {{}},*?[]\\! to be indexed")
        pages[uri] = html.find(b"</article>", start) - start
    return pages


def parts(pages: dict[str, int], limit: int | None = None) -> list[list[str]]:
    """``pages`` (address: size) in consecutive groups of at most ``limit`` bytes (by
    default :func:`part_bytes`; a page larger than that alone)."""
    limit = limit or part_bytes()
    groups: list[list[str]] = [[]]
    size = 0
    for uri, page_size in pages.items():
        if groups[-1] and size + page_size > limit:
            groups.append([])
            size = 0
        groups[-1].append(uri)
        size += page_size
    return groups


indexing = threading.Lock()  # (held while an index is written)
stopping = threading.Event()  # (set: write no further part)


def index_site(site: Path, niceness: int = 0) -> None:
    """Index the built site with Pagefind, in parts (at a lower priority if ``niceness``:
    while serving, the next rebuild comes first). Pagefind indexes the pages marked for it."""
    with indexing:
        out = site / "pagefind"
        shutil.rmtree(out, ignore_errors=True)
        groups = parts(_pages(site))
        for k, group in enumerate(groups):
            if stopping.is_set():
                return
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pagefind",
                    "--site",
                    str(site),
                    "--output-subdir",
                    f"pagefind/{k}",
                    "--glob",
                    "{" + ",".join(group) + "}",
                    "--silent",
                    "--exclude-selectors",
                    ".headerlink, .para-link",
                ],
                capture_output=True,
                text=True,
                preexec_fn=(lambda: os.nice(niceness)) if niceness else None,
            )
            if done.returncode:
                raise PublishError(f"pagefind could not index the site:\n{done.stderr or done.stdout}")
        (out / "parts.json").write_text(json.dumps([f"{k}/" for k in range(len(groups))]), encoding="utf-8")


def main(argv: list[str]) -> int:
    """``python -m build_tools.site.publish SITE DOCS``: :func:`publish` the built folder
    ``SITE`` of the edition whose pages are in ``DOCS``, in a process of its own (``make
    site`` publishes an edition while the next is still being built or published)."""
    site, docs = (Path(arg) for arg in argv)
    try:
        publish(site, docs)
    except PublishError as exc:
        print(f"publishing failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
