"""The mechanical part of the house style for Spanish (.github/CONTRIBUTING.md, "House
style for Spanish"), in the editors' Spanish text of every ``es:`` block: warnings, which
``--strict`` makes errors.

Quotation marks are “ ” with ‘ ’ inside, never « » or straight ones; a month is written in
lower case; and in our own words (not in a translation of a quote, which keeps the
author's word) migration is *irregular*, never *ilegal*, and enforcement *control
migratorio* or *aplicación de la ley*, never *vigilancia*. A word inside quotation marks
is someone else's, and a capitalised *Ilegal* is part of a name (the Ley de Reforma de la
Inmigración Ilegal…).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Corpus
from ...problems import Collector, Problem

_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
# (a capitalised month that does not open a sentence)
_MONTH = re.compile(rf"(?<![.?!¿¡:]\s)(?<!^)\b({_MONTHS.title()})\b")
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’")
_OWN_WORDS = {
    re.compile(r"\bilegal(es)?\b"): "'irregular' (or 'no autorizada') for migration, not 'ilegal'",
    re.compile(r"\bvigilancia\b", re.IGNORECASE): "'control migratorio' or 'aplicación de la ley' for enforcement, "
    "not 'vigilancia'",
}


def _slips(text: str, own: bool) -> Iterator[str]:
    """What in ``text`` (a Spanish field; ``own``: in our own words) goes against the style."""
    if "«" in text or "»" in text:
        yield "quotation marks “ ” (with ‘ ’ inside), not « »"
    if '"' in text:
        yield 'quotation marks “ ” (with ‘ ’ inside), not straight ones (")'
    if m := _MONTH.search(text):
        yield f"the month in lower case ('{m[1].lower()}', not '{m[1]}')"
    if own:
        unquoted = _QUOTED.sub("", text)
        yield from (advice for pattern, advice in _OWN_WORDS.items() if pattern.search(unquoted))


def house_style(corpus: Corpus, language: str = "es") -> list[Problem]:
    """One warning for each Spanish field of the corpus that goes against the house style's
    mechanical rules, at the line of the item the field belongs to."""
    items: list = [*corpus.themes, *corpus.claims, *corpus.evidence(), *corpus.events, *corpus.figures]
    located = [(item, item.loc) for item in [*items, *corpus.terms, *corpus.essays]]
    located += [(p, e.loc) for e in corpus.essays for p in e.participants]  # (at their essay's line)
    problems = Collector()
    for item, loc in located:
        for lang, name, text in item.translated:
            texts = text if isinstance(text, tuple) else (text,)
            found = dict.fromkeys(slip for t in texts for slip in _slips(t, own=name != "translation"))
            if lang == language and found:
                problems.warning(loc, f"the Spanish '{name}' goes against the house style: write {'; '.join(found)}")
    return problems.problems
