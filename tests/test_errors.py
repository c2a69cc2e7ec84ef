"""Every message an editor can get, pinned to its exact text, with file and line.

Each case breaks a fresh copy of the fixture corpus (tests/fixture) in one way and runs
``python -m build_tools check`` on it: the check must exit 1, print exactly the expected
lines, and write nothing. A few cases, one from each stage that can refuse the seeds, run
``python -m build_tools build`` on a copy of a project already built: the build says the
same, and leaves the generated pages and the site as they were.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from build_tools.folders import GENERATED
from build_tools.problems import SeedError
from tests.conftest import run, snapshot


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


ESSAY = "seeds/essays/broad-2014.yml"
TRADE = "seeds/crossrefs/trade.yml"
VIOLENCE = "seeds/crossrefs/violence.yml"
HISTORIAN = "seeds/essays/historian-central-america-1977-1980.yml"
TIMELINE, FIGURES, GLOSSARY = "seeds/timeline.yml", "seeds/figures.yml", "seeds/glossary.yml"

# (id, how to break the seeds, expected stderr lines): {at:FILE:TEXT} is "line:column" where TEXT
# starts in FILE (leading spaces of TEXT not counted;
# a file that is not UTF-8 is read with U+FFFD for each bad byte), {line:FILE:TEXT} the line alone
CASES = [
    (
        "unclosed-quote",
        lambda r: edit(r, ESSAY, "reason: the outlet's note on the author", "reason: \"the outlet's note"),
        [
            'seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:"the outlet}: this quoted '
            "text is never closed: add the closing quote"
        ],
    ),
    (
        "tab-indent",
        lambda r: edit(r, ESSAY, "  - given: Robin", "\t- given: Robin"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:\t- given: Robin}: "
            "a tab character: indent YAML with spaces, not tabs"
        ],
    ),
    (
        "duplicate-key",
        lambda r: edit(r, ESSAY, "genre: op-ed", "genre: op-ed\ngenre: article"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:genre: article}: the key 'genre' "
            "appears twice in this mapping (first at line {line:seeds/essays/broad-2014.yml:genre: op-ed}): if this line "
            "starts another item of a list, put '- ' before it"
        ],
    ),
    (
        "missing-field",
        lambda r: edit(r, ESSAY, "genre: op-ed\n", ""),
        ["seeds/essays/broad-2014.yml:2:1: missing required field 'genre'"],
    ),
    (
        "unknown-field",
        lambda r: edit(r, ESSAY, "genre: op-ed", "genre: op-ed\nauthor: Robin Broad"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:author: Robin}: unknown field "
            "'author' (allowed: accessed, added, archive_url, authors, cleaning, date, date_note, date_precision, es, es_of, excerpt, genre, language, "
            "number, outlet, participants, publisher, received, rights, section, series, source_sha256, summary, themes, title, "
            "title_note, url)"
        ],
    ),
    (
        "bad-date",
        lambda r: edit(r, ESSAY, 'date: "2014-07"', 'date: "July 2014"'),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:date: \"July}: 'date' must be a "
            "date written YYYY-MM-DD, YYYY-MM or YYYY; found 'July 2014'"
        ],
    ),
    (
        "bad-enum",
        lambda r: edit(r, ESSAY, "genre: op-ed", "genre: blog"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:genre: blog}: 'genre' is 'blog', "
            "which is not one of: op-ed, article, magazine article, journal article, book chapter, policy paper, "
            "report, government publication, web page, interview, transcript, speech, hearing, press release"
        ],
    ),
    (
        "impossible-date",
        lambda r: edit(r, "seeds/essays/wilson-2021.yml", 'date: "2021-06-13"', 'date: "2021-02-30"'),
        [
            "seeds/essays/wilson-2021.yml:{at:seeds/essays/wilson-2021.yml:date: \"2021}: 'date' is 2021-02-30, "
            "which is not a day of the calendar: check the day and the month"
        ],
    ),
    (
        "impossible-accessed-date",
        lambda r: edit(r, HISTORIAN, 'accessed: "2026-03-02"', 'accessed: "2026-13-02"'),
        [
            HISTORIAN
            + ":{at:"
            + HISTORIAN
            + ":accessed}: 'accessed' must be a date written YYYY-MM-DD; found '2026-13-02'"
        ],
    ),
    (
        "impossible-event-date",
        lambda r: edit(r, TIMELINE, 'date: "1986"', 'date: "1986-04-31"'),
        [
            "seeds/timeline.yml:{at:seeds/timeline.yml:date: \"1986}: 'date' is 1986-04-31, which is not a day "
            "of the calendar: check the day and the month"
        ],
    ),
    (
        "approximate-without-note",
        lambda r: edit(r, "seeds/essays/wilson-2021.yml", "date_precision: day", "date_precision: approximate"),
        [
            "seeds/essays/wilson-2021.yml:{at:seeds/essays/wilson-2021.yml:date_precision}: an approximate date "
            "needs a 'date_note' saying how it was established"
        ],
    ),
    (
        "markdown-in-claim",
        lambda r: edit(
            r, TRADE, "      Broad argues that flawed", "      [Broad](https://thehill.com) argues that flawed"
        ),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:claim: >-\n      [Broad]}: 'claim' holds Markdown "
            "('[Broad](https://thehill.com) argues…'), which would show as typed: write plain text, and put a web "
            "address in the essay's 'url' field"
        ],
    ),
    (
        "person-and-organisation",
        lambda r: edit(r, ESSAY, "  - given: Robin", "  - organization: The Hill\n    given: Robin"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:organization: The Hill}: an author is either "
            "a person, with 'given' and 'family' names, or an organisation, with its name in 'organization' alone: "
            "write one or the other"
        ],
    ),
    (
        "empty-text",
        lambda r: (r / "seeds/essays/wilson-2021.txt").write_text("\n\n", encoding="utf-8"),
        ["seeds/essays/wilson-2021.txt:1: the text is empty: save the essay's text, exactly as received, in this file"],
    ),
    (
        "edited-raw-text",
        lambda r: edit(r, "seeds/essays/broad-2014.txt", "hard not to be haunted", "hard not to be troubled"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:source_sha256}: seeds/essays/broad-2014.txt has "
            "changed since it was added (its SHA-256 is now {sha:seeds/essays/broad-2014.txt}; this metadata records "
            "0095c6088dc60cf53d1a952a2225c435e89451b494142751e78cc30a4e8edfdc): never edit the raw text — restore it as "
            "received and declare changes as cleaning rules; if the source itself was received again, update "
            "'source_sha256'"
        ],
    ),
    (
        "colon-in-text",
        lambda r: edit(r, TRADE, "title: Trade agreements as a root cause", "title: Trade agreements: a root cause"),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:: a root cause}: this text holds a colon followed by "
            'a space, which YAML reads as a new field: put the whole text in quotes ("…")'
        ],
    ),
    (
        "missing-dash",
        lambda r: edit(
            r,
            TRADE,
            "      - essay: bach-2000\n        quote: >-\n          Persistent",
            "        essay: bach-2000\n        quote: >-\n          Persistent",
        ),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:        essay: bach-2000}: the key 'essay' "
            "appears twice in this mapping (first at line {line:seeds/crossrefs/trade.yml:- essay: broad-2014}): if this "
            "line starts another item of a list, put '- ' before it"
        ],
    ),
    (
        "missing-dash-before-a-list-item",
        lambda r: edit(
            r, TRADE, "  - id: subsidized-corn-displaced-farmers", "  id: subsidized-corn-displaced-farmers"
        ),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:  id: subsidized-corn}: each item of a list starts "
            "with '- ': add it before this field, or indent this line like the one above"
        ],
    ),
    (
        "wrong-indentation",
        lambda r: edit(
            r, TRADE, "    title: Trade agreements as a root cause", "   title: Trade agreements as a root cause"
        ),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:title: Trade agreements as}: this line is indented "
            "differently from the field above it: indent it like the one above"
        ],
    ),
    (
        "front-matter-unclosed-quote",
        lambda r: edit(r, "docs/about.md", "title: About", 'title: "About'),
        ['docs/about.md:{at:docs/about.md:"About}: this quoted text is never closed: add the closing quote'],
    ),
    (
        "front-matter-never-closed",
        lambda r: edit(
            r,
            "docs/about.md",
            "description: How Root Causes is made, and how to cite it.\n---",
            "description: How Root Causes is made, and how to cite it.\n",
        ),
        ["docs/about.md:1: the front matter that starts here is never closed: end it with a line '---'"],
    ),
    (
        "front-matter-colon",
        lambda r: edit(r, "docs/about.md", "title: About", "title: About: the project"),
        [
            "docs/about.md:{at:docs/about.md:: the project}: this text holds a colon followed by a space, which YAML "
            'reads as a new field: put the whole text in quotes ("…")'
        ],
    ),
    (
        "javascript-url",
        lambda r: edit(r, ESSAY, "url: https://thehill.com", "url: javascript:alert(1)//thehill.com"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:url: javascript}: 'url' must be a web "
            "address starting with http:// or https://, with no spaces; "
            "found 'javascript:alert(1)//thehill.com/blogs/pundits-blog/immigration/211567-why-are-so-many-kids-"
            "crossing-the-us-mexico-border-and-what'"
        ],
    ),
    (
        "rule-param-of-another-rule",
        lambda r: edit(r, ESSAY, "    as: editor_note", "    as: editor_note\n    text: x"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:    text: x}: the field 'text' does "
            "not belong to this rule (allowed: rule, starts_with, as, reason, es, es_of)"
        ],
    ),
    (
        "unclosed-bracket",
        lambda r: edit(
            r,
            "seeds/essays/wilson-2021.yml",
            "themes: [trade, violence, climate, governance]",
            "themes: [trade, violence, climate, governance",
        ),
        [
            "seeds/essays/wilson-2021.yml:{at:seeds/essays/wilson-2021.yml:[trade}: this list in "
            "square brackets is never closed: add ']'"
        ],
    ),
    (
        "unclosed-bracket-in-claims",  # (and no "no claim quotes essay …" for the claims not read)
        lambda r: edit(r, "seeds/crossrefs/governance.yml", "id: bad-governance-made-in-usa", "id: [bad"),
        [
            "seeds/crossrefs/governance.yml:{at:seeds/crossrefs/governance.yml:[bad}: this list in "
            "square brackets is never closed: add ']'"
        ],
    ),
    (
        "html-in-note",
        lambda r: edit(
            r, TRADE, "note: >-\n          Wilson quotes", "note: >-\n          <b onclick=x>Wilson</b> quotes"
        ),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:note: >-\n          <b onclick}: raw HTML ('<b onclick=x>') "
            "is not allowed in 'note': write plain text"
        ],
    ),
    (
        "script-url-in-intro",
        lambda r: edit(r, "seeds/themes.yml", "Trade is where", "See javascript:alert(1). Trade is where"),
        [
            "seeds/themes.yml:{at:seeds/themes.yml:    intro: |\n      See javascript}: a javascript: "
            "address is not allowed in 'intro'"
        ],
    ),
    (
        "encoded-script-url-in-summary",
        lambda r: edit(
            r, TIMELINE, "Bach quotes President", "See jav&#x09;ascript&#58;alert(1). Bach quotes President"
        ),
        [
            "seeds/timeline.yml:{at:seeds/timeline.yml:summary: >-\n      See jav}: a javascript: address is not "
            "allowed in 'summary'"
        ],
    ),
    (
        "encoded-html-in-definition",
        lambda r: edit(r, GLOSSARY, "The trade agreement", "%3Cimg src=x onerror=alert(1)%3E The trade agreement"),
        [
            "seeds/glossary.yml:{at:seeds/glossary.yml:definition: >-\n      %3Cimg}: raw HTML ('<img src=x onerror=alert(1)>') "
            "is not allowed in 'definition': write plain text"
        ],
    ),
    (
        "unknown-theme",
        lambda r: edit(r, ESSAY, "themes: [trade,", "themes: [migration, trade,"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:migration, trade}: unknown theme 'migration' "
            "in the themes of this essay (themes: trade, violence, climate, governance)"
        ],
    ),
    (
        "theme-typo-reported-once",
        lambda r: edit(r, ESSAY, "themes: [trade,", "themes: [trdae,"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:trdae}: unknown theme 'trdae' "
            "in the themes of this essay (themes: trade, violence, climate, governance)"
        ],
    ),
    (
        "unknown-essay",
        lambda r: edit(r, TRADE, "essay: wilson-2021", "essay: wilson-2020"),
        [
            'seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:quote: "It’s a trade crisis}: unknown essay '
            "'wilson-2020' (essays: bach-2000, broad-2014, conferencia-2024, historian-central-america-1977-1980, "
            "historian-central-america-1981-1993, quiroga-2023, quiroga-2024, wilson-2021)"
        ],
    ),
    (
        "duplicate-claim-id",
        lambda r: edit(r, "seeds/crossrefs/violence.yml", "id: fleeing-violence", "id: reinvent-or-stop"),
        [
            "seeds/crossrefs/violence.yml:3:5: duplicate claim id 'reinvent-or-stop' (first used at "
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:id: reinvent-or-stop})"
        ],
    ),
    (
        "missing-relation",
        lambda r: edit(r, TRADE, "trade regimes.\n        relation: agrees\n", "trade regimes.\n"),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:quote: >-\n          Persistent}: say how "
            "this quote stands to the first quote of claim 'trade-deals-as-root-cause': add 'relation: agrees', "
            "'qualifies' or 'contrasts'"
        ],
    ),
    (
        "quote-not-found",
        lambda r: edit(r, TRADE, "Heavily subsidized U.S. corn", "Heavily subsidised U.S. corn"),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:quote: >-\n          Heavily}: quote not "
            "found in essay 'broad-2014' (Robin Broad): \"Heavily subsidised U.S. corn and other farm products "
            'flooded Mexican and Central American markets, undermining the live…". Closest passage (99% similar, '
            'paragraph p-perhaps-most-disruptive-is-the-result): "Heavily subsidized U.S. corn and other farm '
            'products flooded Mexican and Central American markets, undermining the live…"'
        ],
    ),
    (
        "quote-twice",
        lambda r: edit(r, TRADE, "quote: traditional farming continues to shed excess workers", "quote: the border"),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:quote: the border}: quote occurs 23 "
            "times in essay 'bach-2000' (paragraphs p-while-embracing-the-need-for-joint, "
            "p-president-foxs-september-2000-proposal-to, p-opposition-to-the-migration-related-aspects, …): add a 'prefix' or 'suffix' with the words just before "
            "or after the one you mean"
        ],
    ),
    (
        "quote-across-paragraphs",
        lambda r: edit(
            r,
            VIOLENCE,
            "some of them went further north, to Mexico and the United States.",
            "a plot of their own. As the fighting reached the countryside",
        ),
        [
            VIOLENCE + ":{at:" + VIOLENCE + ":quote: >-\n          a plot}: quote not found in essay "
            "'historian-central-america-1977-1980' (Office of the Example Historian): \"a plot of their own. As the "
            'fighting reached the countryside". It runs across two paragraphs (p-in-the-late-1970s-civil-conflict '
            "and p-as-the-fighting-reached-the-countryside): a quote must stand in one paragraph; quote each part separately"
        ],
    ),
    (
        "quote-in-removed-text",
        lambda r: edit(
            r,
            VIOLENCE,
            "some of them went further north, to Mexico and the United States.",
            "Foreign Relations of the United States",
        ),
        [
            VIOLENCE + ":{at:" + VIOLENCE + ":quote: >-\n          Foreign}: quote not found in essay "
            "'historian-central-america-1977-1980' (Office of the Example Historian): \"Foreign Relations of the "
            "United States\". These words were removed by cleaning rule 4 ('drop_from', line 11 of the text): quote the "
            "essay as its page shows it, or change that rule"
        ],
    ),
    (
        "quote-from-another-essay",
        lambda r: edit(
            r,
            VIOLENCE,
            "some of them went further north, to Mexico and the United States.",
            "displaced more than a million people",
        ),
        [
            VIOLENCE + ":{at:" + VIOLENCE + ":quote: >-\n          displaced}: quote not found in essay "
            "'historian-central-america-1977-1980' (Office of the Example Historian): \"displaced more than a million "
            "people\". These words are in essay 'historian-central-america-1981-1993' (Office of the Example Historian): "
            "check the quote's 'essay'"
        ],
    ),
    (
        "quote-with-ellipsis",
        lambda r: edit(
            r,
            VIOLENCE,
            "some of them went further north, to Mexico and the United States.",
            "some of them went further north … the United States.",
        ),
        [
            VIOLENCE + ":{at:" + VIOLENCE + ":quote: >-\n          some of them went further north …}: quote not "
            "found in essay 'historian-central-america-1977-1980' (Office of the Example Historian): \"some of them went "
            "further north … the United States.\". It leaves words out ('…'): quote the words before and after the gap "
            "as two separate pieces of evidence, each verbatim"
        ],
    ),
    (
        "prefix-matches-nothing",
        lambda r: edit(
            r,
            TRADE,
            "quote: traditional farming continues to shed excess workers",
            "quote: traditional farming continues to shed excess workers\n        prefix: modern",
        ),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:quote: traditional farming}: quote not "
            "found with the given prefix/suffix in essay 'bach-2000' (Robert L. Bach): \"traditional farming "
            'continues to shed excess workers". Closest passage (99% similar, paragraph '
            'p-the-negative-consequences-of-nafta-however): "traditional farming continues to shed excess workers;"'
        ],
    ),
    (
        "rule-matches-nothing",
        lambda r: edit(r, ESSAY, "starts_with: Broad is a professor", "starts_with: Broad was a professor"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:rule: mark\n    starts_with: Broad}: "
            "cleaning rule 'mark' of essay 'broad-2014': no block of the text starts with 'Broad was a professor'"
        ],
    ),
    (
        "empty-file",
        lambda r: (r / TRADE).write_text("# nothing yet\n", encoding="utf-8"),
        ["seeds/crossrefs/trade.yml:1: the file is empty"],
    ),
    (
        "not-utf8",
        lambda r: (r / TRADE).write_bytes((r / TRADE).read_bytes().replace("It’s".encode(), b"It\x92s")),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:\ufffds a trade crisis}: the file is not "
            "UTF-8 text: save it as UTF-8"
        ],
    ),
    (
        "crossrefs-for-unknown-theme",
        lambda r: (r / "seeds/crossrefs/health.yml").write_text(
            (r / TRADE).read_text(encoding="utf-8").replace("id: ", "id: health-"), encoding="utf-8"
        ),
        [
            "seeds/crossrefs/health.yml: there is no theme 'health' in seeds/themes.yml for this file "
            "(themes: trade, violence, climate, governance)"
        ]
        * 6,
    ),
    (
        "yaml-extension",
        lambda r: (r / TRADE).rename(r / "seeds/crossrefs/trade.yaml"),
        [
            "seeds/crossrefs/trade.yaml: unexpected file in seeds/crossrefs/ (name it .yml, not .yaml): "
            "only .yml files belong here",
            "seeds/themes.yml:{at:seeds/themes.yml:id: trade}: warning: theme 'trade' has no claims yet: "
            "add seeds/crossrefs/trade.yml",
        ],
    ),
    (
        "timeline-quote-not-found",
        lambda r: edit(r, TIMELINE, "whipped up popular opposition", "whipped up public opposition"),
        [
            "seeds/timeline.yml:{at:seeds/timeline.yml:quote: >-\n          In 1994, California}: quote not found in "
            "essay 'bach-2000' (Robert L. Bach): \"In 1994, California Governor Pete Wilson whipped up public "
            'opposition to Mexican immigration in his bid for reelection.". Closest passage (97% similar, paragraph '
            'p-tragically-the-worst-fears-of-those): "In 1994, California Governor Pete Wilson whipped up popular '
            'opposition to Mexican immigration in his bid for reelection."'
        ],
    ),
    (
        "timeline-unknown-theme",
        lambda r: edit(
            r,
            TIMELINE,
            "    themes: [trade]\n    passages:\n      - essay: bach-2000\n        speaker:",
            "    themes: [debt]\n    passages:\n      - essay: bach-2000\n        speaker:",
        ),
        [
            "seeds/timeline.yml:{at:seeds/timeline.yml:id: debt-crisis-1982}: unknown theme 'debt' "
            "(themes: trade, violence, climate, governance)"
        ],
    ),
    (
        "duplicate-event-id",
        lambda r: edit(r, TIMELINE, "id: irca-1986", "id: debt-crisis-1982"),
        [
            'seeds/timeline.yml:{at:seeds/timeline.yml:id: debt-crisis-1982\n    date: "1986}: duplicate event id '
            "'debt-crisis-1982' (first used at seeds/timeline.yml:{at:seeds/timeline.yml:id: debt-crisis-1982})"
        ],
    ),
    (
        "figure-unknown-essay",
        lambda r: edit(r, FIGURES, "essay: broad-2014", "essay: broad-2015"),
        [
            "seeds/figures.yml:{at:seeds/figures.yml:quote: by asking}: unknown essay 'broad-2015' "
            "(essays: bach-2000, broad-2014, conferencia-2024, historian-central-america-1977-1980, "
            "historian-central-america-1981-1993, quiroga-2023, quiroga-2024, wilson-2021)"
        ],
    ),
    (
        "duplicate-glossary-term",
        lambda r: edit(r, GLOSSARY, "also: [maquiladoras]", "also: [maquiladoras, NAFTA]"),
        [
            "seeds/glossary.yml:{at:seeds/glossary.yml:term: maquiladora}: duplicate glossary term 'NAFTA' "
            "(first used at seeds/glossary.yml:{at:seeds/glossary.yml:term: NAFTA})"
        ],
    ),
    (
        "glossary-term-with-markup",
        lambda r: edit(r, GLOSSARY, "term: Title 42", 'term: "Title [42]"'),
        [
            "seeds/glossary.yml:{at:seeds/glossary.yml:term: \"Title}: 'term' may hold only letters, digits, "
            "spaces, hyphens, apostrophes and full stops; found 'Title [42]'"
        ],
    ),
    (
        "wrong-folder",
        lambda r: (r / "seeds/wilson-2021.yml").write_text("x: 1\n", encoding="utf-8"),
        [
            "seeds/wilson-2021.yml: this file is in the wrong folder: essays go in seeds/essays/, "
            "cross-references in seeds/crossrefs/"
        ],
    ),
    (
        "unreadable-mkdocs-config",
        lambda r: (r / "mkdocs.yml").write_text(
            (r / "mkdocs.yml").read_text(encoding="utf-8") + "extra_css: [unclosed\n", encoding="utf-8"
        ),
        ["mkdocs.yml:{at:mkdocs.yml:[unclosed}: this list in square brackets is never closed: add ']'"],
    ),
    (
        "mkdocs-config-env-of-a-mapping",
        lambda r: edit(r, "mkdocs.yml", "site_url: !ENV [SITE_URL, null]", "site_url: !ENV {name: SITE_URL}"),
        ["mkdocs.yml:{at:mkdocs.yml:!ENV {name}: this line cannot be read: !ENV takes a name or a list of names"],
    ),
    (
        "missing-themes-file",
        lambda r: (r / "seeds/themes.yml").unlink(),
        ["seeds/themes.yml: the themes file is missing"],
    ),
    (
        "file-name-not-a-slug",
        lambda r: [
            (r / f"seeds/essays/Broad_2014{suffix}").write_bytes((r / f"seeds/essays/broad-2014{suffix}").read_bytes())
            for suffix in (".yml", ".txt")
        ],
        [
            "seeds/essays/Broad_2014.yml: the file name 'Broad_2014.yml' must be a slug: lower-case letters, "
            "digits and hyphens, ending in .yml"
        ],
    ),
    (
        "related-theme-unknown",
        lambda r: edit(r, "seeds/themes.yml", "related: [governance, violence]", "related: [governance, violense]"),
        [
            "seeds/themes.yml:{at:seeds/themes.yml:id: trade}: theme 'trade' lists 'violense' as related, but that "
            "is not another theme (themes: trade, violence, climate, governance)"
        ],
    ),
    (
        "relation-on-first-quote",
        lambda r: edit(
            r, TRADE, "      - essay: broad-2014\n", "      - essay: broad-2014\n        relation: agrees\n"
        ),
        [
            "seeds/crossrefs/trade.yml:{at:seeds/crossrefs/trade.yml:  quote: >-}: the first quote of claim "
            "'trade-deals-as-root-cause' is the lead passage: remove its 'relation'"
        ],
    ),
    (
        "unclosed-flow-mapping",
        lambda r: edit(r, ESSAY, "genre: op-ed\n", "genre: {kind: op-ed\n"),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:{kind}: this mapping in curly brackets is never closed: add '}'"
        ],
    ),
    (
        "non-text-key",
        lambda r: edit(r, ESSAY, "genre: op-ed\n", "genre: op-ed\n2014: a year\n"),
        ["seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:2014: a year}: the key 2014 must be text"],
    ),
    (
        "missing-notes-heading",
        lambda r: edit(r, "seeds/essays/bach-2000.yml", "notes_heading: ENDNOTES", "notes_heading: NOTES AT THE END"),
        [
            "seeds/essays/bach-2000.yml:{at:seeds/essays/bach-2000.yml:rule: footnotes}: cleaning rule 'footnotes' "
            "of essay 'bach-2000': no block of the text is the notes heading 'NOTES AT THE END'; the short lines "
            "that could be it are 'BEYOND NAFTA' (line 21), 'MONITORING NAFTA' (line 59), 'DE FACTO MIGRATION SIDE "
            "AGREEMENTS' (line 73), 'MOVING FORWARD' (line 123), 'Proposal #3: Border Infrastructure' (line 187), "
            "'Proposal #4: Enforcement Partnerships' (line 203), 'FINAL REMARKS' (line 225), 'ENDNOTES' (line 251): "
            "copy the heading exactly"
        ],
    ),
    (
        "empty-text-field",
        lambda r: edit(r, ESSAY, "outlet: The Hill\n", 'outlet: ""\n'),
        ["seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:outlet: \"\"}: 'outlet' must not be empty"],
    ),
    (
        "same-theme-twice",
        lambda r: edit(
            r, ESSAY, "themes: [trade, violence, climate, governance]", "themes: [trade, violence, trade, governance]"
        ),
        [
            "seeds/essays/broad-2014.yml:{at:seeds/essays/broad-2014.yml:[trade, violence, trade}: 'themes' lists the same value twice"
        ],
    ),
    (
        "text-without-metadata",
        lambda r: (r / "seeds/essays/new-essay.txt").write_text("Text.\n", encoding="utf-8"),
        ["seeds/essays/new-essay.txt: no metadata for this text: add seeds/essays/new-essay.yml"],
    ),
    (
        "metadata-without-text",
        lambda r: (r / "seeds/essays/broad-2014.txt").unlink(),
        ["seeds/essays/broad-2014.yml: no raw text for this essay: add seeds/essays/broad-2014.txt"],
    ),
]


def generated(root: Path) -> dict[str, bytes]:
    return {path: data for path, data in snapshot(root / "docs").items() if path.split("/")[0] in GENERATED}


def expand(root: Path, template: str) -> str:
    """Fill in the {at:FILE:TEXT}, {line:FILE:TEXT} and {sha:FILE} placeholders of an expected message."""
    out = re.sub(r"\{sha:([^}]+)\}", lambda m: hashlib.sha256((root / m.group(1)).read_bytes()).hexdigest(), template)
    while match := re.search(r"\{(at|line):([^:}]+):([^}]+)\}", out):
        kind, rel, needle = match.groups()
        first, _, rest = needle.partition("\n")  # a needle spanning lines: where its first part is
        lines = (root / rel).read_text(encoding="utf-8", errors="replace").split("\n")
        number = next(i for i, line in enumerate(lines, 1) if first in line and (not rest or rest in lines[i]))
        column = lines[number - 1].index(first.lstrip(" ")) + 1
        out = out[: match.start()] + (f"{number}:{column}" if kind == "at" else str(number)) + out[match.end() :]
    return out


def said(project: Path, capsys, command: str, expected: list[str]) -> None:
    """``command`` run on the broken ``project`` exits 1 and prints exactly the ``expected``
    lines, then how many errors there were and that nothing was written."""
    lines = [expand(project, e) for e in expected]
    code, out, err = run(project, command, capsys=capsys)
    errors = sum(" warning: " not in line for line in lines)
    assert code == 1
    assert err.splitlines() == lines + [f"{errors} error{'s' if errors != 1 else ''}: nothing was written."]
    assert "Traceback" not in err


@pytest.mark.parametrize("case, breaker, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_message(project, capsys, case, breaker, expected):
    breaker(project)
    broken = snapshot(project)
    said(project, capsys, "check", expected)
    assert snapshot(project) == broken, "a failed check wrote a file"


# A case for each stage that can refuse the seeds and a build: mkdocs.yml read, a seeds
# file read (YAML), its fields (schema), the files checked against each other, a cleaning
# rule applied, a quote found; and a warning said with an error.
FAILED_BUILDS = [
    "unreadable-mkdocs-config",
    "unclosed-quote",
    "missing-field",
    "unknown-essay",
    "rule-matches-nothing",
    "quote-not-found",
    "yaml-extension",
]


BUILDS = [c for c in CASES if c[0] in FAILED_BUILDS]
assert len(BUILDS) == len(FAILED_BUILDS), "a case of FAILED_BUILDS is not in CASES"


@pytest.mark.parametrize("case, breaker, expected", BUILDS, ids=[c[0] for c in BUILDS])
def test_a_failed_build_says_so_and_leaves_the_pages_as_they_were(built_project, capsys, case, breaker, expected):
    before = generated(built_project), snapshot(built_project / "site")
    assert before[0] and before[1], "the pages were generated and the site built"
    breaker(built_project)
    said(built_project, capsys, "build", expected)
    assert generated(built_project) == before[0], "a failed build changed the generated pages"
    assert snapshot(built_project / "site") == before[1], "a failed build changed the site"


def test_a_double_hyphen_in_the_source_matches_any_dash_in_a_quote(project, capsys):
    assert "seven years -- seven years" in (project / "seeds/essays/bach-2000.txt").read_text(encoding="utf-8")
    edit(project, TIMELINE, "seven years -- seven years --", "seven years — seven years—")
    assert run(project, "check", capsys=capsys)[0] == 0


def test_all_problems_are_reported_in_one_run(project, capsys):
    edit(project, ESSAY, "genre: op-ed\n", "")
    edit(project, TRADE, "essay: wilson-2021", "essay: nobody")
    edit(project, "seeds/crossrefs/climate.yml", "This crisis is already", "This crisis is surely")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1
    assert [line.split(":")[0] for line in err.splitlines()[:-1]] == [
        "seeds/crossrefs/trade.yml",
        "seeds/essays/broad-2014.yml",
    ]
    # load-stage problems stop the build before quotes are checked; fix them and the quote shows up
    edit(project, ESSAY, "outlet: The Hill", "genre: op-ed\noutlet: The Hill")
    edit(project, TRADE, "essay: nobody", "essay: wilson-2021")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1 and "seeds/crossrefs/climate.yml" in err and "This crisis is surely" in err


def test_strict_turns_warnings_into_errors(project, capsys):
    (project / "seeds/crossrefs/climate.yml").unlink()
    edit(
        project,
        "seeds/essays/wilson-2021.yml",
        "themes: [trade, violence, climate, governance]",
        "themes: [trade, violence, governance]",
    )
    edit(project, ESSAY, "themes: [trade, violence, climate, governance]", "themes: [trade, violence, governance]")
    code, out, err = run(project, "check", capsys=capsys)
    assert code == 0 and "warning: theme 'climate' has no claims yet" in err
    code, out, err = run(project, "check", "--strict", capsys=capsys)
    assert code == 1 and err.splitlines()[-1] == "1 warnings, which --strict treats as errors."


@pytest.mark.parametrize("variant", ["crlf", "bom", "trailing-spaces"])
def test_odd_but_valid_files_work(project, capsys, variant):
    path = project / TRADE
    text = path.read_text(encoding="utf-8")
    if variant == "crlf":
        path.write_bytes(text.replace("\n", "\r\n").encode())
    elif variant == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    else:
        path.write_text(text.replace("\n", "   \n"), encoding="utf-8")
    assert run(project, "check", capsys=capsys)[0] == 0


def test_a_new_essay_with_a_non_ascii_author_builds(project, capsys):
    """The worked example of the editor's guide, end to end."""
    raw = (
        "Subscribe to our newsletter today.\n\nMaize imports from the north ruined Oaxaca’s "
        "small farmers, says Pérez-Rocha.\n"
    ).encode()
    (project / "seeds/essays/perez-rocha-2019.txt").write_bytes(raw)
    (project / "seeds/essays/perez-rocha-2019.yml").write_text(
        "# yaml-language-server: $schema=../../build_tools/schemas/essay.schema.json\n"
        'title: "Maíz y migración"\nauthors:\n  - given: Manuel\n    family: Pérez-Rocha\n'
        'genre: op-ed\noutlet: The Outlet\ndate: "2019-06"\ndate_precision: month\n'
        f"rights: © the author.\nsource_sha256: {hashlib.sha256(raw).hexdigest()}\nthemes: [trade]\ncleaning:\n  - rule: drop\n"
        "    starts_with: Subscribe to our newsletter\n    reason: the outlet's newsletter box\n",
        encoding="utf-8",
    )
    edit(
        project,
        TRADE,
        "      - essay: bach-2000\n        quote: traditional farming",
        "      - essay: perez-rocha-2019\n        quote: Maize imports from the north ruined Oaxaca's small farmers\n"
        "        relation: agrees\n      - essay: bach-2000\n        quote: traditional farming",
    )
    code, out, err = run(project, "build", capsys=capsys)
    assert (code, err) == (0, "")
    page = (project / "docs/essays/perez-rocha-2019/index.md").read_text(encoding="utf-8")
    pieces = json.loads((project / "docs/essays/perez-rocha-2019/.spliced.json").read_text(encoding="utf-8"))
    assert "**Manuel Pérez-Rocha**" in page and "Subscribe" not in page
    quoting = [html for html in pieces.values() if "Subscribe" in html]  # (the report quotes what was removed)
    assert quoting and not [html for html in quoting if '<p id="p-' in html]  # (no paragraph of the text)
    claims = json.loads((project / "docs/themes/trade/.spliced.json").read_text(encoding="utf-8"))  # (as HTML)
    assert any("#p-maize-imports-from-the-north-ruined" in html for html in claims.values())


