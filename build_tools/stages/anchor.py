"""Stage 4, anchor: resolve every quote to the paragraph of its essay that holds it.

A quote matches the cleaned text verbatim, except that spacing, curly versus
straight quotes, the kind of dash, and how an accented letter is encoded (composed "é"
or "e" and a combining accent, as some PDFs give it: both are compared in Unicode NFC)
may differ. It must occur exactly once,
or ``prefix``/``suffix`` (the words just before/after it, as in the W3C Web
Annotation TextQuoteSelector) must single out one occurrence. When it is not
found, the error shows the closest passage of the essay and how similar it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher
from itertools import repeat
from typing import NamedTuple

from ..ids import slugify
from ..model import ClaimCite, Corpus, Essay, Evidence, Paragraph, PassageCite, Quote
from ..problems import Collector

# Typography folded: quotation marks to straight ones, dashes and hyphens to "-", a
# non-breaking space to a space.
_FOLD = str.maketrans("“”„‟«»″‘’‚‛′`–—‑‐−\xa0", '"""""""\'\'\'\'\'\'----- ')


def fold(text: str) -> tuple[str, list[int]]:
    """Text with typography folded and spacing collapsed, and for each of its
    characters the index of the character of ``text`` it came from. A dash is one
    hyphen with no space around it, however the source writes it ("--", " — "). An
    accented letter written as a letter and a combining accent is one character (NFC),
    which comes from the letter."""
    out: list[str] = []
    where: list[int] = []
    for i, char in _composed(text.translate(_FOLD)):  # (one character for one: positions hold)
        expanded = "..." if char == "…" else char
        if char.isspace():
            if not out or out[-1] in " -":
                continue
            expanded = " "
        elif char == "-" and out and out[-1] in " -":
            if out[-1] == "-":
                continue
            out.pop()
            where.pop()
        for c in expanded:
            out.append(c)
            where.append(i)
    return "".join(out), where


def _composed(text: str) -> Iterable[tuple[int, str]]:
    """The characters of ``text`` in NFC, each with the index in ``text`` of the first
    character it is made of."""
    if unicodedata.is_normalized("NFC", text):
        return enumerate(text)
    starts = [i for i, c in enumerate(text) if i == 0 or not _joins(text[i - 1], c)]
    return [(i, c) for i, j in zip(starts, [*starts[1:], len(text)]) for c in unicodedata.normalize("NFC", text[i:j])]


def _joins(before: str, char: str) -> bool:
    """Whether ``char`` makes one character with the one ``before`` it in NFC (an accent)."""
    return unicodedata.combining(char) > 0 or len(unicodedata.normalize("NFC", before + char)) < 2


def source_end(text: str, last: int) -> int:
    """The end in ``text`` of the character at ``last`` with the combining accents after it."""
    end = last + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


_FOLD_TEXT: dict[int, int | str] = {**_FOLD, ord("…"): "..."}
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r" ?-[- ]*")


def fold_text(text: str) -> str:
    """``fold(text)[0]``, without the character map: quick, for searching."""
    text = unicodedata.normalize("NFC", text)
    return _DASHES.sub("-", _SPACES.sub(" ", text.translate(_FOLD_TEXT)).lstrip(" "))


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, i = [], haystack.find(needle)
    while i >= 0:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def folded(essay: Essay) -> list[tuple[Paragraph, str]]:
    """Each paragraph of ``essay`` with its folded text (see :func:`fold`)."""
    return [(para, fold_text(para.text)) for para in essay.paragraphs]


def find(essay: Essay, ev: Evidence, paragraphs=None) -> list[Quote]:
    """Every place in ``essay`` where the quote (with its prefix/suffix) stands.
    ``paragraphs`` is ``folded(essay)``, when the caller has it already. The map from
    folded to source characters is made only for the paragraphs the quote is in."""
    needle = fold_text(ev.quote).strip()
    prefix = fold_text(ev.prefix).strip() if ev.prefix else ""
    suffix = fold_text(ev.suffix).strip() if ev.suffix else ""
    quotes = []
    for para, text in paragraphs or folded(essay):
        where = None
        for i in _occurrences(text, needle):
            end = i + len(needle)
            if prefix and not text[:i].rstrip().endswith(prefix):
                continue
            if suffix and not text[end:].lstrip().startswith(suffix):
                continue
            where = where or fold(para.text)[1]
            quotes.append(Quote(ev, essay, para, where[i], source_end(para.text, where[end - 1])))
    return quotes


class QuoteJob(NamedTuple):
    """An essay and the quotes of it to find."""

    essay: Essay
    evidence: tuple[Evidence, ...]


Spots = dict[Evidence, list[tuple[int, int, int]]]  # where each quote of an essay is: (paragraph, start, end)


def spots_of(job: QuoteJob) -> Spots:
    """Where each quote of ``job`` is found in its essay: (paragraph number, start, end)."""
    paragraphs = folded(job.essay)
    number = {p.id: n for n, p in enumerate(job.essay.paragraphs)}
    return {
        ev: [(number[q.paragraph.id], q.start, q.end) for q in find(job.essay, ev, paragraphs)] for ev in job.evidence
    }


def closest(essay: Essay, quote: str) -> tuple[float, str, str]:
    """The passage of ``essay`` most like ``quote``: (similarity, paragraph id, passage), the
    first in the essay of those most alike. A window's similarity is measured only where
    its bound (``quick_ratio``) can still reach the best found so far, trying the windows
    of highest bound first: a quote that is not found must not cost its editor seconds.
    The best window of the quote's length is then :func:`_widened`."""
    target = fold(quote)[0].strip()
    size = len(target.split())
    matcher = SequenceMatcher(None, "", target, autojunk=False)  # (what it learns of the quote is kept)
    letters = Counter(target)
    windows: list[tuple[float, int, str, int, int]] = []  # (bound, number, folded, paragraph, first word)
    texts = [para.text.split() for para in essay.paragraphs]
    for p, words in enumerate(texts):
        for start in range(max(1, len(words) - size + 1)):
            folded_window = fold_text(" ".join(words[start : start + size]))  # (as fold's, in C)
            bound = _quick_ratio(letters, folded_window)
            if bound > 0:  # (a window sharing no letter with the quote cannot be the closest)
                windows.append((bound, len(windows), folded_window, p, start))
    best, first, at = 0.0, len(windows), (0, 0)
    for bound, n, folded_window, p, start in sorted(windows, key=lambda w: (-w[0], w[1])):
        if bound < best:
            break
        matcher.set_seq1(folded_window)
        score = matcher.ratio()
        if score > best or (score == best and score and n < first):
            best, first, at = score, n, (p, start)
    if not best:
        return 0.0, "", ""
    p, start = at
    best, start, end = _widened(matcher, texts[p], best, start, start + size)
    return best, essay.paragraphs[p].id, " ".join(texts[p][start:end])


