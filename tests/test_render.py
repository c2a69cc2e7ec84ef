"""Rendering is a function of its arguments: a page rendered comes back with all it noted
(the HTML it sets aside, the editorial text it shows untranslated), and rendering keeps
nothing from one page to the next."""

from __future__ import annotations

import re

from build_tools.formats.spliced import placeholder, renumbered
from build_tools.relations import related
from build_tools.stages.localize import localize
from build_tools.stages.page_jobs import ThemeJob, claim_parts, page_jobs, theme_claim_parts, theme_pages
from build_tools.stages.render import render
from build_tools.stages.templating import environment, glossary_terms


def theme_jobs(checked, language: str) -> list[ThemeJob]:
    corpus, quotes = localize(checked.corpus, checked.quotes, language)
    jobs = page_jobs(corpus, quotes, related(corpus, quotes), glossary_terms(corpus))
    return [job for job in jobs if isinstance(job, ThemeJob)]


def test_a_rendered_section_holds_its_html_and_its_untranslated_text(checked):
    job = next(job for job in theme_jobs(checked, "es") if job.theme.id == "violence")
    env = environment("es")
    sections = [part.section for part in theme_claim_parts(env, job)]
    for section in sections:
        numbers = [int(n) for n in re.findall(r"\x00spliced-(\d+)\x00", section.markdown)]
        assert numbers == list(range(len(section.set_aside))) and section.set_aside
    assert any(section.untranslated for section in sections)  # (the fixture leaves some in English)
    again = [part.section for part in theme_claim_parts(env, job)]
    assert again == sections  # (nothing carried over from the first rendering)


def test_a_theme_page_and_its_data_are_the_same_from_its_claim_parts_made_apart(checked):
    env = environment("es")
    for job in theme_jobs(checked, "es"):
        apart = [claim_parts(environment("es"), claim, quotes, job.terms, job.site) for claim, quotes in job.claims]
        assert theme_pages(env, *job, parts=apart) == theme_pages(env, *job)


def test_rendering_twice_gives_the_same_pages(checked):
    corpus, quotes = localize(checked.corpus, checked.quotes, "es")
    assert render(corpus, quotes) == render(corpus, quotes)


def test_placeholders_are_renumbered_after_the_pieces_before_them():
    page = f"a {placeholder(0)} b {placeholder(1)}"
    assert renumbered(page, 3) == f"a {placeholder(3)} b {placeholder(4)}"
    assert renumbered(page, 0) == page
