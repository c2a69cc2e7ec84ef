"""What readers see of ``make sources``: each essay's page says when its original was last
checked and what was found there, and reference/sources/ lists every source's state, in
both editions; without the status file, nothing is said about checking."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from build_tools import source_status as status_file
from build_tools.kept_pages import KeptPages
from build_tools.memoised import Cache
from build_tools.pipeline import check
from build_tools.source_status import Copy, EssayStatus, Passage, Status
from build_tools.stages.render import render
from tests.conftest import ROOT, copy_project, whole_page
from tests.golden import all_pages

BROAD = "https://thehill.com/blogs/pundits-blog/immigration/211567-why-are-so-many-kids-crossing-the-us-mexico-border-and-what"
EARLY = "https://history.example.org/milestones/central-america-1977-1980"
EARLY_ARCHIVE = f"https://web.archive.org/web/20260302000000/{EARLY}"
LATE = "https://history.example.org/milestones/central-america-1981-1993"


def _quotes(root: Path) -> dict[str, list[Passage]]:
    quotes: dict[str, list[Passage]] = {}
    for ev in check(root).corpus.evidence():
        # (placed at a line that is not the quote's: quotes are matched by their words)
        quotes.setdefault(ev.essay, []).append(Passage(f"{ev.loc.path}:1", ev.quote))
    return quotes


def _status(root: Path) -> Status:
    """broad-2014: every quote at its original; the 1977 history: its original gone, its
    archived copy holding its quote; the 1981 history: one quote of two reworded, and no
    archived copy."""
    quotes = _quotes(root)
    late = quotes["historian-central-america-1981-1993"]
    return Status(
        "2026-12-02",
        (
            EssayStatus(
                "broad-2014", "2026-12-02", 26, Copy(BROAD, "ok", 200, BROAD, found=tuple(quotes["broad-2014"]))
            ),
            EssayStatus(
                "historian-central-america-1977-1980",
                "2026-12-02",
                1,
                Copy(EARLY, "gone", 404, EARLY),
                Copy(
                    EARLY_ARCHIVE, "ok", 200, EARLY_ARCHIVE, found=tuple(quotes["historian-central-america-1977-1980"])
                ),
            ),
            EssayStatus(
                "historian-central-america-1981-1993",
                "2026-12-02",
                2,
                Copy(LATE, "ok", 200, LATE, found=(late[0],), missing=(late[1],)),
            ),
        ),
        ("bach-2000",),
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    root = copy_project(tmp_path_factory.mktemp("checked-sources") / "project")
    status_file.write(root, _status(root))
    return all_pages(check(root))


@pytest.fixture(scope="module")
def unchecked(tmp_path_factory) -> dict[str, str]:
    return all_pages(check(copy_project(tmp_path_factory.mktemp("unchecked-sources") / "project")))


@pytest.mark.parametrize(
    ("page", "sentence"),
    [
        ("essays/broad-2014/index.md", "Checked on 2 December 2026: all 26 quotes still at the source."),
        (
            "essays/historian-central-america-1977-1980/index.md",
            "Checked on 2 December 2026: the original is gone (its page no longer exists); "
            "the archived copy has the quote.",
        ),
        (
            "essays/historian-central-america-1981-1993/index.md",
            "Checked on 2 December 2026: 1 quote no longer found there; no archived copy is on record.",
        ),
        ("es/essays/broad-2014/index.md", "Revisado el 2 de diciembre de 2026: las 26 citas siguen en la fuente."),
        (
            "es/essays/historian-central-america-1977-1980/index.md",
            "Revisado el 2 de diciembre de 2026: el original ya no está (su página ya no existe); "
            "la copia archivada tiene la cita.",
        ),
        (
            "es/essays/historian-central-america-1981-1993/index.md",
            "Revisado el 2 de diciembre de 2026: 1 cita ya no se encuentra ahí; no hay copia archivada registrada.",
        ),
    ],
)
def test_each_essay_page_says_when_its_original_was_checked_and_what_was_found(pages, page, sentence):
    assert sentence in re.sub(r"\\(.)", r"\1", pages[page])  # (as read: the Markdown's escapes undone)


def test_an_essay_the_check_did_not_look_at_says_nothing_of_checking(pages):
    assert "Checked on" not in pages["essays/bach-2000/index.md"]
    assert "Revisado el" not in pages["es/essays/bach-2000/index.md"]


def test_a_quote_added_since_the_check_is_said_not_to_be_checked_yet(tmp_path):
    root = copy_project(tmp_path / "project")
    status = _status(root)
    broad = status.essays[0]
    fewer = EssayStatus(broad.slug, broad.checked, 25, Copy(BROAD, "ok", 200, BROAD, found=broad.original.found[1:]))
    status_file.write(root, Status(status.checked, (fewer,)))
    page = all_pages(check(root))["essays/broad-2014/index.md"]
    assert (
        "Checked on 2 December 2026: all 25 quotes still at the source; 1 quote added since is not checked yet." in page
    )


def test_an_original_that_could_not_be_read_says_so_and_claims_no_quote(tmp_path):
    root = copy_project(tmp_path / "project")
    down = EssayStatus("broad-2014", "2026-12-02", 26, Copy(BROAD, "unreachable", 503, BROAD, detail="HTTP 503"))
    status_file.write(root, Status("2026-12-02", (down,)))
    page = all_pages(check(root))["essays/broad-2014/index.md"]
    assert "Checked on 2 December 2026: the original could not be reached; no archived copy is on record." in page
    assert "quote" not in page.split("Checked on", 1)[1].split("\n", 1)[0]


def test_a_check_of_another_address_is_not_shown(tmp_path):
    root = copy_project(tmp_path / "project")
    status = _status(root)
    broad = status.essays[0]
    elsewhere = EssayStatus(broad.slug, broad.checked, 26, Copy("https://elsewhere.example/", "ok", 200))
    status_file.write(root, Status(status.checked, (elsewhere,)))
    assert "Checked on" not in all_pages(check(root))["essays/broad-2014/index.md"]


def _row(*cells: str) -> str:
    """Cells of a row of the sources' table, as its HTML writes them."""
    return "</td>\n<td>".join(cells)


