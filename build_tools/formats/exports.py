"""Each theme's claims and their quotes as data: CSV (one row per quote) and JSON; and the
CSV of a table, which the corpus's data package shares (:mod:`.data_package`).

A quote in another language than the edition's has the editors' ``translation`` beside it,
as the page shows it; the JSON says the edition's ``language``. A quote's ``relation`` is
how it stands to its claim's first quote, as the theme's page shows it: ``lead`` for the
first, ``same-essay`` for another passage of the first's own essay, else the editors'
``agrees``, ``qualifies`` or ``contrasts``; ``relation_label`` is the page's own words for
it, in the edition's language ("Also in this essay"), empty for the first.

Addresses are absolute when the site's address is known (``site_url``), otherwise
relative to the site's root. Cells that a spreadsheet would run as a formula are
prefixed with an apostrophe (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import NamedTuple

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
    "translation",
    "note",
    "paragraph",
    "url",
)


# A theme's claims, each with the quotes of its evidence in order.
Claims = list[tuple[Claim, list[Quote]]]


def _record(site: Site, claim: Claim, quotes: list[Quote]) -> dict:
    base = site.url or ""
    return {
        "id": claim.id,
        "title": claim.title,
        "claim": claim.claim,
        "url": f"{base}themes/{claim.theme}/#{claim.id}",
        "evidence": [quote_record(q, quotes[0] if i else None, base, site.language) for i, q in enumerate(quotes)],
    }


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
        "translation": q.evidence.translation or "",
        "relation": relation or "lead",
        "relation_label": gettext(language, RELATION_LABELS[relation]) if relation else "",
        "note": q.evidence.note or "",
        "paragraph": q.paragraph.id,
        "url": f"{base}essays/{q.essay.slug}/#{q.paragraph.id}",
    }


class ClaimData(NamedTuple):
    """A claim and its quotes as they stand in its theme's data: its record in the JSON (as
    indented there), and its rows of the CSV. A theme's data is made of its claims'."""

    json: str
    csv: str


def claim_data(site: Site, claim: Claim, quotes: list[Quote]) -> ClaimData:
    record = _record(site, claim, quotes)
    # (at the depth of the theme's list of claims: JSON text holds no line break but its layout's)
    json_text = json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n  ")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    head = {"claim_id": claim.id, "claim_title": claim.title, "claim": claim.claim}
    for i, ev in enumerate(record["evidence"], 1):
        row = {**head, "position": i, **ev}
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    return ClaimData(json_text, out.getvalue())


def theme_json(site: Site, theme: Theme, claims: list[ClaimData]) -> str:
    """The theme's claims as JSON, made of each claim's (:func:`claim_data`)."""
    theme_record = {"id": theme.id, "title": theme.title, "question": theme.question}
    data = {"theme": theme_record, "source": site.name, "language": site.language}
    text = json.dumps({**data, "claims": []}, ensure_ascii=False, indent=1)
    if claims:  # (as json.dumps lays out a list at that depth)
        text = text.removesuffix("[]\n}") + "[\n  " + ",\n  ".join(c.json for c in claims) + "\n ]\n}"
    return text + "\n"


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_table(columns: tuple[str, ...], rows: Iterable[dict]) -> str:
    """``rows`` as CSV, with a header of ``columns`` and each row's values in their order
    (None as an empty cell)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(columns)
    return out.getvalue() + csv_rows(columns, rows)


def csv_rows(columns: tuple[str, ...], rows: Iterable[dict]) -> str:
    """``rows`` as lines of CSV, each row's values in the order of ``columns`` (a table's
    lines may be made in parts, and joined)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([_cell(row[c]) for c in columns] for row in rows)
    return out.getvalue()


def theme_csv(claims: list[ClaimData]) -> str:
    """The theme's claims as CSV, one row a quote, made of each claim's rows (:func:`claim_data`)."""
    return csv_table(COLUMNS, ()) + "".join(c.csv for c in claims)