def _widened(matcher: SequenceMatcher, words: list[str], best: float, start: int, end: int) -> tuple[float, int, int]:
    """``words[start:end]``, as like the ``matcher``'s quote as ``best``, with each end moved in
    turn to where it is most like it (a quote leaving words out is shorter than its passage)."""
    reach = min(10, max(3, (end - start) // 3))
    for _ in range(2):
        for moved in ("end", "start"):
            for k in range(-reach, reach + 1):
                a, b = (start, end + k) if moved == "end" else (start + k, end)
                if 0 <= a < b <= len(words):
                    matcher.set_seq1(fold_text(" ".join(words[a:b])))
                    if (score := matcher.ratio()) > best:
                        best, start, end = score, a, b
    return best, start, end


def _quick_ratio(letters: Counter[str], window: str) -> float:
    """``SequenceMatcher(None, window, quote).quick_ratio()``, where ``letters`` counts the
    quote's characters: the characters the two share in any order, counted in C rather than
    one by one in Python (a long essay has thousands of windows to bound)."""
    counts = Counter(window)
    shared = sum(map(min, letters.values(), map(counts.get, letters, repeat(0))))
    length = len(window) + letters.total()
    return 2.0 * shared / length if length else 1.0


def short(text: str, limit: int = 120) -> str:
    """``text``, cut to ``limit`` characters with an ellipsis where it is longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# (map, or parallel.each: spots_of over jobs)
SpotsEach = Callable[[Callable[[QuoteJob], Spots], Sequence[QuoteJob]], Iterable[Spots]]


def find_each(jobs: Sequence[QuoteJob], each: SpotsEach = map) -> list[dict[Evidence, list[Quote]]]:
    """For each job, the quotes found of each of its evidence (where they are found by
    ``each``: in this process unless :func:`build_tools.parallel.each`)."""
    return [quotes_at(job.essay, spots) for job, spots in zip(jobs, each(spots_of, jobs))]


def anchor(
    corpus: Corpus, find_each: Callable[[Sequence[QuoteJob]], list[dict[Evidence, list[Quote]]]] = find_each
) -> dict[Evidence, Quote]:
    """Each piece of evidence resolved to one Quote, or SeedError listing every failure.

    The quotes are looked up essay by essay (by ``find_each``, which may look them up on
    every core and keep its results between builds: see build_tools/memoised.py), so
    that each essay is folded once (and only one essay's folded text is held at a time);
    problems are reported in the order of the seeds files."""
    problems = Collector()
    evidence = corpus.evidence()
    by_essay: dict[str, list[Evidence]] = defaultdict(list)
    for ev in evidence:
        by_essay[ev.essay].append(ev)
    essays = {e.slug: e for e in corpus.essays}
    found: dict[Evidence, list[Quote]] = {}
    for at_essay in find_each([QuoteJob(essays[slug], tuple(group)) for slug, group in by_essay.items()]):
        found.update(at_essay)
    resolved: dict[Evidence, Quote] = {}
    for ev in evidence:
        essay, quotes = essays[ev.essay], found[ev]
        if len(quotes) == 1:
            resolved[ev] = quotes[0]
            continue
        qualified = " with the given prefix/suffix" if ev.prefix or ev.suffix else ""
        if not quotes:
            problems.error(
                ev.loc,
                f"quote not found{qualified} in essay '{essay.slug}' "
                f'({essay.byline}): "{short(ev.quote)}". '
                + (_why_not_found(corpus, essay, ev) or _closest_passage(essay, ev.quote)),
            )
        else:
            where = ", ".join([q.paragraph.id for q in quotes[:3]] + ["…"] * (len(quotes) > 3))
            problems.error(
                ev.loc,
                f"quote occurs {len(quotes)} times{qualified} in essay "
                f"'{essay.slug}' (paragraphs {where}): add a 'prefix' or 'suffix' "
                "with the words just before or after the one you mean",
            )
    _check_page_citations(corpus, problems)
    problems.raise_if_any()
    return resolved


def quotes_at(essay: Essay, spots: Spots) -> dict[Evidence, list[Quote]]:
    """The quotes of ``essay`` at each of its ``spots`` (paragraph, start, end)."""
    return {
        ev: [Quote(ev, essay, essay.paragraphs[n], start, end) for n, start, end in where]
        for ev, where in spots.items()
    }


def _closest_passage(essay: Essay, quote: str) -> str:
    score, pid, passage = closest(essay, quote)
    return f'Closest passage ({score:.0%} similar, paragraph {pid}): "{short(passage)}"'


def _why_not_found(corpus: Corpus, essay: Essay, ev: Evidence) -> str | None:
    """The likely reason a quote is not in its essay, where it can be known."""
    needle = fold_text(ev.quote).strip()
    parts = [p.strip() for p in needle.split("...") if p.strip()]
    if len(parts) > 1:
        return (
            "It leaves words out ('…'): quote the words before and after the gap as two "
            "separate pieces of evidence, each verbatim"
        )
    paragraphs = folded(essay)
    if any(needle in text for _, text in paragraphs):
        return None  # (it is there: the prefix or suffix is what does not match)
    for (first, a), (second, b) in zip(paragraphs, paragraphs[1:]):
        if needle in f"{a} {b}":
            return (
                f"It runs across two paragraphs ({first.id} and {second.id}): a quote must stand "
                "in one paragraph; quote each part separately"
            )
    for change in essay.changes:
        if change.action == "removed" and needle in fold_text(change.text):
            return (
                f"These words were removed by cleaning rule {change.step} ('{change.rule}', line "
                f"{change.line} of the text): quote the essay as its page shows it, or change that rule"
            )
    for other in corpus.essays:
        if other.slug != essay.slug and any(needle in text for _, text in folded(other)):
            return f"These words are in essay '{other.slug}' ({other.byline}): check the quote's 'essay'"
    return None


def _check_page_citations(corpus: Corpus, problems: Collector) -> None:
    """Each citation in a hand-written page names a claim, or an essay and its paragraph."""
    claims = {c.id for c in corpus.claims}
    essays = {e.slug: e for e in corpus.essays}
    for cite in corpus.page_citations:
        match cite:
            case ClaimCite(loc, text, claim):
                if claim not in claims:
                    problems.error(loc, f"{text}: there is no claim with the id '{claim}'")
            case PassageCite(loc, text, slug, pid):
                if slug not in essays or pid not in {p.id for p in essays[slug].paragraphs}:
                    problems.error(loc, _no_such_passage(essays, text, slug, pid))


def _no_such_passage(essays: dict[str, Essay], text: str, slug: str, pid: str) -> str:
    """Why the citation ``text`` of paragraph ``pid`` of essay ``slug`` names no paragraph,
    with the citation to write when it was typed with accents or capitals."""
    essay = essays.get(slugify(slug))
    if essay is None:
        return f"{text}: there is no essay '{slug}' (essays: {', '.join(sorted(essays))})"
    if slugify(pid) in {p.id for p in essay.paragraphs}:
        return (
            f"{text}: ids are written without accents or capitals: write "
            f"[[{essay.slug}#{slugify(pid)}]], as the paragraph's ¶ link gives it"
        )
    near = _closest_id(essay, slugify(pid))
    return f"{text}: essay '{essay.slug}' has no paragraph '{pid}'" + (f" (did you mean '{near}'?)" if near else "")


def _closest_id(essay: Essay, pid: str) -> str | None:
    """The paragraph id of ``essay`` most like ``pid`` (an id with a typo), if one is close."""
    score, best = max(((SequenceMatcher(None, p.id, pid).ratio(), p.id) for p in essay.paragraphs), default=(0.0, None))
    return best if score >= 0.6 else None
