"""Words in another language than the site's are marked with it, so that browsers and
screen readers read them right: an essay written in Spanish (its language in its metadata)
wherever its words are shown — its page, its quotes on a theme page and in a hand-written
page's citation, its passages' previews — and a glossary term that is a Spanish word.
The site's own words around them stay in the site's language."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from tests.conftest import add_essay_files, build_only, copy_project, once_per_run, run

TEXT = """Un texto de prueba, escrito para esta prueba.

Las familias que perdieron su tierra se fueron a las ciudades, y algunas siguieron hacia el norte.

Las remesas sostienen a muchos hogares de la región.
"""
QUOTE = "Las familias que perdieron su tierra se fueron a las ciudades"
TRANSLATION = "The families who lost their land went to the cities"


def add_spanish_essay(root: Path) -> None:
    """An essay in Spanish, quoted by a claim on the trade theme and cited in a hand-written page."""
    add_essay_files(
        root,
        "prueba-2020",
        TEXT,
        f"""\
title: "Tierra y migración: una prueba"
summary: >-
  A test essay in Spanish: it says that families who lost their land moved to the cities.
authors:
  - given: Ana
    family: Prueba
genre: op-ed
outlet: Revista de Prueba
date: "2020"
date_precision: year
language: es
source_sha256: {hashlib.sha256(TEXT.encode()).hexdigest()}
rights: Written for the project's tests.
themes: [trade]
cleaning:
  - rule: drop
    starts_with: Un texto de prueba
    reason: the test's own note
""",
    )
    trade = root / "seeds" / "crossrefs" / "trade.yml"
    trade.write_text(
        trade.read_text(encoding="utf-8").rstrip("\n")
        + f"""

  - id: prueba-land
    title: Land and leaving
    claim: >-
      Prueba writes that families who lost their land moved to the cities.
    evidence:
      - essay: prueba-2020
        quote: {QUOTE}
        translation: {TRANSLATION}
""",
        encoding="utf-8",
    )
    about = root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[[claim:prueba-land]]\n", encoding="utf-8")


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory):
    """The fixture corpus with the Spanish essay and an accented glossary term, built once
    per test run (shared by the workers: read only)."""

    def make(root):
        add_spanish_essay(copy_project(root))
        glossary = root / "seeds" / "glossary.yml"
        glossary.write_text(glossary.read_text(encoding="utf-8") + ACCENTED_TERM, encoding="utf-8")
        build_only(root)

    return once_per_run(tmp_path_factory, "spanish-essay-site", make) / "site"


# A glossary term with an accent, which the Spanish essay uses (issue 34).
ACCENTED_TERM = """
  - term: región
    language: es
    definition: >-
      The word the test essay uses for the area it writes about.
"""


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_the_essay_page_is_english_and_the_essays_words_spanish(spanish_site):
    page = read(spanish_site, "essays/prueba-2020/index.html")
    assert re.search(r'<html lang="en"', page)
    assert re.search(r'<h1 [^>]*lang="es"[^>]*>Tierra y migración', page)
    paragraphs = re.findall(r'<p id="p-[^"]*"([^>]*)>', page)
    assert len(paragraphs) == 2 and all('lang="es"' in attributes for attributes in paragraphs)
    report = page.split('id="preparation"')[1].split("</details>")[0]
    # (the report is ours, in English; only the words of the source it quotes are Spanish)
    assert re.findall(r'<span lang="es">[^<]*</span>', report)
    assert 'lang="es"' not in re.sub(r'<span lang="es">[^<]*</span>', "", report)


def test_its_quotes_are_marked_spanish_where_they_are_shown(spanish_site):
    theme = read(spanish_site, "themes/trade/index.html")
    assert f'“<span lang="es">{QUOTE}</span>”' in theme
    about = read(spanish_site, "about/index.html")
    assert f'“<span lang="es">{QUOTE}</span>”' in about
    passages = json.loads(read(spanish_site, "essays/prueba-2020/passages.json"))
    assert passages["lang"] == "es"


def test_an_english_essays_words_carry_no_language_of_their_own(spanish_site):
    page = read(spanish_site, "essays/wilson-2021/index.html")
    article = page.split("<article", 1)[1].split("</article>", 1)[0]  # (not the language switcher)
    assert 'lang="es"' not in re.sub(r'<a class="glossary-term"[^>]*lang="es"[^>]*>', "", article)


def test_a_spanish_glossary_term_is_marked_spanish_where_it_links_and_on_the_glossary(spanish_site):
    essay = read(spanish_site, "essays/bach-2000/index.html")
    assert re.search(r'<a class="glossary-term" [^>]*lang="es"[^>]*>maquiladora</a>', essay)
    glossary = read(spanish_site, "reference/glossary/index.html")
    assert re.search(r'<h2 [^>]*id="maquiladora"[^>]*lang="es"|<h2 [^>]*lang="es"[^>]*id="maquiladora"', glossary)


def test_a_quote_in_another_language_shows_the_editors_translation_labelled_as_theirs(spanish_site):
    label = f"Unofficial translation by the editors: “{TRANSLATION}”"
    theme = read(spanish_site, "themes/trade/index.html")
    assert re.search(rf'<p class="translation">{label}</p>', theme)
    about = read(spanish_site, "about/index.html")
    assert re.search(rf'<p class="translation">{label}</p>', about)
    essay = read(spanish_site, "essays/prueba-2020/index.html")  # (where it is cited: in a sentence)
    cited = essay.split('id="where-cited"')[1]
    assert f'“<span lang="es">{QUOTE}</span>” (unofficial translation by the editors: “{TRANSLATION}”)' in cited


def test_a_translation_of_a_quote_already_in_the_sites_language_is_a_warning(project, capsys):
    trade = project / "seeds" / "crossrefs" / "trade.yml"
    text = trade.read_text(encoding="utf-8")
    trade.write_text(
        text.replace("      - essay: broad-2014\n", "      - essay: broad-2014\n        translation: Words.\n", 1),
        encoding="utf-8",
    )
    code, _, err = run(project, "check", "--strict", capsys=capsys)
    line = trade.read_text(encoding="utf-8").split("\n").index("        translation: Words.") + 2
    assert code == 1
    assert (
        f"seeds/crossrefs/trade.yml:{line}:9: warning: this quote is already in the site's language ('en'): "
        "remove its 'translation'"
    ) in err.splitlines()


def test_a_glossary_term_with_an_accent_links_to_its_entry_by_an_anchor_without_it(spanish_site):
    glossary = read(spanish_site, "reference/glossary/index.html")
    assert re.search(r'<h2 id="region" lang="es">región', glossary)
    essay = read(spanish_site, "essays/prueba-2020/index.html")
    # (in the essay's Spanish paragraph, whose language the link shares: it needs no lang of its own)
    assert re.search(
        r'<p [^>]*lang="es"[^>]*>(?:(?!</p>).)*<a class="glossary-term" href="\.\./\.\./reference/glossary/#region" '
        r'title="[^"]*">región</a>',
        essay,
    )
