"""A web page's notes and note markers, read in its tree before the article is extracted.

Extractors drop a page's notes: a list of short items that each end in a link back to the
text reads to them as a menu. So the notes are found and taken out of the page's tree
first, and written after the article's text: the notes' heading, then one note per line
starting with its number in superscript digits (``¹ See …``). And an extractor writes a
superscript as plain digits, which after a number read as a decimal (``2015.3``): so each
superscript that holds only a note number is written in superscript digits (``2015.³``).
That is the shape the ``footnotes`` rule reads by default. The page's notes are

- the elements that in-text marker links point to (``<sup><a href="#fn1">1</a></sup>``,
  ``[1]``): the list or block that holds them, with the heading just before it; or
- a list right after a heading that names notes ("Notes", "Footnotes", "Endnotes",
  "References", "Notas", "Referencias").

Links back to the text (``↩``, ``^``) are left out of the notes. Notes with no heading of
their own are written under "Notes".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .ids import SUPERSCRIPTS

if TYPE_CHECKING:
    from lxml.html import HtmlElement

NOTES_HEADING = "Notes"  # (written above notes the page gives no heading)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NOTE_TAGS = {"li", "p", "dd", "div", "aside", "section"}
_LISTS = {"ol", "ul"}
_NOTES_WORDS = re.compile(r"(?i)(?:foot|end)?notes?|references|notas|referencias|notes and references")
_MARKER_TEXT = re.compile(r"\[?([0-9]{1,3})\]?")
_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPTS)


def superscript_markers(tree: HtmlElement) -> None:
    """Write each ``<sup>`` of ``tree`` that holds only a note number (``3``, ``[3]``, in a
    link or not) as that number in superscript digits (``³``)."""
    for sup in list(tree.iter("sup")):
        m = _MARKER_TEXT.fullmatch(_text(sup))
        if m:
            for child in list(sup):
                sup.remove(child)
            sup.text = m.group(1).translate(_SUPERSCRIPT)


def take_notes(tree: HtmlElement) -> str:
    """Take the page's notes out of ``tree`` and give them as lines ("" if it has none):
    their heading, then each note on a line starting with its number in superscript
    digits (the note's own number, ``1.`` or ``1)``, becomes that)."""
    order = {element: i for i, element in enumerate(tree.iter())}
    ids = {element.get("id"): element for element in tree.iter() if element.get("id")}
    found = _linked_notes(tree, order, ids) or _listed_notes(tree)
    if found is None:
        return ""
    heading, container, notes = found
    lines = [_text(heading) if heading is not None else NOTES_HEADING]
    for number, note in notes:
        for link in list(note.iterfind(".//a[@href]")):  # (links back to the text)
            target = _target(link, ids)
            if target is not None and order[target] < order[container]:
                link.drop_tree()
        text = re.sub(rf"^{number}(?![0-9])[.)]?\s*", "", _text(note)) if number else _text(note)
        lines.append(f"{number.translate(_SUPERSCRIPT)} {text}" if number else text)
    for element in ([heading] if heading is not None else []) + [container]:
        if element.getparent() is not None:
            element.getparent().remove(element)
    return "\n".join(lines)


Found = tuple["HtmlElement | None", "HtmlElement", list[tuple[str, "HtmlElement"]]]


def _linked_notes(tree: HtmlElement, order: dict[HtmlElement, int], ids: dict[str, HtmlElement]) -> Found | None:
    """The notes that in-text links point to: the element each points to (or the item or
    paragraph holding it), after the link in the page; by the link's number. None if the
    element holding them holds the text too."""
    links = []
    notes: dict[HtmlElement, str] = {}
    for link in tree.iterfind(".//a[@href]"):
        m = _MARKER_TEXT.fullmatch(_text(link))
        target = _target(link, ids) if m else None
        if target is None or order[target] < order[link] or m is None:
            continue
        note = (
            next((e for e in target.iterancestors() if e.tag in _NOTE_TAGS), None)
            if target.tag not in _NOTE_TAGS
            else target
        )
        if note is not None and not any(a is note for a in link.iterancestors()):
            notes.setdefault(note, m.group(1))
            links.append(link)
    if not notes:
        return None
    container = _common_parent(list(notes))
    if container is None or any(any(a is container for a in link.iterancestors()) for link in links):
        return None
    return _heading_before(container), container, [(number, note) for note, number in notes.items()]


def _listed_notes(tree: HtmlElement) -> Found | None:
    """A list right after a heading that names notes, its items numbered as the list does."""
    for heading in tree.iter(*_HEADINGS):
        following = heading.getnext()
        if _NOTES_WORDS.fullmatch(_text(heading).rstrip(":")) and following is not None and following.tag in _LISTS:
            start = int(following.get("start", "1")) if following.get("start", "1").isdigit() else 1
            items = [item for item in following if item.tag == "li"]
            numbers = [str(start + i) if following.tag == "ol" else "" for i in range(len(items))]
            return heading, following, list(zip(numbers, items))
    return None


def _common_parent(notes: list[HtmlElement]) -> HtmlElement | None:
    """The element that holds all ``notes``: their parent, or the closest one they share."""
    parent = notes[0].getparent()
    while parent is not None and not all(any(a is parent for a in n.iterancestors()) for n in notes):
        parent = parent.getparent()
    return parent


def _heading_before(element: HtmlElement) -> HtmlElement | None:
    """The heading just before ``element``, or before the section it opens (``<h2>Notes</h2>
    <ol>…`` or ``<h2>Notes</h2><section><ol>…``); a rule between them counts for nothing."""
    while element is not None and element.tag not in {"body", "article", "main"}:
        before = element.getprevious()
        while before is not None and before.tag == "hr":
            before = before.getprevious()
        if before is not None:
            return before if before.tag in _HEADINGS else None
        element = element.getparent()
    return None


def _target(link: HtmlElement, ids: dict[str, HtmlElement]) -> HtmlElement | None:
    """The element of the page that ``link`` leads to (``href="#fn1"``), if it is one."""
    href = link.get("href")
    return ids.get(href[1:]) if href.startswith("#") else None


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())
