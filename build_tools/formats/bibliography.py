"""Citations: what a page cites, formatted for readers and for reference managers.

An essay page cites the essay as it was published; every other page cites itself, as a
page of the site by its contributors. One :class:`Work` describes either, and each output
is one function of it: a formatted reference (HTML), BibTeX, RIS, CSL-JSON, Highwire Press
``citation_*`` meta tags (read by Zotero and Google Scholar) and schema.org JSON-LD.
"""

from __future__ import annotations

import calendar
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ..languages import N_, SOURCE, gettext
from ..model import Essay, EssayDate, Excerpt, Genre, Site
from .markdown_text import Md

CONTRIBUTORS = N_("Root Causes contributors")


class Types(NamedTuple):
    """What each format calls a genre of work."""

    csl: str
    bibtex: str  # (the entry type)
    ris: str
    schema_org: str
    # The type of work in words, where the type names it less exactly (CSL "genre", BibTeX
    # "type", RIS M3): a transcript is a CSL "document" of the type "Transcript".
    kind: str = ""


# An essay's genre → what each format calls it
_TYPES: dict[Genre, Types] = {
    "op-ed": Types("article-newspaper", "article", "NEWS", "OpinionNewsArticle"),
    "article": Types("article-newspaper", "article", "NEWS", "NewsArticle"),
    "magazine article": Types("article-magazine", "article", "MGZN", "Article"),
    "journal article": Types("article-journal", "article", "JOUR", "ScholarlyArticle"),
    "book chapter": Types("chapter", "incollection", "CHAP", "Chapter"),
    "policy paper": Types("report", "techreport", "RPRT", "Report"),
    "report": Types("report", "techreport", "RPRT", "Report"),
    "government publication": Types("report", "techreport", "GOVDOC", "Report"),
    "web page": Types("webpage", "misc", "ELEC", "WebPage"),
    "interview": Types("interview", "misc", "GEN", "CreativeWork"),
    # What is said aloud. CSL has "speech" and "hearing" but no transcript or press release
    # (Zotero files those as documents and reports of a type); RIS has HEAR, and PRESS
    # (EndNote's press release); BibTeX has no type for any, so @misc with a "type".
    "transcript": Types("document", "misc", "GEN", "CreativeWork", "Transcript"),
    "speech": Types("speech", "misc", "GEN", "CreativeWork", "Speech"),
    "hearing": Types("hearing", "misc", "HEAR", "CreativeWork", "Hearing"),
    "press release": Types("document", "misc", "PRESS", "CreativeWork", "Press release"),
}
# BibTeX entry type → (the BibTeX field, the Highwire tag) that names the container
_CONTAINER = {
    "article": ("journal", "citation_journal_title"),
    "incollection": ("booktitle", "citation_inbook_title"),
    "techreport": ("institution", "citation_technical_report_institution"),
    "misc": ("howpublished", "citation_publisher"),
}


@dataclass(frozen=True)
class Work:
    """One citable work. ``authors`` are (family, given) pairs; given is "" for an
    organisation."""

    key: str
    genre: Genre
    title: str
    authors: tuple[tuple[str, str], ...]
    issued: EssayDate | None
    container: str | None = None
    url: str | None = None
    series: str | None = None
    publisher: str | None = None
    accessed: str | None = None  # YYYY-MM-DD
    number: str | None = None  # (a report's number: "R48859")
    excerpt: Excerpt | None = None  # (the part of a longer work the text is)
    of_site: bool = False  # a page of this site (not a work it quotes)
    language: str = SOURCE  # (the language of its title and its outlet's name)
    remarks: tuple[str, ...] = ()  # (the editors' notes on its title and date, as its page gives them)

    @property
    def types(self) -> Types:
        return _TYPES[self.genre]

    @property
    def date(self) -> tuple[int, ...]:
        """The known parts of the date: (year,), (year, month) or (year, month, day)."""
        return tuple(int(p) for p in self.issued.value.split("-")) if self.issued else ()

    @property
    def approximate(self) -> bool:
        return self.issued is not None and self.issued.precision == "approximate"


def essay_work(essay: Essay) -> Work:
    return Work(
        key=essay.slug.replace("-", ""),
        genre=essay.genre,
        title=essay.title,
        authors=tuple((a.family, a.given) for a in essay.authors),
        issued=essay.date,
        container=essay.outlet,
        url=essay.url,
        series=essay.series,
        publisher=essay.publisher,
        accessed=essay.accessed,
        number=essay.number,
        excerpt=essay.excerpt,
        language=essay.language,
        remarks=tuple(str(note) for note in (essay.title_note, essay.date.note) if note),
    )


