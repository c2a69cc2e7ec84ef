"""Stage 1, load: read every seeds file, check it against its schema, build the model.

Only this stage reads the seeds. It records every problem of every file (malformed
YAML, a missing field, a file in the wrong place) and returns a :class:`Corpus` of
what could be read, so that ``validate`` can report its problems in the same run. The
checks of a file's meaning are validate's (``validate.fields``): load runs them on each
file as it reads it, since a file that fails them is not made into records
(``records.py``). The essays still hold their raw text (``clean`` comes next).

Each step per file is a function of that file, which the caller may replace by one that
keeps its results between builds (:class:`LoadSteps`; see ``build_tools/memoised.py``).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from ..model import Claim, Corpus, Essay, Theme
from ..problems import Collector, Problem, SeedError, SourceLoc
from ..source_status import SourceCheck, source_checks
from ..source_status import read as read_status
from . import records, schema
from .site_files import hand_written_pages, load_site, rel
from .validate import fields, translated
from .yamlfile import LocDict, LocList, decode_text, loc_of, parse_yaml

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NOT_FIELDS = "the file must be a mapping of fields, each written 'name: value' on a line of its own"

Parsed = tuple[Any, list[Problem]]  # a file's data (None if it is unusable), and its problems


class SeedFile(NamedTuple):
    """A seeds file to parse: its path from the project's root, its bytes, and its schema."""

    rel: str
    content: bytes
    schema: str


class SeedPath(NamedTuple):
    """A seeds file's path, and the same from the project's root (as messages write it)."""

    path: Path
    rel: str


class EssayFiles(NamedTuple):
    """An essay's metadata and its raw text."""

    slug: str
    meta: SeedPath
    text: SeedPath


def parse(file: SeedFile) -> Parsed:
    """A seeds file parsed, checked against its schema and for its texts' meaning (the data
    is None if an error was found), and its problems."""
    try:
        data = parse_yaml(decode_text(file.content, file.rel), file.rel)
    except SeedError as exc:
        return None, exc.problems
    if not isinstance(data, (LocDict, LocList)):  # (one text or number: the schema has no line to name)
        return None, [Problem(SourceLoc(file.rel, 1), NOT_FIELDS)]
    found = schema.check(file.schema, data)
    found += fields.field_problems(data, found)
    if any(p.severity == "error" for p in found):
        return None, found
    return data, found + translated.seeds_notices(data)


def parse_each(files: Sequence[SeedFile]) -> list[Parsed]:
    """Each of ``files`` parsed, in this process (build_tools/memoised.py parses them on
    every core: a thousand essays' metadata takes a second on one)."""
    return [parse(file) for file in files]


def essay_of(files: EssayFiles, data) -> tuple[Essay | None, list[Problem]]:
    """The essay of metadata ``data`` (None if it could not be read) and its raw text, if
    the text can be read and is the one received; and the problems found."""
    problems = Collector()
    source_bytes = files.text.path.read_bytes()
    try:
        raw = decode_text(source_bytes, files.text.rel)
    except SeedError as exc:
        return None, exc.problems
    if (line := html_line(raw)) is not None:
        problems.error(
            SourceLoc(files.text.rel, line),
            "this text is HTML; add it with `new essay --source`, which extracts its text",
        )
    elif not raw.strip():
        problems.error(
            SourceLoc(files.text.rel, 1),
            "the text is empty: save the essay's text, exactly as received, in this file",
        )
    elif (
        data is not None
        and fields.source_unchanged(data, files.text.rel, sha := _sha(source_bytes), problems)
        and _received_unchanged(files, data, problems)
    ):
        received = source_bytes.decode("utf-8") if source_bytes.startswith(codecs.BOM_UTF8) else raw
        return records.essay(files.slug, data, raw, received, files.text.rel, sha), problems.problems
    return None, problems.problems


def _received_unchanged(files: EssayFiles, data, problems: Collector) -> bool:
    """Whether the web page or PDF an essay's text was extracted from, if any, is there as
    received (its SHA-256 the one the metadata records)."""
    received = data.get("received")
    if received is None:
        return True
    rel = posixpath.join(posixpath.dirname(files.text.rel), received["file"])
    path = files.text.path.parent / received["file"]
    if not path.is_file():
        problems.error(
            loc_of(received, "file"),
            f"{rel} is missing: put it back as received (the essay's text was extracted from it)",
        )
        return False
    if (found := _sha(path.read_bytes())) != received["sha256"]:
        problems.error(
            loc_of(received, "sha256"),
            f"{rel} has changed since it was added (its SHA-256 is now {found}; this metadata records "
            f"{received['sha256']}): restore it as received; if it was received again, add it again "
            "with `new essay --source`",
        )
        return False
    return True


# A web page's markup at the start of a text: a doctype, a comment or a document's tag.
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|!--|(?:html|head|body|meta|article|div|p|section)[\s>/])", re.I)


def html_line(text: str) -> int | None:
    """The line on which ``text`` starts as a web page's markup does, if it does."""
    m = _HTML_START.match(text.lstrip("\ufeff"))
    return None if m is None else text.count("\n", 0, m.end()) + 1


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def claims_of(file: SeedPath, data) -> list[Claim]:
    """The claims of a cross-references file, of the theme it is named for."""
    return records.claims(file.path.stem, data)


