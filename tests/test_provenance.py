"""Citations in hand-written pages, and paragraph ids that survive edits to other paragraphs."""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from html.parser import HTMLParser

import pytest

from build_tools.formats.page_citations import find_citations
from build_tools.model import ClaimCite, PassageCite
from build_tools.pipeline import check
from build_tools.problems import SourceLoc
from build_tools.stages.anchor import _quick_ratio, fold, fold_text
from tests.conftest import receive_again, run

GUIDE = """# A guide

An inline claim, [[claim:reinvent-or-stop]], and a passage, [[broad-2014#p-alas-that-is-the-wrong-solution]].

[[claim:reinvent-or-stop]]

[[wilson-2021#p-end-the-drug-war-stop-the]]

Syntax shown as code is not a citation: `[[claim:nope]]`.
"""


class Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_citations_in_a_hand_written_page_render_as_attributed_quotes(project, capsys):
    (project / "docs/guide.md").write_text(GUIDE, encoding="utf-8")
    code, _, err = run(project, "site", capsys=capsys)
    assert code == 0, err
    html = (project / "site/guide/index.html").read_text(encoding="utf-8")
    tags = Tags(html).tags
    claim = check(project).corpus.claims
    evidence = next(c for c in claim if c.id == "reinvent-or-stop").evidence
    figures = [a for t, a in tags if t == "figure"]
    assert [f["class"] for f in figures] == ["citation citation-claim", "citation citation-paragraph"]
    assert html.count("<blockquote>") == len(evidence) + 1
    links = [a["href"] for t, a in tags if t == "a" and "in-context" in a.get("class", "")]
    assert len(links) == len(evidence) + 1
    assert all(href.startswith("../essays/") and ":~:text=" in href for href in links)
    inline = [a["href"] for t, a in tags if t == "a" and a.get("class") == "citation"]
    assert inline == ["../themes/trade/#reinvent-or-stop", "../essays/broad-2014/#p-alas-that-is-the-wrong-solution"]
    assert "<code>[[claim:nope]]</code>" in html


@pytest.mark.parametrize(
    "citation, message",
    [
        (
            "[[claim:reinvent-or-stopp]]",
            "[[claim:reinvent-or-stopp]]: there is no claim with the id 'reinvent-or-stopp'",
        ),
        (
            "[[broad-2015#p-alas-that-is-the-wrong-solution]]",
            "[[broad-2015#p-alas-that-is-the-wrong-solution]]: there is no essay 'broad-2015' "
            "(essays: bach-2000, broad-2014, conferencia-2024, historian-central-america-1977-1980, historian-central-america-1981-1993, "
            "quiroga-2023, quiroga-2024, wilson-2021)",
        ),
        (
            "[[broad-2014#p-alas-this-is-the-wrong-solution]]",
            "[[broad-2014#p-alas-this-is-the-wrong-solution]]: essay 'broad-2014' has no paragraph "
            "'p-alas-this-is-the-wrong-solution' (did you mean 'p-alas-that-is-the-wrong-solution'?)",
        ),
    ],
)
def test_an_unknown_citation_fails_the_check_at_its_line(project, capsys, citation, message):
    (project / "docs/guide.md").write_text(f"---\ntitle: Guide\n---\n\nSee {citation}.\n", encoding="utf-8")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == f"docs/guide.md:5:5: {message}"


def test_citations_are_found_outside_code_only():
    text = "a [[claim:x]]\n```\n[[claim:y]]\n```\n`[[claim:z]]` [[e-1#p-q]]\n"
    assert find_citations(text, "docs/a.md") == [
        ClaimCite(SourceLoc("docs/a.md", 1, 3), "[[claim:x]]", "x"),
        PassageCite(SourceLoc("docs/a.md", 5, 15), "[[e-1#p-q]]", "e-1", "p-q"),
    ]


def ids(root) -> dict[str, list[str]]:
    return {e.slug: [p.id for p in e.paragraphs] for e in check(root).corpus.essays}


