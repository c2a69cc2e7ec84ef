"""The research tools on the built site: timeline, key figures, glossary tooltips, map,
cite-this (page and downloads), meta tags for reference managers and sharing,
exports, the 404 page — and no request to any third party."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
import yaml

from build_tools.formats.corpus_map import passage_counts
from tests.conftest import resolve, text
from tests.golden import ENVIRONMENT

SITE_URL = ENVIRONMENT["SITE_URL"]


class Head(HTMLParser):
    """The meta tags, JSON-LD blocks, <time> elements and glossary links (their tooltips) of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.json_ld: list[dict] = []
        self.times: list[str] = []
        self.terms: dict[str, str] = {}
        self._script: str | None = None
        self._term: str | None = None  # the title of the glossary link just opened
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "content" in a:
            self.meta.append((a.get("name") or a.get("property"), a["content"]))
        if tag == "script" and a.get("type") == "application/ld+json":
            self._script = ""
        if tag == "time":
            self.times.append(a["datetime"])
        if tag == "a" and a.get("class") == "glossary-term":
            self._term = a["title"]

    def handle_data(self, data):
        if self._script is not None:
            self._script += data
        if self._term is not None:
            self.terms[data] = self._term
            self._term = None

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.json_ld.append(json.loads(self._script))
            self._script = None

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.meta if k == name]


def head(folder, path: str) -> Head:
    return Head((folder / path).read_text(encoding="utf-8"))


def test_every_page_carries_citation_and_sharing_tags(site):
    folder, pages = site
    for path in pages:
        h = head(folder, path)
        for name in ("citation_title", "citation_author", "og:title", "og:description", "og:site_name", "twitter:card"):
            assert h.values(name), f"{path}: no {name}"
        assert len(h.json_ld) == 1 and h.json_ld[0]["@context"] == "https://schema.org", path
        if posixpath.basename(path) != "404.html":
            assert h.values("og:url") == [SITE_URL + path.removesuffix("index.html")], path


def test_an_essay_page_cites_the_essay_as_published(site, checked):
    folder, _ = site
    essay = checked.corpus.essay("wilson-2021")
    h = head(folder, "essays/wilson-2021/index.html")
    assert h.values("citation_title") == [essay.title]
    assert h.values("citation_author") == ["Wilson, David L."]
    assert h.values("citation_publication_date") == ["2021/06/13"]
    assert h.values("citation_journal_title") == ["Truthout"]
    assert h.values("og:type") == ["article"]
    ld = h.json_ld[0]
    assert (ld["@type"], ld["headline"], ld["datePublished"]) == ("NewsArticle", essay.title, "2021-06-13")
    assert ld["author"][0]["familyName"] == "Wilson"
    html = (folder / "essays/wilson-2021/index.html").read_text(encoding="utf-8")
    assert (
        "Wilson, David L. “Hey VP Harris, Here Is a Progressive Way to Address the Root Causes of "
        "Migration.” <em>Truthout</em>, 13 June 2021." in html
    )


def test_downloads_are_well_formed_for_reference_managers(site, checked):
    folder, _ = site
    for essay in checked.corpus.essays:
        stem = folder / f"essays/{essay.slug}/{essay.slug}"
        bib = stem.with_suffix(".bib").read_text(encoding="utf-8")
        assert bib.startswith(("@article{", "@techreport{", "@misc{", "@incollection{")) and bib.count(
            "{"
        ) == bib.count("}")
        assert f"title = {{{{{essay.title}}}}}" in bib
        ris = stem.with_suffix(".ris").read_text(encoding="utf-8").splitlines()
        assert ris[0].startswith("TY  - ") and ris[-1] == "ER  -"
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*|ER  -", line) for line in ris)
        (item,) = json.loads((folder / f"essays/{essay.slug}/{essay.slug}.csl.json").read_text(encoding="utf-8"))
        first = item["author"][0]
        assert item["title"] == essay.title and first.get("family", first.get("literal")) == essay.authors[0].family
    bach = json.loads((folder / "essays/bach-2000/bach-2000.csl.json").read_text(encoding="utf-8"))[0]
    assert bach["type"] == "report" and bach["issued"] == {"date-parts": [[2000]], "circa": True}
    theme = (folder / "themes/trade/trade.ris").read_text(encoding="utf-8")
    assert "AU  - Root Causes contributors\n" in theme and f"UR  - {SITE_URL}themes/trade/\n" in theme


