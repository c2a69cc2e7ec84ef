"""The text of a web page or a PDF, as a well-kept library extracts it.

An essay received as a web page (HTML) or a PDF is kept byte for byte; its text is
extracted once, by ``new essay``, and written beside it: cleaning rules and quotes work
on that text, and the preparation report names the extractor and its version. ``make
sources`` reads the originals' pages with the same function.

- A web page's article: trafilatura (favouring recall, tables kept, nothing
  deduplicated), which gives each paragraph on a line of its own (declare
  ``one_paragraph_per_line``). A superscript note marker is written in superscript
  digits (``2015.³``), not as plain digits glued to its word as trafilatura or a browser
  copies it (``2015.3``, a decimal). The page's notes, which trafilatura drops, are
  taken out of the page first and written after the article: their heading, then a line
  per note starting with its number in superscript digits (build_tools/web_notes.py).
  Declare ``footnotes`` with ``notes_heading``.
- A PDF's text: pypdf in layout mode, which leaves a blank line where the page leaves
  space, so that paragraphs are blocks; pages follow one another after a blank line, and
  each line's trailing spaces and runs of blank lines are taken out. Running heads, page
  numbers and words hyphenated at line ends stay, for rules to remove (``running_heads``,
  ``page_numbers``, ``hyphenation``).

The libraries are imported only when used: they are slow to import, and the build does
not need them.
"""

from __future__ import annotations

import io
import logging
import re
from importlib.metadata import version
from typing import Literal

Kind = Literal["html", "pdf"]
_LIBRARY = {"html": "trafilatura", "pdf": "pypdf"}


class ExtractionError(Exception):
    """The file cannot be read as what it claims to be; the message says why."""


def extractor(kind: Kind) -> str:
    """The library that extracts text of ``kind``, and its version: "trafilatura 2.3.1"."""
    return f"{_LIBRARY[kind]} {version(_LIBRARY[kind])}"


def article_text(html: str | bytes) -> str:
    """The main text of a web page (bytes in the encoding the page declares), each paragraph
    on a line ("" if it shows none), then its notes (see build_tools/web_notes.py)."""
    import trafilatura
    from trafilatura.utils import load_html

    from .web_notes import superscript_markers, take_notes

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # (its notes on odd markup are not the editors')
    tree, notes = load_html(html), ""
    if tree is not None:
        notes = take_notes(tree)
        superscript_markers(tree)
    text = trafilatura.extract(tree, favor_recall=True, include_tables=True, deduplicate=False) or ""
    return f"{text.rstrip()}\n{notes}" if text and notes else text


def whole_text(html: str) -> str:
    """Every text of a web page, the article's and the rest's (navigation, sidebars)."""
    import trafilatura

    return trafilatura.html2txt(html) or ""


def pdf_text(content: bytes) -> str:
    """The text of a PDF's pages, laid out as they are (see the module's docstring)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        pages = [page.extract_text(extraction_mode="layout") for page in PdfReader(io.BytesIO(content)).pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ExtractionError(f"this PDF cannot be read ({exc})") from None
    text = "\n".join(line.rstrip() for line in "\n\n".join(pages).splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def kind_of(name: str, content: bytes) -> Kind | None:
    """Whether a received file is a PDF or a web page, by its name or its first bytes."""
    start = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if name.lower().endswith(".pdf") or start.startswith(b"%pdf-"):
        return "pdf"
    if name.lower().endswith((".html", ".htm")) or start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def text_of(kind: Kind, content: bytes) -> str:
    """The text extracted from a received file of ``kind``, ending with a line end."""
    if kind == "pdf":
        text = pdf_text(content)
    else:
        text = article_text(content)
    if not text.strip():
        raise ExtractionError(f"{_LIBRARY[kind]} finds no text in it")
    return text.rstrip("\n") + "\n"
