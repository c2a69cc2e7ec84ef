"""The pages of each theme and of each essay: which there are, what each is made from, and
how they are made.

Each theme's pages and each essay's are one :data:`Job`: a record of everything its
pages are made from (its templates aside), so that they can be made on any core, or
kept while that record stays the same (:mod:`build_tools.kept_pages`).
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from typing import Literal, NamedTuple

import jinja2

from .. import languages
from ..essay import Paragraph
from ..formats import bibliography, exports, report, source_checks
from ..formats.markdown_text import Glossary, Md, Terms, foreign
from ..formats.notes import essay_notes
from ..formats.part_citations import part_citation
from ..model import Claim, Corpus, Essay, Evidence, Quote, Site, Theme, said_in
from ..relations import Citation, Conversation, Related, ThemeStats
from ..source_status import SourceCheck
from .clean.rules import RULES
from .templating import Rendered, page_files, render_page


class PageKey(NamedTuple):
    """Which pages a job makes: a theme's or an essay's, in the edition in ``language``."""

    language: str
    kind: Literal["theme", "essay"]
    name: str  # (the theme's id, the essay's slug)


class ThemeJob(NamedTuple):
    """All a theme's pages are made from, but their templates."""

    theme: Theme
    stats: ThemeStats
    claims: exports.Claims  # (each with its quotes)
    themes: tuple[Theme, ...]
    terms: Terms
    site: Site

    @property
    def key(self) -> PageKey:
        return PageKey(self.site.language, "theme", self.theme.id)

    @property
    def templates(self) -> tuple[str, ...]:
        """The templates its pages are made from (each with those it uses)."""
        return ("theme.md.j2", "_claim.md.j2")


class EssayJob(NamedTuple):
    """All an essay's pages are made from, but their templates."""

    essay: Essay
    citations: tuple[Citation, ...]
    conversations: tuple[Conversation, ...]
    themes: tuple[Theme, ...]
    terms: Terms
    site: Site
    check: SourceCheck | None = None  # (what make sources last found at its original)

    @property
    def key(self) -> PageKey:
        return PageKey(self.site.language, "essay", self.essay.slug)

    @property
    def templates(self) -> tuple[str, ...]:
        """The templates its pages are made from (each with those it uses)."""
        return ("essay.md.j2",)


Job = ThemeJob | EssayJob


def page_jobs(corpus: Corpus, quotes: dict[Evidence, Quote], related: Related, terms: Terms) -> list[Job]:
    """Each theme's pages and each essay's, in the order they are written. (A theme's page
    holds all its claims: a few of them take as long as a hundred essays' pages.)"""
    site = corpus.site
    themes: list[Job] = [
        ThemeJob(
            theme,
            related.stats[theme.id],
            [(c, [quotes[ev] for ev in c.evidence]) for c in corpus.claims_of(theme.id)],
            corpus.themes,
            terms,
            site,
        )
        for theme in corpus.themes
    ]
    essays: list[Job] = [
        EssayJob(
            essay,
            tuple(related.citations.get(essay.slug, ())),
            tuple(related.conversations.get(essay.slug, ())),
            corpus.themes,
            terms,
            site,
            corpus.check(essay.slug),
        )
        for essay in corpus.essays
    ]
    return themes + essays


def job_pages(env: jinja2.Environment, job: Job, parts: list[ClaimParts] | None = None) -> dict[str, str]:
    """The pages ``job`` makes, by path under the edition's folder; a theme's with the
    ``parts`` of its claims if they are given (as :func:`theme_claim_parts` makes them)."""
    if isinstance(job, ThemeJob):
        return theme_pages(env, *job, parts=parts)
    return essay_pages(env, *job)


GLOSSARY_FROM = "../../reference/glossary/"  # (the glossary's address from a theme's or essay's page)


def claim_section(
    env: jinja2.Environment, claim: Claim, quotes: list[Quote], terms: Terms, page: str, language: str
) -> Rendered:
    """A claim's section of its theme's page at ``page`` (its address, or ""): its heading, and
    the claim and its quotes as HTML set aside (the glossary's terms linked at their first
    use in it, on a page in ``language``)."""
    glossary = Glossary(terms, GLOSSARY_FROM, language)
    return render_page(env, "_claim.md.j2", claim=claim, quotes=quotes, glossary=glossary, page=page)


