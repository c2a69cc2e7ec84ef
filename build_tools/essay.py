"""An essay as the seeds give it and as cleaning makes it: its metadata, its cleaning
rules, the paragraphs of its cleaned text and what each rule changed.

Part of the data model (:mod:`build_tools.model`, which names these too).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from .languages import date, names
from .problems import Problem, SourceLoc

# How precisely a date is known: ``approximate`` is a year, inferred.
Precision = Literal["day", "month", "year", "approximate"]
# The role of a block of an essay's cleaned text; ``quote`` is the words of a quote set
# apart from their paragraph (see :meth:`build_tools.model.Quote.excerpt`).
ParagraphKind = Literal[
    "paragraph", "heading", "standfirst", "editor_note", "author_note", "notes_heading", "note", "quote", "speaker"
]
# What kind of work an essay is, as its metadata says (and as its citations name it).
Genre = Literal[
    "op-ed",
    "article",
    "magazine article",
    "journal article",
    "book chapter",
    "policy paper",
    "report",
    "government publication",
    "web page",
    "interview",
    "transcript",
    "speech",
    "hearing",
    "press release",
]
# What a cleaning rule did to the raw text (see :class:`Change`).
Action = Literal["removed", "corrected", "converted", "joined", "split", "marked"]

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
    translated: Translated = ()

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
    precision: Precision
    note: str | None = None

    @property
    def year(self) -> int:
        return int(self.value[:4])

    def shown(self, language: str) -> str:
        """The date as a reader of ``language`` writes it: "2 March 2026", "c. 2000"."""
        return date(language, self.value, self.precision == "approximate")

    def year_in(self, language: str) -> str:
        """The year alone, as a reader of ``language`` writes it: "2014", "c. 2000"."""
        return date(language, self.value[:4], self.precision == "approximate")


@dataclass(frozen=True)
class Rule:
    """One cleaning step declared in an essay's metadata: a rule name and its parameters."""

    name: str
    params: Mapping[str, Any]
    loc: SourceLoc
    translated: Translated = ()  # (its reason in other languages)

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
    ``note``) has its number in ``label`` ("" when the source gives none). In a text with
    speaker turns, ``speaker`` is the label of the turn the paragraph is in, as the text
    writes it ("MODERADOR"); a speaker's label is a paragraph of kind ``speaker``.
    """

    id: str
    kind: ParagraphKind
    text: str
    line: int
    emphasis: tuple[tuple[int, int], ...] = ()
    corrections: tuple[tuple[int, int, str], ...] = ()
    notes: tuple[tuple[int, str], ...] = ()
    label: str = ""
    speaker: str = ""


@dataclass(frozen=True)
class Change:
    """What a cleaning rule did to the raw text, for the fidelity report.

    ``action`` is ``removed``, ``corrected`` (``detail`` is the correction),
    ``converted`` (markup such as ``*`` consumed), ``joined``, ``split`` (a block made
    paragraphs at its line ends) or ``marked`` (``detail`` says as what). ``chars`` counts the characters of the source it accounts for
    (spaces not counted): the report's balance is made of them.
    """

    rule: str
    action: Action
    text: str
    line: int
    detail: str = ""
    chars: int = 0
    step: int = 0  # which rule of the essay's cleaning list (1-based)


@dataclass(frozen=True)
class CleanText:
    """What the clean stage made of an essay's raw text: its paragraphs and notes, every
    change its rules made, and the balance of the source's characters (shown, and removed
    or converted by a rule)."""

    paragraphs: tuple[Paragraph, ...] = ()
    notes: tuple[Paragraph, ...] = ()
    changes: tuple[Change, ...] = ()
    balance: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Participant:
    """A speaker of a transcript: the ``label`` its text gives ("MODERADOR"), and the name
    and role the site shows for it (either may be None, not both)."""

    label: str
    name: str | None
    role: str | None
    translated: Translated = ()
    loc: SourceLoc | None = None

    @property
    def who(self) -> str:
        """ "Andrés Manuel López Obrador, President of Mexico", "Moderator"."""
        return ", ".join(str(part) for part in (self.name, self.role) if part)


@dataclass(frozen=True)
class Excerpt:
    """Which part of a longer work an essay's text is: as the work names it, and its pages."""

    part: str | None = None
    pages: str | None = None
    translated: Translated = ()


