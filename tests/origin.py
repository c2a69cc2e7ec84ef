"""A local web server that stands in for publishers and the Wayback Machine in the tests
of ``make sources``: the tests never touch the internet. Each path answers as its route
says; every request is recorded."""

from __future__ import annotations

import html
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from build_tools.model import Corpus
from build_tools.sources.fetch import Polite

# Every wait shortened: no pause between requests, short timeouts, one quick retry.
FAST = Polite(interval=0.0, timeout=0.5, retries=1, backoff=0.01)


def keep_offline(monkeypatch) -> None:
    """Let the code under test resolve no name but the local server's: any other host (an
    essay's real address left in by mistake, a ``.invalid`` domain) does not resolve."""
    resolve = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (the tests stay offline)")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0  # (seconds before answering)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float  # (time.monotonic())


Route = Reply | Callable[["Origin"], Reply]


class _Handler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        origin: Origin = self.server.origin  # type: ignore[attr-defined]
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        origin.requests.append(Request(self.command, self.path, dict(self.headers), body, time.monotonic()))
        route = origin.routes.get(urlsplit(self.path).path, Reply(404, b"not here"))
        reply = route(origin) if callable(route) else route
        time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except OSError:  # (the client gave up waiting)
            pass

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


class Origin:
    """The server, on a port of its own (any free one: tests run side by side)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._server.origin = self  # type: ignore[attr-defined]
        threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def hits(self, path: str) -> int:
        return sum(urlsplit(r.path).path == path for r in self.requests)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def page(paragraphs: list[str], head: str = '<meta charset="utf-8">', encoding: str = "utf-8") -> bytes:
    """A publisher's page holding ``paragraphs``, among the site's menus and footer."""
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{head}<title>An essay</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/opinion">Opinion</a> <a href="/about">About us</a></nav>'
        f"<main><article><h1>An essay</h1>{body}</article></main>"
        "<aside>Most read: Ten things about trade</aside><footer>© The Outlet. All rights reserved.</footer>"
        "</body></html>"
    ).encode(encoding)


def html_reply(paragraphs: list[str]) -> Reply:
    return Reply(200, page(paragraphs))


EARLY = "historian-central-america-1977-1980"
LATE = "historian-central-america-1981-1993"


def texts(corpus: Corpus, slug: str) -> list[str]:
    """The paragraphs of an essay's cleaned text: its original page, as it was."""
    return [p.text for p in corpus.essay(slug).paragraphs]


def point(project: Path, slug: str, field: str, url: str) -> None:
    """Give essay ``slug`` this ``url`` (or ``archive_url``), on the line it is written."""
    meta = project / "seeds" / "essays" / f"{slug}.yml"
    text, n = re.subn(rf"(?m)^{field}: .*$", f"{field}: {url}", meta.read_text(encoding="utf-8"))
    assert n == 1
    meta.write_text(text, encoding="utf-8")


def serve_originals(project: Path, origin: Origin, corpus: Corpus) -> None:
    """The fixture corpus's three originals on the local server, and its essays pointed at
    them: Broad's as it was, the first Office of the Historian page gone (404) with an
    archived copy, and the second as it was."""
    origin.routes["/broad"] = html_reply(texts(corpus, "broad-2014"))
    origin.routes["/early"] = Reply(404, b"Not Found")
    origin.routes["/web/20260302000000/early"] = html_reply(texts(corpus, EARLY))
    origin.routes["/late"] = html_reply(texts(corpus, LATE))
    point(project, "broad-2014", "url", origin.url("/broad"))
    point(project, EARLY, "url", origin.url("/early"))
    point(project, EARLY, "archive_url", origin.url("/web/20260302000000/early"))
    point(project, LATE, "url", origin.url("/late"))