class ClaimParts(NamedTuple):
    """A claim's part of its theme's pages: its section of the page, and its data (the
    theme's CSV and JSON)."""

    section: Rendered
    data: exports.ClaimData


def claim_parts(env: jinja2.Environment, claim: Claim, quotes: list[Quote], terms: Terms, site: Site) -> ClaimParts:
    """One claim's part of its theme's pages (:func:`theme_claim_parts` gives those of all a theme's claims)."""
    section = claim_section(env, claim, quotes, terms, part_citation_page(site, claim.theme), site.language)
    return ClaimParts(section, exports.claim_data(site, claim, quotes))


def theme_claim_parts(env: jinja2.Environment, job: ThemeJob) -> list[ClaimParts]:
    """The part of each claim of a theme's pages, in order (:func:`claim_parts` of each)."""
    return [claim_parts(env, claim, quotes, job.terms, job.site) for claim, quotes in job.claims]


def part_citation_page(site: Site, theme: str) -> str:
    """The address of the page of the theme ``theme`` (its id) that its claims' "Cite" gives,
    "" where the site's is not known."""
    return site.url + f"themes/{theme}/" if site.url else ""


def citation_meta(work: bibliography.Work, site: Site) -> dict:
    """What a page's front matter tells the theme for its Highwire and JSON-LD tags."""
    return {"highwire": bibliography.highwire(work), "json_ld": bibliography.json_ld(work, site)}


def theme_pages(
    env: jinja2.Environment,
    theme: Theme,
    stats: ThemeStats,
    claims: exports.Claims,
    themes: tuple[Theme, ...],
    terms: Terms,
    site: Site,
    parts: list[ClaimParts] | None = None,
) -> dict[str, str]:
    """A theme's page, its claims as CSV and JSON, and its citation downloads; from these
    arguments alone (as :func:`essay_pages`), and the ``parts`` of its claims, made from
    them (:func:`theme_claim_parts`) if not given."""
    if parts is None:
        parts = theme_claim_parts(env, ThemeJob(theme, stats, claims, themes, terms, site))
    work = bibliography.page_work(site, theme.title, f"themes/{theme.id}/")
    stem = f"themes/{theme.id}/{theme.id}"
    part = part_citation(work, site, f"themes/{theme.id}/")
    return {
        **page_files(
            env,
            f"themes/{theme.id}/index.md",
            "theme.md.j2",
            title=theme.title,
            work=work,
            part=part,
            citation=citation_meta(work, site),
            theme=theme,
            stats=stats,
            sections=[part.section for part in parts],
            themes={t.id: t for t in themes},
            glossary=Glossary(terms, GLOSSARY_FROM, site.language),
            nav_order=themes.index(theme) + 1,
            changed=max((c.added for c, _ in claims if c.added), default=None),
        ),
        f"{stem}-claims.csv": exports.theme_csv([part.data for part in parts]),
        f"{stem}-claims.json": exports.theme_json(site, theme, [part.data for part in parts]),
        **_downloads(stem, work),
    }


