"""The map of the corpus: an SVG matrix of essays (rows) by themes (columns), each cell
holding how many passages of the essay the theme's claims quote, its shade darker the
more there are — drawn at build time, with no JavaScript.

Every label is escaped as XML text; links are relative to the page that shows the map
(``reference/map/``). Colours come from the site's stylesheet (classes ``map-*``), so
the map follows the light and dark schemes. The drawing is sized so that its text stays
readable on a phone (390 px wide); with more essays than :data:`ROWS`, it shows those
most quoted and says so (the table beside it lists them all).
"""

from __future__ import annotations

from collections import Counter
from html import escape

from ..languages import counted, gettext
from ..model import Corpus, Essay, Evidence, Quote
from .markdown_text import shorten

# Units of the drawing (it is scaled to the width of the page: about 1 px on a phone).
LABEL_W, CELL, GAP, HEAD_H, ROW_GAP, RIGHT = 124, 48, 4, 66, 4, 40
ROWS = 25  # essays drawn at most


def passage_counts(corpus: Corpus, quotes: dict[Evidence, Quote]) -> Counter:
    """How many passages of each essay each theme's claims quote: ``{(slug, theme id): n}``."""
    return Counter((quotes[ev].essay.slug, claim.theme) for claim in corpus.claims for ev in claim.evidence)


def totals(counts: Counter) -> tuple[Counter, Counter]:
    """The passages quoted of each essay, and by each theme."""
    by_essay: Counter[str] = Counter()
    by_theme: Counter[str] = Counter()
    for (slug, theme_id), n in counts.items():
        by_essay[slug] += n
        by_theme[theme_id] += n
    return by_essay, by_theme


def drawn(corpus: Corpus, counts: Counter) -> list[Essay]:
    """The essays the map draws: all, or the :data:`ROWS` most quoted (in the corpus's order)."""
    if len(corpus.essays) <= ROWS:
        return list(corpus.essays)
    by_essay = totals(counts)[0]
    top = {e.slug for e in sorted(corpus.essays, key=lambda e: -by_essay[e.slug])[:ROWS]}
    return [e for e in corpus.essays if e.slug in top]  # (by slug: comparing whole essays is slow)


def _passages(n: int, language: str) -> str:
    return counted(language, "{num} passage quoted", "{num} passages quoted", n)


def _shade(n: int, most: int) -> int:
    """The shade of a cell, 0 (none quoted) to 4 (the most)."""
    return 0 if not n else 1 + (3 * (n - 1)) // max(most - 1, 1)


def svg(corpus: Corpus, counts: Counter, up: str = "../../") -> str:
    """The map as one line of SVG markup (so Markdown keeps it as a single HTML block)."""
    essays, themes, language = drawn(corpus, counts), corpus.themes, corpus.site.language
    width = LABEL_W + len(themes) * (CELL + GAP) + RIGHT  # (room for the last head, slanted)
    height = HEAD_H + len(essays) * (CELL // 2 + 12 + ROW_GAP)
    row_h = CELL // 2 + 12
    most = max(counts.values(), default=1)
    by_essay = totals(counts)[0]
    parts = []
    for j, t in enumerate(themes):  # the columns' heads: each theme, a link
        x, y = LABEL_W + j * (CELL + GAP) + CELL / 2 - 6, HEAD_H - 8
        parts.append(
            f'<a href="{escape(up)}themes/{escape(t.id)}/" class="map-theme">'
            f'<text x="{x}" y="{y}" transform="rotate(-35 {x} {y})" class="map-head">{escape(t.title)}</text></a>'
        )
    for i, e in enumerate(essays):
        y = HEAD_H + i * (row_h + ROW_GAP)
        parts.append(
            f'<a href="{escape(up)}essays/{escape(e.slug)}/" class="map-essay"><title>{escape(e.label_in(language))}: '
            f'{_passages(by_essay[e.slug], language)}</title><text x="0" y="{y + row_h / 2 + 5}" '
            f'class="map-label">{escape(shorten(e.label_in(language), 17))}</text></a>'
        )
        for j, t in enumerate(themes):
            n = counts.get((e.slug, t.id), 0)
            x = LABEL_W + j * (CELL + GAP)
            title = counted(
                language,
                "{essay} in {theme}: {num} passage quoted",
                "{essay} in {theme}: {num} passages quoted",
                n,
                essay=e.label_in(language),
                theme=t.title,
            )
            parts.append(
                f'<g class="map-cell map-shade-{_shade(n, most)}"><title>{escape(title)}</title>'
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{row_h}" rx="4"/>'
                f'<text x="{x + CELL / 2}" y="{y + row_h / 2 + 5}" class="map-count">{n}</text></g>'
            )
    label = gettext(language, "Map of the corpus: how many passages of each essay each theme quotes") + (
        gettext(language, ", for the {shown} most quoted of {total} essays").format(
            shown=len(essays), total=len(corpus.essays)
        )
        if len(essays) < len(corpus.essays)
        else ""
    )
    return (
        f'<svg class="map" viewBox="0 0 {width} {height}" width="100%" role="group" '
        f'aria-label="{escape(label)}">{"".join(parts)}</svg>'
    )
