"""Stage 5, render: the model into Markdown pages, through Jinja2 templates.

Templates receive model objects only. Every ``{{ value }}`` is escaped as Markdown
text by the environment's ``finalize`` hook (see :mod:`markdown_text`), so no
field of the seeds can become markup; only values already wrapped in :class:`Md`
(Markdown the renderer builds on purpose) pass through unchanged. A template whose
name ends in ``.html.j2`` writes HTML that the engine is not given (its macros' output
is set aside: :mod:`build_tools.formats.spliced`): its values are escaped as HTML
instead, by the same hook and filters.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta as jinja_meta
from markupsafe import Markup

from .. import languages
from ..formats import bibliography, exports, report, spliced
from ..formats.corpus_map import drawn, passage_counts, svg, totals
from ..formats.feed import FEED, atom, whats_new
from ..formats.markdown_text import (
    Glossary,
    Md,
    Untranslated,
    at_source,
    escape,
    foreign,
    in_language,
    inline_html,
    paragraph_html,
    paragraph_markdown,
    text_fragment,
    words_pattern,
)
from ..formats.notes import essay_notes
from ..formats.page_citations import CITATIONS, citation_data
from ..memo import Cache, Memo
from ..model import LONG_LIST, RELATION_LABELS, Claim, Corpus, Essay, EssayDate, Evidence, Quote, Site, Term, Theme
from .clean.rules import RULES

TEMPLATES = Path(__file__).parent.parent / "templates"


@dataclass(frozen=True)
class Citation:
    """Where a paragraph is quoted: the claim and the quote."""

    claim: Claim
    quote: Quote


class _Shown:
    """How many texts this process has written in English on a page of another language,
    for want of a translation (see :func:`rendered`)."""

    untranslated = 0


def _shown(value, escaped) -> Md:
    """``value`` as ``escaped`` writes it; editorial text shown untranslated is marked with
    its language and counted."""
    if isinstance(value, Untranslated):
        _Shown.untranslated += 1
        return in_language(escaped(value), value.language, "")
    return escaped(value)


class _SetAside:
    """The raw HTML of the page being rendered that the engine is not given (see
    :mod:`build_tools.formats.spliced`)."""

    pieces: list[str] = []


def set_aside_html(html) -> Md:
    """Raw HTML for the page as it is, which the engine need not read: set aside, and a
    placeholder in its place (see :func:`page_files`)."""
    _SetAside.pieces.append(str(html).strip())
    return Md(spliced.placeholder(len(_SetAside.pieces) - 1))


def _html_escape(text) -> Md:
    return Md(html.escape(str(text)))


def _escaper(context: jinja2.runtime.Context) -> Callable[[Any], Md]:
    """How the template being rendered escapes a value: as HTML in a ``.html.j2`` template,
    else as Markdown."""
    return _html_escape if context.name and context.name.endswith(".html.j2") else escape


@jinja2.pass_context
def _finalize(context, value):
    return value if isinstance(value, Markup) else _shown(value, _escaper(context))


def html_text(value) -> Md:
    """``value`` as text inside raw HTML: escaped as HTML, not as Markdown."""
    return _shown(value, _html_escape)


def rendered(env: jinja2.Environment, template: str, **context) -> str:
    """The page made from ``template``, with a notice after its title if any of its editorial
    text is shown untranslated (.github/CONTRIBUTING.md says how an editor adds one)."""
    before = _Shown.untranslated
    page = env.get_template(template).render(**context)
    if _Shown.untranslated == before:
        return page
    notice = env.get_template("_untranslated.md.j2").render()
    lines = page.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    return "\n".join([*lines[: title + 1], "", notice.rstrip("\n"), *lines[title + 1 :]])


def page_files(env: jinja2.Environment, path: str, template: str, **context) -> dict[str, str]:
    """The page at ``path`` made from ``template`` (as :func:`rendered`) and, if it sets any
    raw HTML aside (the ``spliced`` filter), the file beside it that holds it."""
    _SetAside.pieces = []
    try:
        return spliced.set_aside(rendered(env, template, **context), _SetAside.pieces, path)
    finally:
        _SetAside.pieces = []


def environment() -> jinja2.Environment:
    """The templates' environment. Kept in a build's cache, it compiles each template once,
    and again only when the template's file changes."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        # Autoescape only so that macro output is Markup (kept as it is); the
        # escaping itself is _finalize's: as Markdown, or as HTML in a .html.j2 template.
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = in_site_language(lambda language, p, ids=(): paragraph_markdown(p, ids, language))
    env.filters["html_paragraph"] = in_site_language(
        lambda language, p, ids, glossary, classes=(), lang=None: paragraph_html(
            p, ids, glossary, classes, lang, language
        )
    )
    env.filters["spliced"] = set_aside_html
    env.filters["glossed"] = lambda markup, glossary: Md(glossary.in_html(str(markup)))
    env.filters["quote_md"] = quote_markdown
    env.filters["quote_html"] = quote_html
    env.filters["in_language"] = in_language
    # words of an essay (its title, its outlet's name): marked with its language if not the page's
    env.filters["lang"] = jinja2.pass_context(
        lambda context, value, language: in_language(_escaper(context)(value), language, context["site_language"])
    )
    env.filters["foreign"] = foreign
    env.filters["text_fragment"] = text_fragment
    env.filters["at_source"] = lambda quote: Md(at_source(quote) or "")
    env.filters["code"] = code_span
    # A front-matter value: quoted, and HTML-escaped, since engines write front matter into
    # <title>, <meta> and the navigation as it is (MkDocs' adapter escapes it again, idempotently).
    env.filters["meta"] = lambda value: Md(json.dumps(html.escape(str(value)), ensure_ascii=False))
    env.filters["plural"] = in_site_language(lambda language, n, noun: Md(languages.plural(language, n, noun)))
    env.filters["number"] = in_site_language(lambda language, n: Md(languages.number(language, n)))
    env.filters["html"] = html_text  # inside raw HTML
    env.filters["json"] = lambda value: Md(json.dumps(value, ensure_ascii=False, sort_keys=True))
    env.filters["cite_formatted"] = in_site_language(lambda language, work: bibliography.formatted(work, language))
    # YYYY-MM-DD as "2 March 2026"; an essay's date as known ("July 2014", "c. 2000")
    env.filters["day"] = in_site_language(lambda language, value: EssayDate(value, "day").shown(language))
    env.filters["when"] = in_site_language(lambda language, value: value.shown(language))
    # How an essay is named (see model.Essay), and who said a quote's words
    for name in ("byline", "short_author", "mention", "label"):
        env.filters[name] = in_site_language(
            functools.partial(lambda name, language, essay: getattr(essay, f"{name}_in")(language), name)
        )
    env.filters["quoted_by"] = in_site_language(lambda language, quote: quote.quoted_by_in(language))
    env.globals["_"] = translate
    env.filters["term_tooltip"] = term_tooltip
    env.globals["relation_labels"] = RELATION_LABELS
    env.globals["editors_language"] = languages.SOURCE  # (of the seeds' text that has no translation: rules' reasons)
    env.globals["long_list"] = LONG_LIST
    return env


