"""compact_html against the rule it keeps, written the plain way (issue 33).

The publishing stage compacts a page's text in one go (its text joined and each run found
by the fast search of its line break: :func:`build_tools.site.publish.compact_html`). The
plain way, kept here as the reference, finds the pieces kept (elements whose white space
shows, comments, tags) and makes each run of the text between them one line break, or one
space if it held none, a regular expression call a gap: the same page, byte for byte, on
the HTML a faster rewrite could get wrong (runs in quoted values, in ``pre``, ``script``,
comments, tags left open, tabs and carriage returns, a page holding the joining character).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.site.publish import compact_html

_KEPT = re.compile(
    r"<(pre|textarea|code|kbd|script|style|svg)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</\1\s*>"
    r"|<!--.*?-->"
    r"|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S | re.I,
)
_RUN = re.compile(r"[ \t\n\r\f]{2,}")


def plain(page: str) -> str:
    parts, last = [], 0
    for kept in [*_KEPT.finditer(page), None]:
        start, end = (kept.start(), kept.end()) if kept else (len(page), len(page))
        parts.append(_RUN.sub(lambda run: "\n" if "\n" in run[0] else " ", page[last:start]))
        parts.append(page[start:end])
        last = end
    return "".join(parts)


PIECES = [
    *("<p>", "</p>", "<", ">", "</", "<!", "<!--", "-->", "=", '"', "'", "a", "b", "\xa0", "\ue000", "\x00"),
    *(" ", "  ", "\n", "\n  ", "\t", "\r\n", "\f", " \n \t"),
    *("<pre>", "</pre>", "<code>", "</code >", "<SCRIPT>", "</script>", "<svg", "</svg>", "<kbd>", "</KBD>"),
    *('<a href="x  y">', "<div\n  class='a  >  b'\n>", "<textarea>", "</textarea>", "<pref>", "<style>"),
]


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_compact_html_is_the_plain_rule(page):
    assert compact_html(page) == plain(page)


def test_compact_html_on_runs_at_every_edge():
    for page in (
        "",
        "  ",
        "\n",
        " \n ",
        "a  b\n\n c",
        "<p>  </p>  <p>\t\t</p>",
        '<a title="  <p>  ">  x  </a>',
        "<pre>  a\n  b</pre>  <pre>",
        "<!-- a  -->  <!-- b",
        "<code>  </code\n>  </code>  ",
        "\ue000  \ue001\n \ue002 <p>",
        " " * 1000 + "x" + "\t " * 500 + "\n" + " " * 999,
    ):
        assert compact_html(page) == plain(page), repr(page)
