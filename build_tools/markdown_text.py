"""Text into Markdown that shows it as text, never as markup.

Everything from the seeds (source text and editorial fields alike) passes through
:func:`escape` on its way into a generated page, so a ``*``, ``[``, ``<`` or
``{:`` in a source can only ever appear as that character. Markdown the templates
build on purpose is wrapped in :class:`Md` and passed through unchanged.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from .clean import note_id
from .model import Paragraph


class Md(Markup):
    """A string that is already Markdown: templates output it as it is.

    It is a :class:`markupsafe.Markup`, so Jinja2 neither escapes it nor the
    output of template macros built from it.
    """


# Characters Python-Markdown (with our extensions) gives meaning to anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]{}()!#|])")
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


def paragraph_markdown(paragraph: Paragraph, note_ids: tuple[str, ...] = ()) -> Md:
    """The paragraph's text as Markdown: emphasis in italics, each correction marked
    with the source's reading, each note marker a link to its note (with the ids of
    ``note_ids``, one per marker; markers are left out when none are given)."""
    text = paragraph.text
    ranges = [(s, e, "*", "*") for s, e in paragraph.emphasis]
    ranges += [(s, e, Md('<span class="correction" tabindex="0" title="Corrected by the editors. '
                         f'The source reads: {html.escape(original)}">'), Md("</span>"))
               for s, e, original in paragraph.corrections]
    points: dict[int, list[str]] = {}
    for (pos, label), ref_id in zip(paragraph.notes, note_ids):
        points.setdefault(pos, []).append(
            f"[{escape(label)}](#{note_id(label)}){{: #{ref_id} .note-ref title=\"Note {escape(label)}\" }}")
    cuts = sorted({0, len(text), *points, *(r[0] for r in ranges), *(r[1] for r in ranges)})
    out = []
    for here, following in zip(cuts, cuts[1:] + [None]):
        # close what ends here (innermost first), then markers, then open (outermost first)
        out += [r[3] for r in sorted((r for r in ranges if r[1] == here), key=lambda r: -r[0])]
        out += points.get(here, [])
        out += [r[2] for r in sorted((r for r in ranges if r[0] == here), key=lambda r: -r[1])]
        if following is not None:
            out.append(escape(text[here:following]))
    return Md("".join(out))
