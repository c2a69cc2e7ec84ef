"""What reaches a reader's browser: page HTML through an allow-list, page metadata escaped.

The generator already writes every seeds field as Markdown text (see
:mod:`markdown_text`), and ``make check`` refuses raw HTML and script addresses in
the seeds. This module is the second line, for every page including the
hand-written ones (whose Markdown may hold raw HTML and attribute lists):

* :func:`clean_html` passes a page's rendered content through `nh3` (the Ammonia
  sanitiser) with an allow-list of the elements and attributes the site uses. Event
  handlers, ``style`` (but ``text-align``), scripts, frames, forms, ``<base>``,
  ``<meta>`` and any address that is not http(s), mailto or relative are dropped.
* :func:`escape_meta` HTML-escapes a page's front-matter strings (title, description,
  …). MkDocs' templates do not escape, and Material writes them into ``<title>``,
  ``<meta content>`` and the navigation as they are.
"""

from __future__ import annotations

from html import unescape

import nh3
from markupsafe import Markup

_GLOBAL = {
    "id",
    "class",
    "title",
    "role",
    "lang",
    "hidden",
    "tabindex",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "aria-hidden",
}
_SVG = {"svg", "g", "path", "rect", "circle", "line", "text", "title"}
TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "button",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    *_SVG,
}
ATTRIBUTES = {
    "*": _GLOBAL,
    "a": {"href", "download", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed"},
    "li": {"value", "data-themes"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
    "details": {"open"},
    "p": {"data-cite", "data-page"},  # (what a claim's or a paragraph's "Cite" is made from: cite.js)
    "section": {"data-pagefind-ignore"},
    "h1": {"data-pagefind-meta"},
    "button": {"type", "aria-pressed", "data-theme"},
    "div": {"data-filter", "data-pagefind-ignore"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "svg": {"viewBox", "width", "height", "xmlns"},
    "path": {"d", "stroke-width"},
    "rect": {"x", "y", "width", "height", "rx"},
    "circle": {"cx", "cy", "r"},
    "line": {"x1", "y1", "x2", "y2"},
    "text": {"x", "y", "transform"},
}
URL_SCHEMES = {"http", "https", "mailto"}


# (built once: nh3.clean builds Ammonia's allow-list anew at each call, 35 µs a page)
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    filter_style_properties={"text-align"},
    strip_comments=True,
)


def clean_html(html: str) -> str:
    """``html`` with only the allowed elements, attributes and addresses left."""
    return _CLEANER.clean(html)


def escape_meta(meta: dict) -> dict:
    """Front matter with every string (and every string in a list) HTML-escaped, once:
    what the generator escaped already (see its ``meta`` filter) is not escaped twice."""

    def escaped(value):
        if isinstance(value, str):
            return Markup.escape(unescape(value))
        if isinstance(value, list):
            return [escaped(v) for v in value]
        return value

    return {key: escaped(value) for key, value in meta.items()}
