"""make sources ARCHIVE=1: the Save Page Now client against a local server that speaks
the part of the Wayback Machine's protocol it uses (never the real archive)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest

from build_tools.sources.archive import Archiver, NotSaved, save
from build_tools.sources.command import run
from build_tools.sources.fetch import Fetcher
from tests.conftest import copy_project
from tests.origin import FAST, Origin, Reply, html_reply, serve_originals

JSON = {"Content-Type": "application/json"}


class Wayback:
    """Save Page Now on the local server: a job per POST to /save, pending for ``pending``
    looks at its status, then ``last``."""

    def __init__(self, origin: Origin, pending: int = 2, last: dict | None = None) -> None:
        self.origin, self.looks, self.pending = origin, 0, pending
        self.last = last or {"status": "success", "timestamp": "20261207053000"}
        self.saved: list[str] = []
        origin.routes["/save"] = self.start
        origin.routes["/save/status/spn2-0123abcd"] = self.status

    def start(self, origin: Origin) -> Reply:
        self.saved.append(parse_qs(origin.requests[-1].body.decode())["url"][0])
        return Reply(200, json.dumps({"url": self.saved[-1], "job_id": "spn2-0123abcd"}).encode(), JSON)

    def status(self, origin: Origin) -> Reply:
        self.looks += 1
        if self.looks <= self.pending:
            return Reply(200, b'{"status": "pending", "resources": []}', JSON)
        return Reply(200, json.dumps({**self.last, "original_url": self.saved[-1]}).encode(), JSON)


def archiver(origin: Origin, **keys: str) -> Archiver:
    return Archiver.from_environment({"WAYBACK_URL": origin.url(""), **keys})


def test_save_waits_for_the_snapshot_and_gives_its_address(origin):
    wayback = Wayback(origin)
    ready = archiver(origin, IA_ACCESS_KEY="access", IA_SECRET_KEY="secret")
    address = save(Fetcher("ua", FAST), "https://example.org/essay", ready, sleep=lambda _: None)
    assert address == origin.url("/web/20261207053000/https://example.org/essay")
    assert (wayback.saved, wayback.looks) == (["https://example.org/essay"], 3)
    post = origin.requests[0]
    assert (post.method, post.headers["Authorization"], post.headers["Accept"]) == (
        "POST",
        "LOW access:secret",
        "application/json",
    )
    assert {r.headers.get("Authorization") for r in origin.requests} == {"LOW access:secret"}


def test_without_keys_the_requests_are_anonymous_and_spaced_out(origin):
    Wayback(origin, pending=0)
    anonymous = archiver(origin)
    assert anonymous.authorization is None and anonymous.gap > 0
    save(Fetcher("ua", FAST), "https://example.org/essay", anonymous, sleep=lambda _: None)
    assert all("Authorization" not in r.headers for r in origin.requests)


def test_a_failed_capture_says_why(origin):
    Wayback(origin, pending=1, last={"status": "error", "status_ext": "error:not-found", "message": "Not found."})
    with pytest.raises(NotSaved, match="^Not found.$"):
        save(Fetcher("ua", FAST), "https://example.org/essay", archiver(origin), sleep=lambda _: None)


def test_an_archive_that_refuses_or_never_finishes(origin):
    origin.routes["/save"] = Reply(429, b'{"message": "You have already reached the limit."}', JSON)
    with pytest.raises(NotSaved, match="^You have already reached the limit.$"):
        save(Fetcher("ua", FAST), "https://example.org/essay", archiver(origin), sleep=lambda _: None)
    Wayback(origin, pending=10**6)
    clock = iter(range(0, 10**6, 100))
    patient = Archiver(origin.url(""), None, poll=1.0, patience=300.0)
    with pytest.raises(NotSaved, match="^no snapshot after 300 seconds: try again later$"):
        save(Fetcher("ua", FAST), "https://example.org/essay", patient, sleep=lambda _: None, clock=lambda: next(clock))


def test_archiving_prints_the_line_to_add(tmp_path, origin, checked, capsys, monkeypatch):
    """Broad's original, with no archive_url, is saved; the Office of the Historian's first
    page has a copy already; its second no longer shows every quote, so it is not saved."""
    monkeypatch.setattr("build_tools.sources.fetch.POLITE", FAST)
    project = copy_project(tmp_path / "project")
    serve_originals(project, origin, checked.corpus)
    origin.routes["/late"] = html_reply(["Nothing of the essay is left here."])
    wayback = Wayback(origin)
    quick = Archiver(origin.url(""), "LOW access:secret", poll=0.0)
    code = run(project, archive=True, archiver=quick)
    out, err = capsys.readouterr()
    assert wayback.saved == [origin.url("/broad")]
    assert out.splitlines()[:2] == [
        "seeds/essays/broad-2014.yml: saved; add this line to it:",
        f"archive_url: {origin.url('/web/20261207053000/' + origin.url('/broad'))}",
    ]
    assert (
        "seeds/essays/historian-central-america-1981-1993.yml: not saved: the original no longer shows every "
        f"quote; look for an older copy at https://web.archive.org/web/*/{origin.url('/late')}"
    ) in err.splitlines()
    assert code == 1  # (for the quotes the second page lost, and the first page gone from the internet)
