"""Untrusted input stays inert: a corpus of hostile inputs in every field.

1. ``make check`` refuses every payload that is raw HTML or a script address (however
   encoded) with the file and line of the field that holds it.
2. Were validation to let them all through, the site built from them still carries
   no live markup: Chromium loads every page, no dialog opens, and no injected
   element, handler or address exists in the DOM.
"""

from __future__ import annotations

import json
import os
import re
from unittest.mock import patch

import pytest

from build_tools.__main__ import _mkdocs_env
from build_tools.pipeline import build, check
from build_tools.problems import SeedError
from build_tools.site import engines
from build_tools.site.publish import publish
from build_tools.site.search import search_entries
from build_tools.stages.validate.fields import MARKDOWN, OWN_WORDS
from tests.browser import Tab, open_search, search, serve, site_pages
from tests.conftest import copy_project, once_per_run
from tests.golden import ENVIRONMENT
from tests.hostile import HOSTILE_FRONT_MATTER, PAYLOADS, add_hostile_essay, plant


def test_the_corpus_is_large_and_varied():
    assert len(PAYLOADS) >= 30 and len({p.text for p in PAYLOADS}) == len(PAYLOADS)
    assert any(not p.refused for p in PAYLOADS)


def test_validation_refuses_each_markup_payload_in_every_field_with_its_line(tmp_path):
    root = copy_project(tmp_path / "project")
    placements = plant(root, PAYLOADS)
    with pytest.raises(SeedError) as caught:
        check(root)
    found = {(p.loc.path, p.loc.line) for p in caught.value.problems}
    assert all(re.search("raw HTML|address is not allowed|holds Markdown", p.message) for p in caught.value.problems)
    expected = set()
    for path, placed in placements.items():
        lines = (root / path).read_text(encoding="utf-8").splitlines()
        for field, payload in placed:
            line = next(
                i
                for i, text in enumerate(lines, 1)
                if text.lstrip(" -").startswith(f"{field}:") and payload.marker in text
            )
            if payload.refused or (field in OWN_WORDS and MARKDOWN.search(payload.text)):
                expected.add((path, line))
            lines[line - 1] = ""  # (the next field with this payload is on a later line)
    assert found == expected
    assert len({path for path, _ in found}) == len(placements), "every seeds file holds a refused payload"


