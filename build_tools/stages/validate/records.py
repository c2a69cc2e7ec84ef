"""The checks that span records: ids that must exist, ids that must be unique, and what
a quote's place (its claim, its essay's language) asks of it."""

from __future__ import annotations

from ...model import Claim, Corpus, Essay, Event, Evidence, Figure
from ...problems import Collector, SourceLoc
from .language import misdeclared


def check_records(corpus: Corpus, problems: Collector) -> None:
    """Record every inconsistency between the records of the corpus in ``problems``, in
    the order of the records (warnings are said in it)."""
    theme_ids = [t.id for t in corpus.themes]
    _translations(corpus, problems)
    _duplicates(problems, [(t.id, t.loc) for t in corpus.themes], "theme id")
    _duplicates(problems, [(c.id, c.loc) for c in corpus.claims], "claim id")
    _themes(corpus, problems, theme_ids)
    mistyped = _essays_themes(corpus, problems, theme_ids)
    essays, cited = {e.slug: e for e in corpus.essays}, set()
    for claim in corpus.claims:
        cited |= _claim(corpus, problems, claim, (theme_ids, essays, mistyped))
    _duplicates(problems, [(e.id, e.loc) for e in corpus.events], "event id")
    _duplicates(problems, [(f.id, f.loc) for f in corpus.figures], "figure id")
    _duplicates(problems, [(form, t.loc) for t in corpus.terms for form in t.forms], "glossary term")
    _events_and_figures(corpus, problems, theme_ids)
    # (not while a claims file has an error: its claims may not all have been read)
    claims_read = not any(p.loc.path.startswith("seeds/crossrefs/") for p in problems.errors)
    for essay in corpus.essays:
        if essay.slug not in cited and claims_read:
            problems.warning(essay.loc, f"no claim quotes essay '{essay.slug}' yet")


def _translations(corpus: Corpus, problems: Collector) -> None:
    """A quote of an essay in the site's language needs no translation (unless the essay
    reads as another language: its 'language' is what is wrong, and is said so)."""
    essays = {e.slug: e for e in corpus.essays}
    for ev in corpus.evidence():
        quoted = essays.get(ev.essay)
        if ev.translation and quoted and quoted.language == corpus.site.language and not misdeclared(quoted):
            problems.warning(
                ev.loc,
                f"this quote is already in the site's language ('{quoted.language}'): remove its 'translation'",
            )


def _themes(corpus: Corpus, problems: Collector, theme_ids: list[str]) -> None:
    """Each theme's related themes exist, and it has claims."""
    for theme in corpus.themes:
        for other in theme.related:
            if other not in theme_ids or other == theme.id:
                problems.error(
                    theme.loc,
                    f"theme '{theme.id}' lists '{other}' as related, "
                    f"but that is not another theme (themes: {', '.join(theme_ids)})",
                )
        if not corpus.claims_of(theme.id) and f"seeds/crossrefs/{theme.id}.yml" not in corpus.unreadable:
            problems.warning(theme.loc, f"theme '{theme.id}' has no claims yet: add seeds/crossrefs/{theme.id}.yml")


def _essays_themes(corpus: Corpus, problems: Collector, theme_ids: list[str]) -> set[str]:
    """Each essay's themes exist; the essays whose themes hold an unknown id (what quotes
    them is not reported again)."""
    mistyped = set()
    for essay in corpus.essays:
        for theme_id, loc in zip(essay.themes, essay.theme_locs):
            if _unknown_themes(problems, loc, (theme_id,), theme_ids, " in the themes of this essay"):
                mistyped.add(essay.slug)
    return mistyped


def _claim(
    corpus: Corpus, problems: Collector, claim: Claim, known: tuple[list[str], dict[str, Essay], set[str]]
) -> set[str]:
    """A claim's theme exists, and each of its quotes is of an essay of that theme, in its
    place (the first the lead, each other related to it); the essays it quotes. ``known``:
    the theme ids, the essays by slug, and those whose themes hold an unknown id."""
    theme_ids, essays, mistyped = known
    if theme_ids and claim.theme not in theme_ids:
        problems.error(
            SourceLoc(claim.loc.path),
            f"there is no theme '{claim.theme}' in seeds/themes.yml for this file (themes: {', '.join(theme_ids)})",
        )
        return set()
    cited = set()
    for i, ev in enumerate(claim.evidence):
        quoted = essays.get(ev.essay)
        if quoted is None:
            _unknown_essay(problems, corpus, ev)
            continue
        cited.add(ev.essay)
        if theme_ids and claim.theme not in quoted.themes and quoted.slug not in mistyped:
            problems.error(
                ev.loc,
                f"essay '{ev.essay}' is quoted under theme '{claim.theme}', "
                f"but its metadata ({quoted.loc.path}) does not list that theme",
            )
        _relation(problems, claim, i, ev)
    return cited


def _relation(problems: Collector, claim: Claim, i: int, ev: Evidence) -> None:
    """The first quote of a claim is its lead passage; each other says how it stands to it."""
    if i == 0 and ev.relation:
        problems.error(ev.loc, f"the first quote of claim '{claim.id}' is the lead passage: remove its 'relation'")
    if i > 0 and not ev.relation:
        problems.error(
            ev.loc,
            f"say how this quote stands to the first quote of claim "
            f"'{claim.id}': add 'relation: agrees', 'qualifies' or 'contrasts'",
        )


def _events_and_figures(corpus: Corpus, problems: Collector, theme_ids: list[str]) -> None:
    """The themes and essays that the timeline's events and the key figures name exist."""
    slugs = {e.slug for e in corpus.essays}
    items: tuple[Event | Figure, ...] = (*corpus.events, *corpus.figures)
    for item in items:
        _unknown_themes(problems, item.loc, item.themes, theme_ids)
        for ev in item.passages:
            if ev.essay not in slugs:
                _unknown_essay(problems, corpus, ev)


def _unknown_themes(problems: Collector, loc: SourceLoc, themes, theme_ids: list[str], where: str = "") -> bool:
    """Report each theme id in ``themes`` that seeds/themes.yml does not define (if it could be
    read); whether there was one."""
    unknown = [t for t in themes if theme_ids and t not in theme_ids]
    for theme_id in unknown:
        problems.error(loc, f"unknown theme '{theme_id}'{where} (themes: {', '.join(theme_ids)})")
    return bool(unknown)


def _unknown_essay(problems: Collector, corpus: Corpus, ev: Evidence) -> None:
    """Report a quote of an essay that does not exist (unless its file was unreadable)."""
    if f"seeds/essays/{ev.essay}.yml" not in corpus.unreadable:
        slugs = ", ".join(sorted(e.slug for e in corpus.essays))
        problems.error(ev.loc, f"unknown essay '{ev.essay}' (essays: {slugs})")


def _duplicates(problems: Collector, items: list[tuple[str, SourceLoc]], what: str) -> None:
    first: dict[str, SourceLoc] = {}
    for ident, loc in items:
        if ident in first:
            problems.error(loc, f"duplicate {what} '{ident}' (first used at {first[ident]})")
        else:
            first[ident] = loc
