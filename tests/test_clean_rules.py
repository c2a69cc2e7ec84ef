"""Input/expected tables for every cleaning rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from build_tools.ids import paragraph_ids, slugify
from build_tools.model import Essay, Paragraph, Rule
from build_tools.problems import Collector, SourceLoc
from build_tools.stages.clean import clean_text
from build_tools.stages.clean.accounts import Accounts
from build_tools.stages.clean.blocks import (
    CORRECTION,
    EM_CLOSE,
    EM_OPEN,
    LAYOUT,
    NOTE_CLOSE,
    NOTE_OPEN,
    Block,
    split_blocks,
)
from build_tools.stages.clean.paragraphs import to_paragraph
from build_tools.stages.clean.rules import RULES, RuleError


def block(text: str, line: int, kind: str = "paragraph") -> Block:
    """A block made by hand: every character put in by the build."""
    return Block(text, line, kind, (LAYOUT,) * len(text))


def apply(name, blocks_in, **params):
    """Run one rule on blocks made from ``texts``; return (block texts, recorded changes)."""
    changes = []

    def record(action, block, span=None, detail="", consumes=None):
        start, end = span or (0, len(block.text))
        changes.append((action, block.text[start:end], block.line) + ((detail,) if detail else ()))
        return CORRECTION if action == "corrected" else None

    blocks = [block(t, i + 1) if isinstance(t, str) else block(t[0], i + 1, t[1]) for i, t in enumerate(blocks_in)]
    out = RULES[name](blocks, params, record)
    return [(b.text if b.kind == "paragraph" else (b.text, b.kind)) for b in out], changes


def test_every_rule_in_the_schema_is_registered():
    import json

    from build_tools.stages.schema import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "essay.schema.json").read_text())
    assert set(schema["$defs"]["rule"]["properties"]["rule"]["enum"]) == set(RULES)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("one\n\ntwo", [("one", 1), ("two", 3)]),
        ("a hard-\nwrapped\n  line\n\n\n\nnext", [("a hard- wrapped line", 1), ("next", 7)]),
        ("\n\n  lead spaces  \n", [("lead spaces", 3)]),
        ("", []),
    ],
)
def test_split_blocks(raw, expected):
    assert [(b.text, b.line) for b in split_blocks(raw)] == expected


@pytest.mark.parametrize(
    "name, texts, params, expected",
    [
        ("drop", ["Skip to content", "Body."], {"starts_with": "Skip"}, ["Body."]),
        ("drop_from", ["Body.", "Join us today", "Give now."], {"starts_with": "Join us"}, ["Body."]),
        (
            "remove_text",
            ["President ObamaBarack TEASER MORE has responded."],
            {"text": "Barack TEASER MORE"},
            ["President Obama has responded."],
        ),
        (
            "remove_text",
            ["Rep. Chuck SchumerChuck SchumerTeaser MORE (D-N.Y.)"],
            {"text": "Chuck SchumerTeaser MORE"},
            ["Rep. Chuck Schumer (D-N.Y.)"],
        ),
        (
            "mark",
            ["Body.", "This piece has been updated."],
            {"starts_with": "This piece", "as": "editor_note"},
            ["Body.", ("This piece has been updated.", "editor_note")],
        ),
        ("headings", ["BEYOND NAFTA", "Text."], {"texts": ["BEYOND NAFTA"]}, [("BEYOND NAFTA", "heading"), "Text."]),
    ],
)
def test_rules(name, texts, params, expected):
    assert apply(name, texts, **params)[0] == expected


@pytest.mark.parametrize(
    "texts, expected",
    [
        # A page end cut the sentence: joined with a space.
        (["Subsequently, they", "exchanged letters."], ["Subsequently, they exchanged letters."]),
        # A comma does not end a sentence either.
        (["This time,", "Mexico continued."], ["This time, Mexico continued."]),
        # A word hyphenated across the break is joined without a space.
        (["Even the much-", "maligned programs."], ["Even the much-maligned programs."]),
        # Sentence ends (also with closing quotes, brackets or a footnote marker) stay apart.
        (
            ["One.", "Two?", "“Three.”", "Four.²", "(Five.)", "Six:"],
            ["One.", "Two?", "“Three.”", "Four.²", "(Five.)", "Six:"],
        ),
        # A note's marker as the footnotes rule marks it, after the sentence's end.
        (["any yield.\ue0022\ue003", "The consequence."], ["any yield.\ue0022\ue003", "The consequence."]),
        # Several blocks in a row (a paragraph broken at every line).
        (["the Zedillo", "Administration as a", "way forward."], ["the Zedillo Administration as a way forward."]),
        # Headings are never joined, before or after.
        (
            [("BEYOND NAFTA", "heading"), "Text without end", ("NEXT", "heading")],
            [("BEYOND NAFTA", "heading"), "Text without end", ("NEXT", "heading")],
        ),
    ],
)
def test_join_broken_paragraphs(texts, expected):
    assert apply("join_broken_paragraphs", texts)[0] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("these *de facto* side agreements", f"these {EM_OPEN}de facto{EM_CLOSE} side agreements"),
        ("*per se*. And *UC MEXUS NEWS*", f"{EM_OPEN}per se{EM_CLOSE}. And {EM_OPEN}UC MEXUS NEWS{EM_CLOSE}"),
        ("2 * 3 * 4", "2 * 3 * 4"),
    ],
)
def test_emphasis(text, expected):
    assert apply("emphasis", [text])[0] == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        (r"even the \$100,000 a year", "even the $100,000 a year"),
        (r"a \* star", "a * star"),
        ("no escapes $5", "no escapes $5"),
    ],
)
def test_unescape(text, expected):
    assert apply("unescape", [text])[0] == [expected]


def test_rules_record_what_they_remove():
    _, changes = apply("drop_from", ["Body.", "Join us", "Give."], starts_with="Join us")
    assert changes == [("removed", "Join us", 2), ("removed", "Give.", 3)]
    _, changes = apply("remove_text", ["Obama TEASER has"], text="TEASER ")
    assert changes == [("removed", "TEASER ", 1)]


@pytest.mark.parametrize(
    "name, texts, params, message",
    [
        ("drop", ["Body."], {"starts_with": "Skip"}, "no block of the text starts with 'Skip'"),
        (
            "drop",
            ["Same one.", "Same two."],
            {"starts_with": "Same"},
            "2 blocks start with 'Same' (source lines 1, 2): give more of the opening words",
        ),
        (
            "remove_text",
            ["x y", "x z"],
            {"text": "x"},
            "the text to remove must occur exactly once; it occurs 2 times: 'x'",
        ),
        (
            "headings",
            ["Title."],
            {"texts": ["TITLE"]},
            "the heading 'TITLE' must be a whole block of the text exactly once; found 0",
        ),
    ],
)
def test_rule_errors(name, texts, params, message):
    with pytest.raises(RuleError) as exc:
        apply(name, texts, **params)
    assert str(exc.value) == message


def test_emphasis_becomes_ranges():
    p = to_paragraph(block(f"the {EM_OPEN}de facto{EM_CLOSE} side", 4))
    assert (p.text, p.emphasis, p.line) == ("the de facto side", ((4, 12),), 4)


def test_correct_replaces_once_and_records_the_source_reading():
    texts, changes = apply("correct", ["a muchneeded opportunity"], text="muchneeded", to="much-needed")
    assert texts == ["a much-needed opportunity"]
    assert changes == [("corrected", "muchneeded", 1, "much-needed")]
    with pytest.raises(RuleError, match="must occur exactly once; it occurs 0 times"):
        apply("correct", ["nothing"], text="muchneeded", to="much-needed")


@pytest.mark.parametrize(
    "texts, params, expected",
    [
        # Superscript markers after a word or punctuation; the notes after their heading.
        (
            ["Policy.² And more³ here.", "ENDNOTES", "² A note.", "White House.", "⁴ Ibid. ¹¹ Green, ibid."],
            {"notes_heading": "ENDNOTES"},
            [
                f"Policy.{NOTE_OPEN}²{NOTE_CLOSE} And more{NOTE_OPEN}³{NOTE_CLOSE} here.",
                ("ENDNOTES", "notes_heading"),
                (f"{NOTE_OPEN}²{NOTE_CLOSE} A note.", "note"),
                ("White House.", "note"),
                (f"{NOTE_OPEN}⁴{NOTE_CLOSE} Ibid.", "note"),
                (f"{NOTE_OPEN}¹¹{NOTE_CLOSE} Green, ibid.", "note"),
            ],
        ),
        # Superscript markers; notes numbered in plain digits, a number alone on its line.
        (
            ["Policy.¹ And 2015.² here.", "Endnotes", "1", "A note.", "2 Another."],
            {"notes_heading": "Endnotes"},
            [
                f"Policy.{NOTE_OPEN}¹{NOTE_CLOSE} And 2015.{NOTE_OPEN}²{NOTE_CLOSE} here.",
                ("Endnotes", "notes_heading"),
                (f"{NOTE_OPEN}1{NOTE_CLOSE} A note.", "note"),
                (f"{NOTE_OPEN}2{NOTE_CLOSE} Another.", "note"),
            ],
        ),
        # Markdown footnotes, anywhere; a superscript after a space is not a marker.
        (
            ["Text[^a] and x ² y.", "[^a]: The note."],
            {},
            [f"Text{NOTE_OPEN}[^a]{NOTE_CLOSE} and x ² y.", (f"{NOTE_OPEN}[^a]:{NOTE_CLOSE} The note.", "note")],
        ),
    ],
)
def test_footnotes(texts, params, expected):
    assert apply("footnotes", texts, **params)[0] == expected


def test_notes_and_markers_become_positions():
    ref = to_paragraph(block(f"Policy.{NOTE_OPEN}¹¹{NOTE_CLOSE} And", 1))
    assert (ref.text, ref.notes) == ("Policy. And", ((7, "11"),))
    note = to_paragraph(block(f"{NOTE_OPEN}[^a]:{NOTE_CLOSE} The {EM_OPEN}note{EM_CLOSE}.", 1, "note"))
    assert (note.text, note.label, note.emphasis) == ("The note.", "a", ((4, 8),))


def clean_essay(essay: Essay, problems: Collector) -> Essay:
    """``essay`` with what cleaning made of its text, as the clean stage sets it."""
    return replace(essay, cleaned=clean_text(essay, problems))


def essay_with(raw: str, *rules: tuple[str, dict]) -> Essay:
    loc = SourceLoc("seeds/essays/x.yml", 1)
    return Essay(
        slug="x",
        title="X",
        authors=(),
        genre="op-ed",
        date=None,
        rights="",
        themes=(),
        rules=tuple(Rule(name, params, loc) for name, params in rules),
        raw=raw,
        loc=loc,
        source_path="seeds/essays/x.txt",
    )


def test_the_accounts_balance_and_corrections_are_marked():
    raw = "Title\n\nA muchneeded *de facto* fix.²\n\nNOTES\n\n² The note."
    problems = Collector()
    essay = clean_essay(
        essay_with(
            raw,
            ("drop", {"starts_with": "Title", "reason": "r"}),
            ("correct", {"text": "muchneeded", "to": "much-needed", "reason": "r"}),
            ("emphasis", {}),
            ("footnotes", {"notes_heading": "NOTES"}),
        ),
        problems,
    )
    assert problems.problems == []
    body = essay.paragraphs[0]
    assert (body.text, body.corrections, body.emphasis, body.notes) == (
        "A much-needed de facto fix.",
        ((2, 13, "muchneeded"),),
        ((14, 22),),
        ((27, "2"),),
    )
    assert [(n.id, n.text) for n in essay.notes] == [("note-2", "The note.")]
    visible = sum(not c.isspace() for c in raw)
    shown, consumed = essay.balance
    # "Title", "muchneeded" and the two asterisks are accounted for by changes; the rest is shown
    assert (consumed, shown + consumed) == (5 + 10 + 2, visible)


@pytest.mark.parametrize(
    "raw, careless_rule, problem",
    [
        # drops the last block without recording it
        (
            "Kept.\n\nDropped quietly.",
            lambda blocks: blocks[:-1],
            "source line 3: text dropped that no rule declared: 'Dropped quietly.'",
        ),
        # changes a character without declaring a correction
        (
            "Kept.",
            lambda blocks: [replace(b, text=b.text.replace("e", "E")) for b in blocks],
            "source line 1: 'e' is shown as 'E' with no declared correction",
        ),
        # adds a word of its own
        (
            "Kept.",
            lambda blocks: [b.splice(0, 0, "Not ") for b in blocks],
            "'Not' is shown in the block of source line 1 but is neither in the source nor a declared correction",
        ),
    ],
)
def test_a_rule_that_changes_text_silently_fails_the_build(monkeypatch, raw, careless_rule, problem):
    monkeypatch.setitem(RULES, "careless", lambda blocks, params, record: careless_rule(blocks))
    problems = Collector()
    clean_essay(essay_with(raw, ("careless", {})), problems)
    assert [str(p) for p in problems.problems] == [
        f"seeds/essays/x.txt: the cleaning of essay 'x' does not balance: {problem}"
    ]


@pytest.mark.parametrize(
    "text, words, expected",
    [
        ("President Fox's September, 2000 proposal", 0, "president-foxs-september-2000-proposal"),
        ("Creating “Bad Governance”", 0, "creating-bad-governance"),
        ("Hernández’s own brother is now serving a life", 6, "hernandezs-own-brother-is-now-serving"),
    ],
)
def test_slugify(text, words, expected):
    assert slugify(text, words) == expected


def paras(*texts):
    return [Paragraph("", "heading" if t.isupper() else "paragraph", t, 0) for t in texts]


def test_paragraph_ids_survive_an_inserted_paragraph():
    before = paras("Alas, that is the wrong solution.", "BEYOND NAFTA", "However, an important root cause lies.")
    after = before[:1] + paras("A new paragraph added by a later edition.") + before[1:]
    ids_before, ids_after = paragraph_ids(before), paragraph_ids(after)
    assert ids_before == ["p-alas-that-is-the-wrong-solution", "beyond-nafta", "p-however-an-important-root-cause-lies"]
    assert [i for i in ids_after if i in ids_before] == ids_before


def test_paragraph_ids_number_repeated_openings_and_notes():
    ps = paras("Ibid.", "Ibid.") + [Paragraph("", "note", "x", 0, label=label) for label in ("3", "", "")]
    assert paragraph_ids(ps) == ["p-ibid", "p-ibid-2", "note-3", "note-unnumbered-1", "note-unnumbered-2"]


def test_the_accounts_name_text_a_rule_accounts_for_twice_and_removed_text_still_shown():
    """Checks on the rules themselves (no declared rule does either today): a rule that
    consumes text already consumed, and a block that shows consumed text, are errors at the
    source line of the text concerned."""
    raw = "First line.\nSecond line here.\n"
    accounts = Accounts(raw)
    second = raw.index("Second")
    accounts.consume(range(second, second + 6), "remove_text")
    accounts.consume(range(second, second + 6), "drop")
    shown = Block("Second line here.", 2, origins=tuple(range(second, second + 17)))
    first = Block("First line.", 1, origins=tuple(range(11)))
    assert accounts.balance([first, shown]) == [
        *["source line 2: rule 'drop' accounts again for text already removed"] * 6,  # (one a character)
        *["source line 2: text recorded as removed is still shown"] * 6,
    ]
