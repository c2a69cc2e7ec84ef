"""The pages made from the whole corpus: the reference pages (timeline, key figures,
glossary, what's new, disagreements, the map), the indexes, the home page's lists, and
the data files the site reads (citations, the feed, the glossary). What they show is
asked of the corpus elsewhere (:mod:`build_tools.relations`, :mod:`build_tools.term_usage`):
this module only renders it."""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import jinja2

from .. import languages
from ..formats import bibliography, source_checks
from ..formats.corpus_map import drawn, passage_counts, svg, totals
from ..formats.data_package import MakeLines, data_package, part_lines
from ..formats.feed import FEED, atom, whats_new
from ..formats.markdown_text import Md, Terms
from ..formats.page_citations import CITATIONS, citation_data
from ..formats.spliced import SIDECAR
from ..model import LONG_LIST, Corpus, Essay, Evidence, Quote
from ..relations import Related
from ..term_usage import Usage
from .page_jobs import citation_meta
from .rows import ESSAY_ITEM, MAP_ROW, SOURCE_ROW, EssayItem, MakeRows, MapRow, SourceRow, made_rows
from .templating import page_files

GLOSSARY = "snippets/glossary.json"  # (under docs/; mkdocs.yml gives it to the Markdown extension)

# A glossary entry lists the essays that use its term most, up to this many, and says how
# many others do: past that, a list of every essay would bury the entry.
USED_IN = 10


def corpus_pages(
    env: jinja2.Environment,
    corpus: Corpus,
    quotes: dict[Evidence, Quote],
    related: Related,
    terms: Terms,
    usage: Usage,
    rows: MakeRows = made_rows,
    lines: MakeLines = part_lines,
) -> list[dict[str, str]]:
    """Every page made from the whole corpus, by path under the edition's folder, in the
    order they are written; the rows of its long tables and lists made by ``rows``, the
    lines of its data package's tables by ``lines``."""
    page = functools.partial(page_files, env)
    stats = related.stats
    listed = sorted(corpus.essays, key=lambda e: e.date.value) if len(corpus.essays) > LONG_LIST else []
    return [
        *_reference_pages(env, corpus, quotes, related, usage, rows),
        {CITATIONS: citation_data(corpus, quotes), FEED: atom(corpus, corpus.site)},
        data_package(corpus, quotes, lines),
        {GLOSSARY: json.dumps(terms, ensure_ascii=False, indent=1, sort_keys=True) + "\n"},
        page("themes/index.md", "themes_index.md.j2", corpus=corpus, stats=stats),
        page("essays/index.md", "essays_index.md.j2", corpus=corpus, items=rows(env, ESSAY_ITEM, _items(listed))),
        page("snippets/home-themes.md", "home_themes.md.j2", corpus=corpus, stats=stats),
        page("snippets/home-essays.md", "home_essays.md.j2", corpus=corpus),
    ]


def _items(essays: list[Essay]) -> list[EssayItem]:
    return [EssayItem(e) for e in essays]


def _reference_pages(
    env: jinja2.Environment,
    corpus: Corpus,
    quotes: dict[Evidence, Quote],
    related: Related,
    usage: Usage,
    rows: MakeRows,
) -> list[dict[str, str]]:
    """The pages of reference/, each citable."""
    site = corpus.site
    pages = []
    made = functools.partial(rows, env)
    for name, (template, title, context) in _reference(corpus, quotes, related, usage, made).items():
        address = "reference/" if name == "index" else f"reference/{name}/"
        # (The map's SVG links are raw HTML, which MkDocs leaves as written and Zensical
        # reads from the source file's folder: from a folder's index page, both agree.)
        source = "reference/map/index.md" if name == "map" else f"reference/{name}.md"
        work = bibliography.page_work(site, title, address)
        citation = citation_meta(work, site)
        pages.append(
            page_files(env, source, template, corpus=corpus, title=title, work=work, citation=citation, **context)
        )
    # (reference/'s pages share one folder's file of HTML set aside: only the sources' page may use it)
    sidecars = [path for page in pages for path in page if path.endswith(SIDECAR)]
    assert len(sidecars) == len(set(sidecars)), "two pages of reference/ set HTML aside in one file"
    return pages


def _reference(
    corpus: Corpus, quotes: dict[Evidence, Quote], related: Related, usage: Usage, rows: Callable
) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Each reference page's template, title and what its template is given (``rows(template,
    shown)``: the rows of a long table)."""
    counts = passage_counts(corpus, quotes)
    disagreeing = related.disagreeing

    def say(message: str) -> str:
        return languages.gettext(corpus.site.language, message)

    return {
        "index": ("reference_index.md.j2", say("Reference"), {}),
        "timeline": (
            "timeline.md.j2",
            say("Timeline"),
            {
                "events": sorted(corpus.events, key=lambda e: e.date.value),
                "quotes": {e.id: [quotes[ev] for ev in e.passages] for e in corpus.events},
            },
        ),
        "figures": (
            "figures.md.j2",
            say("Key figures"),
            {"figures": corpus.figures, "quotes": {f.id: quotes[f.passage] for f in corpus.figures}},
        ),
        "glossary": (
            "glossary.md.j2",
            say("Glossary"),
            {"terms": sorted(corpus.terms, key=lambda t: t.term.lower()), "usage": usage, "listed": USED_IN},
        ),
        # (A typographic apostrophe: Zensical escapes a straight one of a title twice in labels.)
        "whats-new": ("whats_new.md.j2", say("What’s new"), {"entries": whats_new(corpus)}),
        "disagreements": (
            "disagreements.md.j2",
            say("Where the authors disagree"),
            {"groups": [(t, disagreeing[t.id]) for t in corpus.themes if disagreeing[t.id]]},
        ),
        "sources": (
            "sources.md.j2",
            say("Sources at their originals"),
            {"rows": rows(SOURCE_ROW, _sources(corpus)), "checked": bool(corpus.checks)},
        ),
        "map": (
            "map.md.j2",
            say("Map of the corpus"),
            {
                "svg": Md(svg(corpus, counts)),
                "shown": len(drawn(corpus, counts)),
                "rows": rows(MAP_ROW, _map_rows(corpus, counts)),
            },
        ),
    }


def _map_rows(corpus: Corpus, counts: Counter) -> list[MapRow]:
    """Every essay's row of the map's table."""
    by_essay = totals(counts)[0]
    ids = [t.id for t in corpus.themes]
    return [MapRow(e, tuple(counts.get((e.slug, i), 0) for i in ids), by_essay[e.slug]) for e in corpus.essays]


def _sources(corpus: Corpus) -> list[SourceRow]:
    """Every essay's original and archived copy, and what the last check found of them (its
    columns only when there is a status file: nothing is said of a check that did not happen)."""
    language, checked = corpus.site.language, bool(corpus.checks)
    rows = []
    for essay in sorted(corpus.essays, key=lambda e: e.title.casefold()):
        check = corpus.check(essay.slug)
        state, archive_state = (check.state, check.archive_state) if check else (None, None)
        shown = source_checks.state(language, state), source_checks.state(language, archive_state)
        rows.append(SourceRow(essay, check, *shown, checked))
    return rows
