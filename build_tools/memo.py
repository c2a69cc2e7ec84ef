"""Results kept between builds in one process, for ``make serve``.

``make serve`` builds again in the same process after every edit, passing the same cache
(:class:`build_tools.memoised.Cache`, made of :class:`Memo` s) to each build. Each stage
that costs time per file or per essay (parsing a seeds file, cleaning, finding quotes,
rendering an essay's pages) keeps in its memo what it made with the inputs it made it
from, and makes it again only when those inputs differ. Inputs are compared by value
(``==``), so a change anywhere in them counts, and an unchanged one costs little: Python
compares identical objects by identity first. A build given no cache keeps nothing: it
makes everything. Each memo's key is a typed record (:class:`FileKey`,
:class:`ParsedKey`, :class:`EssayKey`, :class:`RecordsKey`, :class:`ItemKey`); an input
that must be the very object kept, not an equal one, is wrapped in :class:`Same`. No
stage knows of memos or of the worker pool: ``build_tools/memoised.py`` wraps their
steps per file and per essay, and ``build_tools/kept_pages.py`` rendering's.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, NamedTuple, TypeVar

from . import parallel

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


class RecordsKey(NamedTuple):
    """The records of one kind that the corpus holds (its themes, its glossary's terms...)."""

    kind: str


class ItemKey(NamedTuple):
    """An object of the corpus (a theme, a claim, an essay...) read in an edition's language:
    its kind, where the seeds write it, and the language."""

    kind: str
    path: str
    line: int
    language: str


class Same(Generic[T]):
    """An input compared by identity, not value: what load gave of a file is the very object
    the memo holds only if the file was not read again (read again, its values may compare
    equal though their lines differ)."""

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
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
