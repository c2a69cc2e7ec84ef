"""What's new: the essays and claims as they were added, newest first, as a list for the
"What's new" page and as an Atom feed (``reference/feed.xml``).

Every date comes from the seeds (the ``added`` field of an essay or a claim), never from
the clock, so that two builds of one commit write the same feed. An entry without that
field is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..languages import gettext
from ..model import Claim, Corpus, Essay, Site, Theme
from .bibliography import CONTRIBUTORS

FEED = "reference/feed.xml"  # (under docs/, and so in the site)


@dataclass(frozen=True)
class NewEssay:
    """An essay added to the site, on ``day`` (YYYY-MM-DD)."""

    day: str
    essay: Essay

    @property
    def address(self) -> str:
        """Its address in the site, from the site's root."""
        return f"essays/{self.essay.slug}/"

    def title(self, language: str) -> str:
        return gettext(language, "Essay: {label}, “{title}”").format(
            label=self.essay.label_in(language), title=self.essay.title
        )

    def summary(self, language: str) -> str:
        return self.essay.summary or f"{self.essay.byline_in(language)}, {self.essay.date.shown(language)}."


@dataclass(frozen=True)
class NewClaim:
    """A claim added to the site, on ``day`` (YYYY-MM-DD), with its theme."""

    day: str
    claim: Claim
    theme: Theme

    @property
    def address(self) -> str:
        """Its address in the site, from the site's root."""
        return f"themes/{self.theme.id}/#{self.claim.id}"

    def title(self, language: str) -> str:
        return gettext(language, "Claim in {theme}: {claim}").format(theme=self.theme.title, claim=self.claim.title)

    def summary(self, language: str) -> str:
        return " ".join(self.claim.claim.split())


New = NewEssay | NewClaim  # (one thing added to the site)


def whats_new(corpus: Corpus) -> list[New]:
    """Every essay and claim that says when it was added, newest first (on one day the
    essays, then the claims theme by theme in the themes' order)."""
    themes = {t.id: t for t in corpus.themes}
    found: list[New] = [NewEssay(e.added, e) for e in corpus.essays if e.added]
    found += [NewClaim(c.added, c, themes[c.theme]) for t in corpus.themes for c in corpus.claims_of(t.id) if c.added]
    return sorted(found, key=lambda n: n.day, reverse=True)


def atom(corpus: Corpus, site: Site) -> str:
    """The Atom feed of :func:`whats_new`. Addresses are absolute where the site's address
    is known, else relative to the feed (which is in ``reference/``)."""
    base = site.url or "../"
    entries = whats_new(corpus)
    updated = f"{entries[0].day}T00:00:00Z" if entries else "1970-01-01T00:00:00Z"

    def iri(address: str) -> str:
        return escape(base + address, {'"': "&quot;"})

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(site.name)}: {escape(gettext(site.language, 'what’s new'))}</title>",
        f'  <link rel="self" href="{iri(FEED)}"/>',
        f'  <link href="{iri("reference/whats-new/")}"/>',
        f"  <id>{iri('reference/whats-new/')}</id>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(gettext(site.language, CONTRIBUTORS))}</name></author>",
    ]
    for n in entries:
        lines += [
            "  <entry>",
            f"    <title>{escape(n.title(site.language))}</title>",
            f'    <link href="{iri(n.address)}"/>',
            f"    <id>{iri(n.address)}</id>",
            f"    <updated>{n.day}T00:00:00Z</updated>",
            f"    <summary>{escape(n.summary(site.language))}</summary>",
            "  </entry>",
        ]
    return "\n".join(lines + ["</feed>"]) + "\n"
