"""Stage 5, render: the model into Markdown pages, through Jinja2 templates.

The pages of each theme and each essay (:mod:`.page_jobs`), made by the map the pipeline
gives (on every core), then those made from the whole corpus (:mod:`.reference_pages`),
all with the one environment of :mod:`.templating`. Rendering is a function of the corpus and its quotes alone: it
keeps nothing from one build to the next (``make serve`` keeps pages around it, in
:mod:`build_tools.kept_pages`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..model import Corpus, Evidence, Quote
from ..relations import related
from ..term_usage import term_usage
from .page_jobs import Job, job_pages, page_jobs
from .reference_pages import corpus_pages
from .templating import environment, glossary_terms

# How the pages of each job are made: ``map``'s signature, in this process; the pipeline
# gives :func:`build_tools.parallel.stream`, on every core.
PagesEach = Callable[[Callable[[Job], dict[str, str]], Sequence[Job]], Iterable[dict[str, str]]]


def render(corpus: Corpus, quotes: dict[Evidence, Quote], each: PagesEach = map) -> dict[str, str]:
    """Every generated page of the corpus's edition, as ``{path under its folder: text}``."""
    return together(render_parts(corpus, quotes, each))


def render_parts(corpus: Corpus, quotes: dict[Evidence, Quote], each: PagesEach = map) -> Iterator[dict[str, str]]:
    """The pages of :func:`render`, a theme's or an essay's at a time (then the rest), as
    ``each`` makes them: the write stage puts each on disk before the next is held."""
    env = environment(corpus.site.language)
    found, terms = related(corpus, quotes), glossary_terms(corpus)
    yield from each(functools.partial(job_pages, env), page_jobs(corpus, quotes, found, terms))
    yield from corpus_pages(env, corpus, quotes, found, terms, term_usage(corpus))


def together(parts: Iterable[dict[str, str]]) -> dict[str, str]:
    """The pages of all ``parts``, which must not share a path."""
    pages: dict[str, str] = {}
    for part in parts:
        for path in part.keys() & pages.keys():
            raise RuntimeError(f"two pages would be written to docs/{path}")
        pages.update(part)
    return pages
