"""Every use of MkDocs' private API, in one place: the functions of MkDocs this project
calls or replaces although MkDocs does not offer them, named for what they do here.

MkDocs is pinned (pyproject.toml) and no longer developed, so what is private in it does
not move; but a MkDocs of another version may differ in any of it, with no warning. This
module was written for, and checked against, MkDocs :data:`WRITTEN_FOR`; on any other
version, importing it stops the program with one sentence that says what to do
(:func:`check`), before anything is built or served. Whoever moves the pin reads the
functions below against the new MkDocs (each names what of MkDocs it touches), then
changes :data:`WRITTEN_FOR`.

Used by :mod:`.mkdocs_build` (the parallel build), :mod:`.serve` (``make serve``) and
:mod:`.hooks` (the navigation's order). MkDocs loads the hooks by their path, so this
module imports the package absolutely.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2
import mkdocs
from mkdocs import livereload
from mkdocs.commands import build as _build
from mkdocs.commands import serve as _serve
from mkdocs.structure import nav as _nav
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

# The MkDocs this module was written for and checked against.
WRITTEN_FOR = "1.6.1"


def check(installed: str | None = None) -> None:
    """Stop, with one sentence that says what to do, if the MkDocs installed (or ``installed``)
    is not the one this module was written for."""
    installed = installed or mkdocs.__version__
    if installed != WRITTEN_FOR:
        raise SystemExit(
            f"error: MkDocs {installed} is installed, but build_tools/site/mkdocs_private.py "
            f"was written for MkDocs {WRITTEN_FOR}: install the pinned dependencies "
            f"(pip install --require-hashes -r build_tools/requirements.lock), "
            f"or check that module against MkDocs {installed} and change its WRITTEN_FOR."
        )


check()


# The build: mkdocs.commands.build's two functions that run once a page (reading and
# rendering a page; writing it through the theme's templates), and File.copy_file.
populate_page = _build._populate_page
build_page = _build._build_page
copy_file = File.copy_file


# What MkDocs' rendering of a page (populate_page) sets on it, which the rest of its build
# reads: a worker that rendered a page sends these back (the title among them, private).
RENDERED = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")


def replace_page_loops(populate: Callable, build: Callable, copy: Callable) -> None:
    """Have MkDocs' build call ``populate``, ``build`` and ``copy`` (with the arguments of
    :data:`populate_page`, :data:`build_page` and :data:`copy_file`) in their stead."""
    _build._populate_page, _build._build_page = populate, build
    File.copy_file = copy  # type: ignore[method-assign]


# The navigation: mkdocs.structure.nav's helpers that list its pages and link each to the
# previous and next (which MkDocs calls once, before the hooks may reorder it).


def order_pages(nav) -> None:
    """Set ``nav``'s list of pages, and each page's previous and next, from its items as they are."""
    nav.pages = _nav._get_by_type(nav.items, Page)
    _nav._add_previous_and_next_links(nav.pages)


# The development server: mkdocs.commands.serve makes its server by the name
# LiveReloadServer; build.get_navigation makes each build's navigation; Theme.get_env each
# build's template environment; and the server's locks and flags (mkdocs.livereload).


def serve_with(make_server: Callable[..., livereload.LiveReloadServer]) -> None:
    """Have ``mkdocs serve`` make its server by calling ``make_server`` (with its arguments)."""
    _serve.LiveReloadServer = make_server  # type: ignore[misc,assignment]


def wrap_get_navigation(wrap: Callable[[Callable], Callable]) -> None:
    """Have each build make its navigation by ``wrap(get_navigation)``."""
    _build.get_navigation = wrap(_build.get_navigation)


def wrap_get_env(wrap: Callable[[Callable[[Theme], jinja2.Environment]], Callable]) -> None:
    """Have each build get a theme's template environment by ``wrap(Theme.get_env)``."""
    Theme.get_env = wrap(Theme.get_env)  # type: ignore[method-assign]


class LiveReloadServer(livereload.LiveReloadServer):
    """MkDocs' development server, with what a server of this project does to its insides
    named: watched by ``observer``, and told to reload the browsers, or to rebuild."""

    def __init__(self, builder: Callable[[], None], *args, observer, **kwargs) -> None:
        super().__init__(builder, *args, **kwargs)
        self.observer = observer

    def reload_browsers(self) -> None:
        """Reload the browsers now, as after a build of the server's own."""
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch = livereload._timestamp()
            self._epoch_cond.notify_all()

    def want_rebuild(self) -> None:
        """Ask for MkDocs' own rebuild (in its server's loop), as a change it watches does."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()
