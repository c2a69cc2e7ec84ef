"""The cleaning rules for texts of other shapes: one paragraph a line, a PDF's line ends,
running heads and page numbers, and footnotes as browsers and PDFs give them; each
with what it records, and its errors' exact words."""

from __future__ import annotations

import pytest

from build_tools.problems import Collector
from build_tools.stages.clean.blocks import NOTE_CLOSE, NOTE_OPEN, split_blocks
from build_tools.stages.clean.rules import RULES, RuleError
from tests.test_clean_rules import clean_essay, essay_with


def run(name: str, raw: str, **params):
    """Run one rule on the blocks of ``raw``: (texts and kinds of the blocks, changes recorded)."""
    changes = []

    def record(action, block, span=None, detail="", consumes=None):
        start, end = span or (0, len(block.text))
        changes.append((action, block.text[start:end], block.line) + ((detail,) if detail else ()))

    out = RULES[name](split_blocks(raw), params, record)
    return [(b.text, b.line) if b.kind == "paragraph" else (b.text, b.line, b.kind) for b in out], changes


def test_one_paragraph_per_line_makes_each_line_a_paragraph():
    texts, changes = run("one_paragraph_per_line", "PRESIDENTE: Buenos días.\nGracias.\n\nSecond block.\n")
    assert texts == [("PRESIDENTE: Buenos días.", 1), ("Gracias.", 2), ("Second block.", 4)]
    assert changes == [("split", "Gracias.", 2, "PRESIDENTE: Buenos días. ¦ Gracias.")]


def test_hyphenation_joins_words_at_line_ends_and_keeps_listed_hyphens():
    raw = "the infor-\nmation on much-\nneeded aid and self- reliance"
    texts, changes = run("hyphenation", raw, keep=["much-needed"])
    assert texts == [("the information on much-needed aid and self- reliance", 1)]
    assert changes == [("converted", "- ", 1, "hyphen at a line end")]


def test_hyphenation_joins_the_typographic_hyphen_a_browsers_pdf_gives():
    raw = "the where ‐\nabouts of forty-\ntwo villages and a neigh‐\nbour"
    texts, changes = run("hyphenation", raw, keep=["forty-two"])
    assert texts == [("the whereabouts of forty-two villages and a neighbour", 1)]
    assert [c[:2] for c in changes] == [("converted", "‐ "), ("converted", " ‐ ")]


def test_a_running_head_goes_whatever_its_spaces():
    raw = "Rural   Credit  Institute\nThe text runs\n\nRural Credit Institute\non."
    texts, changes = run("running_heads", raw, texts=["Rural Credit Institute", "Rural  Credit Institute"])
    assert texts == [("The text runs", 2), ("on.", 5)]
    assert [c[:2] for c in changes] == [("removed", "Rural   Credit  Institute"), ("removed", "Rural Credit Institute")]


def test_running_heads_and_page_numbers_go_however_many_there_are():
    raw = "CRS Report\nThe text runs on\n2\nCRS Report\nacross pages.\n\nPage 3 of 9\n\n- 4 -\nEnd."
    texts, changes = run("running_heads", raw, texts=["CRS Report"])
    assert [c[:2] for c in changes] == [("removed", "CRS Report")] * 2
    texts, changes = run("page_numbers", raw)
    assert texts == [("CRS Report The text runs on CRS Report across pages.", 1), ("End.", 10)]
    assert [c[1] for c in changes] == ["2", "Page 3 of 9", "- 4 -"]


def test_timestamps_go_from_every_line_they_open():
    raw = "[00:00:04] MODERATOR: Welcome.\n(01:02) Thanks.\n\n00:01:02.5 SPEAKER: At 10:30 we met."
    texts, changes = run("timestamps", raw)
    assert texts == [("MODERATOR: Welcome. Thanks.", 1), ("SPEAKER: At 10:30 we met.", 4)]
    assert [c[:3] for c in changes] == [
        ("removed", "(01:02) ", 1),  # (the block's first line: run() records no finer)
        ("removed", "[00:00:04] ", 1),
        ("removed", "00:01:02.5 ", 4),
    ]


@pytest.mark.parametrize(
    "name, raw, params, message",
    [
        (
            "one_paragraph_per_line",
            "One.\n\nTwo.",
            {},
            "no paragraph of the text has more than one line: the rule is not needed",
        ),
        (
            "running_heads",
            "Text.",
            {"texts": ["CRS Report"]},
            "no line of the text is the running head 'CRS Report': copy it exactly from the text",
        ),
        ("page_numbers", "Text.", {}, "no line of the text holds only a page number: the rule is not needed"),
        (
            "timestamps",
            "At 10:30 we met.",
            {},
            "no line of the text opens with a time stamp such as [00:01:02]: the rule is not needed",
        ),
        (
            "footnotes",
            "Text.²\n\nNOTES\n\nNo number here.",
            {"notes_heading": "NOTES"},
            "found no numbered notes after the notes heading 'NOTES' (source line 3): check the notes' shape in "
            "the text (see 'footnotes' in CONTRIBUTING.md), or remove the rule if the text has none",
        ),
        (
            "footnotes",
            "Text.²",
            {},
            "found no numbered notes in blocks starting with a note's label, such as '[^1]:': check the notes' "
            "shape in the text (see 'footnotes' in CONTRIBUTING.md), or remove the rule if the text has none",
        ),
    ],
)
def test_rule_errors(name, raw, params, message):
    with pytest.raises(RuleError) as exc:
        run(name, raw, **params)
    assert str(exc.value) == message


def test_footnotes_as_a_browser_copies_them():
    raw = (
        "Aid to Honduras.69 It fell by 3.7 percent in 2019, to 1,500 people,70 as reported.\n\n"
        "Notes\n\n69\nSee the report.\n70. Ibid., p. 4.\n\n71\n\nA note on its own line."
    )
    texts, _ = run("footnotes", raw, notes_heading="Notes", markers="digits")
    o, c = NOTE_OPEN, NOTE_CLOSE
    assert texts == [
        (f"Aid to Honduras.{o}69{c} It fell by 3.7 percent in 2019, to 1,500 people,{o}70{c} as reported.", 1),
        ("Notes", 3, "notes_heading"),
        (f"{o}69{c} See the report.", 5, "note"),
        (f"{o}70{c}. Ibid., p. 4.", 7, "note"),
        (f"{o}71{c} A note on its own line.", 9, "note"),
    ]


def test_a_transcript_balances_and_its_notes_are_linked():
    raw = "Uno.69\nDos.\n\nNotes\n\n69\nLa nota.\n"
    problems = Collector()
    essay = clean_essay(
        essay_with(
            raw,
            ("one_paragraph_per_line", {}),
            ("footnotes", {"notes_heading": "Notes", "markers": "digits"}),
        ),
        problems,
    )
    assert problems.problems == []
    assert [(p.text, p.notes) for p in essay.paragraphs] == [("Uno.", ((4, "69"),)), ("Dos.", ()), ("Notes", ())]
    assert [(n.label, n.text, n.line) for n in essay.notes] == [("69", "La nota.", 6)]


def test_text_removed_at_a_line_end_leaves_the_line_end_for_rules_that_read_lines():
    def ignore(*args, **kwargs):
        return None

    blocks = RULES["remove_text"](split_blocks("First line TEASER\nSecond line."), {"text": "TEASER"}, ignore)
    out = RULES["one_paragraph_per_line"](blocks, {}, ignore)
    assert [(b.text, b.line) for b in out] == [("First line", 1), ("Second line.", 2)]
