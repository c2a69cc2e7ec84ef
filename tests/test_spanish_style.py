"""The Spanish edition's typography and wording, as a Mexican editor reads it: the full stop
after a closing quotation mark, lowercase after a colon, each thing said once — on the
fixture corpus, beside the English edition, which keeps its own style."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from build_tools.formats.bibliography import essay_work, formatted, page_work
from build_tools.formats.markdown_text import Untranslated
from build_tools.formats.part_citations import part_citation
from build_tools.languages import after_colon
from tests.golden import all_pages


def test_a_spanish_citation_ends_its_quoted_title_after_the_closing_mark(checked):
    essay = next(e for e in checked.corpus.essays if e.title[-1:] not in ".?!…")
    work = essay_work(essay)
    assert f"“{essay.title}.”" in formatted(work, "en")
    spanish = re.sub(r"</?span[^>]*>", "", formatted(work, "es"))
    assert f"“{essay.title}”." in spanish and f"{essay.title}.”" not in spanish
    site = replace(checked.corpus.site, url="https://example.org/", date="2026-01-01")
    for language, name, cited in (("en", "Trade", "“Trade: {title}.”"), ("es", "Comercio", "“Comercio: {title}”.")):
        page = page_work(replace(site, language=language), name, "themes/trade/")
        assert f"“{name}{'.”' if language == 'en' else '”.'}" in formatted(page, language)
        assert cited in part_citation(page, replace(site, language=language), "themes/trade/").template


@pytest.mark.parametrize(
    ("sentence", "joined"),
    [
        ("El acuerdo comercial de 1994.", "Tratado: el acuerdo comercial de 1994."),
        ("Del sumario del artículo.", "Tratado: del sumario del artículo."),
        ("Para Broad, la causa es otra.", "Tratado. Para Broad, la causa es otra."),
        ("El Salvador firmó el CAFTA.", "Tratado. El Salvador firmó el CAFTA."),
        ("De la Madrid abrió la economía.", "Tratado. De la Madrid abrió la economía."),
        ("México firmó en 1992.", "Tratado. México firmó en 1992."),
        ("“Cita” del autor.", "Tratado: “Cita” del autor."),
        ("EL TEXTO en mayúsculas.", "Tratado. EL TEXTO en mayúsculas."),
    ],
)
def test_spanish_lowers_a_common_word_after_a_colon_and_ends_the_label_before_a_name(sentence, joined):
    assert "Tratado" + "".join(after_colon("es", "Tratado", sentence)) == joined
    assert "".join(after_colon("en", "Treaty", sentence)) == ": " + sentence
    untranslated = Untranslated("The agreement.", "en")  # (shown as written, in its own style)
    assert after_colon("es", "Tratado", untranslated) == (": ", untranslated)


def test_the_spanish_tooltips_and_relation_notes_write_no_capital_after_a_colon(checked):
    pages = all_pages(checked)
    found: dict[str, list[str]] = {"en": [], "es": []}
    for path, page in pages.items():
        page = page.replace('\\"', '"')  # (a page's HTML parts are set aside as JSON strings)
        found["es" if path.startswith("es/") else "en"] += re.findall(
            r'class="glossary-term"[^>]*title="([^"]*)"', page
        )
        found["es" if path.startswith("es/") else "en"] += re.findall(r"<p><strong class=\"relation.*?</p>", page, re.S)
    capital = re.compile(r": [A-ZÁÉÍÓÚÑ][a-záéíóúñ]")
    assert [t for t in found["es"] if t and capital.search(t)] == []
    assert any(capital.search(t) for t in found["en"])  # (English keeps its capital)
    assert any(re.search(r": [a-záéíóúñ]", t) for t in found["es"])


def test_each_editions_404_title_and_table_names_are_in_its_language(site):
    folder, _ = site
    for edition, title, table in (("", "Page not found", "Table"), ("es/", "Página no encontrada", "Tabla")):
        assert f"<title>{title} - Root Causes</title>" in (folder / f"{edition}404.html").read_text(encoding="utf-8")
        sources = (folder / f"{edition}reference/sources/index.html").read_text(encoding="utf-8")
        assert f'aria-label="{table}" class="table-region"' in sources


def test_the_preparation_report_says_a_role_once_where_the_reason_names_it_again(checked):
    pages = all_pages(checked)
    said = {p: page.replace('\\"', '"') for p, page in pages.items() if p.endswith("/.spliced.json")}
    english = "".join(v for p, v in said.items() if not p.startswith("es/"))
    spanish = "".join(v for p, v in said.items() if p.startswith("es/"))
    assert "as section headings, which" in english and "as section headings: section headings" not in english
    assert "as the outlet&#x27;s note on the author.</td>" in english
    assert "como títulos de sección, que" in spanish and "sección: títulos de sección" not in spanish
