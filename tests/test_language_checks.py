"""Issue 34, part 5: texts in any language checked as a careful editor would. Quotes are found
whatever the encoding of their accents; every language's quotation marks ask whose words they
are; a Spanish question is not cut from its ¿; glossary terms and paragraph ids may be typed
with accents; and a text that reads as another language than the one declared is a warning.

Each test adds to a copy of the fixture corpus and pins the exact message."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pytest

from build_tools.model import Evidence, Paragraph, Quote, Term
from build_tools.problems import SourceLoc
from build_tools.stages.standing import cut_sentence, in_quotation_marks
from build_tools.stages.validate.language import reads_as
from tests.conftest import add_essay_files, run

TEXT = """Un texto de prueba, escrito para las pruebas del proyecto.

La Secretaría de Bienestar reparte los apoyos en las comunidades del sur. ¿Quién decide a dónde van los recursos? Nadie lo sabe con certeza.

El presidente dijo: «Los programas sociales no son dádivas, son derechos del pueblo». Las familias lo repiten.

Un vecino lo dijo en inglés: ‘we don’t leave this town’, y todos aplaudieron en la plaza.

Las remesas sostienen a muchos hogares de la región, y los gobiernos lo saben bien.
"""
LANGUAGE = "language: es\n"


def add_spanish_essay(root: Path, quotes: list[str], language: str = LANGUAGE) -> None:
    """A Spanish essay (``prueba-2021``), and a claim on the trade theme quoting each of ``quotes``."""
    add_essay_files(
        root,
        "prueba-2021",
        TEXT,
        f"""\
title: "Bienestar y remesas: una prueba"
summary: >-
  A test essay in Spanish: it says that remittances keep many households of the region afloat.
authors:
  - given: Ana
    family: Prueba
genre: op-ed
outlet: Revista de Prueba
date: "2021"
date_precision: year
{language}source_sha256: {hashlib.sha256(TEXT.encode()).hexdigest()}
rights: Written for the project's tests.
themes: [trade]
cleaning:
  - rule: drop
    starts_with: Un texto de prueba
    reason: the test's own note
""",
    )
    evidence = "".join(
        f"      - essay: prueba-2021\n        quote: {quote}\n" + ("        relation: agrees\n" if i else "")
        for i, quote in enumerate(quotes)
    )
    trade = root / "seeds" / "crossrefs" / "trade.yml"
    trade.write_text(
        trade.read_text(encoding="utf-8").rstrip("\n")
        + f"""

  - id: prueba-remesas
    title: Remittances
    claim: >-
      Prueba writes that remittances keep many households of the region afloat.
    evidence:
{evidence}""",
        encoding="utf-8",
    )


def line_of(root: Path, rel: str, text: str) -> int:
    """The last line of ``rel`` that holds ``text``."""
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return max(i for i, line in enumerate(lines, 1) if text in line)


TRADE = "seeds/crossrefs/trade.yml"
REMITTANCES = "Las remesas sostienen a muchos hogares de la región"


def test_a_quote_with_decomposed_accents_finds_its_passage(project, capsys):
    add_spanish_essay(project, [unicodedata.normalize("NFD", REMITTANCES)])
    assert unicodedata.normalize("NFD", REMITTANCES) != REMITTANCES
    code, out, err = run(project, "check", "--strict", capsys=capsys)
    assert (code, err) == (0, "") and out.startswith("ok:")


def test_a_quote_of_a_text_with_decomposed_accents_ends_after_its_last_accent(project, capsys):
    from build_tools.pipeline import check

    text = TEXT.replace("región", unicodedata.normalize("NFD", "región"))
    add_spanish_essay(project, [REMITTANCES])
    (project / "seeds/essays/prueba-2021.txt").write_text(text, encoding="utf-8")
    meta = project / "seeds/essays/prueba-2021.yml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            hashlib.sha256(TEXT.encode()).hexdigest(), hashlib.sha256(text.encode()).hexdigest()
        ),
        encoding="utf-8",
    )
    quotes = check(project).quotes
    (found,) = [q for ev, q in quotes.items() if ev.essay == "prueba-2021"]
    assert found.text == unicodedata.normalize("NFD", REMITTANCES)


def test_words_in_guillemets_ask_whose_words_they_are(project, capsys):
    add_spanish_essay(project, [REMITTANCES, "Los programas sociales no son dádivas"])
    code, _, err = run(project, "check", capsys=capsys)
    line = line_of(project, TRADE, "Los programas sociales")
    assert code == 0 and err.splitlines() == [
        f"{TRADE}:{line}:9: warning: this passage is in quotation marks in the essay: whose words are they? "
        "add 'speaker' (with 'name', and 'role' where it helps)"
    ]


def test_words_in_single_quotes_ask_whose_words_they_are_and_an_apostrophe_does_not_close_them(project, capsys):
    add_spanish_essay(project, [REMITTANCES, "leave this town"])
    code, _, err = run(project, "check", capsys=capsys)
    line = line_of(project, TRADE, "leave this town")
    assert code == 0 and err.splitlines() == [
        f"{TRADE}:{line}:9: warning: this passage is in quotation marks in the essay: whose words are they? "
        "add 'speaker' (with 'name', and 'role' where it helps)"
    ]


def test_a_quote_that_leaves_out_the_opening_of_its_question_is_a_warning(project, capsys):
    add_spanish_essay(project, [REMITTANCES, "Quién decide a dónde van los recursos?"])
    code, _, err = run(project, "check", capsys=capsys)
    line = line_of(project, TRADE, "Quién decide")
    assert code == 0 and err.splitlines() == [
        f"{TRADE}:{line}:9: warning: this quote cuts a question in two (it keeps its '?' but not its '¿'): "
        'quote the whole sentence, "¿Quién decide a dónde van los recursos?"'
    ]


def test_a_quote_that_leaves_out_the_end_of_its_question_is_a_warning(project, capsys):
    add_spanish_essay(project, [REMITTANCES, "¿Quién decide a dónde van"])
    code, _, err = run(project, "check", capsys=capsys)
    line = line_of(project, TRADE, "Quién decide")
    assert code == 0 and err.splitlines() == [
        f"{TRADE}:{line}:9: warning: this quote cuts a question in two (it keeps its '¿' but not its '?'): "
        'quote the whole sentence, "¿Quién decide a dónde van los recursos?"'
    ]


def test_a_whole_question_is_no_warning(project, capsys):
    add_spanish_essay(project, [REMITTANCES, "¿Quién decide a dónde van los recursos?"])
    assert run(project, "check", "--strict", capsys=capsys)[0::2] == (0, "")


GLOSSARY_ENTRY = """
  - term: Secretaría de Bienestar
    language: es
    definition: >-
      The Mexican ministry that runs the government's social programmes.