def test_a_text_whose_fingerprint_is_not_recorded_gets_the_line_to_add(project, capsys):
    meta = project / "seeds/essays/wilson-2021.yml"
    meta.write_text(re.sub(r"(?m)^source_sha256: .*\n", "", meta.read_text(encoding="utf-8")), encoding="utf-8")
    digest = hashlib.sha256((project / "seeds/essays/wilson-2021.txt").read_bytes()).hexdigest()
    code, out, err = run(project, "check", capsys=capsys)
    assert code == 0 and err.splitlines() == [
        f"seeds/essays/wilson-2021.yml:2:1: warning: no record of the raw text as received: add the line "
        f"'source_sha256: {digest}' (the SHA-256 of seeds/essays/wilson-2021.txt as it is now)"
    ]
    assert run(project, "check", "--strict", capsys=capsys)[0] == 1


def test_front_matter_that_is_not_fields_is_refused(project, capsys):
    edit(
        project,
        "docs/about.md",
        "title: About\ndescription: How Root Causes is made, and how to cite it.\n",
        "- About\n",
    )
    code, out, err = run(project, "check", capsys=capsys)
    assert code == 1 and err.splitlines()[0] == (
        "docs/about.md:2: the front matter must be fields, one 'name: value' a line"
    )


def test_a_relative_root_names_files_as_an_absolute_one_does(project, monkeypatch):
    """The pipeline given the project's folder as "." (not the command line, which makes it
    absolute) reads the same corpus, and names each file from the project's folder."""
    from build_tools.pipeline import check

    monkeypatch.chdir(project)
    (project / "seeds" / "stray.yml").write_text("x: 1\n", encoding="utf-8")
    with pytest.raises(SeedError) as relative:
        check(Path("."))
    with pytest.raises(SeedError) as absolute:
        check(project)
    assert [str(p) for p in relative.value.problems] == [str(p) for p in absolute.value.problems]
    assert any(p.loc.path == "seeds/stray.yml" for p in relative.value.problems)
