"""Results kept between builds in one process, for ``make serve``.

``make serve`` builds again in the same process after every edit. Each stage that
costs time per file or per essay (parsing a seeds file, cleaning, finding quotes,
rendering an essay's pages) keeps what it made with the inputs it made it from,
and makes it again only when those inputs differ. Inputs are compared by value
(``==``), so a change anywhere in them counts, and an unchanged one costs little:
Python compares identical objects by identity first.
"""

from __future__ import annotations

from typing import Any, Callable, Generic, Hashable, TypeVar

T = TypeVar("T")


class Memo(Generic[T]):
    """For each key, the last result and the inputs it was made from."""

    every: list[Memo] = []

    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[Any, T]] = {}
        Memo.every.append(self)

    @classmethod
    def forget_everything(cls) -> None:
        """Empty every memo (tests that patch a stage's code start from nothing kept)."""
        for memo in cls.every:
            memo._kept.clear()

    def get(self, key: Hashable, inputs: Any, make: Callable[[], T]) -> T:
        """The result kept for ``key`` if it was made from equal ``inputs``, else ``make()``'s (kept)."""
        kept = self._kept.get(key)
        if kept is None or kept[0] != inputs:
            kept = self._kept[key] = (inputs, make())
        return kept[1]

    def forget(self, key: Hashable) -> None:
        self._kept.pop(key, None)