HISTORIAN = "historian-central-america-1977-1980"


def test_an_organisation_as_author_is_cited_whole_in_every_output(site):
    folder, pages = site
    h = head(folder, f"essays/{HISTORIAN}/index.html")
    assert h.values("citation_author") == ["Office of the Example Historian"]
    assert h.values("citation_publisher") == ["Example Department of State"]
    ld = next(d for d in h.json_ld if d.get("headline"))
    assert ld["author"] == [{"@type": "Organization", "name": "Office of the Example Historian"}]
    assert ld["publisher"]["name"] == "Example Department of State"
    assert ld["isPartOf"] == {"@type": "CreativeWorkSeries", "name": "Milestones in the History of Example Relations"}
    stem = folder / f"essays/{HISTORIAN}/{HISTORIAN}"
    bib = stem.with_suffix(".bib").read_text(encoding="utf-8")
    assert "author = {{Office of the Example Historian}}," in bib and "urldate = {2026-03-02}" in bib
    assert "series = {Milestones in the History of Example Relations}" in bib
    ris = stem.with_suffix(".ris").read_text(encoding="utf-8")
    for line in (
        "TY  - ELEC",
        "AU  - Office of the Example Historian",
        "T3  - Milestones in the History of Example Relations",
        "PB  - Example Department of State",
        "Y2  - 2026/03/02",
    ):
        assert line + "\n" in ris
    (item,) = json.loads(stem.with_suffix(".csl.json").read_text(encoding="utf-8"))
    assert item["author"] == [{"literal": "Office of the Example Historian"}] and item["type"] == "webpage"
    assert item["accessed"] == {"date-parts": [[2026, 3, 2]]} and item["publisher"] == "Example Department of State"
    html = (folder / f"essays/{HISTORIAN}/index.html").read_text(encoding="utf-8")
    assert "<strong>Office of the Example Historian</strong>" in html and "Accessed 2 March 2026." in html


def test_two_essays_by_one_author_in_one_year_are_told_apart(site):
    folder, pages = site
    nav = (folder / f"essays/{HISTORIAN}/index.html").read_text(encoding="utf-8")
    assert "Office of the Example Historian (2015a)" in nav and "Office of the Example Historian (2015b)" in nav
    assert "Historian central america" not in nav  # (the folder's name is not the label)
    theme = (folder / "themes/violence/index.html").read_text(encoding="utf-8")
    for title in ("Central America, 1977–1980", "Central America, 1981–1993"):
        assert f"Office of the Example Historian, “{title}”" in theme


def test_theme_exports_hold_every_claim_and_quote(site, checked):
    folder, _ = site
    for theme in checked.corpus.themes:
        claims = checked.corpus.claims_of(theme.id)
        rows = list(
            csv.DictReader(
                io.StringIO((folder / f"themes/{theme.id}/{theme.id}-claims.csv").read_text(encoding="utf-8"))
            )
        )
        assert [(r["claim_id"], r["quote"]) for r in rows] == [
            (c.id, checked.quotes[ev].text) for c in claims for ev in c.evidence
        ]
        data = json.loads((folder / f"themes/{theme.id}/{theme.id}-claims.json").read_text(encoding="utf-8"))
        assert [c["id"] for c in data["claims"]] == [c.id for c in claims]
        first = data["claims"][0]["evidence"][0]
        assert first["url"] == f"{SITE_URL}essays/{first['essay']}/#{first['paragraph']}"


