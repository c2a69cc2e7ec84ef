"""The Spanish edition's typography and wording, as a Mexican editor reads it: the full stop
after a closing quotation mark, lowercase after a colon, each thing said once — on the
fixture corpus, beside the English edition, which keeps its own style."""

from __future__ import annotations

import re
from dataclasses import replace

from build_tools.formats.bibliography import essay_work, formatted, page_work
from build_tools.formats.part_citations import part_citation


def test_a_spanish_citation_ends_its_quoted_title_after_the_closing_mark(checked):
    essay = next(e for e in checked.corpus.essays if e.title[-1:] not in ".?!…")
    work = essay_work(essay)
    assert f"“{essay.title}.”" in formatted(work, "en")
    spanish = re.sub(r"</?span[^>]*>", "", formatted(work, "es"))
    assert f"“{essay.title}”." in spanish and f"{essay.title}.”" not in spanish
    site = replace(checked.corpus.site, url="https://example.org/", date="2026-01-01")
    for language, name, cited in (("en", "Trade", "“Trade: {title}.”"), ("es", "Comercio", "“Comercio: {title}”.")):
        page = page_work(replace(site, language=language), name, "themes/trade/")
        assert f"“{name}{'.”' if language == 'en' else '”.'}" in formatted(page, language)
        assert cited in part_citation(page, replace(site, language=language), "themes/trade/").template
