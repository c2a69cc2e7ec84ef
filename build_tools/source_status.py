"""The status file: what ``make sources`` found at each essay's original and archived
copy, and when. Generated, ignored by git, and written whole or not at all.

It is ``seeds/.sources-status.json``: beside the seeds it describes, so that the load
stage, which alone reads the seeds, can give it to the pages. Its JSON is deterministic
(keys sorted, essays by slug, quotes in the seeds' order), so two runs that find the
same things on the same day write the same bytes::

    {
      "format": 1,
      "checked": "2026-12-07",
      "essays": {
        "broad-2014": {
          "checked": "2026-12-07",
          "quotes": 2,
          "original": {
            "url": "https://…",  "final_url": "https://…",
            "status": 200,       "state": "ok",   "moved_to": null,  "detail": "",
            "found":   [{"at": "seeds/crossrefs/trade.yml:12", "quote": "…"}],
            "missing": [{"at": "seeds/crossrefs/climate.yml:40", "quote": "…"}]
          },
          "archive": null
        }
      },
      "without_url": ["bach-2000"]
    }

``state`` is one of :data:`STATES`: only at an ``ok`` copy were the quotes looked for
(elsewhere ``found`` and ``missing`` are empty, and ``detail`` says what happened).
``status`` is the last HTTP status (null when no answer came), at ``final_url``, where the
redirects ended. ``moved_to`` is where its permanent redirects (301, 308) led, the
address its ``url`` should now give (null when it did not move). ``archive`` is null for an
essay with no ``archive_url``. ``without_url`` lists the essays that have no original
address to check. A build with no status file must say nothing about checking.

Standard library only: the load stage reads it, and gives each essay's pages what the last
check found as a :class:`SourceCheck` (matched to the seeds' quotes by their words, since
their lines shift).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

FORMAT = 1
PATH = "seeds/.sources-status.json"  # (relative to the project's root)

# What came of fetching an address: "ok" (a page was read), "gone" (404 or 410),
# "no-such-host" (its domain does not resolve), "unreachable" (no answer, a timeout or a
# server error, after retries), "disallowed" (robots.txt asks robots not to fetch it),
# "too-large" (more than the size read), "unreadable" (a page with no text, or not a page).
State = Literal["ok", "gone", "no-such-host", "unreachable", "disallowed", "too-large", "unreadable"]
STATES: tuple[State, ...] = ("ok", "gone", "no-such-host", "unreachable", "disallowed", "too-large", "unreadable")


@dataclass(frozen=True)
class Passage:
    """A quote of the seeds: where it is written (``path:line``) and its words."""

    at: str
    quote: str


@dataclass(frozen=True)
class Fetch:
    """What asking for ``url`` came to: the last HTTP status, the address it ended at,
    where it moved for good (after permanent redirects), and what went wrong, in words."""

    url: str
    state: State
    status: int | None = None
    final_url: str | None = None
    moved_to: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class Copy(Fetch):
    """One address of an essay as fetched: its original or its archived copy, with the
    quotes found on it and those missing."""

    found: tuple[Passage, ...] = ()
    missing: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class EssayStatus:
    slug: str
    checked: str  # YYYY-MM-DD
    quotes: int
    original: Copy
    archive: Copy | None = None


@dataclass(frozen=True)
class Status:
    checked: str
    essays: tuple[EssayStatus, ...]
    without_url: tuple[str, ...] = ()


def _copy_data(copy: Copy) -> dict:
    return {
        "url": copy.url,
        "final_url": copy.final_url,
        "status": copy.status,
        "state": copy.state,
        "moved_to": copy.moved_to,
        "detail": copy.detail,
        "found": [{"at": p.at, "quote": p.quote} for p in copy.found],
        "missing": [{"at": p.at, "quote": p.quote} for p in copy.missing],
    }


def to_json(status: Status) -> str:
    """The status file's text."""
    data = {
        "format": FORMAT,
        "checked": status.checked,
        "essays": {
            e.slug: {
                "checked": e.checked,
                "quotes": e.quotes,
                "original": _copy_data(e.original),
                "archive": _copy_data(e.archive) if e.archive else None,
            }
            for e in status.essays
        },
        "without_url": sorted(status.without_url),
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _copy_of(data: dict) -> Copy:
    def passages(key: str) -> tuple[Passage, ...]:
        return tuple(Passage(p["at"], p["quote"]) for p in data[key])

    if data["state"] not in STATES:
        raise ValueError(f"unknown state {data['state']!r}")
    return Copy(
        data["url"],
        data["state"],
        data["status"],
        data["final_url"],
        data["moved_to"],
        data["detail"],
        passages("found"),
        passages("missing"),
    )


def from_json(text: str) -> Status | None:
    """The status the text gives, or None if it is not a status file of this format."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            return None
        essays = tuple(
            EssayStatus(
                slug,
                e["checked"],
                e["quotes"],
                _copy_of(e["original"]),
                _copy_of(e["archive"]) if e["archive"] else None,
            )
            for slug, e in sorted(data["essays"].items())
        )
        return Status(data["checked"], essays, tuple(data["without_url"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def read(root: Path) -> Status | None:
    """The last check's status, or None if there is none (or it cannot be read)."""
    try:
        return from_json((root / PATH).read_text(encoding="utf-8"))
    except OSError:
        return None


def write(root: Path, status: Status) -> Path:
    """Write the status file whole (beside it, then renamed over it): its path."""
    path = root / PATH
    fd, staged = tempfile.mkstemp(prefix=".sources-status-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(to_json(status))
        os.replace(staged, path)
    except BaseException:
        Path(staged).unlink(missing_ok=True)
        raise
    return path


@dataclass(frozen=True)
class SourceCheck:
    """What the last check found of one essay's quotes, as the seeds make them now: each
    quote matched by its words to what was looked for (a quote added since is ``unchecked``)."""

    slug: str
    checked: str  # YYYY-MM-DD
    url: str
    state: State  # (the original's)
    quotes: int  # (the essay's quotes in the seeds now)
    found: int  # (at the original)
    missing: int  # (looked for at the original and not found)
    unchecked: int  # (looked for at neither copy: added since, or no copy could be read)
    archive_url: str | None = None
    archive_state: State | None = None
    archive_lacks: int = 0  # (of the quotes not found at the original, those the archived copy lacks)


def _words(text: str) -> str:
    return " ".join(text.split())


def _check_of(essay: EssayStatus, quotes: list[str]) -> SourceCheck:
    original, archive = essay.original, essay.archive
    at_original = {_words(p.quote): True for p in original.found} | {_words(p.quote): False for p in original.missing}
    in_archive = {}
    if archive is not None:
        in_archive = {_words(p.quote): True for p in archive.found} | {_words(p.quote): False for p in archive.missing}
    words = [_words(q) for q in quotes]
    found = sum(1 for w in words if at_original.get(w) is True)
    missing = sum(1 for w in words if at_original.get(w) is False)
    unchecked = sum(1 for w in words if w not in at_original and w not in in_archive)
    lacks = sum(1 for w in words if at_original.get(w) is not True and in_archive.get(w) is False)
    return SourceCheck(
        essay.slug,
        essay.checked,
        original.url,
        original.state,
        len(words),
        found,
        missing,
        unchecked,
        archive.url if archive else None,
        archive.state if archive else None,
        lacks,
    )


def source_checks(status: Status | None, quotes: Mapping[str, Iterable[str]]) -> tuple[SourceCheck, ...]:
    """What the last check found for each essay it checked, its quotes (``quotes``, by slug,
    as the seeds make them now) matched by their words; nothing without a status file."""
    if status is None:
        return ()
    return tuple(_check_of(e, list(quotes.get(e.slug, ()))) for e in status.essays)
