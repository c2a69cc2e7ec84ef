"""The map's row labels are read whole in both editions: each names its essay by author(s)
and year ("Broad (2014)", "Bach (ca. 2000)"), wrapped over lines of whole words, never cut
with an ellipsis (the full date is in the link's title and in the table below the map)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest

from build_tools.essay import Author, EssayDate
from build_tools.formats.corpus_map import LINE, svg

# An essay's link in the map, and the lines of its label.
_ESSAY = re.compile(r'<a href="\.\./\.\./essays/([^"]+)/" class="map-essay">(.*?)</a>')
_LINE = re.compile(r'<text [^>]*class="map-label"[^>]*>([^<]*)</text>')
# What may stand in a label's brackets: a year, approximate or not, and its letter.
_YEAR = re.compile(r"\((?:\D+ )?\d{4}[a-z]?\)$")


def labels(svg_markup: str) -> dict[str, list[str]]:
    """The lines of each essay's label in the map, by the essay's slug."""
    return {slug: _LINE.findall(inner) for slug, inner in _ESSAY.findall(svg_markup)}


@pytest.mark.parametrize("language, prefix", [("en", ""), ("es", "es/")])
def test_every_label_of_the_map_is_the_author_and_year_whole(site, checked, language, prefix):
    html = (site[0] / prefix / "reference/map/index.html").read_text(encoding="utf-8")
    start = html.index('<svg class="map"')
    shown = labels(html[start : html.index("</svg>", start)])
    assert set(shown) == {e.slug for e in checked.corpus.essays}
    for e in checked.corpus.essays:
        assert " ".join(shown[e.slug]) == e.author_year_in(language), (e.slug, shown[e.slug])
        assert _YEAR.search(e.author_year_in(language)), e.author_year_in(language)  # (no month, no day)
        assert all("…" not in line for line in shown[e.slug])
    # Essays by the same author in the same year stay apart (2015a, 2015b).
    assert len({tuple(lines) for lines in shown.values()}) == len(shown)


def test_a_long_name_wraps_over_whole_words_and_a_long_word_is_fitted(checked):
    name = "Comisión Intergubernamental de Estudios Migratorios de las Américas"
    first = replace(checked.corpus.essays[0], authors=(Author("", name),), date=EssayDate("1999-11-02", "day"))
    corpus = replace(checked.corpus, essays=(first, *checked.corpus.essays[1:]))
    markup = svg(corpus, Counter())
    lines = labels(markup)[first.slug]
    assert " ".join(lines) == f"{name} (1999)" and len(lines) > 1
    assert all(len(line) <= LINE or " " not in line for line in lines)
    # A word longer than a line ("Intergubernamental") is narrowed to the label's width, not cut.
    assert re.search(r'textLength="\d+" lengthAdjust="spacingAndGlyphs" class="map-label">Intergubernamental<', markup)
