"""Results kept between builds in one process, for ``make serve``.

``make serve`` builds again in the same process after every edit, passing the same
:class:`Cache` to each build. Each stage that costs time per file or per essay (parsing a
seeds file, cleaning, finding quotes, rendering an essay's pages) keeps in its memo what
it made with the inputs it made it from, and makes it again only when those inputs
differ. Inputs are compared by value (``==``), so a change anywhere in them counts, and
an unchanged one costs little: Python compares identical objects by identity first. A
build given no cache keeps nothing: it makes everything. Each memo's key is a typed
record (:class:`FileKey`, :class:`ParsedKey`, :class:`EssayKey`). The stages up to anchor
know nothing of memos: ``build_tools/memoised.py`` wraps their steps per file and per essay.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from . import parallel
from .essay import Essay, EssayText
from .model import Claim, Evidence, Quote
from .problems import Problem

K = TypeVar("K", bound=Hashable)
In = TypeVar("In")  # (the inputs a result is made from)
T = TypeVar("T")
Item = TypeVar("Item")


def version(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What tells one version of a file from another without reading it: its size, its dates
    (the change date included, which no tool sets back) and its inode."""
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


Version = tuple[int, int, int, int]


class FileKey(NamedTuple):
    """A seeds file, by its path from the project's root."""

    path: str


class ParsedKey(NamedTuple):
    """A seeds file read against one of the schemas."""

    path: str
    schema: str


class EssayKey(NamedTuple):
    """An essay, by its slug."""

    slug: str


class Same:
    """An input compared by identity, not value: what load gave of a file is the very object
    the memo holds only if the file was not read again (read again, its values may compare
    equal though their lines differ)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value  # (held, so that no other object takes its identity)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.value is self.value

    __hash__ = None  # type: ignore[assignment]


class Memo(Generic[K, In, T]):
    """For each key, the last result and the inputs it was made from."""

    def __init__(self) -> None:
        self._kept: dict[K, tuple[In, T]] = {}

    def get(self, key: K, inputs: In, make: Callable[[], T]) -> T:
        """The result kept for ``key`` if it was made from equal ``inputs``, else ``make()``'s (kept)."""
        kept = self._kept.get(key)
        if kept is None or kept[0] != inputs:
            kept = self._kept[key] = (inputs, make())
        return kept[1]

    def get_each(
        self,
        wanted: Sequence[tuple[K, In, Item]],
        make: Callable[[Item], T],
        keep: Callable[[T], bool] = lambda result: True,
    ) -> list[T]:
        """For each ``(key, inputs, item)``, what :meth:`get` gives with ``make(item)``; the
        results not kept are made together, on every core (see :mod:`parallel`), and kept
        if ``keep(result)``."""
        missing = [
            (key, inputs, item)
            for key, inputs, item in wanted
            if (kept := self._kept.get(key)) is None or kept[0] != inputs
        ]
        made = {
            key: (inputs, result)
            for (key, inputs, _), result in zip(missing, parallel.each(make, [item for _, _, item in missing]))
        }
        self._kept.update({key: made_ for key, made_ in made.items() if keep(made_[1])})
        return [made[key][1] if key in made else self._kept[key][1] for key, _, _ in wanted]


# What the memos of the stages up to anchor hold (see build_tools/memoised.py).
Parsed = tuple[Any, list[Problem]]  # a seeds file's data (None if unusable), and its problems
Cleaned = tuple[dict[str, Any], list[Problem]]  # what cleaning made of an essay (its new fields), and its problems
Spots = dict[Evidence, list[tuple[int, int, int]]]  # where each quote of an essay is: (paragraph, start, end)


@dataclass
class Cache:
    """What a build keeps for the next one in the same process: a memo per costly step."""

    # each seeds file, by its bytes (load)
    parsed: Memo[ParsedKey, bytes, Parsed] = field(default_factory=Memo)
    # each essay's text, by its version and its received page's or PDF's (load)
    texts: Memo[FileKey, tuple[Version, Path | None, Version | None], EssayText] = field(default_factory=Memo)
    # each seeds file checked for its meaning, by what load gave of it (validate)
    checked: Memo[FileKey, Same, Parsed] = field(default_factory=Memo)
    # each essay, by what load and validate gave of its metadata and its text (validate)
    essays: Memo[FileKey, tuple[Same, Same], tuple[Essay | None, list[Problem]]] = field(default_factory=Memo)
    # each essay with its year's letter (2013a), by the two (validate)
    lettered: Memo[EssayKey, tuple[Essay, str], Essay] = field(default_factory=Memo)
    # each cross-references file's claims, by its version (validate)
    claims: Memo[FileKey, Version, list[Claim]] = field(default_factory=Memo)
    # the language each essay's text reads as when not its own, by its opening and language (validate)
    languages: Memo[EssayKey, tuple[str, str], str | None] = field(default_factory=Memo)
    # each essay's paragraphs, by its source and rules (clean)
    cleaned: Memo[EssayKey, tuple[str, str, str], Cleaned] = field(default_factory=Memo)
    # each essay with its paragraphs, by the two (clean)
    cleaned_essays: Memo[EssayKey, tuple[Essay, dict[str, Any]], Essay] = field(default_factory=Memo)
    # where each essay's quotes are, by its paragraphs and its quotes (anchor)
    found: Memo[EssayKey, tuple[Any, tuple[Evidence, ...]], Spots] = field(default_factory=Memo)
    # each essay's quotes, by the essay and where they are (anchor)
    quotes: Memo[EssayKey, tuple[Essay, Spots], dict[Evidence, list[Quote]]] = field(default_factory=Memo)
    # the warnings about each essay's long paragraphs, by the essay cleaned (check)
    long_paragraphs: Memo[EssayKey, Essay, list[Problem]] = field(default_factory=Memo)
    # where each of an essay's quotes stands (its warnings), by its quotes and their evidence (check)
    standing: Memo[EssayKey, tuple[tuple[Evidence, Quote], ...], list[tuple[Problem | None, Problem | None]]] = field(
        default_factory=Memo
    )
