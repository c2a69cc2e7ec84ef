"""Citing a part of a page, in Chromium: the "Cite" of a claim and of a paragraph
(docs/assets/javascripts/cite.js), with the keyboard, copied, and without JavaScript."""

from __future__ import annotations

import re

import pytest

from tests.browser import NODE_MODULES, Tab
from tests.conftest import text
from tests.golden import ENVIRONMENT, GOLDEN

SITE_URL = ENVIRONMENT["SITE_URL"]  # (the shared sites are built with it)
DATE = {"en": "1 January 2026", "es": "1 de enero de 2026"}  # (their SOURCE_DATE_EPOCH)
DESKTOP = {"width": 1280, "height": 900}
AXE = "axe.run().then(r => r.violations.map(v => v.id + ' ' + v.nodes.map(n => n.target).join(' ')))"


def clipboard_tab(browser, served: str, **context) -> Tab:
    tab = Tab(browser, served, viewport=DESKTOP, **context)
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    return tab


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_claims_cite_opens_with_the_keyboard_shows_its_citation_and_copies_it(browser, request, checked, engine):
    served = request.getfixturevalue("zensical_served" if engine == "zensical" else "served")
    theme = checked.corpus.themes[0]
    tab = clipboard_tab(browser, served)
    page = tab.open(f"themes/{theme.id}/")
    summary = page.locator("details.cite-one > summary").first
    claim_id = page.locator("details.cite-one").first.evaluate(
        "d => d.previousElementSibling.previousElementSibling.id"
    )
    claim = next(c for c in checked.corpus.claims if c.id == claim_id)
    summary.focus()
    page.keyboard.press("Enter")
    copy = page.get_by_role("button", name="Copy").first
    copy.wait_for(state="visible")
    stop = "" if claim.title[-1] in ".?!…" else "."
    cited = (
        f"Root Causes contributors. “{theme.title}: {claim.title}{stop}” Root Causes, {DATE['en']}. "
        f"{SITE_URL}themes/{theme.id}/#{claim.id}"
    )
    assert text(page.locator("details.cite-one .cite-text").first.inner_text()) == cited
    assert page.locator("details.cite-one .cite-text em").first.inner_text() == "Root Causes"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Copy"
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Copied.").wait_for()
    assert text(page.evaluate("navigator.clipboard.readText()")) == cited
    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))  # (open, it is accessible too)
    assert page.evaluate(AXE) == []
    page.keyboard.press("Escape")
    assert page.locator("details.cite-one").first.evaluate("d => !d.open && document.activeElement === d.firstChild")
    tab.close()


def test_a_spanish_claims_cite_puts_its_full_stop_after_the_closing_mark(browser, served, checked):
    theme = checked.corpus.themes[0]
    tab = Tab(browser, served, viewport=DESKTOP)
    page = tab.open(f"es/themes/{theme.id}/")
    page.locator("details.cite-one > summary").first.click()
    cited = text(page.locator("details.cite-one .cite-text").first.inner_text())
    assert re.search(r": [^“”]+[^.?!…]”\. Root Causes, " + DATE["es"], cited), cited
    assert ".”" not in cited
    tab.close()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_paragraphs_cite_beside_its_mark_copies_the_essay_and_the_paragraphs_address(
    browser, request, checked, engine
):
    """In the Spanish edition: the essay's reference, then the paragraph's opening words
    and its address in this edition."""
    served = request.getfixturevalue("zensical_served" if engine == "zensical" else "served")
    essay = checked.corpus.essays[0]
    paragraph = next(p for p in essay.paragraphs if p.kind == "paragraph" and len(p.text.split()) > 8)
    tab = clipboard_tab(browser, served)
    page = tab.open(f"es/essays/{essay.slug}/")
    button = page.locator(f"p#{paragraph.id} > button.cite-button")
    assert button.inner_text() == "Citar" and button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    shown = page.locator(f"#{button.get_attribute('aria-controls')}")
    assert shown.evaluate(f"box => box.previousElementSibling.id === {paragraph.id!r}")
    cited = text(shown.locator(".cite-text").inner_text())
    assert cited.startswith(f"{essay.authors[0].family}, ")
    opening = " ".join(paragraph.text.split()[:8])
    assert f" Párrafo “{opening}…”, en Root Causes, {DATE['es']}. " in cited
    assert cited.endswith(f" {SITE_URL}es/essays/{essay.slug}/#{paragraph.id}")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Copiada.").wait_for()
    assert text(page.evaluate("navigator.clipboard.readText()")) == cited
    page.keyboard.press("Escape")
    assert shown.is_hidden() and button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('cite-button')")
    tab.close()


