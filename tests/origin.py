"""A local web server that stands in for publishers and the Wayback Machine in the tests
of ``make sources``: the tests never touch the internet. Each path answers as its route
says; every request is recorded."""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from build_tools.sources.fetch import Polite

# Every wait shortened: no pause between requests, short timeouts, one quick retry.
FAST = Polite(interval=0.0, timeout=0.5, retries=1, backoff=0.01)


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
