"""Queries on the corpus: how its passages relate across essays and themes.

Where each paragraph is quoted, which passages of two essays a claim sets side by side
or against each other, and each theme in figures. The pages show these (see
:mod:`build_tools.stages.render`); they are questions about the model, asked of the
corpus and its found quotes alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from .model import Claim, Corpus, Essay, Evidence, Quote, Theme


# (Records of a page's inputs are NamedTuples: make serve compares each page's inputs with
# the last build's, and a tuple compares in C, the same objects at once.)
class Citation(NamedTuple):
    """Where a paragraph is quoted: the claim and the quote."""

    claim: Claim
    quote: Quote


class Conversation(NamedTuple):
    """A passage of this essay and one of another essay that a claim sets side by side;
    ``lead`` is True when ours is the claim's first passage (theirs relates to it)."""

    claim: Claim
    ours: Quote
    theirs: Quote
    lead: bool

    @property
    def related(self) -> Evidence:
        """The passage of the pair that relates to the claim's first (the other is the first)."""
        return (self.theirs if self.lead else self.ours).evidence

    @property
    def relation(self) -> str | None:
        return self.related.relation

    @property
    def disagreement(self) -> str | None:
        """The anchor of this pair on the page of disagreements, if it is there."""
        return disagreement_id(self.claim, self.related)


DISAGREEING = ("qualifies", "contrasts")


def disagreement_id(claim: Claim, ev: Evidence) -> str | None:
    """The anchor on the page of disagreements of ``ev`` set against its claim's lead
    passage (another essay's), or None if it does not qualify or contrast it."""
    return f"d-{claim.id}-{claim.evidence.index(ev)}" if ev.relation in DISAGREEING else None


@dataclass(frozen=True)
class Disagreement:
    """A passage that qualifies or contrasts with the lead passage of a claim, from another essay."""

    claim: Claim
    lead: Quote
    other: Quote

    @property
    def id(self) -> str | None:
        return disagreement_id(self.claim, self.other.evidence)


def disagreements(corpus: Corpus, quotes: dict[Evidence, Quote], theme_id: str) -> list[Disagreement]:
    """Every pair of passages of two essays that a claim of the theme sets against each other."""
    return [
        Disagreement(claim, quotes[claim.evidence[0]], quotes[ev])
        for claim in corpus.claims_of(theme_id)
        for ev in claim.evidence[1:]
        if ev.relation in DISAGREEING and ev.essay != claim.evidence[0].essay
    ]


def conversations(corpus: Corpus, quotes: dict[Evidence, Quote]) -> dict[str, list[Conversation]]:
    """For each essay, every pair (its passage, another essay's) that a claim relates: the
    lead passage of a claim and each passage marked as agreeing, qualifying or contrasting."""
    pairs: dict[str, list[Conversation]] = defaultdict(list)
    for claim in corpus.claims:
        lead, *others = [quotes[ev] for ev in claim.evidence]
        for other in others:
            if lead.essay.slug != other.essay.slug:
                pairs[lead.essay.slug].append(Conversation(claim, lead, other, True))
                pairs[other.essay.slug].append(Conversation(claim, other, lead, False))
    return dict(pairs)


def citations(corpus: Corpus, quotes: dict[Evidence, Quote]) -> dict[str, list[Citation]]:
    """For each essay, where its paragraphs are quoted: theme by theme, claim by claim."""
    cited: dict[str, list[Citation]] = defaultdict(list)
    for theme in corpus.themes:
        for claim in corpus.claims_of(theme.id):
            for ev in claim.evidence:
                cited[ev.essay].append(Citation(claim, quotes[ev]))
    return dict(cited)


@dataclass(frozen=True)
class ThemeStats:
    claims: int
    quotes: int
    essays: tuple[Essay, ...]
    disagreements: int  # pairs of passages of two essays set against each other


def theme_stats(corpus: Corpus, theme: Theme, disagreeing: list[Disagreement]) -> ThemeStats:
    claims = corpus.claims_of(theme.id)
    slugs = {ev.essay for c in claims for ev in c.evidence}
    return ThemeStats(
        len(claims),
        sum(len(c.evidence) for c in claims),
        tuple(e for e in corpus.essays if e.slug in slugs),
        len(disagreeing),
    )


class Related(NamedTuple):
    """What the pages show of how the corpus's passages relate, asked once for all of them."""

    disagreeing: dict[str, list[Disagreement]]  # by theme
    stats: dict[str, ThemeStats]  # by theme
    citations: dict[str, list[Citation]]  # by essay (quoted)
    conversations: dict[str, list[Conversation]]  # by essay (in conversation with another)


def related(corpus: Corpus, quotes: dict[Evidence, Quote]) -> Related:
    disagreeing = {t.id: disagreements(corpus, quotes, t.id) for t in corpus.themes}
    return Related(
        disagreeing,
        {t.id: theme_stats(corpus, t, disagreeing[t.id]) for t in corpus.themes},
        citations(corpus, quotes),
        conversations(corpus, quotes),
    )
