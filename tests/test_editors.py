"""An editor's correct pull request goes green, whatever the corpus holds.

The real corpus in seeds/ belongs to the editors: it passes the strict check, and
adding a correct essay to it — by an organisation, with claims on two themes and
timeline events at the top of the file — keeps every corpus-level check green.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from tests.conftest import ROOT, add_essay_files, broken_links, build_site, copy_project, run

TEXT = """Skip to main content

Central America, 1977–1980

In the late 1970s, a test text says, land in the region was held by a few families.

Families who lost their land moved to the cities, and some travelled on to the north.
"""


def first_themes(root: Path, n: int) -> list[str]:
    return re.findall(r"(?m)^  - id: ([a-z0-9-]+)", (root / "seeds/themes.yml").read_text(encoding="utf-8"))[:n]


def add_essay(root: Path) -> None:
    """A new essay as an editor adds it, following the guide: its text and metadata, a claim
    on each of two themes, two timeline events at the top of the timeline."""
    themes = first_themes(root, 2)
    add_essay_files(
        root,
        "pr-test-office-2015",
        TEXT,
        f"""\
# yaml-language-server: $schema=../../build_tools/schemas/essay.schema.json
title: "Central America, 1977–1980"
summary: >-
  The Test Office recounts how land held by a few families drove rural families
  to the cities and north.
authors:
  - organization: Test Office of the Historian
genre: government publication
outlet: Test Office of the Historian
series: Milestones in Test History
publisher: Test Department
date: "2015"
date_precision: year
url: https://history.example.org/milestones/1977-1980
accessed: "2026-03-02"
source_sha256: {hashlib.sha256(TEXT.encode()).hexdigest()}
rights: A public-domain work, reproduced in full.
themes: [{", ".join(themes)}]
cleaning:
  - rule: drop
    starts_with: Skip to main content
    reason: the website's navigation link
  - rule: drop
    starts_with: "Central America, 1977"
    reason: the title, shown as the page title
""",
    )
    for i, theme in enumerate(themes):
        path = root / "seeds" / "crossrefs" / f"{theme}.yml"
        path.write_text(
            path.read_text(encoding="utf-8").rstrip("\n")
            + f"""

  - id: pr-test-claim-{i}
    title: Land and leaving, test {i}
    claim: >-
      The Test Office recounts that families who lost their land moved away.
    evidence:
      - essay: pr-test-office-2015
        quote: Families who lost their land moved to the cities
""",
            encoding="utf-8",
        )
    timeline = root / "seeds" / "timeline.yml"
    events = "".join(
        f"""\
  - id: pr-test-event-{i}
    date: "197{7 + i}"
    date_precision: year
    title: A test event {i}
    themes: [{themes[i]}]
    passages:
      - essay: pr-test-office-2015
        quote: land in the region was held by a few families

"""
        for i in range(2)
    )
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(text.replace("\nevents:\n", "\nevents:\n" + events, 1), encoding="utf-8")


def test_the_real_corpus_passes_the_strict_check(capsys):
    code, out, err = run(ROOT, "check", "--strict", capsys=capsys)
    assert (code, err) == (0, ""), err


def test_a_correct_new_essay_keeps_every_corpus_check_green(tmp_path, capsys):
    root = copy_project(tmp_path / "project", corpus=ROOT)
    add_essay(root)
    code, out, err = run(root, "check", "--strict", capsys=capsys)
    assert (code, err) == (0, ""), err
    folder, pages = build_site(root)  # (the strict MkDocs build: no broken link or anchor)
    essay = pages["essays/pr-test-office-2015/index.html"]
    assert "p-families-who-lost-their-land-moved" in essay.paragraphs
    assert broken_links(folder, pages) == []
    html = (folder / "essays/pr-test-office-2015/index.html").read_text(encoding="utf-8")
    assert '<meta name="citation_author" content="Test Office of the Historian">' in html