def in_site_language(fn):
    """A filter that calls ``fn(language, value, …)`` with the language of the page rendered."""
    return jinja2.pass_context(lambda context, *args: fn(context["site_language"], *args))


@jinja2.pass_context
def translate(context, message: str, **values) -> Md:
    """``_(message, **values)`` in templates: the message in the language of the page rendered,
    with each ``{name}`` in it replaced by its value, escaped as any value is."""
    text = languages.gettext(context["site_language"], message)
    if _escaper(context) is _html_escape:
        text = html.escape(text, quote=False)
    return Md(text.format(**{name: _finalize(context, value) for name, value in values.items()}) if values else text)


GLOSSARY = "snippets/glossary.json"  # (under docs/; mkdocs.yml gives it to the Markdown extension)


def glossary_terms(corpus: Corpus) -> dict[str, tuple[str, str, str]]:
    """Each form of each glossary term: its tooltip, its entry's id on the glossary page, and
    its language where it is not the site's (else "")."""
    return {
        form: (str(term_tooltip(t)), t.id, foreign(t.language, corpus.site.language) or "")
        for t in corpus.terms
        for form in t.forms
    }


def term_tooltip(term: Term) -> Md:
    """A glossary entry as the one line of a link's title (shown as it is, not as Markdown)."""
    text = f"{term.expansion}: {term.definition}" if term.expansion else term.definition
    return Md(" ".join(text.split()))