def test_the_timeline_is_an_ordered_list_of_dated_events_in_order(site, checked):
    folder, pages = site
    page = pages["reference/timeline/index.html"]
    html = (folder / "reference/timeline/index.html").read_text(encoding="utf-8")
    events = sorted(checked.corpus.events, key=lambda e: e.date.value)
    assert head(folder, "reference/timeline/index.html").times == [e.date.value for e in events]
    assert '<ol class="timeline" id="timeline">' in html
    for e in events:
        tag, attrs = page.elements[e.id]
        assert tag == "li" and attrs["data-themes"].split() == list(e.themes)
    # Without JavaScript the filter stays hidden and every event is shown.
    assert re.search(r'<div class="rc-filter" data-filter="timeline" hidden(="")?>', html)
    for t in checked.corpus.themes:
        assert f'data-theme="{t.id}"' in html


LABEL = r'<span class="cell-label" aria-hidden="true">([^<]*)</span>'


def test_key_figures_are_a_table_of_what_they_measure_when_and_who_says_it(site, checked):
    folder, pages = site
    page = pages["reference/figures/index.html"]
    for f in checked.corpus.figures:
        assert f.id in page.elements  # (its anchor, in its row)
    html = (folder / "reference/figures/index.html").read_text(encoding="utf-8")
    rows = {
        re.search(r'<span id="([^"]+)">', row)[1]: [
            text(re.sub(r"<[^>]+>", "", re.sub(LABEL, "", cell)))
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)
        if '<span id="' in row
    }
    assert set(rows) == {f.id for f in checked.corpus.figures}
    assert rows["border-security-request"][:4] == [
        "$3.7 billion",
        "Border security funding President Obama asked Congress for in 2014.",
        "2014",
        "Robin Broad, The Hill, July 2014",
    ]
    assert rows["maquiladora-auto-workers"][2] == "c. 2000 (when written)"  # (no year given: when written)
    # On a phone each row is a card whose cells are labelled, in the page's words, with their column's name.
    headers = [text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)][
        : len(rows["nafta-age"] if "nafta-age" in rows else next(iter(rows.values())))
    ]
    labels = re.findall(LABEL, html.split("<tbody>", 1)[1].split("</tr>", 1)[0])
    assert labels == headers[1:]
    # Grouped by the figure's first theme, in the themes' order.
    headings = re.findall(r'<h2 id="theme-([a-z-]+)"', html)
    assert headings == [t.id for t in checked.corpus.themes if any(f.themes[0] == t.id for f in checked.corpus.figures)]


def test_glossary_terms_link_to_their_entries_with_their_meaning_across_the_site(site, checked):
    folder, pages = site
    nafta = next(t for t in checked.corpus.terms if t.term == "NAFTA")
    tip = f"{nafta.expansion}: {' '.join(nafta.definition.split())}"
    for path in ("essays/bach-2000/index.html", "themes/trade/index.html"):
        assert head(folder, path).terms.get("NAFTA") == tip, path
    bach = head(folder, "essays/bach-2000/index.html").terms
    assert bach["maquiladora"].startswith("A factory in Mexico")
    assert bach["Immigration Reform and Control Act"].startswith("Immigration Reform and Control Act: The 1986")
    glossary = pages["reference/glossary/index.html"]
    assert {t.id for t in checked.corpus.terms} <= glossary.ids
    html = (folder / "essays/bach-2000/index.html").read_text(encoding="utf-8")
    assert '<a class="glossary-term" href="../../reference/glossary/#nafta" title=' in html


def test_a_term_links_to_the_glossary_at_its_first_use_in_each_section_only(any_site):
    """(95 underlined terms on one essay's page once: now each term once a section.)"""
    folder, pages, checked = any_site
    linked = 0
    for path in pages:
        html = (folder / path).read_text(encoding="utf-8")
        article = html[html.find("<article") : html.find("</article>")]
        for section in re.split(r"<h[12][ >]", article):
            found = re.findall(r'class="glossary-term" href="[^"#]*#([^"]+)"', section)
            assert len(found) == len(set(found)), (path, sorted(t for t in found if found.count(t) > 1))
            linked += len(found)
    assert linked or not checked.corpus.terms


