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

import functools
from dataclasses import replace

from ...ids import paragraph_ids
from ...memo import Cache
from ...model import Change, Corpus, Essay
from ...problems import Collector, SourceLoc
from .accounts import CONSUMING, Accounts
from .blocks import CORRECTION, MARKS, split_blocks
from .paragraphs import to_paragraph
from .rules import RULES, RuleError


def clean_essay(essay: Essay, problems: Collector) -> Essay:
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
        return essay
    for message in accounts.balance(blocks):
        problems.error(
            SourceLoc(essay.source_path), f"the cleaning of essay '{essay.slug}' does not balance: {message}"
        )
    shown, consumed = accounts.totals()
    paragraphs = [to_paragraph(b, corrections) for b in blocks]
    paragraphs = [replace(p, id=pid) for p, pid in zip(paragraphs, paragraph_ids(paragraphs))]
    return replace(
        essay,
        paragraphs=tuple(p for p in paragraphs if p.kind != "note"),
        notes=tuple(p for p in paragraphs if p.kind == "note"),
        changes=tuple(changes),
        balance=(shown, consumed),
    )


_CLEANED = ("paragraphs", "notes", "changes", "balance")


def _clean_one(essay: Essay) -> tuple[dict, list]:
    """What cleaning made of ``essay`` (its new fields), and the problems it found."""
    problems = Collector()
    done = clean_essay(essay, problems)
    return {name: getattr(done, name) for name in _CLEANED}, problems.problems


def clean(corpus: Corpus, cache: Cache | None = None) -> Corpus:
    """Every essay with its cleaned paragraphs, or SeedError if a rule could not apply.

    Cleaning is a function of an essay's source and rules alone: given what an earlier
    build kept in the ``cache`` (see memo.py), only the essays whose source or rules changed are
    cleaned again."""
    problems, kept = Collector(), cache or Cache()
    results = kept.cleaned.get_each(
        [(e.slug, (e.source_path, e.raw, repr(e.rules)), e) for e in corpus.essays],
        _clean_one,
        keep=lambda result: not result[1],
    )  # (its problems are said again)
    essays = []
    for essay, (cleaned, found) in zip(corpus.essays, results):
        problems.problems += found
        essays.append(
            kept.cleaned_essays.get(essay.slug, (essay, cleaned), functools.partial(replace, essay, **cleaned))
        )
    problems.raise_if_any()
    return replace(corpus, essays=tuple(essays))
