"""Text from the seeds renders as that text, never as markup (Markdown → HTML pairs); an
essay's paragraph written as raw HTML renders as its Markdown would."""

from __future__ import annotations

import html
import json
import random
import re
import xml.etree.ElementTree as ET

import markdown
import pytest

from build_tools.config import read_config
from build_tools.formats.markdown_text import GLOSSARY_PAGE, Glossary, escape, paragraph_html, paragraph_markdown
from build_tools.model import Paragraph
from build_tools.term_usage import words_pattern
from tests.conftest import ROOT


def render(md: str, glossary: dict | None = None, folder=None) -> str:
    """Markdown to HTML with the extensions the site enables in mkdocs.yml (and, if
    given, the glossary's terms written where the extension reads them)."""
    config = read_config(ROOT / "mkdocs.yml")
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    configs = {}
    if glossary is not None:
        path = folder / "glossary.json"
        path.write_text(json.dumps(glossary), encoding="utf-8")
        configs["build_tools.site.markdown_ext"] = {"glossary": str(path)}
    return markdown.markdown(md, extensions=names, extension_configs=configs)


HOSTILE = [
    "a *b* _c_ **d** `e`",
    "[link](javascript:alert(1)) ![img](x.png)",
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    'text {: onclick="alert(1)" } and {#id .class}',
    "# not a heading",
    "> not a quote",
    "- not a list",
    "+ not a list",
    "1986. not a list",
    "&lt;escaped entity&gt; & ampersand",
    "back\\slash \\$ and \\*",
    "[^1] not a footnote, [[claim:x]] not a citation",
    '!!! note "not an admonition"',
    '--8<-- "not-a-snippet.md"',
    "<https://example.org> autolink",
    "“curly” ‘quotes’ — dashes … and Pérez-Rocha",
    "</p><p onclick=alert(1)> a paragraph closed early",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_itself(text):
    out = render(escape(text))
    assert out.startswith("<p>") and out.endswith("</p>"), out
    assert html.unescape(out[3:-4]) == text


def test_emphasis_ranges_become_italics_and_nothing_else():
    p = Paragraph("p-x", "paragraph", "these de facto *side* agreements", 1, ((6, 14),))
    assert render(paragraph_markdown(p)) == "<p>these <em>de facto</em> *side* agreements</p>"


@pytest.mark.parametrize("text", HOSTILE)
def test_a_paragraph_as_html_renders_as_its_text(text):
    out = render(
        paragraph_html(Paragraph("p-x", "paragraph", text, 1), (), Glossary({"NAFTA": ("a <b> tip", "nafta", "")}))
    )
    inner = re.fullmatch(r'<p id="p-x">(.*) <a href="#p-x" class="para-link" title="[^"]*">¶</a></p>', out, re.S)
    assert inner and html.unescape(inner[1]) == text, out


def canonical(html_text: str) -> str:
    """HTML (well-formed, as Python-Markdown writes it) with attributes in one order."""
    return ET.canonicalize("<div>" + html_text + "</div>", strip_text=True)


def test_a_paragraph_as_html_is_what_its_markdown_renders_to(tmp_path):
    """Emphasis, a correction, note markers and glossary terms (not inside a longer form,
    and across the edges of emphasis) come out as Python-Markdown makes them of the
    paragraph's Markdown with its attribute list and the Markdown extension's glossary:
    each term's first use a link to its entry, its other uses plain words."""
    text = "Under NAFTA, the IRCA and NAFTA-era <rules> & muchneeded laws IRCAS, as NAFTA says"
    p = Paragraph(
        "p-under-nafta",
        "paragraph",
        text,
        1,
        emphasis=((6, 11),),
        corrections=((46, 56, "muchneeded"),),
        notes=((61, "2"), (61, "3")),
    )
    # (a term in another language than the page's is marked with it: "es" here, for the test)
    terms = {"NAFTA": ('North American "Free Trade" <Agreement>', "nafta", ""), "IRCA": ("a law & more", "irca", "es")}
    as_html = paragraph_html(p, ("ref-2", "ref-3"), Glossary(terms, GLOSSARY_PAGE), ["standfirst", "cited"])
    as_markdown = (
        f"{paragraph_markdown(p, ('ref-2', 'ref-3'))} [¶](#p-under-nafta)"
        '{: .para-link title="Link to this paragraph" }\n{: #p-under-nafta .standfirst .cited }\n'
    )
    assert canonical(render(as_html)) == canonical(render(as_markdown, terms, tmp_path))
    assert render(as_html).count('class="glossary-term"') == 2
    assert render(as_html).count('lang="es"') == 1


def test_a_term_links_to_its_entry_at_its_first_use_in_each_section(tmp_path):
    terms = {
        "NAFTA": ("North American Free Trade Agreement: a trade agreement.", "nafta", ""),
        "IRCA": ("Immigration Reform and Control Act: a 1986 law.", "irca", ""),
    }
    page = render(
        'Under NAFTA, *before* IRCA, and NAFTA again.\n\n<div markdown="1">NAFTA once more.</div>\n\n'
        "## A section\n\nNAFTA `NAFTA` [NAFTA](x.md)\n",
        terms,
        tmp_path,
    )
    link = (
        '<a class="glossary-term" href="/reference/glossary.md#nafta" '
        'title="North American Free Trade Agreement: a trade agreement.">NAFTA</a>'
    )
    first, second = page.split("<h2")
    assert first.count(link) == 1 and first.count("glossary-term") == 2  # (NAFTA and IRCA, once each)
    assert second.count(link) == 1 and "<code>NAFTA</code>" in second  # (again in a new section, not in code)
    assert render("Nothing about trade.", terms, tmp_path).count("glossary-term") == 0


def test_a_term_in_a_quote_in_another_language_is_marked_with_its_own(tmp_path):
    """On a Spanish page, "maquiladora" in an English quote is Spanish (as on an English page)
    and "NAFTA" needs no mark there; outside the quote, the reverse."""
    terms = {"maquiladora": ("Fábrica.", "maquiladora", ""), "NAFTA": ("Tratado.", "nafta", "en")}
    (tmp_path / "citations.json").write_text(json.dumps({"language": "es"}), encoding="utf-8")
    path = tmp_path / "glossary.json"
    path.write_text(json.dumps(terms), encoding="utf-8")
    config = read_config(ROOT / "mkdocs.yml")
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    extension = {"glossary": str(path), "citations": str(tmp_path / "citations.json")}
    page = markdown.markdown(
        '> “<span lang="en">Under NAFTA, the maquiladora</span>”\n\n## Otra sección\n\nLa maquiladora y el NAFTA.',
        extensions=names,
        extension_configs={"build_tools.site.markdown_ext": extension},
    )
    quote, after = page.split("<h2")
    assert re.search(r'<a class="glossary-term" href="[^"]*#maquiladora" lang="es"', quote)
    assert re.search(r'<a class="glossary-term" href="[^"]*#nafta" title', quote)
    assert re.search(r'<a class="glossary-term" href="[^"]*#maquiladora" title', after)
    assert re.search(r'<a class="glossary-term" href="[^"]*#nafta" lang="en"', after)


@pytest.mark.parametrize("seed", range(4))
def test_terms_are_found_where_whole_words_are(seed):
    """The glossary's pattern (its ``\\b`` written after each form's first character, for
    speed) finds what ``\\b(?:form|…)\\b`` finds, at the same places, whatever the forms and
    text: letters, digits, marks, punctuation, spaces and line ends on either side."""
    rng = random.Random(seed)
    alphabet = "ab .-\n(é1_ß'"
    for _ in range(2000):
        words = ["".join(rng.choices(alphabet, k=rng.randint(0, 4))) for _ in range(rng.randint(1, 5))]
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 30)))
        plain = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b")
        pattern = words_pattern(words)
        assert pattern is not None
        for start in (0, 1):
            found = [(m.start(), m.group()) for m in pattern.finditer(text, start)]
            assert found == [(m.start(), m.group()) for m in plain.finditer(text, start)], (words, text)
