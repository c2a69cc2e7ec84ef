"""The benchmark's synthetic corpus is a valid corpus (so `make bench` measures real builds)."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import os
import subprocess
import sys

import pytest

from build_tools.pipeline import check
from tests.bench import PUBLISH, SPANISH, WORDS_PER_ESSAY, ZENSICAL, held_kib, paragraph_pool, write_corpus


def test_a_synthetic_corpus_checks_and_every_quote_is_found(project):
    write_corpus(project, 6, paragraph_pool())
    checked = check(project)
    assert [e.slug for e in checked.corpus.essays] == [f"essay-{i:04d}" for i in range(6)]
    assert all(sum(len(p.text.split()) for p in e.paragraphs) >= WORDS_PER_ESSAY for e in checked.corpus.essays)
    assert len(checked.quotes) == 2 * 6 and checked.warnings == []


@pytest.mark.parametrize("command", [PUBLISH, ZENSICAL, SPANISH], ids=["publish", "zensical", "spanish"])
def test_what_the_bench_runs_in_a_process_of_its_own_imports(command):
    """The bench's one-line programs name modules by string: each module it runs, and each
    name they import, exists."""
    if command[1] == "-m":
        assert importlib.util.find_spec(command[2]) is not None
        return
    for node in ast.walk(ast.parse(command[2])):
        if isinstance(node, ast.ImportFrom):
            module = importlib.import_module(node.module)
            assert all(
                hasattr(module, alias.name) or importlib.util.find_spec(f"{node.module}.{alias.name}")
                for alias in node.names
            ), ast.unparse(node)


def test_the_whole_builds_memory_counts_every_process_under_it():
    """A child holding 64 MiB is counted in its parent's tree, and only while it runs."""
    before = held_kib(os.getpid())
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; held = b'x' * (64 << 20); print(flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None and child.stdout.readline()
        assert held_kib(os.getpid()) - before >= 60 << 10
    finally:
        child.communicate()
    assert held_kib(os.getpid()) - before < 16 << 10
