"""A citation in a hand-written page as markup: what the citation extension
(:mod:`build_tools.site.markdown_ext`) puts in the page for ``[[claim:…]]`` and
``[[essay#p-…]]``, from the data the generator wrote (:mod:`build_tools.formats.page_citations`):
the cited quote attributed, with its "Read in context" link, or an unknown citation marked
(and logged).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from ..formats.markdown_text import CORRECTION_TITLE, inline_runs
from ..formats.page_citations import CITATION
from ..languages import gettext
from ..model import RELATION_LABELS, Paragraph

log = logging.getLogger("mkdocs.root_causes")


def add_text(parent: etree.Element, text: str) -> None:
    """``text`` at the end of ``parent``'s content, as words that no Markdown reads again."""
    if len(parent):
        parent[-1].tail = AtomicString((parent[-1].tail or "") + text)
    else:
        parent.text = AtomicString((parent.text or "") + text)


def _add_paragraph_text(parent: etree.Element, p: Paragraph, language: str) -> None:
    """``p``'s text into ``parent``: emphasis as <em>, corrections marked (their titles in ``language``)."""
    stack = [parent]
    for event, value in inline_runs(p):
        if event == "text":
            add_text(stack[-1], value)
        elif event == "close":
            stack.pop()
        elif value[2] == "em":
            stack.append(etree.SubElement(stack[-1], "em"))
        else:
            stack.append(
                etree.SubElement(
                    stack[-1],
                    "span",
                    {
                        "class": "correction",
                        "tabindex": "0",
                        "title": gettext(language, CORRECTION_TITLE).format(value[3]),
                    },
                )
            )


def _context_link(parent: etree.Element, quote: dict, language: str) -> None:
    a = etree.SubElement(
        parent,
        "a",
        {
            "href": f"/essays/{quote['essay']}/index.md#{quote['paragraph']}",
            "class": "in-context",
            "data-text": quote["fragment"],
        },
    )
    a.text = gettext(language, "Read in context")
    if quote.get("at_source"):
        a.tail = " "  # (the "·" before it is the stylesheet's)
        source = etree.SubElement(
            parent,
            "a",
            {
                "href": quote["at_source"],
                "class": "at-source",
                "title": gettext(language, "The same words on the publisher's page"),
            },
        )
        source.text = gettext(language, "at the source")


def quote_block(parent: etree.Element, quote: dict, language: str) -> None:
    """A quote (see :func:`build_tools.formats.page_citations.quote_data`) as a blockquote,
    attributed, its labels in ``language`` (the language of the page's edition)."""
    block = etree.SubElement(parent, "blockquote")
    p = etree.SubElement(block, "p")
    if relation := quote["relation"]:
        badge = etree.SubElement(p, "strong", {"class": f"relation relation-{relation}"})
        badge.text = gettext(language, RELATION_LABELS[relation])
        badge.tail = " "
    add_text(p, "“")
    words = etree.SubElement(p, "span", {"lang": quote["lang"]}) if quote.get("lang") else p
    emphasis, corrections = tuple(map(tuple, quote["emphasis"])), tuple(map(tuple, quote["corrections"]))
    _add_paragraph_text(
        words, Paragraph(quote["paragraph"], "quote", quote["text"], 0, emphasis, corrections), language
    )
    add_text(p, "”")
    if quote.get("translation"):
        translated = etree.SubElement(block, "p", {"class": "translation"})
        label = gettext(language, "Unofficial translation by the editors")
        translated.text = AtomicString(f"{label}: “{quote['translation']}”")
    by = etree.SubElement(block, "p", {"class": "attribution"})
    add_text(by, quote["by"])
    if quote["outlet"]:
        etree.SubElement(by, "cite").text = AtomicString(quote["outlet"])
    add_text(by, quote["date"])
    _context_link(by, quote, language)


def resolve(data: dict, ref_text: str):
    """(kind, what is cited) for a citation, or None if its id is unknown."""
    m = CITATION.fullmatch(ref_text)
    if m is None:
        return None
    if m["claim"]:
        claim = data.get("claims", {}).get(m["claim"])
        return ("claim", {**claim, "id": m["claim"]}) if claim else None
    passage = data.get("passages", {}).get(f"{m['essay']}#{m['para']}")
    return ("paragraph", passage) if passage else None


def unknown(ref_text: str) -> etree.Element:
    log.warning(f"unknown citation {ref_text}: run `make check` to see where")
    el = etree.Element("mark", {"class": "citation-unknown"})
    el.text = AtomicString(f"{ref_text} (unknown citation)")
    return el
