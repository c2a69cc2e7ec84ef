"""Stage 4, anchor: resolve every quote to the paragraph of its essay that holds it.

A quote matches the cleaned text verbatim, except that spacing, curly versus
straight quotes, and the kind of dash may differ. It must occur exactly once,
or ``prefix``/``suffix`` (the words just before/after it, as in the W3C Web
Annotation TextQuoteSelector) must single out one occurrence. When it is not
found, the error shows the closest passage of the essay and how similar it is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from .. import parallel
from ..model import Corpus, Essay, Evidence, Paragraph, Quote
from ..problems import Collector, Problem

_FOLD = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "‐": "-",
        "−": "-",
        "\u00a0": " ",
    }
)


def fold(text: str) -> tuple[str, list[int]]:
    """Text with typography folded and spacing collapsed, and for each of its
    characters the index of the character of ``text`` it came from. A dash is one
    hyphen with no space around it, however the source writes it ("--", " — ")."""
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text.translate(_FOLD)):
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


_FOLD_TEXT = {**_FOLD, ord("…"): "..."}
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r" ?-[- ]*")


def fold_text(text: str) -> str:
    """``fold(text)[0]``, without the character map: quick, for searching."""
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
            quotes.append(Quote(ev, essay, para, where[i], where[end - 1] + 1))
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
    """The passage of ``essay`` most like ``quote``: (similarity, paragraph id, passage)."""
    target = fold(quote)[0].strip()
    size = len(target.split())
    best = (0.0, "", "")
    for para in essay.paragraphs:
        words = para.text.split()
        for start in range(max(1, len(words) - size + 1)):
            window = " ".join(words[start : start + size])
            matcher = SequenceMatcher(None, fold(window)[0], target, autojunk=False)
            if matcher.real_quick_ratio() > best[0] and matcher.quick_ratio() > best[0]:
                score = matcher.ratio()
                if score > best[0]:
                    best = (score, para.id, window)
    return best


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def find_each(jobs: Sequence[QuoteJob]) -> list[dict[Evidence, list[Quote]]]:
    """For each job, the quotes found of each of its evidence (on every core when there are many)."""
    return [quotes_at(job.essay, spots) for job, spots in zip(jobs, parallel.each(spots_of, jobs))]


def anchor(
    corpus: Corpus, find_each: Callable[[Sequence[QuoteJob]], list[dict[Evidence, list[Quote]]]] = find_each
) -> dict[Evidence, Quote]:
    """Each piece of evidence resolved to one Quote, or SeedError listing every failure.

    The quotes are looked up essay by essay (by ``find_each``, which may keep its results
    between builds: see build_tools/memoised.py), so that each essay is folded once (and
    only one essay's folded text is held at a time); problems are reported in the
    order of the seeds files."""
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
                f'({essay.byline}): "{_short(ev.quote)}". '
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


_OPENING = "“‘«"


def in_quotation_marks(quote: Quote) -> bool:
    """Whether the quoted words stand inside quotation marks in the essay (or begin with one):
    the words of someone the author quotes."""
    if quote.text[:1] in _OPENING + '"':
        return True
    before, after = quote.paragraph.text[: quote.start], quote.paragraph.text[quote.end :]
    curly = before.rfind("“") > before.rfind("”") and "”" in after
    straight = before.count('"') % 2 == 1 and '"' in after
    return curly or straight


def unattributed(quotes: dict[Evidence, Quote]) -> list[Problem]:
    """A warning for each quote in quotation marks in its essay that names no speaker, and
    for each quote of a transcript whose speaker is not known."""
    found = []
    for ev, q in quotes.items():
        if ev.speaker:
            continue
        unknown = unknown_speaker(q)
        if unknown:
            found.append(Problem(ev.loc, unknown, "warning"))
        elif in_quotation_marks(q):
            found.append(
                Problem(
                    ev.loc,
                    "this passage is in quotation marks in the essay: whose words are they? "
                    "add 'speaker' (with 'name', and 'role' where it helps)",
                    "warning",
                )
            )
    return found


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


def _closest_passage(essay: Essay, quote: str) -> str:
    score, pid, passage = closest(essay, quote)
    return f'Closest passage ({score:.0%} similar, paragraph {pid}): "{_short(passage)}"'


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
    for loc, text, claim, slug, pid in corpus.page_citations:
        if claim is not None and claim not in claims:
            problems.error(loc, f"{text}: there is no claim with the id '{claim}'")
        elif slug is not None and slug not in essays:
            problems.error(loc, f"{text}: there is no essay '{slug}' (essays: {', '.join(sorted(essays))})")
        elif slug is not None and pid not in {p.id for p in essays[slug].paragraphs}:
            near = _closest_id(essays[slug], pid or "")
            problems.error(
                loc, f"{text}: essay '{slug}' has no paragraph '{pid}'" + (f" (did you mean '{near}'?)" if near else "")
            )


def _closest_id(essay: Essay, pid: str) -> str | None:
    """The paragraph id of ``essay`` most like ``pid`` (an id with a typo), if one is close."""
    score, best = max(((SequenceMatcher(None, p.id, pid).ratio(), p.id) for p in essay.paragraphs), default=(0.0, None))
    return best if score >= 0.6 else None
