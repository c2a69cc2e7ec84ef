"""The Spanish edition: every page has its counterpart, the switcher and hreflang links lead
to it, the pages are in Spanish, and what is not yet translated is shown in English, marked,
with a notice — on the fixture corpus (and, for the invariants, on the real one)."""

from __future__ import annotations

import html
import posixpath
import re
from html.parser import HTMLParser

import pytest

from build_tools.languages import catalogue, gettext
from build_tools.pipeline import check

from .conftest import resolve, run, whole_page
from .golden import ENVIRONMENT, all_pages

SITE_URL = ENVIRONMENT["SITE_URL"]

EDITION = "es/"


def edition_of(path: str) -> str:
    return EDITION if path.startswith(EDITION) else ""


def counterpart(path: str) -> str:
    return path.removeprefix(EDITION) if path.startswith(EDITION) else EDITION + path


def pages_of(pages: dict, edition: str) -> set[str]:
    return {p.removeprefix(edition) for p in pages if edition_of(p) == edition}


def test_every_page_has_its_counterpart_in_the_other_edition(any_site):
    _, pages, _ = any_site
    assert pages_of(pages, "") == pages_of(pages, EDITION)


class Head(HTMLParser):
    """A page's language, its hreflang links (in its head) and its switcher's links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.lang, self.alternates, self.switcher = "", {}, {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            assert a["hreflang"] not in self.alternates, f"two alternates in {a['hreflang']}"
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switcher[a["hreflang"]] = a["href"]


def test_the_switcher_and_hreflang_lead_to_the_same_page_in_each_edition(site):
    folder, pages = site
    for path in pages:
        if posixpath.basename(path) == "404.html":
            continue
        head = Head((folder / path).read_text(encoding="utf-8"))
        here, there = ("es", "en") if edition_of(path) else ("en", "es")
        assert head.lang == here, path
        assert set(head.alternates) == set(head.switcher) == {"en", "es"}, path
        for language, target in ((here, path), (there, counterpart(path))):
            # (in the head, the full address: the site's is known, as where it is published)
            assert head.alternates[language] == SITE_URL + target.removesuffix("index.html"), path
            assert resolve(path, head.switcher[language])[0] == target, (path, head.switcher)


class Visible(HTMLParser):
    """The words a reader sees on a page in its own language: not those inside an element
    marked with another language (quotes, the essays' text, English not yet translated),
    scripts or styles."""

    def __init__(self, html: str, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language, self.stack, self.words = language, [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            return
        lang = dict(attrs).get("lang")
        hidden = tag in ("script", "style", "svg") or (lang is not None and lang != self.language)
        self.stack.append((tag, hidden or bool(self.stack and self.stack[-1][1])))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.words.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())


# Material's interface in English, which a page in Spanish must not show.
MATERIAL = ("Table of contents", "Back to top", "Skip to content", "Type to start searching", "Initializing search")


def test_a_spanish_page_shows_no_english_interface_words(any_site):
    folder, pages, _ = any_site
    english = sorted(
        (m for m, t in catalogue("es").items() if isinstance(t, str) and len(m.split()) >= 3 and "{" not in m),
        key=len,
    )
    found = []
    for path in sorted(p for p in pages if edition_of(p)):
        shown = Visible((folder / path).read_text(encoding="utf-8"), "es").text
        found += [f"{path}: “{m}”" for m in (*english, *MATERIAL) if m in shown]
    assert found == []


def test_quotes_of_an_english_essay_are_marked_english_on_a_spanish_page(site, checked):
    folder, _ = site
    theme = checked.corpus.themes[0]
    html = (folder / f"es/themes/{theme.id}/index.html").read_text(encoding="utf-8")
    quote = next(q for q in checked.quotes.values() if q.evidence in checked.corpus.claims_of(theme.id)[0].evidence)
    words = " ".join(quote.text.split()[:4])
    assert re.search(r'<span lang="en">[^<]*' + re.escape(words), html), words
    assert gettext("es", "Read in context") in html


def test_translated_text_is_shown_in_the_spanish_edition_alone(site, checked):
    folder, _ = site
    theme = checked.corpus.themes[0]
    given = {name: text for lang, name, text in theme.translated if lang == "es"}
    spanish = (folder / f"es/themes/{theme.id}/index.html").read_text(encoding="utf-8")
    english = (folder / f"themes/{theme.id}/index.html").read_text(encoding="utf-8")
    assert given["title"] in spanish and given["question"] in spanish
    assert given["title"] not in english


def test_what_is_not_yet_translated_is_shown_in_english_marked_with_a_notice(project):
    crossrefs = project / "seeds" / "crossrefs" / "trade.yml"
    crossrefs.write_text(without_first_translation(crossrefs.read_text(encoding="utf-8")), encoding="utf-8")
    checked = check(project)
    claim = checked.corpus.claims_of("trade")[0]
    pages = all_pages(checked)
    spanish, english = pages["es/themes/trade/index.md"], pages["themes/trade/index.md"]
    assert f'## <span lang="en">{claim.title}</span>' in spanish
    assert gettext("es", "Not yet translated") in spanish and gettext("es", "Not yet translated") not in english
    assert spanish.index(gettext("es", "Not yet translated")) < spanish.index("## ")  # (under the title)
    other = pages["es/themes/climate/index.md"]  # (a page all translated has no notice)
    assert gettext("es", "Not yet translated") not in other and '<span lang="en">' not in other.split("## ")[0]


def test_an_essays_editorial_fields_are_translated_or_marked_english_under_the_notice(project):
    checked = check(project)
    essays = {e.slug: e for e in checked.corpus.essays}
    pages = all_pages(checked)
    notice = gettext("es", "Not yet translated")
    done, undone = essays["bach-2000"], essays["wilson-2021"]  # (in the fixture: all translated; none)
    spanish = {slug: whole_page(pages, f"es/essays/{slug}/index.md") for slug in ("bach-2000", "wilson-2021")}
    english = whole_page(pages, "essays/wilson-2021/index.md")
    given = {name: text for _, name, text in done.translated}
    assert notice not in spanish["bach-2000"] and html.escape(" ".join(given["rights"].split())) in spanish["bach-2000"]
    assert html.escape(done.rights) not in spanish["bach-2000"]
    for rule in done.rules:
        assert html.escape(rule.translated[0][2]) in spanish["bach-2000"], rule.name
        assert html.escape(rule.params["reason"]) not in spanish["bach-2000"], rule.name
    assert notice in spanish["wilson-2021"] and notice not in english
    for text in [undone.rights, *(r.params["reason"] for r in undone.rules if "reason" in r.params)]:
        assert f'<span lang="en">{html.escape(text)}</span>' in spanish["wilson-2021"], text
        assert f"{html.escape(text)}" in english and f'lang="en">{html.escape(text)}' not in english, text
    # (the formatted reference marks the English title on the Spanish page alone)
    assert f'“<span lang="en">{html.escape(undone.title, quote=False)}</span>”' in spanish["wilson-2021"]
    assert f"“{html.escape(undone.title, quote=False)}.”" in english


def without_first_translation(text: str) -> str:
    """A seeds file's text without its first 'es:' block."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "es:")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = next(
        i for i in range(start + 1, len(lines)) if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) <= indent
    )
    return "\n".join(lines[:start] + lines[end:])


