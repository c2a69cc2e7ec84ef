"""Python-Markdown extension (named in mkdocs.yml) for the site's own pages.

1. Citations in hand-written pages: ``[[claim:<claim-id>]]`` and
   ``[[<essay-slug>#<paragraph-id>]]``. On a line of its own, a citation becomes the
   attributed quote(s) with "Read in context" links; inside a sentence, a link to
   the claim or passage (the markup: :mod:`build_tools.site.citation_markup`). ``make
   check`` refuses unknown ids with ``path:line`` (see :func:`build_tools.formats.page_citations.find_citations`); here an unknown id is logged and shown as such.
   What each citation shows comes from the data file the generator writes
   (:mod:`build_tools.formats.page_citations`), named in the extension's ``citations`` option: the
   extension runs no part of the pipeline, whichever engine calls it and from wherever.
2. Text fragments: a link with a ``data-text`` attribute gets ``:~:text=…`` added
   to its address, after MkDocs has resolved the link and checked its anchor, so
   the browser highlights the quoted words.
3. The glossary: the first use of each of its terms in a section (from one heading to
   the next) links to its entry on the glossary page, its meaning as the link's title
   (a tooltip on hover and on focus); its other uses there are plain words. The terms
   come from ``docs/snippets/glossary.json``, which the generator writes, named in the
   ``glossary`` option. (An essay's paragraphs, written by the generator as HTML, come
   with their links: :class:`build_tools.formats.markdown_text.Glossary` does the same there.)

Links are written from the docs folder (``/essays/x/index.md#p-…``); MkDocs makes
them relative (``validation: links: absolute_links: relative_to_docs``).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from ..formats.markdown_text import GLOSSARY_PAGE, TERM_LINK, UNLINKED, Glossary, Terms, nested
from ..formats.page_citations import CITATION
from ..formats.spliced import with_seen
from ..languages import SOURCE, gettext
from . import citation_markup


class DataFile:
    """A file the generator writes for the extension, read (by ``parse``) again only when
    it changes; ``parse("")`` if there is none."""

    def __init__(self, path: str, parse) -> None:
        self.path, self.parse = Path(path) if path else None, parse
        self._key: int | None = None  # (the file's date when last read)
        self._data = parse("")

    def get(self):
        try:
            key = self.path.stat().st_mtime_ns if self.path else None
        except FileNotFoundError:
            key = None
        if key != self._key:
            self._key = key
            self._data = self.parse(self.path.read_text(encoding="utf-8") if self.path and key else "")
        return self._data


def citations(text: str) -> dict:
    """What hand-written pages cite (``docs/snippets/citations.json``: see
    :mod:`build_tools.formats.page_citations`)."""
    return json.loads(text) if text else {}


def glossary_terms(text: str) -> Terms:
    """The glossary's terms (``docs/snippets/glossary.json``): each form, its tooltip, its
    entry's id and its language where it is not the site's (else "")."""
    return {form: tuple(value) for form, value in json.loads(text).items()} if text else {}


class CitationBlockProcessor(BlockProcessor):
    """A paragraph that is just a citation: the quote(s), attributed, with their links."""

    def __init__(self, parser, ext: RootCausesExtension):
        super().__init__(parser)
        self.ext = ext

    def test(self, parent, block):
        return CITATION.fullmatch(block.strip()) is not None

    def run(self, parent, blocks):
        text = blocks.pop(0).strip()
        data = self.ext.data()
        found, language = citation_markup.resolve(data, text), data.get("language", SOURCE)
        if found is None:
            etree.SubElement(parent, "p").append(citation_markup.unknown(text))
            return
        kind, obj = found
        figure = etree.SubElement(parent, "figure", {"class": f"citation citation-{kind}"})
        if kind == "claim":
            caption = etree.SubElement(figure, "figcaption")
            a = etree.SubElement(caption, "a", {"href": f"/themes/{obj['theme']}/index.md#{obj['id']}"})
            a.text = AtomicString(obj["title"])
            citation_markup.add_text(caption, f": {obj['claim']}")
            for quote in obj["quotes"]:
                citation_markup.quote_block(figure, quote, language)
        else:
            citation_markup.quote_block(figure, obj["quote"], language)


class CitationInlineProcessor(InlineProcessor):
    """A citation inside a sentence: a link to the claim or to the passage."""

    def __init__(self, pattern: str, md, ext: RootCausesExtension):
        super().__init__(pattern, md)
        self.ext = ext

    def handleMatch(self, m, data):  # type: ignore[override]  # (types-Markdown gives InlineProcessor Pattern's)
        found = citation_markup.resolve(self.ext.data(), m.group(0))
        if found is None:
            return citation_markup.unknown(m.group(0)), m.start(0), m.end(0)
        kind, obj = found
        if kind == "claim":
            a = etree.Element("a", {"href": f"/themes/{obj['theme']}/index.md#{obj['id']}", "class": "citation"})
            a.text = AtomicString(obj["title"])
        else:
            quote = obj["quote"]
            a = etree.Element(
                "a", {"href": f"/essays/{quote['essay']}/index.md#{quote['paragraph']}", "class": "citation"}
            )
            a.text = AtomicString(f"{obj['label']}, “{obj['opening']}…”")
        return a, m.start(0), m.end(0)


class GlossaryLinks(Treeprocessor):
    """The first use of each glossary term in each section, linked to its entry."""

    SECTION = {"h1", "h2"}
    SKIP = UNLINKED

    def __init__(self, md, ext: RootCausesExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        terms = self.ext.data("glossary", glossary_terms)
        if terms:
            self.glossary = Glossary(terms, GLOSSARY_PAGE, self.ext.data().get("language", SOURCE))
            self.marked: list[list] = []  # (the raw inline elements with a lang open: see markdown_text.nest)
            self.walk(root, None)

    def walk(self, parent: etree.Element, within: str | None) -> None:
        within = parent.get("lang") or within
        if parent.tag not in self.SKIP:
            parent.text = self.link(parent, parent.text, 0, within)
        added = 0  # (the links made in the children's tails so far, each after its child)
        for at, child in enumerate(list(parent), 1):
            if child.tag in self.SECTION:
                self.glossary.start_section()
            self.walk(child, within)
            before = len(parent)
            child.tail = self.link(parent, child.tail, at + added, within)
            added += len(parent) - before

    def link(self, parent: etree.Element, text: str | None, at: int, within: str | None) -> str | None:
        """``text`` (standing in ``parent`` before its child ``at``, in the language ``within``)
        with the first uses of terms made links; what follows each link becomes the link's tail."""
        if not text or isinstance(text, AtomicString) or parent.tag in self.SKIP:
            return text
        spoken = [(0, self.marked[-1][1] if self.marked else within)]  # (where each language starts)
        for m in _STASHED.finditer(text):
            self.raw_html(int(m[1]))
            spoken.append((m.end(), self.raw_lang(int(m[1])) or within))
        found = [
            (m, next(lang for start, lang in reversed(spoken) if start <= m.start()))
            for m in self.glossary.first_uses(text)
        ]
        for m, lang in reversed(found):
            title, entry, _ = self.glossary.terms[m[0]]
            a = etree.Element("a", {"class": "glossary-term", "href": f"{GLOSSARY_PAGE}#{entry}", "title": title})
            if language := self.glossary.lang(m[0], lang):
                a.set("lang", language)
            a.text, a.tail = AtomicString(m[0]), text[m.end() :]
            parent.insert(at, a)
            text = text[: m.start()]
        return text

    def raw_lang(self, n: int) -> str | None:
        """The language in force after raw inline HTML ``n`` (a quote's ``<span lang>`` or its
        end), if one of those it opened is."""
        block = self.md.htmlStash.rawHtmlBlocks[n]
        if self.marked or (isinstance(block, str) and "lang" in block):  # (else none is opened or closed)
            nested(self.marked, block if isinstance(block, str) and block.startswith("<") else "")
        return self.marked[-1][1] if self.marked else None

    def raw_html(self, n: int) -> None:
        """Raw HTML set aside (an essay's paragraph, which the generator wrote with its
        links): a term it links that this section has linked already is made plain again;
        the others count as linked."""
        stash = self.md.htmlStash.rawHtmlBlocks

        def once(m: re.Match) -> str:
            if m[1] in self.glossary.seen:
                return m[2]
            self.glossary.seen.add(m[1])
            return m[0]

        block = stash[n]
        if isinstance(block, str) and "glossary-term" in block:
            stash[n] = TERM_LINK.sub(once, block)
        elif isinstance(block, str) and "data-terms" in block:  # (set aside by the generator, linking terms)
            stash[n] = with_seen(block, self.glossary.seen)


