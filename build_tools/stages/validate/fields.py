"""The checks of one file's meaning: what its schema cannot say of a field's text.

A date that has the form but is not in the calendar, raw HTML or a script address in
any text, and Markdown in the fields written in the project's own words. ``files`` runs
them on each file that load read, since a file with such a mistake is not made into
records; and on the front matter of hand-written pages. Also whether an essay's raw
text is the one received.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import unquote

from ...formats.markdown_text import shorten
from ...languages import SOURCE, TRANSLATED
from ...problems import Collector, Problem
from ..yamlfile import LocDict, LocList, loc_of
from .language import name, reads_as


def field_problems(data: Any, found: list[Problem]) -> list[Problem]:
    """The problems of the texts of ``data``, a parsed seeds file whose schema found
    ``found``: one mistake a field, markup first (it is not Markdown too)."""
    flagged = {f.loc for f in found}
    markup = [p for p in unsafe_text(data) if p.loc not in flagged]
    flagged |= {f.loc for f in markup}
    dated = (*impossible_dates(data), *date_problems(data))
    return markup + [p for p in (*markdown(data), *dated, *other_language(data)) if p.loc not in flagged]


def _strings(data) -> Iterator[tuple[Any, Any, str]]:
    """(container, key, text) for every text anywhere in a parsed seeds file."""
    items = data.items() if isinstance(data, LocDict) else enumerate(data) if isinstance(data, LocList) else ()
    for key, value in items:
        if isinstance(value, str):
            yield data, key, value
        else:
            yield from _strings(value)


_DATE_FIELDS = ("date", "accessed", "added")


def impossible_dates(data) -> Iterator[Problem]:
    """Problems for dates that have the right form but are not in the calendar (2021-02-30)."""
    for container, key, value in _strings(data):
        if key in _DATE_FIELDS and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            try:
                date.fromisoformat(value)
            except ValueError:
                yield Problem(
                    loc_of(container, key),
                    f"'{key}' is {value}, which is not a day of the calendar: check the day and the month",
                )


def _mappings(data) -> Iterator[LocDict]:
    """Every mapping of a parsed seeds file (an essay's metadata, each event of the timeline)."""
    if isinstance(data, LocDict):
        yield data
    for value in data.values() if isinstance(data, LocDict) else data if isinstance(data, LocList) else ():
        yield from _mappings(value)


def _in_calendar(value: str) -> bool:
    """Whether ``value`` is a date written YYYY, YYYY-MM or YYYY-MM-DD that the calendar has."""
    try:
        date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}(-\d\d){0,2}", value))


# How many parts (year, month, day) a date of each precision is written with.
_PARTS = {"year": 1, "month": 2, "day": 3}
_PART_NAMES = ("a year", "a month", "a day")


def date_problems(data) -> Iterator[Problem]:
    """Problems for a date written more (or less) precisely than its ``date_precision`` says,
    and for an ``accessed`` day before the text's ``date``."""
    for entry in _mappings(data):
        value, precision = entry.get("date"), entry.get("date_precision")
        if not isinstance(value, str) or not _in_calendar(value):
            continue
        parts = value.count("-") + 1
        if isinstance(precision, str) and _PARTS.get(precision, parts) != parts:
            wanted = value[: (4, 7, 10)[_PARTS[precision] - 1]]
            yield Problem(
                loc_of(entry, "date"),
                f"'date' is {value}, which gives {_PART_NAMES[parts - 1]}, but 'date_precision' is {precision}: "
                + (f'write "{wanted}"' if parts > _PARTS[precision] else "give the date that precisely")
                + f", or set 'date_precision' to {('year', 'month', 'day')[parts - 1]}",
            )
        accessed = entry.get("accessed")
        if isinstance(accessed, str) and accessed[: len(value)] < value:
            yield Problem(
                loc_of(entry, "accessed"),
                f"'accessed' is {accessed}, before the text's 'date' ({value}): a text cannot be read "
                "before it is published, so check both dates",
            )


# The fields in the editors' words that are judged for their language (a title is too short
# to tell, and an essay's is in the essay's language).
_JUDGED = ("summary", "title_note", "date_note", "question", "intro", "claim", "note", "measures", "definition")
_JUDGED_TOO = ("expansion", "translation", "role")


def _editorial(data, language: str = SOURCE) -> Iterator[tuple[Any, Any, str, str]]:
    """(container, key, text, language it is written in) for each field in the editors' words:
    the site's language, or that of the block it stands in (``es:``)."""
    items = data.items() if isinstance(data, LocDict) else enumerate(data) if isinstance(data, LocList) else ()
    for key, value in items:
        if isinstance(key, str) and key.endswith("_of") and key[:-3] in TRANSLATED:
            continue  # (the fingerprints of a translation's English: see translated.py)
        if key in TRANSLATED and isinstance(value, LocDict):
            yield from _editorial(value, key)
        elif isinstance(value, str) and key in _JUDGED + _JUDGED_TOO:
            yield data, key, value, language
        elif not isinstance(value, str):
            yield from _editorial(value, language)


