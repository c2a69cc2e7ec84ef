"""Text into Markdown that shows it as text, never as markup.

Everything from the seeds (source text and editorial fields alike) passes through
:func:`escape` on its way into a generated page, so a ``*``, ``[``, ``<`` or
``{:`` in a source can only ever appear as that character. Markdown the templates
build on purpose is wrapped in :class:`Md` and passed through unchanged.

The paragraphs of an essay's body are written as raw HTML blocks instead
(:func:`paragraph_html`, every character of the text HTML-escaped): Python-Markdown
passes raw HTML on in well under half the time it takes to parse inline Markdown,
and the body is most of every essay page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import quote as percent_encode

from markupsafe import Markup

from ..ids import note_id
from ..languages import N_, SOURCE, gettext
from ..model import Paragraph, Quote
from ..term_usage import words_pattern


class Md(Markup):
    """A string that is already Markdown: templates output it as it is.

    It is a :class:`markupsafe.Markup`, so Jinja2 neither escapes it nor the
    output of template macros built from it.
    """


class Untranslated(str):
    """Editorial text shown on a page of another language for want of a translation: the
    text as written, in ``language`` (see :mod:`build_tools.stages.localize`)."""

    language: str

    def __new__(cls, text: str, language: str) -> Untranslated:
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __reduce__(self):  # (pickled to and from the workers that render pages)
        return Untranslated, (str(self), self.language)


# Characters Python-Markdown (with our extensions) gives meaning to anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]{}()!#|])")
# What means something only at the start of a line: list markers ("-", "+", "1.").
# (">" and "#" are already escaped; "*" is escaped inline.)
_LINE_START = re.compile(r"^([-+]|\d+(?=\.))")


_LINE_BREAK = re.compile(r"\s*\n\s*")


def _one_line(text: str) -> str:
    """``text`` with each line break (and the spaces around it) made one space."""
    return _LINE_BREAK.sub(" ", text) if "\n" in text else text


# Whether a text holds anything that :func:`escape` changes (most names, dates and numbers do not).
_TO_ESCAPE = re.compile(r"[\\`*_\[\]{}()!#|&<>\n]|^(?:[-+]|\d+\.)")


def escape(text: str) -> Md:
    """``text`` as Markdown that renders as exactly that text, on one line."""
    text = str(text)
    if not _TO_ESCAPE.search(text):
        return Md(text)
    text = _one_line(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1).isdigit() else "\\" + m.group(1), text)
    return Md(text)


# The title of a corrected passage (Material shows it as a tooltip on hover or focus), and of
# a note's marker (messages: see build_tools/languages.py).
CORRECTION_TITLE = N_("Corrected by the editors. The source reads: {}")
NOTE_TITLE = N_("Note {label}")
PARAGRAPH_LINK = N_("Link to this paragraph")


def inline_runs(paragraph: Paragraph, points: dict[int, list] | None = None) -> Iterator[tuple[str, Any]]:
    """The paragraph in reading order, for a renderer to turn into markup: ``("text", s)``,
    ``("open", r)`` and ``("close", r)`` for each range ``r = (start, end, kind, original)``
    (kind ``em`` or ``correction``; ranges nest), and ``("point", x)`` for each ``x`` of
    ``points[position]``. Inner ranges close first; outer ranges open first."""
    points = points or {}
    text = paragraph.text
    ranges: list[tuple[int, int, str, str | None]] = [(s, e, "em", None) for s, e in paragraph.emphasis]
    ranges += [(s, e, "correction", original) for s, e, original in paragraph.corrections]
    cuts = sorted({0, len(text), *points, *(r[0] for r in ranges), *(r[1] for r in ranges)})
    for here, following in zip(cuts, cuts[1:] + [None]):
        for r in sorted((r for r in ranges if r[1] == here), key=lambda r: -r[0]):
            yield "close", r
        for x in points.get(here, []):
            yield "point", x
        for r in sorted((r for r in ranges if r[0] == here), key=lambda r: -r[1]):
            yield "open", r
        if following is not None:
            yield "text", text[here:following]


def paragraph_markdown(paragraph: Paragraph, note_ids: tuple[str, ...] = (), page_language: str = SOURCE) -> Md:
    """The paragraph's text as Markdown: emphasis in italics, each correction marked
    with the source's reading, each note marker a link to its note (with the ids of
    ``note_ids``, one per marker; markers are left out when none are given); the titles
    of the markers and corrections in ``page_language``."""
    points: dict[int, list[str]] = {}
    for (pos, label), ref_id in zip(paragraph.notes, note_ids):
        title = gettext(page_language, NOTE_TITLE).format(label=escape(label))
        points.setdefault(pos, []).append(
            f'[{escape(label)}](#{note_id(label)}){{: #{ref_id} .note-ref title="{title}" }}'
        )
    return Md(_runs_markup(paragraph, points, escape, ("*", "*"), page_language))


def inline_html(paragraph: Paragraph, page_language: str = SOURCE) -> Md:
    """The paragraph's text as HTML, as :func:`paragraph_markdown` gives it as Markdown
    without note markers: a quote's words in a part of a page written as HTML."""
    return Md(
        _runs_markup(
            paragraph, {}, lambda text: html.escape(_one_line(text), quote=False), ("<em>", "</em>"), page_language
        )
    )