def citation_meta(work: bibliography.Work, site: Site) -> dict:
    """What a page's front matter tells the theme for its Highwire and JSON-LD tags."""
    return {"highwire": bibliography.highwire(work), "json_ld": bibliography.json_ld(work, site)}


# A glossary entry lists the essays that use its term most, up to this many, and says how
# many others do: past that, a list of every essay would bury the entry.
USED_IN = 10


def term_usage(corpus: Corpus, kept: Memo) -> dict[str, list[tuple[Essay, int]]]:
    """For each glossary term, the essays that use it (in any of its forms) and how often,
    the most uses first (essays with as many in the corpus's order).

    One pass over the text with every form at once, longest first, as the glossary's links
    find them; each essay's counts ``kept`` with its text."""
    term_of = {form: term.term for term in corpus.terms for form in term.forms}
    pattern = words_pattern(term_of)
    if pattern is None:
        return {}
    usage: dict[str, list[tuple[Essay, int]]] = {term.term: [] for term in corpus.terms}
    for essay in corpus.essays:
        counts = kept.get(
            essay.slug,
            (essay.paragraphs, essay.notes, term_of),
            functools.partial(_term_counts, essay, pattern, term_of),
        )
        for term, n in counts.items():
            usage[term].append((essay, n))
    return {term: sorted(used, key=lambda pair: -pair[1]) for term, used in usage.items()}


def _term_counts(essay: Essay, pattern: re.Pattern, term_of: dict[str, str]) -> Counter[str]:
    return Counter(term_of[m] for p in (*essay.paragraphs, *essay.notes) for m in pattern.findall(p.text))


@jinja2.pass_context
def quote_markdown(context, quote: Quote) -> Md:
    """The quoted words as Markdown, keeping the emphasis and corrections inside them, and
    marked with their language where it is not the site's."""
    language = context["site_language"]
    return in_language(paragraph_markdown(quote.excerpt(), (), language), quote.essay.language, language)


@jinja2.pass_context
def quote_html(context, quote: Quote) -> Md:
    """The quoted words as HTML (as :func:`quote_markdown` as Markdown)."""
    language = context["site_language"]
    return in_language(inline_html(quote.excerpt(), language), quote.essay.language, language)


@jinja2.pass_context
def code_span(context, value) -> Md:
    """``value`` as a code span (shown literally, so nothing in it is escaped as Markdown)."""
    text = str(value)
    if _escaper(context) is _html_escape:
        return Md(f"<code>{html.escape(text)}</code>")
    return Md(f"`` {text} ``" if "`" in text else f"`{text}`")


@dataclass(frozen=True)
class Conversation:
    """A passage of this essay and one of another essay that a claim sets side by side;
    ``lead`` is True when ours is the claim's first passage (theirs relates to it)."""

    claim: Claim
    ours: Quote
    theirs: Quote
    lead: bool

    @property
    def related(self) -> Evidence:
        """The passage of the pair that relates to the claim's first (the other is the first)."""
        return (self.theirs if self.lead else self.ours).evidence

    @property
    def relation(self) -> str | None:
        return self.related.relation

    @property
    def disagreement(self) -> str | None:
        """The anchor of this pair on the page of disagreements, if it is there."""
        return disagreement_id(self.claim, self.related)


