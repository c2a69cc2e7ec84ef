"""Translations that may be out of date: notices, never errors (not even with --strict).

Each translation keeps beside it a fingerprint of the English it was made from, written
when a translator confirms it (``python -m build_tools translations --confirm FILE``):

- in a seeds file, an ``es_of:`` mapping beside each ``es:`` block, a short hash of the
  English of each field the block translates (``es_of: {summary: 1a2b3c4d}``);
- in a hand-written page of an edition (``docs/es/about.md``), a front-matter field
  ``translated_from:`` holding a short hash of each passage of the English page
  (``docs/about.md``), the passages being the page's blocks between blank lines.

When the English changes, its fingerprint no longer matches, and ``make check`` says which
translation may be behind, where, and which English changed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any

from ...languages import TRANSLATED
from ...problems import Collector, Problem, SourceLoc, line_list
from ..yamlfile import LocDict, LocList, loc_of

CONFIRM = "python -m build_tools translations --confirm"
PAGE_FIELD = "translated_from"  # (the front-matter field of a page's fingerprints)


def fingerprint(text: str, size: int = 8) -> str:
    """A short hash of ``text``, blind to how it is wrapped and spaced."""
    return hashlib.sha256(" ".join(str(text).split()).encode("utf-8")).hexdigest()[:size]


def english_of(container: LocDict, name: str) -> tuple[str, SourceLoc]:
    """The English that the field ``name`` of an ``es:`` block in ``container`` translates,
    and where it is: the field of the same name, or the quote for a quote's translation, or
    the speaker's name and role for a quote's ``speaker`` and ``role``."""
    speaker = container.get("speaker")
    if name == "translation":
        return container.get("quote") or "", loc_of(container, "quote")
    if name in ("speaker", "role") and isinstance(speaker, LocDict):
        key = "name" if name == "speaker" else "role"
        return speaker.get(key) or "", loc_of(speaker, key)
    value = container.get(name)
    return (value if isinstance(value, str) else ""), loc_of(container, name)


def blocks(data: Any) -> Iterator[tuple[LocDict, str]]:
    """Each mapping of a parsed seeds file that holds a translation block, and its language."""
    if isinstance(data, LocDict):
        for language in TRANSLATED:
            if isinstance(data.get(language), LocDict):
                yield data, language
    items = data.values() if isinstance(data, LocDict) else data if isinstance(data, LocList) else ()
    for value in items:
        if isinstance(value, (LocDict, LocList)):
            yield from blocks(value)


def fingerprints(container: LocDict, language: str) -> dict[str, str]:
    """The fingerprint of the English of each field that ``container``'s block translates."""
    return {name: fingerprint(english_of(container, name)[0]) for name in container[language]}


def seeds_notices(data: Any) -> list[Problem]:
    """The notices of a parsed seeds file: each translation whose English changed since it
    was confirmed, and (in one line) those never confirmed."""
    notices, unconfirmed = Collector(), []
    for container, language in blocks(data):
        kept = container.get(f"{language}_of")
        kept = kept if isinstance(kept, LocDict) else {}
        for name, now in fingerprints(container, language).items():
            where = loc_of(container[language], name)
            if name not in kept:
                unconfirmed.append(where)
            elif kept[name] != now:
                english = english_of(container, name)[1]
                notices.notice(
                    where,
                    f"the translation of '{name}' may be out of date: its English (line {english.line}) "
                    f"changed after the translation was confirmed; bring it up to date, then confirm it: "
                    f"{CONFIRM} {where.path}",
                )
    if unconfirmed:
        notices.notice(
            unconfirmed[0],
            f"{len(unconfirmed)} translation{'s have' if len(unconfirmed) > 1 else ' has'} no record of the "
            f"English {'they were' if len(unconfirmed) > 1 else 'it was'} made from "
            f"({line_list([loc.line for loc in unconfirmed])}): once right, confirm: "
            f"{CONFIRM} {unconfirmed[0].path}",
        )
    return notices.problems


_BLANK = re.compile(r"^\s*$")


def passages(text: str) -> list[tuple[int, str]]:
    """The passages of a page (its blocks between blank lines), each as (its first line, its
    fingerprint); the line of the page's own fingerprints is not part of any."""
    found: list[tuple[int, str]] = []
    start, lines = 0, list[str]()
    for number, line in enumerate([*text.split("\n"), ""], 1):
        if _BLANK.match(line):
            if lines:
                found.append((start, fingerprint("\n".join(lines), 6)))
            lines = []
        elif not line.startswith(f"{PAGE_FIELD}:"):
            start = start if lines else number
            lines.append(line)
    return found


def page_notice(path: str, front: Any, english_path: str, english: str, problems: Collector) -> None:
    """Record the notice for the translated page at ``path`` (its front matter ``front``), if
    the English page, ``english``, changed since the translation was confirmed."""
    kept = front.get(PAGE_FIELD) if isinstance(front, LocDict) else None
    confirm = f"{CONFIRM} {path}"
    if not isinstance(kept, str):
        problems.notice(
            SourceLoc(path, 1),
            f"no record of the English this page translates: once it says what {english_path} says, "
            f"confirm it: {confirm}",
        )
        return
    known = set(kept.split())
    changed = [line for line, mark in passages(english) if mark not in known]
    gone = len(known - {mark for _, mark in passages(english)}) - len(changed)  # (a changed passage is new)
    if not changed and gone <= 0:
        return
    lines = ", ".join(map(str, changed))
    said = [f"the passage{f's at lines {lines} are' if len(changed) > 1 else f' at line {lines} is'} new or changed"]
    said = (said if changed else []) + (
        [f"{gone} passage{'s were' if gone > 1 else ' was'} removed"] if gone > 0 else []
    )
    problems.notice(
        loc_of(front, PAGE_FIELD),
        f"this translation may be out of date: {english_path} changed after it was confirmed "
        f"({' and '.join(said)}); bring it up to date, then confirm it: {confirm}",
    )
