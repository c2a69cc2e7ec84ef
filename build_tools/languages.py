"""The words of our own pages in each language of the site, through gettext and CLDR.

The site has one edition per language (mkdocs.yml's ``extra.alternate``: English at the
root, Spanish under ``es/``). The words the templates and this package write — labels,
headings, the sentences around quotes — are written in English, which is the ``msgid``
itself; each other language has a gettext catalogue,
``build_tools/locales/<language>/LC_MESSAGES/messages.po``, which Poedit, Weblate or Crowdin
open as they are. ``make messages`` extracts the messages with Babel (babel.cfg) into
``build_tools/locales/messages.pot`` and updates each catalogue; a test fails on a message
untranslated, fuzzy, or out of date with the code (``tests/test_catalogue.py``). The
``.po`` is compiled in memory when the build starts: no ``.mo`` is kept. Quotes are never
translated: they are shown in their essay's language and marked with it.

In templates, ``_("Read in context")`` is a message, ``_("Cited in {claims}", claims=…)``
one with a value put in (escaped as any value is), ``ngettext("{num} claim", "{num}
claims", n)`` one counted (``{num}`` is ``n`` as the edition writes numbers) and
``pgettext("relation", "Agrees")`` one with a context; in Python, :func:`gettext`,
:func:`ngettext` and :func:`pgettext` take the language first, and :func:`N_` marks a
table's message where it is written (:func:`NP_` one with a context). The plural forms
are CLDR's, as Babel gives them for the catalogue's locale (its ``Plural-Forms`` header).

Dates, numbers and lists of names follow each edition's locale in CLDR, through Babel:
English as written in Britain ("2 March 2026", "12,345", "A, B and C"), Spanish as in
Mexico and Central America (``es_MX``: "2 de marzo de 2026", "3.9", "12,345", "A, B y C").
"""

from __future__ import annotations

import functools
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel import Locale

# (The standard library only at import: `make clean` imports this module through folders.py.)

LOCALES = Path(__file__).parent / "locales"
SOURCE = "en"  # (the language the messages are written in)
DOMAIN = "messages"
# Each edition's locale in CLDR: how its dates, numbers and lists are written.
LOCALE = {"en": "en_GB", "es": "es_MX"}
# The languages' names, as messages to editors (in English) call them.
NAMES = {"en": "English", "es": "Spanish"}


def po_path(language: str) -> Path:
    """The gettext catalogue of ``language``."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> tuple[str, ...]:
    """The languages with a catalogue, and English."""
    return (SOURCE, *sorted(path.parent.parent.name for path in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


TRANSLATED = languages()[1:]  # (the languages the site's words are translated into)


def N_(message: str) -> str:
    """A message written in a table, translated where it is shown: marks it for extraction."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """A message with a context, written in a table: marks it for extraction, kept with its context."""
    return context, message


@functools.cache
def translations(language: str) -> Any:
    """``language``'s catalogue, compiled in memory (English: the messages themselves)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import NullTranslations, Translations

    if language == SOURCE:
        return NullTranslations()
    with po_path(language).open("rb") as po:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(po, locale=LOCALE[language], domain=DOMAIN), use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@functools.cache
def catalogue(language: str) -> dict[str, str]:
    """Each message without plural or context, and its translation (for the theme's words)."""
    found = translations(language)._catalog if language != SOURCE else {}
    return {k: v for k, v in found.items() if isinstance(k, str) and k and "\x04" not in k}


def gettext(language: str, message: str) -> str:
    """``message`` in ``language``."""
    return translations(language).gettext(message)


def ngettext(language: str, singular: str, plural: str, n: int) -> str:
    """The form of a counted message that ``n`` asks for in ``language`` (CLDR's rules)."""
    return translations(language).ngettext(singular, plural, n)


def pgettext(language: str, context: str, message: str) -> str:
    """``message`` in ``language``, where its ``context`` tells it from the same English."""
    return translations(language).pgettext(context, message)


