"""The built site as a reader meets it: in Chromium, driven by Playwright.

Journeys (a theme to the quoted words in their essay, search, the keyboard, the
dark scheme), every page at phone width, every page through axe-core, and every
request the browser makes while loading them.
"""

from __future__ import annotations

import base64
import json
import re
import shutil

import pytest

from build_tools.site.search import index_site
from tests.browser import BASE_PATH, Tab, open_search, search, serve, site_pages
from tests.conftest import text
from tests.golden import ENVIRONMENT

SITE_URL = ENVIRONMENT["SITE_URL"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TARGET_TEXT_RGB = (0xFF, 0xD5, 0x4F)  # ::target-text in docs/assets/stylesheets/root-causes.css


@pytest.fixture
def tab(browser, served):
    opened = Tab(browser, served, viewport=DESKTOP)
    yield opened
    assert opened.dialogs == [], "a page opened a dialog"
    opened.close()


def highlighted_pixels(page, selector: str) -> int:
    """How many pixels of the element are painted in the text-fragment highlight colour
    (its screenshot counted on a canvas, in the browser)."""
    png = base64.b64encode(page.locator(selector).screenshot()).decode()
    return page.evaluate(
        """async ([png, rgb]) => {
        const image = new Image();
        image.src = "data:image/png;base64," + png;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height), context = canvas.getContext("2d");
        context.drawImage(image, 0, 0);
        const data = context.getImageData(0, 0, image.width, image.height).data;
        let count = 0;
        for (let i = 0; i < data.length; i += 4)
            if (data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2]) count++;
        return count;
    }""",
        [png, list(TARGET_TEXT_RGB)],
    )


def test_from_home_to_a_theme_to_the_quoted_words_in_their_essay(browser, any_served):
    served, folder, checked = any_served
    tab = Tab(browser, served, viewport=DESKTOP)
    theme = checked.corpus.themes[0].id
    page = tab.open("")
    page.locator(f"article a[href='themes/{theme}/']").first.click()
    page.wait_for_url(f"**/themes/{theme}/")
    link = page.locator("a.in-context").first
    href = link.get_attribute("href")
    paragraph = href.split("#")[1].split(":~:")[0]
    link.click()
    page.wait_for_url(re.compile(r"/essays/[a-z0-9-]+/"))
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == paragraph
    page.wait_for_timeout(300)  # (the highlight is painted after the scroll)
    assert highlighted_pixels(page, f"#{paragraph}") > 500, "the quoted words are not highlighted"
    tab.close()


def a_phrase_from(essay, checked) -> str:
    """Eight words from the middle of the essay's longest paragraph that no page quotes (a
    quoted one also stands on theme and reference pages, which may rank first), if any."""
    quoted = {q.paragraph.id for q in checked.quotes.values() if q.essay.slug == essay.slug}
    unquoted = [p for p in essay.paragraphs if p.id not in quoted] or essay.paragraphs
    words = max(unquoted, key=lambda p: len(p.text)).text.split()
    middle = len(words) // 2
    return " ".join(words[middle : middle + 8])


def test_search_for_a_phrase_lists_its_essay_first(browser, any_served):
    served, folder, checked = any_served
    tab = Tab(browser, served, viewport=DESKTOP)
    page = tab.open("")
    open_search(page)
    for essay in checked.corpus.essays:
        phrase = a_phrase_from(essay, checked)
        results = search(page, phrase)
        assert results and results[0].endswith(f"/essays/{essay.slug}/"), (phrase, results[:3])
    tab.close()


def test_the_count_of_results_says_they_are_the_best_matches(tab):
    """The worker sends the ten best results (with their excerpts), not every page that
    matches: the count must not call them all the matching documents."""
    page = tab.open("")
    page.locator(".md-search__input").click()
    assert len(set(search(page, "migration"))) == 10  # (pages; each may list its sections too)
    assert page.inner_text(".md-search-result__meta") == "10 best matches"
    assert '"search.result.one": "1 best match"' in page.content()  # (the same words for one)


def test_search_in_the_spanish_edition_finds_its_pages_by_spanish_words(tab):
    """Each edition searches its own index, with its language's stemming: the Spanish words of
    a theme's introduction and of a glossary entry find the Spanish pages."""
    page = tab.open("es/")
    open_search(page)
    assert search(page, "crimen organizado")[0].endswith("/es/themes/violence/")
    assert page.inner_text(".md-search-result__meta").endswith("mejores resultados")
    for words in ("remesas", "maquiladoras"):  # (the glossary's definitions, in Spanish)
        results = search(page, words)
        assert any(r.endswith("/es/reference/glossary/") for r in results), (words, results)
        assert all("/es/" in r for r in results), (words, results)


def test_a_spanish_word_finds_the_editors_spanish_text_before_the_essays_in_english(
    browser, site, checked, tmp_path, monkeypatch
):
    """In the Spanish edition, a theme's Spanish title finds the theme's page before the
    pages of the essays written in English, which list the title beside the passages that
    its claims quote (an essay in the edition's language may still come first). Indexed
    in one part, as a site of this size is: each part of an index ranks by its own counts."""
    copy = shutil.copytree(site[0] / "es", tmp_path / "site" / "es", symlinks=True)
    monkeypatch.delenv("SEARCH_PART_BYTES", raising=False)
    index_site(copy)
    english = [e.slug for e in checked.corpus.essays if e.language != "es"]
    with serve(tmp_path / "site") as base:
        tab = Tab(browser, base, viewport=DESKTOP)
        page = tab.open("es/")
        for theme in checked.corpus.themes:
            title = next(t for lang, name, t in theme.translated if (lang, name) == ("es", "title"))
            found = pagefind(page, title)
            essays = [i for i, url in enumerate(found) if url.endswith(tuple(f"/es/essays/{s}/" for s in english))]
            assert essays, (title, found)  # (they are found: the test is of their rank)
            at = [i for i, url in enumerate(found) if url.endswith(f"/es/themes/{theme.id}/")]
            assert at and at[0] < min(essays), (title, found)
        tab.close()


def test_search_works_from_the_404_page_too(tab, checked):
    essay = checked.corpus.essays[0]
    page = tab.open("404.html")
    page.locator(".md-search__input").click()
    assert search(page, a_phrase_from(essay, checked))[0].endswith(f"/essays/{essay.slug}/")


def pagefind(page, query: str, sections: bool = False) -> list[str]:
    """The addresses of the pages (and, if ``sections``, of the sections listed under them)
    the site's search worker gives for ``query``, best first (asked in Material's
    messages, as Material's search box asks it)."""
    return page.evaluate(
        """([q, sections]) => new Promise((resolve, reject) => {
        const worker = new Worker("assets/javascripts/search-worker.js");
        worker.onmessage = ({ data }) => {
            if (data.type === 3) {
                resolve(data.data.items.flatMap(item => (sections ? item : item.slice(0, 1)).map(d => d.location)));
                worker.terminate();
            }
        };
        worker.onerror = reject;
        worker.postMessage({ type: 0, data: {} });
        worker.postMessage({ type: 2, data: q });
    })""",
        [query, sections],
    )


def test_the_index_is_in_parts_and_has_every_essay_and_theme_and_no_report(tab, checked, site):
    assert len(json.loads((site[0] / "pagefind" / "parts.json").read_text())) > 1
    page = tab.open("")
    for essay in checked.corpus.essays:
        body = [p for p in essay.paragraphs if p.kind == "paragraph"][-1]
        assert any(url.endswith(f"/essays/{essay.slug}/") for url in pagefind(page, " ".join(body.text.split()[:8]))), (
            essay.slug
        )
    for theme in checked.corpus.themes:
        assert any(url.endswith(f"/themes/{theme.id}/") for url in pagefind(page, theme.question)), theme.id
    # The reports on how each text was prepared, at the end of each essay's page, are left out.
    found = pagefind(page, "how this text was prepared every change balance", sections=True)
    assert not [url for url in found if "#preparation" in url]
    assert not [
        url for url in pagefind(page, "paragraphs rejoined markup converted", sections=True) if "/essays/" in url
    ]


def test_a_phrase_finds_its_essay_first_and_links_to_its_paragraph(tab, checked):
    """The essay before the pages that quote it, and under it the paragraph that holds the
    words (the sections "Where this essay is cited" and "Cite this" are not searched)."""
    page = tab.open("")
    for essay in checked.corpus.essays:
        phrase = a_phrase_from(essay, checked)
        paragraph = next(p for p in essay.paragraphs if phrase in " ".join(p.text.split()))
        found = pagefind(page, phrase, sections=True)
        assert found[0].endswith(f"/essays/{essay.slug}/"), (phrase, found[:3])
        assert found[1].endswith(f"/essays/{essay.slug}/#{paragraph.id}"), (phrase, found[:3])
    for quoted in checked.quotes.values():  # (a quoted phrase is on theme pages too)
        found = pagefind(page, " ".join(quoted.text.split()[:6]), sections=True)
        assert found and found[0].endswith(f"/essays/{quoted.essay.slug}/"), (quoted.text, found[:3])
        assert not [url for url in found if url.endswith(("#cite", "#where-cited")) or "#cited-" in url]
        break


def test_the_keyboard_alone_reaches_search_and_opens_a_result(tab, checked):
    essay = checked.corpus.essays[0]
    page = tab.open("")
    page.keyboard.press("/")  # Material's shortcut to the search box
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    search(page, a_phrase_from(essay, checked), every_key=True)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/essays/{essay.slug}/**")


def test_the_dark_scheme_toggle_switches_and_is_remembered(tab):
    page = tab.open("themes/")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.locator("label[for='__palette_1']").click()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page = tab.open("essays/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.locator("label[for='__palette_0']").click()
    assert page.get_attribute("body", "data-md-color-scheme") == "default"


def test_no_page_scrolls_sideways_on_a_phone(browser, any_served):
    served, folder, _ = any_served
    tab = Tab(browser, served, viewport=PHONE, is_mobile=True, has_touch=True)
    wide = []
    for path, page in tab.open_each(site_pages(folder)):
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            wide.append((path, width))
    tab.close()
    assert wide == []


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_language_switcher_leads_to_the_same_page_in_the_other_edition(browser, request, engine):
    """It fetches nothing to do so, the page's alternates are in place once it has loaded,
    and the reader's place (a claim's anchor, the timeline's filter) goes along."""
    served = request.getfixturevalue("zensical_served" if engine == "zensical" else "served")
    tab = Tab(browser, served, viewport=DESKTOP)
    for here, there, name in (
        ("themes/trade/", "es/themes/trade/", "Español"),
        ("es/reference/", "reference/", "English"),
        (
            "themes/trade/#subsidized-corn-displaced-farmers",
            "es/themes/trade/#subsidized-corn-displaced-farmers",
            "Español",
        ),
        ("es/reference/timeline/?theme=trade", "reference/timeline/?theme=trade", "English"),
    ):
        page = tab.open(here)
        page.wait_for_load_state("networkidle")  # (nothing cut short by leaving the page)
        assert page.evaluate("document.querySelectorAll('link[rel=alternate][hreflang]').length") == 2
        page.locator(".md-select").first.hover()
        page.locator(f".md-select__link:text-is('{name}')").click()
        page.wait_for_url(served + there)
        page.wait_for_load_state("networkidle")
    tab.close()
    assert [url for url in tab.requests if "sitemap" in url] == [] and tab.failed == []


# Material's palette toggle (Zensical's too): the label that switches to the dark scheme.
TO_SLATE = "label[for='__palette_1']"
# Once the toggle is clicked, the colours change through CSS transitions: their end (or
# their cancelling, when a transition is replaced by another).
SETTLED = "Promise.allSettled(document.getAnimations().map(a => a.finished)).then(() => true)"


def axe_violations(page, path: str, axe: str) -> list[str]:
    """axe-core's findings on the page just loaded, in the light scheme it opens in, then
    once the reader's toggle has switched it to the dark one."""
    found = []
    page.add_script_tag(url=axe)
    for scheme in ("default", "slate"):
        if scheme == "slate":
            page.locator(TO_SLATE).dispatch_event("click")  # (no pointer over it: no tooltip shown)
            assert page.evaluate(SETTLED)
        assert page.get_attribute("body", "data-md-color-scheme") == scheme, path
        for violation in page.evaluate("axe.run().then(r => r.violations)"):
            found.append(
                f"{path or 'home'} ({scheme}): {violation['id']} ({violation['impact']}) at "
                f"{[n['target'] for n in violation['nodes']][:3]}: {violation['help']}"
            )
    return found


def test_every_page_passes_axe_in_either_scheme_and_requests_nothing_outside_or_failing(browser, any_served, axe):
    """Every page of both editions, at desktop width, loaded once for both checks.

    axe-core finds no accessibility violation: each page is checked in the light scheme it
    opens in, then again once the reader's toggle has switched it to the dark one. The pages
    are opened one at a time: the toggle stores the reader's choice for the whole site, and
    the init script sets the light scheme again for the next page only as that page starts.

    And once the page's network has settled, no request it made left the site (but for axe's
    own script) and none failed (the theme's language switcher once asked for a sitemap.xml
    beside each page: docs/assets/javascripts/alternates.js)."""
    served, folder, _ = any_served
    tab = Tab(browser, served, viewport=DESKTOP)
    for scope in (BASE_PATH, f"{BASE_PATH}es/"):  # where Material keeps the reader's choice, in each edition
        tab.context.add_init_script(
            f"localStorage.setItem('{scope}.__palette', JSON.stringify({{index: 0, color: {{scheme: 'default'}}}}))"
        )
    pages = site_pages(folder)
    assert any(p.startswith("es/") for p in pages) and any(not p.startswith("es/") for p in pages)
    found = []
    for path, page in tab.open_each(pages, at_once=1):
        found += axe_violations(page, path, axe)
        page.wait_for_load_state("networkidle")  # (axe's runs take longer: it has mostly settled)
    tab.close()
    assert found == []
    assert tab.requests and [url for url in tab.requests if not url.startswith((served, SITE_URL, axe))] == []
    assert [url for url in tab.requests if "sitemap" in url] == []
    assert tab.failed == []
    assert tab.dialogs == []


def test_the_quoted_words_are_as_legible_as_the_summary_above_them(tab):
    """Material sets a blockquote in a lighter grey than the text; the evidence must not be."""
    page = tab.open("themes/trade/")
    colours = (
        "[...['.claim', 'blockquote > p:first-child']].map(s => getComputedStyle(document.querySelector(s)).color)"
    )
    for toggle in ("label[for='__palette_1']", "label[for='__palette_0']"):
        claim, quote = page.evaluate(colours)
        assert quote == claim, (page.get_attribute("body", "data-md-color-scheme"), claim, quote)
        page.locator(toggle).click()


def test_one_theme_of_the_disagreements_shows_alone_without_javascript(browser, served):
    tab = Tab(browser, served, viewport=PHONE, is_mobile=True, java_script_enabled=False)
    page = tab.open("reference/disagreements/")
    sections = "[...document.querySelectorAll('.disagreement-theme')].map(s => [s.id, getComputedStyle(s).display])"
    shown = page.evaluate(sections)
    assert len(shown) > 1 and all(display != "none" for _, display in shown)
    first = shown[0][0]
    page = tab.open(f"reference/disagreements/#{first}")
    assert [id for id, display in page.evaluate(sections) if display != "none"] == [first]
    # On a phone the two passages are stacked, not squeezed side by side.
    left, right = page.evaluate(
        "[...document.querySelector('.side-by-side').children]"
        ".map(d => d.getBoundingClientRect()).map(r => [r.top, r.bottom, r.width])"
    )
    assert right[0] >= left[1] and left[2] > 300
    tab.close()


def test_the_reports_tables_scroll_with_the_keyboard_on_a_phone(browser, served, checked, axe):
    tab = Tab(browser, served, viewport=PHONE, is_mobile=True, has_touch=True)
    found, scrolling = [], 0
    for essay in checked.corpus.essays:
        page = tab.open(f"essays/{essay.slug}/")
        page.locator("details.preparation-details summary").click()
        page.add_script_tag(url=axe)
        assert page.evaluate(SETTLED)  # (the summary's colours change as it is hovered)
        found += [(essay.slug, v["id"]) for v in page.evaluate("axe.run().then(r => r.violations)")]
        scrolling += page.evaluate(
            "[...document.querySelectorAll('.table-region')]"
            ".filter(r => r.scrollWidth > r.clientWidth && r.tabIndex === 0).length"
        )
    tab.close()
    assert found == [] and scrolling > 0  # (some table is wider than the phone, and scrolls)


def test_the_timelines_theme_filter_is_kept_in_the_address(tab, checked):
    theme = checked.corpus.themes[0]
    events = [e for e in checked.corpus.events if theme.id in e.themes]
    assert events and len(events) < len(checked.corpus.events)
    visible = "[...document.querySelectorAll('#timeline > li')].filter(li => !li.hidden).map(li => li.id)"
    page = tab.open(f"reference/timeline/?theme={theme.id}")  # (a shared address opens filtered)
    assert sorted(page.evaluate(visible)) == sorted(e.id for e in events)
    assert page.get_attribute(f"button[data-theme='{theme.id}']", "aria-pressed") == "true"
    other = checked.corpus.themes[1]
    page.locator(f"button[data-theme='{other.id}']").click()
    assert page.url.endswith(f"/reference/timeline/?theme={other.id}")
    page.locator("button[data-theme='']").click()
    assert page.url.endswith("/reference/timeline/") and len(page.evaluate(visible)) == len(checked.corpus.events)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_only_the_timeline_loads_the_theme_filters_script(browser, request, checked, engine):
    """filter.js comes from the theme's template on the pages whose front matter asks for it,
    not with every page (0.9 KiB of each first view)."""
    served = request.getfixturevalue("zensical_served" if engine == "zensical" else "served")
    tab = Tab(browser, served, viewport=DESKTOP)
    for edition in ("", "es/"):
        tab.requests.clear()
        tab.open(f"{edition}themes/{checked.corpus.themes[0].id}/")
        assert tab.requests and not [url for url in tab.requests if url.endswith("/filter.js")], edition
        tab.requests.clear()
        page = tab.open(f"{edition}reference/timeline/")
        script = f"{tab.base}{edition}assets/javascripts/filter.js"
        assert [url for url in tab.requests if url.endswith("/filter.js")] == [script]
        assert page.locator(".rc-filter").is_visible()  # (the script ran: it shows the buttons)
        page.locator(".rc-filter button[data-theme]:not([data-theme=''])").first.click()
        assert 0 < page.locator("#timeline > li:visible").count() < len(checked.corpus.events), edition
    tab.close()


# The page's table of contents, wherever the screen shows it: beside the page on a wide
# screen; on a phone, in Material's menu or behind Zensical's contents button (a link in a
# closed menu is visible to Playwright unless hidden: its box is merely off the screen).
CONTENTS = "nav.md-nav--secondary a.md-nav__link:visible"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_a_filtered_timeline_lists_in_its_contents_only_the_events_it_shows(browser, request, checked, engine, screen):
    served = request.getfixturevalue("zensical_served" if engine == "zensical" else "served")
    phone = screen == "phone"
    tab = Tab(browser, served, viewport=PHONE if phone else DESKTOP, is_mobile=phone, has_touch=phone)
    every = len(checked.corpus.events)
    for edition in ("", "es/"):
        for theme in checked.corpus.themes:
            page = tab.open(f"{edition}reference/timeline/?theme={theme.id}")
            shown = page.locator("#timeline > li:visible").count()
            assert 0 < shown < every, theme.id
            assert page.locator(CONTENTS).count() == shown, (edition, theme.id)
        page.locator("button[data-theme='']").click()  # (the filter cleared: every event listed again)
        assert page.locator("#timeline > li:visible").count() == every == page.locator(CONTENTS).count()
    tab.close()


def test_a_link_to_a_passage_previews_it_on_hover_and_focus_fetching_nothing_before(tab, checked, axe):
    page = tab.open(f"themes/{checked.corpus.themes[0].id}/")
    page.wait_for_timeout(300)
    assert not [url for url in tab.requests if url.endswith("passages.json")]
    link = page.locator("a.in-context").first
    href = link.get_attribute("href")
    slug, pid = re.search(r"essays/([a-z0-9-]+)/#([a-z0-9-]+)", href).groups()
    essay = next(e for e in checked.corpus.essays if e.slug == slug)
    paragraph = next(p for p in essay.paragraphs if p.id == pid)
    quoted = {text(q.text) for q in checked.quotes.values() if q.essay.slug == slug and q.paragraph.id == pid}
    link.hover()
    preview = page.locator(".passage-preview")
    preview.wait_for(state="visible")
    assert text(preview.locator("p").first.inner_text()) == text(paragraph.text)
    assert preview.locator("p").first.get_attribute("lang") == essay.language  # (read in the essay's language)
    assert text(preview.locator("mark").inner_text()) in quoted
    assert preview.get_by_role("link", name="Open the passage").get_attribute("href").endswith(href.split("../")[-1])
    assert [url for url in tab.requests if url.endswith("passages.json")] == [f"{tab.base}essays/{slug}/passages.json"]
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    link.focus()  # (the keyboard reaches it too)
    preview.wait_for(state="visible")
    assert link.get_attribute("aria-describedby") == "passage-preview"
    link.hover()  # (focused and hovered, the link keeps a readable colour too)
    page.wait_for_timeout(400)
    assert preview.is_visible()
    page.add_script_tag(url=axe)  # (open, it is accessible too)
    assert page.evaluate(SETTLED)
    assert (
        page.evaluate("axe.run().then(r => r.violations.map(v => v.id + ' ' + v.nodes.map(n => n.target).join(' ')))")
        == []
    )


def test_the_scripts_speak_the_language_of_the_edition(tab, checked):
    """The previews and the timeline's filter say their words in Spanish on a Spanish page."""
    page = tab.open(f"es/themes/{checked.corpus.themes[0].id}/")
    page.locator("a.in-context").first.hover()
    preview = page.locator(".passage-preview")
    preview.wait_for(state="visible")
    assert preview.get_by_role("link", name="Abrir el pasaje").count() == 1
    assert " de " in preview.locator(".passage-preview__by").inner_text()  # (its date, in Spanish)
    page = tab.open("es/reference/timeline/")
    page.locator(".rc-filter button[data-theme]:not([data-theme=''])").first.click()
    assert re.fullmatch(r"\d+ de \d+ acontecimientos sobre .+\.", page.inner_text(".rc-filter-status"))


def test_a_cited_in_link_previews_its_claim(tab, checked):
    claim = checked.corpus.claims[0]
    slug = checked.quotes[claim.evidence[0]].essay.slug
    page = tab.open(f"essays/{slug}/")
    page.locator("details.cited-by").evaluate_all("all => all.forEach(d => { d.open = true; })")
    link = page.locator(f"details.cited-by a[href$='#{claim.id}']").first
    link.hover()
    preview = page.locator(".passage-preview")
    preview.wait_for(state="visible")
    assert text(preview.inner_text()).startswith(f"{claim.title} {text(claim.claim)}")
    assert preview.get_by_role("link", name="Open the claim").count() == 1


def test_on_a_touch_screen_the_first_tap_previews_and_the_second_opens(browser, served, checked):
    tab = Tab(browser, served, viewport=PHONE, is_mobile=True, has_touch=True)
    page = tab.open(f"themes/{checked.corpus.themes[0].id}/")
    link = page.locator("a.in-context").first
    link.scroll_into_view_if_needed()
    link.tap()
    page.locator(".passage-preview").wait_for(state="visible")
    assert page.url.endswith(f"/themes/{checked.corpus.themes[0].id}/")
    link.tap()
    page.wait_for_url(re.compile(r"/essays/[a-z0-9-]+/"))
    tab.close()
