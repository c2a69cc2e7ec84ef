"""``mkdocs build`` with its two loops over the pages run on every core.

MkDocs builds a site in one process: it reads and renders every page's Markdown, then
writes every page through the theme's templates — two loops over pages that do not
depend on each other, which are most of the engine's time. This runs MkDocs' own
command with those two functions (``_populate_page``, ``_build_page`` of MkDocs 1.6,
pinned below 2.0 and no longer developed, replaced through :mod:`.mkdocs_private`) each
run over all the pages at their first call, in worker processes (:mod:`build_tools.parallel`):

* a worker renders its pages and sends back what MkDocs keeps of each (its Markdown,
  metadata, HTML, table of contents, title and anchors), which this process sets on its
  own pages, so that the navigation, the anchor checks and the hooks see the same pages;
* a worker writes its pages' HTML itself.

Warnings logged in a worker are counted here too, so ``--strict`` fails as it would.
The files the generator wrote beside the pages (an essay's downloads: a few a page) are
linked into the site rather than copied (:func:`copy_file`).
The site written is byte for byte the one ``mkdocs build`` writes (a test compares
them). Run as ``python -m build_tools.site.mkdocs_build build [mkdocs options]``.
"""

from __future__ import annotations

import gc
import logging
import os

from mkdocs import __main__ as mkdocs_cli
from mkdocs import utils
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from .. import parallel
from ..folders import edition_folders, generated
from . import mkdocs_private

_rendered: set[str] = set()  # (the pages the first call rendered, or wrote: it did them all)
_written: set[str] = set()
_folders: set[str] = set()  # (the site's folders made so far by copy_file)


def _counter() -> utils.CountHandler | None:
    """The handler that counts warnings for ``--strict`` (MkDocs adds it in strict builds)."""
    return next((h for h in logging.getLogger("mkdocs").handlers if isinstance(h, utils.CountHandler)), None)


def _counts() -> dict[int, int]:
    """The warnings (and errors) counted so far, by level."""
    counter = _counter()
    return dict(counter.counts) if counter else {}


def _add_counts(counts: dict[int, int]) -> None:
    counter = _counter()
    if counter is None:
        return
    for level, n in counts.items():
        counter.counts[level] += n


def _logged(fn):
    """``fn(page)``, and the warnings it logged (counted in a worker, added here)."""

    def run(page):
        before = _counts()
        result = fn(page)
        return result, {level: n - before.get(level, 0) for level, n in _counts().items()}

    return run


def populate_page(page: Page, config, files, dirty: bool = False) -> None:
    if page.file.src_uri in _rendered:
        return
    for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)  # (as the build's loop would, before rendering it)
    pages = [file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included)]

    def render(one: Page) -> dict:
        mkdocs_private.populate_page(one, config, files, dirty)
        state = {name: getattr(one, name) for name in mkdocs_private.RENDERED}
        state["links_to_anchors"] = {target.src_uri: links for target, links in (one.links_to_anchors or {}).items()}
        return state

    in_workers = parallel.worth_it(pages)
    for one, (state, counts) in zip(pages, parallel.each(_logged(render), pages)):
        links = state.pop("links_to_anchors")
        for name, value in state.items():
            setattr(one, name, value)
        one.links_to_anchors = {files.get_file_from_path(uri): found for uri, found in links.items()}
        if in_workers:
            _add_counts(counts)
        _rendered.add(one.file.src_uri)


def build_page(page: Page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
    if page.file.src_uri in _written:
        return
    pages = [file.page for file in doc_files]

    def write(one: Page) -> None:
        mkdocs_private.build_page(one, config, doc_files, nav, env, dirty, excluded=one.file.inclusion.is_excluded())

    in_workers = parallel.worth_it(pages)
    for one, (_, counts) in zip(pages, parallel.each(_logged(write), pages)):
        if in_workers:
            _add_counts(counts)
        _written.add(one.file.src_uri)


def copy_file(file: File, dirty: bool = False) -> None:
    """``File.copy_file``, linking a file of the generated folders into the site where the disk
    allows: the generator only ever replaces such a file (renames a new one onto it), never
    writes into it, so the site keeps what was built; any other file is copied."""
    if generated(file.src_uri, edition_folders("")) and file.abs_src_path and not (dirty and not file.is_modified()):
        target = file.abs_dest_path
        folder = os.path.dirname(target)
        if folder not in _folders:
            os.makedirs(folder, exist_ok=True)
            _folders.add(folder)
        try:
            try:
                os.link(file.abs_src_path, target)
            except FileExistsError:  # (an earlier build's: replaced)
                os.unlink(target)
                os.link(file.abs_src_path, target)
            return
        except OSError:  # (another disk, or links not allowed: copied)
            pass
    mkdocs_private.copy_file(file, dirty)


def _unchanging(get_env):
    """``Theme.get_env`` with templates that are not checked for a change on each use: a
    build reads them as they are when it starts (a page includes dozens of them)."""

    def get(theme):
        env = get_env(theme)
        env.auto_reload = False
        return env

    return get


if __name__ == "__main__":
    # (Python's collector of cycles, run every 700 new objects by default, took 0.5 s of the
    # 6.5 s CPU of a build of 1,000 essays, 0.3 s so: most of what a page makes is freed
    # by its reference count as soon as the page is done)
    gc.set_threshold(10_000, 10, 10)
    mkdocs_private.replace_page_loops(populate_page, build_page, copy_file)
    mkdocs_private.wrap_get_env(_unchanging)
    mkdocs_cli.cli(prog_name="mkdocs")
