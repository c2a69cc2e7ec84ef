"""Shared fixtures: a throw-away copy of the project to build and break."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import posixpath
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from unittest.mock import patch
from urllib.parse import unquote, urlparse

import pytest

from build_tools.__main__ import _mkdocs_env, main
from build_tools.folders import COPIED, GENERATED
from build_tools.pipeline import check
from tests.golden import ENVIRONMENT

ROOT = Path(__file__).resolve().parent.parent
# The fixture corpus: seeds and hand-written pages that the tests pinning literal output
# (golden pages, exact messages, counts, line numbers) are written against. The real
# corpus in seeds/ belongs to the editors: tests check it only for invariants that hold
# for any valid corpus, so that adding a correct essay never turns a test red.
FIXTURE = ROOT / "tests" / "fixture"


def need(ok: bool, what: str) -> None:
    """Skip the test when a tool it needs is missing, saying how to get it; in CI
    (``CI=true``), fail instead, so that a missing install step cannot pass unseen."""
    if not ok:
        if os.environ.get("CI") == "true":
            pytest.fail(f"missing in CI: {what}")
        pytest.skip(f"missing: {what}")


def whole_page(pages: dict[str, str], path: str) -> str:
    """A generated page whole: its Markdown and the HTML it sets aside from the engine."""
    return pages[path] + "".join(json.loads(pages[f"{posixpath.dirname(path)}/.spliced.json"]).values())


def copy_project(dest: Path, corpus: Path = FIXTURE) -> Path:
    """A project to build in ``dest``: the seeds and hand-written pages of ``corpus`` (the
    fixture corpus, or ``ROOT`` for the real one), with the site's assets, the MkDocs config
    and its theme overrides and hooks."""
    shutil.copytree(corpus / "seeds", dest / "seeds")
    generated = ("assets", *GENERATED, *COPIED)
    shutil.copytree(
        corpus / "docs",
        dest / "docs",
        ignore=lambda folder, names: [
            n for n in names if (Path(folder) / n).relative_to(corpus / "docs").as_posix() in generated
        ],
    )
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "build_tools" / "overrides", dest / "build_tools" / "overrides")
    (dest / "build_tools" / "site").mkdir()
    shutil.copy(ROOT / "build_tools" / "site" / "hooks.py", dest / "build_tools" / "site" / "hooks.py")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def checked(tmp_path_factory):
    """The fixture corpus, loaded, cleaned and anchored once for the whole session."""
    return check(copy_project(tmp_path_factory.mktemp("checked") / "project"))


def receive_again(source: Path, text: str) -> None:
    """Replace an essay's raw text, as when the source itself is received again: the text
    and the SHA-256 its metadata records for it."""
    source.write_text(text, encoding="utf-8")
    meta = source.with_suffix(".yml")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    meta.write_text(
        re.sub(r"(?m)^source_sha256: .*$", f"source_sha256: {digest}", meta.read_text(encoding="utf-8")),
        encoding="utf-8",
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (by relative path) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def start_serving(root: Path, stderr=subprocess.DEVNULL, *options: str) -> tuple[subprocess.Popen, str]:
    """``make serve`` on the project at ``root``, on a free port, with the command's
    ``options``: the process and its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    command += options
    server = subprocess.Popen(command, cwd=root, env=_mkdocs_env(), stdout=subprocess.DEVNULL, stderr=stderr, text=True)
    return server, f"http://127.0.0.1:{port}/"


