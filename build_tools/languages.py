"""The words of our own pages in each language of the site.

The site has one edition per language (mkdocs.yml's ``extra.alternate``: English at the
root, Spanish under ``es/``). The words the templates and this package write — labels,
headings, the sentences around quotes — are written in English, which is the message
itself; each other language has a catalogue, ``build_tools/locales/<language>.yml``,
from each English message to its translation. A message missing from a catalogue is shown
in English (a test checks that none is missing). Quotes are never translated: they are
shown in their essay's language and marked with it.

In templates, ``_("Read in context")`` is a message, and ``_("Cited in {claims}",
claims=…)`` one with a value put in (escaped as any value is); in Python, :func:`gettext`.
A noun whose count is shown is a message of its own, with the catalogue's two forms
(``claim: [afirmación, afirmaciones]``); English adds an "s".
"""

from __future__ import annotations

import functools
from pathlib import Path

LOCALES = Path(__file__).parent / "locales"
SOURCE = "en"  # (the language the messages are written in)


@functools.cache
def catalogue(language: str) -> dict[str, str | list[str]]:
    """Each English message and its translation into ``language`` (empty for English)."""
    if language == SOURCE:
        return {}
    import yaml  # (here: this module's other names need only the standard library: `make clean`)

    return yaml.safe_load((LOCALES / f"{language}.yml").read_text(encoding="utf-8")) or {}


def languages() -> tuple[str, ...]:
    """The languages with a catalogue, and English."""
    return (SOURCE, *sorted(path.stem for path in LOCALES.glob("*.yml")))


# The months, as messages ("March" is "marzo" in the Spanish catalogue).
MONTHS = tuple("January February March April May June July August September October November December".split())
# The languages' names, as messages to editors (in English) call them.
NAMES = {"en": "English", "es": "Spanish"}
TRANSLATED = languages()[1:]  # (the languages the site's words are translated into)


def gettext(language: str, message: str) -> str:
    """``message`` in ``language`` (in English if the catalogue lacks it)."""
    translated = catalogue(language).get(message, message)
    return translated if isinstance(translated, str) else message


def plural(language: str, n: int, noun: str) -> str:
    """``n`` and ``noun`` in ``language``, the noun singular or plural as ``n`` asks:
    "1 claim", "3 claims", "3 afirmaciones"."""
    forms = catalogue(language).get(noun)
    one, many = forms if isinstance(forms, list) else (noun, noun + "s")
    return f"{number(language, n)} {one if n == 1 else many}"


def number(language: str, n: int) -> str:
    """A count as written in ``language``: "12,345" in English; "12 345" in Spanish (a
    thin space groups the thousands of a number of five digits or more, as the RAE and the
    international standard advise, and none those of four)."""
    if language == SOURCE:
        return f"{n:,}"
    return f"{n:,}".replace(",", "\u202f") if abs(n) >= 10_000 else str(n)


@functools.lru_cache(maxsize=4096)  # (a page names the dates of many essays, often the same)
def date(language: str, value: str, approximate: bool = False) -> str:
    """A date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as a reader of ``language`` writes
    it: "2 March 2026", "2 de marzo de 2026"; "c. 2000", "h. 2000" for an approximate year."""
    parts = [int(p) for p in value.split("-")]
    if approximate:
        return f"{gettext(language, 'c.')} {parts[0]}"
    if len(parts) == 1:
        return str(parts[0])
    month = gettext(language, MONTHS[parts[1] - 1])
    if len(parts) == 2:
        return gettext(language, "{month} {year}").format(month=month, year=parts[0])
    return gettext(language, "{day} {month} {year}").format(day=parts[2], month=month, year=parts[0])


def names(language: str, items: list[str]) -> str:
    """Names joined as a sentence lists them: "A", "A and B", "A, B and C" ("A, B y C")."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {gettext(language, 'and')} " + items[-1]