def test_where_the_clipboard_cannot_be_written_the_citation_is_selected_to_copy(browser, served, checked):
    tab = Tab(browser, served, viewport=DESKTOP)
    page = tab.page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined })")
    page = tab.open(f"themes/{checked.corpus.themes[0].id}/")
    page.locator("details.cite-one > summary").first.click()
    page.get_by_role("button", name="Copy").first.click()
    said = page.get_by_role("status").first.inner_text()
    assert said == "Selected: copy it with Ctrl+C (⌘C on a Mac)."
    selected = page.evaluate("getSelection().toString()")
    assert text(selected) == text(page.locator("details.cite-one .cite-text").first.inner_text())
    tab.close()


def test_without_javascript_a_claims_cite_holds_its_address_to_select(browser, served, checked):
    theme = checked.corpus.themes[0]
    tab = Tab(browser, served, viewport=DESKTOP, java_script_enabled=False)
    page = tab.open(f"themes/{theme.id}/")
    details = page.locator("details.cite-one")
    assert details.count() == len([c for c in checked.corpus.claims if c.theme == theme.id])
    first = details.first
    claim_id = first.evaluate("d => d.previousElementSibling.previousElementSibling.id")
    first.locator("summary").click()
    assert first.locator("p").inner_text() == f"{SITE_URL}themes/{theme.id}/#{claim_id}"
    assert page.locator(".cite-button").count() == 0
    tab.close()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
@pytest.mark.parametrize("path", ["themes/{theme}/", "es/essays/{essay}/"])
def test_a_printed_page_gives_its_address_and_date_and_no_screen_controls(browser, request, checked, engine, path):
    """Printed to PDF and read back: the address and date under the title, no separator
    left alone where a link is hidden, and none of the screen's controls."""
    from io import BytesIO

    from pypdf import PdfReader

    served = request.getfixturevalue("zensical_served" if engine == "zensical" else "served")
    path = path.format(theme=checked.corpus.themes[0].id, essay=checked.corpus.essays[0].slug)
    tab = Tab(browser, served, viewport=DESKTOP)
    page = tab.open(path)
    printed = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(page.pdf())).pages).split())
    spanish = path.startswith("es/")
    said = "De {}, tal como se publicó el {}." if spanish else "From {}, as published on {}."
    said = said.format(SITE_URL + path, DATE["es" if spanish else "en"])
    assert said.replace(" ", "") in printed.replace(" ", "")  # (a line may break in the address)
    assert not re.search(r"·\s*·|·\s*$|·\s*—|\(\s*\)", printed, re.M)
    labels = r"Cite(?! this)|Citar|Copy|Copiar|Read in context|Leer en contexto|at the source|¶"
    assert not re.findall(rf"(?<!\w)({labels})(?!\w)", printed)
    tab.close()


def test_a_parts_citation_is_text_with_italics_alone():
    """A reference's markup other than its italics (a link, a title marked as in another
    language) is left out of what "Cite" shows and copies, which is text."""
    for page in GOLDEN.rglob("*"):
        if page.is_file():
            for template in re.findall(r'data-cite=\\?"([^"\\]*)', page.read_text(encoding="utf-8")):
                tags = re.findall(r"&lt;(/?[a-z]+)", template)
                assert set(tags) <= {"em", "/em"}, (page, template)
