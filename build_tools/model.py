"""The data model: frozen dataclasses that every stage passes along.

Each object that comes from a seeds file carries the :class:`SourceLoc` of the YAML
node it was read from, so any later stage can name ``path:line:column`` in an error.
The essay and its parts are in :mod:`build_tools.essay`, and named here too.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal, NamedTuple

from .essay import (
    Action,
    Author,
    Change,
    CleanText,
    Essay,
    EssayDate,
    Excerpt,
    Genre,
    Paragraph,
    ParagraphKind,
    Participant,
    Precision,
    Rule,
    Translated,
    nested_marks,
)
from .languages import N_, article, gettext, pgettext
from .problems import SourceLoc
from .source_status import SourceCheck

# The model's names, the essay's among them (``from build_tools.model import Essay``).
__all__ = [
    "Action",
    "Author",
    "Change",
    "Claim",
    "ClaimCite",
    "CleanText",
    "Corpus",
    "Essay",
    "EssayDate",
    "Event",
    "Evidence",
    "Excerpt",
    "Figure",
    "Genre",
    "LONG_LIST",
    "PageCitation",
    "Paragraph",
    "ParagraphKind",
    "Participant",
    "PassageCite",
    "Precision",
    "Quote",
    "RELATION_LABELS",
    "Relation",
    "Rule",
    "Site",
    "Standing",
    "Term",
    "Theme",
    "Translated",
    "nested_marks",
]

# How a passage stands to its claim's first passage, as the editors say (seeds/crossrefs/).
Relation = Literal["agrees", "qualifies", "contrasts"]
# ... and as its badge says. A passage of the same essay as the first is more of that essay,
# never agreement: an author agreeing with himself.
Standing = Relation | Literal["same-essay"]
RELATION_LABELS: dict[Standing, str] = {
    "agrees": N_("Agrees"),
    "qualifies": N_("Qualifies"),
    "contrasts": N_("Contrasts"),
    "same-essay": N_("Also in this essay"),
}
# A list of more entries than this (the essays, at hundreds) is not repeated in a page's
# navigation: a long section of the sidebar lists only the page's own entry, and the
# essays' index shows no table of contents beside the list it is.
LONG_LIST = 12


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    question: str
    intro: tuple[str, ...]
    related: tuple[str, ...]
    loc: SourceLoc
    translated: Translated = ()


@dataclass(frozen=True)
class Evidence:
    essay: str
    quote: str
    loc: SourceLoc
    prefix: str | None = None
    suffix: str | None = None
    note: str | None = None
    relation: Relation | None = None
    # Whose words these are when the essay quotes someone (the author's name: the author's
    # own words in quotation marks); None: the author's own words.
    speaker: str | None = None
    speaker_role: str | None = None
    # The editors' translation of the quoted words, for a quote in another language than
    # the site's: shown beside them, never verified.
    translation: str | None = None
    translated: Translated = ()


@dataclass(frozen=True)
class Claim:
    id: str
    theme: str
    title: str
    claim: str
    evidence: tuple[Evidence, ...]
    loc: SourceLoc
    added: str | None = None  # (the day it was added to the site, YYYY-MM-DD)
    translated: Translated = ()


@dataclass(frozen=True)
class Event:
    """A dated event of the timeline and the passages that mention it."""

    id: str
    date: EssayDate
    title: str
    themes: tuple[str, ...]
    passages: tuple[Evidence, ...]
    loc: SourceLoc
    summary: str | None = None
    projection: bool = False
    translated: Translated = ()


@dataclass(frozen=True)
class Figure:
    """A number an essay uses, what it measures, and the passage that gives it."""

    id: str
    figure: str
    measures: str
    themes: tuple[str, ...]
    passage: Evidence
    loc: SourceLoc
    year: str | None = None  # (the year or period it refers to, where the passage gives one)
    translated: Translated = ()

    @property
    def passages(self) -> tuple[Evidence, ...]:
        return (self.passage,)


@dataclass(frozen=True)
class Term:
    """A glossary entry; ``forms`` are the term and its other spellings, each shown with a tooltip."""

    term: str
    definition: str
    forms: tuple[str, ...]
    loc: SourceLoc
    expansion: str | None = None
    language: str = "en"  # (the language of the term itself: "es" for "maquiladora")
    translated: Translated = ()

    @property
    def id(self) -> str:
        """Its entry's anchor: the term in lower case, accents left out ("secretaria-de-bienestar")."""
        bare = "".join(c for c in unicodedata.normalize("NFKD", self.term.lower()) if not unicodedata.combining(c))
        return "".join(c if c.isalnum() else "-" for c in bare).strip("-")


