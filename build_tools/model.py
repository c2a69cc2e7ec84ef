"""The data model: frozen dataclasses that every stage passes along.

Each object that comes from a seeds file carries the :class:`SourceLoc` of the YAML
node it was read from, so any later stage can name ``path:line:column`` in an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .languages import date, gettext, names
from .problems import SourceLoc

PARAGRAPH_KINDS = ("paragraph", "heading", "standfirst", "editor_note", "author_note", "notes_heading", "note")
RELATIONS = ("agrees", "qualifies", "contrasts")
# A list of more entries than this (the essays, at hundreds) is not repeated in a page's
# navigation: a long section of the sidebar lists only the page's own entry, and the
# essays' index shows no table of contents beside the list it is.
LONG_LIST = 12
# How a passage stands to a claim's first passage, as its badge says. A passage of the same
# essay as the first is more of that essay, never agreement: an author agreeing with himself.
RELATION_LABELS = {
    "agrees": "Agrees",
    "qualifies": "Qualifies",
    "contrasts": "Contrasts",
    "same-essay": "Also in this essay",
}


# An object's editorial fields in the site's other languages, as the seeds' "es:" blocks give
# them: (language, field, text), e.g. ("es", "title", "Comercio") (see stages/localize.py).
Translated = tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Author:
    """A person (``given`` and ``family`` names) or an organisation (its whole name in
    ``family``, ``given`` empty), which is never split into names."""

    given: str
    family: str
    about: str | None = None

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}".strip()


@dataclass(frozen=True)
class EssayDate:
    """A publication date and how precisely it is known.

    ``value`` is ``YYYY-MM-DD`` (precision ``day``), ``YYYY-MM`` (``month``) or
    ``YYYY`` (``year``); ``approximate`` dates give the best estimate and a note.
    """

    value: str
    precision: str
    note: str | None = None

    @property
    def year(self) -> int:
        return int(self.value[:4])

    @property
    def display(self) -> str:
        return self.shown("en")

    def shown(self, language: str) -> str:
        """The date as a reader of ``language`` writes it: "2 March 2026", "c. 2000"."""
        return date(language, self.value, self.precision == "approximate")


@dataclass(frozen=True)
class Rule:
    """One cleaning step declared in an essay's metadata: a rule name and its parameters."""

    name: str
    params: Mapping[str, Any]
    loc: SourceLoc

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))


@dataclass(frozen=True)
class Paragraph:
    """One block of the cleaned text of an essay (or one of its notes).

    ``text`` is plain text (what quotes are matched against); ``line`` is the line
    of the raw source where the block begins. Positions in ``text`` mark the rest:
    ``emphasis``, ``(start, end)`` ranges set in italics; ``corrections``,
    ``(start, end, what the source reads)`` for each editor's correction;
    ``notes``, ``(position, number)`` of each footnote marker. A note (kind
    ``note``) has its number in ``label`` ("" when the source gives none).
    """

    id: str
    kind: str
    text: str
    line: int
    emphasis: tuple[tuple[int, int], ...] = ()
    corrections: tuple[tuple[int, int, str], ...] = ()
    notes: tuple[tuple[int, str], ...] = ()
    label: str = ""


@dataclass(frozen=True)
class Change:
    """What a cleaning rule did to the raw text, for the fidelity report.

    ``action`` is ``removed``, ``corrected`` (``detail`` is the correction),
    ``converted`` (markup such as ``*`` consumed), ``joined`` or ``marked`` (``detail``
    says as what). ``chars`` counts the characters of the source it accounts for
    (spaces not counted): the report's balance is made of them.
    """

    rule: str
    action: str
    text: str
    line: int
    reason: str = ""
    detail: str = ""
    chars: int = 0
    step: int = 0  # which rule of the essay's cleaning list (1-based)


