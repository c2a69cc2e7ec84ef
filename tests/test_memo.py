"""``make serve`` builds again in the same process after each edit, keeping what each
stage made with the inputs it made it from (build_tools/memo.py). What a build that
kept results writes must be exactly what a build from nothing writes, whatever was
edited; and an edit to one essay must make the build render that essay again, not
every essay."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from build_tools import kept_pages
from build_tools.kept_pages import KeptPages
from build_tools.memoised import Cache
from build_tools.memoised import corpus as load
from build_tools.model import LONG_LIST
from build_tools.pipeline import check
from build_tools.problems import Collector, SeedError
from build_tools.stages import load as load_stage
from build_tools.stages import page_jobs
from build_tools.stages.render import render
from build_tools.stages.rows import ESSAY_ITEM, MAP_ROW, SOURCE_ROW
from tests.bench import paragraph_pool, write_corpus
from tests.conftest import copy_project, receive_again


class Kept(NamedTuple):
    """What ``make serve`` keeps from one build to the next."""

    cache: Cache
    pages: KeptPages


def pages(root: Path, kept: Kept | None = None) -> dict[str, str]:
    if kept is None:
        checked = check(root)
        return render(checked.corpus, checked.quotes)
    checked = check(root, kept.cache)
    return kept.pages.render(checked.corpus, checked.quotes)


def calls(monkeypatch, module, name: str, seen: Callable) -> list:
    """What ``seen`` makes of the arguments of each call to ``module.name`` from now on; the
    function itself still runs."""
    made, function = [], getattr(module, name)

    def watched(*args):
        made.append(seen(*args))
        return function(*args)

    monkeypatch.setattr(module, name, watched)
    return made


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    (receive_again if path.suffix == ".txt" else Path.write_text)(path, text.replace(old, new, 1))


EDITS = {
    "an essay's text": ("seeds/essays/wilson-2021.txt", "\n\n", " Edited.\n\n"),
    "an essay's metadata": ("seeds/essays/bach-2000.yml", '\ntitle: "', '\ntitle: "Edited '),
    "a theme's title": ("seeds/themes.yml", "title: Trade", "title: Trade and investment"),
    "a claim's title": ("seeds/crossrefs/trade.yml", "    title: ", "    title: Edited "),
    "a glossary term": ("seeds/glossary.yml", "The trade agreement between Canada", "The trade pact between Canada"),
    # (what an essay's row of the map's table and of the sources' table shows)
    "an essay's author": ("seeds/essays/bach-2000.yml", "family: Bach", "family: Bachmann"),
    "an essay's address": (
        "seeds/essays/broad-2014.yml",
        "\nurl: https://thehill.com/",
        "\nurl: https://hill.example/",
    ),
    "a claim's quote left out": (
        "seeds/crossrefs/governance.yml",
        "      - essay: bach-2000\n        quote: >-\n          The challenge facing both regimes, however, is more about"
        " democracy than\n          it is about labor markets or visas.\n        relation: agrees\n        es:\n"
        '          translation: "Sin embargo, el reto que enfrentan ambos gobiernos tiene más que ver con la democracia'
        ' que con los mercados laborales o las visas."\n        es_of: {translation: e6ba4be3}\n',
        "",
    ),
}


@pytest.mark.parametrize("what", EDITS)
def test_a_build_after_an_edit_writes_what_a_build_from_nothing_writes(project, what):
    kept = Kept(Cache(), KeptPages())
    pages(project, kept)  # (the first build: everything is made and kept)
    name, old, new = EDITS[what]
    edit(project / name, old, new)
    assert pages(project, kept) == pages(project)


def test_a_check_after_an_edit_warns_as_a_check_from_nothing_does(project):
    """The warnings found after cleaning and anchoring (long paragraphs, where quotes stand)
    are kept per essay: a quote whose speaker is taken away is warned of at once, and an
    essay's warnings stay while it is unchanged."""
    cache = Cache()
    before = check(project, cache).warnings
    assert check(project, cache).warnings == before
    edit(
        project / "seeds" / "crossrefs" / "trade.yml",
        "        speaker:\n          name: Alexandria Ocasio-Cortez\n          role: U.S. Representative\n",
        "",
    )
    after = check(project, cache).warnings
    assert after == check(project).warnings
    new = [p for p in after if p not in before]
    assert len(new) == 1 and "quotation marks" in new[0].message


