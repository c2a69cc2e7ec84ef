"""The Markdown extension's citations, as source → HTML pairs: what a hand-written page's
``[[claim:…]]`` and ``[[essay#paragraph]]`` become, on a line of their own and inside a
sentence, from the data the generator writes (docs/snippets/citations.json); an unknown
id is shown as such and logged; a citation in code is only an example of the syntax."""

from __future__ import annotations

import json
import logging

import markdown
import pytest

from build_tools.site.markdown_ext import RootCausesExtension

QUOTE = {
    "essay": "broad-2014",
    "paragraph": "p-mexico-was-the-poster-child",
    "relation": None,
    "text": "Mexico was the NAFTA poster child",
    "emphasis": [[0, 6]],
    "corrections": [[15, 20, "Nafta"]],
    "by": "— Robin Broad, ",
    "outlet": "Dollars & Sense",
    "date": ", 2014 ",
    "fragment": "Mexico%20was",
    "at_source": "",
}
OTHER = {
    **QUOTE,
    "essay": "bach-2000",
    "paragraph": "p-x",
    "relation": "contrasts",
    "emphasis": [],
    "corrections": [],
    "by": "— Robert L. Bach, ",
    "outlet": "",
    "date": "policy paper, c. 2000 ",
    "at_source": "https://example.org/bach#:~:text=Mexico",
}
DATA = {
    "claims": {
        "poster": {"theme": "trade", "title": "A poster child", "claim": "NAFTA & Mexico.", "quotes": [QUOTE, OTHER]}
    },
    "passages": {
        "broad-2014#p-mexico-was-the-poster-child": {
            "label": "Broad 2014",
            "opening": "Mexico was the NAFTA poster child",
            "quote": QUOTE,
        }
    },
}
BROAD = (
    "<p>“<em>Mexico</em> was the "
    '<span class="correction" tabindex="0" title="Corrected by the editors. The source reads: Nafta">NAFTA</span>'
    " poster child”</p>\n"
    '<p class="attribution">— Robin Broad, <cite>Dollars &amp; Sense</cite>, 2014 '
    '<a class="in-context" href="/essays/broad-2014/index.md#p-mexico-was-the-poster-child:~:text=Mexico%20was">'
    "Read in context</a></p>"
)
CASES = {
    "a claim on a line of its own": (
        "[[claim:poster]]",
        '<figure class="citation citation-claim">\n'
        '<figcaption><a href="/themes/trade/index.md#poster">A poster child</a>: NAFTA &amp; Mexico.</figcaption>\n'
        f"<blockquote>\n{BROAD}\n</blockquote>\n"
        "<blockquote>\n"
        '<p><strong class="relation relation-contrasts">Contrasts</strong> “Mexico was the NAFTA poster child”</p>\n'
        '<p class="attribution">— Robert L. Bach, policy paper, c. 2000 '
        '<a class="in-context" href="/essays/bach-2000/index.md#p-x:~:text=Mexico%20was">Read in context</a> '
        '<a class="at-source" href="https://example.org/bach#:~:text=Mexico" '
        'title="The same words on the publisher\'s page">at the source</a></p>\n'
        "</blockquote>\n"
        "</figure>",
    ),
    "a paragraph on a line of its own": (
        "[[broad-2014#p-mexico-was-the-poster-child]]",
        f'<figure class="citation citation-paragraph">\n<blockquote>\n{BROAD}\n</blockquote>\n</figure>',
    ),
    "a claim in a sentence": (
        "As [[claim:poster]] says.",
        '<p>As <a class="citation" href="/themes/trade/index.md#poster">A poster child</a> says.</p>',
    ),
    "a paragraph in a sentence": (
        "See [[broad-2014#p-mexico-was-the-poster-child]].",
        '<p>See <a class="citation" href="/essays/broad-2014/index.md#p-mexico-was-the-poster-child">'
        "Broad 2014, “Mexico was the NAFTA poster child…”</a>.</p>",
    ),
    "an unknown claim on a line of its own": (
        "[[claim:nowhere]]",
        '<p><mark class="citation-unknown">[[claim:nowhere]] (unknown citation)</mark></p>',
    ),
    "an unknown paragraph in a sentence": (
        "As [[broad-2014#p-nowhere]] says.",
        '<p>As <mark class="citation-unknown">[[broad-2014#p-nowhere]] (unknown citation)</mark> says.</p>',
    ),
    "a citation in code": ("`[[claim:poster]]`", "<p><code>[[claim:poster]]</code></p>"),
}


@pytest.fixture(scope="module")
def extension(tmp_path_factory) -> RootCausesExtension:
    data = tmp_path_factory.mktemp("snippets") / "citations.json"
    data.write_text(json.dumps(DATA), encoding="utf-8")
    return RootCausesExtension(citations=str(data))


@pytest.mark.parametrize("case", CASES)
def test_a_citation_becomes_its_html(extension, case, caplog):
    source, expected = CASES[case]
    with caplog.at_level(logging.WARNING, logger="mkdocs.root_causes"):
        assert markdown.markdown(source, extensions=[extension]) == expected
    unknown = "unknown" in case
    assert [r.getMessage() for r in caplog.records] == (
        [f"unknown citation {source.removeprefix('As ').removesuffix(' says.')}: run `make check` to see where"]
        if unknown
        else []
    )
