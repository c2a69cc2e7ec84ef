"""Each theme's claims and their quotes as data: CSV (one row per quote) and JSON.

Addresses are absolute when the site's address is known (``site_url``), otherwise
relative to the site's root. Cells that a spreadsheet would run as a formula are
prefixed with an apostrophe (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import io
import json

from ..model import Claim, Quote, Site, Theme

COLUMNS = (
    "claim_id",
    "claim_title",
    "claim",
    "position",
    "relation",
    "essay",
    "speaker",
    "speaker_role",
    "author",
    "essay_title",
    "date",
    "quote",
    "note",
    "paragraph",
    "url",
)


# A theme's claims, each with the quotes of its evidence in order.
Claims = list[tuple[Claim, list[Quote]]]


def _records(site: Site, theme: Theme, claims: Claims) -> list[dict]:
    base = site.url or ""
    return [
        {
            "id": claim.id,
            "title": claim.title,
            "claim": claim.claim,
            "url": f"{base}themes/{theme.id}/#{claim.id}",
            "evidence": [_quote(q, base) for q in quotes],
        }
        for claim, quotes in claims
    ]


def _quote(q: Quote, base: str) -> dict:
    return {
        "essay": q.essay.slug,
        "speaker": q.speaker or "",
        "speaker_role": q.speaker_role or "",
        "author": q.essay.byline,
        "essay_title": q.essay.title,
        "date": q.essay.date.value,
        "quote": q.text,
        "relation": q.evidence.relation or "lead",
        "note": q.evidence.note or "",
        "paragraph": q.paragraph.id,
        "url": f"{base}essays/{q.essay.slug}/#{q.paragraph.id}",
    }


def theme_json(site: Site, theme: Theme, claims: Claims) -> str:
    data = {
        "theme": {"id": theme.id, "title": theme.title, "question": theme.question},
        "source": site.name,
        "claims": _records(site, theme, claims),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def theme_csv(site: Site, theme: Theme, claims: Claims) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for claim in _records(site, theme, claims):
        for i, ev in enumerate(claim["evidence"], 1):
            row = {"claim_id": claim["id"], "claim_title": claim["title"], "claim": claim["claim"], "position": i, **ev}
            writer.writerow([_cell(row[c]) for c in COLUMNS])
    return out.getvalue()
