"""The whole build, top to bottom: load → validate → clean → anchor → render → write.

Each stage is a function from data to data; only ``load`` reads files and only
``write`` writes them. ``load`` and ``validate`` record their problems together, so
one run reports every mistake in the files; each later stage reports all of its
own at once (as :class:`~build_tools.problems.SeedError`). Nothing is written
unless every stage succeeded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .memo import Cache
from .model import Corpus, Evidence, Quote
from .problems import Collector, Problem
from .stages.anchor import anchor, unattributed
from .stages.clean import clean
from .stages.load import load
from .stages.render import render
from .stages.validate import validate
from .stages.write import write


@dataclass(frozen=True)
class Checked:
    corpus: Corpus
    quotes: dict[Evidence, Quote]
    warnings: list[Problem]


def check(root: Path, cache: Cache | None = None) -> Checked:
    """Everything but the output: the seeds read, cross-checked, cleaned and every quote found.
    Given the ``cache`` of an earlier build, each stage redoes only what changed since."""
    problems = Collector()
    corpus = load(root, problems, cache)
    validate(corpus, problems)
    problems.raise_if_any()
    warnings = problems.problems
    corpus = clean(corpus, cache)
    quotes = anchor(corpus, cache)
    return Checked(corpus, quotes, warnings + unattributed(quotes))


def build(root: Path, cache: Cache | None = None) -> tuple[Checked, list[str]]:
    """Check the seeds, then write the generated pages into ``root/docs``."""
    checked = check(root, cache)
    pages = render(checked.corpus, checked.quotes, cache)
    return checked, write(pages, root / "docs", cache)