DISAGREEING = ("qualifies", "contrasts")


def disagreement_id(claim: Claim, ev: Evidence) -> str | None:
    """The anchor on the page of disagreements of ``ev`` set against its claim's lead
    passage (another essay's), or None if it does not qualify or contrast it."""
    return f"d-{claim.id}-{claim.evidence.index(ev)}" if ev.relation in DISAGREEING else None


@dataclass(frozen=True)
class Disagreement:
    """A passage that qualifies or contrasts with the lead passage of a claim, from another essay."""

    claim: Claim
    lead: Quote
    other: Quote

    @property
    def id(self) -> str | None:
        return disagreement_id(self.claim, self.other.evidence)


def disagreements(corpus: Corpus, quotes: dict[Evidence, Quote], theme_id: str) -> list[Disagreement]:
    """Every pair of passages of two essays that a claim of the theme sets against each other."""
    return [
        Disagreement(claim, quotes[claim.evidence[0]], quotes[ev])
        for claim in corpus.claims_of(theme_id)
        for ev in claim.evidence[1:]
        if ev.relation in DISAGREEING and ev.essay != claim.evidence[0].essay
    ]


def conversations(corpus: Corpus, quotes: dict[Evidence, Quote]) -> dict[str, list[Conversation]]:
    """For each essay, every pair (its passage, another essay's) that a claim relates: the
    lead passage of a claim and each passage marked as agreeing, qualifying or contrasting."""
    pairs: dict[str, list[Conversation]] = defaultdict(list)
    for claim in corpus.claims:
        lead, *others = [quotes[ev] for ev in claim.evidence]
        for other in others:
            if lead.essay.slug != other.essay.slug:
                pairs[lead.essay.slug].append(Conversation(claim, lead, other, True))
                pairs[other.essay.slug].append(Conversation(claim, other, lead, False))
    return pairs


@dataclass(frozen=True)
class ThemeStats:
    claims: int
    quotes: int
    essays: tuple[Essay, ...]
    disagreements: int  # pairs of passages of two essays set against each other


def theme_stats(corpus: Corpus, theme: Theme, disagreeing: list[Disagreement]) -> ThemeStats:
    claims = corpus.claims_of(theme.id)
    slugs = {ev.essay for c in claims for ev in c.evidence}
    return ThemeStats(
        len(claims),
        sum(len(c.evidence) for c in claims),
        tuple(e for e in corpus.essays if e.slug in slugs),
        len(disagreeing),
    )


def template_sources(env: jinja2.Environment, name: str) -> tuple[str, ...]:
    """The text of template ``name`` and of every template it includes, imports or extends,
    at any depth: what a page made from it depends on besides its arguments."""
    assert env.loader is not None
    sources: dict[str, str] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current not in sources:
            sources[current] = env.loader.get_source(env, current)[0]
            todo += _referenced(env, sources[current])
    return tuple(sources.values())


@functools.lru_cache(maxsize=256)
def _referenced(env: jinja2.Environment, source: str) -> list[str]:
    """The templates a template's ``source`` names (parsed once for each text it has)."""
    return [n for n in jinja_meta.find_referenced_templates(env.parse(source)) if n]


