"""Each theme's claims and their quotes as data: CSV (one row per quote) and JSON; and the
CSV of a table, which the corpus's data package shares (:mod:`.data_package`).

A quote's ``relation`` is how it stands to its claim's first quote, as the theme's page
shows it: ``lead`` for the first, ``same-essay`` for another passage of the first's own
essay, else the editors' ``agrees``, ``qualifies`` or ``contrasts``; ``relation_label`` is
the page's own words for it, in the edition's language ("Also in this essay"), empty for
the first.

Addresses are absolute when the site's address is known (``site_url``), otherwise
relative to the site's root. Cells that a spreadsheet would run as a formula are
prefixed with an apostrophe (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from ..languages import gettext
from ..model import RELATION_LABELS, Claim, Quote, Site, Theme

COLUMNS = (
    "claim_id",
    "claim_title",
    "claim",
    "position",
    "relation",
    "relation_label",
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
            "evidence": [quote_record(q, quotes[0] if i else None, base, site.language) for i, q in enumerate(quotes)],
        }
        for claim, quotes in claims
    ]


def quote_record(q: Quote, lead: Quote | None, base: str, language: str) -> dict:
    # How the passage stands to the claim's first, as the theme's page says it: "same-essay"
    # for one from the lead's own essay ("Also in this essay"), never the editors' relation.
    relation = q.relation_to(lead) if lead else None
    return {
        "essay": q.essay.slug,
        "speaker": q.speaker or "",
        "speaker_role": q.speaker_role or "",
        "author": q.essay.byline,
        "essay_title": q.essay.title,
        "date": q.essay.date.value,
        "quote": q.text,
        "relation": relation or "lead",
        "relation_label": gettext(language, RELATION_LABELS[relation]) if relation else "",
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
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_table(columns: tuple[str, ...], rows: Iterable[dict]) -> str:
    """``rows`` as CSV, with a header of ``columns`` and each row's values in their order
    (None as an empty cell)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(row[c]) for c in columns] for row in rows)
    return out.getvalue()


def theme_csv(site: Site, theme: Theme, claims: Claims) -> str:
    return csv_table(
        COLUMNS,
        (
            {"claim_id": claim["id"], "claim_title": claim["title"], "claim": claim["claim"], "position": i, **ev}
            for claim in _records(site, theme, claims)
            for i, ev in enumerate(claim["evidence"], 1)
        ),
    )
