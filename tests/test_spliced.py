"""The HTML the generator writes for itself (an essay's paragraphs) is set aside from the
page the engine reads and put back after it (build_tools/formats/spliced.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_tools.formats.spliced import SIDECAR, SpliceError, placeholder, set_aside, splice, with_seen
from tests.conftest import copy_project, run

NAFTA = '<a class="glossary-term" href="../../reference/glossary/#nafta" title="A trade agreement">NAFTA</a>'
PIECES = ['<p id="p-one">One.</p>', f'<p id="p-two">Under {NAFTA}.</p>', '<p id="p-three">Three.</p>']


def test_each_run_of_html_set_aside_is_one_marker_naming_its_ids_and_terms():
    page = f"# Title\n\n{placeholder(0)}\n\n{placeholder(1)}\n\n## Next\n\n{placeholder(2)}\n"
    files = set_aside(page, PIECES, "essays/x/index.md")
    assert set(files) == {"essays/x/index.md", f"essays/x/{SIDECAR}"}
    markers = re.findall(r"<div data-spliced=[^\n]*</div>", files["essays/x/index.md"])
    assert len(markers) == 2 and "\x00" not in files["essays/x/index.md"]
    assert markers[0].startswith(f'<div data-spliced="essays/x/{SIDECAR}#') and 'data-terms="nafta"' in markers[0]
    assert re.findall(r'<a id="([^"]+)"></a>', markers[0]) == ["p-one", "p-two"]
    assert "data-terms" not in markers[1] and '<a id="p-three"></a>' in markers[1]
    kept = json.loads(files[f"essays/x/{SIDECAR}"])
    assert sorted(kept.values()) == sorted([f"{PIECES[0]}\n\n{PIECES[1]}", PIECES[2]])


def test_a_page_that_sets_nothing_aside_has_nothing_beside_it():
    assert set_aside("# Title\n\nText.\n", [], "reference/glossary.md") == {
        "reference/glossary.md": "# Title\n\nText.\n"
    }


def spliced_page(tmp_path: Path) -> tuple[str, Path]:
    files = set_aside(f"{placeholder(0)}\n\n{placeholder(1)}\n", PIECES, "essays/x/index.md")
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return f"<article>{files['essays/x/index.md']}</article>", tmp_path


def test_splicing_puts_the_html_back_in_place_of_its_marker(tmp_path):
    built, docs = spliced_page(tmp_path)
    assert splice(built, docs) == f"<article>{PIECES[0]}\n\n{PIECES[1]}\n</article>"


def test_a_term_the_section_linked_before_is_plain_where_spliced():
    seen = {"nafta"}
    marker = '<div data-spliced="essays/x/.spliced.json#0123456789abcdef" data-terms="nafta pri"></div>'
    assert 'data-plain="nafta"' in with_seen(marker, seen) and seen == {"nafta", "pri"}
    assert "data-plain" not in with_seen(marker.replace("nafta ", ""), {"nafta"})


def test_the_plain_terms_lose_their_links(tmp_path):
    built, docs = spliced_page(tmp_path)
    seen = {"nafta"}
    built = re.sub(r"<div data-spliced=[^>]*>", lambda m: with_seen(m[0], seen), built)
    assert splice(built, docs) == f"<article>{PIECES[0]}\n\n{PIECES[1].replace(NAFTA, 'NAFTA')}\n</article>"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda page, docs: page.replace("essays/x/", "../x/"), "not a file the generator writes"),
        (lambda page, docs: page.replace(".spliced.json", "index.md"), "not a file the generator writes"),
        (lambda page, docs: (docs / "essays/x" / SIDECAR).unlink() or page, "is missing or damaged"),
        (lambda page, docs: re.sub(r"#[0-9a-f]{16}", "#0000000000000000", page, count=1), "does not hold"),
        (lambda page, docs: page.replace('"></a>', '" class="x"></a>', 1), "the engine changed"),
    ],
)
def test_a_marker_that_cannot_be_resolved_is_refused(tmp_path, change, says):
    built, docs = spliced_page(tmp_path)
    with pytest.raises(SpliceError, match=says):
        splice(change(built, docs), docs)


def test_a_page_holding_a_marker_of_no_generated_html_fails_the_build_and_changes_nothing(built_project, capsys):
    project = built_project
    before = (project / "site" / "about" / "index.html").read_bytes()
    (project / "docs" / "about.md").write_text(
        '# About\n\n<div data-spliced="essays/none/.spliced.json#0123456789abcdef"></div>\n', encoding="utf-8"
    )
    code, _, err = run(project, "site", capsys=capsys)
    assert code == 1
    assert "publishing failed: about/index.html: docs/essays/none/.spliced.json is missing or damaged" in err
    assert "site/ and the generated pages were left as they were" in err
    assert (project / "site" / "about" / "index.html").read_bytes() == before


def test_an_editors_words_in_a_part_written_as_html_are_escaped_as_html_and_show_as_written(tmp_path, capsys):
    """A part of an essay's page that the generator writes as HTML ("About this text") shows
    a seeds field's characters as they are: escaped for HTML, not for Markdown."""
    root = copy_project(tmp_path / "project")
    meta = root / "seeds" / "essays" / "bach-2000.yml"
    written = 'Tom & Jerry\'s rights, 1_000 "copies" (see #2) | ok'  # (characters Markdown escapes)
    text = re.sub(r"(?m)^rights: >-\n(  .*\n)+", f"rights: {json.dumps(written)}\n", meta.read_text(encoding="utf-8"))
    meta.write_text(text, encoding="utf-8")
    assert run(root, "build", capsys=capsys)[0] == 0
    pieces = "\n".join(
        json.loads((root / "docs" / "essays" / "bach-2000" / SIDECAR).read_text(encoding="utf-8")).values()
    )
    shown = "Tom &amp; Jerry&#x27;s rights, 1_000 &quot;copies&quot; (see #2) | ok"
    assert f"<strong>Rights:</strong> {shown}</li>" in pieces
    assert "Tom" not in (root / "docs" / "essays" / "bach-2000" / "index.md").read_text(encoding="utf-8")