def excerpt_words(excerpt: Excerpt, language: str = SOURCE, shown: Callable[[str], str] = str) -> str:
    """Which part of a work an excerpt is, in words: "the section “Remittances”, pages 4–9"
    (each of its two pieces as ``shown`` writes it)."""
    pages = gettext(language, "pages {pages}").format(pages=excerpt.pages) if excerpt.pages else ""
    return ", ".join(shown(part) for part in (excerpt.part, pages) if part)


def page_work(site: Site, title: str, path: str) -> Work:
    """A page of the site at ``path`` under its root (``themes/trade/``), keyed with its edition's
    language past the first's ("rootcauses-es-themes-trade": a reader may import both)."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
    edition = "" if site.language == site.editions[0][0] else f"{site.language.lower()}-"
    return Work(
        key=f"rootcauses-{edition}{slug}",
        genre="web page",
        title=title,
        authors=((gettext(site.language, CONTRIBUTORS), ""),),
        issued=EssayDate(site.date, "day") if site.date else None,
        container=site.name,
        url=site.url + path if site.url else None,
        of_site=True,
        language=site.language,
    )


def _name(family: str, given: str) -> str:
    return f"{family}, {given}" if given else family


def _sentence(text: str) -> str:
    """``text`` ending in a full stop, unless it already ends in punctuation."""
    return text if text[-1:] in ".?!…" else text + "."


def _quoted(title: str, stopped: bool, language: str) -> str:
    """``title`` quoted, ending its sentence: the full stop inside the closing mark in English, after it in Spanish."""
    return f"“{title}”" if stopped else f"“{title}.”" if language == SOURCE else f"“{title}”."


def formatted(work: Work, language: str = SOURCE) -> Md:
    """The reference as a reader copies it (Chicago-style), as HTML, its words in ``language``;
    the work's title and outlet, and the editors' words not yet translated, marked with their
    language where it is not ``language``."""

    def text(words: str, lang: str | None = None) -> str:
        escaped = html.escape(words, quote=False)
        lang = getattr(words, "language", lang)  # (an Untranslated text says its own)
        return f'<span lang="{lang}">{escaped}</span>' if lang and lang != language else escaped

    names = [_name(*work.authors[0])] + [f"{g} {f}".strip() for f, g in work.authors[1:]]
    conjunction = gettext(language, "and")
    last = f"{',' if language == SOURCE else ''} {conjunction} "  # (the serial comma is English)
    authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + last + names[-1]
    title = text(work.title, work.language)
    parts = [text(_sentence(authors)), _quoted(title, work.title[-1:] in ".?!…", language)]
    where = f"<em>{text(work.container, work.language)}</em>, " if work.container else ""
    where += "".join(text(f"{part}, ") for part in (work.series, work.publisher, work.number) if part)
    issued = work.issued.shown(language) if work.issued else gettext(language, "n.d.")
    parts.append(where + text(_sentence(issued)))
    if work.excerpt:
        words = excerpt_words(work.excerpt, language, text)
        parts.append(_sentence(text(gettext(language, "Excerpt: {part}")).format(part=words)))
    if work.accessed:
        accessed = EssayDate(work.accessed, "day").shown(language)
        parts.append(text(gettext(language, "Accessed {date}.").format(date=accessed)))
    if work.url:
        parts.append(f'<a href="{html.escape(work.url)}">{text(work.url)}</a>')
    return Md(" ".join(parts))


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bib(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(
        lambda m: {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(m.group(1), "\\" + m.group(1)), text
    )


def _entry(work: Work) -> tuple[str, str | None, str | None]:
    """The BibTeX entry type, container and publisher: a report's institution (which @techreport,
    as biblatex's @report, requires) is its outlet, else its publisher, else it is a @misc."""
    entry, container, publisher = work.types.bibtex, work.container, work.publisher
    if entry != "techreport" or container:
        return entry, container, publisher
    return ("techreport", publisher, None) if publisher else ("misc", None, None)