def _link(url: str, words: str | None = None) -> str:
    return f'<a href="{url}">{words or url}</a>'


def test_the_reference_page_lists_every_sources_state(pages):
    page = whole_page(pages, "reference/sources.md")
    heads = ("Essay", "Original address", "Last checked", "State", "Quotes found", "Quotes missing", "Archived copy")
    assert "</th>\n<th>".join(heads) in page
    assert _row(_link(BROAD), "2 December 2026", "read", "26", "0", "none") in page
    assert (
        _row(_link(EARLY), "2 December 2026", "gone", "0", "0", _link(EARLY_ARCHIVE, "archived copy") + " (read)")
        in page
    )
    assert _row(_link(LATE), "2 December 2026", "read", "1", "1", "none") in page
    assert _row("none known", "", "", "", "", "none") in page  # (an essay with no known original)
    assert "[Sources at their originals](sources.md)" in pages["reference/index.md"]
    es = whole_page(pages, "es/reference/sources.md")
    heads = ("Ensayo", "Dirección original", "Última revisión", "Estado", "Citas encontradas", "Citas faltantes")
    assert "</th>\n<th>".join(heads) in es
    assert _row(_link(LATE), "2 de diciembre de 2026", "se leyó", "1", "1", "ninguna") in es


def test_without_the_status_file_nothing_is_said_about_checking(unchecked):
    for path, text in unchecked.items():
        if path.endswith((".md", ".json")):
            for words in ("Checked on", "Last checked", "Revisado el", "Última revisión", "look for every quote"):
                assert words not in text, (path, words)
    page = whole_page(unchecked, "reference/sources.md")
    assert "<th>Essay</th>\n<th>Original address</th>\n<th>Archived copy</th>" in page
    assert _row(_link(EARLY), _link(EARLY_ARCHIVE, "archived copy")) in page


def test_the_real_site_carries_no_status_file():
    """The published site says what the last scheduled check found, never one that a
    contributor ran on their machine: the file is not in the repository."""
    listed = subprocess.run(["git", "ls-files", status_file.PATH], cwd=ROOT, capture_output=True, text=True, check=True)
    assert listed.stdout == ""


def test_make_serve_shows_a_new_status_file_and_its_removal(tmp_path):
    """``make serve`` keeps each essay's page with what it was made from: the check is one of
    its inputs, so a status file written (or removed) while serving changes the pages."""
    root = copy_project(tmp_path / "project")
    cache, kept = Cache(), KeptPages()

    def served() -> dict[str, str]:
        checked = check(root, cache)
        return kept.render(checked.corpus, checked.quotes)

    def fresh() -> dict[str, str]:
        checked = check(root)
        return render(checked.corpus, checked.quotes)

    before = served()
    assert "Checked on" not in before["essays/broad-2014/index.md"]
    status_file.write(root, _status(root))
    after = served()
    assert "Checked on 2 December 2026" in after["essays/broad-2014/index.md"]
    assert after == fresh()
    (root / status_file.PATH).unlink()
    assert served() == before
