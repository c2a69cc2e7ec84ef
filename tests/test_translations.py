"""Stale translations: when the English of a translated field or hand-written page changes,
`make check` lists the translation with its file and line and which English changed — a
notice, never a failure, not even with --strict — until a translator confirms it (on the
fixture corpus, whose translations are all confirmed)."""

from __future__ import annotations

from pathlib import Path

from build_tools.__main__ import main

CONFIRM = "python -m build_tools translations --confirm"


def checked(project: Path, capsys, *flags: str) -> tuple[int, list[str]]:
    code = main(["--root", str(project), "check", *flags])
    return code, [line for line in capsys.readouterr().err.splitlines() if "notice:" in line]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if line.startswith(start))


def test_the_fixture_starts_with_every_translation_confirmed(project, capsys):
    assert checked(project, capsys) == (0, [])


def test_a_changed_english_field_and_page_are_listed_and_strict_still_passes(project, capsys):
    essay, english, spanish = (
        project / p for p in ("seeds/essays/wilson-2021.yml", "docs/about.md", "docs/es/about.md")
    )
    edit(essay, "climate change drive Central American migration", "climate change drive migration")
    edit(english, "\nRoot Causes is a research site", "\nRoot Causes is a small research site")
    code, notices = checked(project, capsys, "--strict")
    assert code == 0
    summary = line_of(essay, "summary:")
    assert notices == [
        f"docs/es/about.md:{line_of(spanish, 'translated_from:')}:1: notice: this translation may be out of date: "
        f"docs/about.md changed after it was confirmed (the passage at line {line_of(english, 'Root Causes is a')} "
        f"is new or changed); bring it up to date, then confirm it: {CONFIRM} docs/es/about.md",
        f"seeds/essays/wilson-2021.yml:{line_of(essay, '  summary:')}:3: notice: the translation of 'summary' "
        f"may be out of date: its English (line {summary}) changed after the translation was confirmed; bring it up "
        f"to date, then confirm it: {CONFIRM} seeds/essays/wilson-2021.yml",
    ]


def test_confirming_renews_the_fingerprints_alone(project, capsys):
    essay, spanish = project / "seeds/essays/wilson-2021.yml", project / "docs/es/about.md"
    edit(essay, "climate change drive Central American migration", "climate change drive migration")
    edit(project / "docs/about.md", "\n## Privacy\n", "\n## Privacy and cookies\n")
    before = {p: p.read_text(encoding="utf-8").split("\n") for p in (essay, spanish)}
    assert main(["--root", str(project), "translations", "--confirm", str(essay), "docs/es/about.md"]) == 0
    assert checked(project, capsys) == (0, [])
    for path, lines in before.items():  # (only the fingerprints' lines changed)
        after = path.read_text(encoding="utf-8").split("\n")
        assert len(after) == len(lines)
        changed = [(a, b) for a, b in zip(lines, after) if a != b]
        assert changed and all(b.lstrip().startswith(("es_of:", "translated_from:")) for _, b in changed), changed


def test_a_translation_never_confirmed_is_listed_once_a_file(project, capsys):
    themes = project / "seeds/themes.yml"
    text = themes.read_text(encoding="utf-8")
    themes.write_text("\n".join(line for line in text.split("\n") if not line.lstrip().startswith("es_of:")))
    code, notices = checked(project, capsys, "--strict")
    assert code == 0 and len(notices) == 1
    assert notices[0].startswith(f"seeds/themes.yml:{line_of(themes, '      title:')}:7: notice: ")
    assert (
        f"translations have no record of the English they were made from (lines {line_of(themes, '      title:')}, "
        in (notices[0])
    )
    assert notices[0].endswith(f"once right, confirm: {CONFIRM} seeds/themes.yml")


def test_confirming_a_page_that_translates_none_is_refused(project, capsys):
    assert main(["--root", str(project), "translations", "--confirm", "docs/index.md"]) == 1
    assert "this page translates no page of docs/" in capsys.readouterr().err


def test_confirming_a_file_the_project_lacks_says_so_in_one_sentence(project, capsys):
    (project.parent / "outside.yml").write_text("es: {}\n", encoding="utf-8")  # (there, but not the project's)
    for name in ("seeds/timline.yml", "../outside.yml"):
        assert main(["--root", str(project), "translations", "--confirm", name]) == 1
        assert capsys.readouterr().err == (
            f"error: {name}: no such file in this project: name a seeds file (seeds/….yml) or a translated "
            "page (docs/es/….md), from the project's folder\n"
        )