def bibtex(work: Work) -> str:
    entry, container, publisher = _entry(work)
    authors = " and ".join("{" + _bib(f) + "}" if not g else f"{_bib(f)}, {_bib(g)}" for f, g in work.authors)
    fields = [("author", authors), ("title", "{" + _bib(work.title) + "}")]
    fields += [
        (name, _bib(value))
        for name, value in (
            (_CONTAINER[entry][0], container),
            ("series", work.series),
            ("publisher", publisher),
            ("type", work.types.kind),
            ("number", work.number),
            ("pages", (_pages(work) or "").replace("–", "--")),
        )
        if value
    ]
    if work.date:
        fields.append(("year", str(work.date[0])))
    if len(work.date) > 1:
        fields.append(("month", calendar.month_abbr[work.date[1]].lower()))
    if work.url:
        fields.append(("url", work.url))
    if work.accessed:
        fields.append(("urldate", work.accessed))
    notes = _notes(work)
    if notes:
        fields.append(("note", _bib(notes)))
    body = ",\n".join(f"  {k} = {v if k == 'month' else '{' + v + '}'}" for k, v in fields)
    return f"@{entry}{{{work.key},\n{body}\n}}\n"


def ris(work: Work) -> str:
    lines = [("TY", work.types.ris)] + [("AU", _name(f, g)) for f, g in work.authors] + [("TI", work.title)]
    lines += [
        (tag, value)
        for tag, value in (
            ("T2", work.container),
            ("T3", work.series),
            ("PB", work.publisher),
            ("M1", work.number),
            ("M3", work.types.kind),
            ("SP", _pages(work)),
        )
        if value
    ]
    if work.issued:
        lines.append(("PY", str(work.date[0])))
        lines.append(("DA", work.issued.value.replace("-", "/") + "/" * (4 - len(work.date))))
    if work.url:
        lines.append(("UR", work.url))
    if work.accessed:
        lines.append(("Y2", work.accessed.replace("-", "/")))
    if _notes(work):
        lines.append(("N1", _notes(work)))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}".rstrip() + "\n" for tag, value in lines)


def _pages(work: Work) -> str | None:
    return work.excerpt.pages if work.excerpt else None


def _notes(work: Work, approximate: bool = True) -> str:
    """What a reference manager keeps as a note: that the date is approximate (unless not
    ``approximate``: CSL-JSON says it in the date), which part of a work an excerpt is (in the
    site's language: a note is not translated), then the editors' notes on its title and date."""
    notes = ["Date approximate"] if work.approximate and approximate else []
    if work.excerpt:
        notes.append(f"Excerpt: {excerpt_words(work.excerpt)}")
    return " ".join([". ".join(notes) + "." * bool(notes and work.remarks), *work.remarks]).strip()


def csl_json(work: Work) -> str:
    item: dict = {
        "id": work.key,
        "type": work.types.csl,
        "title": work.title,
        "author": [{"family": f, "given": g} if g else {"literal": f} for f, g in work.authors],
    }
    item |= {
        name: value
        for name, value in (
            ("container-title", work.container),
            ("collection-title", work.series),
            ("publisher", work.publisher),
            ("genre", work.types.kind),
            ("number", work.number),
            ("page", _pages(work)),
            ("note", _notes(work, approximate=False)),
        )
        if value
    }
    if work.date:
        item["issued"] = {"date-parts": [list(work.date)], **({"circa": True} if work.approximate else {})}
    if work.url:
        item["URL"] = work.url
    if work.accessed:
        item["accessed"] = {"date-parts": [[int(p) for p in work.accessed.split("-")]]}
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def highwire(work: Work) -> list[list[str]]:
    """``[name, content]`` pairs of the Highwire Press meta tags."""
    tags = [["citation_title", work.title]] + [["citation_author", _name(f, g)] for f, g in work.authors]
    if work.issued:
        tags.append(["citation_publication_date", work.issued.value.replace("-", "/")])
    container_tag = _CONTAINER[work.types.bibtex][1]
    if work.container and not (work.publisher and container_tag == "citation_publisher"):
        tags.append([container_tag, work.container])
    if work.publisher:
        tags.append(["citation_publisher", work.publisher])
    if work.url:
        tags.append(["citation_public_url" if work.of_site else "citation_fulltext_html_url", work.url])
    return tags


def json_ld(work: Work, site: Site) -> dict:
    """schema.org JSON-LD describing the work."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": work.types.schema_org,
        "name": work.title,
        "author": [
            {"@type": "Person", "givenName": g, "familyName": f, "name": f"{g} {f}"}
            if g
            else {"@type": "Organization", "name": f}
            for f, g in work.authors
        ],
    }
    if not work.of_site:
        data["headline"] = work.title
    if work.issued:
        data["datePublished"] = work.issued.value
    if work.publisher or (work.container and not work.of_site):
        data["publisher"] = {"@type": "Organization", "name": work.publisher or work.container}
    if work.series:
        data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": work.series}
    if work.url:
        data["url"] = work.url
    if work.of_site:
        data["isPartOf"] = {"@type": "WebSite", "name": site.name, **({"url": site.url} if site.url else {})}
    return data
