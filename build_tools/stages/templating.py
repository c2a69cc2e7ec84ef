"""The templates' Jinja2 environment, its filters, and a page rendered from a template.

Templates receive model objects only. Every ``{{ value }}`` is escaped as Markdown
text by the environment's ``finalize`` hook (see :mod:`markdown_text`), so no
field of the seeds can become markup; only values already wrapped in :class:`Md`
(Markdown the renderer builds on purpose) pass through unchanged. A template whose
name ends in ``.html.j2`` writes HTML that the engine is not given (its macros' output
is set aside: :mod:`build_tools.formats.spliced`): its values are escaped as HTML
instead, by the same hook and filters.

Rendering a page keeps nothing: what the filters note of a page (the HTML it sets aside,
the editorial text it shows untranslated) goes into the :class:`PageParts` of that one
rendering, held by a context variable while it runs (not by the template's context, which
imported macros then need not see), and comes back with the page as :class:`Rendered`.
"""

from __future__ import annotations

import contextvars
import functools
import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import jinja2
import jinja2.ext
from markupsafe import Markup

from .. import languages
from ..folders import TEMPLATES
from ..formats import bibliography, spliced
from ..formats.markdown_text import (
    Md,
    Terms,
    Untranslated,
    at_source,
    escape,
    foreign,
    in_language,
    inline_html,
    paragraph_html,
    paragraph_markdown,
    text_fragment,
)
from ..model import LONG_LIST, RELATION_LABELS, Corpus, EssayDate, Quote, Standing, Term
from ..relation_sentences import Table, relation_sentence
from . import compiled


@dataclass
class PageParts:
    """What the filters note of the one page being rendered."""

    set_aside: list[str] = field(default_factory=list)  # its raw HTML, which the engine is not given
    untranslated: list[str] = field(default_factory=list)  # its editorial text shown in English


_page_parts: contextvars.ContextVar[PageParts] = contextvars.ContextVar("page_parts")  # (the page being rendered's)


class Rendered(NamedTuple):
    """A page made from a template: its Markdown (with a placeholder for each piece of HTML
    set aside), the HTML set aside, and the editorial text it shows untranslated."""

    markdown: str
    set_aside: tuple[str, ...]
    untranslated: tuple[str, ...]


def render_page(env: jinja2.Environment, template: str, **context) -> Rendered:
    """The page made from ``template`` with ``context``."""
    parts = PageParts()
    token = _page_parts.set(parts)
    try:
        markdown = env.get_template(template).render(**context)
    finally:
        _page_parts.reset(token)
    return Rendered(markdown, tuple(parts.set_aside), tuple(parts.untranslated))


def with_notice(env: jinja2.Environment, page: Rendered) -> str:
    """The page's Markdown, with a notice after its title if any of its editorial text is
    shown untranslated (.github/CONTRIBUTING.md says how an editor adds one)."""
    if not page.untranslated:
        return page.markdown
    notice = render_page(env, "_untranslated.md.j2").markdown
    lines = page.markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    return "\n".join([*lines[: title + 1], "", notice.rstrip("\n"), *lines[title + 1 :]])


def page_files(env: jinja2.Environment, path: str, template: str, **context) -> dict[str, str]:
    """The page at ``path`` made from ``template`` (with its notice: :func:`with_notice`) and,
    if it sets any raw HTML aside (the ``spliced`` filter), the file beside it that holds it."""
    page = render_page(env, template, **context)
    return spliced.set_aside(with_notice(env, page), list(page.set_aside), path)


def _untranslated(value) -> str | None:
    """The language to mark ``value`` with if it is editorial text shown untranslated, which
    is then noted in the page's parts; else None."""
    if isinstance(value, Untranslated):
        _page_parts.get().untranslated.append(str(value))
        return value.language
    return None


def _shown(value, escaped) -> Md:
    """``value`` as ``escaped`` writes it; editorial text shown untranslated is marked with
    its language (on a span) and noted in the page's parts."""
    lang = _untranslated(value)
    return in_language(escaped(value), lang, "") if lang else escaped(value)


