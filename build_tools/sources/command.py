"""``python -m build_tools sources [--archive]`` (``make sources [ARCHIVE=1]``).

It checks every essay that has a ``url``: its original and its ``archive_url``, for every
quote of the essay. It writes the status file, prints each problem as
``path:line: message`` (errors and warnings), and exits 1 if any quote or original can no
longer be verified; otherwise it prints ``ok: N sources, M quotes found``. With
``--archive``, it then asks the Wayback Machine to save each original that has no
``archive_url`` and still holds every quote, and prints the line to add to its metadata.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import os
import sys
import time
from pathlib import Path

from .. import parallel
from .. import source_status as status_file
from ..model import Corpus
from ..problems import Collector
from ..source_status import Status
from ..stages.load import LoadSteps, load, parse
from ..stages.validate import seeds, validate
from ..stages.validate.files import checked
from .archive import Archiver, NotSaved, save
from .check import answered, check, problems, quotes_found, user_agent
from .fetch import Fetcher, Polite


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add the ``sources`` command to the command line's subcommands."""
    parser = sub.add_parser("sources", help="check that every quote is still at its essay's original address")
    parser.add_argument(
        "--archive",
        action="store_true",
        help="also ask the Wayback Machine to save each original with no archive_url (keys: IA_ACCESS_KEY, IA_SECRET_KEY)",
    )
    parser.set_defaults(fn=lambda args: run(args.root, args.archive))


def _corpus(root: Path) -> Corpus | None:
    """The seeds, read and cross-checked; None (and the problems said) if they are wrong."""
    found = Collector()
    read = load(root, found, LoadSteps(functools.partial(parallel.each, parse)))  # (parsed on every core)
    corpus = seeds.corpus(read, found, seeds.FileSteps(functools.partial(parallel.each, checked)))  # (and checked)
    validate(corpus, found)
    if found.errors:
        for problem in found.errors:
            print(problem, file=sys.stderr)
        print("the seeds have errors: fix what make check reports, then check the sources.", file=sys.stderr)
        return None
    return corpus


def run(
    root: Path,
    archive: bool = False,
    polite: Polite | None = None,
    archiver: Archiver | None = None,
    today: str | None = None,
) -> int:
    """Check the sources of the project at ``root`` (and archive them): the exit status."""
    corpus = _corpus(root)
    if corpus is None:
        return 1
    fetcher = Fetcher(user_agent(corpus.site), polite)
    status = check(corpus, fetcher, today or datetime.datetime.now(datetime.UTC).date().isoformat())
    if not answered(status):
        print(
            "no source answered, not even to say a page is gone: is this computer online? "
            "Nothing was recorded: run make sources again when it is.",
            file=sys.stderr,
        )
        return 1
    written = status_file.write(root, status)
    found = problems(corpus, status)
    for problem in found:
        print(problem, file=sys.stderr)
    failed = 0
    if archive:
        failed = _archive(corpus, status, fetcher, archiver or Archiver.from_environment(os.environ))
    if status.without_url:
        n = len(status.without_url)
        print(f"not checked: {n} essay{'s' if n != 1 else ''} with no 'url' ({', '.join(status.without_url)})")
    errors = sum(p.severity == "error" for p in found)
    if errors:
        where = written.relative_to(root).as_posix()
        what = "1 quote or source" if errors == 1 else f"{errors} quotes or sources"
        print(f"{what} can no longer be verified (see above; every source's state is in {where}).", file=sys.stderr)
        return 1
    print(f"ok: {len(status.essays)} sources, {quotes_found(status)} quotes found")
    return failed


def _archive(corpus: Corpus, status: Status, fetcher: Fetcher, archiver: Archiver) -> int:
    """Save each original with no archived copy that still holds every quote: 1 if one was not saved."""
    checked = {e.slug: e for e in status.essays}
    wanted = [e for e in sorted(corpus.essays, key=lambda e: e.slug) if e.url and not e.archive_url]
    failed = 0
    for n, essay in enumerate(wanted):
        original = checked[essay.slug].original
        if original.state != "ok" or original.missing:
            why = "no longer shows every quote" if original.state == "ok" else f"could not be read ({original.detail})"
            print(
                f"{essay.loc.path}: not saved: the original {why}; "
                f"look for an older copy at https://web.archive.org/web/*/{essay.url}",
                file=sys.stderr,
            )
            continue
        if n and archiver.gap:
            time.sleep(archiver.gap)
        try:
            address = save(fetcher, original.url, archiver)
        except NotSaved as exc:
            print(f"{essay.loc.path}: the Wayback Machine did not save {essay.url}: {exc}", file=sys.stderr)
            failed = 1
            continue
        print(f"{essay.loc.path}: saved; add this line to it:\narchive_url: {address}")
    if not wanted:
        print("every original already has an archive_url")
    return failed
