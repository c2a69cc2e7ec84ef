"""MkDocs hooks (named in mkdocs.yml): the MkDocs adapter of the build. Nothing a reader's
safety or the search depends on lives only here: the publishing stage
(:mod:`build_tools.site.publish`) finishes every page after any engine.

What is MkDocs-specific, and its equivalent on another engine that reads mkdocs.yml:

* front matter HTML-escaped, since MkDocs' templates write it as it is (validation at
  load already refuses markup in it; Zensical's templates escape);
* long sections of the navigation trimmed to the page's own entry, each section named
  by its index page's ``nav_title``, and entries placed by their ``nav_order`` (themes
  first among the tabs, the themes in their order) (Zensical: ``navigation.prune``, and
  a section keeps its folder's name and its place by file name);
* while serving (``make serve``), each rebuilt page finished as the publishing stage
  finishes it, and the site indexed in the background.

MkDocs loads this file by its path, so it imports the package absolutely.
"""

from __future__ import annotations

import copy
import logging
import threading
from pathlib import Path

from build_tools.model import LONG_LIST
from build_tools.site import mkdocs_private, publish, search
from build_tools.site.sanitize import escape_meta

log = logging.getLogger("mkdocs.root_causes")


def on_page_markdown(markdown, page, config, files):
    page.meta = escape_meta(page.meta)
    # Pagefind indexes the site (see build_tools/site/search.py), not Material's plugin. A page
    # whose front matter says so in Material's way (`search: {exclude: true}`) is left out.
    page.meta["indexed"] = not (page.meta.get("search") or {}).get("exclude", False)
    page.meta["search"] = {"exclude": True}
    return markdown


def trim(items: list, page) -> list:
    """``items`` of the navigation as ``page`` shows them: long sections trimmed, each
    section named as its index page's front matter says (``nav_title``: an essay's
    folder would otherwise be named by its slug, "Broad 2014"), and a section that holds
    its index page alone shown as that page (Material would give it an arrow that opens
    nothing), unless it is the page shown."""
    trimmed = []
    for item in items:
        if item.is_section:
            children = item.children
            if len(children) > LONG_LIST:  # (its index page lists them all; see model.LONG_LIST)
                children = _shown(item, page)
            index = next((c for c in children if c.is_page and c.is_index), None)
            title = (index.meta.get("nav_title") if index else None) or item.title
            if children == [index] and index is not page:
                item = copy.copy(index)
            else:
                item = copy.copy(item)
                item.children = trim(children, page)
            item.title = title
        trimmed.append(item)
    return trimmed


# A long section's index pages and each child's place in it, by the section (this build's:
# worked out once, not on every page, which would take as long as the section is).
_long: dict[int, tuple[list, dict[int, int]]] = {}


def _shown(section, page) -> list:
    """What a long ``section`` shows on ``page``: its index pages, and its entry on the way
    to the page (the page, or the section that holds it), in their order."""
    if id(section) not in _long:
        children = section.children
        _long[id(section)] = (
            [c for c in children if c.is_page and c.is_index],
            {id(c): i for i, c in enumerate(children)},
        )
    indexes, place = _long[id(section)]
    way = [page, *page.ancestors] if page is not None else []
    shown = {id(c): c for c in [*indexes, *(a for a in way if a.parent is section)]}
    return sorted(shown.values(), key=lambda c: place[id(c)])


def _place(item) -> tuple:
    """Where a navigation item stands among its siblings: the home page first, then those
    whose page (a section's index page) gives a ``nav_order`` (the themes, in the order
    of seeds/themes.yml, and the generated sections: themes, essays, reference), in that
    order, then the others as MkDocs orders them (by file name)."""
    page = item if item.is_page else next((c for c in item.children or () if c.is_page and c.is_index), None)
    if page is not None and page.is_homepage:
        return (0, 0)
    order = page.meta.get("nav_order") if page is not None else None
    return (1, order) if isinstance(order, int) else (2, 0)


def order(items: list) -> list:
    """``items`` (and, within them, each section's children) in their places (:func:`_place`)."""
    for item in items:
        if item.is_section:
            item.children = order(item.children)
    return sorted(items, key=_place)


_nav = None  # (this build's navigation, put in order once every page's front matter is read)


def on_nav(nav, config, files):
    global _nav
    _nav = nav
    _long.clear()
    return nav


def on_env(env, config, files):
    """Every page is read: put the navigation in order, and each page's previous and next
    pages with it (the footer then follows the sidebar)."""
    if _nav is not None:
        _nav.items = order(_nav.items)
        mkdocs_private.order_pages(_nav)
    return env


def on_page_context(context, page, config, nav):
    context["nav"] = copy.copy(nav)
    context["nav"].items = trim(nav.items, page)
    return context


def on_template_context(context, template_name, config):
    """The pages made from a template alone (the 404 page) show the same navigation."""
    if context.get("nav") is not None:
        return on_page_context(context, None, config, context["nav"])
    return context


# While serving, MkDocs rebuilds only the pages an edit changed (--dirty): each is finished
# here as it is written. A static build (python -m build_tools site) is finished by the
# publishing stage, over the whole built folder.
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_shutdown():
    """Stop indexing (while serving, in the background) before MkDocs removes the site:
    let the part being indexed finish, and index no other."""
    search.stopping.set()
    with search.indexing:
        pass


def on_post_page(output, page, config):
    if not _serving:
        return output
    return publish.finish_page(output, page.meta["indexed"], uri=page.file.dest_uri, docs=Path(config.docs_dir))


def on_post_template(output_content, template_name, config):
    """The pages made from a template alone (the 404 page): no content of an editor's."""
    if _serving and template_name.endswith(".html"):
        return publish.finish_page(output_content, indexed=False, content=False)
    return output_content


def on_post_build(config):
    """While serving, write the search index in the background: the rebuilt pages show at
    once, the index follows a few seconds later (and the server's log says when)."""
    if _serving:
        threading.Thread(target=_index_in_background, args=(Path(config.site_dir),), daemon=True).start()


def _index_in_background(site: Path) -> None:
    search.index_site(site, niceness=10)  # (at a lower priority: the next rebuild comes first)
    if not search.stopping.is_set():
        log.info("Search index updated")
