"""Pages kept from one build to the next in one process, for ``make serve``.

The render and write stages keep nothing (see :mod:`build_tools.stages.render`);
:class:`KeptPages` does their work as they do it, keeping what it made with what it was
made from (see :mod:`build_tools.memo`): each theme's and each essay's pages, with their
templates' text; each claim's part of its theme's pages (its section, its data); each essay's row of the long
tables and lists of the pages made from the whole corpus; each record's lines of the data
package's tables; the glossary terms each essay
uses; the templates compiled, for each edition; and the text of each generated file as it
was last written or read. What it makes is what the stages make from nothing
(``tests/test_memo.py``).
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import jinja2
from jinja2 import meta as jinja_meta

from .folders import GENERATED
from .formats.data_package import part_lines
from .formats.data_tables import Part, Table
from .formats.markdown_text import Terms
from .memo import Memo, version
from .model import Claim, Corpus, Essay, Evidence, Quote, Site
from .relations import related
from .stages.page_jobs import ClaimParts, Job, PageKey, ThemeJob, claim_parts, job_pages, page_jobs
from .stages.reference_pages import corpus_pages
from .stages.render import together
from .stages.rows import Shown, render_row
from .stages.templating import Rendered, environment, glossary_terms
from .stages.write import on_disk, write
from .term_usage import CountsInputs, CountsKey, TermForms, counted_in, term_usage

NOTICE = "_untranslated.md.j2"  # (any page may show it: see templating.with_notice)


class PageInputs(NamedTuple):
    """All a job's pages are made from: the job, and the text of its templates."""

    templates: tuple[str, ...]  # (its templates', and those of every template they use)
    job: Job


class SectionKey(NamedTuple):
    """A claim's part of its theme's pages (its section of the page, its data), in the
    edition in ``language``."""

    language: str
    claim: str  # (its id)


class SectionInputs(NamedTuple):
    """All a claim's part of its theme's pages is made from."""

    templates: tuple[str, ...]  # (_claim.md.j2's, and those of every template it uses)
    claim: Claim
    quotes: list[Quote]
    terms: Terms
    site: Site  # (its data's addresses start with its address)


class RowKey(NamedTuple):
    """An essay's row of a long table or list (see :mod:`build_tools.stages.rows`), in the
    edition in ``language``."""

    language: str
    template: str  # (the row's)
    slug: str


class RowInputs(NamedTuple):
    """All a row is made from."""

    templates: tuple[str, ...]  # (its template's, and those of every template it uses)
    shown: Shown


class LinesKey(NamedTuple):
    """A part of a table of the data package (see :mod:`build_tools.formats.data_tables`), in
    the edition in ``language``."""

    language: str
    table: str
    owner: str  # (the part's)


