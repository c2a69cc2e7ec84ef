"""Whether a text reads as the language it is declared in: an essay (its ``language``) or
an editorial field (the site's language, or that of the ``es:`` block it stands in).

Language identification is py3langid's (a Naive Bayes model of 97 languages). Loading its
model takes a second or two, so a text is first screened by the share of its words that
are the commonest words of the declared language and of its neighbours: a text plainly in
English or Spanish never loads the model. Only a text with
enough words is judged (a title or a name says too little), and only a confident guess
is reported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from ...model import Corpus, Essay
from ...problems import Collector

# A text of fewer words is not judged: too short to be sure of.
MIN_WORDS = 12
# A text passes without the model when this share of its words, at least, are the declared
# language's commonest words (prose: 0.3 to 0.55; the editors' dense summaries: 0.2), and
# RATIO times the share of any other language's (Spanish is 1.1 times Portuguese at least,
# and English ten times any other).
SCREEN = 0.15
RATIO = 1.1
# How sure the model must be of another language for a warning.
CONFIDENCE = 0.9

_COMMONEST_WORDS = {
    "en": "the of and to a in is it that for on was with as by be this are from at or an not have has "
    "but which their its they were been more than who would will can also these there he she his "
    "her we our what when into one all so if no about",
    "es": "de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o "
    "este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos "
    "durante todos uno les ni contra otros ese eso ante ellos e esto antes algunos qué unos yo otro "
    "otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas es son fue ha "
    "han era",
    "fr": "le la les de des du un une et est en que qui dans pour pas sur au aux ce cette il elle ils "
    "sont ne se plus par avec son sa ses nous vous leur mais ou été être ont",
    "pt": "o a os as de do da dos das em no na nos nas um uma e é que para com não por se mais como mas "
    "ao aos foi são seu sua ele ela eles isso este esta pelo pela",
}
_COMMONEST = {language: frozenset(listed.split()) for language, listed in _COMMONEST_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased."""
    return _WORD.findall(text.lower())


def reads_as(text: str, declared: str) -> str | None:
    """The language ``text`` reads as, when it is another than ``declared`` (a language tag)
    and the text is long enough to tell; else None."""
    found = words(text)
    if len(found) < MIN_WORDS:
        return None
    primary = declared.split("-")[0].lower()
    if primary in _COMMONEST and _plainly(found, primary):
        return None
    language, confidence = _identifier().classify(text)
    return language if language != primary and confidence >= CONFIDENCE else None


def _plainly(found: list[str], language: str) -> bool:
    """Whether ``found`` (a text's words) are plainly in ``language``: enough of them are its
    commonest words, and clearly more than those of any other language."""
    shares = {code: sum(map(common.__contains__, found)) / len(found) for code, common in _COMMONEST.items()}
    other = max(share for code, share in shares.items() if code != language)
    return shares[language] >= SCREEN and shares[language] >= RATIO * other


def name(language: str) -> str:
    """The English name of ``language`` ("Spanish" for "es"), or the tag if it has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language).get_display_name("en") or language
    except (ValueError, UnknownLocaleError):
        return language


@functools.cache
def _identifier():
    """py3langid's identifier, with probabilities between 0 and 1 (loaded on first use)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# How much of an essay's text is judged: its opening, enough to tell.
ESSAY_SAMPLE = 5_000


def misdeclared(essay: Essay) -> str | None:
    """The language the text of ``essay`` reads as, when it is not its ``language``."""
    return reads_as(essay.raw[:ESSAY_SAMPLE], essay.language)


def check_essay_languages(
    corpus: Corpus, problems: Collector, language_of: Callable[[Essay], str | None] = misdeclared
) -> None:
    """Warn of each essay whose text reads as another language than its ``language``, as
    ``language_of`` tells (:func:`misdeclared`, or the same kept between builds)."""
    for essay in corpus.essays:
        if found := language_of(essay):
            problems.warning(
                essay.loc,
                f"the text of essay '{essay.slug}' reads as {name(found)}, but its 'language' is "
                f"'{essay.language}' ({name(essay.language)}"
                + (", the default when left out" if essay.language == "en" else "")
                + f"): if it is written in {name(found)}, "
                + (f"add 'language: {found}'" if essay.language == "en" else f"write 'language: {found}'"),
            )