def test_check_lists_what_is_not_yet_translated_and_never_fails_for_it(project, capsys):
    from build_tools.__main__ import main

    def strict() -> tuple[int, list[str]]:
        code = main(["--root", str(project), "check", "--strict"])
        return code, [line for line in capsys.readouterr().err.splitlines() if "not yet translated" not in line]

    before = strict()
    themes = project / "seeds" / "themes.yml"
    themes.write_text(without_first_translation(themes.read_text(encoding="utf-8")), encoding="utf-8")
    assert strict() == before  # (the same warnings and errors, and the same exit status)
    main(["--root", str(project), "check"])
    err = capsys.readouterr().err
    assert (
        "seeds/themes.yml:3: warning: not yet translated into Spanish: 1 theme (line 3); the Spanish "
        "edition shows them in English until an 'es:' block gives their text" in err.splitlines()
    )
    assert "not yet translated" not in run(project, "check", capsys=capsys)[2]  # (the tests' runner drops them)


def test_check_lists_the_quotes_with_no_spanish_translation_and_never_fails_for_them(project, capsys):
    """A quote in English on a claim, the timeline or a key figure needs the editors' Spanish
    translation; one in Spanish (conferencia-2024's) needs none."""
    from build_tools.__main__ import main

    def quotes() -> tuple[int, list[str]]:
        code = main(["--root", str(project), "check", "--strict"])
        return code, [line for line in capsys.readouterr().err.splitlines() if " quote" in line]

    code, before = quotes()
    assert (
        "seeds/timeline.yml:22: warning: not yet translated into Spanish: 1 quote (line 22), which the Spanish "
        "edition shows in its own language alone until an 'es:' block under it gives its 'translation'" in before
    )
    assert not [line for line in before if "figures.yml" in line or "trade.yml" in line]
    figures = project / "seeds" / "figures.yml"
    lines = figures.read_text(encoding="utf-8").splitlines(True)
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("translation:"))
    figures.write_text("".join(lines[: first - 1] + lines[first + 1 :]), encoding="utf-8")  # (its es: block too)
    after = quotes()
    assert after[0] == code
    assert [line for line in after[1] if line not in before] == [
        "seeds/figures.yml:15: warning: not yet translated into Spanish: 1 quote (line 15), which the Spanish "
        "edition shows in its own language alone until an 'es:' block under it gives its 'translation'"
    ]