def test_markup_in_a_hand_written_pages_front_matter_is_refused_at_load(tmp_path):
    root = copy_project(tmp_path / "project")
    (root / "docs" / "hostile.md").write_text(HOSTILE_FRONT_MATTER + "# Hostile page\n", encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        check(root)
    assert [str(p) for p in caught.value.problems] == [
        "docs/hostile.md:2:1: raw HTML ('</title>') is not allowed in 'title': write plain text",
        "docs/hostile.md:3:1: a javascript: address is not allowed in 'description'",
        "docs/hostile.md:4:1: raw HTML (\"<img src=x onerror=alert('rc92')>\") is not allowed in 'subtitle': "
        "write plain text",
    ]


def test_zensicals_list_of_search_entries_is_plain_text_without_the_pages_left_out():
    """Zensical's search box renders the titles, paths and texts of search.json as HTML:
    the publishing stage leaves no markup in them, keeps a page's opening words only, and
    drops the pages whose front matter leaves them out of search."""
    entries = json.dumps(
        {
            "config": {"lang": ["en"]},
            "items": [
                {
                    "location": "",
                    "level": 1,
                    "title": '<iframe src="javascript:alert(1)"></iframe>Home &amp; away',
                    "text": "<p>" + "word " * 60 + "</p>",
                    "path": ["<b onclick=x>Home</b>"],
                    "tags": ["t"],
                },
                {
                    "location": "#part",
                    "level": 2,
                    "title": "Part",
                    "text": "<p>A section's text.</p>",
                    "path": ["Home"],
                },
                {"location": "essays/x/preparation/", "level": 1, "title": "Report", "text": "", "path": []},
            ],
        }
    )
    items = json.loads(search_entries(entries, {"essays/x/preparation/index.html"}))["items"]
    assert items == [
        {
            "location": "",
            "level": 1,
            "title": "Home &amp; away",
            "text": " ".join(["word"] * 32) + "…",
            "path": ["Home"],
            "tags": [],
        },
        {"location": "#part", "level": 2, "title": "Part", "text": "", "path": ["Home"], "tags": []},
    ]


# What must not exist in a page built from hostile seeds: script that could run,
# elements that load or navigate, and anything carrying a payload's marker as markup.
DOM_CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.replace(/[\\s\\x00-\\x1f]/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(`${el.tagName} ${name}`);
      if (/^(javascript|vbscript|data):/.test(value) && !(el.tagName === 'IMG' && value.startsWith('data:image/')))
        bad.push(`${el.tagName} ${name}=${attr.value.slice(0, 40)}`);
      if (['id', 'class'].includes(name) && /(^|\\s)pwned/.test(attr.value)) bad.push(`${el.tagName} ${name}=${attr.value.slice(0, 60)}`);
      else if (/rc\\d\\d/.test(attr.value) && !['id', 'title', 'content', 'aria-label', 'href', 'data-text', 'data-cite'].includes(name)
          && !(el.tagName === 'A' && name === 'href' && value.startsWith('#')))
        bad.push(`${el.tagName} ${name}=${attr.value.slice(0, 60)}`);
    }
    if (/rc\\d\\d/.test(el.tagName.toLowerCase()) || el.tagName === 'X-PWNED') bad.push(el.tagName);
  }
  for (const sel of ['iframe', 'object', 'embed', 'base', 'meta[http-equiv]', 'form:not([data-md-component]):not(.md-search__form)',
                     'article script', 'article style', 'article input', 'article template', 'article math',
                     'article svg script', 'noscript'])
    for (const el of document.querySelectorAll(sel)) bad.push(`<${el.tagName.toLowerCase()}> (${sel})`);
  for (const s of document.querySelectorAll('script:not([src])'))
    if (/alert|rc\\d\\d/.test(s.textContent) && s.type !== 'application/ld+json') bad.push('inline script: ' + s.textContent.slice(0, 60));
  return bad;
}"""


@pytest.fixture(scope="module", params=engines.ENGINES)
def hostile_site(request, tmp_path_factory):
    """The hostile project built with validation's HTML and address checks switched off,
    by each engine, then finished by the publishing stage (once per test run: shared by the
    workers, read only)."""

    def make(root):
        plant(copy_project(root), PAYLOADS)
        # Zensical writes a page's front matter as it is (MkDocs' adapter escapes it): there,
        # what keeps a hand-written page's front matter inert is validation at load (below).
        add_hostile_essay(root, front_matter=request.param == "mkdocs")
        with (
            patch("build_tools.stages.validate.fields.unsafe_text", lambda data: iter(())),
            patch("build_tools.stages.validate.fields.markdown", lambda data: iter(())),
            patch.dict(os.environ, ENVIRONMENT),
        ):
            build(root)
            assert engines.build(request.param, root, root / "site", _mkdocs_env()) == 0
            publish(root / "site", root / "docs")

    return once_per_run(tmp_path_factory, f"hostile-{request.param}-site", make) / "site"


def test_a_site_built_from_hostile_input_is_inert_in_chromium(browser, hostile_site):
    pages = site_pages(hostile_site)
    assert "hostile/" in pages and "essays/hostile-2026/" in pages
    with serve(hostile_site) as base:
        tab = Tab(browser, base, viewport={"width": 1280, "height": 900})
        found = {}
        for path, page in tab.open_each(pages):
            page.mouse.move(300, 300)
            page.keyboard.press("Tab")
            bad = page.evaluate(DOM_CHECK)
            if bad:
                found[path] = bad[:5]
        # The search box's results (titles, excerpts, Zensical's list of entries) too.
        page = tab.open("")
        open_search(page)
        for query in ("hostile", "mallory paragraph", "alert"):
            search(page, query)
            bad = page.evaluate(DOM_CHECK)
            if bad:
                found[f"search for {query!r}"] = bad[:5]
        essay_text = tab.open("essays/hostile-2026/").inner_text("article")
        tab.close()
    assert tab.dialogs == []
    assert found == {}
    assert [p.marker for p in PAYLOADS if p.marker not in essay_text] == []
    assert "<script>alert('rc01')</script>" in essay_text, "source text shows as written"
    assert [url for url in tab.requests if not url.startswith((base, ENVIRONMENT["SITE_URL"]))] == []  # (first party)