def _runs_markup(
    paragraph: Paragraph,
    points: dict[int, list[str]],
    text: Callable[[str], str],
    em: tuple[str, str],
    page_language: str,
) -> str:
    """The paragraph's :func:`inline_runs` joined: each text run through ``text``, each
    point as it is, emphasis between the two marks of ``em``, corrections marked in HTML
    (which Markdown passes on as it is)."""
    out = []
    for event, value in inline_runs(paragraph, points):
        if event == "text":
            out.append(text(value))
        elif event == "point":
            out.append(value)
        elif value[2] == "em":
            out.append(em[0] if event == "open" else em[1])
        elif event == "open":
            out.append(
                f'<span class="correction" tabindex="0" '
                f'title="{html.escape(gettext(page_language, CORRECTION_TITLE).format(value[3]))}">'
            )
        else:
            out.append("</span>")
    return "".join(out)


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut after its last whole word within ``width`` characters if longer."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + "…"


def at_source(quote: Quote) -> str | None:
    """The original's address with a text directive that finds the quoted words on the
    publisher's page (None if the original's address is not known)."""
    url = quote.essay.url
    if not url:
        return None
    return f"{url}{':~:' if '#' in url else '#:~:'}text={text_fragment(quote)}"


def text_fragment(quote: Quote) -> Md:
    """A URL text directive value (``start,end`` or the whole quote) that finds the quote."""
    words = quote.text.split()
    terms = [" ".join(words)] if len(words) <= 8 else [" ".join(words[:4]), " ".join(words[-4:])]
    return Md(",".join(percent_encode(t, safe="").replace("-", "%2D") for t in terms))


