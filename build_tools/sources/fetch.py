"""A polite HTTP client for checking originals: at most one request per host per second
(or the host's robots.txt ``Crawl-delay``), a User-Agent that names the site, robots.txt
respected, timeouts, and retries with growing waits after a server error or a timeout.

Redirects are followed one hop at a time, each hop a request like any other (throttled,
and allowed by its host's robots.txt), so that a permanent move (301, 308) can be told
from a temporary one. Standard library only (urllib).
"""

from __future__ import annotations

import http.client
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import Message
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from ..source_status import Fetch, State


@dataclass(frozen=True)
class Polite:
    """How the checker behaves towards a host (tests shorten every wait)."""

    interval: float = 1.0  # seconds between two requests to one host, at least
    timeout: float = 20.0  # seconds to wait for a host to answer, each try
    retries: int = 3  # tries after the first, after a server error or a timeout
    backoff: float = 2.0  # seconds before the first retry, doubled before each next one
    max_bytes: int = 10_000_000  # a page larger than this is not read
    max_redirects: int = 10


POLITE = Polite()
_PERMANENT = {301, 308}
_REDIRECTS = {301, 302, 303, 307, 308}
_AGAIN = {429, 500, 502, 503, 504}  # (worth another try, later)


class Failure(Exception):
    """No page could be had: what came of trying (a :data:`State`), in words."""

    def __init__(self, state: State, detail: str, status: int | None = None):
        super().__init__(detail)
        self.state: State = state
        self.detail = detail
        self.status = status


class Answer(NamedTuple):
    status: int
    headers: Message
    body: bytes
    too_large: bool = False