def other_language(data) -> Iterator[Problem]:
    """Warnings for a field in the editors' words that reads as another language than the
    one it is written in (the site's, or its ``es:`` block's)."""
    for container, key, value, language in _editorial(data):
        if found := reads_as(value, language):
            yield Problem(
                loc_of(container, key),
                f"'{key}' reads as {name(found)}, but "
                + (
                    f"it stands in the '{language}:' block: write its {name(language)} translation there"
                    if language != SOURCE
                    else f"the site's own words are written in {name(language)} here: write it in {name(language)}"
                    + (f" (and its {name(found)} in the '{found}:' block)" if found in TRANSLATED else "")
                ),
                "warning",
            )


# Markup an editor's text must not carry. It would be shown as plain text anyway (the
# renderer escapes everything), but it is refused so no one believes it will work.
# Both are looked for in the text as written and as a browser could decode it:
# character references (&#106;), percent-encoding (%6A) and, for addresses, with the
# blanks and control characters a browser skips inside a scheme (jav&#x09;ascript:).
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|<!--")
_SCRIPT_URL = re.compile(r"(?i)(?:java|vb)script:|data:[a-z]+/[a-z0-9.+-]+[;,]")
_SKIPPED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2060\ufeff]+")


def _decoded(text: str) -> str:
    """``text`` with character references and percent-escapes undone (nested ones too)."""
    for _ in range(3):
        before, text = text, unquote(html.unescape(text))
        if text == before:
            break
    return text


def unsafe_text(data) -> Iterator[Problem]:
    """Problems for raw HTML tags or script addresses in any text of a seeds file."""
    for container, key, value in _strings(data):
        decoded = _decoded(value)
        tag = _HTML_TAG.search(value) or _HTML_TAG.search(decoded)
        url = _SCRIPT_URL.search(_SKIPPED_IN_SCHEME.sub("", decoded))
        if tag:
            yield Problem(
                loc_of(container, key),
                f"raw HTML ({tag.group(0)[:40]!r}) is not allowed in {_field_name(key)}: write plain text",
            )
        if url:
            yield Problem(
                loc_of(container, key),
                f"a {url.group(0).split(':')[0].lower()}: address is not allowed in {_field_name(key)}",
            )


# The fields written in the project's own words, shown as plain text: Markdown there would
# show as its characters (quotes and cleaning rules hold the source's words, whatever they are).
OWN_WORDS = (
    "title",
    "title_note",
    "summary",
    "about",
    "rights",
    "date_note",
    "question",
    "intro",
    "claim",
    "note",
    "measures",
    "definition",
    "expansion",
)
MARKDOWN = re.compile(
    r"\[[^\]\n]+\]\s*[(\[]|\*\*\S[^*]*\*\*|(?<![\w*])\*[^*\s][^*\n]*\*(?![\w*])|`[^`\n]+`|^#{1,6} ", re.MULTILINE
)


def markdown(data) -> Iterator[Problem]:
    """Problems for Markdown syntax (a link, emphasis, code, a heading) in the fields in our own words."""
    for container, key, value in _strings(data):
        if key in OWN_WORDS and (found := MARKDOWN.search(value)):
            snippet = shorten(value[found.start() :].split("\n")[0], 40)
            yield Problem(
                loc_of(container, key),
                f"'{key}' holds Markdown ({snippet!r}), which would "
                "show as typed: write plain text, and put a web address in the essay's 'url' field",
            )


def _field_name(key) -> str:
    return f"'{key}'" if isinstance(key, str) else "this list"


def source_unchanged(data: LocDict, rel: str, found: str, problems: Collector) -> bool:
    """Whether the raw text ``rel`` is the one received, as the SHA-256 that `new essay`
    recorded in the metadata ``data`` says (``found`` is the text's SHA-256 now; a missing
    record is a warning that gives the line to add)."""
    recorded = data.get("source_sha256")
    if recorded is None:
        problems.warning(
            data.loc,
            f"no record of the raw text as received: add the line "
            f"'source_sha256: {found}' (the SHA-256 of {rel} as it is now)",
        )
    elif recorded != found:
        problems.error(
            loc_of(data, "source_sha256"),
            f"{rel} has changed since it was added "
            f"(its SHA-256 is now {found}; this metadata records {recorded}): never edit "
            "the raw text — restore it as received and declare changes as cleaning rules; "
            "if the source itself was received again, update 'source_sha256'",
        )
        return False
    return True
