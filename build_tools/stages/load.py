"""Stage 1, load: read every seeds file, check it against its schema, build the model.

Only this stage reads the seeds. It records every problem of every file (malformed
YAML, a missing field, a file in the wrong place) and returns a :class:`Corpus` of
what could be read, so that ``validate`` can report its problems in the same run.
The essays still hold their raw text (``clean`` comes next).
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import html
import os
import posixpath
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from string import ascii_lowercase
from urllib.parse import unquote

import yaml

from ..config import editions, read_config
from ..folders import GENERATED
from ..formats.markdown_text import shorten
from ..formats.page_citations import find_citations
from ..languages import TRANSLATED
from ..memo import Cache, Memo, version
from ..model import (
    Author,
    Claim,
    Corpus,
    Essay,
    EssayDate,
    Event,
    Evidence,
    Figure,
    PageCitation,
    Rule,
    Site,
    Term,
    Theme,
    Translated,
)
from ..problems import Collector, Problem, SeedError, SourceLoc
from . import schema
from .yamlfile import LocDict, LocList, compose_yaml, decode_text, loc_of, parse_yaml, read_text

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load(root: Path, problems: Collector, cache: Cache | None = None) -> Corpus:
    """Read ``root/seeds`` into a Corpus of what could be read; record every problem. A file
    whose version (size, dates, inode) the ``cache`` holds is not read again, nor its essay
    or claims made again."""
    root = root.absolute()  # (messages name files from it: "." would cut their names short)
    seeds, kept = root / "seeds", cache or Cache()
    parsed = kept.parsed
    themes = _load_themes(root, seeds / "themes.yml", problems, parsed)
    essays = _year_letters(_load_essays(root, seeds / "essays", problems, parsed, kept.essays), kept.lettered)
    claims = _load_claims(root, seeds / "crossrefs", problems, parsed, kept.claims)
    events = _load_list(root, seeds / "timeline.yml", "timeline", "events", _event, problems, parsed)
    figures = _load_list(root, seeds / "figures.yml", "figures", "figures", _figure, problems, parsed)
    terms = _load_list(root, seeds / "glossary.yml", "glossary", "terms", _term, problems, parsed)
    listed = _check_tree(root, seeds, problems)
    site = _load_site(root, problems)
    read = {x.loc.path for x in (*essays, *claims, *themes, *events, *figures, *terms)}
    unreadable = frozenset(path for path in listed if path.endswith(".yml")) - read
    return Corpus(
        essays=tuple(essays),
        themes=tuple(themes),
        claims=tuple(claims),
        events=tuple(events),
        figures=tuple(figures),
        terms=tuple(terms),
        unreadable=unreadable,
        page_citations=tuple(_hand_written_pages(root, problems)),
        site=site,
    )


def _load_site(root: Path, problems: Collector) -> Site:
    """The site's name and public address (mkdocs.yml), and the date of the sources built."""
    path = root / "mkdocs.yml"
    try:
        config = read_config(path) if path.exists() else {}
    except yaml.YAMLError as exc:
        try:  # (a mistake in its layout is said as in a seeds file, where it is)
            compose_yaml(path.read_text(encoding="utf-8"), _rel(root, path))
        except SeedError as plain:
            problems.problems.extend(plain.problems)
            return Site()
        mark = getattr(exc, "problem_mark", None)
        loc = SourceLoc(_rel(root, path), mark.line + 1, mark.column + 1) if mark else SourceLoc(_rel(root, path))
        problems.error(loc, f"this line cannot be read: {getattr(exc, 'problem', None) or exc}")
        return Site()
    url = (config.get("site_url") or "").strip() or None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    built = datetime.fromtimestamp(int(epoch), UTC).date().isoformat() if epoch.isdigit() else None
    language = (config.get("theme") or {}).get("language") or Site.language
    found = editions(config)
    where = SourceLoc(_rel(root, path))
    if found[0] != (language, ""):
        problems.error(
            where,
            f"the first edition in extra.alternate must be the site itself: lang '{language}' "
            "(theme.language) and link './'",
        )
    for other, folder in found[1:]:
        if other not in TRANSLATED or folder != other:
            problems.error(
                where,
                f"the edition '{other}' in extra.alternate needs its link to be '{other}/' and the site's words "
                f"in build_tools/locales/{other}.yml (languages with them: {', '.join(TRANSLATED) or 'none'})",
            )
    return Site(
        name=config.get("site_name", Site.name),
        url=url and url.rstrip("/") + "/",
        date=built,
        language=language,
        editions=found,
    )


