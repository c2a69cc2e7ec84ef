"""Texts received as web pages and PDFs: kept byte for byte beside the text extracted from
them, checked as received, named in the preparation report; a .txt that is really HTML
refused; and a paragraph that holds most of a text is a warning naming the rule that would
split it. Every message's exact words."""

from __future__ import annotations

import hashlib

import pytest

from build_tools import extract
from build_tools.problems import Collector
from tests.conftest import FIXTURE, add_essay_files, run, snapshot
from tests.test_scaffold import fill

ESSAYS = FIXTURE / "seeds" / "essays"
PAGE, PDF = ESSAYS / "quiroga-2024.html", ESSAYS / "quiroga-2023.pdf"


def extracted(received):
    """What `new essay` extracts from a fixture file today: its .txt, except that the page's
    .txt, kept as the corpus keeps an essay's, was extracted before a page's superscript
    markers were written as superscripts ("north.1")."""
    text = received.with_suffix(".txt").read_text(encoding="utf-8")
    return text.replace("north.1 ", "north.¹ ").replace("back.2\n", "back.²\n") if received == PAGE else text


def test_the_fixtures_texts_are_what_their_extractors_give():
    """The fixture's .txt files are the extraction of the files received, as `new essay` made them."""
    assert extract.text_of("html", PAGE.read_bytes()) == extracted(PAGE) != PAGE.with_suffix(".txt").read_text()
    assert extract.text_of("pdf", PDF.read_bytes()) == extracted(PDF)
    assert extract.extractor("pdf").startswith("pypdf ") and extract.extractor("html").startswith("trafilatura ")


@pytest.mark.parametrize("received", [PAGE, PDF])
def test_new_essay_keeps_the_file_received_and_writes_its_text_beside_it(project, capsys, received):
    code, out, err = run(project, "new", "essay", "--slug", "new-2025", "--source", str(received), capsys=capsys)
    assert (code, err) == (0, "")
    kind = received.suffix[1:]
    assert out.splitlines()[0] == (
        f"created seeds/essays/new-2025.yml and copied {received} to seeds/essays/new-2025.{kind} byte for byte "
        "(never edit that copy), and wrote the text extracted from it to seeds/essays/new-2025.txt"
    )
    essays = project / "seeds" / "essays"
    assert (essays / f"new-2025.{kind}").read_bytes() == received.read_bytes()
    text = (essays / "new-2025.txt").read_bytes()
    assert text == extracted(received).encode()
    meta = (essays / "new-2025.yml").read_text(encoding="utf-8")
    assert f"source_sha256: {hashlib.sha256(text).hexdigest()}\n" in meta
    sha = hashlib.sha256(received.read_bytes()).hexdigest()
    assert (
        f'received: {{file: new-2025.{kind}, sha256: {sha}, extracted_with: "{extract.extractor(kind)}"}}\n'  # type: ignore[arg-type]
        in meta
    )
    fill(
        essays / "new-2025.yml",
        {
            "title": "New",
            "given": "Marta",
            "family": "Quiroga",
            "genre": "op-ed",
            "date": '"2025"',
            "date_precision": "year",
            "rights": "Invented.",
            "themes": "[climate]",
        },
    )
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 0, err