def essay_pages(
    env: jinja2.Environment,
    essay: Essay,
    citations: tuple[Citation, ...],
    conversations: tuple[Conversation, ...],
    themes: tuple[Theme, ...],
    terms: Terms,
    site: Site,
    check: SourceCheck | None = None,
) -> dict[str, str]:
    """An essay's page (ending with the report on how its text was prepared), the report as
    JSON, and its citation downloads. The
    templates see only these arguments (not the corpus), so they are all a page depends on."""
    cited_by: dict[str, list[Citation]] = defaultdict(list)
    for c in citations:
        cited_by[c.quote.paragraph.id].append(c)
    marker_ids, notes = essay_notes(essay)
    prepared = report.fidelity(essay, notes, {name: fn.__doc__ for name, fn in RULES.items()}, site.language)
    work = bibliography.essay_work(essay)
    stem = f"essays/{essay.slug}/"
    return {
        **page_files(
            env,
            stem + "index.md",
            "essay.md.j2",
            essay=essay,
            citations=citations,
            cited_by=cited_by,
            marker_ids=marker_ids,
            notes=notes,
            work=work,
            part=part_citation(work, site, stem),
            citation=citation_meta(work, site),
            corrections=len(prepared["corrections"]),
            conversations=conversations,
            themes={t.id: t for t in themes},
            glossary=Glossary(terms, GLOSSARY_FROM, site.language),
            report={**prepared, "rules": [_quoted_rule(r, essay, site) for r in prepared["rules"]]},
            # (the essay's own words are marked with their language where it is not the site's)
            text_lang=foreign(essay.language, site.language),
            text_language=languages.language_name(essay.language, site.language),
            checked=source_checks.sentence(site.language, check),
        ),
        stem + "preparation.json": json.dumps(prepared, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        stem + f"{essay.slug}.txt": as_received(essay),
        stem + "passages.json": passages(essay, site.language),
        **_downloads(f"{stem}{essay.slug}", work),
    }


def _quoted_rule(rule: dict, essay: Essay, site: Site) -> dict:
    """A rule of the report as the page shows it: its sentences' words of the source marked (:func:`_quoting`)."""
    done, reason = rule["told"]
    return {**rule, "told": (_quoting(done, essay, site), reason)}


def _quoting(sentence: str, essay: Essay, site: Site) -> Md:
    """A sentence of the report on how the text was prepared, escaped as HTML, the words of the source
    it quotes (between “ and ”) marked with the essay's language where it is not the page's."""
    text, lang = html.escape(sentence, quote=False), foreign(essay.language, site.language)
    return Md(re.sub(r"“([^”]*)”", rf'“<span lang="{lang}">\1</span>”', text) if lang else text)


def passages(essay: Essay, language: str = languages.SOURCE) -> str:
    """What a passage's preview shows (``essays/<slug>/passages.json``, fetched by the
    reader's browser only when a link to one of the essay's paragraphs is hovered or
    focused: docs/assets/javascripts/previews.js): each paragraph's text, by id, the
    essay's attribution and its language. Text only: the script writes it as text, never
    as markup. Its attribution is in ``language``, the edition's."""
    by = f"{essay.byline_in(language)}, " + (f"“{essay.title}”, " if essay.year_letter else "")
    source = essay.outlet or languages.gettext(language, essay.genre)
    published = f"{source}, {essay.date.shown(language)}"
    # (a speaker's turn in a transcript: the words are theirs, as every quote of them says)
    turns = {p.id: f"{said}, {published}" for p, said in _turns(essay, language)}
    return (
        json.dumps(
            {
                "by": f"{by}{published}",
                **({"turns": turns} if turns else {}),
                "lang": essay.language,
                "title": essay.title,
                "paragraphs": {
                    p.id: p.text for p in essay.paragraphs if p.kind not in ("heading", "notes_heading", "speaker")
                },
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        + "\n"
    )


def _turns(essay: Essay, language: str) -> list[tuple[Paragraph, str]]:
    """Each paragraph in a known speaker's turn, with who said it: "Elena Ruiz Vega, Secretary
    of Rural Welfare, in a transcript published by …" (see :meth:`Quote.said_by_in`)."""
    author = essay.byline_in(language)
    return [
        (p, said)
        for p in essay.paragraphs
        if p.speaker and p.kind not in ("heading", "notes_heading", "speaker")
        for turn in [essay.participant(p.speaker)]
        if turn
        for said in [said_in(language, essay, turn.who, author)]
        if said
    ]


def as_received(essay: Essay) -> str:
    """The essay's source text, which written as UTF-8 is the file as received, byte for byte."""
    return essay.received or essay.raw


def _downloads(stem: str, work: bibliography.Work) -> dict[str, str]:
    return {
        f"{stem}.bib": bibliography.bibtex(work),
        f"{stem}.ris": bibliography.ris(work),
        f"{stem}.csl.json": bibliography.csl_json(work),
    }
