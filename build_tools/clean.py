"""Stage 3, clean: apply each essay's declared cleaning rules to its raw text.

The raw text is first split into blocks at blank lines (line breaks inside a block
are only wrapping, so they become spaces). Then the rules the essay's metadata
lists run in order; each is a small function registered in :data:`RULES` that
takes the blocks and returns new ones, recording every change it makes as a
:class:`Change` for the fidelity report. Nothing is removed without a rule, and a
rule that matches nothing, or more than it should, is an error at its line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Callable

from .model import Change, Corpus, Essay, Paragraph, Rule
from .problems import Collector

# Emphasis is carried through later rules as private-use marks, then turned into ranges.
EM_OPEN, EM_CLOSE = "\ue000", "\ue001"


@dataclass(frozen=True)
class Block:
    text: str
    line: int
    kind: str = "paragraph"


class RuleError(Exception):
    """A rule cannot do what its declaration asks; the message says why."""


def split_blocks(raw: str) -> list[Block]:
    """Blocks of text separated by blank lines, each with the line it starts on."""
    blocks, lines, start = [], [], 0
    for number, line in enumerate(raw.split("\n") + [""], start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
        elif lines:
            blocks.append(Block(" ".join(lines), start))
            lines = []
    return blocks


Record = Callable[..., None]
RULES: dict[str, Callable[[list[Block], dict, Record], list[Block]]] = {}


def rule(fn):
    """Register a cleaning rule under its function name."""
    RULES[fn.__name__] = fn
    return fn


def _one_starting_with(blocks: list[Block], start: str) -> int:
    hits = [i for i, b in enumerate(blocks) if b.text.startswith(start)]
    if not hits:
        raise RuleError(f"no block of the text starts with {start!r}")
    if len(hits) > 1:
        lines = ", ".join(str(blocks[i].line) for i in hits)
        raise RuleError(f"{len(hits)} blocks start with {start!r} (source lines {lines}): "
                        "give more of the opening words")
    return hits[0]


@rule
def drop(blocks, params, record):
    """Remove the one block that starts with ``starts_with``."""
    i = _one_starting_with(blocks, params["starts_with"])
    record("removed", blocks[i].text, blocks[i].line)
    return blocks[:i] + blocks[i + 1:]


@rule
def drop_from(blocks, params, record):
    """Remove the block that starts with ``starts_with`` and every block after it."""
    i = _one_starting_with(blocks, params["starts_with"])
    for block in blocks[i:]:
        record("removed", block.text, block.line)
    return blocks[:i]


@rule
def remove_text(blocks, params, record):
    """Remove an exact piece of text that occurs once in the whole source."""
    text = params["text"]
    hits = [i for i, b in enumerate(blocks) if text in b.text]
    total = sum(b.text.count(text) for b in blocks)
    if total != 1:
        raise RuleError(f"the text to remove must occur exactly once; it occurs {total} times: {text!r}")
    i = hits[0]
    record("removed", text, blocks[i].line)
    cleaned = re.sub(r" {2,}", " ", blocks[i].text.replace(text, "", 1)).strip()
    return blocks[:i] + [replace(blocks[i], text=cleaned)] + blocks[i + 1:]


@rule
def mark(blocks, params, record):
    """Give one block a role other than body text (standfirst, editor's note, note on the author)."""
    i = _one_starting_with(blocks, params["starts_with"])
    record("marked", blocks[i].text, blocks[i].line, params["as"])
    return blocks[:i] + [replace(blocks[i], kind=params["as"])] + blocks[i + 1:]


@rule
def headings(blocks, params, record):
    """Mark the blocks whose whole text is one of ``texts`` as headings."""
    out = list(blocks)
    for text in params["texts"]:
        hits = [i for i, b in enumerate(out) if b.text == text]
        if len(hits) != 1:
            raise RuleError(f"the heading {text!r} must be a whole block of the text "
                            f"exactly once; found {len(hits)}")
        out[hits[0]] = replace(out[hits[0]], kind="heading")
        record("marked", text, out[hits[0]].line, "heading")
    return out


_ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'”’)\]*\ue001]*[¹²³⁴⁵⁶⁷⁸⁹⁰]*$")


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
        if (prev and prev.kind == block.kind == "paragraph"
                and not _ENDS_SENTENCE.search(prev.text)):
            glue = "" if re.search(r"\w-$", prev.text) else " "
            record("joined", f"{prev.text[-40:]} ¦ {block.text[:40]}", block.line)
            out[-1] = replace(prev, text=prev.text + glue + block.text)
        else:
            out.append(block)
    return out


def _substitute(blocks, pattern: str, replacement: str, record, what: str):
    """Apply a regular-expression substitution to every block, recording each match."""
    out = []
    for block in blocks:
        for m in re.finditer(pattern, block.text):
            record("converted", m.group(0), block.line, what)
        out.append(replace(block, text=re.sub(pattern, replacement, block.text)))
    return out


@rule
def emphasis(blocks, params, record):
    """Turn ``*text*`` into italics."""
    return _substitute(blocks, r"\*([^*\s][^*]*?)\*", EM_OPEN + r"\1" + EM_CLOSE, record, "emphasis")


@rule
def unescape(blocks, params, record):
    """Remove the backslash of an escaped character: ``\\$`` becomes ``$``."""
    return _substitute(blocks, r"\\([$*_\\`])", r"\1", record, "escape")


def slugify(text: str, words: int = 0) -> str:
    """ASCII, lower-case, hyphen-separated; the first ``words`` words only, if given."""
    text = re.sub(r"(\w)['’](\w)", r"\1\2", text)  # "Fox's" -> "foxs", not "fox-s"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts[:words] if words else parts)


def paragraph_ids(blocks: list[Block]) -> list[str]:
    """Stable ids: ``p-`` and the first six words of the paragraph; headings: their words.

    An id depends only on its own paragraph's opening words, so adding, removing or
    editing another paragraph never changes it. Paragraphs that open with the same
    six words are numbered in order (``-2``, ``-3``).
    """
    ids, seen = [], {}
    for block in blocks:
        plain = block.text.replace(EM_OPEN, "").replace(EM_CLOSE, "")
        base = slugify(plain) if block.kind == "heading" else "p-" + slugify(plain, 6)
        base = base or "p"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def to_paragraph(block: Block, pid: str) -> Paragraph:
    """Strip the emphasis marks out of the text, keeping their positions as ranges."""
    text, ranges, start = "", [], 0
    for char in block.text:
        if char == EM_OPEN:
            start = len(text)
        elif char == EM_CLOSE:
            ranges.append((start, len(text)))
        else:
            text += char
    return Paragraph(id=pid, kind=block.kind, text=text, line=block.line, emphasis=tuple(ranges))


def clean_essay(essay: Essay, problems: Collector) -> Essay:
    blocks, changes = split_blocks(essay.raw), []
    for r in essay.rules:
        def record(action, text, line, reason=r.params.get("reason", ""), _r=r):
            changes.append(Change(_r.name, action, text, line, reason))
        try:
            blocks = RULES[r.name](blocks, dict(r.params), record)
        except RuleError as exc:
            problems.error(r.loc, f"cleaning rule '{r.name}' of essay '{essay.slug}': {exc}")
    paragraphs = tuple(to_paragraph(b, pid) for b, pid in zip(blocks, paragraph_ids(blocks)))
    return replace(essay, paragraphs=paragraphs, changes=tuple(changes))


def clean(corpus: Corpus) -> Corpus:
    """Every essay with its cleaned paragraphs, or SeedError if a rule could not apply."""
    problems = Collector()
    essays = tuple(clean_essay(e, problems) for e in corpus.essays)
    problems.raise_if_any()
    return replace(corpus, essays=essays)
