"""Stage 2, validate: the checks of the files' meaning, one file at a time (``seeds``,
which makes the records of the files that pass), and of the records together: ids that
must exist or be unique, what a quote's place asks of it (``records``), the key figures'
numbers (``figures``), the language each text reads as (``language``), and the site's
editions (``site``).

The shape of each file is load's job (its schema); this stage gives its meaning.
"""

from __future__ import annotations

from collections.abc import Callable

from ...essay import Essay
from ...model import Corpus
from ...problems import Collector
from .figures import check_figures
from .language import check_essay_languages, misdeclared
from .records import check_records
from .site import check_editions


def validate(corpus: Corpus, problems: Collector, language_of: Callable[[Essay], str | None] = misdeclared) -> None:
    """Record every inconsistency between the records of the corpus in ``problems``
    (``language_of``: the language an essay's text reads as, when not its own)."""
    check_records(corpus, problems)
    check_figures(corpus, problems)
    check_essay_languages(corpus, problems, language_of)
    check_editions(corpus.site, problems)