# A placeholder of raw HTML set aside (Python-Markdown's).
_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")


class TextFragments(Treeprocessor):
    """``<a href="…#p-x" data-text="…">`` → ``<a href="…#p-x:~:text=…">``."""

    def run(self, root):
        for a in root.iter("a"):
            directive = a.attrib.pop("data-text", None)
            if directive and "#" in a.get("href", ""):
                a.set("href", f"{a.get('href')}:~:text={directive}")


class ScrollableTables(Treeprocessor):
    """Each table in a region that the keyboard can reach and scroll, named after the
    heading above it: a table wider than a phone's screen scrolls sideways, and a region
    that scrolls must take the focus (axe: scrollable-region-focusable). A table with no
    heading above it is named "Table", in the site's language."""

    def __init__(self, md, ext: RootCausesExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        self.heading = gettext(self.ext.data().get("language", SOURCE), "Table")
        self.wrap(root)

    def wrap(self, parent):
        """Wrap the tables under ``parent``, in document order (a table in a block is named
        after the heading just above it, not after the last heading of the page)."""
        for i, child in enumerate(list(parent)):
            if child.tag in ("h2", "h3", "h4"):
                # (its words: not the placeholders of the raw HTML in it, such as a span's tags)
                words = HTML_PLACEHOLDER_RE.sub("", "".join(child.itertext()))
                self.heading = words.replace("¶", "").strip() or self.heading
            if child.tag == "table":
                region = etree.Element(
                    "div", {"class": "table-region", "role": "region", "tabindex": "0", "aria-label": self.heading}
                )
                parent.remove(child)
                region.tail, child.tail = child.tail, None
                region.append(child)
                parent.insert(i, region)
            else:
                self.wrap(child)


_DATA: dict[str, DataFile] = {}  # (one per data file, read again only when it changes)


class RootCausesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "citations": [
                "",
                "the data file of the citations in hand-written pages, which the "
                "generator writes (docs/snippets/citations.json)",
            ],
            "glossary": ["", "the glossary's terms, which the generator writes (docs/snippets/glossary.json)"],
        }
        super().__init__(**kwargs)

    def data(self, option: str = "citations", parse=citations):
        path = self.getConfig(option)
        if path not in _DATA:
            _DATA[path] = DataFile(path, parse)
        return _DATA[path].get()

    def extendMarkdown(self, md):
        md.treeprocessors.register(GlossaryLinks(md, self), "rc_glossary", 8)  # (after inline, 20; before links, 0)
        md.parser.blockprocessors.register(CitationBlockProcessor(md.parser, self), "rc_citation", 75)
        md.inlinePatterns.register(CitationInlineProcessor(CITATION.pattern, md, self), "rc_citation", 165)
        md.treeprocessors.register(TextFragments(md), "rc_text_fragments", -1)  # after MkDocs' relpath (0)
        md.treeprocessors.register(ScrollableTables(md, self), "rc_scrollable_tables", -2)


def makeExtension(**kwargs):
    return RootCausesExtension(**kwargs)
