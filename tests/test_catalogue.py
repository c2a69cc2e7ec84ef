"""The gettext catalogues of the site's own words (build_tools/locales/): current with the
code as Babel extracts it (babel.cfg, as `make messages` runs it), every message translated
and none fuzzy, every value's place kept; and dates, numbers and lists as CLDR writes them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from build_tools import languages

ROOT = Path(__file__).parent.parent
TRANSLATED = [language for language in languages.languages() if language != languages.SOURCE]
PLACES = re.compile(r"\{\w*\}")


def _key(message_id, context) -> tuple:
    return (context, message_id if isinstance(message_id, str) else tuple(message_id))


@pytest.fixture(scope="module")
def extracted() -> set[tuple]:
    """Each message of the code, as `make messages` extracts it: (context, msgid or (msgid, plural))."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = extract_from_dir(ROOT, method_map, options_map)
    return {_key(message, context) for _, _, message, _, context in found}


def _catalogue(path: Path):
    with path.open("rb") as po:
        return read_po(po)


def _entries(path: Path) -> set[tuple]:
    return {_key(m.id, m.context) for m in _catalogue(path) if m.id}


def test_there_is_a_translation():
    assert TRANSLATED, "no catalogue in build_tools/locales/"


def test_the_messages_are_found(extracted):
    """Babel sees the templates' messages (plain, counted, in a context), Python's, the tables'
    (N_), the theme's and scripts' words, mkdocs.yml's and the genres of the schema."""
    assert (None, "Read in context") in extracted
    assert (None, ("{num} passage quoted", "{num} passages quoted")) in extracted
    assert ("contrasts", "{who}, compared with {whom} above") in extracted
    assert (None, "Removed the words {text}") in extracted
    assert (None, "Also in this essay") in extracted
    assert (None, "All {total} events.") in extracted  # (filter.js)
    assert (None, "Page not found") in extracted  # (overrides/404.html)
    assert (None, "Switch to dark mode") in extracted  # (mkdocs.yml)
    assert (None, "government publication") in extracted


# Where each of the package's translating functions takes its message (as babel.cfg says).
MESSAGE_ARGUMENT = {"gettext": 1, "ngettext": 1, "counted": 1, "pgettext": 2, "say": 0, "N_": 0}


def test_every_message_written_in_python_is_extracted(extracted):
    """Babel reads no call inside an f-string: a message written there would go untranslated."""
    ids = {message if isinstance(message, str) else message[0] for _, message in extracted}
    missed = []
    for path in sorted((ROOT / "build_tools").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = isinstance(node, ast.Call) and (getattr(node.func, "id", None) or getattr(node.func, "attr", None))
            at = MESSAGE_ARGUMENT.get(name or "")
            if at is None or len(node.args) <= at or not isinstance(node.args[at], ast.Constant):
                continue
            if node.args[at].value not in ids:
                missed.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.args[at].value!r}")
    assert missed == [], "write these calls outside f-strings, so that Babel sees them"


def test_the_template_is_current_with_the_code(extracted):
    pot = _entries(languages.LOCALES / "messages.pot")
    assert sorted(extracted - pot, key=str) == [], "new messages: run `make messages`"
    assert sorted(pot - extracted, key=str) == [], "messages no longer used: run `make messages`"


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_catalogue_is_current_with_the_code(language, extracted):
    assert _entries(languages.po_path(language)) == extracted, f"run `make messages` and translate {language}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    catalogue = _catalogue(languages.po_path(language))
    untranslated = [m.id for m in catalogue if m.id and not all(m.string if isinstance(m.id, tuple) else [m.string])]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert untranslated == [], f"{languages.po_path(language)}: not translated: {untranslated}"
    assert fuzzy == [], f"{languages.po_path(language)}: fuzzy (check, then remove the flag): {fuzzy}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_each_value_and_the_locales_plural_forms(language):
    from babel.messages.plurals import get_plural

    catalogue = _catalogue(languages.po_path(language))
    assert catalogue.num_plurals == get_plural(languages.LOCALE[language]).num_plurals
    for m in catalogue:
        if not m.id:
            continue
        wanted = sorted(set(PLACES.findall(m.id if isinstance(m.id, str) else m.id[1])))
        for form in [m.string] if isinstance(m.string, str) else m.string:
            assert sorted(set(PLACES.findall(form))) == wanted, (m.id, form)


def test_no_compiled_catalogue_is_kept():
    assert not list(languages.LOCALES.rglob("*.mo")), "the .po is compiled in memory: keep no .mo"


def test_dates_numbers_and_names():
    assert languages.date("es", "2021-06-13") == "13 de junio de 2021"
    assert languages.date("es", "2014-07") == "julio de 2014"
    assert languages.date("en", "2014-07") == "July 2014"
    assert languages.date("en", "2026-03-02") == "2 March 2026"
    assert languages.date("es", "2000", approximate=True) == "ca. 2000"
    assert languages.number("en", 12345) == "12,345"
    assert languages.number("es", 12345) == "12,345" and languages.number("es", 3.9) == "3.9"
    assert languages.counted("es", "{num} claim", "{num} claims", 1) == "1 afirmación"
    assert languages.counted("es", "{num} claim", "{num} claims", 2) == "2 afirmaciones"
    assert languages.counted("en", "{num} claim", "{num} claims", 1234) == "1,234 claims"
    assert languages.names("es", ["A", "B", "C"]) == "A, B y C"
    assert languages.names("es", ["Bach", "Broad", "Iglesias"]) == "Bach, Broad e Iglesias"
    assert languages.names("es", ["Ruiz", "Hidalgo"]) == "Ruiz e Hidalgo"
    assert languages.names("es", ["Ruiz", "Hierro"]) == "Ruiz y Hierro"  # (a diphthong: "y")
    assert languages.names("es", ["Bach", "Ibarra y Vega"]) == "Bach e Ibarra y Vega"
    assert languages.names("en", ["Ruiz", "Iglesias"]) == "Ruiz and Iglesias"
    assert languages.names("en", ["A", "B", "C"]) == "A, B and C"
    assert languages.names("en", ["A", "B"]) == "A and B"


@pytest.mark.parametrize(
    "n, english, spanish",
    [
        (1, "1 passage quoted", "1 pasaje citado"),
        (2, "2 passages quoted", "2 pasajes citados"),
    ],
)
def test_a_counted_message_agrees_with_its_count(n, english, spanish):
    args = ("{num} passage quoted", "{num} passages quoted", n)
    assert (languages.counted("en", *args), languages.counted("es", *args)) == (english, spanish)


@pytest.mark.parametrize(
    "name, start, spanish",
    [
        ("Presidencia de la República", False, "la "),
        ("Departamento de Estado", False, "el "),
        ("Office of the Example Historian", True, "La "),
        ("Broad", False, ""),
    ],
)
def test_an_organisation_takes_its_article_in_a_spanish_sentence(name, start, spanish):
    assert languages.article("es", name, start) == spanish and languages.article("en", name, start) == ""
