"""Whether each glossary term is used: a term that no text of the site holds links nothing,
most often because it is not written as the essays write it (capitals and accents matter).

It needs the essays' cleaned text, so the pipeline runs it after the clean stage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from ...model import Claim, Corpus, Essay, Event, Figure, Term, Theme
from ...problems import Collector, Problem
from ...term_usage import TermForms, term_counts, term_forms


def _texts(corpus: Corpus) -> Iterator[str]:
    """Every text of the corpus where a glossary term links to another's entry but the
    essays' paragraphs and notes (counted apart): the editors' words (in every edition) but
    the glossary's."""
    for theme in corpus.themes:
        yield from (theme.title, theme.question, *theme.intro)
    for claim in corpus.claims:
        yield from (claim.title, claim.claim, *(ev.note or "" for ev in claim.evidence))
    for event in corpus.events:
        yield from (event.title, event.summary or "")
    for figure in corpus.figures:
        yield from (figure.figure, figure.measures)
    items: tuple[Theme | Claim | Event | Figure | Essay, ...] = (
        *corpus.themes,
        *corpus.claims,
        *corpus.events,
        *corpus.figures,
        *corpus.essays,
    )
    for item in items:
        yield from (text for _, _, text in item.translated)
    yield from (essay.summary or "" for essay in corpus.essays)


def _glossary_texts(term: Term) -> Iterator[str]:
    """A glossary entry's own words (in every edition), where the other terms link."""
    yield from (term.definition, term.expansion or "", *(text for _, _, text in term.translated))


def unused_terms(corpus: Corpus, counted: Callable[[Essay, TermForms], Counter[str]] = term_counts) -> list[Problem]:
    """A warning for each glossary term that no text of the site uses, in any of its forms
    (its own entry's words aside). The terms each essay's paragraphs and notes use,
    ``counted`` says (``make serve`` keeps them between builds)."""
    forms = term_forms(corpus)
    if forms is None:
        return []
    unused = {term.term: term for term in corpus.terms}
    for essay in corpus.essays:
        for used in counted(essay, forms):
            unused.pop(used, None)
    texts = [("", text) for text in _texts(corpus)]
    texts += [(term.term, text) for term in corpus.terms for text in _glossary_texts(term)]
    for owner, text in texts:
        if not unused:
            break
        for form in forms.pattern.findall(text):
            if forms.term_of[form] != owner:
                unused.pop(forms.term_of[form], None)
    problems = Collector()
    for term in unused.values():
        problems.warning(
            term.loc,
            f"the glossary term '{term.term}' appears in no essay and no text of the site, so it links "
            "nothing: write it as the essays do (capitals and accents matter), or remove it",
        )
    return problems.problems
