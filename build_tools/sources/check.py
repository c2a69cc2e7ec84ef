"""Each essay's original (and archived copy) fetched, and each of its quotes looked for in
the page's text, folded as the anchor stage folds an essay's text (spacing, quotation
marks and dashes); then what was found, in editors' words.

A quote missing from the original is an error only when no archived copy holds it: while
one does, a reader can still verify it (a warning says so). An original that is gone is
an error only when there is no archived copy that holds every quote. A page that could not
be had for a while (a timeout, a server error) is a warning: its quotes were not looked
for, and nothing is said about them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .. import extract
from ..model import Corpus, Essay, Evidence, Site
from ..problems import Problem, SourceLoc
from ..source_status import Copy, EssayStatus, Passage, Status
from ..stages.anchor import fold_text
from .fetch import Fetcher, Page

# Characters a page may hold inside words that a reader does not see.
_INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None})
# A Wayback Machine snapshot's address; with "id_" after its time, the archive serves the
# page as it saved it, without its own banner and rewritten links.
_SNAPSHOT = re.compile(r"^(https?://web\.archive\.org/web/\d+)(?:[a-z]{2}_)?/")


def user_agent(site: Site) -> str:
    """The checker's User-Agent: the site's name and address, for a publisher who wonders who asks."""
    address = f"; +{site.url}" if site.url else ""
    return f"{site.name.replace(' ', '')}-sources/1.0 (checks the quotes of {site.name}{address})"


def page_text(page: Page) -> str:
    """The folded text of a page that was read: the main text trafilatura extracts, then
    every other text of the page, so that a quote the extractor took for a sidebar is
    still found."""
    if page.kind == "text":
        return fold_text(page.text.translate(_INVISIBLE))
    main, whole = extract.article_text(page.text), extract.whole_text(page.text)
    return fold_text(f"{main}\n{whole}".translate(_INVISIBLE))


def fetched_address(url: str) -> str:
    """The address to fetch for ``url``: a Wayback Machine snapshot as it was saved."""
    return _SNAPSHOT.sub(r"\1id_/", url)


def look(fetcher: Fetcher, url: str, evidence: Iterable[Evidence], fetch_url: str | None = None) -> Copy:
    """Fetch ``url`` (at ``fetch_url`` if given) and look for each quote in its text."""
    page = fetcher.get(fetch_url or url)
    if page.state != "ok":
        return Copy(url, page.state, page.status, page.final_url, page.moved_to, page.detail)
    text = page_text(page)
    if not text.strip():
        return Copy(url, "unreadable", page.status, page.final_url, page.moved_to, "the page shows no text")
    found: list[Passage] = []
    missing: list[Passage] = []
    for ev in evidence:
        passage = Passage(f"{ev.loc.path}:{ev.loc.line}", ev.quote)
        (found if fold_text(ev.quote).strip() in text else missing).append(passage)
    return Copy(url, "ok", page.status, page.final_url, page.moved_to, "", tuple(found), tuple(missing))


def check_essay(fetcher: Fetcher, essay: Essay, evidence: list[Evidence], today: str) -> EssayStatus:
    assert essay.url
    original = look(fetcher, essay.url, evidence)
    archive = None
    if essay.archive_url:
        archive = look(fetcher, essay.archive_url, evidence, fetched_address(essay.archive_url))
    return EssayStatus(essay.slug, today, len(evidence), original, archive)


def check(corpus: Corpus, fetcher: Fetcher, today: str) -> Status:
    """Every essay with an original address, checked (in order of slug)."""
    quotes: dict[str, list[Evidence]] = {}
    for ev in corpus.evidence():
        quotes.setdefault(ev.essay, []).append(ev)
    essays = sorted(corpus.essays, key=lambda e: e.slug)
    checked = tuple(check_essay(fetcher, e, quotes.get(e.slug, []), today) for e in essays if e.url)
    return Status(today, checked, tuple(e.slug for e in essays if not e.url))


def _short(quote: str, most: int = 80) -> str:
    words = " ".join(quote.split())
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"


def _line(loc: SourceLoc | None, essay: Essay) -> SourceLoc:
    """The line of a field of an essay's metadata (no column: the line says it)."""
    where = loc or essay.loc
    return SourceLoc(where.path, where.line)


