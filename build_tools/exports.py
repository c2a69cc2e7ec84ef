"""Each theme's claims and their quotes as data: CSV (one row per quote) and JSON.

Addresses are absolute when the site's address is known (``site_url``), otherwise
relative to the site's root. Cells that a spreadsheet would run as a formula are
prefixed with an apostrophe (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import io
import json

from .model import Corpus, Evidence, Quote, Theme

COLUMNS = ("claim_id", "claim_title", "claim", "position", "relation", "essay", "author", "essay_title",
           "date", "quote", "note", "paragraph", "url")


def _records(corpus: Corpus, theme: Theme, quotes: dict[Evidence, Quote]) -> list[dict]:
    base = corpus.site.url or ""
    claims = []
    for claim in corpus.claims_of(theme.id):
        claims.append({"id": claim.id, "title": claim.title, "claim": claim.claim,
                       "url": f"{base}themes/{theme.id}/#{claim.id}",
                       "evidence": [_quote(quotes[ev], base) for ev in claim.evidence]})
    return claims


def _quote(q: Quote, base: str) -> dict:
    return {"essay": q.essay.slug, "author": q.essay.byline, "essay_title": q.essay.title,
            "date": q.essay.date.value, "quote": q.text, "relation": q.evidence.relation or "lead",
            "note": q.evidence.note or "", "paragraph": q.paragraph.id,
            "url": f"{base}essays/{q.essay.slug}/#{q.paragraph.id}"}


def theme_json(corpus: Corpus, theme: Theme, quotes: dict[Evidence, Quote]) -> str:
    data = {"theme": {"id": theme.id, "title": theme.title, "question": theme.question},
            "source": corpus.site.name, "claims": _records(corpus, theme, quotes)}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def theme_csv(corpus: Corpus, theme: Theme, quotes: dict[Evidence, Quote]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for claim in _records(corpus, theme, quotes):
        for i, ev in enumerate(claim["evidence"], 1):
            row = {"claim_id": claim["id"], "claim_title": claim["title"], "claim": claim["claim"],
                   "position": i, **ev}
            writer.writerow([_cell(row[c]) for c in COLUMNS])
    return out.getvalue()
