"""Validate, file by file: each file that ``load`` read is checked for its meaning
(``files``), and the files that pass are made into records (``records.py``): the
:class:`Corpus` that the checks of the records together are made on.

Each step per file or per essay is a function of its arguments alone, done in this process
unless the caller gives one that runs on every core or keeps its results between builds
(:class:`FileSteps`; see ``build_tools/memoised.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from ...essay import Essay, EssayText
from ...model import Claim, Corpus
from ...problems import Collector, Problem
from ...source_status import SourceCheck, Status, source_checks
from .. import records
from ..load import EssayFiles, Parsed, SeedPath, SeedRead, Seeds
from .files import check_pages, checked_each, essay_of


def claims_of(file: SeedPath, data) -> list[Claim]:
    """The claims of a cross-references file, of the theme it is named for."""
    return records.claims(file.path.stem, data)


class FileSteps(NamedTuple):
    """The steps of validate made per file or per essay, each a function of its arguments
    alone (memoised.py gives steps that run on every core and keep their results between
    builds)."""

    checked_each: Callable[[Sequence[SeedRead]], list[Parsed]] = checked_each
    essay: Callable[[EssayFiles, Parsed, EssayText], tuple[Essay | None, list[Problem]]] = essay_of
    letter: Callable[[Essay, str], Essay] = records.lettered
    claims: Callable[[SeedPath, Any], list[Claim]] = claims_of


PLAIN = FileSteps()


def corpus(seeds: Seeds, problems: Collector, steps: FileSteps = PLAIN) -> Corpus:
    """The Corpus of the files of ``seeds`` whose meaning is right; record every problem."""
    singles = [r for r in (seeds.themes, *seeds.claims, seeds.events, seeds.figures, seeds.terms) if r is not None]
    reads = singles + [SeedRead(e.files.meta, e.meta) for e in seeds.essays]
    # (all checked at once, so that memoised.py may check them on every core; their problems
    # are recorded below, in the files' order)
    verdicts = _Verdicts(dict(zip((r.file.rel for r in reads), steps.checked_each(reads))), problems)
    themes = records.themes(data) if (data := verdicts.data(seeds.themes)) is not None else []
    essays = []
    for read in seeds.essays:
        meta = verdicts.said(read.files.meta)
        essay, found = steps.essay(read.files, meta, read.text)
        problems.extend(found)
        essays += [essay] if essay is not None else []
    claims = []
    for cross in seeds.claims:
        if (data := verdicts.data(cross)) is not None:
            claims += steps.claims(cross.file, data)
    events = verdicts.items(seeds.events, "events", records.event)
    figures = verdicts.items(seeds.figures, "figures", records.figure)
    terms = verdicts.items(seeds.terms, "terms", records.term)
    check_pages(seeds.pages, tuple(f for _, f in seeds.site.editions[1:]), problems)
    made = {x.loc.path for x in (*essays, *claims, *themes, *events, *figures, *terms)}
    made_corpus = Corpus(
        essays=tuple(records.year_letters(essays, steps.letter)),
        themes=tuple(themes),
        claims=tuple(claims),
        events=tuple(events),
        figures=tuple(figures),
        terms=tuple(terms),
        unreadable=frozenset(path for path in seeds.listed if path.endswith(".yml")) - made,
        page_citations=seeds.page_citations,
        site=seeds.site,
    )
    return replace(made_corpus, checks=_checks(seeds.status, made_corpus))


class _Verdicts(NamedTuple):
    """Each file checked, by its path; what is said of a file is recorded in ``problems``."""

    checked: dict[str, Parsed]
    problems: Collector

    def said(self, file: SeedPath) -> Parsed:
        """The file checked (the very object the check gave), its problems recorded."""
        found = self.checked[file.rel]
        self.problems.extend(found[1])
        return found

    def data(self, read: SeedRead | None) -> Any:
        """The data of a file that passed its checks (None if it did not, or is absent)."""
        return None if read is None else self.said(read.file)[0]

    def items(self, read: SeedRead | None, key: str, make: Callable[[Any], Any]) -> list:
        """The records of the items of a file holding one list (the timeline, the figures,
        the glossary), ``key`` its list's name."""
        data = self.data(read)
        return [] if data is None else [make(item) for item in data[key]]


def _checks(status: Status | None, corpus: Corpus) -> tuple[SourceCheck, ...]:
    """What ``make sources`` last found, for each essay whose original is still at the
    address that was checked: nothing without its status file."""
    quotes: dict[str, list[str]] = {}
    for ev in corpus.evidence():
        quotes.setdefault(ev.essay, []).append(ev.quote)
    urls = {e.slug: e.url for e in corpus.essays}
    return tuple(c for c in source_checks(status, quotes) if c.url and urls.get(c.slug) == c.url)