def test_the_map_links_every_essay_and_theme_and_its_table_gives_the_counts(site, checked):
    folder, pages = site
    html = (folder / "reference/map/index.html").read_text(encoding="utf-8")
    svg = html[html.index('<svg class="map"') : html.index("</svg>", html.index('<svg class="map"'))]
    links = {href for href, _ in pages["reference/map/index.html"].links}
    assert {f"../../essays/{e.slug}/" for e in checked.corpus.essays} <= links
    assert {f"../../themes/{t.id}/" for t in checked.corpus.themes} <= links
    counts = passage_counts(checked.corpus, checked.quotes)
    assert sum(counts.values()) == sum(len(c.evidence) for c in checked.corpus.claims)
    # Every count is in its own cell, named by its essay and theme (a matrix: none hidden).
    for e in checked.corpus.essays:
        for t in checked.corpus.themes:
            n = counts.get((e.slug, t.id), 0)
            assert f"<title>{e.label} in {t.title}: {n} passage{'' if n == 1 else 's'} quoted</title>" in svg
    assert svg.count('class="map-count"') == len(checked.corpus.essays) * len(checked.corpus.themes)
    assert "<script" not in svg and "<table>" in html


def test_the_map_of_many_essays_draws_the_most_quoted_and_says_so(checked):
    from dataclasses import replace

    from build_tools.formats.corpus_map import ROWS, drawn, svg

    essays = tuple(replace(e, slug=f"{e.slug}-{i}") for i in range(ROWS) for e in checked.corpus.essays)
    corpus = replace(checked.corpus, essays=essays)
    counts = Counter({(e.slug, checked.corpus.themes[0].id): n % 7 + 1 for n, e in enumerate(essays)})
    shown = drawn(corpus, counts)
    assert len(shown) == ROWS and min(counts[(e.slug, checked.corpus.themes[0].id)] for e in shown) >= max(
        counts[(e.slug, checked.corpus.themes[0].id)] for e in essays if e not in shown
    )
    assert f"for the {ROWS} most quoted of {len(essays)} essays" in svg(corpus, counts)


def test_the_404_page_offers_a_way_on(site):
    folder, pages = site
    links = {href for href, _ in pages["404.html"].links}
    assert {"/root-causes/themes/", "/root-causes/essays/", "/root-causes/reference/"} <= links