@pytest.mark.parametrize("edit", ["insert", "remove", "reword"])
def test_paragraph_ids_survive_changes_to_other_paragraphs(project, edit):
    before = ids(project)["broad-2014"]
    path = project / "seeds/essays/broad-2014.txt"
    raw = path.read_text(encoding="utf-8")
    target, old = "Alas, that is the wrong solution", "p-alas-that-is-the-wrong-solution"
    at = before.index(old)
    if edit == "insert":
        raw = raw.replace(target, "A paragraph a later edition added.\n\n" + target)
        expected = before[:at] + ["p-a-paragraph-a-later-edition-added"] + before[at:]
    elif edit == "remove":
        start = raw.index(target)
        raw = raw[:start] + raw[raw.index("\n\n", start) + 2 :]
        expected = before[:at] + before[at + 1 :]
    else:  # the paragraph's own opening words change: only its id changes
        raw = raw.replace(target, "Alas, this is the wrong answer")
        expected = before[:at] + ["p-alas-this-is-the-wrong-answer"] + before[at + 1 :]
    receive_again(path, raw)
    assert ids(project)["broad-2014"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  lead and trail  ",
        "a\u00a0 \n\tb",
        "“Quoted” — it’s…  done…",
        "\u00a0\u00a0x",
        "… … …",
        "tab\tand\u2003em space",
        "seven years -- seven years",
        "a — b",
        " - - x",
        "a -b",
        "x- ",
        "well-known",
    ],
)
def test_the_quick_fold_for_searching_folds_as_the_mapped_one(text):
    assert fold_text(text) == fold(text)[0]


def test_the_quick_fold_agrees_on_every_paragraph_of_the_corpus(checked):
    paragraphs = [p.text for e in checked.corpus.essays for p in e.paragraphs]
    assert [fold_text(t) for t in paragraphs] == [fold(t)[0] for t in paragraphs]


@pytest.mark.parametrize(
    "window, quote",
    [("", ""), ("", "abc"), ("abc", ""), ("the cat sat", "the hat sat"), ("ñandú - x", "nandu-xx"), ("aaab", "abba")],
)
def test_the_bound_of_a_closest_passage_is_difflibs(window, quote):
    """A window of an essay is measured against a quote not found only where its bound, the
    quick ratio counted in C, can win: the same bound as difflib's."""
    assert _quick_ratio(Counter(quote), window) == SequenceMatcher(None, window, quote).quick_ratio()


def test_the_markdown_extension_runs_no_part_of_the_pipeline():
    """It reads the data the generator wrote (build_tools/formats/page_citations.py), whatever engine
    calls it and from whatever folder."""
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, build_tools.site.markdown_ext; "
            "print(sorted(m for m in sys.modules if m.startswith('build_tools.')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "build_tools.pipeline" not in done.stdout and "build_tools.stages.load" not in done.stdout, done.stdout


def test_the_source_as_received_keeps_its_byte_order_mark_and_line_ends(tmp_path):
    """Reading a source leaves out a UTF-8 byte-order mark and makes its line ends \\n;
    the download is the file as received, byte for byte."""
    import hashlib
    import re

    from build_tools.stages.page_jobs import as_received
    from tests.conftest import FIXTURE, copy_project

    root = copy_project(tmp_path / "project", corpus=FIXTURE)
    essay = check(root).corpus.essays[0]
    source = root / essay.source_path
    received = b"\xef\xbb\xbf" + source.read_bytes().replace(b"\n", b"\r\n")
    source.write_bytes(received)
    meta = source.with_suffix(".yml")
    meta.write_text(
        re.sub(
            r"(?m)^source_sha256: .*$",
            f"source_sha256: {hashlib.sha256(received).hexdigest()}",
            meta.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    again = next(e for e in check(root).corpus.essays if e.slug == essay.slug)
    assert as_received(again).encode() == received and again.raw == essay.raw