def test_a_text_that_is_html_is_extracted_whatever_its_name(project, tmp_path, capsys):
    source = tmp_path / "copied.txt"
    source.write_bytes(PAGE.read_bytes())
    assert run(project, "new", "essay", "--slug", "new-2025", "--source", str(source), capsys=capsys)[0] == 0
    assert (project / "seeds/essays/new-2025.html").read_bytes() == PAGE.read_bytes()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("broken.pdf", b"%PDF-1.4\nnot a PDF at all", "error: {source}: this PDF cannot be read ("),
        (
            "empty.html",
            b"<!DOCTYPE html><html><body></body></html>",
            "error: {source}: trafilatura finds no text in it",
        ),
    ],
)
def test_new_essay_refuses_a_file_it_cannot_read(project, tmp_path, capsys, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    before = snapshot(project / "seeds")
    code, out, err = run(project, "new", "essay", "--slug", "new-2025", "--source", str(source), capsys=capsys)
    assert (code, out) == (1, "") and err.startswith(message.format(source=source))
    assert snapshot(project / "seeds") == before


def test_the_report_names_the_file_received_and_the_extractor(checked):
    from build_tools.formats.report import fidelity

    essay = next(e for e in checked.corpus.essays if e.slug == "quiroga-2023")
    assert fidelity(essay, [], {})["source"]["received"] == {
        "path": "seeds/essays/quiroga-2023.pdf",
        "sha256": hashlib.sha256(PDF.read_bytes()).hexdigest(),
        "extracted_with": extract.extractor("pdf"),
    }
    bach = next(e for e in checked.corpus.essays if e.slug == "bach-2000")
    assert "received" not in fidelity(bach, [], {})["source"]


def _line_of(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_received_file_changed_or_missing_is_refused(project, capsys):
    received = project / "seeds/essays/quiroga-2023.pdf"
    meta = project / "seeds/essays/quiroga-2023.yml"
    line = _line_of(meta, "received:")
    received.write_bytes(received.read_bytes() + b"\n")
    found = hashlib.sha256(received.read_bytes()).hexdigest()
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1 and err.splitlines()[:-1] == [
        f"seeds/essays/quiroga-2023.yml:{line}:36: seeds/essays/quiroga-2023.pdf has changed since it was added "
        f"(its SHA-256 is now {found}; this metadata records {hashlib.sha256(PDF.read_bytes()).hexdigest()}): "
        "restore it as received; if it was received again, add it again with `new essay --source`"
    ]
    received.unlink()
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1 and err.splitlines()[:-1] == [
        f"seeds/essays/quiroga-2023.yml:{line}:12: seeds/essays/quiroga-2023.pdf is missing: put it back as "
        "received (the essay's text was extracted from it)"
    ]


def test_a_web_page_or_pdf_without_metadata_is_named(project, capsys):
    (project / "seeds/essays/stray.html").write_bytes(PAGE.read_bytes())
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1 and err.splitlines()[:-1] == [
        "seeds/essays/stray.html: no metadata for this file: add seeds/essays/stray.yml"
    ]


@pytest.mark.parametrize(
    "text, line",
    [("<!DOCTYPE html>\n<html><body><p>Words.</p></body></html>\n", 1), ("\n\n<p>Words.</p>\n<p>More.</p>\n", 3)],
)
def test_a_txt_that_is_html_is_refused_in_one_sentence(project, capsys, text, line):
    (project / "seeds/essays/broad-2014.txt").write_text(text, encoding="utf-8")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert err.splitlines()[0] == (
        f"seeds/essays/broad-2014.txt:{line}: this text is HTML; add it with `new essay --source`, which extracts its text"
    )


TRANSCRIPT = "".join(f"SPEAKER {i}: Words of the turn number {i}, said at length and in full.\n" for i in range(40))


@pytest.mark.parametrize(
    "rules, text, message",
    [
        (
            "[]",
            TRANSCRIPT,
            "warning: one paragraph holds 560 words (100% of the text): if each of its lines is a paragraph, "
            "declare the cleaning rule 'one_paragraph_per_line'",
        ),
        (
            "[]",
            TRANSCRIPT.replace("\n", " ") + "\n",
            "warning: one paragraph holds 560 words (100% of the text), on one line of the source: if it is several "
            "paragraphs, add the text again with `new essay --source` from the page or file received, which keeps "
            "its paragraphs",
        ),
        ("[{rule: one_paragraph_per_line}]", TRANSCRIPT, None),
    ],
)
def test_a_paragraph_that_holds_most_of_a_text_is_a_warning(project, capsys, rules, text, message):
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    metadata = (
        'title: Long\nauthors: [{given: A, family: B}]\ngenre: op-ed\ndate: "2025"\ndate_precision: year\n'
        f"rights: Invented.\nthemes: [climate]\nsource_sha256: {sha}\ncleaning: {rules}\n"
    )
    add_essay_files(project, "long-2025", text, metadata)
    code, _, err = run(project, "check", capsys=capsys)
    long = [line for line in err.splitlines() if "one paragraph holds" in line]
    assert (code, long) == (0, [f"seeds/essays/long-2025.txt:1: {message}"] if message else []), err


def test_a_build_that_kept_results_sees_a_received_file_changed(project):
    """`make serve` reads an essay again when the web page or PDF it was extracted from changes."""
    from build_tools.memoised import Cache
    from build_tools.memoised import corpus as load

    cache = Cache()
    problems = Collector()
    load(project, problems, cache)
    assert problems.errors == []
    received = project / "seeds/essays/quiroga-2023.pdf"
    received.write_bytes(received.read_bytes() + b"\n")
    load(project, problems, cache)
    assert [p.message.split(" has changed")[0] for p in problems.errors] == ["seeds/essays/quiroga-2023.pdf"]
