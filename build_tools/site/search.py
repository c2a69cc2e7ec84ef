"""Search, whichever engine built the site: Pagefind's index of every page's article, which
docs/assets/javascripts/search-worker.js answers the theme's search box from.

The publishing stage (:mod:`build_tools.site.publish`) points each page's search box at
that worker and marks its article for Pagefind (:func:`use_pagefind`), unless its front
matter says ``search: {exclude: true}`` (:func:`unindexed`); cuts Zensical's list of
search entries down (:func:`search_entries`); and indexes the site in parts
(:func:`index_site`), which the MkDocs hooks also do in the background while serving.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import threading
from html import escape, unescape
from itertools import takewhile
from pathlib import Path

import pagefind_bin
import yaml

from ..formats.markdown_text import shorten
from ..languages import SOURCE, gettext


class SearchError(Exception):
    """The built site is not what search knows how to index (a bug or a changed theme)."""


# Material's element that holds a page's content, and the same marked for Pagefind to index.
ARTICLE = '<article class="md-content__inner md-typeset">'
INDEXED = ARTICLE[:-1] + " data-pagefind-body>"

_LANGUAGE = re.compile(r'<html lang="([^"]*)"')


def page_language(output: str) -> str:
    """The language of a built page (its ``<html lang>``), in which its interface speaks."""
    return m[1] if (m := _LANGUAGE.search(output)) else SOURCE


# Search: Material's box and its messages, answered by docs/assets/javascripts/search-worker.js
# from Pagefind's index of each page's article.
# (MkDocs writes the theme's configuration with a space after each colon, Zensical without.)
_SEARCH_WORKER = re.compile(r'"search":\s*"([^"]*)assets/javascripts/workers/search\.\w+\.min\.js"')
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
    if workers != 1 or counts != 1 or ones != 1 or (indexed and ARTICLE not in output):
        raise SearchError("Material's markup has changed: see use_pagefind in build_tools/site/search.py")
    return output.replace(ARTICLE, INDEXED) if indexed else output


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
        start = html.find(INDEXED.encode())
        if uri.startswith("pagefind/") or start < 0:
            continue
        if re.search(r"[{},*?\[\]\\!]", uri):  # (Pagefind is given the pages as a glob)
            raise SearchError(f"{uri}: a page's address must not hold any of {{}},*?[]\\! to be indexed")
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


@functools.cache
def _pagefind() -> str:
    """Pagefind's program, run as itself: ``python -m pagefind`` would start Python only to
    find it (0.05 s of CPU a part, ten parts a site at N = 1,000)."""
    return str(pagefind_bin.get_executable())


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
                    _pagefind(),
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
                raise SearchError(f"pagefind could not index the site:\n{done.stderr or done.stdout}")
        (out / "parts.json").write_text(json.dumps([f"{k}/" for k in range(len(groups))]), encoding="utf-8")