@dataclass(frozen=True)
class Page(Fetch):
    """What fetching ``url`` came to, with the page's text decoded (``text``; ``kind`` is
    "html" or "text")."""

    text: str = ""
    kind: str = "html"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand a redirect back to the caller (as an HTTPError) instead of following it."""

    def redirect_request(self, *_):  # (urllib's handlers call it by name)
        return None


class Fetcher:
    """Fetches pages for one run; remembers when it last asked each host, and each host's
    robots.txt. ``sleep`` and ``clock`` are the waiting (tests replace them)."""

    def __init__(
        self,
        user_agent: str,
        polite: Polite | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.user_agent = user_agent
        self.polite = polite or POLITE
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}
        self._delay: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._opener = urllib.request.build_opener(_NoRedirect)

    def _wait_for(self, host: str) -> None:
        due = self._last.get(host, float("-inf")) + max(self.polite.interval, self._delay.get(host, 0.0))
        if (now := self._clock()) < due:
            self._sleep(due - now)
        self._last[host] = self._clock()

    def _once(self, url: str, data: bytes | None, headers: Mapping[str, str]) -> Answer:
        request = urllib.request.Request(url, data, {"User-Agent": self.user_agent, **headers})
        self._wait_for(urlsplit(url).netloc.lower())
        try:
            with self._opener.open(request, timeout=self.polite.timeout) as response:
                body = response.read(self.polite.max_bytes + 1)
                too_large = len(body) > self.polite.max_bytes
                if not too_large and response.length:  # (fewer bytes came than it announced)
                    raise ConnectionError("the answer was cut short")
                return Answer(response.status, response.headers, body[: self.polite.max_bytes], too_large)
        except urllib.error.HTTPError as exc:
            return Answer(exc.code, exc.headers, _reason(exc))
        except http.client.HTTPException as exc:  # (a connection cut, an answer cut short)
            raise ConnectionError(type(exc).__name__) from exc
        except ValueError as exc:  # (urllib's word for an address it cannot fetch)
            raise Failure("unreachable", f"{url} is not an address that can be fetched") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, socket.gaierror):
                raise Failure("no-such-host", f"the domain {urlsplit(url).hostname} does not resolve") from exc
            if isinstance(exc.reason, TimeoutError):
                raise TimeoutError from exc
            raise ConnectionError(str(exc.reason)) from exc

    def call(self, url: str, data: bytes | None = None, headers: Mapping[str, str] | None = None) -> Answer:
        """One request, tried again after a server error or a timeout (after waiting longer
        each time, or as long as ``Retry-After`` says, up to a minute)."""
        wait = self.polite.backoff
        for attempt in range(self.polite.retries + 1):
            last = attempt == self.polite.retries
            try:
                answer = self._once(url, data, headers or {})
            except (TimeoutError, ConnectionError) as exc:
                if last:
                    what = "timed out" if isinstance(exc, TimeoutError) else f"could not connect ({exc})"
                    raise Failure("unreachable", f"{what}, {attempt + 1} times") from exc
            else:
                if answer.status not in _AGAIN or last:
                    return answer
                after = answer.headers.get("Retry-After", "")
                wait = max(wait, min(float(after), 60.0)) if after.isdigit() else wait
            self._sleep(wait)
            wait *= 2
        raise AssertionError("unreachable: the last try returns or raises")

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets this checker fetch ``url`` (yes when it has
        none, or gives an error: a page that cannot be had says so itself)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            answer = self.call(site + "/robots.txt")
            rules = None
            if answer.status == 200 and not answer.too_large:
                rules = RobotFileParser()
                rules.parse(answer.body.decode("utf-8", "replace").splitlines())
                delay = rules.crawl_delay(self.user_agent)
                self._delay[parts.netloc.lower()] = min(float(delay or 0), 30.0)
            self._robots[site] = rules
        rules = self._robots[site]
        return rules is None or rules.can_fetch(self.user_agent, url)

    def get(self, url: str) -> Page:
        """The page at ``url``, following redirects; what went wrong, if anything, in its state."""
        address, moved_to, permanent = url, None, True
        try:
            for _ in range(self.polite.max_redirects + 1):
                if urlsplit(address).scheme not in ("http", "https"):
                    raise Failure("unreachable", f"{address} is not an address that can be fetched")
                if not self.allowed(address):
                    return Page(
                        url, "disallowed", None, address, moved_to, "its robots.txt asks robots not to fetch it"
                    )
                answer = self.call(address)
                location = answer.headers.get("Location") if answer.status in _REDIRECTS else None
                if not location:
                    return _page(url, address, moved_to, answer)
                address = urljoin(address, location)
                permanent = permanent and answer.status in _PERMANENT
                moved_to = address if permanent else moved_to
        except Failure as failure:
            return Page(url, failure.state, failure.status, address, moved_to, failure.detail)
        return Page(url, "unreachable", None, address, moved_to, "it redirects again and again")


def _reason(error: urllib.error.HTTPError) -> bytes:
    """The body of an error answer, which says why to an API's client: its first 64 KB."""
    with error:
        try:
            return error.read(65536)
        except (OSError, http.client.HTTPException):
            return b""


def _page(url: str, address: str, moved_to: str | None, answer: Answer) -> Page:
    """What an answer (not a redirect) at ``address`` amounts to."""
    if answer.status in (404, 410):
        return Page(url, "gone", answer.status, address, moved_to, f"HTTP {answer.status}")
    if answer.status != 200:
        return Page(url, "unreachable", answer.status, address, moved_to, f"HTTP {answer.status}")
    if answer.too_large:
        return Page(url, "too-large", 200, address, moved_to, "the page is too large to read")
    kind = answer.headers.get_content_type()
    if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
        return Page(url, "unreadable", 200, address, moved_to, f"not a web page ({kind}): its text is not read")
    text = decode(answer.body, answer.headers.get_content_charset())
    return Page(url, "ok", 200, address, moved_to, "", text, "text" if kind == "text/plain" else "html")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.IGNORECASE)
# What browsers read for the labels that name a subset of it (the WHATWG Encoding Standard).
_AS_BROWSERS_READ = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}


def decode(body: bytes, declared: str | None) -> str:
    """A page's bytes as text: in the encoding its header declares, else its ``<meta>``
    element, else UTF-8 if it is that, else Windows-1252 (as browsers do)."""
    meta = _META_CHARSET.search(body[:4096])
    for label in (declared, meta and meta.group(1).decode("ascii")):
        if label:
            try:
                return body.decode(_AS_BROWSERS_READ.get(label.lower(), label), "replace")
            except LookupError:
                continue
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body.decode("cp1252", "replace")
