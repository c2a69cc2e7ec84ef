"""The ``footnotes`` rule: note markers become links, and the notes section becomes notes.

Sources give notes in several shapes, which the rule reads as its declaration says:

- markers as superscript digits after a word or punctuation (``policy.²``), or
  ``[^label]``, as a web page's are extracted; the notes after ``notes_heading``, each
  starting with its number (``² See …``, on a line of its own or not; or, if none does,
  in plain digits as below), or (without a heading) the blocks starting ``[^label]:``;
- ``markers: digits``, as a browser copies a web page's notes by hand, or a PDF's: the marker is
  plain digits glued to the word or punctuation before it (``Honduras.69``), and each
  note after ``notes_heading`` starts with its number, on a line of its own or before the
  note's text (``69`` then ``See …``, or ``69. See …``).

Markers and numbers stay in the text, between marks; nothing is numbered that the
source does not number. A rule that finds no notes is an error that says where it looked.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...ids import SUPERSCRIPTS
from .blocks import LAYOUT, NOTE_CLOSE, NOTE_OPEN, Block, cut, lines_of
from .rules import RuleError, rule, tidy_spaces

# A footnote marker: superscript digits right after a word or punctuation, or [^label].
_MARKER = re.compile(rf"(?<=\S)[{SUPERSCRIPTS}]+|\[\^[\w-]+\]")
# The same as a browser copies it: one to three digits glued to a lower-case letter or to
# punctuation (not to a number: "3.7" and "1,500" are no markers), before a space or the end.
DIGITS_MARKER = re.compile(r"(?<=[a-z.,;:!?”’\"')\]])(?<![0-9][.,])[0-9]{1,3}(?=[\s.,;:)\]]|$)")
# The start of a note in the notes section: its number, then the note's text.
_NOTE_START = re.compile(rf"(?:^|(?<=\s))(?:[{SUPERSCRIPTS}]+|\[\^[\w-]+\]:)(?=\s)")
# A note's number as plain digits at the start of a line ("69", "69.", "69)").
_DIGITS_NOTE = re.compile(r"([0-9]{1,3})[.)]?(?=\s|$)")
_DEFINITION = re.compile(r"\[\^[\w-]+\]:")


@rule
def footnotes(blocks, params, record):
    """Turn footnote markers into links and the notes section into notes.

    Markers are superscript digits after a word (``policy.²``) or ``[^label]``, or with
    ``markers: digits`` plain digits glued to the word (``Honduras.69``). The notes are the
    blocks after the heading ``notes_heading`` (or, without one, the blocks starting
    ``[^label]:``); a block holding several notes is split at each number, and text before
    the first number is a note without one. Notes numbered in plain digits are read so
    whatever the markers' shape.
    """
    heading, digits = params.get("notes_heading"), params.get("markers") == "digits"
    if heading is not None:
        i = next((i for i, b in enumerate(blocks) if b.text == heading), None)
        if i is None:
            raise RuleError(f"no block of the text is the notes heading {heading!r}{_headings_said(blocks)}")
        body, section = blocks[:i], blocks[i + 1 :]
        head = [replace(blocks[i], kind="notes_heading")]
        where = f"after the notes heading {heading!r} (source line {blocks[i].line})"
        record("marked", blocks[i], detail="notes heading")
    else:
        body = [b for b in blocks if not _DEFINITION.match(b.text)]
        section, head = [b for b in blocks if b not in body], []
        where = "in blocks starting with a note's label, such as '[^1]:'"
    if digits or not any(_NOTE_START.search(b.text) for b in section):
        notes = _digit_notes(section)
    else:
        notes = [note for block in section for note in _split_notes(block)]
    if not any(n.text.startswith(NOTE_OPEN) for n in notes):
        raise RuleError(
            f"found no numbered notes {where}: check the notes' shape in the text "
            "(see 'footnotes' in CONTRIBUTING.md), or remove the rule if the text has none"
        )
    for note in notes:
        record("marked", note, detail="note")
    marker = DIGITS_MARKER if digits else _MARKER
    return [_mark_markers(b, marker) if b.kind != "heading" else b for b in body] + head + notes


# A block short enough to be a heading: a few words, not ending a sentence.
_SHORT = re.compile(r"(?![0-9]+$)\S+(?: \S+){0,5}(?<![.,;])")
_SAID = 8  # (how many of them a message names, the last of the text: notes come at the end)


def _headings_said(blocks: list[Block]) -> str:
    """The end of the message for a notes heading not found: the blocks that could be it."""
    short = [f"{b.text!r} (line {b.line})" for b in blocks if len(b.text) <= 60 and _SHORT.fullmatch(b.text)]
    if not short:
        return (
            ", and no short line of it could be one: if a rule declared before 'footnotes' (such as "
            "'join_broken_paragraphs') joined the heading into a paragraph, declare 'footnotes' first; if the notes "
            "are missing from the .txt, add the page or file again with `new essay --source`, which keeps a web "
            "page's notes"
        )
    return f"; the short lines that could be it are {', '.join(short[-_SAID:])}: copy the heading exactly"


def _between_note_marks(block: Block, start: int, end: int) -> Block:
    return block.splice(end, end, NOTE_CLOSE).splice(start, start, NOTE_OPEN)


def _mark_markers(block: Block, marker: re.Pattern[str]) -> Block:
    for m in reversed(list(marker.finditer(block.text))):
        block = _between_note_marks(block, m.start(), m.end())
    return block


def _split_notes(block: Block) -> list[Block]:
    starts = [m.start() for m in _NOTE_START.finditer(block.text)]
    cuts = ([0] if not starts or starts[0] > 0 else []) + starts + [len(block.text)]
    notes = []
    for start, end in zip(cuts, cuts[1:]):
        part = tidy_spaces(replace(block, text=block.text[start:end], origins=block.origins[start:end]))
        m = _NOTE_START.match(part.text)
        if m:
            part = _between_note_marks(part, 0, m.end())
        notes.append(replace(part, kind="note"))
    return notes


def _digit_notes(section: list[Block]) -> list[Block]:
    """The notes of a section numbered in plain digits: a line that starts with a number
    starts a note; a number alone on its line (or in its block) takes the next line's text."""
    notes: list[Block] = []
    waiting = False  # (the last note is a number still without its text)
    for block in section:
        for n, (start, end) in enumerate(lines_of(block)):
            line = cut(block, start, end, block.line + n, "note")
            m = _DIGITS_NOTE.match(line.text)
            if m:
                notes.append(_between_note_marks(line, 0, m.end(1)))
                waiting = m.end() == len(line.text)
            elif notes and (waiting or n):
                last = notes[-1]
                notes[-1] = replace(
                    last, text=last.text + " " + line.text, origins=last.origins + (LAYOUT,) + line.origins
                )
                waiting = False
            else:
                notes.append(line)
    return notes