@dataclass(frozen=True)
class Received:
    """The file an essay's text was extracted from (a web page or a PDF), kept as received:
    its path, its SHA-256, and the library and version that extracted the text."""

    path: str
    sha256: str
    extracted_with: str


@dataclass(frozen=True)
class Essay:
    slug: str
    title: str
    authors: tuple[Author, ...]
    genre: Genre
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
    # where ``url`` and ``archive_url`` are written (for `make sources`, which checks them)
    url_loc: SourceLoc | None = None
    archive_url_loc: SourceLoc | None = None
    language: str = "en"  # (a language tag: the language its text, and so its quotes, are in)
    added: str | None = None  # (the day it was added to the site, YYYY-MM-DD)
    received: str = ""  # (the source file's text exactly as received: byte-order mark and line ends kept)
    extracted_from: Received | None = None  # (for a text extracted from a web page or a PDF)
    title_note: str | None = None
    summary: str | None = None
    number: str | None = None  # (a report's number, as its publisher gives it: "R48859")
    excerpt: Excerpt | None = None  # (when the text is part of a longer work)
    participants: tuple[Participant, ...] = ()  # (the speakers of a transcript, by their labels)
    # "a", "b", … when the corpus holds other essays by the same author(s) in the same
    # year, as author–date styles tell them apart ("Broad 2014a"); "" otherwise.
    year_letter: str = ""
    theme_locs: tuple[SourceLoc, ...] = ()  # where each of ``themes`` is written
    # (what cleaning made of ``raw``: None until the clean stage has run)
    cleaned: CleanText | None = None
    translated: Translated = ()

    @property
    def clean_text(self) -> CleanText:
        if self.cleaned is None:
            raise RuntimeError(f"essay '{self.slug}' is read before the clean stage has run")
        return self.cleaned

    # The cleaned parts, as the stages after clean read them.
    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.clean_text.paragraphs

    @property
    def notes(self) -> tuple[Paragraph, ...]:
        return self.clean_text.notes

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.clean_text.changes

    @property
    def balance(self) -> tuple[int, int]:
        return self.clean_text.balance

    # Each way of naming the essay is a method of the language it is written in, and, where
    # data files and messages to editors name it so, a property in English.
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

    @property
    def organisation(self) -> str:
        """The name of the organisation that wrote the essay alone ("" if a person did)."""
        return self.authors[0].family if len(self.authors) == 1 and not self.authors[0].given else ""

    def mention_in(self, language: str) -> str:
        """The author(s) as named in a sentence ("Broad"), with the date where another essay
        by the same author(s) in the same year could be meant ("Office of the Historian (2015a)")."""
        return self.label_in(language) if self.year_letter else self.short_author_in(language)

    def label_in(self, language: str) -> str:
        """The essay in a few words, as the navigation and lists name it: "Broad (July 2014)"."""
        return f"{self.short_author_in(language)} ({self.short_date_in(language)})"

    def author_year_in(self, language: str) -> str:
        """The essay by its author(s) and year alone, as an author–date citation names it (the
        map's rows): "Broad (2014)", "Bach (c. 2000)", "Office of the Historian (2015a)"."""
        return f"{self.short_author_in(language)} ({self.date.year_in(language)}{self.year_letter})"

    byline = property(lambda self: self.byline_in("en"))
    short_author = property(lambda self: self.short_author_in("en"))
    label = property(lambda self: self.label_in("en"))

    def participant(self, label: str) -> Participant | None:
        """The speaker whose turn ``label`` opens, when the metadata names them."""

        def key(text: str) -> str:  # (as typed or pasted: accents composed or not, a colon after it or not)
            return unicodedata.normalize("NFC", text).rstrip(": ")

        return next((p for p in self.participants if key(p.label) == key(label)), None)

    def paragraph(self, pid: str) -> Paragraph:
        return next(p for p in self.paragraphs if p.id == pid)


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


class EssayText(NamedTuple):
    """An essay's raw text as load reads it, and the file it was extracted from, if any."""

    raw: str | None  # (None if it cannot be read: ``problems`` say why)
    received: str  # (the text as received, with its byte-order mark if it had one)
    sha256: str
    problems: list[Problem]
    # the SHA-256 of the web page or PDF the text was extracted from, if the metadata names
    # one and it is there
    extracted_from: str | None = None
