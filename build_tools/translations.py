"""``python -m build_tools translations --confirm FILE…``: a translator confirms that the
translations in each file are up to date with their English.

It writes beside each translation the fingerprint of the English it now translates (see
:mod:`build_tools.stages.validate.translated`): an ``es_of:`` line after each ``es:`` block
of a seeds file, or the ``translated_from:`` field of a translated page's front matter.
Nothing else in the file changes. ``make check`` then lists the translation again only
when its English changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import editions, read_config
from .problems import Problem, SeedError, SourceLoc
from .stages.site_files import english_page
from .stages.validate import translated
from .stages.yamlfile import parse_yaml, read_text


def _text(value: str) -> str:
    """``value`` as YAML reads it as text: in quotes if it is digits alone (a number, else)."""
    return f'"{value}"' if value.isdigit() else value


def _end(lines: list[str], start: int, indent: int) -> int:
    """The index after the last line of the field that starts at ``lines[start]`` (its value's
    lines are those below it indented more than ``indent``, blank lines between them)."""
    end = start + 1
    for i in range(start + 1, len(lines)):
        if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) <= indent:
            break
        if lines[i].strip():
            end = i + 1
    return end


def confirm_seeds(text: str, rel: str) -> tuple[str, int]:
    """``text`` (of the seeds file ``rel``) with the fingerprints of every translation's
    English written beside it, and how many translations it holds."""
    lines = text.split("\n")
    edits, count = [], 0
    for container, language in translated.blocks(parse_yaml(text, rel)):
        at = container.key_locs[language]
        indent = at.column - 1
        marks = translated.fingerprints(container, language)
        count += len(marks)
        line = " " * indent + f"{language}_of: {{" + ", ".join(f"{k}: {_text(v)}" for k, v in marks.items()) + "}"
        kept = container.key_locs.get(f"{language}_of")
        start = kept.line - 1 if kept else _end(lines, at.line - 1, indent)
        edits.append((start, _end(lines, start, indent) if kept else start, line))
    for start, end, line in sorted(edits, reverse=True):
        lines[start:end] = [line]
    return "\n".join(lines), count


def confirm_page(text: str, english: str) -> str:
    """A translated page's ``text`` with the fingerprints of the ``english`` page's passages
    in its front matter (``translated_from:``), which it gets if it has none."""
    field = f"{translated.PAGE_FIELD}: " + _text(" ".join(mark for _, mark in translated.passages(english)))
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return "\n".join(["---", field, "---", *lines])
    end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    kept = next((i for i in range(1, end) if lines[i].startswith(f"{translated.PAGE_FIELD}:")), None)
    if kept is None:
        lines.insert(end, field)
    else:
        lines[kept] = field
    return "\n".join(lines)


WHAT = "name a seeds file (seeds/….yml) or a translated page (docs/es/….md), from the project's folder"


def confirm(root: Path, name: str) -> str:
    """Confirm the translations of the file ``name``: what was done, in one sentence."""
    path = (root / name).resolve()
    if not path.is_file() or not path.is_relative_to(root.resolve()):
        raise SeedError([Problem(SourceLoc(name), f"no such file in this project: {WHAT}")])
    rel = path.relative_to(root.resolve()).as_posix()
    text = read_text(path, rel)
    if rel.endswith(".yml"):
        confirmed, count = confirm_seeds(text, rel)
        said = f"{rel}: confirmed {count} translation{'s' if count != 1 else ''}"
    else:
        folders = tuple(f for _, f in editions(read_config(root / "mkdocs.yml"))[1:])
        english = english_page(rel, folders)
        if not english or not (root / english).exists():
            raise SeedError([Problem(SourceLoc(rel), f"this page translates no page of docs/: {WHAT}")])
        confirmed = confirm_page(text, read_text(root / english, english))
        said = f"{rel}: confirmed as the translation of {english} as it is now"
    if confirmed != text:
        path.write_text(confirmed, encoding="utf-8")
    return said


def cmd_translations(args) -> int:
    try:
        for name in args.files:
            print(confirm(args.root, name))
    except (SeedError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The ``translations`` command, in the command line's parser."""
    parser = sub.add_parser("translations", help="confirm that the translations in files are up to date")
    parser.add_argument(
        "--confirm",
        dest="files",
        nargs="+",
        required=True,
        metavar="FILE",
        help="a seeds file or a translated page of docs/ whose translations match their English as it is now",
    )
    parser.set_defaults(fn=cmd_translations)