@dataclass(frozen=True)
class Essay:
    slug: str
    title: str
    authors: tuple[Author, ...]
    genre: str
    date: EssayDate
    rights: str
    themes: tuple[str, ...]
    rules: tuple[Rule, ...]
    raw: str
    loc: SourceLoc
    source_path: str
    source_sha256: str = ""
    outlet: str | None = None
    section: str | None = None
    series: str | None = None
    publisher: str | None = None
    accessed: str | None = None  # YYYY-MM-DD: when a web page was read
    url: str | None = None
    archive_url: str | None = None
    language: str = "en"  # (a language tag: the language its text, and so its quotes, are in)
    added: str | None = None  # (the day it was added to the site, YYYY-MM-DD)
    received: str = ""  # (the source file's text exactly as received: byte-order mark and line ends kept)
    title_note: str | None = None
    summary: str | None = None
    # "a", "b", … when the corpus holds other essays by the same author(s) in the same
    # year, as author–date styles tell them apart ("Broad 2014a"); "" otherwise.
    year_letter: str = ""
    theme_locs: tuple[SourceLoc, ...] = ()  # where each of ``themes`` is written
    paragraphs: tuple[Paragraph, ...] = ()
    notes: tuple[Paragraph, ...] = ()
    changes: tuple[Change, ...] = ()
    # (characters of the source shown, characters removed or converted by a rule)
    balance: tuple[int, int] = (0, 0)
    translated: Translated = ()

    # Each way of naming the essay is a method of the language it is written in, and a
    # property in English (for data files and messages to editors).
    def byline_in(self, language: str) -> str:
        """The authors' names: "Anne Bach", "Anne Bach and Tom Smith"."""
        return names(language, [a.name for a in self.authors])

    def short_author_in(self, language: str) -> str:
        """Surname(s) as used in attributions: "Broad", "Bach and Smith", "Office of the Historian"."""
        return names(language, [a.family for a in self.authors])

    def short_date_in(self, language: str) -> str:
        """The date as shown, with the letter that tells this essay from others by the same
        author(s) in the same year: "13 June 2021", "c. 2000", "1977a"."""
        return self.date.shown(language) + self.year_letter

    def mention_in(self, language: str) -> str:
        """The author(s) as named in a sentence ("Broad"), with the date where another essay
        by the same author(s) in the same year could be meant ("Office of the Historian (2015a)")."""
        return self.label_in(language) if self.year_letter else self.short_author_in(language)

    def label_in(self, language: str) -> str:
        """The essay in a few words, as the navigation and lists name it: "Broad (July 2014)"."""
        return f"{self.short_author_in(language)} ({self.short_date_in(language)})"

    byline = property(lambda self: self.byline_in("en"))
    short_author = property(lambda self: self.short_author_in("en"))
    short_date = property(lambda self: self.short_date_in("en"))
    mention = property(lambda self: self.mention_in("en"))
    label = property(lambda self: self.label_in("en"))

    def paragraph(self, pid: str) -> Paragraph:
        return next(p for p in self.paragraphs if p.id == pid)


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
    relation: str | None = None
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
        return "".join(c if c.isalnum() else "-" for c in self.term.lower()).strip("-")


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

    def relation_to(self, lead: Quote) -> str | None:
        """How this passage stands to ``lead``, its claim's first: its relation, or
        "same-essay" when both come from one essay."""
        if self.essay.slug == lead.essay.slug:
            return "same-essay"
        return self.evidence.relation

    @property
    def speaker(self) -> str | None:
        """Who said the words, when the author quotes someone else (None: the author)."""
        ev = self.evidence
        return None if ev.speaker in {a.name for a in self.essay.authors} else ev.speaker

    def quoted_by_in(self, language: str) -> str:
        """What stands before the author's name when the words are another's:
        "Alexandria Ocasio-Cortez, U.S. Representative, quoted by " (else "")."""
        if not self.speaker:
            return ""
        who = ", ".join(filter(None, (self.speaker, self.evidence.speaker_role)))
        return gettext(language, "{speaker}, quoted by ").format(speaker=who)

    quoted_by = property(lambda self: self.quoted_by_in("en"))

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


def nested_marks(text: str) -> str:
    """``text`` as it shows inside quotation marks: its own double quotation marks become
    single ones (‘…’ inside “…”) and straight marks and apostrophes curly, as a publisher
    nests quotes (the verified text, in the exports, stays as the source has it).
    One character for one, so positions in the text still hold."""

    def curled(mark: re.Match) -> str:
        i = mark.start()  # (a straight mark: opening at the start of a word, else closing or an apostrophe)
        return "‘" if i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-" else "’"

    return _STRAIGHT_MARK.sub(curled, text).translate(_DOUBLE_TO_SINGLE)


_STRAIGHT_MARK = re.compile("[\"']")
_DOUBLE_TO_SINGLE = str.maketrans({"“": "‘", "”": "’"})


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
    # Citations written in hand-written pages of docs/: (where, the citation's text,
    # claim id or None, essay slug or None, paragraph id or None).
    page_citations: tuple[tuple[SourceLoc, str, str | None, str | None, str | None], ...] = ()

    def evidence(self) -> list[Evidence]:
        """Every quote the seeds make: of the claims, the timeline and the key figures."""
        passages = [item.passages for item in self.events] + [item.passages for item in self.figures]
        return [ev for c in self.claims for ev in c.evidence] + [ev for group in passages for ev in group]

    def essay(self, slug: str) -> Essay:
        return next(e for e in self.essays if e.slug == slug)

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def claims_of(self, theme_id: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.theme == theme_id)
