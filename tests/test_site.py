"""Build the whole site with MkDocs and check what readers see, on the HTML."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from urllib.parse import unquote

import pytest

from build_tools.model import LONG_LIST
from tests.conftest import broken_links, resolve, text

FURNITURE = [
    "Skip to content",
    "Skip to footer",  # Truthout navigation
    "ObamaBarack",
    "Biden ahead of pace",
    "MORE has",  # link-preview teasers (The Hill)
    "SchumerChuck",
    "Senators weigh future of methane fee",
    "meeting in-person with Guatemalan justice sector leaders",  # photo caption
    "Join us in defending the truth",
    "tax-deductible donation",
    "raise $27,000",  # fundraising
    "\\$",
    "*de facto*",
    "*per se*",  # source markup
    "Obamahas",
    "Schumer(D-N.Y.)",  # words fused by a careless removal
]


def test_each_essay_page_carries_every_paragraph(any_site):
    folder, pages, checked = any_site
    for essay in checked.corpus.essays:
        page = pages[f"essays/{essay.slug}/index.html"]
        for p in essay.paragraphs:
            if p.kind in ("heading", "notes_heading"):
                assert p.id in page.ids, f"{essay.slug}: heading {p.id} missing"
            elif p.kind == "speaker":  # (a turn's label as written, then who it is)
                assert text(page.paragraphs.get(p.id, "")).startswith(text(p.text)), f"{essay.slug}#{p.id}"
            else:
                assert text(page.paragraphs.get(p.id, "")) == text(p.text), f"{essay.slug}#{p.id}"
        for note in essay.notes:
            assert text(note.text) in text(page.paragraphs[note.id]), f"{essay.slug}#{note.id}"


def test_no_page_furniture_of_the_founding_essays_is_shown(site, checked):
    """(On the fixture corpus: FURNITURE is what its sources' cleaning rules remove; the
    report that ends the page quotes what they removed.)"""
    folder, _ = site
    for essay in checked.corpus.essays:
        html = (folder / f"essays/{essay.slug}/index.html").read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index('<section aria-labelledby="preparation-title"')]
        for junk in FURNITURE:
            assert junk not in article, f"{essay.slug}: page furniture {junk!r} is on the page"


def test_the_fidelity_report_of_each_essay_balances(any_site):
    folder, pages, checked = any_site
    for essay in checked.corpus.essays:
        report = json.loads((folder / f"essays/{essay.slug}/preparation.json").read_text(encoding="utf-8"))
        b = report["balance"]
        assert b["source"] == sum(not c.isspace() for c in essay.raw) > 0
        assert b["unaccounted"] == 0
        assert b["shown"] + b["removed"] + b["converted"] + b["corrected"] == b["source"], essay.slug
        assert b["removed"] == sum(c["characters"] for c in report["removed"])
        assert len(report["rules"]) == len(essay.rules)
        # The report ends the essay's page, reached from its top in one click, and is left out of search.
        html = (folder / f"essays/{essay.slug}/index.html").read_text(encoding="utf-8")
        assert "#preparation" in {href for href, _ in pages[f"essays/{essay.slug}/index.html"].links}
        section = html[html.index('<section aria-labelledby="preparation-title"') :]
        assert section.startswith(
            '<section aria-labelledby="preparation-title" class="preparation" '
            'data-pagefind-ignore="data-pagefind-ignore" id="preparation">'
        ), section[:200]
        assert 'href="preparation.json"' in section and "<details" in section and "<details open" not in section
        # The source as received can be downloaded from it, and checked against its SHA-256.
        received = (folder / f"essays/{essay.slug}/{essay.slug}.txt").read_bytes()
        assert received == (folder.parent / essay.source_path).read_bytes()
        assert hashlib.sha256(received).hexdigest() == report["source"]["sha256"] in section
        assert f'href="{essay.slug}.txt"' in section


def test_a_declared_correction_is_marked_on_the_page_and_listed_in_the_report(site):
    folder, pages = site
    page = pages["essays/bach-2000/index.html"]
    html = (folder / "essays/bach-2000/index.html").read_text(encoding="utf-8")
    assert "muchneeded" not in page.paragraphs["p-all-along-the-border-these-local"]
    assert (
        '<span class="correction" tabindex="0" title="Corrected by the editors. '
        'The source reads: muchneeded">much-needed</span>'
    ) in html
    report = json.loads((folder / "essays/bach-2000/preparation.json").read_text(encoding="utf-8"))
    assert {(c["text"], c["corrected"], c["line"]) for c in report["corrections"]} == {
        ("muchneeded", "much-needed", 113),
        ("crossborder", "cross-border", 65),
    }


def test_footnotes_link_both_ways_and_missing_notes_show_as_missing(site):
    folder, pages = site
    page = pages["essays/bach-2000/index.html"]
    tag, marker = page.elements["ref-2"]
    assert (tag, marker["href"]) == ("a", "#note-2")
    assert "#ref-2" in {href for href, _ in page.links}
    for number in ("3", "9", "10"):  # markers in the text, no note text in the source
        assert text(page.paragraphs[f"note-{number}"]) == f"{number}. Its text is missing from the source. ↩"
    assert text(page.paragraphs["note-5"]) == "5. Neither this note nor a marker for it is in the source."
    assert "No marker for this note appears in the text" in page.paragraphs["note-4"]
    assert text(page.paragraphs["note-unnumbered-1"]) == "Unnumbered note. White House Press Office."
    report = json.loads((folder / "essays/bach-2000/preparation.json").read_text(encoding="utf-8"))
    statuses = {n["number"]: n["status"] for n in report["notes"] if n["number"]}
    assert statuses["3"] == "marker only: the note's text is missing from the source"
    assert statuses["2"] == "note and marker"


def test_conversations_show_on_both_sides(any_site):
    folder, pages, checked = any_site
    for claim in checked.corpus.claims:
        lead = checked.quotes[claim.evidence[0]]
        for ev in claim.evidence[1:]:
            other = checked.quotes[ev]
            if other.essay.slug == lead.essay.slug:
                continue
            for ours, theirs in ((lead, other), (other, lead)):
                html = (folder / f"essays/{ours.essay.slug}/index.html").read_text(encoding="utf-8")
                section = html[html.index('id="in-conversation"') :]
                assert f"#{theirs.paragraph.id}:~:text=" in section, (claim.id, ours.essay.slug)


def test_every_read_in_context_link_lands_on_its_paragraph(any_site):
    folder, pages, checked = any_site
    seen = 0
    quoting = [f"themes/{t.id}/index.html" for t in checked.corpus.themes]
    quoting += ["reference/timeline/index.html", "reference/figures/index.html"]
    for page_path in quoting:
        for href, classes in pages[page_path].links:
            if "in-context" not in classes:
                continue
            target, fragment = resolve(page_path, href)
            anchor, _, directive = fragment.partition(":~:text=")
            assert anchor.startswith("p-") and anchor in pages[target].paragraphs
            words = [unquote(term) for term in directive.split(",")]
            assert directive and all(w in text(pages[target].paragraphs[anchor]) for w in words), href
            seen += 1
    assert seen == len(checked.quotes)


def test_no_internal_link_or_anchor_is_broken(any_site):
    folder, pages, _ = any_site
    assert broken_links(folder, pages) == []


def test_home_lists_every_theme_with_counts_and_every_essay_or_the_most_recent(any_site):
    folder, pages, checked = any_site
    html = (folder / "index.html").read_text(encoding="utf-8")
    for theme in checked.corpus.themes:
        n = len(checked.corpus.claims_of(theme.id))
        assert f'href="themes/{theme.id}/"' in html and f"{n} claims" in html
    essays = sorted(checked.corpus.essays, key=lambda e: e.date.value)
    shown = essays if len(essays) <= LONG_LIST else essays[-LONG_LIST:]  # (then a link to them all)
    for essay in shown:
        assert f'href="essays/{essay.slug}/"' in html
    assert (len(essays) > LONG_LIST) == ('href="essays/">All ' in html)


def test_the_report_says_what_each_rule_did_in_plain_words(site):
    folder, pages = site
    html = (folder / "essays/bach-2000/index.html").read_text(encoding="utf-8")
    rules = html[html.index('id="preparation-rules"') : html.index("The rules are declared in")]
    assert "<code>" not in rules and "starts_with" not in rules
    assert "Removed the paragraph that begins “Robert L. Bach”: the byline, shown in the page header." in rules
    report = json.loads((folder / "essays/bach-2000/preparation.json").read_text(encoding="utf-8"))
    note = next(n for n in report["notes"] if n["number"] == "1")
    assert note["status"] == "note only: its marker was in text removed by rule 3 (source line 5)"


@pytest.mark.parametrize("corpus", ["fixture", "seeds"])
def test_the_navigation_puts_the_themes_first_in_their_order_and_the_footer_follows_it(corpus, request):
    folder, pages, checked = (
        (*request.getfixturevalue("site"), request.getfixturevalue("checked"))
        if corpus == "fixture"
        else request.getfixturevalue("real_site")
    )
    editions = [posixpath.join(f, "") if f else "" for _, f in checked.corpus.site.editions]
    for edition in editions:  # (each edition is a site of its own, with the same navigation)
        home = (folder / edition / "index.html").read_text(encoding="utf-8")
        tabs = re.findall(r'<li class="md-tabs__item[^"]*">\s*<a href="([^"]*)"', home)
        assert tabs[:4] == [".", "themes/", "essays/", "reference/"], tabs
        theme = f"{edition}themes/{checked.corpus.themes[0].id}/index.html"
        sidebar = (folder / theme).read_text(encoding="utf-8").split("md-nav--primary", 1)[1]
        sidebar = sidebar.split("md-nav--secondary", 1)[0]
        listed = [
            m for m in re.findall(r'href="\.\./([a-z0-9-]+)/"', sidebar) if m in {t.id for t in checked.corpus.themes}
        ]
        current = checked.corpus.themes[0].id
        assert listed == [t.id for t in checked.corpus.themes if t.id != current]
        # Following "Next" from the home page visits every page of the edition once.
        seen, path = [], f"{edition}index.html"
        while path:
            assert path not in seen, f"{path} is reached twice by 'Next'"
            seen.append(path)
            html = (folder / path).read_text(encoding="utf-8")
            nxt = re.search(r'<a href="([^"]*)" class="md-footer__link md-footer__link--next"', html)
            path = posixpath.normpath(posixpath.join(posixpath.dirname(path), nxt[1])) + "/index.html" if nxt else None
            path = path.replace("./index.html", "index.html") if path else None
        others = [e for e in editions if e and e != edition]
        assert sorted(seen) == sorted(
            p
            for p in pages
            if p.startswith(edition) and posixpath.basename(p) != "404.html" and not p.startswith(tuple(others))
        )


def test_our_scripts_and_style_sheets_are_published_minified(site):
    from build_tools.site.publish import compact

    css = '/* a note\n   over lines */\n.a {\n  color: red; /* why */\n}\n\n\n.b::after { content: "  /* kept */"; }\n'
    assert compact(css, "css") == '.a{color:red}.b::after{content:"  /* kept */"}\n'
    js = '// a note\n"use strict";\n\n  // indented note\nconst u = "http://x", r = /a\\/\\/b/; // after code\n'
    assert compact(js, "js") == '"use strict";const u="http://x",r=/a\\/\\/b/;\n'
    folder, _ = site
    for edition in ("", "es/"):
        built = (folder / edition / "assets/javascripts/previews.js").read_text(encoding="utf-8")
        assert "// Passage previews" not in built and "passage-preview" in built


def test_the_pages_are_published_without_runs_of_white_space(site):
    from build_tools.site.publish import compact_html

    page = (
        '<div class="a"  data-x="two  spaces\n   kept">\n      <p>one   two\n\n   three</p>\n'
        "<pre>  kept\n    as it is</pre> <code>a  b</code>\n<textarea>\n  x</textarea>"
        '<script>if (a  >  b) { c = "<p>  d</p>"; }</script><!--  a\n  note -->\xa0\xa0<kbd>Ctrl  C</kbd></div>\n'
    )
    assert compact_html(page) == (
        '<div class="a"  data-x="two  spaces\n   kept">\n<p>one two\nthree</p>\n'
        "<pre>  kept\n    as it is</pre> <code>a  b</code>\n<textarea>\n  x</textarea>"
        '<script>if (a  >  b) { c = "<p>  d</p>"; }</script><!--  a\n  note -->\xa0\xa0<kbd>Ctrl  C</kbd></div>\n'
    )
    folder, pages = site
    assert len(pages) > 20
    for path in pages:
        html = (folder / path).read_text(encoding="utf-8")
        assert compact_html(html) == html, f"{path} has a run of white space left in its text"