def test_an_edit_to_one_essay_renders_that_essay_again_and_no_other(project, monkeypatch):
    essays = project / "seeds" / "essays"
    for suffix in (".txt", ".yml"):  # an essay no claim quotes: no other page shows its words
        (essays / f"extra-2020{suffix}").write_bytes((essays / f"bach-2000{suffix}").read_bytes())
    kept = Kept(Cache(), KeptPages())
    pages(project, kept)
    rendered = calls(monkeypatch, page_jobs, "essay_pages", lambda env, essay, *rest: essay.slug)
    edit(essays / "extra-2020.txt", "\n\n", " Edited.\n\n")
    pages(project, kept)
    assert rendered == ["extra-2020"]
    pages(project, kept)
    assert rendered == ["extra-2020"]  # (nothing changed since)


def test_a_line_added_above_a_rule_moves_where_problems_point(project):
    """Values read from YAML compare equal whatever their lines: what is kept must not
    keep the lines of an earlier version of the file."""
    meta = project / "seeds" / "essays" / "bach-2000.yml"
    cache = Cache()
    line = {e.slug: e for e in check(project, cache).corpus.essays}["bach-2000"].rules[0].loc.line
    meta.write_text("# a comment\n" + meta.read_text(encoding="utf-8"), encoding="utf-8")
    assert {e.slug: e for e in check(project, cache).corpus.essays}["bach-2000"].rules[0].loc.line == line + 1


def test_an_edit_to_one_essay_makes_that_essay_again_and_keeps_the_others(project):
    """Files whose version did not change are not read again: their essays and claims are the
    very objects of the last build, which later stages compare by identity first — essays
    lettered by year too (two by the same author in one year)."""
    essays = project / "seeds" / "essays"
    for suffix in (".txt", ".yml"):  # (a second essay by bach-2000's author in the same year: 2000a, 2000b)
        (essays / f"bach-2000-second{suffix}").write_bytes((essays / f"bach-2000{suffix}").read_bytes())
    cache = Cache()
    before = load(project, Collector(), cache)
    edit(essays / "wilson-2021.yml", '\ntitle: "', '\ntitle: "Edited ')
    after = load(project, Collector(), cache)
    kept = {e.slug: e for e in before.essays}
    assert {e.year_letter for e in after.essays if e.slug.startswith("bach-2000")} == {"a", "b"}
    assert [e.slug for e in after.essays if e is not kept[e.slug]] == ["wilson-2021"]
    assert all(a is b for a, b in zip(after.claims, before.claims, strict=True))


def test_a_seeds_file_is_read_again_only_when_its_version_changed(project, monkeypatch):
    """An unchanged seeds file is not read again; one rewritten at the same size and given
    back its modification date is (its change date tells), and the edit is seen."""
    cache = Cache()
    check(project, cache)
    read = calls(monkeypatch, load_stage, "read_bytes", lambda file: file.rel)
    meta = project / "seeds" / "essays" / "bach-2000.yml"
    was = meta.stat()
    edit(meta, "family: Bach", "family: Bich")
    os.utime(meta, ns=(was.st_atime_ns, was.st_mtime_ns))
    assert meta.stat().st_size == was.st_size and meta.stat().st_mtime_ns == was.st_mtime_ns
    essays = {e.slug: e for e in check(project, cache).corpus.essays}
    assert read == ["seeds/essays/bach-2000.yml"]
    assert essays["bach-2000"].authors[0].family == "Bich"
    check(project, cache)
    assert read == ["seeds/essays/bach-2000.yml"]  # (nothing changed since)


def test_a_cleaning_problem_is_said_again_by_each_build_until_it_is_mended(project):
    """What cleaning found wrong is not kept: the next build, with nothing edited, says it
    again; once mended, the build succeeds and writes what a build from nothing writes."""
    meta = project / "seeds" / "essays" / "bach-2000.yml"
    kept = Kept(Cache(), KeptPages())
    pages(project, kept)
    edit(meta, 'starts_with: "Campaigning for Change:"', 'starts_with: "Not in the text"')
    for _ in range(2):
        with pytest.raises(SeedError, match="cleaning rule 'drop' of essay 'bach-2000'"):
            check(project, kept.cache)
    edit(meta, 'starts_with: "Not in the text"', 'starts_with: "Campaigning for Change:"')
    assert pages(project, kept) == pages(project)


def test_an_edit_to_one_essay_makes_again_only_the_claims_that_quote_it(project, monkeypatch):
    """A theme's page holds all its claims: the page is made again when one of them quotes an
    edited essay, but from the kept sections of the others."""
    kept = Kept(Cache(), KeptPages())
    pages(project, kept)
    made = calls(monkeypatch, kept_pages, "claim_parts", lambda env, claim, *rest: claim.id)
    edit(project / "seeds" / "essays" / "bach-2000.yml", '\ntitle: "', '\ntitle: "Edited ')
    corpus = check(project, kept.cache).corpus
    quoting = sorted(c.id for c in corpus.claims if any(ev.essay == "bach-2000" for ev in c.evidence))
    assert quoting and len(quoting) < len(corpus.claims)
    pages(project, kept)
    assert sorted(made) == quoting


