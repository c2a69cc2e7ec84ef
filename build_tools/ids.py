"""The anchors of an essay's paragraphs and notes, and note numbers as sources write them."""

from __future__ import annotations

import re
import unicodedata

from .model import Paragraph

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def slugify(text: str, words: int = 0) -> str:
    """ASCII, lower-case, hyphen-separated; the first ``words`` words only, if given."""
    text = re.sub(r"(\w)['’](\w)", r"\1\2", text)  # "Fox's" -> "foxs", not "fox-s"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts[:words] if words else parts)


def note_id(label: str) -> str:
    """The anchor of the note numbered ``label``."""
    return f"note-{slugify(label)}"


def paragraph_ids(paragraphs: list[Paragraph]) -> list[str]:
    """Stable ids: ``p-`` and the first six words of the paragraph; headings: their words.

    An id depends only on its own paragraph's opening words, so adding, removing or
    editing another paragraph never changes it. Paragraphs that open with the same
    six words are numbered in order (``-2``, ``-3``). Notes are ``note-`` and their
    number (``note-3``), or ``note-unnumbered-1``… in order for notes without one.
    """
    ids: list[str] = []
    seen: dict[str, int] = {}
    for p in paragraphs:
        if p.kind == "note":
            base = note_id(p.label) if p.label else "note-unnumbered"
        elif p.kind in ("heading", "notes_heading"):
            base = slugify(p.text)
        else:
            base = "p-" + slugify(p.text, 6)
        base = base or "p"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 and base != "note-unnumbered" else f"{base}-{seen[base]}")
    return ids
