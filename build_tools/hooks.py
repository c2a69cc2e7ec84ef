"""MkDocs hooks (named in mkdocs.yml): every page's metadata escaped and content
sanitised (:mod:`build_tools.sanitize`), long sections of the navigation trimmed to
the page's own entry, Material's page markup made valid HTML, and the site indexed
for search by Pagefind, behind Material's search box.

MkDocs loads this file by its path, so it imports the package absolutely.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

from build_tools.sanitize import clean_html, escape_meta


def on_page_markdown(markdown, page, config, files):
    page.meta = escape_meta(page.meta)
    # Pagefind indexes the site, not Material's plugin. A page whose front matter says
    # so in Material's way (`search: {exclude: true}`) is left out of Pagefind's index too.
    page.meta["indexed"] = not (page.meta.get("search") or {}).get("exclude", False)
    page.meta["search"] = {"exclude": True}
    return markdown


def on_page_content(html, page, config, files):
    return clean_html(html)


# A section with more entries than this (the essays, at hundreds) lists in the sidebar
# only its index page and the entry of the page being shown; its index page lists them
# all. Material would otherwise write every essay's link into every essay's page.
LONG_SECTION = 12


def trim(items: list, page) -> list:
    """``items`` of the navigation as ``page`` shows them: long sections trimmed, and each
    section named as its index page's front matter says (``nav_title``: an essay's
    folder would otherwise be named by its slug, "Broad 2014")."""
    trimmed = []
    for item in items:
        if item.is_section:
            children = item.children
            if len(children) > LONG_SECTION:
                children = [c for c in children if c.active or c is page or (c.is_page and c.is_index)]
            item = copy.copy(item)
            item.children = trim(children, page)
            index = next((c for c in children if c.is_page and c.is_index), None)
            item.title = (index.meta.get("nav_title") if index else None) or item.title
        trimmed.append(item)
    return trimmed


def on_page_context(context, page, config, nav):
    context["nav"] = copy.copy(nav)
    context["nav"].items = trim(nav.items, page)
    return context


# Material 9.8 markup that the Nu Html Checker rejects or axe-core reports, and the fix.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off"')
_LABEL_FOR = re.compile(r'(<label [^>]*?) for="([^"]*)"')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# A section's navigation is labelled by its icon-only toggle; its visible title follows.
_NAV_LABEL = re.compile(r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby=")([^"]+)("[^>]*>\s*'
                        r'<label class="md-nav__title")')


def fix_material_markup(output: str) -> str:
    """Material's page with: no ``autocomplete`` on checkboxes (valid only on text
    inputs), no empty ``tabindex``, no ``label for`` an element the page lacks, a
    name for the search dialog, and each section's navigation named by its title."""
    output = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)
    output = output.replace(' tabindex=""', "")
    output = _NAV_LABEL.sub(r'\1\2-title\3 id="\2-title"', output)
    ids = set(re.findall(r' id="([^"]+)"', output))
    output = _LABEL_FOR.sub(lambda m: m.group(0) if m.group(2) in ids else m.group(1), output)
    return output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search">')


# Search: Material's box and its messages, answered by docs/assets/javascripts/search-worker.js
# from Pagefind's index of each page's article.
_SEARCH_WORKER = re.compile(r'"search": "([^"]*)assets/javascripts/workers/search\.\w+\.min\.js"')
_ARTICLE = '<article class="md-content__inner md-typeset">'
_INDEXED = _ARTICLE[:-1] + " data-pagefind-body>"
# Material words the number of results it is sent as "# matching documents"; the worker
# sends the best ten (it fetches their excerpts for each query), which may be fewer.
_COUNT = '"search.result.other": "# matching documents"'


def use_pagefind(output: str, indexed: bool = True) -> str:
    """The page with Material's search worker replaced by ours (and the count of results
    worded for it) and, if ``indexed``, its article marked for Pagefind to index."""
    output, workers = _SEARCH_WORKER.subn(r'"search": "\1assets/javascripts/search-worker.js"', output)
    if workers != 1 or _COUNT not in output or (indexed and _ARTICLE not in output):
        raise PluginError("Material's markup has changed: see use_pagefind in build_tools/hooks.py")
    output = output.replace(_COUNT, '"search.result.other": "The # best matches"')
    return output.replace(_ARTICLE, _INDEXED) if indexed else output


def on_post_template(output_content, template_name, config):
    """The same for the pages made from a template alone (the 404 page), left out of the index."""
    if not template_name.endswith(".html"):
        return output_content
    return use_pagefind(fix_material_markup(output_content), indexed=False)


_serving = False
_indexing = threading.Lock()
_stopping = threading.Event()


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_shutdown():
    """Stop indexing (while serving, in the background) before MkDocs removes the site:
    let the part being indexed finish, and index no other."""
    _stopping.set()
    with _indexing:
        pass


def on_post_page(output, page, config):
    return use_pagefind(fix_material_markup(output), indexed=page.meta["indexed"])


def on_post_build(config):
    """Write the search index (pagefind/) of the built site. While serving, in the
    background: the rebuilt pages show at once, the index follows a few seconds later."""
    if _serving:
        threading.Thread(target=index_site, args=(config.site_dir, 10), daemon=True).start()
    else:
        index_site(config.site_dir)


# Pagefind holds in memory about 35 bytes for each byte of the articles it indexes (0.9
# MiB for an essay of 2,300 words). The site is indexed in parts of at most this many
# bytes of article, each a Pagefind index of its own (pagefind/0/, pagefind/1/, …, listed
# in pagefind/parts.json) that the search worker merges, so that indexing needs no more
# memory at a thousand essays than at a hundred. SEARCH_PART_BYTES sets it (the tests
# set it low to index even a small site in parts).
PART_BYTES = int(os.environ.get("SEARCH_PART_BYTES", 7_000_000))


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
            raise PluginError(f"{uri}: a page's address must not hold any of {{}},*?[]\\! to be indexed")
        pages[uri] = html.find(b"</article>", start) - start
    return pages


def parts(pages: dict[str, int], limit: int = PART_BYTES) -> list[list[str]]:
    """``pages`` (address: size) in consecutive groups of at most ``limit`` bytes (a page
    larger than that alone)."""
    groups: list[list[str]] = [[]]
    size = 0
    for uri, page_size in pages.items():
        if groups[-1] and size + page_size > limit:
            groups.append([])
            size = 0
        groups[-1].append(uri)
        size += page_size
    return groups


def index_site(site_dir: str, niceness: int = 0) -> None:
    """Index the built site with Pagefind, in parts (at a lower priority if ``niceness``:
    while serving, the next rebuild comes first). Pagefind indexes the pages marked for it."""
    with _indexing:
        out = Path(site_dir) / "pagefind"
        shutil.rmtree(out, ignore_errors=True)
        groups = parts(_pages(Path(site_dir)))
        for k, group in enumerate(groups):
            if _stopping.is_set():
                return
            done = subprocess.run(
                [sys.executable, "-m", "pagefind", "--site", site_dir, "--output-subdir", f"pagefind/{k}",
                 "--glob", "{" + ",".join(group) + "}", "--silent",
                 "--exclude-selectors", ".headerlink, .para-link"], capture_output=True, text=True,
                preexec_fn=(lambda: os.nice(niceness)) if niceness else None)
            if done.returncode:
                raise PluginError(f"pagefind could not index the site:\n{done.stderr or done.stdout}")
        (out / "parts.json").write_text(json.dumps([f"{k}/" for k in range(len(groups))]), encoding="utf-8")