def _hand_written_pages(root: Path, problems: Collector) -> list:
    """The citations (``[[claim:…]]``, ``[[essay#p-…]]``) in the hand-written pages of docs/;
    the problems of their front matter are recorded."""
    docs, citations = root / "docs", []
    for path in _hand_written(docs):
        rel = _rel(root, path)
        text = read_text(path, rel)
        _front_matter(text, rel, problems)
        citations += [
            PageCitation(SourceLoc(rel, ref.line, ref.column), ref.text, ref.claim, ref.essay, ref.paragraph)
            for ref in find_citations(text)
        ]
    return citations


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


def _front_matter(text: str, rel: str, problems: Collector) -> None:
    """Check a page's front matter (between a first line '---' and the next '---'), which
    MkDocs would drop without a word if it cannot read it, building the page anyway."""
    if not re.match(r"---[ \t]*\n", text):
        return
    end = _FRONT_MATTER_END.search(text, text.index("\n") + 1)
    if end is None:
        problems.error(SourceLoc(rel, 1), "the front matter that starts here is never closed: end it with a line '---'")
        return
    try:  # (the leading newline keeps the lines of the page)
        data = parse_yaml("\n" + text[text.index("\n") + 1 : end.start()], rel)
    except SeedError as exc:
        problems.problems.extend(p for p in exc.problems if p.message != "the file is empty")
        return
    if not isinstance(data, LocDict):
        problems.error(SourceLoc(rel, 2), "the front matter must be fields, one 'name: value' a line")
    else:
        problems.problems.extend(_unsafe_text(data))


def _rel(root: Path, path: Path) -> str:
    """``path`` (inside ``root``) from ``root``, as the messages write it."""
    return path.as_posix()[len(root.as_posix()) :].lstrip("/")


def _read(root: Path, path: Path, schema_name: str, problems: Collector, parsed: Memo):
    """Parse and schema-check one YAML file; None (with problems recorded) if it is unusable.
    The result is shared, not copied: no caller changes it."""
    data, found = _read_each(root, [path], schema_name, parsed)[0]
    problems.problems.extend(found)
    return data


def _read_each(root: Path, paths: list[Path], schema_name: str, parsed: Memo) -> list[tuple[object, list[Problem]]]:
    """Each YAML file of ``paths`` parsed and schema-checked (on every core when there are
    many: a thousand essays' metadata takes a second on one), with its problems; a file
    whose bytes ``parsed`` holds is not parsed again."""
    wanted = []
    for path in paths:
        rel, content = _rel(root, path), path.read_bytes()
        wanted.append(((rel, schema_name), content, (content, rel)))
    return parsed.get_each(wanted, lambda item: _parse(*item, schema_name))


def _parse(content: bytes, rel: str, schema_name: str) -> tuple[object, list[Problem]]:
    try:
        data = parse_yaml(decode_text(content, rel), rel)
    except SeedError as exc:
        return None, exc.problems
    found = schema.check(schema_name, data)
    flagged = {f.loc for f in found}
    found += [p for p in _unsafe_text(data) if p.loc not in flagged]
    flagged |= {f.loc for f in found}  # (markup is one mistake: not Markdown too)
    found += [p for p in (*_markdown(data), *_impossible_dates(data)) if p.loc not in flagged]
    return (None if found else data), found


def _strings(data):
    """(container, key, text) for every text anywhere in a parsed seeds file."""
    items = data.items() if isinstance(data, LocDict) else enumerate(data) if isinstance(data, LocList) else ()
    for key, value in items:
        if isinstance(value, str):
            yield data, key, value
        else:
            yield from _strings(value)


_DATE_FIELDS = ("date", "accessed", "added")


def _impossible_dates(data):
    """Problems for dates that have the right form but are not in the calendar (2021-02-30)."""
    for container, key, value in _strings(data):
        if key in _DATE_FIELDS and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            try:
                date.fromisoformat(value)
            except ValueError:
                yield Problem(
                    loc_of(container, key),
                    f"'{key}' is {value}, which is not a day of the calendar: check the day and the month",
                )


