"""The character accounts of one raw text: each visible character of the source is shown
unchanged or was consumed by a recorded change, and nothing else is shown."""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter

from .blocks import LAYOUT, MARKS, Block

# The actions that account for the characters of the raw text they concern.
CONSUMING = ("removed", "corrected", "converted")


class Accounts:
    """Which characters of one raw text the recorded changes have accounted for."""

    def __init__(self, raw: str):
        self.raw = raw
        self.state = bytearray(len(raw))  # 0 not yet accounted for, 1 shown, 2 consumed by a change
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.problems: list[str] = []

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def consume(self, origins, rule_name: str) -> None:
        for o in origins:
            if o >= 0:
                if self.state[o]:
                    self._problem(o, f"rule '{rule_name}' accounts again for text already removed")
                self.state[o] = 2

    def balance(self, blocks: list[Block]) -> list[str]:
        """Mark what the blocks show; return the problems if the accounts do not balance."""
        for block in blocks:
            if self._shows_as_it_is(block):
                continue
            added = ""
            for char, o in zip(block.text, block.origins):
                if o >= 0:
                    if self.raw[o] != char:
                        self._problem(o, f"{self.raw[o]!r} is shown as {char!r} with no declared correction")
                    elif self.state[o] == 2:
                        self._problem(o, "text recorded as removed is still shown")
                    self.state[o] = 1
                elif o == LAYOUT and char not in MARKS:
                    added += char
            if added.strip():
                self.problems.append(
                    f"{added.strip()!r} is shown in the block of source line {block.line} "
                    "but is neither in the source nor a declared correction"
                )
        missing = [i for i in _zeros(self.state) if not self.raw[i].isspace()]
        for run in _runs(missing):
            self._problem(run[0], f"text dropped that no rule declared: {self.raw[run[0] : run[-1] + 1][:60]!r}")
        return self.problems

    def _shows_as_it_is(self, block: Block) -> bool:
        """Mark the characters of ``block`` shown, if it shows its source characters as they
        are, none recorded as removed, and adds nothing but marks and spaces: the common
        case, checked on whole strings (any other block is checked character by character,
        to say what is wrong)."""
        origins, text = block.origins, block.text
        if len(origins) < 2:
            return False
        if min(origins) >= 0:
            kept, shown = origins, text
        else:
            kept = tuple(o for o in origins if o >= 0)
            shown = "".join([c for c, o in zip(text, origins) if o >= 0])
            if len(kept) < 2 or any(
                o == LAYOUT and c not in MARKS and not c.isspace() for c, o in zip(text, origins) if o < 0
            ):
                return False
        first, last = kept[0], kept[-1]
        if last - first == len(kept) - 1 and kept == tuple(range(first, last + 1)):  # (one run of the source)
            if self.raw[first : last + 1] != shown or 2 in self.state[first : last + 1]:
                return False
            self.state[first : last + 1] = b"\x01" * len(kept)
            return True
        pick = itemgetter(*kept)
        if "".join(pick(self.raw)) != shown or 2 in pick(self.state):
            return False
        for o in kept:
            self.state[o] = 1
        return True

    def _problem(self, offset: int, message: str) -> None:
        self.problems.append(f"source line {self.line_of(offset)}: {message}")

    def totals(self) -> tuple[int, int]:
        """(characters shown, characters consumed by changes), spaces not counted."""
        spaces = [m.start() for m in _SPACE.finditer(self.raw)]
        states = itemgetter(*spaces)(self.state) if len(spaces) > 1 else tuple(self.state[o] for o in spaces)
        return self.state.count(1) - states.count(1), self.state.count(2) - states.count(2)


_SPACE = re.compile(r"\s")


def _zeros(state: bytearray):
    """The offsets of ``state`` that hold 0."""
    i = state.find(0)
    while i >= 0:
        yield i
        i = state.find(0, i + 1)


def _runs(offsets: list[int]) -> list[list[int]]:
    """Consecutive offsets grouped (a gap of spaces does not break a run)."""
    runs: list[list[int]] = []
    for o in offsets:
        if runs and o - runs[-1][-1] <= 2:
            runs[-1].append(o)
        else:
            runs.append([o])
    return runs
