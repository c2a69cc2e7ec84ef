"""``make serve``: MkDocs' development server, with the pages generated again whenever a
file under ``seeds/`` or the templates, or a hand-written page of ``docs/``, is saved (the
generator checks a hand-written page's citations and front matter, and writes what its
citations show: ``docs/snippets/citations.json`` holds only the claims and passages cited).

Both run in this process and are told of changes by the system (inotify, through
watchdog's native observer): the generator redoes only what an edit changed and
rewrites only the pages that changed, then tells the server which. If each is a file
MkDocs' last build already had (an edit, not a new essay), the server rebuilds those
pages alone with that build's list of files and navigation (:meth:`_NotifiedServer.rebuild`:
MkDocs' own ``--dirty`` rebuild lists the 7,000 files of ``docs/`` again and makes the
navigation anew, about a second at a thousand essays, whatever changed); else, and after
any change the generator did not make (a hand-written page, the configuration, the
theme), it runs MkDocs' own rebuild (``--dirty``). Then it reloads the browser. (A
hand-written page saved is rebuilt by both, one after the other: whichever comes last
has the citations the generator wrote for it.)
"""

from __future__ import annotations

import gc
import logging
import os
import posixpath
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
from mkdocs import __main__ as mkdocs_cli
from mkdocs.structure.files import InclusionLevel
from mkdocs.theme import Theme
from watchdog import events
from watchdog.observers import Observer

from ..folders import TEMPLATES, generated
from ..formats.spliced import SIDECAR
from . import mkdocs_private

log = logging.getLogger("mkdocs.root_causes")


# What counts as a change: a file written, created, moved or removed — not a file read
# (opened, closed unwritten), which each build does to every watched file.
WRITES = [
    events.FileModifiedEvent,
    events.FileClosedEvent,
    events.FileCreatedEvent,
    events.FileMovedEvent,
    events.FileDeletedEvent,
    events.DirCreatedEvent,
    events.DirMovedEvent,
    events.DirDeletedEvent,
]


class _WritesObserver(Observer):  # type: ignore[valid-type,misc]  # (the platform's observer class)
    """watchdog's native observer (inotify), passing on only the events that are WRITES
    (and of those, only the ones ``passes`` lets through)."""

    def __init__(self, passes: Callable[[events.FileSystemEvent], bool] = lambda event: True) -> None:
        super().__init__()
        self.passes = passes

    def schedule(self, handler, path, *, recursive=False, event_filter=None, **kwargs):
        handler = _Filtered(handler, self.passes)
        return super().schedule(handler, path, recursive=recursive, event_filter=event_filter or WRITES, **kwargs)


class _Filtered(events.FileSystemEventHandler):
    """``handler``, told only of the events that ``passes``."""

    def __init__(self, handler: events.FileSystemEventHandler, passes: Callable) -> None:
        self.handler, self.passes = handler, passes

    def dispatch(self, event: events.FileSystemEvent) -> None:
        if self.passes(event):
            self.handler.dispatch(event)


