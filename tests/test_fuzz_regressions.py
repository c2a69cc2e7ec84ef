"""The edits with which test_fuzz.py made ``check`` crash, or print a problem over more
than one line, each at its smallest, and the one line the editor now gets instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run

ESSAY = "seeds/essays/broad-2014.yml"
GLOSSARY = "seeds/glossary.yml"
CLIMATE = "seeds/crossrefs/climate.yml"
VIOLENCE = "seeds/crossrefs/violence.yml"


def replace(root: Path, rel: str, old: str | None, new: str) -> None:
    """Replace ``old`` in ``rel`` by ``new`` (the whole file if ``old`` is None)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old is None or old in text, f"{old!r} not in {rel}"
    path.write_text(new if old is None else text.replace(old, new, 1), encoding="utf-8")


# (id, file, what is replaced (None: the whole file), by what, the exact lines printed)
CASES = [
    (
        "a-tag-no-one-reads",
        ESSAY,
        "genre: op-ed",
        "genre: !foo op-ed",
        [f"{ESSAY}:37:8: '!foo' cannot be read here: delete it and write the value alone"],
    ),
    (
        "a-tag-the-value-does-not-fit",
        ESSAY,
        "genre: op-ed",
        "genre: !!int op-ed",
        [f"{ESSAY}:37:8: '!!int' cannot be read here: delete it and write the value alone"],
    ),
    (
        "a-tag-on-a-key",
        ESSAY,
        "genre: op-ed",
        "!foo genre: op-ed",
        [f"{ESSAY}:37:1: '!foo' cannot be read here: delete it and write the value alone"],
    ),
    (
        "a-tag-a-key-does-not-fit",
        ESSAY,
        "genre: op-ed",
        "!!int genre: op-ed",
        [f"{ESSAY}:37:1: '!!int' cannot be read here: delete it and write the value alone"],
    ),
    (
        "a-merge-key",
        ESSAY,
        "genre: op-ed",
        "<<: {x: 1}\ngenre: op-ed",
        [f"{ESSAY}:37:1: '<<' cannot copy fields here: write each field out in full"],
    ),
    (
        "a-value-that-holds-itself",
        ESSAY,
        "themes: [trade, violence, climate, governance]",
        "themes: &t [trade, *t]",
        [
            f"{ESSAY}:50:9: a '*' inside this value names the '&' that starts it, so the value "
            "would hold itself: write it out in full"
        ],
    ),
    (
        "an-invisible-control-character",
        CLIMATE,
        "# yaml-language-server",
        "\x1f# yaml-language-server",
        [f"{CLIMATE}:1:1: this line holds U+001F, an invisible character these files may not hold: delete it"],
    ),
    (
        "a-quote-with-a-blank-line-is-said-on-one-line",
        VIOLENCE,
        "          Many are fleeing domestic violence and trafficking, which in part are\n",
        "          Many are fleeing\n\n          by boat\n",
        [
            f"{VIOLENCE}:17:9: quote not found in essay 'broad-2014' (Robin Broad): \"Many are fleeing by boat "
            'legacies of a half century of U.S. intervention in Guatemala, El Salvador and Honduras.". '
            'Closest passage (90% similar, paragraph p-to-deal-effectively-with-this-human): "are legacies '
            'of a half century of U.S. intervention in Guatemala, El Salvador and Honduras."'
        ],
    ),
    (
        "a-key-with-a-line-break-is-said-on-one-line",
        ESSAY,
        "genre: op-ed",
        'genre: op-ed\n"author\\nname": x',
        [
            f"{ESSAY}:38:1: unknown field 'author name' (allowed: accessed, added, archive_url, authors, cleaning, "
            "date, date_note, date_precision, es, es_of, excerpt, genre, language, number, outlet, participants, "
            "publisher, received, rights, section, series, source_sha256, summary, themes, title, title_note, url)"
        ],
    ),
    (
        "a-file-of-one-value",
        GLOSSARY,
        None,
        "# a glossary\n0{}\n",
        [f"{GLOSSARY}:1: the file must be a mapping of fields, each written 'name: value' on a line of its own"],
    ),
]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_editor_gets_one_sentence_with_its_line(project, capsys, rel, old, new, expected):
    replace(project, rel, old, new)
    code, out, err = run(project, "check", capsys=capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [*expected, "1 error: nothing was written."]
