"""From a cleaned block to a paragraph: the marks in its text become positions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...ids import SUPERSCRIPTS
from ...model import Paragraph
from .blocks import CORRECTION, EM_CLOSE, EM_OPEN, MARKS, NOTE_OPEN, Block


def _label(marker: str) -> str:
    """A note's number as plain text: ``¹¹`` → ``11``, ``[^a]`` or ``[^a]:`` → ``a``."""
    return marker.translate(str.maketrans(SUPERSCRIPTS, "0123456789")).strip("[^]:")


_A_MARK = re.compile(f"[{MARKS}]")


def to_paragraph(block: Block, corrections: Sequence[str] = ()) -> Paragraph:
    """Take the marks out of a block's text, keeping what they marked as positions:
    emphasis ranges, corrections (with the source's reading), note markers and, for a
    note, its own number."""
    text: list[str] = []
    emphasis: list[tuple[int, int]] = []
    fixed: list[list] = []  # [start, end, the source's reading, which correction]
    refs: list[tuple[int, str]] = []
    marker: list[str] | None = None  # (the characters of a note marker, while inside one)
    label, em_start, length = "", 0, 0
    pos = 0
    for m in [*_A_MARK.finditer(block.text), None]:
        end = m.start() if m else len(block.text)
        if marker is not None:
            marker.append(block.text[pos:end])
        else:
            if not length:  # (a note's text starts after its number)
                while pos < end and block.text[pos].isspace():
                    pos += 1
            if pos < end and min(block.origins[pos:end]) <= CORRECTION:
                for i in range(pos, end):  # (the characters of a correction, each with its reading)
                    if block.origins[i] <= CORRECTION:
                        k = CORRECTION - block.origins[i]
                        if fixed and fixed[-1][3] == k and fixed[-1][1] == length + i - pos:
                            fixed[-1][1] += 1
                        else:
                            fixed.append([length + i - pos, length + i - pos + 1, corrections[k], k])
            text.append(block.text[pos:end])
            length += end - pos
        if m is None:
            break
        char, pos = m.group(), m.end()
        if char == EM_OPEN:
            em_start = length
        elif char == EM_CLOSE:
            emphasis.append((em_start, length))
        elif char == NOTE_OPEN:
            marker = []
        elif marker is not None:  # NOTE_CLOSE
            if block.kind == "note" and not length and not label:
                label = _label("".join(marker))
            else:
                refs.append((length, _label("".join(marker))))
            marker = None
    return Paragraph(
        id="",
        kind=block.kind,
        text="".join(text),
        line=block.line,
        emphasis=tuple(emphasis),
        corrections=tuple((s, e, o) for s, e, o, _ in fixed),
        notes=tuple(refs),
        label=label,
    )
