"""The cleaning rules an essay's metadata may list, each a small function registered in
:data:`RULES` by its name."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from ...ids import SUPERSCRIPTS
from ...languages import N_
from .blocks import EM_CLOSE, EM_OPEN, LAYOUT, LINE_END, NOTE_CLOSE, NOTE_OPEN, Block


class RuleError(Exception):
    """A rule cannot do what its declaration asks; the message says why."""


Record = Callable[..., int | None]
RULES: dict[str, Callable[[list[Block], Mapping[str, Any], Record], list[Block]]] = {}


def rule(fn):
    """Register a cleaning rule under its function name.

    A rule is called as ``fn(blocks, params, record)`` and returns the new blocks.
    It calls ``record(action, block, span=None, detail="", consumes=None)`` for each
    change: the action (see :class:`~build_tools.model.Change`), the block concerned,
    the ``(start, end)`` of its text concerned if not the whole block, and for a
    consuming action the spans whose source characters it accounts for, if not
    ``span`` itself. For a correction it returns the origin to give the characters put in
    (they remember which correction they are, and so the source's reading).
    """
    RULES[fn.__name__] = fn
    return fn


def _one_starting_with(blocks: list[Block], start: str) -> int:
    hits = [i for i, b in enumerate(blocks) if b.text.startswith(start)]
    if not hits:
        raise RuleError(f"no block of the text starts with {start!r}")
    if len(hits) > 1:
        lines = ", ".join(str(blocks[i].line) for i in hits)
        raise RuleError(
            f"{len(hits)} blocks start with {start!r} (source lines {lines}): give more of the opening words"
        )
    return hits[0]


def _exactly_once(blocks: list[Block], text: str, what: str) -> tuple[int, int]:
    """(block index, offset) of the one occurrence of ``text`` in the blocks."""
    total = sum(b.text.count(text) for b in blocks)
    if total != 1:
        raise RuleError(f"the text to {what} must occur exactly once; it occurs {total} times: {text!r}")
    i = next(i for i, b in enumerate(blocks) if text in b.text)
    return i, blocks[i].text.index(text)


@rule
def drop(blocks, params, record):
    """Remove the one block that starts with ``starts_with``."""
    i = _one_starting_with(blocks, params["starts_with"])
    record("removed", blocks[i])
    return blocks[:i] + blocks[i + 1 :]


@rule
def drop_from(blocks, params, record):
    """Remove the block that starts with ``starts_with`` and every block after it."""
    i = _one_starting_with(blocks, params["starts_with"])
    for block in blocks[i:]:
        record("removed", block)
    return blocks[:i]


def tidy_spaces(block: Block) -> Block:
    """Collapse the runs of spaces (and trim the ends) that removing text can leave; of a run,
    the space kept is a line end's if there is one (rules that read lines still find it)."""
    text, keep, i = block.text, [], 0
    while i < len(text):
        if text[i] != " ":
            keep.append(i)
            i += 1
            continue
        end = i
        while end < len(text) and text[end] == " ":
            end += 1
        if i and end < len(text):
            keep.append(next((k for k in range(i, end) if block.origins[k] == LINE_END), i))
        i = end
    return replace(block, text="".join(text[k] for k in keep), origins=tuple(block.origins[k] for k in keep))


@rule
def remove_text(blocks, params, record):
    """Remove an exact piece of text that occurs once in the whole source."""
    text = params["text"]
    i, at = _exactly_once(blocks, text, "remove")
    record("removed", blocks[i], (at, at + len(text)))
    return blocks[:i] + [tidy_spaces(blocks[i].splice(at, at + len(text)))] + blocks[i + 1 :]


@rule
def correct(blocks, params, record):
    """An editor's correction: replace ``text`` (once in the source) by ``to``, openly.

    The page marks the corrected words and shows the source's reading; the
    fidelity report lists it.
    """
    text, to = params["text"], params["to"]
    i, at = _exactly_once(blocks, text, "correct")
    origin = record("corrected", blocks[i], (at, at + len(text)), to)
    fixed = blocks[i].splice(at, at + len(text), to, origin)
    return blocks[:i] + [fixed] + blocks[i + 1 :]


@rule
def mark(blocks, params, record):
    """Give one block a role other than body text (standfirst, editor's note, note on the author)."""
    i = _one_starting_with(blocks, params["starts_with"])
    record("marked", blocks[i], detail=params["as"])
    return blocks[:i] + [replace(blocks[i], kind=params["as"])] + blocks[i + 1 :]


@rule
def headings(blocks, params, record):
    """Mark the blocks whose whole text is one of ``texts`` as headings."""
    out = list(blocks)
    for text in params["texts"]:
        hits = [i for i, b in enumerate(out) if b.text == text]
        if len(hits) != 1:
            raise RuleError(f"the heading {text!r} must be a whole block of the text exactly once; found {len(hits)}")
        out[hits[0]] = replace(out[hits[0]], kind="heading")
        record("marked", out[hits[0]], detail="heading")
    return out


# (a sentence's end, then closing marks, and a note's marker: as printed, ², or as the footnotes rule marks it)
_ENDS_SENTENCE = re.compile(
    rf"[.!?:;…][\"'”’)\]*\ue001]*(?:[{SUPERSCRIPTS}]+|{NOTE_OPEN}[^{NOTE_CLOSE}]*{NOTE_CLOSE})*$"
)


@rule
def join_broken_paragraphs(blocks, params, record):
    """Rejoin body paragraphs that a page end cut in two.

    A body paragraph that does not end a sentence (no closing ``.!?:;…``) continues
    in the next body paragraph. A word hyphenated across the break (``much-`` +
    ``maligned``) is joined without a space.
    """
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if prev and prev.kind == block.kind == "paragraph" and not _ENDS_SENTENCE.search(prev.text):
            glue = "" if re.search(r"\w-$", prev.text) else " "
            record("joined", block, detail=f"{prev.text[-40:]} ¦ {block.text[:40]}")
            out[-1] = replace(
                prev, text=prev.text + glue + block.text, origins=prev.origins + (LAYOUT,) * len(glue) + block.origins
            )
        else:
            out.append(block)
    return out


def _each_match(blocks, pattern: str, edit, markup, record, detail: str):
    """Apply ``edit(block, match)`` to every match of ``pattern``, last first, recording each;
    ``markup(match)`` gives the spans of the characters the edit consumes."""
    out = []
    for block in blocks:
        for m in reversed(list(re.finditer(pattern, block.text))):
            record("converted", block, m.span(), detail, consumes=markup(m))
            block = edit(block, m)
        out.append(block)
    return out


@rule
def emphasis(blocks, params, record):
    """Turn ``*text*`` into italics (the asterisks are consumed)."""

    def edit(block, m):
        return block.splice(m.end() - 1, m.end(), EM_CLOSE).splice(m.start(), m.start() + 1, EM_OPEN)

    return _each_match(
        blocks,
        r"\*([^*\s][^*]*?)\*",
        edit,
        lambda m: [(m.start(), m.start() + 1), (m.end() - 1, m.end())],
        record,
        N_("italics"),
    )


@rule
def unescape(blocks, params, record):
    """Remove the backslash of an escaped character: ``\\$`` becomes ``$``."""
    return _each_match(
        blocks,
        r"\\[$*_\\`]",
        lambda b, m: b.splice(m.start(), m.start() + 1),
        lambda m: [(m.start(), m.start() + 1)],
        record,
        N_("escaped character"),
    )
