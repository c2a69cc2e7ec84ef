"""Stage 5, render: the model into Markdown pages, through Jinja2 templates.

Templates receive model objects only. Every ``{{ value }}`` is escaped as Markdown
text by the environment's ``finalize`` hook (see :mod:`markdown_text`), so no
field of the seeds can become markup; only values already wrapped in :class:`Md`
(Markdown the renderer builds on purpose) pass through unchanged.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from .markdown_text import Md, escape, paragraph_markdown
from .model import Claim, Corpus, Essay, Evidence, Paragraph, Quote, Theme

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Citation:
    """Where a paragraph is quoted: the claim and the quote."""

    claim: Claim
    quote: Quote


def _finalize(value):
    return value if isinstance(value, Markup) else escape(value)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        # Autoescape only so that macro output is Markup (kept as it is); the
        # escaping itself is _finalize's: Markdown escaping, not HTML escaping.
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = paragraph_markdown
    env.filters["quote_md"] = quote_markdown
    env.filters["yaml"] = lambda value: Md(json.dumps(str(value), ensure_ascii=False))
    env.filters["plural"] = lambda n, word: Md(f"{n} {word}{'' if n == 1 else 's'}")
    return env


def quote_markdown(quote: Quote) -> Md:
    """The quoted words as Markdown, keeping the emphasis of the source inside them."""
    emphasis = tuple((max(s, quote.start) - quote.start, min(e, quote.end) - quote.start)
                     for s, e in quote.paragraph.emphasis if s < quote.end and e > quote.start)
    return paragraph_markdown(Paragraph(quote.paragraph.id, "quote", quote.text, 0, emphasis))


@dataclass(frozen=True)
class ThemeStats:
    claims: int
    quotes: int
    essays: tuple[Essay, ...]


def theme_stats(corpus: Corpus, theme: Theme) -> ThemeStats:
    claims = corpus.claims_of(theme.id)
    slugs = {ev.essay for c in claims for ev in c.evidence}
    return ThemeStats(len(claims), sum(len(c.evidence) for c in claims),
                      tuple(e for e in corpus.essays if e.slug in slugs))


def render(corpus: Corpus, quotes: dict[Evidence, Quote]) -> dict[str, str]:
    """Every generated page, as ``{path under docs/: Markdown}``."""
    env = environment()
    pages: dict[str, str] = {}

    def page(path: str, template: str, **context) -> None:
        if path in pages:
            raise RuntimeError(f"two pages would be written to docs/{path}")
        pages[path] = env.get_template(template).render(corpus=corpus, **context)

    stats = {t.id: theme_stats(corpus, t) for t in corpus.themes}
    citations: dict[str, list[Citation]] = defaultdict(list)
    for theme in corpus.themes:
        for claim in corpus.claims_of(theme.id):
            for ev in claim.evidence:
                citations[ev.essay].append(Citation(claim, quotes[ev]))

    for theme in corpus.themes:
        page(f"themes/{theme.id}/index.md", "theme.md.j2", theme=theme, stats=stats[theme.id],
             claims=[(c, [quotes[ev] for ev in c.evidence]) for c in corpus.claims_of(theme.id)])
    for essay in corpus.essays:
        cited = {c.quote.paragraph.id for c in citations[essay.slug]}
        page(f"essays/{essay.slug}/index.md", "essay.md.j2", essay=essay,
             citations=citations[essay.slug], cited=cited)
    page("themes/index.md", "themes_index.md.j2", stats=stats)
    page("essays/index.md", "essays_index.md.j2")
    page("snippets/home-themes.md", "home_themes.md.j2", stats=stats)
    page("snippets/home-essays.md", "home_essays.md.j2")
    return pages