@dataclass
class KeptPages:
    """What rendering and writing keep for the next build in the same process."""

    # each theme's and essay's pages; each claim's part of its theme's pages; each essay's row
    # of a long table or list; each part of the data package's tables; the glossary terms
    # each essay uses
    pages: Memo[PageKey, PageInputs, dict[str, str]] = field(default_factory=Memo)
    sections: Memo[SectionKey, SectionInputs, ClaimParts] = field(default_factory=Memo)
    rows: Memo[RowKey, RowInputs, Rendered] = field(default_factory=Memo)
    lines: Memo[LinesKey, tuple, str] = field(default_factory=Memo)
    term_counts: Memo[CountsKey, CountsInputs, Counter[str]] = field(default_factory=Memo)
    # each generated file's text as last written or read, with its stat then, by its path on disk
    texts: dict[str, tuple[os.stat_result, str]] = field(default_factory=dict)
    environments: dict[str, jinja2.Environment] = field(default_factory=dict)  # by the edition's language
    referenced: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the templates a template's text uses
    # the files in each edition's generated folders, by docs/ and the folders, as write lists them
    listed: dict[tuple[str, tuple[str, ...]], dict[str, os.stat_result]] = field(default_factory=dict)

    def render(self, corpus: Corpus, quotes: dict[Evidence, Quote]) -> dict[str, str]:
        """What :func:`~build_tools.stages.render.render` gives, each theme's and essay's pages
        made again only if what they are made from, templates included, changed."""
        env = self.environment(corpus.site.language)
        found, terms = related(corpus, quotes), glossary_terms(corpus)
        jobs = page_jobs(corpus, quotes, found, terms)
        sources = {names: self.sources(env, *names, NOTICE) for names in {job.templates for job in jobs}}
        wanted = [(job.key, PageInputs(sources[job.templates], job), job) for job in jobs]
        made = self.pages.get_each(wanted, functools.partial(_job_pages, env, self.claim_parts_by_theme(env, jobs)))
        usage = term_usage(corpus, self.counted)
        pages = corpus_pages(env, corpus, quotes, found, terms, usage, self.made_rows, self.part_lines)
        return together([*made, *pages])

    def claim_parts_by_theme(self, env: jinja2.Environment, jobs: list[Job]) -> dict[PageKey, list[ClaimParts]]:
        """The part of each claim of each theme's pages (its section, its data), by the theme's
        job, each made again only if its claim, its quotes, the glossary or its templates
        changed: a theme's pages made again (one of its claims quotes an essay edited) are
        mostly made of kept parts."""
        themes = [job for job in jobs if isinstance(job, ThemeJob)]
        templates = self.sources(env, "_claim.md.j2")
        wanted = [
            (SectionKey(job.site.language, claim.id), inputs, inputs)
            for job in themes
            for claim, quotes in job.claims
            for inputs in [SectionInputs(templates, claim, quotes, job.terms, job.site)]
        ]
        made = iter(self.sections.get_each(wanted, functools.partial(_claim_parts, env)))
        return {job.key: [next(made) for _ in job.claims] for job in themes}

    def made_rows(self, env: jinja2.Environment, template: str, shown: Sequence[Shown]) -> list[Rendered]:
        """What :func:`~build_tools.stages.rows.made_rows` gives, each row made again only if
        what it shows or its templates changed: a table of a thousand essays, one of them
        edited, is made of the others' kept rows."""
        language, templates = str(env.globals["site_language"]), self.sources(env, template)
        wanted = [(RowKey(language, template, row.essay.slug), RowInputs(templates, row), row) for row in shown]
        return self.rows.get_each(wanted, functools.partial(render_row, env, template))

    def part_lines(self, language: str, table: Table, part: Part) -> str:
        """What :func:`~build_tools.formats.data_package.part_lines` gives, made again only if
        what the part is made from changed: the table of every passage quoted, one essay
        edited, is made of the kept lines of the others'."""
        key = LinesKey(language, table.name, part.owner)
        return self.lines.get(key, part.of, functools.partial(part_lines, language, table, part))

    def environment(self, language: str) -> jinja2.Environment:
        """The templates' environment for ``language``: each template compiled once, and
        again only when its file changes."""
        if language not in self.environments:
            self.environments[language] = environment(language, kept=True)
        return self.environments[language]

    def sources(self, env: jinja2.Environment, *names: str) -> tuple[str, ...]:
        """The text of the templates ``names`` and of every template they include, import or
        extend, at any depth: what a page made from them depends on besides its arguments."""
        assert env.loader is not None
        sources: dict[str, str] = {}
        todo = list(names)
        while todo:
            current = todo.pop()
            if current not in sources:
                sources[current] = source = env.loader.get_source(env, current)[0]
                if source not in self.referenced:  # (each text parsed once)
                    self.referenced[source] = tuple(
                        n for n in jinja_meta.find_referenced_templates(env.parse(source)) if n
                    )
                todo += self.referenced[source]
        return tuple(sources.values())

    def counted(self, essay: Essay, forms: TermForms) -> Counter[str]:
        """The glossary terms ``essay`` uses, counted again only if its text or the terms changed."""
        return counted_in(self.term_counts, essay, forms)

    def write(self, pages: dict[str, str], docs: Path, folders: tuple[str, ...] = GENERATED) -> list[str]:
        """What :func:`~build_tools.stages.write.write` does, a file read again only if its
        version changed since it was last read or written, and the folders listed only the
        first time: the build that serves them is the only one to write them (``make serve``
        writes docs/'s generated folders, and nothing else does), so what it wrote is what
        they hold, and the next build looks only at the files it changes."""
        where = (os.fspath(docs), folders)
        found = self.listed.get(where)
        if found is None:
            found = self.listed[where] = on_disk(docs, folders)
        try:
            changed = write(pages, docs, folders, self.holds, found)
        except BaseException:  # (what the folders hold is not known for sure: listed again next time)
            del self.listed[where]
            raise
        for path in changed:
            written = os.path.join(docs, path)
            if path not in pages:
                del found[path]
                continue
            found[path] = stat = os.stat(written)
            self.texts[written] = (stat, pages[path])  # (what was written is known: the next build need not read it)
        return changed

    def holds(self, path: str, stat: os.stat_result, text: str) -> bool:
        """Whether the file at ``path`` holds ``text``, not read again if its text is kept at
        this version (``stat``: the one kept, while serving, for a file the last build did not change)."""
        kept = self.texts.get(path)
        if kept is None or (kept[0] is not stat and version(kept[0]) != version(stat)):
            kept = self.texts[path] = (stat, _read(path))
        return kept[1] == text


def _claim_parts(env: jinja2.Environment, inputs: SectionInputs) -> ClaimParts:
    return claim_parts(env, inputs.claim, inputs.quotes, inputs.terms, inputs.site)


def _job_pages(env: jinja2.Environment, parts: dict[PageKey, list[ClaimParts]], job: Job) -> dict[str, str]:
    return job_pages(env, job, parts.get(job.key))


def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")