class LoadSteps(NamedTuple):
    """The steps of load made per file or per essay, each a function of its arguments alone
    (memoised.py gives load steps that keep their results between builds)."""

    parse_each: Callable[[Sequence[SeedFile]], list[Parsed]] = parse_each
    essay: Callable[[EssayFiles, Any], tuple[Essay | None, list[Problem]]] = essay_of
    letter: Callable[[Essay, str], Essay] = records.lettered
    claims: Callable[[SeedPath, Any], list[Claim]] = claims_of


PLAIN = LoadSteps()


def load(root: Path, problems: Collector, steps: LoadSteps = PLAIN) -> Corpus:
    """Read ``root/seeds`` into a Corpus of what could be read; record every problem."""
    root = root.absolute()  # (messages name files from it: "." would cut their names short)
    seeds = root / "seeds"
    themes = _load_themes(root, seeds / "themes.yml", problems, steps)
    essays = records.year_letters(_load_essays(root, seeds / "essays", problems, steps), steps.letter)
    claims = _load_claims(root, seeds / "crossrefs", problems, steps)
    events = _load_list(root, seeds / "timeline.yml", ("timeline", "events"), records.event, problems, steps)
    figures = _load_list(root, seeds / "figures.yml", ("figures", "figures"), records.figure, problems, steps)
    terms = _load_list(root, seeds / "glossary.yml", ("glossary", "terms"), records.term, problems, steps)
    listed = _check_tree(root, seeds, problems)
    site = load_site(root, problems)
    read = {x.loc.path for x in (*essays, *claims, *themes, *events, *figures, *terms)}
    unreadable = frozenset(path for path in listed if path.endswith(".yml")) - read
    corpus = Corpus(
        essays=tuple(essays),
        themes=tuple(themes),
        claims=tuple(claims),
        events=tuple(events),
        figures=tuple(figures),
        terms=tuple(terms),
        unreadable=unreadable,
        page_citations=tuple(hand_written_pages(root, problems, tuple(f for _, f in site.editions[1:]))),
        site=site,
    )
    return replace(corpus, checks=_checks(root, corpus))


def _checks(root: Path, corpus: Corpus) -> tuple[SourceCheck, ...]:
    """What ``make sources`` last found (its status file, ignored by git), for each essay
    whose original is still at the address that was checked: nothing without the file."""
    quotes: dict[str, list[str]] = {}
    for ev in corpus.evidence():
        quotes.setdefault(ev.essay, []).append(ev.quote)
    urls = {e.slug: e.url for e in corpus.essays}
    return tuple(c for c in source_checks(read_status(root), quotes) if c.url and urls.get(c.slug) == c.url)


def _read(root: Path, path: Path, schema_name: str, problems: Collector, steps: LoadSteps):
    """Parse and check one YAML file; None (with problems recorded) if it is unusable.
    The result is shared, not copied: no caller changes it."""
    data, found = steps.parse_each([SeedFile(rel(root, path), path.read_bytes(), schema_name)])[0]
    problems.extend(found)
    return data


def _load_themes(root: Path, path: Path, problems: Collector, steps: LoadSteps) -> list[Theme]:
    if not path.exists():
        problems.error(SourceLoc(rel(root, path)), "the themes file is missing")
        return []
    data = _read(root, path, "themes", problems, steps)
    return [] if data is None else records.themes(data)


def _load_essays(root: Path, folder: Path, problems: Collector, steps: LoadSteps) -> list[Essay]:
    """The essays of ``folder``."""
    paths = sorted(folder.glob("*.yml"))
    # (all read at once, on every core; their problems are recorded below, in the files' order)
    readable = [path for path in paths if SLUG.match(path.stem) and path.with_suffix(".txt").exists()]
    read = dict(zip(readable, steps.parse_each([SeedFile(rel(root, p), p.read_bytes(), "essay") for p in readable])))
    essays = []
    for path in paths:
        if not SLUG.match(path.stem):
            problems.error(
                SourceLoc(rel(root, path)),
                f"the file name '{path.name}' must be a slug: lower-case letters, digits and hyphens, ending in .yml",
            )
            continue
        source = path.with_suffix(".txt")
        if not source.exists():
            problems.error(SourceLoc(rel(root, path)), f"no raw text for this essay: add {rel(root, source)}")
            continue
        data, found = read[path]
        problems.extend(found)
        files = EssayFiles(path.stem, SeedPath(path, rel(root, path)), SeedPath(source, rel(root, source)))
        essay, found = steps.essay(files, data)
        problems.extend(found)
        if essay is not None:
            essays.append(essay)
    return essays


def _load_list(root: Path, path: Path, names: tuple[str, str], make, problems: Collector, steps: LoadSteps) -> list:
    """The items of an optional seeds file holding one list (the timeline, the figures, the
    glossary); ``names``: its schema's, and its list's."""
    if not path.exists():
        return []
    schema_name, key = names
    data = _read(root, path, schema_name, problems, steps)
    return [] if data is None else [make(item) for item in data[key]]


def _load_claims(root: Path, folder: Path, problems: Collector, steps: LoadSteps) -> list[Claim]:
    """The claims of each cross-references file of ``folder``."""
    claims = []
    for path in sorted(folder.glob("*.yml")):
        data = _read(root, path, "crossrefs", problems, steps)
        if data is not None:
            claims += steps.claims(SeedPath(path, rel(root, path)), data)
    return claims


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
