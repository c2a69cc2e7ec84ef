"""``make serve``: MkDocs' development server, with the pages generated again whenever a
file under ``seeds/`` or the templates is saved.

Both run in this process and are told of changes by the system (inotify, through
watchdog's native observer): the generator redoes only what an edit changed and
rewrites only the pages that changed; MkDocs, told of those, rebuilds only them
(``--dirty``) and reloads the browser.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs import __main__ as mkdocs_cli
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.livereload import LiveReloadServer
from mkdocs.theme import Theme
from watchdog import events
from watchdog.observers import Observer

TEMPLATES = Path(__file__).parent.parent / "templates"


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
    """watchdog's native observer (inotify), passing on only the events that are WRITES."""

    def schedule(self, handler, path, *, recursive=False, event_filter=None, **kwargs):
        return super().schedule(handler, path, recursive=recursive, event_filter=event_filter or WRITES, **kwargs)


class _NotifiedServer(LiveReloadServer):
    """MkDocs' development server, told of changes in ``docs/`` by the system instead of
    looking at every file every half second: ``docs/`` holds several files an essay, and
    polling them all both delays each rebuild and keeps a core busy."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.observer = _WritesObserver()


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


def serve(root: Path, dev_addr: str, regenerate: Callable[[], object], config: Path | None = None) -> None:
    """Serve the project at ``root`` on ``dev_addr`` until stopped (its edition that ``config``
    describes, else mkdocs.yml's), calling ``regenerate`` after each change to its seeds or
    to the templates."""
    changed, observer = threading.Event(), _WritesObserver()
    handler = _Changed(changed)
    for folder in (root / "seeds", TEMPLATES):
        observer.schedule(handler, str(folder), recursive=True)
    observer.daemon = True
    observer.start()

    def regenerate_on_change() -> None:
        while changed.wait():
            time.sleep(0.05)  # (an editor may write a file in several steps)
            changed.clear()
            regenerate()

    threading.Thread(target=regenerate_on_change, daemon=True).start()
    mkdocs_serve.LiveReloadServer = _NotifiedServer  # type: ignore[misc]  # (MkDocs' serve makes its server by this name)
    Theme.get_env = _kept_environments(Theme.get_env)  # type: ignore[method-assign]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # (stopped: the server stops, its files go)
    mkdocs_cli.cli.main(
        ["serve", "--dirty", "--config-file", str(config or root / "mkdocs.yml"), "--dev-addr", dev_addr],
        prog_name="mkdocs",
        standalone_mode=False,
    )
