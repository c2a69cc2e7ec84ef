"""Issue 34, part 6 (and a figure's translation, from part 5): evidence that checks itself. A
key figure's number is in its passage, in any of its written forms; dates agree with their
precision and with the day the text was read; a glossary term links something; and a figure's
translation says more than how its number is written.

Each test breaks a copy of the fixture corpus in one way and pins the exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.stages.localize import numbers_in, ranges_in
from build_tools.stages.validate.numbers import numbers, written
from tests.conftest import run

FIGURES, GLOSSARY, TIMELINE = "seeds/figures.yml", "seeds/glossary.yml", "seeds/timeline.yml"
BROAD, HISTORIAN = "seeds/essays/broad-2014.yml", "seeds/essays/historian-central-america-1977-1980.yml"


def edit(root: Path, rel: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` once in ``rel``; the line where ``new`` starts."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def errors(root: Path, capsys, *options: str) -> tuple[int, list[str]]:
    code, _, err = run(root, "check", *options, capsys=capsys)
    return code, [line for line in err.splitlines() if not line.endswith("nothing was written.")]


def test_a_figure_whose_number_its_passage_does_not_give_is_an_error(project, capsys):
    edit(project, FIGURES, "figure: 50 percent", "figure: 60 percent")
    quote = (
        project.joinpath(FIGURES)
        .read_text(encoding="utf-8")
        .split("\n")
        .index("        After the 1982 crisis, Mexico imposed prohibitive tariffs, and U.S. exports")
    )
    assert errors(project, capsys) == (
        1,
        [
            f"{FIGURES}:{quote}:7: the passage of figure 'exports-fall-after-1982' does not give its number 60 "
            "(in digits or in words): quote the words that give '60 percent', or correct the 'figure'"
        ],
    )


@pytest.mark.parametrize(
    "figure, passage",
    [
        ("93.5%", "a rate of 93.5 percent"),
        ("93.5%", "un 93,5 % de los hogares"),
        ("50,000", "some 50,000 people"),
        ("50,000", "unas 50 mil personas"),
        ("50,000", "some fifty thousand people"),
        ("50,000", "unas cincuenta mil personas"),
        ("7–20 percent", "seven to twenty percent of their earnings"),
        ("$3.7 billion", "another $3.7 billion in border security"),
        ("$3.7 billion", "3,700 million dollars"),
        ("more than 500,000", "more than 500 000 workers"),
        ("up to 3.9 million", "hasta 3,9 millones de personas"),
        ("1,250", "one thousand two hundred and fifty"),
    ],
)
def test_a_figures_number_is_found_in_any_of_its_written_forms(figure, passage):
    assert all(found & numbers(passage) for found in written(figure, english=True))


@pytest.mark.parametrize(
    "figure, passage", [("60 percent", "fell 50 percent"), ("3.7 billion", "3.7 million"), ("500,000", "500 workers")]
)
def test_another_number_is_not_the_figures(figure, passage):
    assert not all(found & numbers(passage) for found in written(figure, english=True))


def test_a_figures_translation_that_only_writes_its_number_otherwise_is_a_warning(project, capsys):
    edit(project, FIGURES, "    figure: 200,000 a year\n", "    figure: 200,000\n")
    edit(project, FIGURES, '      figure: "200,000 al año"', '      figure: "200 000"')
    start = project.joinpath(FIGURES).read_text(encoding="utf-8").split("\n").index("  - id: guns-into-mexico")
    assert errors(project, capsys) == (
        0,
        [
            f"{FIGURES}:{start + 1}:5: warning: the 'es:' figure '200 000' differs from '200,000' only in how the "
            "number is written, which each edition does itself: remove 'figure' from the 'es:' block"
        ],
    )


def test_each_edition_writes_a_figures_number_itself():
    assert [numbers_in("es", t) for t in ("200,000", "93.5%", "7–20", "42", "1,000")] == [
        "200,000",  # (Mexican Spanish: a decimal point, a thousands comma)
        "93.5%",
        "7-20",  # (a range's hyphen)
        "42",
        "1,000",
    ]
    assert numbers_in("en", "200,000") == "200,000" and ranges_in("en", "7–20") == "7–20"
    assert ranges_in("es", "2014–2016") == "2014-2016"  # (a year's span: never grouped as a number)


def test_an_accessed_day_before_the_texts_date_is_an_error(project, capsys):
    line = edit(project, HISTORIAN, 'accessed: "2026-03-02"', 'accessed: "2014-12-31"')
    assert errors(project, capsys) == (
        1,
        [
            f"{HISTORIAN}:{line}:1: 'accessed' is 2014-12-31, before the text's 'date' (2015): a text cannot be "
            "read before it is published, so check both dates"
        ],
    )


def test_a_date_more_precise_than_its_precision_is_an_error(project, capsys):
    line = edit(project, BROAD, 'date: "2014-07"', 'date: "2014-07-15"')
    assert errors(project, capsys) == (
        1,
        [
            f"{BROAD}:{line}:1: 'date' is 2014-07-15, which gives a day, but 'date_precision' is month: "
            "write \"2014-07\", or set 'date_precision' to day"
        ],
    )


def test_a_date_less_precise_than_its_precision_is_an_error(project, capsys):
    line = edit(
        project, TIMELINE, '    date: "1982"\n    date_precision: year', '    date: "1982"\n    date_precision: day'
    )
    assert errors(project, capsys) == (
        1,
        [
            f"{TIMELINE}:{line}:5: 'date' is 1982, which gives a year, but 'date_precision' is day: give the "
            "date that precisely, or set 'date_precision' to year"
        ],
    )


def test_a_glossary_term_that_links_nothing_is_a_warning(project, capsys):
    line = edit(project, GLOSSARY, "  - term: Title 42\n", "  - term: Title 43\n")
    assert errors(project, capsys) == (
        0,
        [
            f"{GLOSSARY}:{line}:5: warning: the glossary term 'Title 43' appears in no essay and no text of the "
            "site, so it links nothing: write it as the essays do (capitals and accents matter), or remove it"
        ],
    )
    assert errors(project, capsys, "--strict")[0] == 1


def test_a_glossary_term_used_only_in_its_own_entry_links_nothing(project, capsys):
    line = edit(project, GLOSSARY, "  - term: Title 42\n", "  - term: Title 43\n")
    edit(
        project,
        GLOSSARY,
        "The part of the U.S. Code on public health",
        "Title 43, the part of the U.S. Code on public health",
    )
    assert errors(project, capsys)[1] == [
        f"{GLOSSARY}:{line}:5: warning: the glossary term 'Title 43' appears in no essay and no text of the "
        "site, so it links nothing: write it as the essays do (capitals and accents matter), or remove it"
    ]


def test_the_closest_passage_to_a_quote_that_leaves_words_out_is_the_whole_passage(checked):
    """A quote shorter than its passage: the passage shown to copy ends where it ends."""
    from build_tools.stages.anchor import closest

    essay = next(e for e in checked.corpus.essays if e.slug == "broad-2014")
    quote = "Many are fleeing violence, which are legacies of U.S. intervention in Guatemala, El Salvador and Honduras."
    score, pid, passage = closest(essay, quote)
    assert pid == "p-to-deal-effectively-with-this-human" and 0.7 < score < 1
    assert passage == (
        "Many are fleeing domestic violence and trafficking, which in part are legacies of a half century of "
        "U.S. intervention in Guatemala, El Salvador and Honduras."
    )