class Output:
    """What a process writes to its standard error, read as it comes."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.text = ""
        threading.Thread(target=self._read, args=(process.stderr,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.text += line


def fetch(url: str) -> str:
    """The page at ``url``, or "" if it cannot be had (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode()
    except OSError:
        return ""


def add_essay_files(root: Path, slug: str, text: str, metadata: str) -> None:
    """An essay's raw text and metadata, saved in the project's seeds as an editor saves them."""
    essays = root / "seeds" / "essays"
    (essays / f"{slug}.txt").write_text(text, encoding="utf-8")
    (essays / f"{slug}.yml").write_text(metadata, encoding="utf-8")


UNTRANSLATED = "warning: not yet translated into "
NOTICE = ": notice: "  # (a translation whose English changed: test_translations checks those)


def run(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    """Run the command line on ``root``; return (exit code, stdout, stderr), without the lines
    of stderr that list what is not yet translated (test_languages checks those) and the notices."""
    code = main(["--root", str(root), *args])
    out = capsys.readouterr()
    return (
        code,
        out.out,
        "".join(line for line in out.err.splitlines(True) if UNTRANSLATED not in line and NOTICE not in line),
    )


class Page(HTMLParser):
    """The ids, links and paragraph texts of one built HTML page."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, set[str]]] = []
        self.paragraphs: dict[str, str] = {}
        self.elements: dict[str, tuple[str, dict]] = {}  # id: (tag, attributes)
        self._open: list[str | None] = []
        self._in_marker = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
            self.elements[a["id"]] = (tag, a)
        if tag == "a" and "href" in a:
            self.links.append((a["href"], set((a.get("class") or "").split())))
            self._in_marker = "note-ref" in (a.get("class") or "")
        if tag == "p":
            self._open.append(a.get("id"))
            if a.get("id"):
                self.paragraphs[a["id"]] = ""

    def handle_endtag(self, tag):
        if tag == "p" and self._open:
            self._open.pop()
        self._in_marker = self._in_marker and tag != "a"

    def handle_data(self, data):
        if self._open and self._open[-1] and not self._in_marker:  # (a note marker is not text)
            self.paragraphs[self._open[-1]] += data


def build_site(root: Path, engine: str = "mkdocs") -> tuple[Path, dict[str, Page]]:
    """``root`` built into a site as the Pages workflow builds it (with the site's address
    and the sources' date): (its folder, its pages). Its search index is written in parts,
    as a site of hundreds of essays is (see build_tools/site/hooks.py), so that the tests
    search across parts."""
    build_only(root, engine)
    return root / "site", pages_of(root / "site")


def build_only(root: Path, engine: str = "mkdocs") -> None:
    """``root`` built into a site as :func:`build_site` builds it, its pages left unread."""
    with patch.dict(os.environ, SITE_ENVIRONMENT):
        code = run_site(root, engine)
    assert code == 0, "the site did not build"


# The environment of :func:`build_site`'s build.
SITE_ENVIRONMENT = {**ENVIRONMENT, "SEARCH_PART_BYTES": "300000"}


def build_in_a_process(root: Path, engine: str = "mkdocs", hash_seed: str = "1") -> None:
    """``root`` built into a site as :func:`build_site` builds it, by ``python -m build_tools
    site`` in a process of its own, with ``PYTHONHASHSEED`` set to ``hash_seed``."""
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "site", "--engine", engine]
    env = {**_mkdocs_env(), **SITE_ENVIRONMENT, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"the site did not build:\n{done.stderr}"


def once_per_run(tmp_path_factory, name: str, make: Callable[[Path], object], wait: bool = True) -> Path | None:
    """The folder ``name``, made by ``make(folder)`` once for the whole test run: with
    pytest-xdist, the first worker to ask makes it (under a file lock) and the others wait
    for it and share it, read only. A folder left half made by a failed ``make`` is made
    again by the next to ask. Without ``wait``, None if another is making it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # (each worker's basetemp is a folder of the run's)
        shared = shared.parent
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "a") as lock:  # (closing it lets go of the lock)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return None
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder


# The sites that tests only read, each built once per test run by ``python -m build_tools
# site`` in a process of its own (PYTHONHASHSEED=1), as :func:`build_site` builds it: by
# the name of its folder, its corpus and its engine.
SHARED_SITES = {
    "fixture-site": (FIXTURE, "mkdocs"),
    "real-site": (ROOT, "mkdocs"),
    "zensical-site": (FIXTURE, "zensical"),
}
# The fixtures that ask for them (any_site and any_served ask for each, by its parameter).
SITES_OF = {
    "site_project": ["fixture-site"],
    "real_site": ["real-site"],
    "zensical_site": ["zensical-site"],
    "any_site": list(SHARED_SITES),
    "any_served": list(SHARED_SITES),
}


def built_site(tmp_path_factory, name: str, wait: bool = True) -> Path | None:
    """The project of the shared site ``name``, built: the project's folder (None if
    another is building it and not ``wait``)."""
    corpus, engine = SHARED_SITES[name]
    return once_per_run(
        tmp_path_factory, name, lambda folder: build_in_a_process(copy_project(folder, corpus), engine), wait
    )


@pytest.fixture(scope="session", autouse=True)
def prebuild(request, tmp_path_factory) -> None:
    """Start building, in the background, the shared sites this session's tests ask for, so
    that the workers of pytest-xdist do not wait idle while one of them builds a site: each
    worker starts with another site, leaving any that another is building, then waits for
    those. A failed build is left for the fixture that asks for its site to say."""
    asked = {f for item in request.session.items for f in item.fixturenames}
    wanted = [name for name in SHARED_SITES if any(name in SITES_OF.get(f, ()) for f in asked)]
    if not wanted:
        return
    first = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0) % len(wanted)
    order = wanted[first:] + wanted[:first]

    def build() -> None:
        try:
            for name in [name for name in order if built_site(tmp_path_factory, name, wait=False) is None]:
                built_site(tmp_path_factory, name)
        except Exception:
            pass

    tmp_path_factory.getbasetemp()  # (made here: the thread and the first test asking at once both made it)
    threading.Thread(target=build, daemon=True).start()


def pages_of(folder: Path) -> dict[str, Page]:
    """Every HTML page of the built site in ``folder``, by its path there."""
    return {p.relative_to(folder).as_posix(): Page(p.read_text(encoding="utf-8")) for p in folder.rglob("*.html")}


@pytest.fixture(scope="session")
def site_project(tmp_path_factory) -> Path:
    """The project of the ``site`` fixture: the fixture corpus with its pages generated and
    its site built, once per test run (shared: copy it to change it, as ``built_project``)."""
    return built_site(tmp_path_factory, "fixture-site")


@pytest.fixture
def built_project(site_project, tmp_path) -> Path:
    """A copy of the fixture corpus's project with its pages generated and its site built,
    to build again and break (a copy of ``project`` after ``make site``)."""
    return shutil.copytree(site_project, tmp_path / "project")


@pytest.fixture(scope="session")
def site(site_project):
    """The fixture corpus built into a site once per test run: (its folder, its pages)."""
    return site_project / "site", pages_of(site_project / "site")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real corpus (seeds/ and docs/) built into a site once per test run, and checked:
    (its folder, its pages, its Checked). Only for invariants that hold for any valid corpus."""
    root = built_site(tmp_path_factory, "real-site")
    return root / "site", pages_of(root / "site"), check(root)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory):
    """The fixture corpus built by the second engine, Zensical (see build_tools/site/engines.py)."""
    folder = built_site(tmp_path_factory, "zensical-site") / "site"
    return folder, pages_of(folder)


@pytest.fixture(scope="session", params=["fixture", "seeds", "zensical"])
def any_site(request):
    """Each corpus built into a site, and the fixture built by Zensical too, for
    invariants: (folder, pages, Checked)."""
    if request.param == "seeds":
        return request.getfixturevalue("real_site")
    site = request.getfixturevalue("zensical_site" if request.param == "zensical" else "site")
    return (*site, request.getfixturevalue("checked"))


def run_site(root: Path, engine: str = "mkdocs") -> int:
    return main(["--root", str(root), "site", "--engine", engine])


def text(s: str) -> str:
    return " ".join(s.replace("¶", "").split())


def resolve(page_path: str, href: str) -> tuple[str, str]:
    """The site file a relative link on ``page_path`` points to, and its fragment."""
    url = urlparse(href)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), unquote(url.path)))
    if href.split("#")[0].endswith("/") or not url.path or posixpath.basename(url.path) in (".", ".."):
        target = posixpath.join(target, "index.html")
    return target.removeprefix("./"), url.fragment


def broken_links(folder: Path, pages: dict[str, Page]) -> list[str]:
    """Every internal link of the built site whose file or anchor does not exist."""
    broken = []
    for path, page in pages.items():
        if posixpath.basename(path) == "404.html":  # served for any missing address, so its links are absolute
            continue
        for href, _ in page.links:
            if urlparse(href).scheme or href.startswith("//"):
                continue
            target, fragment = resolve(path, href)
            fragment = fragment.split(":~:")[0]  # a text directive is not part of the anchor
            if not (folder / target).is_file():
                broken.append(f"{path}: broken link {href}")
            elif fragment and target in pages and fragment not in pages[target].ids:
                broken.append(f"{path}: broken anchor {href}")
    return broken


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, for the whole session (see tests/browser.py)."""
    from tests.browser import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def axe():
    """The address of axe-core's script, served on localhost for the whole session: a page
    given it by address (``page.add_script_tag(url=axe)``) compiles it once from the
    browser's cache, not again on every page as when it is given the script's text."""
    from tests.browser import NODE_MODULES, serve

    script = NODE_MODULES / "axe-core" / "axe.min.js"
    need(script.exists(), "axe-core: run `npm ci --ignore-scripts --prefix tests/node` (make test does)")
    with serve(script.parent) as base:
        yield base + script.name


@pytest.fixture(scope="session")
def served(site):
    """The fixture corpus's site served on localhost: its base address."""
    from tests.browser import serve

    with serve(site[0]) as base:
        yield base


@pytest.fixture(scope="session")
def real_served(real_site):
    """The real corpus's site served on localhost: its base address."""
    from tests.browser import serve

    with serve(real_site[0]) as base:
        yield base


@pytest.fixture(scope="session")
def zensical_served(zensical_site):
    """The fixture corpus's site built by Zensical, served on localhost: its base address."""
    from tests.browser import serve

    with serve(zensical_site[0]) as base:
        yield base


@pytest.fixture(scope="session", params=["fixture", "seeds", "zensical"])
def any_served(request):
    """Each corpus's site (and the fixture's built by Zensical) served on localhost, for
    invariants: (base address, folder, Checked)."""
    if request.param == "seeds":
        folder, _, checked = request.getfixturevalue("real_site")
        return request.getfixturevalue("real_served"), folder, checked
    zensical = request.param == "zensical"
    return (
        request.getfixturevalue("zensical_served" if zensical else "served"),
        request.getfixturevalue("zensical_site" if zensical else "site")[0],
        request.getfixturevalue("checked"),
    )
