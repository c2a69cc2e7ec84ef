"""Stage 1, load: read every seeds file and check its shape against its schema.

Only this stage reads the seeds. It records every problem of a file's shape (malformed
YAML, a missing field, a file in the wrong place) and returns the :class:`Seeds` as read,
so that ``validate`` can check their meaning and report its problems in the same run
(``validate.seeds`` makes the records of the files that pass).

Each step per file is a function of that file, done in this process unless the caller
gives one that runs on every core or keeps its results between builds (:class:`LoadSteps`;
see ``build_tools/memoised.py``).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..essay import EssayText
from ..model import PageCitation, Site
from ..problems import Collector, Problem, SeedError, SourceLoc
from ..source_status import Status
from ..source_status import read as read_status
from . import schema
from .site_files import Page, hand_written_pages, load_site, rel
from .yamlfile import LocDict, LocList, decode_text, parse_yaml

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NOT_FIELDS = "the file must be a mapping of fields, each written 'name: value' on a line of its own"

# A file's data (None if it cannot be read as fields), and its problems.
Parsed = tuple[Any, list[Problem]]


class SeedFile(NamedTuple):
    """A seeds file to parse: its path from the project's root, its bytes, and its schema."""

    rel: str
    content: bytes
    schema: str


class SeedPath(NamedTuple):
    """A seeds file's path, and the same from the project's root (as messages write it)."""

    path: Path
    rel: str


class SeedRead(NamedTuple):
    """A seeds file, parsed and checked against its schema."""

    file: SeedPath
    parsed: Parsed


class EssayFiles(NamedTuple):
    """An essay's metadata and its raw text."""

    slug: str
    meta: SeedPath
    text: SeedPath


class EssayRead(NamedTuple):
    """An essay's files, its metadata parsed and checked against its schema, and its text."""

    files: EssayFiles
    meta: Parsed
    text: EssayText


@dataclass(frozen=True)
class Seeds:
    """What load read: each seeds file parsed and checked against its schema, the site's
    configuration, its hand-written pages, and what ``make sources`` last found."""

    themes: SeedRead | None
    essays: tuple[EssayRead, ...]
    claims: tuple[SeedRead, ...]
    events: SeedRead | None
    figures: SeedRead | None
    terms: SeedRead | None
    listed: tuple[str, ...]  # (every file of seeds/, from the project's root)
    site: Site
    pages: tuple[Page, ...]
    page_citations: tuple[PageCitation, ...]
    status: Status | None


def parse(file: SeedFile) -> Parsed:
    """A seeds file parsed and checked against its schema (its data is None if it cannot be
    read as fields), and its problems."""
    try:
        data = parse_yaml(decode_text(file.content, file.rel), file.rel)
    except SeedError as exc:
        return None, exc.problems
    if not isinstance(data, (LocDict, LocList)):  # (one text or number: the schema has no line to name)
        return None, [Problem(SourceLoc(file.rel, 1), NOT_FIELDS)]
    return data, schema.check(file.schema, data)


def parse_each(files: Sequence[SeedFile]) -> list[Parsed]:
    """Each of ``files`` parsed, in this process (build_tools/memoised.py parses them on
    every core: a thousand essays' metadata takes a second on one)."""
    return [parse(file) for file in files]


def text_of(files: EssayFiles, meta: Parsed) -> EssayText:
    """The raw text of an essay whose metadata is ``meta``, and the SHA-256 of the file it
    was extracted from if the metadata, of the right shape, names one."""
    content = files.text.path.read_bytes()
    sha = _sha(content)
    try:
        raw = decode_text(content, files.text.rel)
    except SeedError as exc:
        return EssayText(None, "", sha, exc.problems)
    received = content.decode("utf-8") if content.startswith(codecs.BOM_UTF8) else raw
    path = received_path(files, meta)
    extracted = _sha(path.read_bytes()) if path is not None and path.is_file() else None
    return EssayText(raw, received, sha, [], extracted)


def received_path(files: EssayFiles, meta: Parsed) -> Path | None:
    """The web page or PDF an essay's text was extracted from, if its metadata has the
    right shape and names one."""
    data, found = meta
    if data is None or any(p.severity == "error" for p in found) or not isinstance(data.get("received"), dict):
        return None
    return files.text.path.parent / data["received"]["file"]


def read_bytes(file: SeedPath) -> bytes:
    """The bytes of a seeds file."""
    return file.path.read_bytes()


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class LoadSteps(NamedTuple):
    """The steps of load made per file or per essay, each a function of its arguments alone
    (memoised.py gives load steps that keep their results between builds)."""

    parse_each: Callable[[Sequence[SeedFile]], list[Parsed]] = parse_each
    read: Callable[[SeedPath], bytes] = read_bytes
    text: Callable[[EssayFiles, Parsed], EssayText] = text_of


PLAIN = LoadSteps()