def theme_pages(
    env: jinja2.Environment,
    theme: Theme,
    stats: ThemeStats,
    claims: exports.Claims,
    themes: tuple[Theme, ...],
    terms: dict[str, tuple[str, str, str]],
    site: Site,
) -> dict[str, str]:
    """A theme's page, its claims as CSV and JSON, and its citation downloads; from these
    arguments alone (as :func:`essay_pages`)."""
    work = bibliography.page_work(site, theme.title, f"themes/{theme.id}/")
    stem = f"themes/{theme.id}/{theme.id}"
    return {
        **page_files(
            env,
            f"themes/{theme.id}/index.md",
            "theme.md.j2",
            title=theme.title,
            work=work,
            citation=citation_meta(work, site),
            theme=theme,
            stats=stats,
            claims=claims,
            themes={t.id: t for t in themes},
            glossary=Glossary(terms, "../../reference/glossary/"),
            nav_order=themes.index(theme) + 1,
            changed=max((c.added for c, _ in claims if c.added), default=None),
        ),
        f"{stem}-claims.csv": exports.theme_csv(site, theme, claims),
        f"{stem}-claims.json": exports.theme_json(site, theme, claims),
        **_downloads(stem, work),
    }


def essay_pages(
    env: jinja2.Environment,
    essay: Essay,
    citations: tuple[Citation, ...],
    conversations: tuple[Conversation, ...],
    themes: tuple[Theme, ...],
    terms: dict[str, tuple[str, str, str]],
    site: Site,
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
            citation=citation_meta(work, site),
            corrections=len(prepared["corrections"]),
            conversations=conversations,
            themes={t.id: t for t in themes},
            glossary=Glossary(terms, "../../reference/glossary/"),
            report={**prepared, "rules": [{**r, "done": _quoting(r["done"], essay, site)} for r in prepared["rules"]]},
            # (the essay's own words are marked with their language where it is not the site's)
            text_lang=foreign(essay.language, site.language),
        ),
        stem + "preparation.json": json.dumps(prepared, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        stem + f"{essay.slug}.txt": as_received(essay),
        stem + "passages.json": passages(essay, site.language),
        **_downloads(f"{stem}{essay.slug}", work),
    }


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
    return (
        json.dumps(
            {
                "by": f"{by}{source}, {essay.date.shown(language)}",
                "lang": essay.language,
                "title": essay.title,
                "paragraphs": {p.id: p.text for p in essay.paragraphs if p.kind not in ("heading", "notes_heading")},
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        + "\n"
    )


def as_received(essay: Essay) -> str:
    """The essay's source text, which written as UTF-8 is the file as received, byte for byte."""
    return essay.received or essay.raw


def _downloads(stem: str, work: bibliography.Work) -> dict[str, str]:
    return {
        f"{stem}.bib": bibliography.bibtex(work),
        f"{stem}.ris": bibliography.ris(work),
        f"{stem}.csl.json": bibliography.csl_json(work),
    }


def render(corpus: Corpus, quotes: dict[Evidence, Quote], cache: Cache | None = None) -> dict[str, str]:
    """Every generated page, as ``{path under docs/: Markdown}``. The pages of each essay and
    theme are kept in the ``cache`` with everything they were made from, their templates
    included, and made again only when one of these changed."""
    cache = cache or Cache()
    env = cache.templates = cache.templates or environment()
    env.globals["site_language"] = corpus.site.language
    pages: dict[str, str] = {}

    def page(path: str, template: str, **context) -> None:
        add(page_files(env, path, template, corpus=corpus, **context))

    def add(new: dict[str, str]) -> None:
        for path in new.keys() & pages.keys():
            raise RuntimeError(f"two pages would be written to docs/{path}")
        pages.update(new)

    disagreeing = {t.id: disagreements(corpus, quotes, t.id) for t in corpus.themes}
    stats = {t.id: theme_stats(corpus, t, disagreeing[t.id]) for t in corpus.themes}
    citations: dict[str, list[Citation]] = defaultdict(list)
    for theme in corpus.themes:
        for claim in corpus.claims_of(theme.id):
            for ev in claim.evidence:
                citations[ev.essay].append(Citation(claim, quotes[ev]))

    site = corpus.site

    def cited_page(path: str, template: str, title: str, address: str, **context) -> bibliography.Work:
        work = bibliography.page_work(site, title, address)
        page(path, template, title=title, work=work, citation=citation_meta(work, site), **context)
        return work

    notice = template_sources(env, "_untranslated.md.j2")
    theme_templates = template_sources(env, "theme.md.j2") + notice
    essay_templates = template_sources(env, "essay.md.j2") + notice
    pairs = conversations(corpus, quotes)
    terms = glossary_terms(corpus)

    # Each theme's pages and each essay's, made together on every core (a theme's page
    # holds all its claims: a few of them take as long as a hundred essays' pages).
    def quoted(theme: Theme) -> list:  # (a theme's claims, each with its quotes)
        return [(c, [quotes[ev] for ev in c.evidence]) for c in corpus.claims_of(theme.id)]

    wanted: list[tuple[tuple, tuple, tuple[Callable[..., dict[str, str]], tuple]]] = [
        ((site.language, "theme", theme.id), (theme_templates, inputs), (theme_pages, inputs))
        for theme in corpus.themes
        for inputs in [(theme, stats[theme.id], quoted(theme), corpus.themes, terms, site)]
    ] + [
        ((site.language, "essay", essay.slug), (essay_templates, inputs), (essay_pages, inputs))
        for essay in corpus.essays
        for inputs in [(essay, tuple(citations[essay.slug]), tuple(pairs[essay.slug]), corpus.themes, terms, site)]
    ]
    for made in cache.pages.get_each(wanted, lambda job: job[0](env, *job[1])):
        add(made)
    counts = passage_counts(corpus, quotes)

    def say(message: str) -> str:
        return languages.gettext(site.language, message)

    reference: dict[str, tuple[str, str, dict[str, Any]]] = {
        "index": ("reference_index.md.j2", say("Reference"), {}),
        "timeline": (
            "timeline.md.j2",
            say("Timeline"),
            {
                "events": sorted(corpus.events, key=lambda e: e.date.value),
                "quotes": {e.id: [quotes[ev] for ev in e.passages] for e in corpus.events},
            },
        ),
        "figures": (
            "figures.md.j2",
            say("Key figures"),
            {"figures": corpus.figures, "quotes": {f.id: quotes[f.passage] for f in corpus.figures}},
        ),
        "glossary": (
            "glossary.md.j2",
            say("Glossary"),
            {
                "terms": sorted(corpus.terms, key=lambda t: t.term.lower()),
                "usage": term_usage(corpus, cache.term_counts),
                "listed": USED_IN,
            },
        ),
        # (A typographic apostrophe: Zensical escapes a straight one of a title twice in labels.)
        "whats-new": ("whats_new.md.j2", say("What’s new"), {"entries": whats_new(corpus)}),
        "disagreements": (
            "disagreements.md.j2",
            say("Where the authors disagree"),
            {"groups": [(t, disagreeing[t.id]) for t in corpus.themes if disagreeing[t.id]]},
        ),
        "map": (
            "map.md.j2",
            say("Map of the corpus"),
            {
                "svg": Md(svg(corpus, counts)),
                "counts": counts,
                "shown": len(drawn(corpus, counts)),
                "totals": totals(counts)[0],
            },
        ),
    }
    for name, (template, title, context) in reference.items():
        address = "reference/" if name == "index" else f"reference/{name}/"
        # (The map's SVG links are raw HTML, which MkDocs leaves as written and Zensical
        # reads from the source file's folder: from a folder's index page, both agree.)
        source = "reference/map/index.md" if name == "map" else f"reference/{name}.md"
        cited_page(source, template, title, address, **context)
    add({CITATIONS: citation_data(corpus, quotes), FEED: atom(corpus, site)})
    add({GLOSSARY: json.dumps(terms, ensure_ascii=False, indent=1, sort_keys=True) + "\n"})
    page("themes/index.md", "themes_index.md.j2", stats=stats)
    page("essays/index.md", "essays_index.md.j2")
    page("snippets/home-themes.md", "home_themes.md.j2", stats=stats)
    page("snippets/home-essays.md", "home_essays.md.j2")
    return pages
