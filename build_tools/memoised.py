"""The stages up to anchor, and the warnings found after them, keeping their results per
file and per essay between builds in one process (``make serve``; see :mod:`build_tools.memo`).

Each stage is a function of its inputs, made per file or per essay by a step it takes as
a parameter; here each such step is wrapped in a memo of the :class:`~build_tools.memo.Cache`,
keyed by the file or the essay and holding the inputs its result was made from. Given no
cache, each stage runs as it is, keeping nothing.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .essay import Essay, EssayText
from .memo import Cache, EssayKey, FileKey, ParsedKey, Same, version
from .model import Claim, Corpus, Evidence, Quote
from .problems import Collector, Problem
from .stages import anchor as anchor_stage
from .stages import clean as clean_stage
from .stages import load as load_stage
from .stages import records
from .stages import standing as standing_stage
from .stages import validate as validate_stage
from .stages.validate import files as files_stage
from .stages.validate import language
from .stages.validate import seeds as seeds_stage


def load(root: Path, problems: Collector, cache: Cache | None = None) -> load_stage.Seeds:
    """:func:`~build_tools.stages.load.load`: a file whose bytes (a text: whose version, its
    size, dates and inode) the ``cache`` holds is not parsed or read again."""
    if cache is None:
        return load_stage.load(root, problems)
    steps = load_stage.LoadSteps(parse_each=functools.partial(_parse_each, cache), text=functools.partial(_text, cache))
    return load_stage.load(root, problems, steps)


def _parse_each(cache: Cache, files: Sequence[load_stage.SeedFile]) -> list[load_stage.Parsed]:
    """Each file parsed, unless the cache holds it parsed from the same bytes."""
    return cache.parsed.get_each([(ParsedKey(f.rel, f.schema), f.content, f) for f in files], load_stage.parse)


def _text(cache: Cache, files: load_stage.EssayFiles, meta: load_stage.Parsed) -> EssayText:
    """The text of ``files``, unless the cache holds it read from the same versions of it and
    of the file it was extracted from."""
    received = load_stage.received_path(files, meta)
    inputs = (
        version(files.text.path.stat()),
        received,
        version(received.stat()) if received is not None and received.is_file() else None,
    )
    return cache.texts.get(FileKey(files.text.rel), inputs, functools.partial(load_stage.text_of, files, meta))


def corpus(root: Path, problems: Collector, cache: Cache | None = None) -> Corpus:
    """The seeds loaded and each file checked: the Corpus of the files that passed."""
    return files(load(root, problems, cache), problems, cache)


def files(seeds: load_stage.Seeds, problems: Collector, cache: Cache | None = None) -> Corpus:
    """:func:`~build_tools.stages.validate.seeds.corpus`: a file or an essay is not checked
    again, nor its records made again, while what load gave of it is the very object the
    ``cache`` holds (not compared by value: values read from YAML compare equal whatever
    their lines); an essay lettered by year as the cache holds it is the same object from
    one build to the next."""
    if cache is None:
        return seeds_stage.corpus(seeds, problems)
    steps = seeds_stage.FileSteps(
        checked_each=functools.partial(_checked_each, cache),
        essay=functools.partial(_essay, cache),
        letter=functools.partial(_letter, cache),
        claims=functools.partial(_claims, cache),
    )
    return seeds_stage.corpus(seeds, problems, steps)


def _checked_each(cache: Cache, reads: Sequence[load_stage.SeedRead]) -> list[load_stage.Parsed]:
    return cache.checked.get_each([(FileKey(r.file.rel), Same(r.parsed), r) for r in reads], files_stage.checked)


def _essay(
    cache: Cache, files: load_stage.EssayFiles, meta: load_stage.Parsed, text: EssayText
) -> tuple[Essay | None, list[Problem]]:
    return cache.essays.get(
        FileKey(files.meta.rel), (Same(meta), Same(text)), functools.partial(files_stage.essay_of, files, meta, text)
    )


def _letter(cache: Cache, essay: Essay, letter: str) -> Essay:
    return cache.lettered.get(EssayKey(essay.slug), (essay, letter), functools.partial(records.lettered, essay, letter))


def _claims(cache: Cache, file: load_stage.SeedPath, data: Any) -> list[Claim]:
    """The claims of ``file``, unless the cache holds them made from the same version of it."""
    return cache.claims.get(
        FileKey(file.rel), version(file.path.stat()), functools.partial(seeds_stage.claims_of, file, data)
    )


def validate(corpus: Corpus, problems: Collector, cache: Cache | None = None) -> None:
    """:func:`~build_tools.stages.validate.validate`: the language an essay reads as is not
    judged again while its opening and its declared language are the same."""
    if cache is None:
        return validate_stage.validate(corpus, problems)
    return validate_stage.validate(corpus, problems, functools.partial(_language_of, cache))


def _language_of(cache: Cache, essay: Essay) -> str | None:
    inputs = (essay.raw[: language.ESSAY_SAMPLE], essay.language)
    return cache.languages.get(EssayKey(essay.slug), inputs, functools.partial(language.misdeclared, essay))


def clean(corpus: Corpus, cache: Cache | None = None) -> Corpus:
    """:func:`~build_tools.stages.clean.clean`: only the essays whose source or rules changed
    since the ``cache`` kept them are cleaned again."""
    if cache is None:
        return clean_stage.clean(corpus)
    return clean_stage.clean(corpus, functools.partial(_clean_each, cache))


def _clean_each(cache: Cache, essays: Sequence[Essay]) -> list[tuple[Essay, list[Problem]]]:
    results = cache.cleaned.get_each(
        [(EssayKey(e.slug), (e.source_path, e.raw, repr(e.rules)), e) for e in essays],
        clean_stage.clean_one,
        keep=lambda result: not result[1],
    )  # (its problems are said again)
    return [
        (cache.cleaned_essays.get(EssayKey(e.slug), (e, cleaned), functools.partial(replace, e, **cleaned)), found)
        for e, (cleaned, found) in zip(essays, results)
    ]


def anchor(corpus: Corpus, cache: Cache | None = None) -> dict[Evidence, Quote]:
    """:func:`~build_tools.stages.anchor.anchor`: where each essay's quotes are is kept in the
    ``cache`` with its paragraphs and the quotes looked up."""
    if cache is None:
        return anchor_stage.anchor(corpus)
    return anchor_stage.anchor(corpus, functools.partial(_find_each, cache))


def _find_each(cache: Cache, jobs: Sequence[anchor_stage.QuoteJob]) -> list[dict[Evidence, list[Quote]]]:
    spots = cache.found.get_each(
        [(EssayKey(job.essay.slug), (job.essay.paragraphs, job.evidence), job) for job in jobs], anchor_stage.spots_of
    )
    return [
        cache.quotes.get(
            EssayKey(job.essay.slug), (job.essay, where), functools.partial(anchor_stage.quotes_at, job.essay, where)
        )
        for job, where in zip(jobs, spots)
    ]


def suspicious_paragraphs(corpus: Corpus, cache: Cache | None = None) -> list[Problem]:
    """:func:`~build_tools.stages.clean.suspicious_paragraphs`: an essay's found again only if
    it was cleaned again."""
    if cache is None:
        return clean_stage.suspicious_paragraphs(corpus)
    return clean_stage.suspicious_paragraphs(corpus, functools.partial(_long_paragraphs, cache))


def _long_paragraphs(cache: Cache, essay: Essay) -> list[Problem]:
    return cache.long_paragraphs.get(EssayKey(essay.slug), essay, functools.partial(clean_stage.long_paragraphs, essay))


def quote_warnings(quotes: dict[Evidence, Quote], cache: Cache | None = None) -> list[Problem]:
    """:func:`~build_tools.stages.standing.quote_warnings`: where an essay's quotes stand is
    found again only if one of them, or its evidence, changed."""
    if cache is None:
        return standing_stage.quote_warnings(quotes)
    return standing_stage.quote_warnings(quotes, functools.partial(_standings, cache))


def _standings(cache: Cache, pairs: Sequence[tuple[Evidence, Quote]]) -> list[standing_stage.Standing]:
    places: dict[str, list[int]] = defaultdict(list)  # (each essay's quotes, by their place in pairs)
    for i, (_, quote) in enumerate(pairs):
        places[quote.essay.slug].append(i)
    found: list[standing_stage.Standing] = [(None, None)] * len(pairs)
    for slug, where in places.items():
        theirs = tuple(pairs[i] for i in where)
        made = cache.standing.get(EssayKey(slug), theirs, functools.partial(standing_stage.standing, theirs))
        for i, standing in zip(where, made):
            found[i] = standing
    return found
