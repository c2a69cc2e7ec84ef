"""The map of the corpus: an SVG of essays (left), themes (right) and the quoted passages
that join them, drawn at build time with no JavaScript.

Every label is escaped as XML text; links are relative to the page that shows the
map (``reference/map/``). Colours come from the site's stylesheet (classes
``map-*``), so the map follows the light and dark schemes.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from .model import Corpus, Evidence, Quote

WIDTH, NODE_W, NODE_H, GAP, TOP = 640, 220, 54, 14, 16


def passage_counts(corpus: Corpus, quotes: dict[Evidence, Quote]) -> Counter:
    """How many passages of each essay each theme's claims quote: ``{(slug, theme id): n}``."""
    return Counter((quotes[ev].essay.slug, claim.theme) for claim in corpus.claims for ev in claim.evidence)


def totals(counts: Counter) -> tuple[Counter, Counter]:
    """The passages quoted of each essay, and by each theme."""
    by_essay, by_theme = Counter(), Counter()
    for (slug, theme_id), n in counts.items():
        by_essay[slug] += n
        by_theme[theme_id] += n
    return by_essay, by_theme


def _passages(n: int) -> str:
    return f"{n} passage{'' if n == 1 else 's'} quoted"


def _node(x: float, y: float, href: str, label: str, detail: str, css: str) -> str:
    return (f'<a href="{escape(href)}" class="map-node {css}">'
            f'<title>{escape(label)}: {escape(detail)}</title>'
            f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="6"/>'
            f'<text x="{x + 12}" y="{y + 23}" class="map-label">{escape(label)}</text>'
            f'<text x="{x + 12}" y="{y + 44}" class="map-detail">{escape(detail)}</text></a>')


def svg(corpus: Corpus, counts: Counter, up: str = "../../") -> str:
    """The map as one line of SVG markup (so Markdown keeps it as a single HTML block)."""
    essays, themes = corpus.essays, corpus.themes
    rows = max(len(essays), len(themes), 1)
    height = TOP * 2 + rows * NODE_H + (rows - 1) * GAP

    def y_of(i: int, n: int) -> float:
        offset = (rows - n) * (NODE_H + GAP) / 2  # centre the shorter column
        return TOP + offset + i * (NODE_H + GAP)

    ey = {e.slug: y_of(i, len(essays)) for i, e in enumerate(essays)}
    ty = {t.id: y_of(i, len(themes)) for i, t in enumerate(themes)}
    x1, x2 = NODE_W, WIDTH - NODE_W
    edges = []
    for (slug, theme_id), n in sorted(counts.items()):
        if slug not in ey or theme_id not in ty:
            continue
        a, b = ey[slug] + NODE_H / 2, ty[theme_id] + NODE_H / 2
        mx, my = (x1 + x2) / 2, (a + b) / 2
        edges.append(
            f'<g class="map-edge" aria-hidden="true"><path d="M{x1} {a} C{mx} {a} {mx} {b} {x2} {b}" '
            f'stroke-width="{1 + min(n, 12) * 0.6:.1f}"/>'
            f'<circle cx="{mx}" cy="{my}" r="13"/><text x="{mx}" y="{my + 5}" class="map-count">{n}</text></g>')
    by_essay, by_theme = totals(counts)
    nodes = [_node(0, ey[e.slug], f"{up}essays/{e.slug}/", e.label,
                   _passages(by_essay[e.slug]), "map-essay") for e in essays]
    nodes += [_node(x2, ty[t.id], f"{up}themes/{t.id}/", t.title, _passages(by_theme[t.id]),
                    "map-theme") for t in themes]
    return (f'<svg class="map" viewBox="0 0 {WIDTH} {height}" width="100%" role="group" '
            f'aria-label="Map of the corpus: essays and the themes that quote them">{"".join(edges)}{"".join(nodes)}</svg>')
