"""Text into Markdown that shows it as text, never as markup.

Everything from the seeds (source text and editorial fields alike) passes through
:func:`escape` on its way into a generated page, so a ``*``, ``[``, ``<`` or
``{:`` in a source can only ever appear as that character. Markdown the templates
build on purpose is wrapped in :class:`Md` and passed through unchanged.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from .model import Paragraph


class Md(Markup):
    """A string that is already Markdown: templates output it as it is.

    It is a :class:`markupsafe.Markup`, so Jinja2 neither escapes it nor the
    output of template macros built from it.
    """


# Characters Python-Markdown (with our extensions) gives meaning to anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]{}()!#])")
# What means something only at the start of a line: list markers ("-", "+", "1.").
# (">" and "#" are already escaped; "*" is escaped inline.)
_LINE_START = re.compile(r"^([-+]|\d+(?=\.))")


def escape(text: str) -> Md:
    """``text`` as Markdown that renders as exactly that text, on one line."""
    text = re.sub(r"\s*\n\s*", " ", str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1).isdigit() else "\\" + m.group(1), text)
    return Md(text)


def paragraph_markdown(paragraph: Paragraph) -> Md:
    """The paragraph's text as Markdown, with its emphasis ranges in italics."""
    out, pos = [], 0
    for start, end in paragraph.emphasis:
        out += [escape(paragraph.text[pos:start]), "*", escape(paragraph.text[start:end]), "*"]
        pos = end
    out.append(escape(paragraph.text[pos:]))
    return Md("".join(out))
