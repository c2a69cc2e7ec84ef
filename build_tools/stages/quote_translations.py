"""The quotes that an edition shows in their own language alone, for want of the editors'
translation: said by ``make check``, like untranslated editorial fields, and never an error.

Every quote of a claim, a timeline event or a key figure in another language than an
edition's may carry the editors' translation into it (``es: translation:`` for the Spanish
edition), so that a reader of that edition can follow every claim. A quote already in the
edition's language needs none.
"""

from __future__ import annotations

from ..languages import NAMES
from ..model import Corpus
from ..problems import Problem, SourceLoc, line_list


def untranslated_quotes(corpus: Corpus, language: str) -> list[Problem]:
    """One warning a seeds file that has quotes in another language than ``language`` with
    no translation into it: where the first is, and the lines of all."""
    languages = {e.slug: e.language for e in corpus.essays}
    by_file: dict[str, list[int]] = {}
    for ev in corpus.evidence():
        given = any(lang == language and name == "translation" for lang, name, _ in ev.translated)
        if languages[ev.essay] != language and not given:
            by_file.setdefault(ev.loc.path, []).append(ev.loc.line)
    name = NAMES.get(language, language)
    problems = []
    for path, lines in by_file.items():
        lines = sorted(set(lines))
        one = len(lines) == 1
        problems.append(
            Problem(
                SourceLoc(path, lines[0]),
                f"not yet translated into {name}: {len(lines)} quote{'' if one else 's'} "
                f"({line_list(lines)}), which the {name} edition shows in "
                f"{'its' if one else 'their'} own language alone until an '{language}:' block under "
                f"{'it' if one else 'each'} gives its 'translation'",
                "warning",
            )
        )
    return problems
