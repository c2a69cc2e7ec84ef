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

Standard library only: whatever shows this to readers may import it.
"""

from __future__ import annotations

import json
import os
import tempfile
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
class Copy:
    """One address of an essay as fetched: its original or its archived copy."""

    url: str
    state: State
    status: int | None = None
    final_url: str | None = None
    moved_to: str | None = None
    detail: str = ""
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
