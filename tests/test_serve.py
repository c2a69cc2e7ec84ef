"""``make serve``: the site is served, an edit to a seeds file shows on the page without a
restart, a bad edit's error is printed while the last good page stays, stopping the
command stops MkDocs' server too, and the pages rebuilt alone after an edit are those
MkDocs builds from nothing. The tests wait on what they expect to see, never for a
fixed time."""

from __future__ import annotations

import argparse
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.theme import Theme
from watchdog import events

from build_tools.__main__ import _generate
from build_tools.kept_pages import KeptPages
from build_tools.memoised import Cache
from build_tools.site import search, serve
from tests.conftest import Output, fetch, snapshot, start_serving
from tests.golden import ENVIRONMENT
from tests.test_editors import add_essay


def until(condition, seconds: float = 120) -> bool:
    """Whether ``condition()`` comes true within ``seconds`` (asked again every 0.2 s)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def wait_for(url: str, text: str, seconds: float = 120) -> bool:
    return until(lambda: text in fetch(url), seconds)


def reload_epoch(page: str) -> int:
    """The version of the site a served page was built from (MkDocs' live-reload script)."""
    return int(re.search(r"livereload\((\d+), \d+\)", page)[1])


def test_an_edit_to_an_essay_shows_while_serving_and_stopping_stops_the_server(project):
    server, address = start_serving(project, stderr=subprocess.PIPE)
    said = Output(server)
    page = f"{address}essays/wilson-2021/"
    try:
        assert wait_for(page, "Hey VP Harris")
        epoch = reload_epoch(fetch(page))
        # The server watches docs/; a build reads its files, which is no change to them.
        assert not until(lambda: reload_epoch(fetch(page)) != epoch, seconds=2)
        meta = project / "seeds" / "essays" / "wilson-2021.yml"
        meta.write_text(
            meta.read_text(encoding="utf-8").replace("Wilson argues that", "Edited-while-serving: Wilson argues that"),
            encoding="utf-8",
        )
        assert wait_for(page, "Edited-while-serving")
        assert until(lambda: "Search index updated" in said.text), said.text  # (in the background, then said)
        # The browser that showed the page before is told to reload it.
        assert int(fetch(f"{address}livereload/{epoch}/1")) > epoch
        # A rule that cannot apply: the errors are printed and the last good page stays.
        meta.write_text(
            meta.read_text(encoding="utf-8")
            + "  - rule: drop\n    starts_with: No block starts so\n    reason: A test.\n",
            encoding="utf-8",
        )
        error = "cleaning rule 'drop' of essay 'wilson-2021': no block of the text starts with 'No block starts so'"
        assert until(lambda: error in said.text and "1 error: nothing was written." in said.text), said.text
        assert "Edited-while-serving" in fetch(page)
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0
    with socket.socket() as s:  # nothing listens on the port: MkDocs' server stopped with the command
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # (the connections it closed may linger)
        s.bind(("127.0.0.1", int(address.rstrip("/").rsplit(":", 1)[1])))


def test_an_edit_rebuilds_what_it_changed_alone_and_a_new_essay_or_page_the_site(project):
    """The generator tells the server which files it changed: an edit's pages are rebuilt
    alone (with the home page, which lists the essays' titles from a file it includes); a
    new essay, which MkDocs' list of files lacks, and an edit to a hand-written page, by
    MkDocs' own rebuild."""
    server, address = start_serving(project, stderr=subprocess.PIPE)
    said = Output(server)
    try:
        assert wait_for(f"{address}essays/wilson-2021/", "Hey VP Harris")
        meta = project / "seeds" / "essays" / "wilson-2021.yml"
        meta.write_text(
            meta.read_text(encoding="utf-8").replace('title: "Hey', 'title: "Retitled: Hey'), encoding="utf-8"
        )
        assert wait_for(address, "Retitled: Hey VP Harris")
        assert "Retitled: Hey VP Harris" in fetch(f"{address}essays/wilson-2021/")
        # (the pages are written as they are rendered; the line that says so comes after them all)
        assert until(lambda: re.search(r"Rebuilt \d+ pages", said.text)), said.text
        assert said.text.count("Building documentation") == 1, said.text
        add_essay(project)
        assert wait_for(f"{address}essays/pr-test-office-2015/", "The Test Office recounts"), said.text
        assert said.text.count("Building documentation") >= 2
        about = project / "docs" / "about.md"
        about.write_text(about.read_text(encoding="utf-8") + "\nAdded-while-serving.\n", encoding="utf-8")
        assert wait_for(f"{address}about/", "Added-while-serving"), said.text
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0


def test_the_spanish_edition_is_served_on_its_own_and_an_unknown_one_is_refused(project):
    server, address = start_serving(project, subprocess.PIPE, "--language", "es")
    try:
        assert wait_for(address, '<html lang="es"')
        assert "Página no encontrada" not in fetch(address) and "Temas" in fetch(address)
        themes = project / "seeds" / "themes.yml"  # (an edit shows, and the edition keeps its assets)
        themes.write_text(themes.read_text(encoding="utf-8").replace("title: Comercio", "title: Comercio editado"))
        assert wait_for(f"{address}themes/trade/", "Comercio editado")
        assert "passage-preview" in fetch(f"{address}assets/javascripts/previews.js")
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0
    assert not list(project.glob(".mkdocs-*.yml"))  # (the edition's configuration goes with the server)
    refused = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(project), "serve", "--language", "fr"],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith("error: the site has no edition in 'fr' (editions: en, es)")


