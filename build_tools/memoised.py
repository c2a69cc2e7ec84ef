"""The stages up to anchor, and the warnings found after them, run on every core and
keeping their results per file and per essay between builds in one process (``make serve``;
see :mod:`build_tools.memo`).

Each stage is a function of its inputs, made per file or per essay by a step it takes as
a parameter (which does it in this process unless given another); here each such step is
done on every core (:mod:`build_tools.parallel`) and, given a :class:`Cache`, wrapped in one
of its memos, keyed by the file or the essay and holding the inputs its result was made
from. Given no cache, each stage keeps nothing.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISREG
from typing import Any

from . import parallel
from .essay import EssayText
from .memo import EssayKey, FileKey, ItemKey, Memo, ParsedKey, RecordsKey, Same, Version, version
from .model import Claim, CleanText, Corpus, Essay, Evidence, Paragraph, Quote
from .problems import Collector, Problem
from .stages import anchor as anchor_stage
from .stages import clean as clean_stage
from .stages import load as load_stage
from .stages import localize as localize_stage
from .stages import records
from .stages import standing as standing_stage
from .stages import validate as validate_stage
from .stages.validate import files as files_stage
from .stages.validate import language
from .stages.validate import seeds as seeds_stage
from .stages.validate import terms as terms_stage
from .term_usage import CountsInputs, CountsKey, TermForms, counted_in


@dataclass
class Cache:
    """What a build keeps for the next one in the same process: a memo per costly step."""

    # each seeds file's bytes, by its version (load)
    contents: Memo[FileKey, Version, bytes] = field(default_factory=Memo)
    # each seeds file, by its bytes (load)
    parsed: Memo[ParsedKey, bytes, load_stage.Parsed] = field(default_factory=Memo)
    # the page or PDF each essay's text was received as, by what load gave of its metadata (load)
    received: Memo[FileKey, Same[load_stage.Parsed], Path | None] = field(default_factory=Memo)
    # each essay's text, by its version and its received page's or PDF's (load)
    texts: Memo[FileKey, tuple[Version, Path | None, Version | None], EssayText] = field(default_factory=Memo)
    # each seeds file checked for its meaning, by what load gave of it (validate)
    checked: Memo[FileKey, Same[load_stage.Parsed], load_stage.Parsed] = field(default_factory=Memo)
    # each essay, by what load and validate gave of its metadata and its text (validate)
    essays: Memo[FileKey, tuple[Same[load_stage.Parsed], Same[EssayText]], tuple[Essay | None, list[Problem]]] = field(
        default_factory=Memo
    )
    # the corpus's themes, events, figures, glossary terms and site, by their values (validate)
    records: Memo[RecordsKey, Any, Any] = field(default_factory=Memo)
    # each essay with its year's letter (2013a), by the two (validate)
    lettered: Memo[EssayKey, tuple[Essay, str], Essay] = field(default_factory=Memo)
    # each cross-references file's claims, by its version (validate)
    claims: Memo[FileKey, Version, list[Claim]] = field(default_factory=Memo)
    # the language each essay's text reads as when not its own, by its opening and language (validate)
    languages: Memo[EssayKey, tuple[str, str], str | None] = field(default_factory=Memo)
    # what cleaning made of each essay, by its source and rules (clean)
    cleaned: Memo[EssayKey, tuple[str, str, str], clean_stage.Cleaned] = field(default_factory=Memo)
    # each essay with what cleaning made of it, by the two (clean)
    cleaned_essays: Memo[EssayKey, tuple[Essay, CleanText], Essay] = field(default_factory=Memo)
    # where each essay's quotes are, by its paragraphs and its quotes (anchor)
    found: Memo[EssayKey, tuple[tuple[Paragraph, ...], tuple[Evidence, ...]], anchor_stage.Spots] = field(
        default_factory=Memo
    )
    # each essay's quotes, by the essay and where they are (anchor)
    quotes: Memo[EssayKey, tuple[Essay, anchor_stage.Spots], dict[Evidence, list[Quote]]] = field(default_factory=Memo)
    # the warnings about each essay's paragraphs (long, or with glued markers), by the essay cleaned (check)
    paragraph_warnings: Memo[EssayKey, Essay, list[Problem]] = field(default_factory=Memo)
    # where each of an essay's quotes stands (its warnings), by its quotes and their evidence (check)
    quote_warnings: Memo[EssayKey, tuple[tuple[Evidence, Quote], ...], list[standing_stage.QuoteWarnings]] = field(
        default_factory=Memo
    )
    # the glossary terms each essay's paragraphs and notes use, by the two and the terms (check)
    term_counts: Memo[CountsKey, CountsInputs, Counter[str]] = field(default_factory=Memo)
    # the fields each object of the corpus leaves untranslated in a language, by the object (check)
    gaps: Memo[ItemKey, Any, list[str]] = field(default_factory=Memo)


def load(root: Path, problems: Collector, cache: Cache | None = None) -> load_stage.Seeds:
    """:func:`~build_tools.stages.load.load`, its files parsed on every core: a file whose
    version (its size, dates and inode) the ``cache`` holds is not read or parsed again."""
    if cache is None:
        return load_stage.load(root, problems, load_stage.LoadSteps(functools.partial(parallel.each, load_stage.parse)))
    steps = load_stage.LoadSteps(
        parse_each=functools.partial(_parse_each, cache),
        read=functools.partial(_read, cache),
        text=functools.partial(_text, cache),
    )
    return load_stage.load(root, problems, steps)


def _read(cache: Cache, file: load_stage.SeedPath) -> bytes:
    """The bytes of ``file``, not read again while its version (its size, dates and inode)
    is the one the cache holds."""
    return cache.contents.get(
        FileKey(file.rel), version(file.path.stat()), functools.partial(load_stage.read_bytes, file)
    )


def _parse_each(cache: Cache, files: Sequence[load_stage.SeedFile]) -> list[load_stage.Parsed]:
    """Each file parsed, unless the cache holds it parsed from the same bytes."""
    return cache.parsed.get_each([(ParsedKey(f.rel, f.schema), f.content, f) for f in files], load_stage.parse)


def _text(cache: Cache, files: load_stage.EssayFiles, meta: load_stage.Parsed) -> EssayText:
    """The text of ``files``, unless the cache holds it read from the same versions of it and
    of the file it was extracted from."""
    received = cache.received.get(
        FileKey(files.text.rel), Same(meta), functools.partial(load_stage.received_path, files, meta)
    )
    inputs = (version(files.text.path.stat()), received, None if received is None else _file_version(received))
    return cache.texts.get(FileKey(files.text.rel), inputs, functools.partial(load_stage.text_of, files, meta))


def _file_version(path: Path) -> Version | None:
    """The version of the file at ``path``; None if there is none (or it is a folder)."""
    try:
        stat = path.stat()
    except OSError:
        path.is_file()  # (which raises what it does not take for "no file", as load would)
        return None
    return version(stat) if S_ISREG(stat.st_mode) else None


def corpus(root: Path, problems: Collector, cache: Cache | None = None) -> Corpus:
    """The seeds loaded and each file checked: the Corpus of the files that passed."""
    return files(load(root, problems, cache), problems, cache)


def files(seeds: load_stage.Seeds, problems: Collector, cache: Cache | None = None) -> Corpus:
    """:func:`~build_tools.stages.validate.seeds.corpus`, its files checked on every core: a
    file or an essay is not checked again, nor its records made again, while what load gave
    of it is the very object the ``cache`` holds (not compared by value: values read from
    YAML compare equal whatever their lines); an essay lettered by year as the cache holds
    it, and the themes, events, figures, glossary terms and site while equal to those it
    holds, are the same objects from one build to the next."""
    if cache is None:
        return seeds_stage.corpus(
            seeds, problems, seeds_stage.FileSteps(functools.partial(parallel.each, files_stage.checked))
        )
    steps = seeds_stage.FileSteps(
        checked_each=functools.partial(_checked_each, cache),
        essay=functools.partial(_essay, cache),
        letter=functools.partial(_letter, cache),
        claims=functools.partial(_claims, cache),
    )
    made = seeds_stage.corpus(seeds, problems, steps)
    return replace(made, **{kind: _same_as_kept(cache, kind, getattr(made, kind)) for kind in KEPT_RECORDS})


# (made again by each build, and compared by every page that shows them: kept, they compare
# by identity)
KEPT_RECORDS = ("themes", "events", "figures", "terms", "site")


def _same_as_kept(cache: Cache, kind: str, made: Any) -> Any:
    """``made``, or the very object the cache holds if equal to it."""
    return cache.records.get(RecordsKey(kind), made, lambda: made)


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
        return clean_stage.clean(corpus, functools.partial(clean_stage.one_by_one, each=parallel.each))
    return clean_stage.clean(corpus, functools.partial(_clean_each, cache))


def _clean_each(cache: Cache, essays: Sequence[Essay]) -> list[tuple[Essay, list[Problem]]]:
    results = cache.cleaned.get_each(
        [(EssayKey(e.slug), (e.source_path, e.raw, repr(e.rules)), e) for e in essays],
        clean_stage.clean_one,
        keep=lambda result: not result[1],
    )  # (its problems are said again)
    return [
        (cache.cleaned_essays.get(EssayKey(e.slug), (e, text), functools.partial(replace, e, cleaned=text)), found)
        for e, (text, found) in zip(essays, results)
    ]


def anchor(corpus: Corpus, cache: Cache | None = None) -> dict[Evidence, Quote]:
    """:func:`~build_tools.stages.anchor.anchor`: where each essay's quotes are is kept in the
    ``cache`` with its paragraphs and the quotes looked up."""
    if cache is None:
        return anchor_stage.anchor(corpus, functools.partial(anchor_stage.find_each, each=parallel.each))
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
    return clean_stage.suspicious_paragraphs(corpus, functools.partial(_paragraph_warnings, cache))


def _paragraph_warnings(cache: Cache, essay: Essay) -> list[Problem]:
    return cache.paragraph_warnings.get(
        EssayKey(essay.slug), essay, functools.partial(clean_stage.paragraph_warnings, essay)
    )


def quote_warnings(quotes: dict[Evidence, Quote], cache: Cache | None = None) -> list[Problem]:
    """:func:`~build_tools.stages.standing.quote_warnings`: where an essay's quotes stand is
    found again only if one of them, or its evidence, changed."""
    if cache is None:
        return standing_stage.quote_warnings(quotes)
    return standing_stage.quote_warnings(quotes, functools.partial(_warnings_of, cache))


def _warnings_of(cache: Cache, pairs: Sequence[tuple[Evidence, Quote]]) -> list[standing_stage.QuoteWarnings]:
    places: dict[str, list[int]] = defaultdict(list)  # (each essay's quotes, by their place in pairs)
    for i, (_, quote) in enumerate(pairs):
        places[quote.essay.slug].append(i)
    found = [standing_stage.QuoteWarnings(None, None)] * len(pairs)
    for slug, where in places.items():
        theirs = tuple(pairs[i] for i in where)
        made = cache.quote_warnings.get(EssayKey(slug), theirs, functools.partial(standing_stage.warnings_of, theirs))
        for i, warnings in zip(where, made):
            found[i] = warnings
    return found


def unused_terms(corpus: Corpus, cache: Cache | None = None) -> list[Problem]:
    """:func:`~build_tools.stages.validate.terms.unused_terms`: the terms an essay uses are
    found again only if its text or the terms changed."""
    if cache is None:
        return terms_stage.unused_terms(corpus)
    return terms_stage.unused_terms(corpus, functools.partial(_counted, cache))


def _counted(cache: Cache, essay: Essay, forms: TermForms) -> Counter[str]:
    return counted_in(cache.term_counts, essay, forms)


def untranslated(corpus: Corpus, language: str, cache: Cache | None = None) -> list[Problem]:
    """:func:`~build_tools.stages.localize.untranslated`: what an object leaves untranslated
    is found again only if it changed."""
    if cache is None:
        return localize_stage.untranslated(corpus, language)
    return localize_stage.untranslated(corpus, language, functools.partial(_gaps, cache))


def _gaps(cache: Cache, item: Any, language: str) -> list[str]:
    key = ItemKey(type(item).__name__, item.loc.path, item.loc.line, language)
    return cache.gaps.get(key, item, functools.partial(localize_stage.gaps, item, language))