def said_in(language: str, essay: Essay, who: str, author: str, subject: bool = False) -> str | None:
    """``who`` as a speaker of ``essay``, a text where several speak, and its publisher named
    as ``author`` ("…, in a transcript published by the …"), as the subject of a sentence
    with ``subject`` (Spanish closes the aside with a comma); None for a genre where one speaks."""
    if subject:
        said = {
            "transcript": pgettext(language, "subject", "{speaker}, in a transcript published by {author}"),
            "hearing": pgettext(language, "subject", "{speaker}, in a hearing transcript published by {author}"),
            "interview": pgettext(language, "subject", "{speaker}, in an interview published by {author}"),
            "speech": pgettext(language, "subject", "{speaker}, in a speech published by {author}"),
            "press release": pgettext(language, "subject", "{speaker}, in a press release by {author}"),
        }.get(essay.genre)
    else:
        said = {
            "transcript": gettext(language, "{speaker}, in a transcript published by {author}"),
            "hearing": gettext(language, "{speaker}, in a hearing transcript published by {author}"),
            "interview": gettext(language, "{speaker}, in an interview published by {author}"),
            "speech": gettext(language, "{speaker}, in a speech published by {author}"),
            "press release": gettext(language, "{speaker}, in a press release by {author}"),
        }.get(essay.genre)
    return said.format(speaker=who, author=article(language, essay.organisation) + author) if said else None


@dataclass(frozen=True)
class Quote:
    """A piece of evidence resolved to the paragraph (and the span in it) that holds it."""

    evidence: Evidence
    essay: Essay
    paragraph: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        """The quoted words exactly as in the cleaned essay."""
        return self.paragraph.text[self.start : self.end]

    def relation_to(self, lead: Quote) -> Standing | None:
        """How this passage stands to ``lead``, its claim's first: its relation, or
        "same-essay" when both come from one essay."""
        if self.essay.slug == lead.essay.slug:
            return "same-essay"
        return self.evidence.relation

    @property
    def turn(self) -> Participant | None:
        """The speaker in whose turn the words stand, as the essay's participants name them,
        when the quote names no speaker of its own."""
        if self.evidence.speaker or not self.paragraph.speaker:
            return None
        return self.essay.participant(self.paragraph.speaker)

    @property
    def speaker(self) -> str | None:
        """Who said the words, when the author quotes someone else or they are a speaker's in
        a transcript (None: the author)."""
        ev, turn = self.evidence, self.turn
        if turn:
            return turn.name or turn.role
        return None if ev.speaker in {a.name for a in self.essay.authors} else ev.speaker

    @property
    def speaker_role(self) -> str | None:
        turn = self.turn
        if turn:
            return turn.role if turn.name else None
        return self.evidence.speaker_role if self.speaker else None

    def said_by_in(self, language: str, author: str, role: bool = True, subject: bool = False) -> str:
        """Who said the words, ``author`` being how the essay's author is named: "Alexandria
        Ocasio-Cortez, U.S. Representative, quoted by David L. Wilson", "Andrés Manuel López
        Obrador, President of Mexico, in a transcript published by the Presidency" (else
        ``author``); without the role, with ``role`` false; as the subject of a sentence, with
        ``subject`` (Spanish closes the aside with a comma)."""
        if not self.speaker:
            return author
        who = ", ".join(str(part) for part in (self.speaker, role and self.speaker_role) if part)
        if self.turn and (said := said_in(language, self.essay, who, author, subject)):
            return said
        quoted = pgettext(language, "subject", "{speaker}, quoted by {author}")
        said = quoted if subject else gettext(language, "{speaker}, quoted by {author}")
        return said.format(speaker=who, author=article(language, self.essay.organisation) + author)

    def excerpt(self) -> Paragraph:
        """The quoted words as a paragraph of their own, to show inside quotation marks
        (see :func:`nested_marks`), keeping the emphasis and the corrections that fall
        inside them (not the note markers)."""

        def clip(ranges):
            return tuple(
                (max(s, self.start) - self.start, min(e, self.end) - self.start, *rest)
                for s, e, *rest in ranges
                if s < self.end and e > self.start
            )

        p = self.paragraph
        return Paragraph(p.id, "quote", nested_marks(self.text), p.line, clip(p.emphasis), clip(p.corrections))


