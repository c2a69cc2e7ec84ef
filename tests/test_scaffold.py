"""``python -m build_tools new essay|claim``: skeletons an editor fills in until the check passes."""

from __future__ import annotations

import re

import pytest

from build_tools.stages.schema import validator
from tests.conftest import run, snapshot

RAW = "\ufeffMaíz y migración\r\n\r\nMaize imports ruined Oaxaca’s small farmers.  \r\n".encode("utf-8")


def fill(path, values: dict[str, str]) -> None:
    """Give each empty ``field:`` line of a skeleton its value, as an editor would."""
    text = path.read_text(encoding="utf-8")
    for field, value in values.items():
        text, n = re.subn(rf"^(\s*(?:- )?{field}:)( \[\])?$", rf"\1 {value}", text, count=1, flags=re.M)
        assert n == 1, field
    path.write_text(text, encoding="utf-8")


def test_new_essay_copies_the_text_verbatim_and_names_every_field_to_fill(project, tmp_path, capsys):
    source = tmp_path / "received.txt"
    source.write_bytes(RAW)
    code, out, err = run(project, "new", "essay", "--slug", "perez-rocha-2019", "--source", str(source), capsys=capsys)
    assert (code, err) == (0, "")
    assert "Next:" in out and "make check" in out
    essays = project / "seeds/essays"
    assert (essays / "perez-rocha-2019.txt").read_bytes() == RAW
    meta = essays / "perez-rocha-2019.yml"
    assert meta.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../build_tools/schemas/essay.schema.json\n"
    )

    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    named = re.findall(
        r"^seeds/essays/perez-rocha-2019\.yml:\d+:\d+: '(\w+)' (?:is|must not be) empty", err, flags=re.M
    )
    schema = validator("essay").schema
    person = schema["properties"]["authors"]["items"]["oneOf"][0]  # (the skeleton's author is a person)
    required = set(schema["required"]) | set(person["required"])
    assert set(named) == required - {"authors", "cleaning"}

    fill(
        meta,
        {
            "title": '"Maíz y migración"',
            "given": "Manuel",
            "family": "Pérez-Rocha",
            "genre": "op-ed",
            "date": '"2019-06"',
            "date_precision": "month",
            "rights": "© the author.",
            "themes": "[trade]",
        },
    )
    code, out, err = run(project, "check", capsys=capsys)
    assert code == 0, err
    assert "warning: no claim quotes essay 'perez-rocha-2019' yet" in err


def test_new_claim_appends_a_skeleton_and_keeps_the_file_as_it_was(project, capsys):
    path = project / "seeds/crossrefs/trade.yml"
    before = path.read_text(encoding="utf-8")
    code, out, err = run(project, "new", "claim", "--theme", "trade", "--id", "maize-imports", capsys=capsys)
    assert (code, err) == (0, "")
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n") + "\n\n")
    # (a relation is left out of the first quote, and never called optional)
    assert "# (on every quote but the first) How this passage stands" in after and "Required" not in after

    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert re.findall(r"^seeds/crossrefs/trade\.yml:\d+:\d+: '(\w+)' is empty", err, flags=re.M) == [
        "title",
        "claim",
        "essay",
        "quote",
    ]

    fill(
        path,
        {
            "title": "Maize imports",
            "claim": "Broad argues that subsidised corn hurt farmers.",
            "essay": "broad-2014",
            "quote": "Heavily subsidized U.S. corn",
        },
    )
    code, out, err = run(project, "check", capsys=capsys)
    assert code == 0, err


def test_new_claim_creates_the_file_of_a_theme_without_claims(project, capsys):
    path = project / "seeds/crossrefs/climate.yml"
    path.unlink()
    assert run(project, "new", "claim", "--theme", "climate", capsys=capsys)[0] == 0
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../build_tools/schemas/crossrefs.schema.json\n"
    )
    _, _, err = run(project, "check", capsys=capsys)
    assert "seeds/crossrefs/climate.yml:" in err and "'id' is empty" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["essay", "--slug", "broad-2014", "--source", "{source}"],
            "error: seeds/essays/broad-2014.txt already exists: choose another slug",
        ),
        (
            ["essay", "--slug", "Pérez 2019", "--source", "{source}"],
            "error: the slug 'Pérez 2019' must be lower-case letters, digits and hyphens, "
            "e.g. perez-rocha-2019 (family name and year)",
        ),
        (["essay", "--slug", "new-2020", "--source", "{missing}"], "error: {missing}: no such file"),
        (
            ["essay", "--slug", "new-2020", "--source", "{latin1}"],
            "{latin1}:1:3: the file is not UTF-8 text: save it as UTF-8",
        ),
        (
            ["claim", "--theme", "health"],
            "error: unknown theme 'health' (themes: trade, violence, climate, governance)",
        ),
        (
            ["essay", "--slug", "new-2020", "--source", "{empty}"],
            "error: {empty}: the text is empty: save the essay's text in it first",
        ),
        (
            ["claim", "--theme", "violence", "--id", "reinvent-or-stop"],
            "error: a claim with the id 'reinvent-or-stop' already exists (seeds/crossrefs/trade.yml:208:5): "
            "choose another id",
        ),
        (
            ["claim", "--theme", "trade", "--id", "Maize"],
            "error: the id 'Maize' must be lower-case letters, digits and hyphens, starting with a letter",
        ),
    ],
)
def test_new_refuses_and_writes_nothing(project, tmp_path, capsys, args, message):
    files = {
        "source": tmp_path / "ok.txt",
        "missing": tmp_path / "missing.txt",
        "latin1": tmp_path / "l1.txt",
        "empty": tmp_path / "empty.txt",
    }
    files["source"].write_text("Text.\n", encoding="utf-8")
    files["empty"].write_text(" \n\n", encoding="utf-8")
    files["latin1"].write_bytes("Maíz".encode("latin-1"))
    names = {k: str(v) for k, v in files.items()}
    before = snapshot(project / "seeds")
    code, out, err = run(project, "new", *[a.format(**names) for a in args], capsys=capsys)
    assert (code, out, err) == (1, "", message.format(**names) + "\n")
    assert snapshot(project / "seeds") == before