def load(root: Path, problems: Collector, steps: LoadSteps = PLAIN) -> Seeds:
    """Read ``root/seeds`` and the site's files; record every problem of their shape."""
    root = root.absolute()  # (messages name files from it: "." would cut their names short)
    seeds = root / "seeds"
    themes = _read_themes(root, seeds / "themes.yml", problems, steps)
    essays = _read_essays(root, seeds / "essays", problems, steps)
    claims = [_read(root, path, "crossrefs", steps) for path in sorted((seeds / "crossrefs").glob("*.yml"))]
    events, figures, terms = (
        _read_list(root, seeds / f"{n}.yml", n, steps) for n in ("timeline", "figures", "glossary")
    )
    listed = _check_tree(root, seeds, problems)
    site = load_site(root, problems)
    pages, citations = hand_written_pages(root, problems)
    return Seeds(
        themes,
        tuple(essays),
        tuple(claims),
        events,
        figures,
        terms,
        tuple(listed),
        site,
        pages,
        citations,
        read_status(root),
    )


def _read(root: Path, path: Path, schema_name: str, steps: LoadSteps) -> SeedRead:
    """One YAML file parsed and checked against its schema. The result is shared, not
    copied: no caller changes it."""
    file = SeedPath(path, rel(root, path))
    return SeedRead(file, steps.parse_each([SeedFile(file.rel, steps.read(file), schema_name)])[0])


def _read_themes(root: Path, path: Path, problems: Collector, steps: LoadSteps) -> SeedRead | None:
    if not path.exists():
        problems.error(SourceLoc(rel(root, path)), "the themes file is missing")
        return None
    return _read(root, path, "themes", steps)


def _read_list(root: Path, path: Path, schema_name: str, steps: LoadSteps) -> SeedRead | None:
    """An optional seeds file holding one list (the timeline, the figures, the glossary)."""
    return _read(root, path, schema_name, steps) if path.exists() else None


def _read_essays(root: Path, folder: Path, problems: Collector, steps: LoadSteps) -> list[EssayRead]:
    """The essays of ``folder``."""
    present = _present(folder)
    start = rel(root, folder) + "/"
    essays = []  # (each essay's files; their metadata all parsed at once, on every core)
    for name in sorted(n for n in present if n.endswith(".yml")):
        stem = name[:-4]
        meta = SeedPath(folder / name, start + name)
        if not SLUG.match(stem):
            problems.error(
                SourceLoc(meta.rel),
                f"the file name '{name}' must be a slug: lower-case letters, digits and hyphens, ending in .yml",
            )
            continue
        source = SeedPath(folder / f"{stem}.txt", f"{start}{stem}.txt")
        if source.path.name not in present:
            problems.error(SourceLoc(meta.rel), f"no raw text for this essay: add {source.rel}")
            continue
        essays.append(EssayFiles(stem, meta, source))
    read = steps.parse_each([SeedFile(files.meta.rel, steps.read(files.meta), "essay") for files in essays])
    return [EssayRead(files, parsed, steps.text(files, parsed)) for files, parsed in zip(essays, read)]


def _present(folder: Path) -> set[str]:
    """The names of what ``folder`` holds that exists (a link, if what it points to does),
    listed at once: a thousand essays are not looked up one by one."""
    try:
        with os.scandir(folder) as entries:
            return {e.name for e in entries if not e.is_symlink() or os.path.exists(e.path)}
    except OSError:  # (no such folder: no essays, as the tree's check says)
        return set()


_EXPECTED = {
    "": ("themes.yml", "timeline.yml", "figures.yml", "glossary.yml"),
    "essays": (".yml", ".txt"),
    "crossrefs": (".yml",),
}


def _check_tree(root: Path, seeds: Path, problems: Collector) -> list[str]:
    """Files the build would otherwise ignore: a stray file is a mistake, not a no-op. The
    files of ``seeds`` (paths from ``root``, in order)."""
    start = len(root.as_posix()) + 1
    listed = sorted(f"{parent}/{name}"[start:] for parent, _, names in os.walk(seeds.as_posix()) for name in names)
    present = set(listed)
    for path in listed:
        parent, name = posixpath.split(path)
        if name.startswith("."):
            continue
        folder = parent.removeprefix("seeds").lstrip("/").replace(".", "")
        expected, suffix = _EXPECTED.get(folder), posixpath.splitext(name)[1]
        if expected is None or (folder == "" and name not in expected):
            problems.error(
                SourceLoc(path),
                "this file is in the wrong folder: essays go in seeds/essays/, cross-references in seeds/crossrefs/",
            )
        elif folder == "essays" and suffix in (".html", ".pdf"):
            if path[: -len(suffix)] + ".yml" not in present:
                problems.error(SourceLoc(path), f"no metadata for this file: add {path[: -len(suffix)]}.yml")
        elif folder and suffix not in expected:
            hint = " (name it .yml, not .yaml)" if suffix == ".yaml" else ""
            problems.error(
                SourceLoc(path),
                f"unexpected file in seeds/{folder}/{hint}: only {' and '.join(expected)} files belong here",
            )
        elif folder == "essays" and suffix == ".txt" and path[:-4] + ".yml" not in present:
            problems.error(SourceLoc(path), f"no metadata for this text: add {path[:-4]}.yml")
    return listed
