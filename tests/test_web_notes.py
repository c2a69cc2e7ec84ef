"""A web page's notes, as `new essay --source page.html` extracts them: its superscript
markers as superscript digits, and after the article, under their heading, one note a line
starting with its number in superscript digits, whatever the page's shape; so that
`footnotes` with `notes_heading` alone links them. The page's text otherwise as trafilatura
gives it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools import extract
from build_tools.ids import SUPERSCRIPTS
from build_tools.model import Essay
from build_tools.problems import Collector
from tests.conftest import FIXTURE, run
from tests.test_clean_rules import clean_essay, essay_with
from tests.test_scaffold import fill

PAGE = Path(__file__).parent / "pages" / "notes.html"
BODY = (
    "<p>A long enough paragraph of the article, so that the extractor keeps it as the article's text, "
    "with a marker.{m1} And more words after it, to make a paragraph of some length.</p>"
    "<p>Another paragraph, with another marker glued to its last word, as pages give them.{m2}</p>"
)


def page(body: str) -> bytes:
    return f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>T</title></head><body><article>{body}</article></body></html>'.encode()


def notes_of(text: str) -> list[str]:
    lines = text.splitlines()
    return lines[lines.index("Notes") :] if "Notes" in lines else []


def test_a_pages_notes_follow_its_text_one_a_line_with_their_numbers():
    text = extract.text_of("html", PAGE.read_bytes())
    assert notes_of(text) == [
        "Notes",
        "¹ An invented survey, for this test.",
        "² An invented quotation, for this test.",
        "³ Invented figures, for this test.",
    ]
    assert "rarer than either.¹ The valley" in text and "2016 and 2017.³ What" in text
    assert "Our newsletter" not in text
    assert text.count("An invented survey") == 1


LINKED = BODY.format(m1='<sup><a href="#fn1" id="r1">1</a></sup>', m2='<sup><a href="#fn2" id="r2">2</a></sup>')


@pytest.mark.parametrize(
    "body, notes",
    [
        (  # Wikipedia's shape: [1] markers, a ^ back link in a span, a heading before the list
            BODY.format(m1='<sup><a href="#n-1" id="c1">[1]</a></sup>', m2='<sup><a href="#n-2" id="c2">[2]</a></sup>')
            + '<h2>References</h2><ol class="references"><li id="n-1"><span><a href="#c1">^</a></span> '
            '<span>First source.</span></li><li id="n-2"><span><a href="#c2">^</a></span> Second source.</li></ol>',
            ["References", "¹ First source.", "² Second source."],
        ),
        (  # Pandoc's shape: no heading, a rule, each note a paragraph in an item
            LINKED + '<section class="footnotes"><hr><ol><li id="fn1"><p>First note.<a href="#r1">↩︎</a></p></li>'
            '<li id="fn2"><p>Second note, over <em>two</em> lines.<a href="#r2">↩︎</a></p></li></ol></section>',
            ["Notes", "¹ First note.", "² Second note, over two lines."],
        ),
        (  # a heading that names notes, then a list, and no links
            BODY.format(m1="<sup>4</sup>", m2="<sup>5</sup>")
            + '<h3>Notas</h3><ol start="4"><li>Primera nota.</li><li>Segunda nota.</li></ol>',
            ["Notas", "⁴ Primera nota.", "⁵ Segunda nota."],
        ),
        (  # notes that give their numbers themselves, as paragraphs in a div
            LINKED + '<h2>Endnotes</h2><div><p id="fn1">1. First note.</p><p id="fn2">2. Second note.</p></div>',
            ["Endnotes", "¹ First note.", "² Second note."],
        ),
    ],
)
def test_notes_of_each_shape_are_kept_under_their_heading(body, notes):
    text = extract.text_of("html", page(body))
    assert text.splitlines()[-len(notes) :] == notes, text
    assert re.search(rf"a marker\.[{SUPERSCRIPTS}]+ And more", text), text
    assert re.search(rf"pages give them\.[{SUPERSCRIPTS}]+$", text, re.M), text
    assert text.count(notes[1].split(" ", 1)[1]) == 1


def test_links_within_the_text_are_no_notes():
    """A link to a part of the article (a table of contents, "see section 2") takes nothing out."""
    body = (
        BODY.format(m1='<a href="#s2">2</a>', m2="") + '<h2 id="s2">Second part</h2><p>The second part of the text.</p>'
    )
    assert "The second part of the text." in extract.text_of("html", page(body))
    assert notes_of(extract.text_of("html", page(BODY.format(m1="", m2="")))) == []


def cleaned(page: Path, notes_heading: str) -> Essay:
    """The page's text as `new essay` extracts it, cleaned with `footnotes` and the heading alone."""
    problems = Collector()
    raw = extract.text_of("html", page.read_bytes())
    rules = [("one_paragraph_per_line", {}), ("footnotes", {"notes_heading": notes_heading})]
    essay = clean_essay(essay_with(raw, *rules), problems)
    assert problems.problems == []
    return essay


