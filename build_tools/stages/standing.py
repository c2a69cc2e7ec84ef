"""Where a quote found stands, as warnings (pipeline.check): words in quotation marks in the
essay that name no speaker, a speaker given the author's own words, a quote of a transcript
whose speaker is not known, and a Spanish question or exclamation cut from its ¿ or ¡. Run
after anchor, on the quotes found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..model import Evidence, Quote
from ..problems import Problem
from .anchor import short

# The quotation marks of the languages the essays are written in, as (opening, closing):
# English “…” and ‘…’, Spanish and French «…» and ‹…›, German „…“ and ‚…‘, Polish „…”.
_MARKS = (("“", "”"), ("‘", "’"), ("«", "»"), ("‹", "›"), ("„", "“"), ("„", "”"), ("‚", "‘"), ("‚", "’"))
# An apostrophe, not a closing mark: ’ between two letters ("don’t", "Mexico’s").
_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")
_WORD = re.compile(r"\w+")
# A line of dialogue as Spanish prints it: a paragraph opening with a raya glued to the
# speaker's words, each of the narrator's asides between two more ("—Porque alguien tiene
# que quedarse —me respondió—. Y se rió."): the speaker's words follow an odd raya.
_DIALOGUE = re.compile(r"—\S")


def in_quotation_marks(quote: Quote) -> bool:
    """Whether every word quoted stands inside quotation marks in the essay: the words of
    someone the author quotes. A passage that also holds words outside them (“Do not
    come,” she warned) is the author's own, quoting."""
    text = _APOSTROPHE.sub("\x00", quote.paragraph.text)  # (one character for one: positions hold)
    words = [quote.start + m.start() for m in _WORD.finditer(quote.text)]
    return bool(words) and all(_inside(text, at) for at in words)


def _inside(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` (its apostrophes masked) stands inside quotation
    marks, or in the words of a dialogue's speaker (:data:`_DIALOGUE`)."""
    before, after = text[:at], text[at:]
    curly = any(before.rfind(opening) > before.rfind(closing) and closing in after for opening, closing in _MARKS)
    spoken = _DIALOGUE.match(text) is not None and before.count("—") % 2 == 1
    return curly or spoken or (before.count('"') % 2 == 1 and '"' in after)


def unattributed(ev: Evidence, quote: Quote) -> Problem | None:
    """A warning if the quote is in quotation marks in its essay and names no speaker, or is
    of a transcript whose speaker is not known."""
    if ev.speaker:
        return mixed(ev, quote)
    unknown = unknown_speaker(quote)
    if unknown:
        return Problem(ev.loc, unknown, "warning")
    if in_quotation_marks(quote):
        return Problem(
            ev.loc,
            "this passage is in quotation marks in the essay: whose words are they? "
            "add 'speaker' (with 'name', and 'role' where it helps)",
            "warning",
        )
    return None


# The genres of texts whose words are their speakers' without quotation marks (those that
# model.said_in names).
_SPEAKERS_WORDS = ("transcript", "hearing", "interview", "speech", "press release")


def mixed(ev: Evidence, quote: Quote) -> Problem | None:
    """A warning if the quote gives to a speaker other than its essay's author words that
    stand outside quotation marks: the author's own ("she warned…"), which would be shown
    as the speaker's."""
    if not quote.speaker or quote.turn or quote.essay.genre in _SPEAKERS_WORDS or in_quotation_marks(quote):
        return None
    return Problem(
        ev.loc,
        f"this passage has words outside the quotation marks, which are the author's, not {ev.speaker}'s: "
        f"quote only the words in quotation marks, or leave out 'speaker' (the passage is then the author's, "
        f"quoting {ev.speaker})",
        "warning",
    )


# The genres of texts where several people speak, whose every quote has a speaker (an
# interview may be an article with quotes, so only its declared turns are checked).
_SPOKEN = ("transcript", "hearing")


def unknown_speaker(quote: Quote) -> str | None:
    """Why the speaker of a quote from a transcript is not known, if it is not."""
    essay, label = quote.essay, quote.paragraph.speaker
    if quote.turn or (essay.genre not in _SPOKEN and not label):
        return None
    if label:
        return (
            f"this passage is in the turn of '{label}', whom the 'participants' of essay '{essay.slug}' "
            "do not name: add it there with its 'name' and 'role', or give this quote a 'speaker'"
        )
    return (
        f"this passage of the {essay.genre} '{essay.slug}' is in no speaker's turn: whose words are they? "
        "declare the cleaning rule 'speaker_turns', or add 'speaker' (with 'name', and 'role' where it helps)"
    )


class QuoteWarnings(NamedTuple):
    """Where one quote stands, as its two possible warnings (None where there is none)."""

    unattributed: Problem | None  # (see unattributed)
    cut_sentence: Problem | None  # (see cut_sentence)


def warnings_of(pairs: Sequence[tuple[Evidence, Quote]]) -> list[QuoteWarnings]:
    """Where each quote stands, from itself and its passage alone."""
    return [QuoteWarnings(unattributed(ev, q), cut_sentence(q)) for ev, q in pairs]


def quote_warnings(
    quotes: dict[Evidence, Quote],
    each: Callable[[Sequence[tuple[Evidence, Quote]]], list[QuoteWarnings]] = warnings_of,
) -> list[Problem]:
    """The warnings about where the quotes found stand (``each`` finds them, for all the
    quotes at once): words in quotation marks with no speaker, then a Spanish question or
    exclamation cut in two."""
    found = each(list(quotes.items()))
    return [w.unattributed for w in found if w.unattributed] + [w.cut_sentence for w in found if w.cut_sentence]


# Spanish opens a question and an exclamation with its own mark.
_INVERTED = {"?": "¿", "!": "¡"}
_SENTENCE_END = re.compile(r"[.?!…][\"”’»)]*(?=\s|$)")
_CLOSING_MARKS = '"”’»)'


def cut_sentence(quote: Quote) -> Problem | None:
    """A warning when ``quote`` keeps the closing ? or ! of a Spanish question or exclamation
    but leaves out its opening ¿ or ¡, or the reverse: the page would show it lopsided."""
    text, words = quote.paragraph.text, quote.text
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, quote.start)), default=0)
    end_at = _SENTENCE_END.search(text, max(quote.end - 1, quote.start))
    end = end_at.end() if end_at else len(text)
    for closing, opening in _INVERTED.items():
        if words.rstrip(_CLOSING_MARKS + " ").endswith(closing) and opening not in words:
            kept, left = closing, opening
            if opening not in text[start : quote.start]:
                continue
        elif opening in words and closing not in words[words.rindex(opening) :]:
            kept, left = opening, closing
            if closing not in text[quote.end : end]:
                continue
        else:
            continue
        what = "a question" if closing == "?" else "an exclamation"
        return Problem(
            quote.evidence.loc,
            f"this quote cuts {what} in two (it keeps its '{kept}' but not its '{left}'): "
            f'quote the whole sentence, "{short(text[start:end].strip(), 200)}"',
            "warning",
        )
    return None