# Markup an editor's text must not carry. It would be shown as plain text anyway (the
# renderer escapes everything), but it is refused so no one believes it will work.
# Both are looked for in the text as written and as a browser could decode it:
# character references (&#106;), percent-encoding (%6A) and, for addresses, with the
# blanks and control characters a browser skips inside a scheme (jav&#x09;ascript:).
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|<!--")
_SCRIPT_URL = re.compile(r"(?i)(?:java|vb)script:|data:[a-z]+/[a-z0-9.+-]+[;,]")
_SKIPPED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2060\ufeff]+")


def _decoded(text: str) -> str:
    """``text`` with character references and percent-escapes undone (nested ones too)."""
    for _ in range(3):
        before, text = text, unquote(html.unescape(text))
        if text == before:
            break
    return text


def _unsafe_text(data):
    """Problems for raw HTML tags or script addresses in any text of a seeds file."""
    for container, key, value in _strings(data):
        decoded = _decoded(value)
        tag = _HTML_TAG.search(value) or _HTML_TAG.search(decoded)
        url = _SCRIPT_URL.search(_SKIPPED_IN_SCHEME.sub("", decoded))
        if tag:
            yield Problem(
                loc_of(container, key),
                f"raw HTML ({tag.group(0)[:40]!r}) is not allowed in {_field_name(key)}: write plain text",
            )
        if url:
            yield Problem(
                loc_of(container, key),
                f"a {url.group(0).split(':')[0].lower()}: address is not allowed in {_field_name(key)}",
            )


# The fields written in the project's own words, shown as plain text: Markdown there would
# show as its characters (quotes and cleaning rules hold the source's words, whatever they are).
OWN_WORDS = (
    "title",
    "title_note",
    "summary",
    "about",
    "rights",
    "date_note",
    "question",
    "intro",
    "claim",
    "note",
    "measures",
    "definition",
    "expansion",
)
MARKDOWN = re.compile(
    r"\[[^\]\n]+\]\s*[(\[]|\*\*\S[^*]*\*\*|(?<![\w*])\*[^*\s][^*\n]*\*(?![\w*])|`[^`\n]+`|^#{1,6} ", re.MULTILINE
)


def _markdown(data):
    """Problems for Markdown syntax (a link, emphasis, code, a heading) in the fields in our own words."""
    for container, key, value in _strings(data):
        if key in OWN_WORDS and (found := MARKDOWN.search(value)):
            snippet = shorten(value[found.start() :].split("\n")[0], 40)
            yield Problem(
                loc_of(container, key),
                f"'{key}' holds Markdown ({snippet!r}), which would "
                "show as typed: write plain text, and put a web address in the essay's 'url' field",
            )


def _field_name(key) -> str:
    return f"'{key}'" if isinstance(key, str) else "this list"


def _load_themes(root: Path, path: Path, problems: Collector, parsed: Memo) -> list[Theme]:
    if not path.exists():
        problems.error(SourceLoc(_rel(root, path)), "the themes file is missing")
        return []
    data = _read(root, path, "themes", problems, parsed)
    if data is None:
        return []
    return [
        Theme(
            id=t["id"],
            title=t["title"],
            question=t["question"],
            intro=paragraphs(t["intro"]),
            related=tuple(t.get("related", ())),
            loc=t.loc,
            translated=_translated(t),
        )
        for t in data["themes"]
    ]


def paragraphs(text: str) -> tuple[str, ...]:
    """An editorial text's paragraphs (a theme's introduction): blank lines separate them."""
    return tuple(p.strip() for p in re.split(r"\n\s*\n", text.strip()))


def _load_essays(root: Path, folder: Path, problems: Collector, parsed: Memo, kept: Memo) -> list[Essay]:
    """The essays of ``folder``; one whose metadata and text files are at the versions ``kept``
    holds it by is not made again (not compared by value: values read from YAML compare
    equal whatever their lines)."""
    paths = sorted(folder.glob("*.yml"))
    # (all read at once, on every core; their problems are recorded below, in the files' order)
    readable = [path for path in paths if SLUG.match(path.stem) and path.with_suffix(".txt").exists()]
    read = dict(zip(readable, _read_each(root, readable, "essay", parsed)))
    essays = []
    for path in paths:
        rel = _rel(root, path)
        if not SLUG.match(path.stem):
            problems.error(
                SourceLoc(rel),
                f"the file name '{path.name}' must be a slug: lower-case letters, digits and hyphens, ending in .yml",
            )
            continue
        source = path.with_suffix(".txt")
        if not source.exists():
            problems.error(SourceLoc(rel), f"no raw text for this essay: add {_rel(root, source)}")
            continue
        data, found = read[path]
        problems.problems.extend(found)
        essay, found = kept.get(
            rel,
            (version(path.stat()), version(source.stat())),
            functools.partial(_essay_of, root, path.stem, data, source),
        )
        problems.problems.extend(found)
        if essay is not None:
            essays.append(essay)
    return essays