def test_a_citation_written_into_a_hand_written_page_shows_and_is_checked_while_serving(project):
    """A hand-written page's citations come from a file the generator writes (the claims
    the pages cite, and no other): a claim newly cited in one shows on it, without a
    restart, and a citation of no claim is refused at its line as ``check`` refuses it."""
    server, address = start_serving(project, stderr=subprocess.PIPE)
    said = Output(server)
    page = f"{address}about/"
    try:
        assert wait_for(page, "About Root Causes")
        assert "Farm imports displaced small farmers" not in fetch(page)
        about = project / "docs" / "about.md"
        text = about.read_text(encoding="utf-8")
        about.write_text(text + "\n[[claim:subsidized-corn-displaced-farmers]]\n", encoding="utf-8")
        assert wait_for(page, "Farm imports displaced small farmers"), said.text
        assert "(unknown citation)" not in fetch(page)
        lines = text.count("\n") + 2
        about.write_text(text + "\n[[claim:no-such-claim]]\n", encoding="utf-8")
        error = f"docs/about.md:{lines}:1: [[claim:no-such-claim]]: there is no claim with the id 'no-such-claim'"
        assert until(lambda: error in said.text), said.text
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0


# The address ``make serve`` gives MkDocs as the site's (any: the same for both builds).
SERVED_AT = "http://127.0.0.1:8000/"


def serving_build(root: Path, site: Path, dirty: bool) -> None:
    """MkDocs' build of ``root``'s docs into ``site`` as ``mkdocs serve`` makes it: the
    hooks told it serves, the site's address the server's."""
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=dirty)
    config.site_url = SERVED_AT
    mkdocs_build.build(config, serve_url=SERVED_AT, dirty=dirty)


EDITS = {  # (a page's content changed, not its title nor any navigation)
    "claim": ("crossrefs/trade.yml", "under-acknowledged root cause", "unheeded root cause"),
    "essay": ("essays/wilson-2021.yml", "Wilson argues that", "Wilson holds that"),
}


def test_pages_rebuilt_alone_after_an_edit_are_what_mkdocs_builds_from_nothing(project, tmp_path, monkeypatch):
    """The server's first build, then an edit of each kind in turn: the generator's changed
    pages rebuilt alone (:meth:`serve._NotifiedServer.rebuild`, with the last build's files
    and navigation), in this process as ``make serve`` runs them, leave the served folder
    byte for byte as MkDocs' full build of the edited docs, served the same way, writes it.
    Files on disk are compared: MkDocs' server adds its live-reload script to a page only as
    it sends it. The search index, written in the background after each build, is left out."""
    monkeypatch.setattr(search, "index_site", lambda *args, **kwargs: None)
    for name, value in {**ENVIRONMENT, "NO_MKDOCS_2_WARNING": "1"}.items():
        monkeypatch.setenv(name, value)
    args, cache, kept = argparse.Namespace(root=project, strict=False), Cache(), KeptPages()
    assert _generate(args, cache, ["en"], kept)
    served = tmp_path / "served"
    server = serve._NotifiedServer(
        project / "docs",
        events.FileSystemEventHandler(),
        lambda: serving_build(project, served, True),
        "127.0.0.1",
        0,
        str(served),
    )
    monkeypatch.setattr(mkdocs_build, "get_navigation", server.recording(mkdocs_build.get_navigation))
    monkeypatch.setattr(Theme, "get_env", serve._kept_environments(Theme.get_env))
    server.server_close()  # (its socket: nothing is served, files are compared)
    server._build()  # (MkDocs' first build, recorded for the rebuild)
    for edit, (seed, old, new) in EDITS.items():
        before = snapshot(served)
        path = project / "seeds" / seed
        text = path.read_text(encoding="utf-8")
        assert old in text, edit
        path.write_text(text.replace(old, new), encoding="utf-8")
        written = _generate(args, cache, ["en"], kept)
        assert written and server.rebuild([str(project / "docs" / p) for p in written]), edit  # (rebuilt alone)
        after = snapshot(served)
        rebuilt = [p for p in after if p.endswith(".html") and after[p] != before.get(p)]
        assert any(new.encode() in after[p] for p in rebuilt), edit  # (the edit shows)
        serving_build(project, tmp_path / f"full-{edit}", dirty=False)
        full = snapshot(tmp_path / f"full-{edit}")
        assert sorted(after) == sorted(full), edit
        assert [p for p in full if after[p] != full[p]] == [], edit


@pytest.mark.parametrize("folder", ["", "es"])
def test_hand_written_pages_are_watched_through_the_servers_own_watch_of_docs(project, folder):
    """The generator hears of a hand-written page saved (of the edition served from
    ``docs/`` or from its folder) through the watch MkDocs' server already has of that
    folder: one set of inotify watches, where docs/ holds a folder an essay. Of the files
    there, only hand-written pages are its concern."""
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.docs_dir = str(project / "docs" / folder)
    server = serve._NotifiedServer(project / "docs", events.FileSystemEventHandler(), lambda: None, "127.0.0.1", 0, ".")
    server.server_close()  # (its socket: nothing is served)
    server.last = (config, None, None)
    server.watch(config.docs_dir)  # (as MkDocs' serve does)
    server.watch_pages()
    assert len(server.observer.emitters) == 1
    docs = Path(config.docs_dir)
    saved = [docs / "about.md", docs / "essays" / "x" / "index.md", docs / "snippets" / "a.md", docs / "extra.css"]
    assert [server._hand_written(events.FileModifiedEvent(str(path))) for path in saved] == [True, False, False, False]
