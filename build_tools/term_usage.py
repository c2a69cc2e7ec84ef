"""Which essays use each glossary term, and how often: a query on the corpus, asked of its
essays' cleaned paragraphs and notes. The glossary page lists the essays that use each
term most (:mod:`build_tools.stages.reference_pages`); ``make serve`` counts again only the
essays edited (:mod:`build_tools.kept_pages`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import NamedTuple

from .memo import Memo
from .model import Corpus, Essay

Usage = dict[str, list[tuple[Essay, int]]]  # (each term's essays and their uses: see term_usage)


def words_pattern(words: Iterable[str]) -> re.Pattern | None:
    """Any of ``words`` as a whole word, the longest first (None if there are none): how
    the glossary finds its terms, in the generator and in the Markdown extension alike.
    It is ``\\b(?:word|…)\\b``, but with each word's leading ``\\b`` written after its first
    character (as what must come before that character), so that the pattern starts with
    a character and a search skips at once to where a word can start (half the time)."""
    words = sorted(words, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(_after_boundary, words)) + r")\b") if words else None


def _after_boundary(word: str) -> str:
    """``\\b`` and ``word``, as a pattern that starts with ``word``'s first character: a
    boundary lies before a word character where no word character precedes it, and before
    another character where one does."""
    if not word:
        return ""
    before = r"(?<!\w\w)" if re.match(r"\w", word[0]) else r"(?<=\w(?s:.))"
    return re.escape(word[0]) + before + re.escape(word[1:])


class TermForms(NamedTuple):
    """Every form of every glossary term, and what finds them in a text."""

    term_of: dict[str, str]  # (the term of each form)
    pattern: re.Pattern


def term_forms(corpus: Corpus) -> TermForms | None:
    """One pattern with every form at once, longest first, as the glossary's links find
    them; None if there are no terms."""
    term_of = {form: term.term for term in corpus.terms for form in term.forms}
    pattern = words_pattern(term_of)
    return None if pattern is None else TermForms(term_of, pattern)


def term_counts(essay: Essay, forms: TermForms) -> Counter[str]:
    """How often the essay uses each glossary term (in any of its forms)."""
    return Counter(forms.term_of[m] for p in (*essay.paragraphs, *essay.notes) for m in forms.pattern.findall(p.text))


class CountsKey(NamedTuple):
    """The glossary terms one essay uses."""

    slug: str


class CountsInputs(NamedTuple):
    """What the glossary terms an essay uses are counted from."""

    paragraphs: tuple
    notes: tuple
    term_of: dict[str, str]


def counted_in(memo: Memo[CountsKey, CountsInputs, Counter[str]], essay: Essay, forms: TermForms) -> Counter[str]:
    """The glossary terms ``essay`` uses, counted again only if its text or the terms
    changed since ``memo`` kept them (``make serve``)."""
    inputs = CountsInputs(essay.paragraphs, essay.notes, forms.term_of)
    return memo.get(CountsKey(essay.slug), inputs, functools.partial(term_counts, essay, forms))


def term_usage(corpus: Corpus, counted: Callable[[Essay, TermForms], Counter[str]] = term_counts) -> Usage:
    """For each glossary term, the essays that use it and how often (``counted``), the most
    uses first (essays with as many in the corpus's order)."""
    forms = term_forms(corpus)
    if forms is None:
        return {}
    usage: Usage = {term.term: [] for term in corpus.terms}
    for essay in corpus.essays:
        for term, n in counted(essay, forms).items():
            usage[term].append((essay, n))
    return {term: sorted(used, key=lambda pair: -pair[1]) for term, used in usage.items()}