class _NotifiedServer(mkdocs_private.LiveReloadServer):
    """MkDocs' development server, told of changes in ``docs/`` by the system instead of
    looking at every file every half second (``docs/`` holds several files an essay, and
    polling them all both delays each rebuild and keeps a core busy), and of the
    generator's changes by the generator (:meth:`generated`), which it rebuilds alone
    where it can."""

    def __init__(self, docs: Path, saved: events.FileSystemEventHandler, builder: Callable[[], None], *args, **kwargs):
        super().__init__(self._build, *args, observer=_WritesObserver(self._passes), **kwargs)
        self.docs = docs
        self.saved = saved  # (told when a hand-written page is saved)
        self.full_builder = builder
        self._building = threading.Lock()  # (one build at a time: MkDocs' own, or a rebuild)
        self.last: tuple | None = None  # (MkDocs' last build: its configuration, files and navigation)
        self._seen: tuple | None = None  # (what the build under way made so far)

    def serve(self, *args, **kwargs) -> None:
        self.last = self._seen  # (MkDocs' first build is done: serving starts)
        self.watch_pages()
        # What the first builds made (the generator's kept results, MkDocs' files and pages)
        # mostly lives as long as the server: the garbage collector, which otherwise looks
        # through it all again now and then (0.2 s at a thousand essays), leaves it alone.
        gc.freeze()
        super().serve(*args, **kwargs)

    def watch_pages(self) -> None:
        """Tell ``saved`` when a hand-written page of the edition served is saved (the generator
        checks the page and writes what its citations show), through the watch MkDocs' server
        has of its docs folder (the same path, recursion and events: one set of inotify
        watches, not two)."""
        docs = os.path.abspath(self.last[0].docs_dir)  # type: ignore[index]
        self.observer.schedule(_Filtered(self.saved, self._hand_written), docs, recursive=True)

    def _passes(self, event: events.FileSystemEvent) -> bool:
        """Whether MkDocs' own watcher is told of ``event``: not if it is the generator's
        writing in the generated folders of ``docs/`` (it says what it changed itself)."""
        return not all(map(self._generated, _paths(event)))

    def _hand_written(self, event: events.FileSystemEvent) -> bool:
        """Whether ``event`` is about a hand-written page: Markdown outside the generated folders."""
        return any(path.endswith(".md") and not self._generated(path) for path in _paths(event))

    def _generated(self, path: str) -> bool:
        """Whether the file at ``path`` lies in a generated folder of ``docs/``."""
        return generated(os.path.relpath(path, self.docs))

    def recording(self, get_navigation: Callable) -> Callable:
        """MkDocs' ``get_navigation``, keeping what a build made for :meth:`rebuild`."""

        def get(files, config):
            nav = get_navigation(files, config)
            self._seen = (config, files, nav)
            return nav

        return get

    def _build(self) -> None:
        """MkDocs' own rebuild (in its server's loop)."""
        with self._building:
            self.last = self._seen = None
            self.full_builder()
            self.last = self._seen

    def generated(self, paths: Iterable[Path]) -> None:
        """The generator changed these files (of ``docs/``): rebuild them now if
        :meth:`rebuild` can, and reload the browser; else ask for MkDocs' own rebuild."""
        with self._building:
            try:
                done = self.last is not None and self.rebuild([str(path) for path in paths])
            except Exception:  # (said by MkDocs' own rebuild, if it happens again there)
                done = False
        if done:
            log.info("Reloading browsers")
            self.reload_browsers()
        else:
            self.want_rebuild()

    def rebuild(self, changed: list[str]) -> bool:
        """Rebuild the ``changed`` files alone, with MkDocs' last build's configuration, list of
        files and navigation, if each is a file that build had and is still there (not
        removed); else do nothing and say so.

        A page's HTML set aside (:mod:`build_tools.formats.spliced`) is read as the page is
        finished; any other file left out of the site is data the pages read as they are
        rendered (``docs/snippets/``: the lists the home page includes, what hand-written
        pages cite), and the hand-written pages are rebuilt with it, after the others. (A
        title changed shows in the navigation of the pages rebuilt, as with MkDocs' ``--dirty``.)"""
        start = time.monotonic()
        config, files, nav = self.last  # type: ignore[misc]
        found = [files.get_file_from_path(os.path.relpath(path, config.docs_dir)) for path in changed]
        if None in found or not all(map(os.path.exists, changed)):
            return False
        shown = InclusionLevel.is_in_serve
        rebuilt = [file for file in found if file.is_documentation_page() and shown(file.inclusion)]
        if any(not shown(file.inclusion) and posixpath.basename(file.src_uri) != SIDECAR for file in found):
            hand_written = files.documentation_pages(inclusion=shown)
            rebuilt += [f for f in hand_written if not self._generated(f.abs_src_path)]
        for file in found:
            if not file.is_documentation_page() and shown(file.inclusion):
                file.copy_file()
        env, doc_files = config.theme.get_env(), files.documentation_pages(inclusion=shown)
        for file in dict.fromkeys(rebuilt):  # (each page written as soon as it is rendered)
            mkdocs_private.populate_page(file.page, config, files)
            mkdocs_private.build_page(file.page, config, doc_files, nav, env)
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        log.info(f"Rebuilt {len(rebuilt)} pages in {time.monotonic() - start:.2f} seconds")
        return True


def _paths(event: events.FileSystemEvent) -> list[str]:
    """The paths an event is about: a file's, or a moved file's two."""
    return [os.fsdecode(path) for path in (event.src_path, getattr(event, "dest_path", "")) if path]


class _Changed(events.FileSystemEventHandler):
    """Sets ``changed`` on any event it is told of."""

    def __init__(self, changed: threading.Event) -> None:
        self.changed = changed

    def on_any_event(self, event) -> None:
        self.changed.set()


def _kept_environments(get_env: Callable) -> Callable:
    """``Theme.get_env`` keeping each theme's template environment from one rebuild to the
    next (MkDocs makes a new one, and compiles every template again, on each): a template
    edited while serving is compiled again when its file changes (``auto_reload``)."""
    kept: dict[tuple, jinja2.Environment] = {}

    def get(theme: Theme) -> jinja2.Environment:
        key = (tuple(theme.dirs), str(theme.locale))
        if key not in kept:
            kept[key] = get_env(theme)
            kept[key].auto_reload = True
        return kept[key]

    return get


def serve(root: Path, dev_addr: str, regenerate: Callable[[], list[str] | None], config: Path | None = None) -> None:
    """Serve the project at ``root`` on ``dev_addr`` until stopped (its edition that ``config``
    describes, else mkdocs.yml's), calling ``regenerate`` after each change to its seeds, to
    the templates or to a hand-written page (it returns the files it changed, under
    ``docs/``, or None if it failed)."""
    changed, observer = threading.Event(), _WritesObserver()
    handler = _Changed(changed)
    for folder in (root / "seeds", TEMPLATES):
        observer.schedule(handler, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    servers: list[_NotifiedServer] = []  # (the one MkDocs' serve makes)

    def regenerate_on_change() -> None:
        while changed.wait():
            time.sleep(0.05)  # (an editor may write a file in several steps)
            changed.clear()
            gc.disable()  # (no garbage collection while an edit is built: once it is shown)
            try:
                written = regenerate()
                if written and servers:
                    servers[0].generated(root / "docs" / path for path in written)
            finally:
                gc.enable()

    def make_server(*args, **kwargs) -> _NotifiedServer:
        servers.append(_NotifiedServer(root / "docs", handler, *args, **kwargs))
        mkdocs_private.wrap_get_navigation(servers[0].recording)
        return servers[0]

    threading.Thread(target=regenerate_on_change, daemon=True).start()
    mkdocs_private.serve_with(make_server)
    mkdocs_private.wrap_get_env(_kept_environments)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # (stopped: the server stops, its files go)
    mkdocs_cli.cli.main(
        ["serve", "--dirty", "--config-file", str(config or root / "mkdocs.yml"), "--dev-addr", dev_addr],
        prog_name="mkdocs",
        standalone_mode=False,
    )
