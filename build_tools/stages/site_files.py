"""What ``load`` reads besides the seeds: the site's configuration (mkdocs.yml), and the
hand-written pages of docs/ (their front matter, and the citations they hold)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..config import editions, read_config, source_date
from ..folders import GENERATED
from ..formats.page_citations import find_citations
from ..model import PageCitation, Site
from ..problems import Collector, SeedError, SourceLoc
from .yamlfile import LocDict, compose_yaml, parse_yaml, read_text


def rel(root: Path, path: Path) -> str:
    """``path`` (inside ``root``) from ``root``, as the messages write it."""
    return path.as_posix()[len(root.as_posix()) :].lstrip("/")


def load_site(root: Path, problems: Collector) -> Site:
    """The site's name, public address and editions (mkdocs.yml), and the date of the sources built."""
    path = root / "mkdocs.yml"
    try:
        config = read_config(path) if path.exists() else {}
    except yaml.YAMLError as exc:
        try:  # (a mistake in its layout is said as in a seeds file, where it is)
            compose_yaml(path.read_text(encoding="utf-8"), rel(root, path))
        except SeedError as plain:
            problems.extend(plain.problems)
            return Site()
        mark = getattr(exc, "problem_mark", None)
        loc = SourceLoc(rel(root, path), mark.line + 1, mark.column + 1) if mark else SourceLoc(rel(root, path))
        problems.error(loc, f"this line cannot be read: {getattr(exc, 'problem', None) or exc}")
        return Site()
    url = (config.get("site_url") or "").strip() or None
    built = source_date()
    return Site(
        name=config.get("site_name", Site.name),
        url=url and url.rstrip("/") + "/",
        date=built,
        language=(config.get("theme") or {}).get("language") or Site.language,
        editions=editions(config),
        copyright=" ".join(str(config.get("copyright") or "").split()) or None,  # (as Babel extracts it)
    )


class Page(NamedTuple):
    """A hand-written page of docs/: its path from the project's root, its text, and its
    front matter (None if it has none, or none that can be read)."""

    rel: str
    text: str
    front: Any


def hand_written_pages(root: Path, problems: Collector) -> tuple[tuple[Page, ...], tuple[PageCitation, ...]]:
    """The hand-written pages of docs/, the problems of their front matter's shape
    recorded, and the citations (``[[claim:…]]``, ``[[essay#p-…]]``) they hold."""
    pages, citations = [], []
    for path in _hand_written(root / "docs"):
        path_rel = rel(root, path)
        text = read_text(path, path_rel)
        pages.append(Page(path_rel, text, _front_matter(text, path_rel, problems)))
        citations += find_citations(text, path_rel)
    return tuple(pages), tuple(citations)


def english_page(path_rel: str, folders: tuple[str, ...]) -> str | None:
    """The page of docs/ that the page at ``path_rel`` translates, if it is in an edition's folder."""
    return next(
        (f"docs/{path_rel[len(f'docs/{f}/') :]}" for f in folders if f and path_rel.startswith(f"docs/{f}/")), None
    )


def _hand_written(docs: Path) -> list[Path]:
    """The Markdown pages of ``docs`` outside its generated folders (which are not walked:
    they hold several files an essay)."""
    found = []
    for parent, folders, names in os.walk(docs):
        here = os.path.relpath(parent, docs).replace(os.sep, "/").removeprefix(".").lstrip("/")
        folders[:] = [f for f in folders if f"{here}/{f}".lstrip("/") not in GENERATED]
        found += [Path(parent, name) for name in names if name.endswith(".md")]
    return sorted(found)


_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def _front_matter(text: str, path_rel: str, problems: Collector) -> Any:
    """Check a page's front matter (between a first line '---' and the next '---'), which
    MkDocs would drop without a word if it cannot read it, building the page anyway (the
    meaning of its texts is validate's: ``validate.seeds``)."""
    if not re.match(r"---[ \t]*\n", text):
        return None
    end = _FRONT_MATTER_END.search(text, text.index("\n") + 1)
    if end is None:
        problems.error(
            SourceLoc(path_rel, 1), "the front matter that starts here is never closed: end it with a line '---'"
        )
        return None
    try:  # (the leading newline keeps the lines of the page)
        data = parse_yaml("\n" + text[text.index("\n") + 1 : end.start()], path_rel)
    except SeedError as exc:
        problems.extend(p for p in exc.problems if p.message != "the file is empty")
        return None
    if not isinstance(data, LocDict):
        problems.error(SourceLoc(path_rel, 2), "the front matter must be fields, one 'name: value' a line")
    return data
