"""Stage 5a, localize: the corpus as one edition of the site shows it.

The seeds are written in the site's language (English). The editors' own text — a theme's
title, question and introduction, a claim's title and summary, their notes, the timeline's
events, the figures' descriptions, the glossary's definitions, an essay's summary — may
carry its text in another language beside it (an ``es:`` block, read into each object's
``translated``). For the edition in another language each such field is replaced by its
translation or, where there is none, kept in English as :class:`Untranslated`: the page
shows it marked as English, with a notice that it is not yet translated.

Quotes are never translated: what is verified is the essay's own words, shown in its own
language. The editors' translation of a quote is shown only in the edition of its language
and never for a quote already in that language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ..formats.markdown_text import Untranslated
from ..languages import NAMES, gettext, number
from ..model import (
    Author,
    Claim,
    Corpus,
    Essay,
    Event,
    Evidence,
    Excerpt,
    Figure,
    Participant,
    Quote,
    Rule,
    Term,
    Theme,
)
from ..problems import Problem, SourceLoc, line_list
from .records import paragraphs

# The editorial fields of each kind of object, as the model names them.
EDITORIAL: dict[type, tuple[str, ...]] = {
    Theme: ("title", "question", "intro"),
    Claim: ("title", "claim"),
    Evidence: ("note", "speaker_role"),
    Event: ("title", "summary", "date_note"),
    Figure: ("figure", "measures", "year"),
    Term: ("definition", "expansion"),
    Essay: ("summary", "title_note", "date_note", "rights"),
    Participant: ("role",),
    Author: ("about",),
    Rule: ("reason",),
    Excerpt: ("part",),
}


def _english(obj, name: str) -> Any:
    """The field ``name`` of ``obj`` as the seeds write it in the site's language."""
    if name == "date_note":
        return obj.date.note
    if isinstance(obj, Rule):
        return obj.params.get(name)
    return getattr(obj, name)


def _words(value) -> bool:
    """Whether a field's text has words to translate (not "2014", "42" or "7–20")."""
    return any(char.isalpha() for char in (" ".join(value) if isinstance(value, tuple) else value or ""))


# Fields translated where a translation is given, and otherwise shown as they are (a
# speaker's name needs none; a description in its place, "the authors of a report", does).
OPTIONAL: dict[type, tuple[str, ...]] = {Evidence: ("speaker",), Participant: ("name",)}


def missing(obj, language: str) -> list[str]:
    """The editorial fields of ``obj`` that have words but no translation into ``language``
    (of its optional ones, those that describe rather than name)."""
    done = {name for lang, name, _ in obj.translated if lang == language}
    wanted = [name for name in EDITORIAL[type(obj)] if _words(_english(obj, name))]
    wanted += [name for name in OPTIONAL.get(type(obj), ()) if _describes(getattr(obj, name))]
    return [name for name in wanted if name not in done]


def _describes(name: str | None) -> bool:
    """Whether a speaker's name describes rather than names ("a mayor of the region", "The
    authors of a report"): it opens with a word in lower case or an article."""
    first = (name or "").split(" ", 1)[0]
    return bool(first) and (first[0].islower() or first in ("The", "A", "An"))


def _localized(obj, language: str, source: str):
    """``obj`` with each editorial field in ``language``, or its English kept as Untranslated."""
    given = {name: text for lang, name, text in obj.translated if lang == language}
    changes: dict[str, Any] = {}
    for name in EDITORIAL[type(obj)]:
        english = _english(obj, name)
        if not _words(english):
            if name == "figure":  # (a number alone: the edition writes it as its readers do)
                changes[name] = numbers_in(language, english)
            elif name == "year" and english:  # (years, never grouped: "2014–2016")
                changes[name] = ranges_in(language, english)
            continue
        if name == "intro":  # (paragraphs, separated by blank lines)
            text = given.get(name)
            value: Any = paragraphs(text) if text else tuple(Untranslated(p, source) for p in english)
        else:
            value = given.get(name) or Untranslated(english, source)
        if name == "date_note":
            changes["date"] = replace(obj.date, note=value)
        else:
            changes[name] = value
    changes |= {name: given[name] for name in OPTIONAL.get(type(obj), ()) if name in given}
    if isinstance(obj, Rule):  # (its reason is one of its parameters)
        return replace(obj, params={**obj.params, **changes})
    return replace(obj, **changes) if changes else obj


def _essay(essay: Essay, language: str, source: str) -> Essay:
    """``essay`` with its editorial fields, and those of its authors, rules, excerpt and
    speakers, in ``language``."""

    def each(parts: tuple) -> tuple:
        return tuple(_localized(part, language, source) for part in parts)

    return replace(
        _localized(essay, language, source),
        authors=each(essay.authors),
        rules=each(essay.rules),
        participants=each(essay.participants),
        excerpt=essay.excerpt and _localized(essay.excerpt, language, source),
    )