def _quote_problems(found: EssayStatus, by_place: dict[str, Evidence]) -> list[Problem]:
    original, archive = found.original, found.archive
    kept = {p.at for p in archive.found} if archive and archive.state == "ok" else set()
    problems = []
    for passage in original.missing:
        ev = by_place[passage.at]
        loc = SourceLoc(ev.loc.path, ev.loc.line)
        said = f'no longer at its source ({original.url}): "{_short(passage.quote)}"'
        if passage.at in kept:
            problems.append(Problem(loc, f"{said}; its archived copy still has it", "warning"))
        elif archive and archive.state == "ok":
            problems.append(Problem(loc, f"{said}, nor in its archived copy ({archive.url})"))
        else:
            problems.append(Problem(loc, f"{said}: give the essay an 'archive_url' of a copy from before the change"))
    return problems


def _original_problems(found: EssayStatus, essay: Essay) -> list[Problem]:
    original, archive = found.original, found.archive
    loc = _line(essay.url_loc, essay)
    if original.state == "ok":
        if original.moved_to:
            return [Problem(loc, f"the original has moved to {original.moved_to}: update 'url' to it", "warning")]
        return []
    what = "gone" if original.state == "gone" else "gone: its domain no longer resolves"
    if original.state in ("gone", "no-such-host"):
        detail = f"the original is {what} ({original.detail})"
        if archive and archive.state == "ok" and not archive.missing:
            return [Problem(loc, f"{detail}; its archived copy holds every quote, and readers are shown it", "warning")]
        return [
            Problem(
                loc,
                f"{detail}: if the text moved, update 'url'; else give 'archive_url', the address of "
                f"a copy from https://web.archive.org/web/*/{essay.url}",
            )
        ]
    later = "; try again later" if original.state == "unreachable" else ""
    return [
        Problem(
            loc,
            f"the original could not be checked ({original.detail}): its quotes were not looked for{later}",
            "warning",
        )
    ]


def _archive_problems(found: EssayStatus, essay: Essay) -> list[Problem]:
    archive = found.archive
    if archive is None:
        return []
    loc = _line(essay.archive_url_loc, essay)
    if archive.state != "ok":
        return [Problem(loc, f"the archived copy could not be had ({archive.detail})", "warning")]
    held_by_original = {p.at for p in found.original.found}
    lacking = [p for p in archive.missing if p.at in held_by_original]
    if lacking:
        return [
            Problem(
                loc,
                f"the archived copy lacks {len(lacking)} of the quotes the original has: "
                "it may be a copy of another version of the text",
                "warning",
            )
        ]
    return []


def problems(corpus: Corpus, status: Status) -> list[Problem]:
    """What the check found that an editor should know, errors and warnings, in order."""
    by_place = {f"{ev.loc.path}:{ev.loc.line}": ev for ev in corpus.evidence()}
    essays = {e.slug: e for e in corpus.essays}
    found: list[Problem] = []
    for checked in status.essays:
        essay = essays[checked.slug]
        found += _original_problems(checked, essay) + _quote_problems(checked, by_place)
        found += _archive_problems(checked, essay)
    return sorted(found)


def quotes_found(status: Status) -> int:
    """How many quotes were found at their original or its archived copy."""
    return sum(
        len({p.at for p in e.original.found} | ({p.at for p in e.archive.found} if e.archive else set()))
        for e in status.essays
    )


def answered(status: Status) -> bool:
    """Whether any host answered (a status, even an error): if none did, the checker is
    most likely offline, and no domain can be said to be gone."""
    copies = [e.original for e in status.essays] + [e.archive for e in status.essays if e.archive]
    return not copies or any(c.status is not None for c in copies)
