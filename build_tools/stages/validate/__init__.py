"""Stage 2, validate: the checks of the files' meaning (see ``fields``, which ``load`` runs
on each file as it reads it) and of the records together: ids that must exist or be
unique, what a quote's place asks of it (``records``), the key figures' numbers
(``figures``), the language each text reads as (``language``), and the site's editions
(``site``).

The shape of each file is its schema's job (see ``load``); this stage sees the whole corpus.
"""

from __future__ import annotations

from ...model import Corpus
from ...problems import Collector
from .figures import check_figures
from .language import check_essay_languages
from .records import check_records
from .site import check_editions


def validate(corpus: Corpus, problems: Collector) -> None:
    """Record every inconsistency between the records of the corpus in ``problems``."""
    check_records(corpus, problems)
    check_figures(corpus, problems)
    check_essay_languages(corpus, problems)
    check_editions(corpus.site, problems)
