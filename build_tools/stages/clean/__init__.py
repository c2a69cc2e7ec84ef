"""Stage 3, clean: apply each essay's declared cleaning rules to its raw text.

The raw text is first split into blocks at blank lines (line breaks inside a block
are only wrapping, so they become spaces). Then the rules the essay's metadata
lists run in order; each is a small function registered in :data:`RULES` that
takes the blocks and returns new ones, recording every change it makes as a
:class:`Change` for the fidelity report. A rule that matches nothing, or more
than it should, is an error at its line.

Every character of a block remembers where it came from (:attr:`Block.origins`):
its offset in the raw text, or a code for what the build put in. At the end the
accounting must balance: each visible character of the source is shown unchanged
or was consumed by a recorded change, and nothing is shown that the source or a
declared correction does not say. Otherwise the build fails (:class:`Accounts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from ...ids import SUPERSCRIPTS, paragraph_ids
from ...model import Change, CleanText, Corpus, Essay
from ...problems import Collector, Problem, SourceLoc
from .accounts import CONSUMING, Accounts
from .blocks import CORRECTION, MARKS, split_blocks
from .paragraphs import to_paragraph
from .rules import RULES, RuleError

# (the rules of these modules register themselves in RULES when imported)
from . import footnotes, lines, turns  # noqa: E402, F401  # isort: skip


def clean_text(essay: Essay, problems: Collector) -> CleanText:
    """What ``essay``'s rules make of its raw text (nothing if a rule could not apply)."""
    blocks, changes, accounts = split_blocks(essay.raw), [], Accounts(essay.raw)
    corrections: list[str] = []  # (the source's reading of each correction, in order)
    for step, r in enumerate(essay.rules, 1):

        def record(action, block, span=None, detail="", consumes=None, r=r, step=step):
            start, end = span or (0, len(block.text))
            origins = [o for o in block.origins[start:end] if o >= 0]
            line = accounts.line_of(origins[0]) if origins else block.line
            text = "".join(c for c in block.text[start:end] if c not in MARKS)
            chars = 0
            if action in CONSUMING:
                for s, e in consumes or [(start, end)]:
                    accounts.consume(block.origins[s:e], r.name)
                    chars += sum(not block.text[i].isspace() and block.origins[i] >= 0 for i in range(s, e))
            changes.append(Change(r.name, action, text, line, detail, chars, step))
            if action == "corrected":
                corrections.append(text)
                return CORRECTION - (len(corrections) - 1)
            return None

        try:
            blocks = RULES[r.name](blocks, r.params, record)
        except RuleError as exc:
            problems.error(r.loc, f"cleaning rule '{r.name}' of essay '{essay.slug}': {exc}")
    if any(p.loc.path == essay.loc.path for p in problems.errors):
        return CleanText()
    for message in accounts.balance(blocks):
        problems.error(
            SourceLoc(essay.source_path), f"the cleaning of essay '{essay.slug}' does not balance: {message}"
        )
    shown, consumed = accounts.totals()
    paragraphs = [to_paragraph(b, corrections) for b in blocks]
    paragraphs = [replace(p, id=pid) for p, pid in zip(paragraphs, paragraph_ids(paragraphs))]
    return CleanText(
        paragraphs=tuple(p for p in paragraphs if p.kind != "note"),
        notes=tuple(p for p in paragraphs if p.kind == "note"),
        changes=tuple(changes),
        balance=(shown, consumed),
    )


# A paragraph this long, or holding most of a text this long, was likely meant to be several.
LONG_PARAGRAPH, LONG_TEXT = 400, 300


def long_paragraphs(essay: Essay) -> list[Problem]:
    """The warnings of :func:`suspicious_paragraphs` for one essay: each paragraph that holds
    several hundred words, or most of its text."""
    words = [len(p.text.split()) for p in essay.paragraphs]
    total = sum(words)
    return [
        Problem(SourceLoc(essay.source_path, p.line), _long(essay, p.line, n, total), "warning")
        for p, n in zip(essay.paragraphs, words)
        if n >= LONG_PARAGRAPH or (total >= LONG_TEXT and n > total / 2)
    ]


# Paragraphs with a marker glued to a word, as a browser copies a note's: this many is no accident.
GLUED_MARKERS = 2