def counted(language: str, singular: str, plural: str, n: int, **values: object) -> str:
    """A counted message with its values put in, ``{num}`` being ``n`` as ``language`` writes it."""
    return ngettext(language, singular, plural, n).format(num=number(language, n), **values)


@functools.cache
def locale(language: str) -> Locale:
    """``language``'s CLDR locale, read once (Babel parses a locale's name at every call given one)."""
    from babel import Locale

    return Locale.parse(LOCALE[language])


def language_name(code: str, language: str) -> str:
    """The name of the language ``code`` (a tag such as "en") as ``language`` writes it: "inglés"."""
    return locale(language).languages.get(code.split("-")[0].lower(), code)


def number(language: str, n: float | Decimal) -> str:
    """A number as written in ``language``'s locale: "12,345" and "3.9" in both editions."""
    # (whole numbers, the pages' counts, are written many times the same: kept once written)
    return (_whole_number if type(n) is int else _number)(language, n)


def _number(language: str, n: float | Decimal) -> str:
    from babel.numbers import format_decimal

    return format_decimal(n, locale=locale(language))


_whole_number = functools.lru_cache(maxsize=4096)(_number)


@functools.lru_cache(maxsize=4096)  # (a page names the dates of many essays, often the same)
def date(language: str, value: str, approximate: bool = False) -> str:
    """A date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as a reader of ``language`` writes
    it: "2 March 2026", "2 de marzo de 2026"; "c. 2000", "h. 2000" for an approximate year."""
    import datetime

    from babel.dates import format_date, format_skeleton

    parts = [int(p) for p in value.split("-")]
    if approximate:
        return gettext(language, "c. {year}").format(year=parts[0])
    if len(parts) == 1:
        return str(parts[0])
    day = datetime.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    if len(parts) == 2:
        return format_skeleton("yMMMM", day, locale=locale(language))
    return format_date(day, "long", locale=locale(language))


def names(language: str, items: list[str]) -> str:
    """Names joined as a sentence lists them: "A", "A and B", "A, B and C" ("A, B y C")."""
    from babel.lists import format_list

    if not items:
        return ""
    joined = format_list(items, locale=locale(language))
    if language == "es" and len(items) > 1 and _SOUNDS_I.match(items[-1]):  # ("Bach e Iglesias", "Ruiz e Hidalgo")
        head = joined.removesuffix(f" y {items[-1]}")
        return f"{head} e {items[-1]}" if head != joined else joined
    return joined


# A word Spanish joins with "e", not "y": one that starts with the sound /i/ ("Iglesias",
# "Hidalgo"), not with a diphthong ("hierro", "Yucatán").
_SOUNDS_I = re.compile(r"(?i)h?[ií](?![aeiouáéíóú])")


# The article Spanish writes before an organisation's name in a sentence ("según cita la
# Presidencia de la República", "el Departamento de Estado"), by the gender of the noun the
# name begins with, in Spanish or as Spanish renders an English name ("la Office of …",
# la oficina). A name not listed takes none, as a person's name does.
_FEMININE = set(
    "Presidencia Secretaría Subsecretaría Oficina Comisión Cámara Embajada Casa Organización Agencia "
    "Fundación Universidad Dirección Administración Procuraduría Fiscalía Corte Cancillería Unión Red "
    "Asociación Coordinación Junta Policía Guardia Conferencia Alianza Coalición Federación Sociedad "
    "Office Commission Embassy House Organization Organisation Agency Foundation University "
    "Administration Court Coalition Alliance Network Association Secretariat Conference Federation "
    "Society Union Division Bureau".split()
)
_MASCULINE = set(
    "Departamento Consejo Instituto Gobierno Ministerio Banco Congreso Senado Servicio Centro Programa "
    "Fondo Comité Observatorio Colegio Tribunal Parlamento Partido Grupo Foro Alto "
    "Department Council Institute Government Ministry Bank Congress Senate Service Center Centre "
    "Program Programme Fund Committee Observatory Tribunal Parliament Party Group Forum".split()
)


