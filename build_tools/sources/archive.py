"""The Wayback Machine's Save Page Now (version 2), for an original with no archived copy.

The part of the protocol used: ``POST {base}/save`` with the form field ``url`` (and the
header ``Accept: application/json``) answers ``{"job_id": …}``; ``GET
{base}/save/status/{job_id}`` answers ``{"status": "pending"}`` until it is
``{"status": "success", "timestamp": "20261207…", "original_url": …}`` or
``{"status": "error", "message": …}``. With the keys of an archive.org account in
``IA_ACCESS_KEY`` and ``IA_SECRET_KEY``, each request carries ``Authorization: LOW
access:secret``; without them the requests are anonymous, which the archive limits to
fewer captures a minute, so this waits longer between them. ``WAYBACK_URL`` replaces
``https://web.archive.org`` (the tests' local server).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from .fetch import Answer, Failure, Fetcher

WAYBACK = "https://web.archive.org"


class NotSaved(Exception):
    """The archive did not save the page: why, in one sentence."""


@dataclass(frozen=True)
class Archiver:
    """How to ask: where (``base``), with which authorisation (None: anonymous), how long to
    wait between two looks at a job (``poll``), for how long in all (``patience``), and
    between two saves (``gap``)."""

    base: str = WAYBACK
    authorization: str | None = None
    poll: float = 5.0
    patience: float = 600.0
    gap: float = 0.0

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Archiver:
        access, secret = environ.get("IA_ACCESS_KEY"), environ.get("IA_SECRET_KEY")
        base = (environ.get("WAYBACK_URL") or WAYBACK).rstrip("/")
        if access and secret:
            return cls(base, f"LOW {access}:{secret}")
        return cls(base, None, gap=20.0)  # (anonymous: a few captures a minute at most)

    @property
    def headers(self) -> dict[str, str]:
        return {"Accept": "application/json", **({"Authorization": self.authorization} if self.authorization else {})}


def _json(answer: Answer) -> dict:
    try:
        data = json.loads(answer.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict):
        raise NotSaved(f"the archive answered HTTP {answer.status}, not with the data expected")
    return data


def save(
    fetcher: Fetcher,
    url: str,
    archiver: Archiver,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> str:
    """Ask the archive to save ``url`` and wait for the snapshot: its address."""
    try:
        started = fetcher.call(f"{archiver.base}/save", urlencode({"url": url}).encode(), archiver.headers)
        job = _json(started).get("job_id")
        if not job:
            raise NotSaved(_json(started).get("message") or f"the archive answered HTTP {started.status}")
        deadline = clock() + archiver.patience
        while clock() < deadline:
            sleep(archiver.poll)
            state = _json(fetcher.call(f"{archiver.base}/save/status/{quote(str(job))}", None, archiver.headers))
            if state.get("status") == "success":
                return f"{archiver.base}/web/{state['timestamp']}/{state.get('original_url') or url}"
            if state.get("status") == "error":
                raise NotSaved(state.get("message") or state.get("status_ext") or "the archive gave no reason")
    except Failure as failure:
        raise NotSaved(f"the archive could not be reached ({failure.detail})") from failure
    raise NotSaved(f"no snapshot after {archiver.patience:.0f} seconds: try again later")