def glued_markers(essay: Essay) -> list[Problem]:
    """A warning for an essay whose paragraphs end words with note markers, but that declares
    no ``footnotes`` rule: digits glued to them, as a browser copies a web page's markers
    ("either.1"), which would be published as part of the text ("2015.3"); or superscript
    digits after punctuation ("either.¹"), as a web page's are extracted, left unlinked."""
    if any(r.name == "footnotes" for r in essay.rules):
        return []
    for pattern, how, declare in _GLUED:
        glued = [m for p in essay.paragraphs if (m := pattern.search(p.text))]
        if len(glued) >= GLUED_MARKERS:
            seen = ", ".join(repr(m.string[: m.end()].rsplit(" ", 1)[-1]) for m in glued[:2])
            where = essay.rules[-1].loc if essay.rules else essay.loc
            message = f"{len(glued)} paragraphs of essay '{essay.slug}' end a word with {how} ({seen}), {declare}"
            return [Problem(where, message, "warning")]
    return []


_GLUED = (
    (
        footnotes.DIGITS_MARKER,
        "digits glued to it",
        "as a browser copies a page's note markers, and would be published so: declare the cleaning rule "
        "'footnotes' with 'markers: digits' and the notes' 'notes_heading'",
    ),
    (
        re.compile(rf"(?<=[.,;:!?”’\"')\]])[{SUPERSCRIPTS}]+"),
        "a note marker in superscript",
        "which would be published unlinked, its note apart: declare the cleaning rule 'footnotes' with the "
        "notes' 'notes_heading'",
    ),
)


def paragraph_warnings(essay: Essay) -> list[Problem]:
    """The warnings of :func:`suspicious_paragraphs` for one essay."""
    return long_paragraphs(essay) + glued_markers(essay)


def suspicious_paragraphs(corpus: Corpus, each: Callable[[Essay], list[Problem]] = paragraph_warnings) -> list[Problem]:
    """A warning for each cleaned essay's paragraph that holds several hundred words, or
    most of a text, naming the rule that would split it, and for an essay whose paragraphs
    hold note markers glued to words but declares no ``footnotes`` rule (``each`` finds an
    essay's)."""
    return [problem for essay in corpus.essays for problem in each(essay)]


def _long(essay: Essay, line: int, words: int, total: int) -> str:
    said = f"one paragraph holds {words:,} words ({words * 100 // total}% of the text)"
    rest = essay.raw.split("\n")[line - 1 :]
    if len(rest) > 1 and rest[1].strip() and "one_paragraph_per_line" not in {r.name for r in essay.rules}:
        return f"{said}: if each of its lines is a paragraph, declare the cleaning rule 'one_paragraph_per_line'"
    return (
        f"{said}, on one line of the source: if it is several paragraphs, add the text again with "
        "`new essay --source` from the page or file received, which keeps its paragraphs"
    )


Cleaned = tuple[CleanText, list[Problem]]  # what cleaning made of an essay, and the problems it found
# (map, or parallel.each: clean_one over essays)
CleanEach = Callable[[Callable[[Essay], Cleaned], Sequence[Essay]], Iterable[Cleaned]]


def clean_one(essay: Essay) -> Cleaned:
    """What cleaning made of ``essay``, and the problems it found."""
    problems = Collector()
    return clean_text(essay, problems), problems.problems


def one_by_one(essays: Sequence[Essay], each: CleanEach = map) -> list[tuple[Essay, list[Problem]]]:
    """Each essay cleaned (by :func:`clean_one`, given to ``each``: in this process unless
    :func:`build_tools.parallel.each`, as render's ``each``), with the problems found."""
    return [(replace(e, cleaned=text), found) for e, (text, found) in zip(essays, each(clean_one, essays))]


def clean(
    corpus: Corpus, clean_each: Callable[[Sequence[Essay]], list[tuple[Essay, list[Problem]]]] = one_by_one
) -> Corpus:
    """Every essay with its cleaned paragraphs, or SeedError if a rule could not apply.

    Cleaning is a function of an essay's source and rules alone (:func:`clean_one`):
    ``clean_each`` may do it on every core and keep its results between builds (see
    build_tools/memoised.py)."""
    problems, essays = Collector(), []
    for essay, found in clean_each(corpus.essays):
        problems.extend(found)
        essays.append(essay)
    problems.raise_if_any()
    return replace(corpus, essays=tuple(essays))
