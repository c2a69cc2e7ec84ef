"""``python -m build_tools new essay|claim``: start a seeds file for an editor to fill in.

The skeletons are made from the JSON Schemas, so they always list every field with
its description: required fields are left empty (``make check`` names each one
until it is filled), optional ones are commented out. Nothing existing is
overwritten, and the raw text is copied byte for byte; a web page or a PDF is copied
byte for byte beside the text extracted from it (see :mod:`build_tools.extract`).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import textwrap
from datetime import date
from pathlib import Path

from . import extract
from .languages import TRANSLATED
from .stages.load import SLUG
from .stages.schema import ID_PATTERN, schema
from .stages.validate.files import html_line
from .stages.yamlfile import decode_text, load_yaml

_WIDTH = 88


class ScaffoldError(Exception):
    """The command cannot be carried out; the message says why and what to do."""


# What a field left out of the skeleton is called, where "optional" would not be true.
_LEFT_OUT = {"relation": "(on every quote but the first)"}


def skeleton(
    node: dict, indent: str = "", hints: dict[str, str] | None = None, values: dict[str, str] | None = None
) -> list[str]:
    """YAML lines for an object schema: each field under its description, empty to fill in
    (or with its value from ``values``)."""
    hints, values = hints or {}, values or {}
    lines: list[str] = []
    # (where a schema allows one of several sets of fields, the first is shown to fill in)
    required = node.get("required") or node.get("oneOf", [{}])[0].get("required", ())
    # (a field's Spanish, the "es:" block, comes after the fields it translates)
    for key, prop in sorted(node["properties"].items(), key=lambda field: field[0] in TRANSLATED):
        if key.endswith("_of") and key[:-3] in TRANSLATED:
            continue  # (a translation's fingerprints, which `translations --confirm` writes)
        optional = key not in required and key not in values
        text = prop["description"] + hints.get(key, "")
        if "enum" in prop:
            text += " One of: " + ", ".join(prop["enum"]) + "."
        lines += [
            f"{indent}# {line}"
            for line in textwrap.wrap(
                (_LEFT_OUT.get(key, "(optional)") + " " if optional else "") + text, _WIDTH - len(indent) - 2
            )
        ]
        field = f"{indent}{'# ' if optional else ''}{key}:"
        items = prop.get("items", {})
        if items.get("type") == "object":
            lines.append(field)
            item = _list_item(skeleton(items, indent + "    ", hints, values), indent + "  ")
            # (an optional list's item is commented out with it, "  # - label:")
            lines += [re.sub(r"^( *)([^ #])", r"\1# \2", line) for line in item] if optional else item
        elif prop.get("type") == "array":
            lines.append(f"{field} []")
        else:
            lines.append(f"{field} {values[key]}" if key in values else field)
    return lines


def _list_item(lines: list[str], indent: str) -> list[str]:
    """Make the first field of an item's lines the start of a YAML list item."""
    first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
    return (
        [indent + line.lstrip() for line in lines[:first]]
        + [indent + "- " + lines[first].lstrip()]
        + lines[first + 1 :]
    )


def new_essay(root: Path, slug: str, source: Path) -> list[Path]:
    """Copy the raw text in and write a metadata skeleton; return the files created (the
    metadata, the text, and the web page or PDF as received, whose text is extracted)."""
    if not SLUG.match(slug):
        raise ScaffoldError(
            f"the slug '{slug}' must be lower-case letters, digits and hyphens, "
            "e.g. perez-rocha-2019 (family name and year)"
        )
    folder = root / "seeds" / "essays"
    text_path, meta_path = folder / f"{slug}.txt", folder / f"{slug}.yml"
    for path in (text_path, meta_path):
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root)} already exists: choose another slug")
    if not source.is_file():
        raise ScaffoldError(f"{source}: no such file")
    raw = source.read_bytes()
    text, received, values = _extracted(root, folder / slug, source, raw)
    themes = ", ".join(_theme_ids(root))
    lines = skeleton(
        schema("essay"),
        hints={
            "themes": f" Themes: {themes}.",
            "date": ' Write it in quotes, e.g. "2019-06".',
            "cleaning": " Start with none; see CONTRIBUTING.md for the rules.",
        },
        values={"source_sha256": hashlib.sha256(text).hexdigest(), "added": f'"{date.today().isoformat()}"', **values},
    )
    _write(meta_path, _header("essay") + "\n".join(lines) + "\n")
    if received is not None:
        _write(received, raw)
    _write(text_path, text)
    return [meta_path, text_path, *([received] if received else [])]


