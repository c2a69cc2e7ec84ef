"""Citations and exports from hand-made works: the formats' rules, one by one."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from build_tools.formats import bibliography, exports
from build_tools.model import EssayDate, Site
from tests.golden import all_pages

WORK = bibliography.Work(
    key="perezrocha2019",
    genre="op-ed",
    title="Trade & migration: 100% {linked}_now",
    authors=(("Pérez-Rocha", "Manuel"), ("Smith", "Ann B.")),
    issued=EssayDate("2019-03-07", "day"),
    container="The Progressive",
    url="https://example.org/a?b=1&c=2",
)


def test_bibtex_escapes_its_special_characters_and_keeps_the_title_as_written():
    bib = bibliography.bibtex(WORK)
    assert bib.startswith("@article{perezrocha2019,\n")
    assert "  author = {Pérez-Rocha, Manuel and Smith, Ann B.},\n" in bib
    assert r"  title = {{Trade \& migration: 100\% \{linked\}\_now}}," in bib
    assert "  month = mar,\n" in bib and "  url = {https://example.org/a?b=1&c=2}\n" in bib


def test_an_organisation_is_one_author_not_a_family_and_given_name():
    site = Site(url="https://example.org/rc/", date="2026-01-01")
    work = bibliography.page_work(site, "Trade", "themes/trade/")
    assert "  author = {{Root Causes contributors}},\n" in bibliography.bibtex(work)
    assert json.loads(bibliography.csl_json(work))[0]["author"] == [{"literal": "Root Causes contributors"}]
    assert ["citation_public_url", "https://example.org/rc/themes/trade/"] in bibliography.highwire(work)
    assert bibliography.json_ld(work, site)["isPartOf"] == {
        "@type": "WebSite",
        "name": "Root Causes",
        "url": "https://example.org/rc/",
    }


@pytest.mark.parametrize(
    "issued, ris_date, highwire_date, shown",
    [
        (EssayDate("2019-03-07", "day"), "2019/03/07/", "2019/03/07", "7 March 2019"),
        (EssayDate("2014-07", "month"), "2014/07//", "2014/07", "July 2014"),
        (EssayDate("2000", "approximate"), "2000///", "2000", "c. 2000"),
    ],
)
def test_dates_keep_only_the_precision_known(issued, ris_date, highwire_date, shown):
    work = bibliography.Work(**{**WORK.__dict__, "issued": issued})
    assert f"DA  - {ris_date}\n" in bibliography.ris(work)
    assert ["citation_publication_date", highwire_date] in bibliography.highwire(work)
    assert f"<em>The Progressive</em>, {shown}." in bibliography.formatted(work)


def test_the_formatted_reference_ends_each_part_once():
    assert bibliography.formatted(WORK).startswith("Pérez-Rocha, Manuel, and Ann B. Smith. “Trade")
    ellipsis = bibliography.Work(
        **{**WORK.__dict__, "title": "Why are so many kids…", "authors": (("Broad", "Robin"),)}
    )
    assert "“Why are so many kids…”" in bibliography.formatted(ellipsis)


@pytest.mark.parametrize(
    "value, cell",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Plain text", "Plain text"),
        ("A - B", "A - B"),
        (3, "3"),
    ],
)
def test_csv_cells_never_start_a_formula(value, cell):
    assert exports._cell(value) == cell


@pytest.mark.parametrize("language, undated", [("en", "n.d."), ("es", "s. f.")])
def test_a_paragraph_of_an_undated_site_is_cited_with_one_full_stop(language, undated):
    from build_tools.formats.part_citations import part_citation

    cited = part_citation(WORK, Site(language=language), "essays/x/").template
    assert cited.endswith(f", {undated} {{address}}"), cited
    dated = part_citation(WORK, Site(language=language, date="2026-01-01"), "essays/x/").template
    assert dated.endswith("2026. {address}"), dated


@pytest.fixture(scope="module")
def fixture_pages(checked) -> dict[str, str]:
    """The generated pages of the fixture corpus, every edition's, by path under docs/."""
    return all_pages(checked)