def _parts(item) -> tuple:
    """The objects inside ``item`` that have editorial fields of their own."""
    names = ("evidence", "passages", "participants", "authors", "rules")
    return sum((tuple(getattr(item, name, ())) for name in names), ()) + tuple(
        filter(None, [getattr(item, "excerpt", None)])
    )


_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d,])")


def numbers_in(language: str, text: str) -> str:
    """``text`` (in the site's language) with its numbers written as the edition in
    ``language`` writes them (Babel, for its locale: see :mod:`build_tools.languages`)."""

    def written(m: re.Match) -> str:
        return number(language, Decimal(m[1].replace(",", "") + (f".{m[2]}" if m[2] else "")))

    return ranges_in(language, _NUMBER.sub(written, text))


def ranges_in(language: str, text: str) -> str:
    """``text`` with the dash of each range of numbers as ``language`` writes it."""
    return _RANGE.sub(_RANGE_DASH.get(language, "–"), text)


# The dash between the numbers of a range ("7–20", "2014–2016"): Spanish writes a hyphen
# there (RAE, Ortografía, 2010: the guion joins the ends of an interval).
_RANGE = re.compile(r"(?<=\d)–(?=\d)")
_RANGE_DASH = {"es": "-"}


def _evidence(ev: Evidence, essay: Essay, language: str, source: str) -> Evidence:
    """A quote's editorial fields in ``language``; its translation, the editors' into
    ``language``, if the quote is in another language (never an English one)."""
    translation = None
    if essay.language != language:
        translation = next((t for lang, name, t in ev.translated if lang == language and name == "translation"), None)
    return replace(_localized(ev, language, source), translation=translation)


def localize(corpus: Corpus, quotes: dict[Evidence, Quote], language: str) -> tuple[Corpus, dict[Evidence, Quote]]:
    """The corpus and its quotes as the edition in ``language`` shows them (as they are for
    the site's own language)."""
    site = corpus.site
    if language == site.language:
        return corpus, quotes
    source = site.language
    essays = {e.slug: _essay(e, language, source) for e in corpus.essays}
    evidence = {ev: _evidence(ev, essays[ev.essay], language, source) for ev in corpus.evidence()}

    claims = tuple(
        replace(_localized(c, language, source), evidence=tuple(evidence[ev] for ev in c.evidence))
        for c in corpus.claims
    )
    events = tuple(
        replace(_localized(e, language, source), passages=tuple(evidence[ev] for ev in e.passages))
        for e in corpus.events
    )
    figures = tuple(replace(_localized(f, language, source), passage=evidence[f.passage]) for f in corpus.figures)
    folder = dict(site.editions).get(language, language)
    localized = replace(
        corpus,
        essays=tuple(essays.values()),
        themes=tuple(_localized(t, language, source) for t in corpus.themes),
        claims=claims,
        events=events,
        figures=figures,
        terms=tuple(_localized(t, language, source) for t in corpus.terms),
        site=replace(
            site,
            language=language,
            url=site.url and f"{site.url}{folder}/",
            copyright=site.copyright and gettext(language, site.copyright),
        ),
    )
    return localized, {
        evidence[ev]: replace(q, evidence=evidence[ev], essay=essays[q.essay.slug]) for ev, q in quotes.items()
    }


_KIND = {Theme: "theme", Claim: "claim", Event: "event", Figure: "figure", Term: "term", Essay: "essay"}


def gaps(item, language: str) -> list[str]:
    """The editorial fields of ``item``, and of the objects inside it, that have words but no
    translation into ``language``."""
    return missing(item, language) + [f for part in _parts(item) for f in missing(part, language)]


def untranslated(corpus: Corpus, language: str, gaps_of: Callable[[Any, str], list[str]] = gaps) -> list[Problem]:
    """What the edition in ``language`` shows in English for want of a translation: one
    warning a seeds file, with where each object is. Never an error. What each object
    leaves untranslated, ``gaps_of`` says (``make serve`` keeps it between builds)."""
    name = NAMES.get(language, language)
    by_file: dict[str, list[tuple[Any, list[str]]]] = {}
    items: list[Any] = [*corpus.themes, *corpus.claims, *corpus.events, *corpus.figures, *corpus.terms, *corpus.essays]
    for item in items:
        if fields := gaps_of(item, language):
            by_file.setdefault(item.loc.path, []).append((item, fields))
    problems = []
    for path, found in by_file.items():
        first = found[0][0].loc
        kinds = sorted({_KIND[type(item)] for item, _ in found})
        problems.append(
            Problem(
                SourceLoc(path, first.line),
                f"not yet translated into {name}: {len(found)} {'/'.join(kinds)}"
                f"{'s' if len(found) != 1 else ''} ({line_list([item.loc.line for item, _ in found])}); the {name} edition shows "
                f"them in English until an '{language}:' block gives their text",
                "warning",
            )
        )
    return problems