@dataclass(frozen=True)
class Site:
    """The site as a whole (from mkdocs.yml and the build's environment). ``url`` is its
    public address ending in "/", None when not configured; ``date`` (YYYY-MM-DD) is the
    date of the sources built (``SOURCE_DATE_EPOCH``), None when not given."""

    name: str = "Root Causes"
    url: str | None = None
    date: str | None = None
    language: str = "en"  # (the language of its pages: Material's theme.language)
    # Its editions, one per language: (language, folder under the site's root: "" for the
    # first, the site's own language; "es" for Spanish), from mkdocs.yml's extra.alternate.
    editions: tuple[tuple[str, str], ...] = (("en", ""),)
    # Who holds the rights to what (mkdocs.yml's ``copyright``, in the edition's language), as
    # the data package states its licences (build_tools/formats/data_package.py).
    copyright: str | None = None


class ClaimCite(NamedTuple):
    """``[[claim:<id>]]`` in a hand-written page of docs/: where it stands, as written, the claim's id."""

    loc: SourceLoc
    text: str
    claim: str


class PassageCite(NamedTuple):
    """``[[<essay>#<paragraph>]]`` in a hand-written page of docs/: where it stands, as
    written, the essay's slug and the paragraph's id (as typed: ``anchor`` checks them)."""

    loc: SourceLoc
    text: str
    essay: str
    paragraph: str


PageCitation = ClaimCite | PassageCite  # (a citation written in a hand-written page of docs/)


@dataclass(frozen=True)
class Corpus:
    essays: tuple[Essay, ...]
    themes: tuple[Theme, ...]
    claims: tuple[Claim, ...]
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    terms: tuple[Term, ...] = ()
    site: Site = Site()
    # Seeds files that exist but could not be read (already reported by ``load``), as
    # paths like "seeds/essays/x.yml": what refers to them is not reported again.
    unreadable: frozenset[str] = frozenset()
    page_citations: tuple[PageCitation, ...] = ()  # (in the hand-written pages of docs/)
    checks: tuple[SourceCheck, ...] = ()  # (what `make sources` last found; none without its file)

    def evidence(self) -> list[Evidence]:
        """Every quote the seeds make: of the claims, the timeline and the key figures."""
        passages = [item.passages for item in self.events] + [item.passages for item in self.figures]
        return [ev for c in self.claims for ev in c.evidence] + [ev for group in passages for ev in group]

    def essay(self, slug: str) -> Essay:
        return next(e for e in self.essays if e.slug == slug)

    def check(self, slug: str) -> SourceCheck | None:
        return next((c for c in self.checks if c.slug == slug), None)

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def claims_of(self, theme_id: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.theme == theme_id)