def _bib_keys(pages: dict[str, str], spanish: bool) -> set[str]:
    """The keys of the BibTeX files of the Spanish edition's pages (else of the English edition's)."""
    return {
        re.match(r"@\w+\{([^,]+),", text)[1]
        for path, text in pages.items()
        if path.endswith(".bib") and path.startswith("es/") == spanish
    }


def test_the_spanish_editions_own_pages_have_keys_of_their_own_and_an_essay_keeps_its_key(fixture_pages, checked):
    """Both editions' citations import together: a page of the site is a work in each edition,
    an essay the same work in both."""
    english, spanish = _bib_keys(fixture_pages, False), _bib_keys(fixture_pages, True)
    essays = {bibliography.essay_work(e).key for e in checked.corpus.essays}
    assert essays <= english & spanish
    assert "rootcauses-themes-trade" in english - spanish and "rootcauses-es-themes-trade" in spanish - english
    assert english & spanish == essays


def test_a_report_names_its_institution_or_is_cited_as_a_work_that_needs_none(fixture_pages, checked):
    """BibTeX warns of a @techreport without an institution: a report's is its outlet, else its
    publisher; a report naming neither (the fixture's policy paper of unknown outlet) is @misc."""
    reports = [e for e in checked.corpus.essays if bibliography.essay_work(e).types.bibtex == "techreport"]
    assert {bool(e.outlet or e.publisher) for e in reports} == {True, False}  # (the fixture has both)
    for essay in reports:
        bib = fixture_pages[f"essays/{essay.slug}/{essay.slug}.bib"]
        if essay.outlet or essay.publisher:
            assert bib.startswith("@techreport{") and f"  institution = {{{essay.outlet or essay.publisher}}}" in bib
        else:
            assert bib.startswith("@misc{") and "institution" not in bib
    published = bibliography.Work(**{**WORK.__dict__, "genre": "report", "container": None, "publisher": "Ex Lab"})
    bib = bibliography.bibtex(published)
    assert bib.startswith("@techreport{") and "  institution = {Ex Lab},\n" in bib and "publisher" not in bib


@pytest.mark.parametrize("edition", ["", "es/"])
def test_the_editors_notes_on_an_essays_title_and_date_are_in_its_data_and_its_citations(
    fixture_pages, checked, edition
):
    """A title received cut off is imported with the editors' note that says so (as the essay's
    page gives it under "About this text"), and the data package has both notes, described."""
    noted = [e for e in checked.corpus.essays if e.title_note]
    assert noted and any(e.date.note for e in checked.corpus.essays)  # (the fixture has both)
    essays = {r["slug"]: r for r in csv.DictReader(io.StringIO(fixture_pages[f"{edition}reference/data/essays.csv"]))}
    package = json.loads(fixture_pages[f"{edition}reference/data/datapackage.json"])
    fields = {f["name"]: f for r in package["resources"] if r["name"] == "essays" for f in r["schema"]["fields"]}
    assert fields["title_note"]["description"] and fields["date_note"]["description"]
    for essay in checked.corpus.essays:
        row, stem = essays[essay.slug], f"{edition}essays/{essay.slug}/{essay.slug}"
        assert bool(row["title_note"]) == bool(essay.title_note) and bool(row["date_note"]) == bool(essay.date.note)
        for note in filter(None, (row["title_note"], row["date_note"])):
            words = " ".join(note.split())
            assert (
                words in fixture_pages[f"{stem}.ris"]
                and words in json.loads(fixture_pages[f"{stem}.csl.json"])[0]["note"]
            )
            assert words.replace("$", r"\$") in fixture_pages[f"{stem}.bib"]
    if not edition:
        assert essays[noted[0].slug]["title_note"] == noted[0].title_note
