"""The whole build, top to bottom: load → validate → clean → anchor → (for each edition:
localize → render) → write.

Each stage is a function from data to data; only ``load`` reads files and only
``write`` writes them. ``load`` checks the files' shape; ``validate`` their meaning, one
file at a time (making the records of those that pass), then the records together.
``load`` and ``validate`` record their problems together, so
one run reports every mistake in the files; each later stage reports all of its
own at once (as :class:`~build_tools.problems.SeedError`). Nothing is written
unless every stage succeeded.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import memoised, parallel
from .folders import edition_folders
from .kept_pages import KeptPages
from .memoised import Cache
from .model import Corpus, Evidence, Quote
from .problems import Collector, Problem
from .stages.clean.turns import unheard
from .stages.localize import localize
from .stages.quote_translations import untranslated_quotes
from .stages.render import render, render_parts
from .stages.validate.house_style import house_style
from .stages.write import write


@dataclass(frozen=True)
class Checked:
    corpus: Corpus
    quotes: dict[Evidence, Quote]
    warnings: list[Problem]
    # What an edition in another language shows in English for want of a translation, and
    # the translations that may be out of date: said, never an error, even where warnings
    # are (--strict).
    untranslated: list[Problem] = field(default_factory=list)


def check(root: Path, cache: Cache | None = None) -> Checked:
    """Everything but the output: the seeds read, cross-checked, cleaned and every quote found.
    Given the ``cache`` of an earlier build, each stage redoes only what changed since
    (see memoised.py)."""
    problems = Collector()
    seeds = memoised.load(root, problems, cache)
    corpus = memoised.files(seeds, problems, cache)
    memoised.validate(corpus, problems, cache)
    problems.raise_if_any()
    warnings = [p for p in problems.problems if p.severity != "notice"]
    notices = [p for p in problems.problems if p.severity == "notice"]
    corpus = memoised.clean(corpus, cache)
    quotes = memoised.anchor(corpus, cache)
    gaps = [
        p
        for language, _ in corpus.site.editions[1:]
        for p in memoised.untranslated(corpus, language, cache) + untranslated_quotes(corpus, language)
    ]
    # (an essay's warnings, then its quotes', then the glossary's)
    found = memoised.suspicious_paragraphs(corpus, cache) + unheard(corpus)
    found += memoised.quote_warnings(quotes, cache) + memoised.unused_terms(corpus, cache)
    found += house_style(corpus)
    return Checked(corpus, quotes, warnings + found, sorted(gaps + notices))


def build(
    root: Path, cache: Cache | None = None, languages: Collection[str] | None = None, kept: KeptPages | None = None
) -> tuple[Checked, list[str]]:
    """Check the seeds, then write the generated pages of every edition (or of those in
    ``languages``: ``make serve`` makes the one it serves) into ``root/docs``: the first
    edition's at its root, each other's in its folder (``docs/es/``). Each edition's pages
    are put in place all at once, one edition after the other; each page is staged as soon
    as it is made, so no edition is held whole in memory. Given the pages ``kept`` by an
    earlier build (``make serve``, which keeps them all), only what changed is made again."""
    checked = check(root, cache)
    changed = []
    for language, folder in checked.corpus.site.editions:
        if languages is None or language in languages:
            folders = edition_folders(folder)
            if kept:
                changed += kept.write(edition_pages(checked, language, folder, kept), root / "docs", folders)
            else:  # (each page written as it is made, and let go)
                changed += write(edition_stream(checked, language, folder), root / "docs", folders)
    return checked, changed


def edition_pages(checked: Checked, language: str, folder: str, kept: KeptPages | None = None) -> dict[str, str]:
    """The generated pages of the edition in ``language``, by path under docs/."""
    corpus, quotes = localize(checked.corpus, checked.quotes, language)
    pages = kept.render(corpus, quotes) if kept else render(corpus, quotes, parallel.stream)
    return {posixpath.join(folder, path): text for path, text in pages.items()} if folder else pages


def edition_stream(checked: Checked, language: str, folder: str) -> Iterator[tuple[str, str]]:
    """The generated pages of the edition in ``language``, ``(path under docs/, text)``, one
    at a time, as they are made."""
    corpus, quotes = localize(checked.corpus, checked.quotes, language)
    for part in render_parts(corpus, quotes, parallel.stream):
        yield from ((posixpath.join(folder, path), text) for path, text in part.items())
