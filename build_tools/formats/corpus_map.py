"""The map of the corpus: an SVG matrix of essays (rows) by themes (columns), each cell
holding how many passages of the essay the theme's claims quote, its shade darker the
more there are — drawn at build time, with no JavaScript.

Every label is escaped as XML text; links are relative to the page that shows the map
(``reference/map/``). Colours come from the site's stylesheet (classes ``map-*``), so
the map follows the light and dark schemes. The drawing is sized so that its text stays
readable on a phone (390 px wide); with more essays than :data:`ROWS`, it shows those
most quoted and says so (the table beside it lists them all).

A row's label names its essay by author(s) and year ("Broad (2014)", as an author–date
citation does; the letter of 2015a keeps essays of one year apart): a whole date ("13 de
junio de 2021") would not fit the label's column on a phone, and is in the link's title
and in the table. A label longer than a line wraps over whole words, its row as tall as
its lines; a single word longer than a line is narrowed to fit (SVG's ``textLength``).
"""

from __future__ import annotations

import textwrap
from collections import Counter
from html import escape

from ..languages import counted, gettext
from ..model import Corpus, Essay, Evidence, Quote

# Units of the drawing (it is scaled to the width of the page: about 1 px on a phone).
LABEL_W, CELL, GAP, HEAD_H, ROW_GAP, RIGHT = 124, 48, 4, 66, 4, 40
ROWS = 25  # essays drawn at most
# A label's lines: characters on a line (about LABEL_W at the labels' 14 px) and its height.
LINE, LINE_H = 16, 16


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


def _lines(label: str) -> list[str]:
    """A row's label over lines of whole words."""
    return textwrap.wrap(label, LINE, break_long_words=False, break_on_hyphens=False)


def _label(lines: list[str], middle: float) -> str:
    """A row's label, its lines centred on ``middle``; a line of one word too long for the
    label's column narrowed to it."""
    top = middle - (len(lines) - 1) * LINE_H / 2 + 5
    return "".join(
        f'<text x="0" y="{top + i * LINE_H:g}"'
        + (f' textLength="{LABEL_W - 8}" lengthAdjust="spacingAndGlyphs"' if len(line) > LINE else "")
        + f' class="map-label">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )


def svg(corpus: Corpus, counts: Counter, up: str = "../../") -> str:
    """The map as one line of SVG markup (so Markdown keeps it as a single HTML block)."""
    essays, themes, language = drawn(corpus, counts), corpus.themes, corpus.site.language
    width = LABEL_W + len(themes) * (CELL + GAP) + RIGHT  # (room for the last head, slanted)
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
    y = HEAD_H
    for e in essays:
        lines = _lines(e.author_year_in(language))
        height = max(row_h, len(lines) * LINE_H + 4)
        parts.append(
            f'<a href="{escape(up)}essays/{escape(e.slug)}/" class="map-essay"><title>{escape(e.label_in(language))}: '
            f"{_passages(by_essay[e.slug], language)}</title>{_label(lines, y + height / 2)}</a>"
        )
        cell_y, y = y + (height - row_h) // 2, y + height + ROW_GAP
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
                f'<rect x="{x}" y="{cell_y}" width="{CELL}" height="{row_h}" rx="4"/>'
                f'<text x="{x + CELL / 2}" y="{cell_y + row_h / 2 + 5}" class="map-count">{n}</text></g>'
            )
    label = gettext(language, "Map of the corpus: how many passages of each essay each theme quotes") + (
        gettext(language, ", for the {shown} most quoted of {total} essays").format(
            shown=len(essays), total=len(corpus.essays)
        )
        if len(essays) < len(corpus.essays)
        else ""
    )
    return (
        f'<svg class="map" viewBox="0 0 {width} {y}" width="100%" role="group" '
        f'aria-label="{escape(label)}">{"".join(parts)}</svg>'
    )
