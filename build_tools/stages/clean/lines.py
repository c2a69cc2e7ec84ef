"""The cleaning rules that read the source's lines: a transcript with one paragraph a
line, and a PDF's text with its words hyphenated at line ends, its running heads and its
page numbers.

Inside a block, a line end of the source is a space whose origin is
:data:`~build_tools.stages.clean.blocks.LINE_END`; these rules find the lines by it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .blocks import LINE_END, Block, cut, lines_of
from .rules import RuleError, rule


@rule
def one_paragraph_per_line(blocks, params, record):
    """Make each line of the source a paragraph of its own (a transcript, a web page's text).

    A block of one line, and any block that is not body text, stays as it is."""
    out: list[Block] = []
    for block in blocks:
        lines = lines_of(block)
        if block.kind != "paragraph" or len(lines) == 1:
            out.append(block)
            continue
        for n, (start, end) in enumerate(lines):
            part = cut(block, start, end, block.line + n)
            if n:
                record("split", part, detail=f"{out[-1].text[-40:]} ¦ {part.text[:40]}")
            out.append(part)
    if len(out) == len(blocks):
        raise RuleError("no paragraph of the text has more than one line: the rule is not needed")
    return out


# A word hyphenated at a line end: a letter and a hyphen, the line end, a lower-case letter.
# The hyphen is "-", or the typographic "‐" (U+2010) that a browser's PDF gives a word it
# hyphenated itself, sometimes after a space ("where ‐" / "abouts").
_HYPHENATED = re.compile(r"(\w+)(-| ?‐)( )([^\W\d_A-Z]\w*)")


@rule
def hyphenation(blocks, params, record):
    """Join the words a PDF hyphenated at line ends, dropping the hyphen.

    ``infor-`` at the end of a line and ``mation`` on the next become ``information``; the
    words listed in ``keep`` (``much-needed``) are joined with their hyphen."""
    keep = set(params.get("keep", ()))
    out = []
    for block in blocks:
        for m in reversed(list(_HYPHENATED.finditer(block.text))):
            if block.origins[m.start(3)] != LINE_END:
                continue
            if f"{m.group(1)}-{m.group(4)}" in keep and m.group(2) == "-":
                block = block.splice(m.start(3), m.end(3))
            else:
                record("converted", block, (m.start(2), m.end(3)), "hyphen at a line end", consumes=[m.span(2)])
                block = block.splice(m.start(2), m.end(3))
        out.append(block)
    return out


def _drop_lines(blocks: list[Block], is_furniture, record) -> tuple[list[Block], int]:
    """The blocks without the lines ``is_furniture(text)`` says to drop (each recorded), and
    how many were dropped. A block left without lines goes; one left without its first
    lines starts on the first line it keeps."""
    out, dropped = [], 0
    for block in blocks:
        kept = []
        for n, (start, end) in enumerate(lines_of(block)):
            if is_furniture(block.text[start:end]):
                record("removed", block, (start, end))
                dropped += 1
            else:
                kept.append((n, cut(block, start, end)))
        if kept:
            first, *rest = (part for _, part in kept)
            for part in rest:
                first = replace(
                    first, text=f"{first.text} {part.text}", origins=first.origins + (LINE_END,) + part.origins
                )
            out.append(replace(first, line=block.line + kept[0][0]))
    return out, dropped


@rule
def running_heads(blocks, params, record):
    """Remove the lines repeated at the top or foot of every page, however many there are.

    Each line that is one of ``texts`` (the title, the publisher's name), whatever the spaces
    between its words, goes."""
    out = blocks
    # (the spaces inside a line may differ from page to page: texts that differ only so are one)
    for text in dict.fromkeys(" ".join(text.split()) for text in params["texts"]):
        out, dropped = _drop_lines(out, lambda line, text=text: " ".join(line.split()) == text, record)
        if not dropped:
            raise RuleError(f"no line of the text is the running head {text!r}: copy it exactly from the text")
    return out


_PAGE_NUMBER = re.compile(r"(?i)(?:page\s+)?[0-9]{1,4}(?:\s+(?:of|/)\s+[0-9]{1,4})?|[-–—]\s*[0-9]{1,4}\s*[-–—]")


@rule
def page_numbers(blocks, params, record):
    """Remove the lines that hold only a page number ("12", "Page 12", "12 of 40", "- 12 -")."""
    out, dropped = _drop_lines(blocks, _PAGE_NUMBER.fullmatch, record)
    if not dropped:
        raise RuleError("no line of the text holds only a page number: the rule is not needed")
    return out


# A time stamp opening a line of a transcript: "[00:01:02] ", "(01:02) ", "00:01:02.5 ".
_TIMESTAMP = re.compile(r"[\[(]?(?:[0-9]{1,2}:)?[0-9]{1,2}:[0-9]{2}(?:[.,][0-9]{1,3})?[\])]?[ \t]+")


@rule
def timestamps(blocks, params, record):
    """Remove the time stamp that opens a line ("[00:01:02] "), on every line that has one."""
    out, removed = [], 0
    for block in blocks:
        for start, _ in reversed(lines_of(block)):  # (from the last: the earlier lines' places hold)
            if m := _TIMESTAMP.match(block.text, start):
                record("removed", block, m.span())
                block = block.splice(*m.span())
                removed += 1
        out.append(block)
    if not removed:
        raise RuleError("no line of the text opens with a time stamp such as [00:01:02]: the rule is not needed")
    return out