def _essay_of(root: Path, slug: str, data, source: Path) -> tuple[Essay | None, list[Problem]]:
    """The essay of metadata ``data`` (None if it could not be read) and raw text ``source``, if
    the text can be read and is the one received; and the problems found."""
    problems = Collector()
    source_bytes = source.read_bytes()
    try:
        raw = decode_text(source_bytes, _rel(root, source))
    except SeedError as exc:
        return None, exc.problems
    if not raw.strip():
        problems.error(
            SourceLoc(_rel(root, source), 1),
            "the text is empty: save the essay's text, exactly as received, in this file",
        )
    elif data is not None and _source_unchanged(root, source, data, sha := _sha(source_bytes), problems):
        received = source_bytes.decode("utf-8") if source_bytes.startswith(codecs.BOM_UTF8) else raw
        return _essay(slug, data, raw, received, _rel(root, source), sha), problems.problems
    return None, problems.problems


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _source_unchanged(root: Path, source: Path, data, found: str, problems: Collector) -> bool:
    """Whether the raw text is the one received, as the SHA-256 that `new essay` recorded
    in the metadata says (a missing record is a warning that gives the line to add)."""
    rel = _rel(root, source)
    recorded = data.get("source_sha256")
    if recorded is None:
        problems.warning(
            data.loc,
            f"no record of the raw text as received: add the line "
            f"'source_sha256: {found}' (the SHA-256 of {rel} as it is now)",
        )
    elif recorded != found:
        problems.error(
            loc_of(data, "source_sha256"),
            f"{rel} has changed since it was added "
            f"(its SHA-256 is now {found}; this metadata records {recorded}): never edit "
            "the raw text — restore it as received and declare changes as cleaning rules; "
            "if the source itself was received again, update 'source_sha256'",
        )
        return False
    return True


def _essay(slug: str, data, raw: str, received: str, source_path: str, source_sha256: str) -> Essay:
    rules = data["cleaning"]
    return Essay(
        slug=slug,
        title=data["title"],
        title_note=data.get("title_note"),
        summary=data.get("summary"),
        authors=tuple(
            Author(a.get("given", ""), a.get("organization") or a["family"], a.get("about")) for a in data["authors"]
        ),
        genre=data["genre"],
        outlet=data.get("outlet"),
        section=data.get("section"),
        series=data.get("series"),
        publisher=data.get("publisher"),
        accessed=data.get("accessed"),
        date=EssayDate(data["date"], data["date_precision"], data.get("date_note")),
        url=data.get("url"),
        archive_url=data.get("archive_url"),
        url_loc=loc_of(data, "url") if "url" in data else None,
        archive_url_loc=loc_of(data, "archive_url") if "archive_url" in data else None,
        language=data.get("language", "en"),
        added=data.get("added"),
        rights=data["rights"],
        themes=tuple(data["themes"]),
        theme_locs=tuple(loc_of(data["themes"], i) for i in range(len(data["themes"]))),
        rules=tuple(
            Rule(r["rule"], {k: v for k, v in r.items() if k != "rule"}, loc_of(rules, i)) for i, r in enumerate(rules)
        ),
        raw=raw.replace("\r\n", "\n").replace("\r", "\n"),
        received=received,
        loc=data.loc,
        source_path=source_path,
        source_sha256=source_sha256,
        translated=_translated(data),
    )


def _year_letters(essays: list[Essay], kept: Memo) -> list[Essay]:
    """The essays, those by the same author(s) in the same year lettered a, b, … in order
    of date, then title (as author–date styles do: 2013a, 2013b); an essay lettered as
    ``kept`` holds it is the one kept (the same object from one build to the next)."""
    groups: dict[tuple, list[Essay]] = {}
    for essay in essays:
        groups.setdefault((essay.short_author, essay.date.year), []).append(essay)
    letters = {}
    for group in groups.values():
        if len(group) > 1:
            ordered = sorted(group, key=lambda e: (e.date.value, e.title, e.slug))
            letters.update({e.slug: ascii_lowercase[i] for i, e in enumerate(ordered)})
    return [
        kept.get(e.slug, (e, letters[e.slug]), functools.partial(replace, e, year_letter=letters[e.slug]))
        if e.slug in letters
        else e
        for e in essays
    ]


