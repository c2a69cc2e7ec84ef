"""From a cleaned block to a paragraph: the marks in its text become positions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

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
    made, pos = _Made(block, corrections), 0
    for m in _A_MARK.finditer(block.text):
        made.take_text(pos, m.start())
        made.take_mark(m.group())
        pos = m.end()
    made.take_text(pos, len(block.text))
    return Paragraph(
        id="",
        kind=block.kind,
        text="".join(made.text),
        line=block.line,
        emphasis=tuple(made.emphasis),
        corrections=tuple((s, e, o) for s, e, o, _ in made.fixed),
        notes=tuple(made.refs),
        label=made.label,
        speaker=block.speaker,
    )


@dataclass
class _Made:
    """A paragraph being made from ``block``, its text read up to a mark at a time."""

    block: Block
    corrections: Sequence[str]
    text: list[str] = field(default_factory=list)
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    fixed: list[list] = field(default_factory=list)  # [start, end, the source's reading, which correction]
    refs: list[tuple[int, str]] = field(default_factory=list)
    marker: list[str] | None = None  # (the characters of a note marker, while inside one)
    label: str = ""
    em_start: int = 0
    length: int = 0

    def take_text(self, pos: int, end: int) -> None:
        """The block's text from ``pos`` to ``end``, between two marks."""
        if self.marker is not None:
            self.marker.append(self.block.text[pos:end])
            return
        if not self.length:  # (a note's text starts after its number)
            while pos < end and self.block.text[pos].isspace():
                pos += 1
        if pos < end and min(self.block.origins[pos:end]) <= CORRECTION:
            self._take_corrections(pos, end)
        self.text.append(self.block.text[pos:end])
        self.length += end - pos

    def _take_corrections(self, pos: int, end: int) -> None:
        """The characters of a correction, each with its reading."""
        for i in range(pos, end):
            if self.block.origins[i] <= CORRECTION:
                k, at = CORRECTION - self.block.origins[i], self.length + i - pos
                if self.fixed and self.fixed[-1][3] == k and self.fixed[-1][1] == at:
                    self.fixed[-1][1] += 1
                else:
                    self.fixed.append([at, at + 1, self.corrections[k], k])

    def take_mark(self, char: str) -> None:
        if char == EM_OPEN:
            self.em_start = self.length
        elif char == EM_CLOSE:
            self.emphasis.append((self.em_start, self.length))
        elif char == NOTE_OPEN:
            self.marker = []
        elif self.marker is not None:  # NOTE_CLOSE
            if self.block.kind == "note" and not self.length and not self.label:
                self.label = _label("".join(self.marker))
            else:
                self.refs.append((self.length, _label("".join(self.marker))))
            self.marker = None
