"""A built site served on localhost and opened in Debian's Chromium, driven by Playwright.

The site is served under ``/root-causes/``, as GitHub Pages serves a project site,
so that a link that forgets the base path breaks here too. Every request the
browser makes is recorded; :func:`open_page` fails the test on a dialog.
"""

from __future__ import annotations

import http.server
import os
import shutil
import tempfile
import threading
from collections import deque
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from tests.conftest import need

BASE_PATH = "/root-causes/"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NODE_MODULES = Path(__file__).parent / "node" / "node_modules"


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    need(Path(path).exists(), "Chromium (apt-get install chromium; or set CHROMIUM to its path)")
    return path


@contextmanager
def serve(site: Path, served: list[str] | None = None):
    """``site`` served at http://127.0.0.1:<port>/root-causes/ for as long as the block runs;
    the path of every file served is appended to ``served``, if given."""
    with tempfile.TemporaryDirectory() as root:
        (Path(root) / BASE_PATH.strip("/")).symlink_to(site.resolve())

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=root, **kwargs)

            def log_message(self, *args):
                pass

            def log_request(self, code="-", size="-"):
                if served is not None and str(code) == "200":
                    served.append(self.path.split("?")[0].removeprefix(BASE_PATH))

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_port}{BASE_PATH}"
        finally:
            server.shutdown()
            server.server_close()


@contextmanager
def chromium():
    """A headless Chromium (Playwright's own browser download cannot work here)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "Playwright for Python (in the test dependencies: make test installs it)")
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a path from the site's root ("" for home)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


# How many pages :meth:`Tab.open_each` keeps loading at once: a page's load waits mostly on
# the local server and on the browser's timers, which overlap.
AT_ONCE = 4


class Tab:
    """A browser context, with a page open in it, that records every request, every request
    that failed (no answer, or an answer of 400 or more: ``failed``, with the page that made
    it) and every dialog its pages see."""

    def __init__(self, browser, base: str, **context) -> None:
        self.context = browser.new_context(**context)
        self.base, self.requests, self.dialogs, self.failed = base, [], [], []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.on("requestfailed", lambda request: self._failed(request, request.failure))
        self.context.on(
            "response", lambda response: response.status < 400 or self._failed(response.request, response.status)
        )
        self.context.on("dialog", self._dialog)
        self.page = self.context.new_page()

    def _failed(self, request, why) -> None:
        page = request.frame.page.url if request.frame else ""
        self.failed.append(f"{request.url} ({why}), asked by {page}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, path: str):
        self.page.goto(self.base + path, wait_until="load")
        return self.page

    def open_each(self, paths: list[str], at_once: int = AT_ONCE):
        """Each of ``paths`` opened as :meth:`open` opens it, with ``at_once`` of them
        loading together: yields (path, page) as each has loaded, in the order of ``paths``.
        Once the loop has moved on, its page goes on to the next path (a page taken to
        another address of the same site costs the browser about half the work of a new
        one, whose renderer starts afresh); the pages are closed at the end."""
        waiting, loading, free, made = deque(paths), deque(), [], []

        def start() -> None:
            if not free:
                free.append(self.context.new_page())
                made.append(free[-1])
            page = free.pop()
            page.goto(self.base + waiting[0], wait_until="commit")
            loading.append((waiting.popleft(), page))

        try:
            while waiting or loading:
                while waiting and len(loading) < at_once:
                    start()
                path, page = loading.popleft()
                page.wait_for_load_state("load")
                yield path, page
                free.append(page)
        finally:
            for page in made:
                page.close()

    def close(self) -> None:
        self.context.close()


# The search box and its results: Material's, and Zensical's (a dialog opened by a button).
SEARCH_BOX = ".md-search__input, dialog input[role=combobox]"
RESULTS = ".md-search-result__item > a, dialog a[role=option]"


def open_search(page) -> None:
    """Click the search box (Zensical's is a button that opens it)."""
    if page.locator(".md-search__input").count():
        page.locator(".md-search__input").click()
    else:
        page.locator(".md-search__button").first.click()
        page.wait_for_selector("dialog input[role=combobox]")


def search(page, phrase: str, every_key: bool = False) -> list[str]:
    """Type ``phrase`` into the search box (already focused) and return the result addresses.

    Unless ``every_key``, all but its last letter are filled in at once, as a paste does, and
    the last one typed: the box searches again at each key, and a search for each of a long
    phrase's beginnings cost Zensical's box most of a second of CPU per phrase. A box that
    holds an earlier search is emptied first, and its results let go: searching again on the
    same page spares a load (Zensical's box indexes the whole site on each)."""
    if not every_key:
        box = page.locator(SEARCH_BOX)
        if box.input_value():
            box.fill("")
            page.locator(RESULTS).first.wait_for(state="detached")
        box.fill(phrase[:-1])
    page.keyboard.type(phrase if every_key else phrase[-1])
    assert page.locator(SEARCH_BOX).input_value() == phrase
    page.locator(RESULTS).first.wait_for()  # (Playwright's selectors see into Zensical's shadow root)
    page.wait_for_timeout(500)  # (results are replaced as the query grows: let the last one settle)
    return [urlparse(a).path for a in page.eval_on_selector_all(RESULTS, "links => links.map(a => a.href)")]