# Where a glossary term links to its entry, from the docs folder (MkDocs makes it relative).
GLOSSARY_PAGE = "/reference/glossary.md"
# A term's link as :meth:`Glossary.html` writes it: its entry's id, and the words linked
# (the Markdown extension reads it back to keep one link a term in each section).
TERM_LINK = re.compile(r'<a class="glossary-term" href="[^"#]*#([^"]+)"(?: lang="[^"]*")? title="[^"]*">(.*?)</a>')
# Where a term is not linked: in a link already, in code, in a heading.
UNLINKED = frozenset({"a", "code", "pre", "kbd", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "script", "style"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_LANG = re.compile(r'\slang="([^"]*)"')


# The glossary's terms as pages link them: each form's tooltip, its entry's id on the
# glossary page, and its language where it is not the site's (else "").
Terms = dict[str, tuple[str, str, str]]


class Glossary:
    """The glossary's terms (``{form: (tooltip, entry id, language or "")}``), put on the words of a text:
    the first use of each term in a section links to its entry, with its meaning as the
    link's tooltip; its other uses there are plain words. ``href`` is the glossary page's
    address from the page. The Markdown extension does the same on the rest of a page."""

    def __init__(self, terms: Terms, href: str = "", language: str = SOURCE):
        self.terms, self.href, self.language = terms, href, language
        self.pattern = words_pattern(terms)
        self.seen: set[str] = set()

    def lang(self, form: str, within: str | None = None) -> str:
        """The ``lang`` of a link to ``form`` (else ""): its term's language, where that is not
        the language of the text around it, the page's (``language``) or ``within``'s. A
        Spanish term in an English quote on a Spanish page is marked, as on an English page."""
        own = self.terms[form][2] or self.language
        return own if own != (within or self.language) else ""

    def start_section(self) -> Md:
        """A new section (at a heading): each term links again at its first use."""
        self.seen = set()
        return Md("")

    def first_uses(self, text: str) -> Iterator[re.Match]:
        """The forms in ``text`` whose term is used for the first time in this section."""
        for m in self.pattern.finditer(text) if self.pattern else ():
            term = self.terms[m[0]][1]
            if term not in self.seen:
                self.seen.add(term)
                yield m

    def html(self, text: str, within: str | None = None) -> str:
        """``text`` HTML-escaped, the first use of each term linked to its entry (``text`` in
        the language ``within``, if not the page's: see :meth:`lang`)."""
        out, at = [], 0
        for m in self.first_uses(text):
            title, entry, _ = self.terms[m[0]]
            language = self.lang(m[0], within)
            lang = f' lang="{language}"' if language else ""
            out += [
                html.escape(text[at : m.start()], quote=False),
                f'<a class="glossary-term" href="{self.href}#{entry}"{lang} title="{html.escape(title)}">'
                f"{html.escape(m[0], quote=False)}</a>",
            ]
            at = m.end()
        out.append(html.escape(text[at:], quote=False))
        return "".join(out)

    def in_html(self, markup: str) -> str:
        """HTML ``markup`` with the first use of each term in its text linked, but where
        a term is not (:data:`UNLINKED`), as the Markdown extension links a page's text."""
        if not self.pattern or not self.pattern.search(markup):  # (most parts name no term)
            return markup
        out, at, inside = [], 0, 0
        marked: list[list] = []  # (the elements with a lang around the text: name, lang, same-named ones inside)
        for tag in [*_TAG.finditer(markup), None]:
            text = markup[at : tag.start() if tag else None]
            within = marked[-1][1] if marked else None
            linked = self.html(html.unescape(text), within) if text.strip() and not inside else ""
            out.append(linked if "<a " in linked else text)  # (text with no term left as it was)
            if tag:
                out.append(tag[0])
                inside += (-1 if tag[1] else 1) if tag[2].lower() in UNLINKED else 0
                nest(marked, tag)
                at = tag.end()
        return "".join(out)


def nested(marked: list[list], markup: str) -> None:
    """``marked`` after each tag of ``markup`` (see :func:`nest`)."""
    for tag in _TAG.finditer(markup):
        nest(marked, tag)


def nest(marked: list[list], tag: re.Match) -> None:
    """``marked`` (see :meth:`Glossary.in_html`) after ``tag``: an element with a ``lang``
    opened, or the innermost one closed (a same-named element inside it counted, not taken
    for its end)."""
    name, lang = tag[2].lower(), _LANG.search(tag[0])
    top = marked[-1] if marked and marked[-1][0] == name else None
    if not tag[1] and lang:
        marked.append([name, lang[1], 0])
    elif top and not tag[1]:
        top[2] += 1
    elif top and top[2]:
        top[2] -= 1
    elif top:
        marked.pop()


def foreign(language: str, page_language: str) -> str | None:
    """``language`` (a language tag, checked at load) if it is not the language of the page
    it stands in — what a ``lang`` attribute must say, so that browsers and screen readers
    read the words so — else None."""
    return language if language != page_language else None


def in_language(text: Md, language: str, page_language: str) -> Md:
    """``text`` marked as in ``language``, if that is not the page's (see :func:`foreign`)."""
    lang = foreign(language, page_language)
    return Md(f'<span lang="{lang}">{text}</span>') if lang else text


def paragraph_html(
    paragraph: Paragraph,
    note_ids: tuple[str, ...],
    glossary: Glossary,
    classes: Iterable[str] = (),
    language: str | None = None,
    page_language: str = SOURCE,
) -> Md:
    """The paragraph as one raw HTML block: what :func:`paragraph_markdown` gives, with the
    paragraph's id, ``classes``, its ``language`` if not the page's, the glossary's links and
    a link to the paragraph (its title in ``page_language``)."""
    points: dict[int, list[str]] = {}
    for (pos, label), ref_id in zip(paragraph.notes, note_ids):
        shown = html.escape(label)
        title = html.escape(gettext(page_language, NOTE_TITLE).format(label=label))
        points.setdefault(pos, []).append(
            f'<a href="#{note_id(label)}" id="{ref_id}" class="note-ref" title="{title}">{shown}</a>'
        )
    body = _runs_markup(
        paragraph, points, lambda text: glossary.html(_one_line(text), language), ("<em>", "</em>"), page_language
    )
    pid = paragraph.id
    attributes = (f' class="{" ".join(classes)}"' if classes else "") + (f' lang="{language}"' if language else "")
    return Md(
        f'<p id="{pid}"{attributes}>{body} <a href="#{pid}" class="para-link" '
        f'title="{html.escape(gettext(page_language, PARAGRAPH_LINK))}">¶</a></p>'
    )