def test_the_notes_extracted_are_linked_by_the_footnotes_rule():
    essay = cleaned(PAGE, "Notes")
    assert [(n.label, n.text) for n in essay.notes] == [
        ("1", "An invented survey, for this test."),
        ("2", "An invented quotation, for this test."),
        ("3", "Invented figures, for this test."),
    ]
    assert [[label for _, label in p.notes] for p in essay.paragraphs[1:4]] == [["1"], ["2"], ["3"]]
    assert "rarer than either. The valley" in essay.paragraphs[1].text
    assert "2016 and 2017. What" in essay.paragraphs[3].text


def test_notes_the_page_numbers_in_plain_digits_are_read_after_their_heading():
    """The fixture's quiroga-2024: its notes are no list the extractor takes out, but a number
    on a line, then the note; its markers superscripts. `notes_heading` alone links them."""
    essay = cleaned(FIXTURE / "seeds" / "essays" / "quiroga-2024.html", "Endnotes")
    assert [n.label for n in essay.notes] == ["1", "2"]
    assert [[label for _, label in p.notes] for p in essay.paragraphs[1:3]] == [["1"], ["2"]]


RULES = "{rule: one_paragraph_per_line}, {rule: drop, starts_with: Seeds and Credit, reason: the title}"


# The page's text as a browser copies it by hand: each superscript a plain digit glued to its word.
COPIED = "copied"


@pytest.mark.parametrize(
    "source, footnotes, message",
    [
        (PAGE, ", {rule: footnotes, notes_heading: Notes}", None),
        (COPIED, ", {rule: footnotes, notes_heading: Notes, markers: digits}", None),
        (
            PAGE,
            "",
            "warning: 3 paragraphs of essay 'notes-2025' end a word with a note marker in superscript ('either.¹', "
            "'everything.”²'), which would be published unlinked, its note apart: declare the cleaning rule "
            "'footnotes' with the notes' 'notes_heading'",
        ),
        (
            COPIED,
            "",
            "warning: 2 paragraphs of essay 'notes-2025' end a word with digits glued to it ('either.1', "
            "'everything.”2'), as a browser copies a page's note markers, and would be published so: declare the "
            "cleaning rule 'footnotes' with 'markers: digits' and the notes' 'notes_heading'",
        ),
        (
            PAGE,
            ", {rule: footnotes, markers: digits}",
            "with 'markers: digits' the rule needs the heading the notes follow: add 'notes_heading:' with that "
            "line exactly as the .txt writes it (for example 'notes_heading: Notes')",
        ),
        (
            PAGE,
            ", {rule: footnotes, notes_heading: Footnotes}",
            "cleaning rule 'footnotes' of essay 'notes-2025': no block of the text is the notes heading 'Footnotes'; "
            "the short lines that could be it are 'Notes' (line 5): copy the heading exactly",
        ),
    ],
)
def test_check_says_what_a_web_pages_notes_need(project, tmp_path, capsys, source, footnotes, message):
    if source == COPIED:
        source = tmp_path / "notes.txt"
        copied = extract.text_of("html", PAGE.read_bytes()).translate(str.maketrans(SUPERSCRIPTS, "0123456789"))
        source.write_text(copied, encoding="utf-8")
    code, _, err = run(project, "new", "essay", "--slug", "notes-2025", "--source", str(source), capsys=capsys)
    assert (code, err) == (0, "")
    meta = project / "seeds" / "essays" / "notes-2025.yml"
    values = {"title": "Seeds and Credit", "given": "Ana", "family": "Ruiz", "genre": "op-ed", "date": '"2025"'}
    values |= {
        "date_precision": "year",
        "rights": "Invented.",
        "themes": "[climate]",
        "cleaning": f"[{RULES}{footnotes}]",
    }
    fill(meta, values)
    code, _, err = run(project, "check", capsys=capsys)
    said = [
        line.split(": ", 1)[1] for line in err.splitlines() if "notes-2025" in line and "no claim quotes" not in line
    ]
    assert said == ([message] if message else []), err
    assert all(line.startswith("seeds/essays/notes-2025.yml:") for line in err.splitlines() if "notes-2025" in line)
    assert code == (1 if message and not message.startswith("warning") else 0)