"""


def test_a_glossary_term_may_hold_accents(project, capsys):
    add_spanish_essay(project, [REMITTANCES])
    glossary = project / "seeds" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + GLOSSARY_ENTRY, encoding="utf-8")
    assert run(project, "check", "--strict", capsys=capsys)[0::2] == (0, "")


def test_a_glossary_terms_anchor_leaves_its_accents_out():
    assert Term("Secretaría de Bienestar", "…", (), SourceLoc("x")).id == "secretaria-de-bienestar"
    assert Term("CAFTA-DR", "…", (), SourceLoc("x")).id == "cafta-dr"


def test_a_glossary_term_typed_with_decomposed_accents_still_links(project, capsys):
    add_spanish_essay(project, [REMITTANCES])
    glossary = project / "seeds" / "glossary.yml"
    entry = GLOSSARY_ENTRY.replace("Secretaría", unicodedata.normalize("NFD", "Secretaría"))
    glossary.write_text(glossary.read_text(encoding="utf-8") + entry, encoding="utf-8")
    assert run(project, "check", "--strict", capsys=capsys)[0::2] == (0, "")


def test_a_paragraph_id_typed_with_accents_is_refused_with_the_id_to_write(project, capsys):
    add_spanish_essay(project, [REMITTANCES])
    about = project / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\nSee [[prueba-2021#p-la-secretaría-de-bienestar-reparte-los]].\n",
        encoding="utf-8",
    )
    code, _, err = run(project, "check", capsys=capsys)
    line = line_of(project, "docs/about.md", "[[prueba-2021#")
    assert code == 1 and err.splitlines()[0] == (
        f"docs/about.md:{line}:5: [[prueba-2021#p-la-secretaría-de-bienestar-reparte-los]]: ids are written "
        "without accents or capitals: write [[prueba-2021#p-la-secretaria-de-bienestar-reparte-los]], "
        "as the paragraph's ¶ link gives it"
    )


def test_a_spanish_essay_declared_english_is_a_warning_naming_the_language(project, capsys):
    add_spanish_essay(project, [REMITTANCES], language="")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 0 and err.splitlines() == [
        "seeds/essays/prueba-2021.yml:1:1: warning: the text of essay 'prueba-2021' reads as Spanish, but its "
        "'language' is 'en' (English, the default when left out): if it is written in Spanish, add 'language: es'"
    ]


def test_an_editorial_field_in_another_language_is_a_warning(project, capsys):
    add_spanish_essay(project, [REMITTANCES])
    trade = project / TRADE
    trade.write_text(
        trade.read_text(encoding="utf-8").replace(
            "Prueba writes that remittances keep many households of the region afloat.",
            "Prueba escribe que las remesas sostienen a muchos hogares de la región y que los gobiernos lo saben.",
        ),
        encoding="utf-8",
    )
    code, _, err = run(project, "check", capsys=capsys)
    line = line_of(project, TRADE, "Prueba escribe")
    assert code == 0 and err.splitlines() == [
        f"{TRADE}:{line - 1}:5: warning: 'claim' reads as Spanish, but the site's own words are written in "
        "English here: write it in English (and its Spanish in the 'es:' block)"
    ]


def test_a_translation_left_in_english_is_a_warning(project, capsys):
    glossary = project / "seeds" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    spanish = "El acuerdo comercial entre Canadá, México y Estados Unidos que entró en vigor\n        en 1994."
    assert spanish in text
    glossary.write_text(
        text.replace(
            spanish,
            "The trade agreement between Canada, Mexico and the United States that came\n        into force in 1994.",
        ),
        encoding="utf-8",
    )
    code, _, err = run(project, "check", capsys=capsys)
    line = line_of(project, "seeds/glossary.yml", "The trade agreement between Canada, Mexico")
    assert code == 0 and err.splitlines() == [
        f"seeds/glossary.yml:{line - 1}:7: warning: 'definition' reads as English, but it stands in the 'es:' "
        "block: write its Spanish translation there"
    ]


def test_short_texts_are_not_judged_and_plain_ones_never_load_the_model():
    assert reads_as("Secretaría de Bienestar", "en") is None  # (too short to tell)
    assert (
        reads_as("The Secretaría de Bienestar runs the programmes of the Mexican government for the poor.", "en")
        is None
    )
    assert reads_as("Las familias que perdieron su tierra se fueron a las ciudades y al norte.", "es") is None
    assert reads_as("Las familias que perdieron su tierra se fueron a las ciudades y al norte.", "en") == "es"


def test_a_translated_quote_of_a_spanish_essay_declared_english_hears_only_of_the_language(project, capsys):
    """Not also "this quote is already in the site's language": that would mislead."""
    add_spanish_essay(project, [REMITTANCES], language="")
    trade = project / TRADE
    trade.write_text(
        trade.read_text(encoding="utf-8").replace(
            f"quote: {REMITTANCES}\n", f"quote: {REMITTANCES}\n        translation: Remittances keep many homes.\n"
        ),
        encoding="utf-8",
    )
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 0 and [line.split(": warning: ")[1][:40] for line in err.splitlines()] == [
        "the text of essay 'prueba-2021' reads as"
    ]


def quote_in(text: str, words: str) -> Quote:
    """A quote of ``words`` standing in a paragraph reading ``text`` (no essay needed here)."""
    start = text.index(words)
    paragraph = Paragraph("p-x", "paragraph", text, 1)
    return Quote(Evidence("x", words, SourceLoc("t.yml", 1)), None, paragraph, start, start + len(words))


@pytest.mark.parametrize(
    "text, words, marked",
    [
        ("Er sagte: „Wir bleiben hier“, und ging.", "Wir bleiben", True),
        ("Sie sagte: ‚wir bleiben‘, und ging.", "wir bleiben", True),
        ("Dijo: «nos quedamos aquí», y se fue.", "nos quedamos", True),
        ("Il a dit ‹ chez nous › et il est parti.", "chez nous", True),
        ("Powiedział: „zostajemy tutaj”, i poszedł.", "zostajemy", True),
        ("They said ‘we don’t leave’ and stayed.", "leave", True),
        ("The workers don’t leave; Mexico’s farmers stay.", "farmers stay", False),
        ("«Uno» dijo el otro y luego «dos».", "dijo el otro", False),
        ("Er sagte „eins“ und dann „zwei“.", "und dann", False),
        ("“Do not come,” she warned migrants.", "“Do not come,”", True),
        ("“Do not come,” she warned migrants.", "“Do not come,” she warned", False),
        ("“Bad governance” is the result of policy.", "“Bad governance” is the result", False),
        ('"It took seven years," he said. "Seven."', "It took seven years", True),
        ('"It took seven years," he said. "Seven."', 'years," he said', False),
        ("—Porque alguien tiene que quedarse —me respondió, y se rió.", "alguien tiene que quedarse", True),
        ("—Porque alguien tiene que quedarse —me respondió, y se rió.", "me respondió", False),
        ("—¿Y usted? —le pregunté—. Nadie se fue.", "Nadie se fue", True),
        ("Sus ideas —dijo— eran otras.", "eran otras", False),
    ],
)
def test_every_languages_quotation_marks_ask_whose_words_they_are(text, words, marked):
    assert in_quotation_marks(quote_in(text, words)) is marked


@pytest.mark.parametrize(
    "text, words, warned",
    [
        ("Y gritó: ¡Basta ya de promesas! Nadie respondió.", "Basta ya de promesas!", "an exclamation"),
        ("Y gritó: ¡Basta ya de promesas! Nadie respondió.", "¡Basta ya de promesas!", None),
        ("Y gritó: ¡Basta ya de promesas! Nadie respondió.", "Basta ya", None),
        ("Entonces, ¿qué hacemos con los recursos? Nada.", "¿qué hacemos con", "a question"),
        ("Why do they leave? Because they must.", "do they leave?", None),
    ],
)
def test_a_quote_cutting_a_spanish_question_or_exclamation_is_a_warning(text, words, warned):
    problem = cut_sentence(quote_in(text, words))
    assert (problem and problem.message.split(" in two")[0].removeprefix("this quote cuts ")) == warned


def test_checking_a_corpus_plainly_in_english_and_spanish_never_loads_the_model():
    """The model takes a second or two to load: a check of the fixture corpus (English essays,
    Spanish translations) never needs it."""
    import subprocess
    import sys

    from tests.conftest import FIXTURE

    script = (
        "import sys; from pathlib import Path; from build_tools.pipeline import check; "
        f"check(Path({str(FIXTURE)!r})); print('py3langid' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_an_english_essay_declared_spanish_is_a_warning_naming_the_language(project, capsys):
    meta = project / "seeds" / "essays" / "wilson-2021.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("themes:", "language: es\nthemes:", 1), encoding="utf-8")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 0 and err.splitlines() == [
        "seeds/essays/wilson-2021.yml:2:1: warning: the text of essay 'wilson-2021' reads as English, but its "
        "'language' is 'es' (Spanish): if it is written in English, write 'language: en'"
    ]


STYLE = "the Spanish 'title' goes against the house style: write "


@pytest.mark.parametrize(
    "title, advice",
    [
        ("«Los acuerdos» comerciales", "quotation marks “ ” (with ‘ ’ inside), not « »"),
        ('Los "acuerdos" comerciales', 'quotation marks “ ” (with ‘ ’ inside), not straight ones (")'),
        ("Los acuerdos de Junio de 1994", "the month in lower case ('junio', not 'Junio')"),
        ("La migración ilegal y los acuerdos", "'irregular' (or 'no autorizada') for migration, not 'ilegal'"),
        (
            "La Vigilancia de la frontera",
            "'control migratorio' or 'aplicación de la ley' for enforcement, not 'vigilancia'",
        ),
    ],
)
def test_spanish_text_against_the_house_style_is_a_warning(project, capsys, title, advice):
    trade = project / "seeds" / "crossrefs" / "trade.yml"
    text = trade.read_text(encoding="utf-8")
    trade.write_text(text.replace("Los acuerdos comerciales como causa profunda", title.replace('"', '\\"'), 1))
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 0
    assert f"seeds/crossrefs/trade.yml:3:5: warning: {STYLE}{advice}" in err.splitlines()


@pytest.mark.parametrize(
    "title",
    [
        "Mayo de 1997: la Declaración Conjunta",  # (a month opening a sentence)
        "La “migración ilegal”, en palabras de Bach",  # (someone else's word, quoted)
        "La Ley de Reforma de la Inmigración Ilegal",  # (a name)
        "Los acuerdos de junio de 1994",
    ],
)
def test_spanish_text_in_the_house_style_is_not_a_warning(project, capsys, title):
    trade = project / "seeds" / "crossrefs" / "trade.yml"
    text = trade.read_text(encoding="utf-8")
    trade.write_text(text.replace("Los acuerdos comerciales como causa profunda", title, 1))
    code, _, err = run(project, "check", capsys=capsys)
    assert (code, [line for line in err.splitlines() if STYLE in line]) == (0, [])


def test_a_translation_of_a_quote_keeps_the_authors_word(project, capsys):
    trade = project / "seeds" / "crossrefs" / "trade.yml"
    text = trade.read_text(encoding="utf-8")
    assert "La persistente migración ilegal" in text  # (Bach's 'illegal', translated)
    code, _, err = run(project, "check", capsys=capsys)
    assert (code, [line for line in err.splitlines() if "house style" in line]) == (0, [])
