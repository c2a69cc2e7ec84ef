"""Text from the seeds renders as that text, never as markup (Markdown → HTML pairs)."""

from __future__ import annotations

import html

import markdown
import pytest

from build_tools.load import mkdocs_config
from build_tools.markdown_text import escape, paragraph_markdown
from build_tools.model import Paragraph
from tests.conftest import ROOT


def render(md: str) -> str:
    """Markdown to HTML with the extensions the site enables in mkdocs.yml."""
    config = mkdocs_config(ROOT / "mkdocs.yml")
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    return markdown.markdown(md, extensions=names)


@pytest.mark.parametrize("text", [
    "a *b* _c_ **d** `e`",
    "[link](javascript:alert(1)) ![img](x.png)",
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    "text {: onclick=\"alert(1)\" } and {#id .class}",
    "# not a heading", "> not a quote", "- not a list", "+ not a list", "1986. not a list",
    "&lt;escaped entity&gt; & ampersand",
    "back\\slash \\$ and \\*",
    "[^1] not a footnote, [[claim:x]] not a citation",
    "!!! note \"not an admonition\"",
    "--8<-- \"not-a-snippet.md\"",
    "<https://example.org> autolink",
    "“curly” ‘quotes’ — dashes … and Pérez-Rocha",
])
def test_escaped_text_renders_as_itself(text):
    out = render(escape(text))
    assert out.startswith("<p>") and out.endswith("</p>"), out
    assert html.unescape(out[3:-4]) == text


def test_emphasis_ranges_become_italics_and_nothing_else():
    p = Paragraph("p-x", "paragraph", "these de facto *side* agreements", 1, ((6, 14),))
    assert render(paragraph_markdown(p)) == "<p>these <em>de facto</em> *side* agreements</p>"