def _load_list(root: Path, path: Path, schema_name: str, key: str, make, problems: Collector, parsed: Memo) -> list:
    """The items of an optional seeds file holding one list (the timeline, the figures, the glossary)."""
    if not path.exists():
        return []
    data = _read(root, path, schema_name, problems, parsed)
    return [] if data is None else [make(item) for item in data[key]]


def _passage(data) -> Evidence:
    speaker = data.get("speaker") or {}
    return Evidence(
        essay=data["essay"],
        quote=data["quote"],
        loc=loc_of(data, "quote"),
        prefix=data.get("prefix"),
        suffix=data.get("suffix"),
        speaker=speaker.get("name"),
        speaker_role=speaker.get("role"),
        translation=data.get("translation"),
        translated=_translated(data),
    )


# The seeds' names of translated fields that the model names otherwise.
_MODEL_FIELD = {"role": "speaker_role"}


def _translated(data) -> Translated:
    """The editorial fields of ``data`` written in the site's other languages (a block per
    language, ``es:``), as (language, field of the model, text)."""
    return tuple(
        (language, _MODEL_FIELD.get(name, name), text)
        for language in TRANSLATED
        for name, text in (data.get(language) or {}).items()
    )


def _event(data) -> Event:
    return Event(
        id=data["id"],
        date=EssayDate(data["date"], data["date_precision"], data.get("date_note")),
        title=data["title"],
        summary=data.get("summary"),
        themes=tuple(data["themes"]),
        passages=tuple(_passage(p) for p in data["passages"]),
        projection=data.get("kind") == "projection",
        loc=data.loc,
        translated=_translated(data),
    )


def _figure(data) -> Figure:
    return Figure(
        id=data["id"],
        figure=data["figure"],
        measures=data["measures"],
        themes=tuple(data["themes"]),
        passage=_passage(data["passage"]),
        loc=data.loc,
        year=data.get("year"),
        translated=_translated(data),
    )


def _term(data) -> Term:
    return Term(
        term=data["term"],
        definition=data["definition"],
        expansion=data.get("expansion"),
        language=data.get("language", "en"),
        forms=(data["term"], *data.get("also", ())),
        loc=data.loc,
        translated=_translated(data),
    )


def _load_claims(root: Path, folder: Path, problems: Collector, parsed: Memo, kept: Memo) -> list[Claim]:
    """The claims of each cross-references file of ``folder``; a file at the version ``kept``
    holds its claims by is not made into claims again."""
    claims = []
    for path in sorted(folder.glob("*.yml")):
        data = _read(root, path, "crossrefs", problems, parsed)
        if data is not None:
            claims += kept.get(_rel(root, path), version(path.stat()), functools.partial(_claims, path.stem, data))
    return claims


def _claims(theme: str, data) -> list[Claim]:
    return [
        Claim(
            id=c["id"],
            theme=theme,
            title=c["title"],
            claim=c["claim"],
            evidence=tuple(replace(_passage(e), note=e.get("note"), relation=e.get("relation")) for e in c["evidence"]),
            loc=c.loc,
            added=c.get("added"),
            translated=_translated(c),
        )
        for c in data["claims"]
    ]


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
    for rel in listed:
        parent, name = posixpath.split(rel)
        if name.startswith("."):
            continue
        folder = parent.removeprefix("seeds").lstrip("/").replace(".", "")
        expected, suffix = _EXPECTED.get(folder), posixpath.splitext(name)[1]
        if expected is None or (folder == "" and name not in expected):
            problems.error(
                SourceLoc(rel),
                "this file is in the wrong folder: essays go in seeds/essays/, cross-references in seeds/crossrefs/",
            )
        elif folder and suffix not in expected:
            hint = " (name it .yml, not .yaml)" if suffix == ".yaml" else ""
            problems.error(
                SourceLoc(rel),
                f"unexpected file in seeds/{folder}/{hint}: only {' and '.join(expected)} files belong here",
            )
        elif folder == "essays" and suffix == ".txt" and rel[:-4] + ".yml" not in present:
            problems.error(SourceLoc(rel), f"no metadata for this text: add {rel[:-4]}.yml")
    return listed