@jinja2.pass_context
def element(context, value, tag: str, language: str | None = None, **attributes: str) -> Md:
    """The HTML element ``tag`` (with ``attributes``) that ``value`` fills whole: editorial text
    shown untranslated, or words in ``language`` not the page's, marked on the element itself,
    not on a span inside it (a page of many such elements is the smaller for it, compressed)."""
    lang = _untranslated(value) or (language and foreign(language, context["site_language"]))
    if lang:
        attributes = {**attributes, "lang": lang}
    opening = "".join(f' {name}="{html.escape(str(given))}"' for name, given in attributes.items())
    return Md(f"<{tag}{opening}>{html.escape(str(value))}</{tag}>")


def set_aside_html(html) -> Md:
    """Raw HTML for the page as it is, which the engine need not read: set aside, and a
    placeholder in its place (see :func:`page_files`)."""
    pieces = _page_parts.get().set_aside
    pieces.append(str(html).strip())
    return Md(spliced.placeholder(len(pieces) - 1))


def embedded(part: Rendered) -> Md:
    """A part of the page rendered on its own (:func:`render_page`), in its place: its HTML
    set aside with the page's, its editorial text shown untranslated noted as the page's."""
    parts = _page_parts.get()
    markdown = spliced.renumbered(part.markdown, len(parts.set_aside))
    parts.set_aside.extend(part.set_aside)
    parts.untranslated.extend(part.untranslated)
    return Md(markdown)


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


def environment(language: str, kept: bool = False) -> jinja2.Environment:
    """The templates' environment for ``language``, all loaded (:mod:`.compiled`); ``kept`` (serving), reloading edited ones."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=compiled.CODE,
        auto_reload=kept,
        undefined=jinja2.StrictUndefined,
        # Autoescape only so that macro output is Markup (kept as it is); the
        # escaping itself is _finalize's: as Markdown, or as HTML in a .html.j2 template.
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(_filters())
    env.filters.update(_language_filters())
    env.add_extension(Messages)
    # (install_gettext_callables is the extension's, which mypy does not see on Environment)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=languages.gettext, ngettext=languages.ngettext, newstyle=True, pgettext=languages.pgettext
    )
    env.globals["relation_labels"] = RELATION_LABELS
    env.globals["long_list"] = LONG_LIST
    env.globals["site_language"] = language
    compiled.load_all(env)
    return env


def _filters() -> dict[str, Callable]:
    return {
        "spliced": set_aside_html,
        "embedded": embedded,
        "glossed": lambda markup, glossary: Md(glossary.in_html(str(markup))),
        "quote_md": quote_markdown,
        "quote_html": quote_html,
        "in_language": in_language,
        # words of an essay (its title, its outlet's name): marked with its language if not the page's
        "lang": jinja2.pass_context(
            lambda context, value, language: in_language(_escaper(context)(value), language, context["site_language"])
        ),
        "foreign": foreign,
        "element": element,
        "text_fragment": text_fragment,
        "at_source": lambda quote: Md(at_source(quote) or ""),
        "code": code_span,
        # A front-matter value: quoted, and HTML-escaped, since engines write front matter into
        # <title>, <meta> and the navigation as it is (MkDocs' adapter escapes it again, idempotently).
        "meta": lambda value: Md(json.dumps(html.escape(str(value)), ensure_ascii=False)),
        "html": html_text,  # inside raw HTML
        "json": lambda value: Md(json.dumps(value, ensure_ascii=False, sort_keys=True)),
        "cite_formatted": cite_formatted,
        "excerpt": excerpt_text,
    }


@jinja2.pass_context
def cite_formatted(context, work: bibliography.Work) -> Md:
    """The formatted reference to ``work``; the editors' words in it that are shown
    untranslated (a page's title, an excerpt's part) noted as the page's."""
    for value in (work.title, work.excerpt and work.excerpt.part):
        if isinstance(value, Untranslated):
            _page_parts.get().untranslated.append(str(value))
    return bibliography.formatted(work, context["site_language"])


@jinja2.pass_context
def excerpt_text(context, excerpt) -> Md:
    """Which part of a longer work a text is, in words, each shown as any value is."""
    return Md(bibliography.excerpt_words(excerpt, context["site_language"], lambda w: _shown(w, _escaper(context))))