def test_an_edit_to_one_essay_makes_again_only_its_lines_of_the_data_package(project, monkeypatch):
    """The data package's tables are made of each record's lines, kept
    (build_tools/formats/data_tables.py): an essay's title edited makes again its row of
    essays.csv and the passages quoting it, and no other lines."""
    kept = Kept(Cache(), KeptPages())
    pages(project, kept)
    made = calls(monkeypatch, kept_pages, "part_lines", lambda language, table, part: (table.name, part.owner))
    edit(project / "seeds" / "essays" / "bach-2000.yml", '\ntitle: "', '\ntitle: "Edited ')
    corpus = check(project, kept.cache).corpus
    owners = [("claim", c.id, c.evidence) for c in corpus.claims] + [("event", e.id, e.passages) for e in corpus.events]
    owners += [("figure", f.id, f.passages) for f in corpus.figures]
    quoting = [
        ("evidence", f"{kind}:{id_}")
        for kind, id_, passages in owners
        if any(ev.essay == "bach-2000" for ev in passages)
    ]
    assert quoting and len(quoting) < len(owners)
    after = pages(project, kept)
    assert sorted(made) == sorted([("essays", "bach-2000"), *quoting])
    assert after == pages(project)
    assert "Edited " in after["reference/data/essays.csv"]


def test_an_edit_to_one_essay_makes_again_its_rows_alone_and_the_tables_show_it(tmp_path, monkeypatch):
    """The map's table, the essays' list (past a dozen essays) and the sources' table are made
    of each essay's row, kept (build_tools/stages/rows.py): an essay's title and author
    edited make its three rows again and no other's, and each page shows the edit as a
    build from nothing does."""
    root = copy_project(tmp_path / "project")
    write_corpus(root, LONG_LIST + 2, paragraph_pool())
    kept = Kept(Cache(), KeptPages())
    before = pages(root, kept)
    made = calls(monkeypatch, kept_pages, "render_row", lambda env, template, row: (template, row.essay.slug))
    meta = root / "seeds" / "essays" / "essay-0003.yml"
    edit(meta, "title: Synthetic essay", "title: Edited essay")
    edit(meta, "family: Author3\n", "family: Edited\n")
    after = pages(root, kept)
    assert sorted(made) == [(ESSAY_ITEM, "essay-0003"), (MAP_ROW, "essay-0003"), (SOURCE_ROW, "essay-0003")]
    assert after == pages(root)
    for page, shown in [
        ("essays/.spliced.json", "Edited essay"),
        ("reference/map/.spliced.json", "Edited "),
        ("reference/.spliced.json", "Edited essay"),
    ]:
        assert shown in after[page] and shown not in before[page]


def test_a_generated_file_changed_on_disk_is_read_again_and_written_again(tmp_path):
    """A file changed by hand is read again and written again when the folders are listed
    (the next ``make serve``)."""
    docs = tmp_path / "docs"
    written = {"essays/a/index.md": "A", "essays/b/index.md": "B"}
    assert KeptPages().write(written, docs) == ["essays/a/index.md", "essays/b/index.md"]
    assert KeptPages().write(written, docs) == []
    (docs / "essays" / "a" / "index.md").write_text("Z", encoding="utf-8")  # (as long: only its version tells)
    assert KeptPages().write(written, docs) == ["essays/a/index.md"]
    assert (docs / "essays" / "a" / "index.md").read_text(encoding="utf-8") == "A"


def test_the_generated_folders_are_listed_once_while_serving(tmp_path, monkeypatch):
    """What a build wrote is what the generated folders hold at the next (``make serve``
    alone writes them): they are not listed again, and each change is still made."""
    docs, kept = tmp_path / "docs", KeptPages()
    kept.write({"essays/a/index.md": "A", "essays/b/index.md": "B"}, docs)
    listed = calls(monkeypatch, kept_pages, "on_disk", lambda docs, folders: folders)
    assert kept.write({"essays/a/index.md": "A2", "essays/b/index.md": "B"}, docs) == ["essays/a/index.md"]
    assert kept.write({"essays/a/index.md": "A2", "essays/c/index.md": "C"}, docs) == [
        "essays/b/index.md",
        "essays/c/index.md",
    ]
    assert kept.write({"essays/a/index.md": "A2", "essays/c/index.md": "C"}, docs) == []
    assert listed == []
    assert not (docs / "essays" / "b").exists() and (docs / "essays" / "a" / "index.md").read_text() == "A2"
    assert KeptPages().write({"essays/a/index.md": "A2", "essays/c/index.md": "C"}, docs) == []
