"""The site's citation file, ``CITATION.cff`` (Citation File Format 1.2.0), as each edition
publishes it at its root: the hand-written ``docs/CITATION.cff`` with what only the build
knows added, the edition's address (CFF's ``url``, when the site's is known: ``SITE_URL``)
and the date of the sources built (``date-released``, from ``SOURCE_DATE_EPOCH``). Every
edition gets the same file but for its address: the Spanish edition links its own from its
about page, and its copy to read offline holds it. Nothing else is added: no version (the
site has no releases; the date says which state of it is cited), and no licence or
repository address unless the hand-written file states them."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..config import source_date

NAME = "CITATION.cff"


def edition_citation(text: str, url: str | None, date: str | None) -> str:
    """The hand-written file's ``text`` with ``url`` and ``date`` (YYYY-MM-DD) added as ``url``
    and ``date-released``, each unless unknown or already stated there (the editors' word
    stands). The values are quoted (a JSON string is a YAML one): CFF's dates are strings."""
    stated = yaml.safe_load(text) or {}
    added = [f"{key}: {json.dumps(value)}\n" for key, value in (("url", url), ("date-released", date)) if value]
    added = [line for line in added if line.split(":")[0] not in stated]
    return text + ("\n" if added and not text.endswith("\n") else "") + "".join(added)


def write_citations(root: Path, built: list[tuple[Path, str]], url: str) -> None:
    """Write into each ``built`` edition (its folder, and its folder in the site: "" for the
    first) its citation file, if the project has one; ``url`` is the site's address ("" when
    not known), without its final "/"."""
    source = root / "docs" / NAME
    if not source.is_file():
        return
    text, date = source.read_text(encoding="utf-8"), source_date()
    for staged, folder in built:
        address = f"{url}/{folder}/" if folder else f"{url}/"
        (staged / NAME).write_text(edition_citation(text, address if url else None, date), encoding="utf-8")