def _language_filters() -> dict[str, Callable]:
    """The filters whose output depends on the language of the page rendered."""
    filters: dict[str, Callable] = {
        "md": lambda language, p, ids=(): paragraph_markdown(p, ids, language),
        "html_paragraph": lambda language, p, ids, glossary, classes=(), lang=None: paragraph_html(
            p, ids, glossary, classes, lang, language
        ),
        "number": lambda language, n: Md(languages.number(language, n)),
        # an editor's sentence after a label: (separator, sentence) as the language writes them
        "after_colon": lambda language, sentence, label: languages.after_colon(language, label, sentence),
        # YYYY-MM-DD as "2 March 2026"; an essay's date as known ("July 2014", "c. 2000")
        "day": lambda language, value: EssayDate(value, "day").shown(language),
        "when": lambda language, value: value.shown(language),
        "said_by": lambda language, quote, author, role=True, subject=False: quote.said_by_in(
            language, author, role, subject
        ),
        # the author(s) as a sentence names them, an organisation with its article ("la Presidencia")
        "in_sentence": lambda language, essay, start=False: (
            languages.article(language, essay.organisation, start) + essay.mention_in(language)
        ),
    }
    # How an essay is named (see model.Essay), and who said a quote's words
    for name in ("byline", "short_author", "mention", "label"):
        filters[name] = functools.partial(lambda name, language, essay: getattr(essay, f"{name}_in")(language), name)
    return {name: in_site_language(fn) for name, fn in filters.items()}


def in_site_language(fn):
    """A filter that calls ``fn(language, value, …)`` with the language of the page rendered."""
    return jinja2.pass_context(lambda context, *args: fn(context["site_language"], *args))


class Messages(jinja2.ext.InternationalizationExtension):
    """Jinja2's i18n extension (``_``, ``gettext``, ``ngettext``, ``pgettext``, as Babel extracts
    them, and ``relation_sentence``: see :mod:`build_tools.relation_sentences`), its callables given the language of the page rendered, and each ``{name}`` of a
    message replaced by its value escaped as any value is (Jinja2's own new-style callables
    would fill ``%(name)s`` with values escaped as HTML, even in Markdown)."""

    def _install_callables(self, gettext, ngettext, newstyle=None, pgettext=None, npgettext=None) -> None:
        if not newstyle or npgettext is not None:
            raise TypeError("the templates' messages are new-style, and none is both counted and in a context")

        @jinja2.pass_context
        def _gettext(context, message: str, **values) -> Md:
            return _filled(context, gettext(context["site_language"], message), values)

        @jinja2.pass_context
        def _ngettext(context, singular: str, plural: str, n: int, **values) -> Md:
            values.setdefault("num", Md(languages.number(context["site_language"], n)))
            return _filled(context, ngettext(context["site_language"], singular, plural, n), values)

        @jinja2.pass_context
        def _pgettext(context, where: str, message: str, **values) -> Md:
            return _filled(context, pgettext(context["site_language"], where, message), values)

        @jinja2.pass_context
        def _relation_sentence(context, table: Table, relation: Standing, **values) -> Md:
            return _filled(context, relation_sentence(context["site_language"], table, relation), values)

        self.environment.globals.update(  # (``_`` itself, not Jinja2's alias that looks up ``gettext``)
            _=_gettext, gettext=_gettext, ngettext=_ngettext, pgettext=_pgettext, relation_sentence=_relation_sentence
        )


def _filled(context: jinja2.runtime.Context, text: str, values: dict[str, Any]) -> Md:
    """A translated message with each ``{name}`` in it replaced by its value, escaped as any
    value is (the message itself is ours: escaped as HTML only in a ``.html.j2`` template)."""
    if _escaper(context) is _html_escape:
        text = html.escape(text, quote=False)
    return Md(text.format(**{name: _finalize(context, value) for name, value in values.items()}) if values else text)


def glossary_terms(corpus: Corpus) -> Terms:
    """Each form of each glossary term: its tooltip, its entry's id on the glossary page, and
    its language where it is not the site's (else "")."""
    return {
        form: (str(term_tooltip(t, corpus.site.language)), t.id, foreign(t.language, corpus.site.language) or "")
        for t in corpus.terms
        for form in t.forms
    }


def term_tooltip(term: Term, language: str) -> Md:
    """A glossary entry as the one line of a link's title (shown as it is, not as Markdown)."""
    text = term.definition
    if term.expansion:
        text = term.expansion + "".join(languages.after_colon(language, term.expansion, term.definition))
    return Md(" ".join(text.split()))


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
