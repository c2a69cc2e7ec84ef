"""The folders of ``docs/`` that the generator owns, defined once: the write stage writes
only there, ``make clean`` removes them, the engine links their files into the site, and
the hand-written pages are everything else. And the templates' folder, which the render
stage reads and ``make serve`` watches."""

from __future__ import annotations

import functools
from pathlib import Path

from .languages import TRANSLATED

TEMPLATES = Path(__file__).parent / "templates"

# The folders of docs/ that the write stage writes: the one list (a test checks that
# .gitignore names each). Each edition in another language than the site's has the same in
# its folder, named by its language (docs/es/essays/, …).
_OWNED = ("essays", "themes", "reference", "snippets")


def edition_folders(folder: str) -> tuple[str, ...]:
    """The generated folders of the edition in ``folder`` ("" for the first, at docs/ itself)."""
    return tuple(f"{folder}/{name}" for name in _OWNED) if folder else _OWNED


GENERATED = edition_folders("") + tuple(name for language in TRANSLATED for name in edition_folders(language))
# And the copy of the site's assets that each such edition gets when it is built (each is a
# site of its own: build_tools/site/engines.py), which the write stage leaves alone.
COPIED = tuple(f"{language}/assets" for language in TRANSLATED)


def generated(path: str, folders: tuple[str, ...] = GENERATED) -> bool:
    """Whether ``path`` (under docs/) lies in one of the generated ``folders``."""
    return path.startswith(_inside(folders)) and "/../" not in f"/{path}/"


@functools.cache
def _inside(folders: tuple[str, ...]) -> tuple[str, ...]:
    """What the path of a file in one of ``folders`` starts with (a build asks of every page)."""
    return tuple(folder + "/" for folder in folders)
