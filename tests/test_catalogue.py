"""The catalogues of the site's own words (build_tools/locales/): complete, current, and
with every value's place kept."""

from __future__ import annotations

import re

import pytest
import yaml

from build_tools import languages
from build_tools.languages import catalogue

from .messages import messages, python_messages, template_messages

TRANSLATED = [language for language in languages.languages() if language != languages.SOURCE]
PLACES = re.compile(r"\{\w+\}")


def test_there_is_a_translation():
    assert TRANSLATED, "no catalogue in build_tools/locales/"


def test_the_messages_are_found():
    """The extraction sees the templates' messages, those with values, the counted nouns and Python's."""
    found = template_messages()
    assert "Read in context" in found
    assert "{claims} · {quotes} from {essays}" in found
    assert "editor's correction" in found  # (a noun counted by the plural filter)
    assert "Removed the words {text}" in python_messages()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language):
    missing = sorted(messages() - set(catalogue(language)))
    assert not missing, f"build_tools/locales/{language}.yml lacks: {missing}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_translation_of_a_message_that_is_gone(language):
    stale = sorted(set(catalogue(language)) - messages())
    assert not stale, f"build_tools/locales/{language}.yml translates messages no longer used: {stale}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_each_value_and_nouns_have_two_forms(language):
    for message, translated in catalogue(language).items():
        if isinstance(translated, list):
            assert len(translated) == 2 and all(isinstance(f, str) and f for f in translated), message
            assert not PLACES.search(message), message
        else:
            assert isinstance(translated, str) and translated.strip(), message
            assert sorted(PLACES.findall(translated)) == sorted(PLACES.findall(message)), message


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_message_is_translated_twice(language):
    """YAML keeps the last of two equal keys without a word: a catalogue must not have any."""
    node = yaml.compose((languages.LOCALES / f"{language}.yml").read_text(encoding="utf-8"))
    keys = [key.value for key, _ in node.value]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


def test_dates_numbers_and_names():
    assert languages.date("es", "2021-06-13") == "13 de junio de 2021"
    assert languages.date("es", "2014-07") == "julio de 2014"
    assert languages.date("en", "2014-07") == "July 2014"
    assert languages.date("es", "2000", approximate=True) == "h. 2000"
    assert languages.number("en", 12345) == "12,345"
    assert languages.number("es", 12345) == "12\u202f345" and languages.number("es", 1234) == "1234"
    assert languages.plural("es", 1, "claim") == "1 afirmación"
    assert languages.plural("es", 2, "claim") == "2 afirmaciones"
    assert languages.plural("en", 2, "claim") == "2 claims"
    assert languages.names("es", ["A", "B", "C"]) == "A, B y C"
    assert languages.names("en", ["A", "B"]) == "A and B"
