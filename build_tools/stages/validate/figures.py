"""The checks of the key figures: each number a figure gives is in the passage that gives
it (in any of its written forms), and a translation of a figure says more than how the
number is written, which each edition does itself."""

from __future__ import annotations

import re
import unicodedata

from ...model import Corpus, Figure
from ...problems import Collector
from .numbers import DIGITS, numbers, written


def check_figures(corpus: Corpus, problems: Collector) -> None:
    """Record each figure whose number its passage does not hold (an error), and each
    translation of a figure that only writes its number otherwise (a warning)."""
    for figure in corpus.figures:
        in_passage = numbers(figure.passage.quote)
        missing = [
            m
            for m, found in zip(DIGITS.finditer(figure.figure), written(figure.figure, english=True))
            if not found & in_passage
        ]
        if missing:
            problems.error(
                figure.passage.loc,
                f"the passage of figure '{figure.id}' does not give its number {missing[0][0]} "
                f"(in digits or in words): quote the words that give '{figure.figure}', or correct the 'figure'",
            )
        for language, field, text in figure.translated:
            if field == "figure" and _only_written_otherwise(figure, text):
                problems.warning(
                    figure.loc,
                    f"the '{language}:' figure '{text}' differs from '{figure.figure}' only in how the number is "
                    f"written, which each edition does itself: remove 'figure' from the '{language}:' block",
                )


def _only_written_otherwise(figure: Figure, text: str) -> bool:
    """Whether ``text`` (a translation of ``figure``'s number) is the same but for how its numbers are written."""
    if unicodedata.normalize("NFC", text) == unicodedata.normalize("NFC", figure.figure):
        return False
    ours, theirs = written(figure.figure, english=True), written(text)
    return (
        _skeleton(figure.figure) == _skeleton(text)
        and len(ours) == len(theirs)
        and all(a & b for a, b in zip(ours, theirs))
    )


def _skeleton(text: str) -> str:
    """``text`` with each number as "#", and the spacing around it and its % left out."""
    return re.sub(r"\s+", "", DIGITS.sub("#", unicodedata.normalize("NFC", text))).lower()
