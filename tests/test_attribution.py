"""Who said it: every surface that shows a quoted passage names its speaker when the
author quotes someone; a second passage of one essay is never its author "agreeing";
quotation marks are nested, never doubled. On the fixture corpus."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest

from build_tools.stages.standing import in_quotation_marks
from tests.conftest import run, text

AOC = "Alexandria Ocasio-Cortez, U.S. Representative, quoted by David L. Wilson"
TRADE_QUOTE = "It’s a trade crisis."


def visible(folder, path: str) -> str:
    """The text of a built page's article, tags removed."""
    html = (folder / path).read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return text(re.sub(r"<[^>]+>", "", article).replace("&amp;", "&"))


def test_a_quote_with_a_speaker_is_attributed_to_the_speaker_on_every_surface(site):
    folder, _ = site
    trade = visible(folder, "themes/trade/index.html")
    assert f"“{TRADE_QUOTE}” — {AOC}, Truthout, 13 June 2021" in trade
    assert "Alexandria Ocasio-Cortez, quoted by Wilson, compared with Broad above" in trade
    essay = visible(folder, "essays/wilson-2021/index.html")
    assert f"“{TRADE_QUOTE}” — Alexandria Ocasio-Cortez, U.S. Representative, quoted by Wilson" in essay
    broad = visible(folder, "essays/broad-2014/index.html")
    assert f"Alexandria Ocasio-Cortez, quoted by Wilson: “{TRADE_QUOTE}”" in broad
    guide = visible(folder, "reading-guide/index.html")  # a [[claim:…]] citation in a hand-written page
    assert f"“{TRADE_QUOTE}” — {AOC}, Truthout, 13 June 2021" in guide
    timeline = visible(folder, "reference/timeline/index.html")
    assert "— Bill Clinton, U.S. President, quoted by Robert L. Bach, policy paper, c. 2000" in timeline
    figures = visible(folder, "reference/figures/index.html")
    assert "Bill Clinton, U.S. President, quoted by Robert L. Bach, policy paper, c. 2000" in figures
    rows = list(csv.DictReader(io.StringIO((folder / "themes/trade/trade-claims.csv").read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["quote"] == TRADE_QUOTE)
    assert (row["speaker"], row["speaker_role"], row["author"]) == (
        "Alexandria Ocasio-Cortez",
        "U.S. Representative",
        "David L. Wilson",
    )
    data = json.loads((folder / "themes/trade/trade-claims.json").read_text(encoding="utf-8"))
    quoted = [q for c in data["claims"] for q in c["evidence"] if q["quote"] == TRADE_QUOTE]
    assert quoted and quoted[0]["speaker"] == "Alexandria Ocasio-Cortez"


def test_a_quote_from_a_transcript_is_attributed_to_its_speaker_on_every_surface(site):
    folder, _ = site
    said = "Elena Ruiz Vega, Secretary of Rural Welfare, in a transcript published by Oficina de Prensa de Ejemplo"
    governance = visible(folder, "themes/governance/index.html")
    assert f"— {said}, Sala de Prensa de Ejemplo, 5 March 2024" in governance
    essay = visible(folder, "essays/conferencia-2024/index.html")
    assert f"— {said}" in essay
    spanish = visible(folder, "es/themes/governance/index.html")
    assert "— Elena Ruiz Vega, secretaria de Bienestar Rural, en la versión estenográfica que publica" in spanish
    csv_text = (folder / "themes/governance/governance-claims.csv").read_text(encoding="utf-8")
    row = next(r for r in csv.DictReader(io.StringIO(csv_text)) if r["essay"] == "conferencia-2024")
    assert (row["speaker"], row["speaker_role"]) == ("Elena Ruiz Vega", "Secretary of Rural Welfare")


def test_the_authors_own_words_in_quotation_marks_are_his(site):
    """A speaker who is the essay's author: the check is satisfied and nothing is added."""
    folder, _ = site
    governance = visible(folder, "themes/governance/index.html")
    assert "in the United States.” — David L. Wilson, Truthout" in governance
    assert (
        "quoted by David L. Wilson, Truthout, 13 June 2021 · Read in context"
        not in governance.split("largely the result of interventionist policies")[1][:80]
    )


def test_no_pair_from_one_essay_is_labelled_as_agreement(site, checked):
    folder, _ = site
    for theme in checked.corpus.themes:
        html = (folder / f"themes/{theme.id}/index.html").read_text(encoding="utf-8")
        for claim in checked.corpus.claims_of(theme.id):
            section = html[html.index(f'id="{claim.id}"') :]
            section = section[: section.find("<h2", 1)]
            lead = checked.quotes[claim.evidence[0]].essay.slug
            badges = re.findall(r'class="relation relation-([a-z-]+)"', section)
            expected = ["same-essay" if ev.essay == lead else ev.relation for ev in claim.evidence[1:]]
            assert badges == expected, claim.id
    assert any(
        ev.essay == checked.quotes[c.evidence[0]].essay.slug for c in checked.corpus.claims for ev in c.evidence[1:]
    ), "the fixture must hold such a pair"


SHOWN = re.compile(
    r'class="relation relation-([a-z-]+)">([^<]*)</strong>|class="in-context" href="\.\./\.\./essays/([^/]+)/#([^:"]+)'
)


def shown(section: str) -> list[tuple[str, str, str, str]]:
    """Each quote of a claim's section of its theme's page, in order, as the page shows it:
    (its relation, the badge's words, its essay, its paragraph); the first: ("lead", "")."""
    quotes, badge = [], ("lead", "")
    for m in SHOWN.finditer(section):
        if m[1]:
            badge = (m[1], html.unescape(m[2]))
        else:
            quotes.append((*badge, m[3], m[4]))
            badge = ("lead", "")
    return quotes


@pytest.mark.parametrize("edition", ["", "es/"])
def test_the_exports_say_what_the_theme_page_says_of_every_quote(site, checked, edition):
    """Both data files give each quote the relation its claim's page shows, in its words:
    a passage of the lead's own essay is "also in this essay", never "agrees"."""
    folder, _ = site
    for theme in checked.corpus.themes:
        page = (folder / f"{edition}themes/{theme.id}/index.html").read_text(encoding="utf-8")
        stem = folder / f"{edition}themes/{theme.id}/{theme.id}-claims"
        rows = list(csv.DictReader(io.StringIO(stem.with_suffix(".csv").read_text(encoding="utf-8"))))
        data = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        for claim in checked.corpus.claims_of(theme.id):
            section = page[page.index(f'id="{claim.id}"') :]
            on_page = shown(section[: section.find("<h2", 1)])
            assert len(on_page) == len(claim.evidence), claim.id
            fields = ("relation", "relation_label", "essay", "paragraph")
            in_csv = [tuple(r[f] for f in fields) for r in rows if r["claim_id"] == claim.id]
            (record,) = [c for c in data["claims"] if c["id"] == claim.id]
            in_json = [tuple(q[f] for f in fields) for q in record["evidence"]]
            assert in_csv == on_page, (edition, claim.id)
            assert in_json == on_page, (edition, claim.id)
    spanish = (folder / "es/themes/trade/trade-claims.csv").read_text(encoding="utf-8")
    assert ",same-essay,También en este ensayo," in spanish


def test_no_page_doubles_its_quotation_marks(site):
    folder, _ = site
    for path in sorted(folder.rglob("*.html")):
        page = text(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
        assert not re.search(r"““|””|“\"|\"”", page), path.relative_to(folder)
    for quote in re.findall(r"“([^”]*)”", visible(folder, "themes/trade/index.html")):
        assert "'" not in quote and '"' not in quote, quote  # (no straight mark inside curly ones)
    trade = visible(folder, "themes/governance/index.html")
    assert "“‘Do not come,’ she warned potential migrants from Guatemala,”" in trade


def test_every_quote_in_quotation_marks_names_its_speaker(any_site):
    """Holds for any corpus that passes the strict check (the warning below)."""
    _, _, checked = any_site
    assert [ev.loc for ev, q in checked.quotes.items() if in_quotation_marks(q) and not ev.speaker] == []


def test_a_quote_in_quotation_marks_without_a_speaker_is_a_warning(project, capsys):
    path = project / "seeds/crossrefs/trade.yml"
    source = path.read_text(encoding="utf-8")
    path.write_text(
        source.replace(
            "        speaker:\n          name: Alexandria Ocasio-Cortez\n          role: U.S. Representative\n", "", 1
        ),
        encoding="utf-8",
    )
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if TRADE_QUOTE in t)
    code, out, err = run(project, "check", capsys=capsys)
    assert code == 0 and err.splitlines() == [
        f"seeds/crossrefs/trade.yml:{line}:9: warning: this passage is in quotation marks in the essay: whose words "
        "are they? add 'speaker' (with 'name', and 'role' where it helps)"
    ]
    assert run(project, "check", "--strict", capsys=capsys)[0] == 1


def test_a_speaker_given_the_authors_own_words_is_a_warning(project, capsys):
    """“Do not come,” she warned…: only the words in quotation marks are Harris's; the rest
    is Wilson's narration, which a speaker would put in her mouth."""
    path = project / "seeds/crossrefs/governance.yml"
    quote = '        quote: "“Do not come,” she warned potential migrants from Guatemala,"\n'
    source = path.read_text(encoding="utf-8")
    path.write_text(
        source.replace(quote, "        speaker:\n          name: Kamala Harris\n" + quote, 1), encoding="utf-8"
    )
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "Do not come" in t)
    code, out, err = run(project, "check", capsys=capsys)
    assert code == 0 and err.splitlines() == [
        f"seeds/crossrefs/governance.yml:{line}:9: warning: this passage has words outside the quotation marks, "
        "which are the author's, not Kamala Harris's: quote only the words in quotation marks, or leave out "
        "'speaker' (the passage is then the author's, quoting Kamala Harris)"
    ]
    assert run(project, "check", "--strict", capsys=capsys)[0] == 1
    # Her words alone are hers.
    path.write_text(
        path.read_text(encoding="utf-8").replace(quote, "        quote: “Do not come,”\n", 1), encoding="utf-8"
    )
    assert run(project, "check", "--strict", capsys=capsys)[0] == 0


@pytest.mark.parametrize(
    "quote, shown",
    [
        ("“Do not come,” she warned", "‘Do not come,’ she warned"),
        (
            '"This is a remarkable turnaround," the President said',
            "‘This is a remarkable turnaround,’ the President said",
        ),
        ("Creating “Bad Governance”", "Creating ‘Bad Governance’"),
        ("it’s (“so”)", "it’s (‘so’)"),
        ("the world's largest 'maquilas'", "the world’s largest ‘maquilas’"),
    ],
)
def test_nested_marks(quote, shown):
    from build_tools.model import nested_marks

    assert nested_marks(quote) == shown and len(nested_marks(quote)) == len(quote)


def test_the_page_of_disagreements_sets_every_pair_of_two_essays_side_by_side(any_site):
    folder, pages, checked = any_site
    page = pages["reference/disagreements/index.html"]
    html = (folder / "reference/disagreements/index.html").read_text(encoding="utf-8")
    expected = set()
    for claim in checked.corpus.claims:
        lead = checked.quotes[claim.evidence[0]]
        for i, ev in enumerate(claim.evidence[1:], 1):
            if ev.relation in ("qualifies", "contrasts") and ev.essay != lead.essay.slug:
                anchor = f"d-{claim.id}-{i}"
                expected.add(anchor)
                entry = html[html.index(f'id="{anchor}"') :]
                entry = entry[: entry.find("<h3", 1)]
                links = re.findall(r'href="([^"]+)"', entry)
                other = checked.quotes[ev]
                assert f"../../essays/{lead.essay.slug}/#{lead.paragraph.id}" in {
                    link.split(":~:")[0] for link in links
                }
                assert f"../../essays/{other.essay.slug}/#{other.paragraph.id}" in {
                    link.split(":~:")[0] for link in links
                }
                assert f'class="relation relation-{ev.relation}"' in entry
                essay = pages[f"essays/{other.essay.slug}/index.html"]  # each essay links to its entries
                assert f"../../reference/disagreements/#{anchor}" in {href for href, _ in essay.links}
    assert {i for i in page.ids if i.startswith("d-")} == expected
    home = {href for href, _ in pages["index.html"].links}
    assert "reference/disagreements/" in home
    for theme in checked.corpus.themes:
        if any(a.startswith(f"d-{c.id}-") for c in checked.corpus.claims_of(theme.id) for a in expected):
            links = {href for href, _ in pages[f"themes/{theme.id}/index.html"].links}
            assert f"../../reference/disagreements/#theme-{theme.id}" in links


IN_CONTEXT = re.compile(
    r'<a class="in-context" href="[^"#]*/essays/([a-z0-9-]+)/#[^":]+:~:text=([^"]+)"[^>]*>'
    r'Read in context</a>(?: <a class="at-source" href="([^"]+)")?'
)


def test_each_quote_whose_original_is_known_can_be_checked_at_the_source(any_site):
    """ "At the source" follows "Read in context" wherever the original's address is known:
    the original, with the text directive that finds the same words on the publisher's page."""
    folder, pages, checked = any_site
    essays = {e.slug: e for e in checked.corpus.essays}
    found = 0
    for path in pages:
        for slug, directive, source in IN_CONTEXT.findall((folder / path).read_text(encoding="utf-8")):
            url = essays[slug].url
            assert source == (f"{url}#:~:text={directive}" if url else ""), (path, slug)
            found += bool(source)
    assert found or not any(e.url for e in essays.values())


def test_an_archived_copy_is_shown_beside_the_original(site):
    folder, _ = site
    html = (folder / "essays/historian-central-america-1977-1980/index.html").read_text(encoding="utf-8")
    archive = (
        "https://web.archive.org/web/20260302000000/https://history.example.org/milestones/central-america-1977-1980"
    )
    assert html.count(f'href="{archive}"') == 2  # (the button, and "About this text")
    assert 'href="https://history.example.org/milestones/central-america-1977-1980"' in html


def test_an_outlet_that_is_its_author_is_named_once(site):
    """An organisation that publishes its own text: "published by the Office, *the Office*" no more."""
    folder, _ = site
    timeline = visible(folder, "reference/timeline/index.html")
    assert "— Office of the Example Historian, “Central America, 1981–1993”, 2015" in timeline
    assert "1993”, Office of the Example Historian" not in timeline