# Where a page would load something: tags and attributes that fetch, and CSS url()/@import.
_FETCHING = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object|image|use|track)\b[^>]*?"
    r"\s(?:src|href|srcset|data|poster|xlink:href)\s*=\s*[\"']?\s*([^\"'\s>]+)",
    re.I,
)
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')\s]+)|@import\s+[\"']([^\"']+)", re.I)
# Script code that fetches by itself: an absolute address in fetch(), XHR, importScripts or new Worker.
_JS_FETCH = re.compile(r"(?:fetch|importScripts|Worker|open)\(\s*[\"'`](?:https?:)?//", re.I)


def external(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) or parsed.scheme not in ("", "data")


def test_no_page_loads_anything_from_a_third_party(any_site):
    folder = any_site[0]
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            # <link rel="canonical"> names the page's own public address, <link rel="alternate">
            # the same page in the other edition (hreflang); they load nothing.
            html = re.sub(r'<link rel="(?:canonical|alternate)"[^>]*>', "", html)
            found += [(path.name, u) for u in _FETCHING.findall(html) if external(u)]
            found += [(path.name, u) for pair in _CSS_URL.findall(html) for u in pair if u and external(u)]
        elif path.suffix == ".css":
            css = path.read_text(encoding="utf-8")
            found += [(path.name, u) for pair in _CSS_URL.findall(css) for u in pair if u and external(u)]
        elif path.suffix == ".js":
            found += [(path.name, m) for m in _JS_FETCH.findall(path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<script src="https://cdn.example/x.js"></script>', True),
        ('<link rel="stylesheet" href="//fonts.googleapis.com/css">', True),
        ('<img src="/assets/x.png">', False),
        ('<a href="https://thehill.com/">original</a>', False),  # a link the reader follows
    ],
)
def test_the_third_party_scan_sees_what_it_should(html, expected):
    assert any(external(u) for u in _FETCHING.findall(html)) is expected


@pytest.mark.parametrize("edition", ["", "es/"])
def test_each_edition_has_a_citation_file_for_itself_with_its_address_and_date(site, edition):
    """Each edition's CITATION.cff, linked from its about page and in its copy to read offline:
    the hand-written one with the edition's address and the sources' date, nothing invented."""
    import zipfile
    from datetime import UTC, datetime

    folder, pages = site
    written = (folder / edition / "CITATION.cff").read_text(encoding="utf-8")
    data = yaml.safe_load(written)
    assert data["cff-version"] == "1.2.0" and {"message", "title", "authors", "type"} <= set(data)
    assert all("name" in a or "family-names" in a for a in data["authors"])
    assert data["url"] == ENVIRONMENT["SITE_URL"] + edition
    day = datetime.fromtimestamp(int(ENVIRONMENT["SOURCE_DATE_EPOCH"]), UTC).date().isoformat()
    assert data["date-released"] == day and re.search(rf'^date-released: "{day}"$', written, re.MULTILINE)
    assert not {"license", "repository-code", "version"} & set(data)  # (the fixture's file states none)
    hand_written = yaml.safe_load((folder.parent / "docs" / "CITATION.cff").read_text(encoding="utf-8"))
    assert {k: v for k, v in data.items() if k not in ("url", "date-released")} == hand_written
    assert "../CITATION.cff" in {href for href, _ in pages[f"{edition}about/index.html"].links}
    copy = next((folder / edition).glob("root-causes-*.zip"))
    with zipfile.ZipFile(copy) as opened:
        assert opened.read(f"{copy.stem}/CITATION.cff").decode() == written


def test_a_citation_file_keeps_what_its_editors_state():
    from build_tools.site.citation_file import edition_citation

    text = '# A comment\ncff-version: 1.2.0\nurl: "https://example.net/"'
    written = edition_citation(text, "https://example.org/rc/es/", "2026-01-01")
    assert written == text + '\ndate-released: "2026-01-01"\n'
    assert edition_citation(text, None, None) == text


def test_whats_new_lists_what_was_added_newest_first_with_a_feed_dated_from_the_seeds(site, checked):
    """Dated from the seeds' `added` fields, never from the clock: the same commit builds
    the same feed (see test_reproducible)."""
    import xml.etree.ElementTree as ET

    folder, pages = site
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(folder / "reference" / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    dated = [e for e in checked.corpus.essays if e.added] + [c for c in checked.corpus.claims if c.added]
    assert len(entries) == len(dated) > 0
    days = [e.find(f"{atom}updated").text[:10] for e in entries]
    assert days == sorted(days, reverse=True) and feed.find(f"{atom}updated").text[:10] == days[0]
    for entry in entries:  # each links to a page of the site (absolute where the site's address is known)
        href = entry.find(f"{atom}link").get("href")
        where = (
            ("index.html", urlparse(href).path.split("/root-causes/", 1)[1])
            if "://" in href
            else ("reference/feed.xml", href)
        )
        assert resolve(*where)[0] in pages, href
    page = (folder / "reference/whats-new/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<h2 id="added-(\d{4}-\d\d-\d\d)"', page)
    assert listed == sorted(set(days), reverse=True)
    for path in pages:  # every page points feed readers at it
        html = (folder / path).read_text(encoding="utf-8")
        assert '<link rel="alternate" type="application/atom+xml"' in html, path
    essay = next(e for e in checked.corpus.essays if e.added)
    assert "On this site since:" in (folder / f"essays/{essay.slug}/index.html").read_text(encoding="utf-8")
    claim = next(c for c in checked.corpus.claims if c.added)
    assert "last changed" in (folder / f"themes/{claim.theme}/index.html").read_text(encoding="utf-8")