def article(language: str, name: str, start: bool = False) -> str:
    """The article ``language`` writes before ``name``, an organisation's, in a sentence
    ("la ", or "La " at its ``start``); "" in English, and for a name it does not know."""
    if language != "es" or not name:
        return ""
    head = name.split()[0]
    found = "la " if head in _FEMININE else "el " if head in _MASCULINE else ""
    return found.capitalize() if start else found


# Words that open a Spanish sentence and are never a name by themselves: articles,
# prepositions, conjunctions, determiners, pronouns ("El acuerdo…", "Del sumario…", "Para …").
_COMMON = set(
    "el la los las lo un una unos unas al del de a ante bajo con contra desde durante en entre hacia "
    "hasta mediante para por según sin sobre tras y e o u ni pero sino aunque como cuando donde si "
    "que este esta estos estas ese esa esos esas aquel aquella su sus ello ella ellos ellas se no "
    "también tampoco ya más muy otro otra otros otras cada todo toda todos todas".split()
)
_WORDS = re.compile(r"[^\W\d_]+")


def after_colon(language: str, label: str, sentence: str) -> tuple[str, str]:
    """How ``label`` is followed by an editor's ``sentence``: the separator and the sentence.
    English: a colon, the sentence as written. Spanish writes lowercase after a colon, but
    whether a capital opens a name ("El Salvador", "De la Madrid", "México") is not decidable
    from the text: the first letter is lowered only where the sentence opens with a common word
    ("El acuerdo…" → ": el acuerdo…") and none of the next two words has a capital; otherwise
    the label ends its own sentence (". México…"). Text shown untranslated keeps its language's
    style (it stays as written)."""
    first = sentence[:1]
    if language != "es" or not first.isupper() or getattr(sentence, "language", language) != language:
        return ": ", sentence
    words = _WORDS.findall(sentence[:80])
    head = words[0]
    if head.lower() in _COMMON and head[1:] == head[1:].lower() and not any(w[0].isupper() for w in words[1:3]):
        return ": ", first.lower() + sentence[1:]
    return (" " if label[-1:] in ".?!…" else ". "), sentence


# Extraction of the messages that are neither in Python nor in the templates' `_()` (babel.cfg)


def extract_mkdocs(fileobj: IO[bytes], _keywords, _comment_tags, options):
    """The words of mkdocs.yml that each edition translates (build_tools/site/engines.py)."""
    import yaml

    from .config import config_loader

    config = yaml.load(fileobj.read().decode("utf-8"), config_loader(Path("."), {}))  # noqa: S506 (its tags)
    found = [" ".join(config[key].split()) for key in ("site_description", "copyright") if config.get(key)]
    found += [p["toggle"]["name"] for p in config["theme"].get("palette") or [] if (p.get("toggle") or {}).get("name")]
    for extension in config.get("markdown_extensions") or []:
        if isinstance(extension, dict) and (extension.get("toc") or {}).get("permalink_title"):
            found.append(extension["toc"]["permalink_title"])
    return [(1, None, message, []) for message in found]


def extract_genres(fileobj: IO[bytes], _keywords, _comment_tags, options):
    """The genres of the essays' schema, which the pages name (``_(essay.genre)``)."""
    import json

    schema = json.loads(fileobj.read().decode("utf-8"))
    return [(1, None, genre, []) for genre in schema["properties"]["genre"]["enum"]]


def extract_theme(fileobj: IO[bytes], _keywords, _comment_tags, options):
    """The words of the theme's templates, ``w.t("…")`` (build_tools/overrides/partials/words.html);
    a long message is literals joined with ``~``, which both engines' template languages read."""
    import re

    literal = r"""(?:"[^"]+"|'[^']+')"""
    text = fileobj.read().decode("utf-8")
    for match in re.finditer(rf"\bw\.t\(\s*({literal}(?:\s*~\s*{literal})*)\s*\)", text):
        message = "".join(part[1:-1] for part in re.findall(literal, match[1]))
        yield text.count("\n", 0, match.start()) + 1, None, message, []