@pytest.mark.parametrize("edition", ["", EDITION])
def test_each_edition_has_its_own_search_index(site, edition):
    folder, _ = site
    assert (folder / edition / "pagefind" / "parts.json").is_file()
    assert (folder / edition / "assets" / "javascripts" / "search-worker.js").is_file()


@pytest.mark.parametrize(
    "alternate, message",
    [
        (
            "    - name: Français\n      link: fr/\n      lang: fr\n",
            "mkdocs.yml: the edition 'fr' in extra.alternate needs its link to be 'fr/' and the site's words in "
            "build_tools/locales/fr/LC_MESSAGES/messages.po (languages with them: es)",
        ),
    ],
)
def test_an_edition_without_its_words_is_refused(project, capsys, alternate, message):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      lang: es\n", "      lang: es\n" + alternate), encoding="utf-8")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1 and err.splitlines()[0] == message


_NAV_LABEL = re.compile(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>')


def test_the_spanish_navigation_names_its_sections_in_spanish(site):
    """Each section of the navigation is named by its index page (an engine would otherwise
    name it by its folder: "Map", "Essays")."""
    folder, pages = site
    folders = {part for p in pages if edition_of(p) for part in p.removeprefix(EDITION).split("/")[:-1]}
    english = {name.replace("-", " ").capitalize() for name in folders} | {
        m for m, t in catalogue("es").items() if isinstance(t, str) and t != m
    }
    found = set()
    for path in (p for p in pages if edition_of(p)):
        labels = set(_NAV_LABEL.findall((folder / path).read_text(encoding="utf-8")))
        found |= {(path, label) for label in labels & english}
    assert found == set()


class TermLanguages(HTMLParser):
    """Each glossary link's words, the language a reader hears them in (its own ``lang`` or
    its nearest ancestor's), and the language of the text around the link."""

    VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "source", "col", "area"}

    def __init__(self, language: str):
        super().__init__()
        self.open: list[tuple[str, str]] = [("", language)]
        self.links: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("class") == "glossary-term":
            self.links.append(["", a.get("lang") or self.open[-1][1], self.open[-1][1]])
        if tag not in self.VOID:
            self.open.append((tag, a.get("lang") or self.open[-1][1]))

    def handle_endtag(self, tag):
        while len(self.open) > 1 and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.open[-1][0] == "a" and self.links and not self.links[-1][0]:
            self.links[-1][0] = data


def test_a_glossary_term_is_read_in_its_own_language_even_inside_a_quote(site, checked):
    """A term's link has its term's language, whatever the text around it: "maquiladora" in
    an English quote on a Spanish page is Spanish, as it is on an English page."""
    folder, _ = site
    language = {form: t.language for t in checked.corpus.terms for form in t.forms}
    inside_a_quote = []
    for path in sorted(folder.rglob("*.html")):
        edition = "es" if path.relative_to(folder).as_posix().startswith(EDITION) else "en"
        parser = TermLanguages(edition)
        parser.feed(path.read_text(encoding="utf-8"))
        for words, heard, around in parser.links:
            if words in language:
                assert heard == language[words], (path, words)
                inside_a_quote += [(path.parent.name, words)] if around not in (edition, heard) else []
    assert ("bach-2000", "maquiladora") in inside_a_quote  # (a Spanish term in an English quote on a Spanish page)


def test_a_speaker_described_rather_than_named_asks_for_a_translation():
    """ "A mayor of the region" is English words on the Spanish page; "Kamala Harris" is a name."""
    from dataclasses import replace

    from build_tools.model import Evidence
    from build_tools.problems import SourceLoc
    from build_tools.stages.localize import missing

    quote = Evidence("x", "words", SourceLoc("t.yml", 1), speaker="a mayor of the region")
    assert missing(quote, "es") == ["speaker"]
    assert missing(replace(quote, speaker="The authors of a report"), "es") == ["speaker"]
    assert missing(replace(quote, speaker="Kamala Harris"), "es") == []
    assert missing(replace(quote, translated=(("es", "speaker", "un alcalde de la región"),)), "es") == []


def test_an_essay_in_another_language_than_the_editions_says_so(site):
    """Its title and text are shown as published: the page says in which language, in its own."""
    folder, _ = site
    spanish = (folder / "es/essays/broad-2014/index.html").read_text(encoding="utf-8")
    assert '<p class="essay-language">El texto del ensayo está en inglés, tal como se publicó.</p>' in spanish
    english = (folder / "essays/conferencia-2024/index.html").read_text(encoding="utf-8")
    assert '<p class="essay-language">The essay\'s text is in Spanish, as it was published.</p>' in english
    assert "essay-language" not in (folder / "essays/broad-2014/index.html").read_text(encoding="utf-8")
