"""Results kept between builds in one process, for ``make serve``.

``make serve`` builds again in the same process after every edit. Each stage that
costs time per file or per essay (parsing a seeds file, cleaning, finding quotes,
rendering an essay's pages) keeps what it made with the inputs it made it from,
and makes it again only when those inputs differ. Inputs are compared by value
(``==``), so a change anywhere in them counts, and an unchanged one costs little:
Python compares identical objects by identity first.
"""

from __future__ import annotations

from typing import Any, Callable, Generic, Hashable, Sequence, TypeVar

from . import parallel

T = TypeVar("T")
I = TypeVar("I")


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

    def get_each(self, wanted: Sequence[tuple[Hashable, Any, I]], make: Callable[[I], T],
                 keep: Callable[[T], bool] = lambda result: True) -> list[T]:
        """For each ``(key, inputs, item)``, what :meth:`get` gives with ``make(item)``; the
        results not kept are made together, on every core (see :mod:`parallel`), and kept
        if ``keep(result)``."""
        missing = [(key, inputs, item) for key, inputs, item in wanted
                   if (kept := self._kept.get(key)) is None or kept[0] != inputs]
        made = {key: (inputs, result) for (key, inputs, _), result
                in zip(missing, parallel.each(make, [item for _, _, item in missing]))}
        self._kept.update({key: made_ for key, made_ in made.items() if keep(made_[1])})
        return [made[key][1] if key in made else self._kept[key][1] for key, _, _ in wanted]

    def forget(self, key: Hashable) -> None:
        self._kept.pop(key, None)
