"""The benchmark's synthetic corpus is a valid corpus (so `make bench` measures real builds)."""

from __future__ import annotations

from build_tools.pipeline import check
from tests.bench import WORDS_PER_ESSAY, paragraph_pool, write_corpus


def test_a_synthetic_corpus_checks_and_every_quote_is_found(project):
    write_corpus(project, 6, paragraph_pool())
    checked = check(project)
    assert [e.slug for e in checked.corpus.essays] == [f"essay-{i:04d}" for i in range(6)]
    assert all(sum(len(p.text.split()) for p in e.paragraphs) >= WORDS_PER_ESSAY for e in checked.corpus.essays)
    assert len(checked.quotes) == 2 * 6 and checked.warnings == []