def _extracted(root: Path, stem: Path, source: Path, raw: bytes) -> tuple[bytes, Path | None, dict[str, str]]:
    """The essay's text from the file received (``raw``): the file itself if it is text, or the
    text extracted from a web page or PDF; where that file is to be kept (None for text), and
    the metadata that says how the text was made."""
    kind = extract.kind_of(source.name, raw)
    if kind is None and html_line(decode_text(raw, str(source))) is not None:  # (refuses text that is not UTF-8)
        kind = "html"
    if kind is None:
        if not decode_text(raw, str(source)).strip():
            raise ScaffoldError(f"{source}: the text is empty: save the essay's text in it first")
        return raw, None, {}
    received = stem.with_suffix(f".{kind}")
    if received.exists():
        raise ScaffoldError(f"{received.relative_to(root)} already exists: choose another slug")
    try:
        text = extract.text_of(kind, raw).encode("utf-8")
    except extract.ExtractionError as exc:
        raise ScaffoldError(f"{source}: {exc}") from None
    sha = hashlib.sha256(raw).hexdigest()
    return (
        text,
        received,
        {"received": f'{{file: {received.name}, sha256: {sha}, extracted_with: "{extract.extractor(kind)}"}}'},
    )


def new_claim(root: Path, theme: str, claim_id: str | None) -> Path:
    """Append a claim skeleton to the theme's cross-references; return the file."""
    themes = _theme_ids(root)
    if theme not in themes:
        raise ScaffoldError(f"unknown theme '{theme}' (themes: {', '.join(themes)})")
    if claim_id is not None and not ID_PATTERN.match(claim_id):
        raise ScaffoldError(
            f"the id '{claim_id}' must be lower-case letters, digits and hyphens, starting with a letter"
        )
    if claim_id is not None:
        _refuse_existing_claim(root, claim_id)
    essays = ", ".join(sorted(p.stem for p in (root / "seeds" / "essays").glob("*.yml")))
    claim = schema("crossrefs")["properties"]["claims"]["items"]
    lines = _list_item(
        skeleton(
            claim,
            "    ",
            {"essay": f" Essays: {essays}."},
            {**({"id": claim_id} if claim_id else {}), "added": f'"{date.today().isoformat()}"'},
        ),
        "  ",
    )
    path = root / "seeds" / "crossrefs" / f"{theme}.yml"
    before = path.read_text(encoding="utf-8") if path.exists() else (_header("crossrefs") + "claims:\n")
    _write(path, before.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n")
    return path


def _refuse_existing_claim(root: Path, claim_id: str) -> None:
    for path in sorted((root / "seeds" / "crossrefs").glob("*.yml")):
        rel = path.relative_to(root).as_posix()
        for claim in (load_yaml(path, rel) or {}).get("claims") or ():
            if claim.get("id") == claim_id:
                raise ScaffoldError(f"a claim with the id '{claim_id}' already exists ({claim.loc}): choose another id")


def _theme_ids(root: Path) -> list[str]:
    data = load_yaml(root / "seeds" / "themes.yml", "seeds/themes.yml")
    return [t["id"] for t in data["themes"]]


def _header(schema_name: str) -> str:
    """The first lines of a new seeds file (essays/ and crossrefs/ are both two levels down)."""
    return (
        f"# yaml-language-server: $schema=../../build_tools/schemas/{schema_name}.schema.json\n"
        "# Fill in every empty field; lines starting with '# field:' are optional.\n"
        "# Then run `make check`: it names each field still to fill.\n"
    )


def _write(path: Path, content: str | bytes) -> None:
    """Write a file whole or not at all (temporary file, then rename)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
