"""What a claim's or a paragraph's "Cite" is made from (docs/assets/javascripts/cite.js).

A theme's page has up to hundreds of claims, and an essay's page as many paragraphs: each
part's citation is its page's reference (:func:`.bibliography.formatted`, in the page's
style and language) with the part's title and address put in by the script, so that the
page carries the reference once. A claim is cited as a page of the site titled "Trade:
Farm imports displaced small farmers"; a paragraph as the essay, then where the paragraph
is on this site.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import NamedTuple

from ..languages import gettext
from ..model import EssayDate, Site
from .bibliography import Work, formatted

_MARKUP = re.compile(r"<(?!/?em>)[^>]*>")  # (any tag but <em>: links, a title's language)
_ITALICS = re.compile(r"(</?em>)")
_TITLE = "\x00"  # (where a claim's title goes, before the reference ends its sentence)


class PartCitation(NamedTuple):
    """``template``: the page's reference as text, with ``<em>`` and ``</em>`` around its
    italics, ``{title}`` where a part's title goes (a claim's title, followed by the full stop
    the language puts in or after its closing quotation mark, which the script leaves out
    where the title ends in punctuation of its own; a paragraph's opening words) and ``{address}`` where
    its address goes. ``page``: the page's address, "" where the site's is not known (the
    script then takes the address the page is read at)."""

    template: str
    page: str


def part_citation(work: Work, site: Site, path: str) -> PartCitation:
    """What the parts of the page at ``path`` (under the site's root) that ``work`` cites
    are cited by: a page of the site's claims, or an essay's paragraphs."""
    language = site.language
    if work.of_site:
        titled = replace(work, title=f"{work.title}: {_TITLE}", url=None)
        reference = str(formatted(titled, language)).replace(_TITLE, "{title}")
    else:
        date = EssayDate(site.date, "day").shown(language) if site.date else gettext(language, "n.d.")
        where = gettext(language, "Paragraph “{opening}”, in {site}, {date}.")
        name = f"<em>{html.escape(site.name, quote=False)}</em>"
        cited = where.format(opening="{title}", site=name, date=date)
        cited = cited[:-1] if cited.endswith("..") else cited  # ("n.d." ends the sentence itself)
        reference = f"{formatted(work, language)} {cited}"
    parts = _ITALICS.split(_MARKUP.sub("", reference) + " {address}")
    template = "".join(p if p in ("<em>", "</em>") else html.unescape(p) for p in parts)
    return PartCitation(template, site.url + path if site.url else "")
