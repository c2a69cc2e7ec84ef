"""The tables of the corpus's data package (:mod:`.data_package`): each one's fields, keys,
whose words it holds, and its rows, from the edition's corpus.

A claim's passages are the rows of its theme's own export (:mod:`.exports`). A list (a
row's themes, a term's forms) is one cell, its items separated as its field says.

A table's rows come in parts, each made from one record alone (a theme, an essay, a
claim's passages...): :class:`Part`. A table of a thousand essays is then made again
after an edit from the parts kept of the records the edit did not touch (``make serve``:
:mod:`build_tools.kept_pages`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from ..languages import N_
from ..model import Claim, Corpus, Essay, Event, Evidence, Figure, Quote, Term, Theme
from .exports import quote_record


class Field(NamedTuple):
    name: str
    type: str  # (Table Schema's: string, integer, boolean, date)
    description: str  # (a message, shown in the edition's language)
    required: bool = False


class Part(NamedTuple):
    """A table's rows of one record: which (its id), and all they are made from (the table's
    ``rows``' arguments)."""

    owner: str
    of: tuple


# A table's parts, from the edition's corpus, its quotes and the site's address.
PartsOf = Callable[[Corpus, dict[Evidence, Quote], str], Iterator[Part]]


class Table(NamedTuple):
    name: str
    title: str  # (a message)
    fields: tuple[Field, ...]
    key: str
    refs: tuple[tuple[str, str, str], ...]  # (field, table, its key)
    editorial: bool  # (the editors' words, else the essays')
    parts: PartsOf
    rows: Callable[..., list[dict]]  # (a part's rows, from its ``of``)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _text(value) -> str | None:
    return None if value is None else "\n\n".join(value) if isinstance(value, tuple) else str(value)


def _each(records: Callable[[Corpus], Iterable], with_language: bool = False) -> PartsOf:
    """The parts of a table of a row per record of the corpus (``records``), each made from the
    record and the site's address (and the edition's language), and known by its id."""

    def parts(corpus: Corpus, _quotes, base: str) -> Iterator[Part]:
        extra = (corpus.site.language,) if with_language else ()
        for record in records(corpus):
            yield Part(record.slug if isinstance(record, Essay) else record.id, (record, base, *extra))

    return parts


def _themes(t: Theme, base: str) -> list[dict]:
    return [
        {"id": t.id, "title": t.title, "question": t.question, "intro": _text(t.intro), "page": f"{base}themes/{t.id}/"}
    ]


def _claims(c: Claim, base: str) -> list[dict]:
    page = f"{base}themes/{c.theme}/#{c.id}"
    return [{"id": c.id, "theme": c.theme, "title": c.title, "claim": c.claim, "added": c.added, "page": page}]


def _essays(e: Essay, base: str, language: str) -> list[dict]:
    row = {
        **{name: getattr(e, name) for name in ("slug", "title", "genre", "outlet", "publisher", "language")},
        **{name: getattr(e, name) for name in ("url", "archive_url", "accessed", "rights", "added")},
        "authors": e.byline_in(language),
        "date": e.date.value,
        "date_precision": e.date.precision,
        "title_note": _text(e.title_note),
        "date_note": _text(e.date.note),
        "themes": " ".join(e.themes),
        "summary": _text(e.summary),
        "source_sha256": e.source_sha256,
        "page": f"{base}essays/{e.slug}/",
        "text": f"{base}essays/{e.slug}/{e.slug}.txt",
    }
    return [row]


def _events(e: Event, base: str) -> list[dict]:
    row = {
        **{name: _text(getattr(e, name)) for name in ("id", "title", "summary")},
        **{"date": e.date.value, "date_precision": e.date.precision, "themes": " ".join(e.themes)},
        **{"projection": "true" if e.projection else "false", "page": f"{base}reference/timeline/#{e.id}"},
    }
    return [row]


def _figures(f: Figure, base: str) -> list[dict]:
    row = {
        **{name: _text(getattr(f, name)) for name in ("id", "figure", "measures", "year")},
        **{"themes": " ".join(f.themes), "page": f"{base}reference/figures/#{f.id}"},
    }
    return [row]


def _terms(t: Term, base: str) -> list[dict]:
    row = {
        **{name: _text(getattr(t, name)) for name in ("id", "term", "expansion", "definition", "language")},
        **{"forms": "; ".join(t.forms), "page": f"{base}reference/glossary/#{t.id}"},
    }
    return [row]


def _evidence_parts(corpus: Corpus, quotes: dict[Evidence, Quote], base: str) -> Iterator[Part]:
    """Every passage quoted, by what it backs: a claim's, then the timeline's and the key figures'."""
    language = corpus.site.language
    owners = [("claim", c.id, c.evidence) for c in corpus.claims]
    owners += [("event", e.id, e.passages) for e in corpus.events]
    owners += [("figure", f.id, f.passages) for f in corpus.figures]
    for kind, owner, passages in owners:
        yield Part(f"{kind}:{owner}", (kind, owner, tuple(quotes[ev] for ev in passages), base, language))


def _evidence(kind: str, owner: str, quoted: tuple[Quote, ...], base: str, language: str) -> list[dict]:
    """The passages quoted of one claim (as its theme's export gives them: each one's relation
    to the claim's first passage), event or key figure."""
    rows, seen = [], Counter[str]()
    for i, quote in enumerate(quoted, 1):  # (each quote's evidence is its passage's, translation and all)
        # (named by where the passage stands, not by its place: the same when others are added)
        stem = f"{kind}:{owner}:{quote.essay.slug}:{quote.paragraph.id}"
        seen[stem] += 1
        lead = quoted[0] if i > 1 and kind == "claim" else None
        record = quote_record(quote, lead, base, language)
        if kind != "claim":
            record.update(relation=None, relation_label=None)
        rows.append(
            {
                **record,
                **{"claim": None, "event": None, "figure": None, kind: owner},
                **{"id": stem + (f":{seen[stem]}" if seen[stem] > 1 else ""), "position": i},
            }
        )
    return rows


_ID = N_("Its identifier, as in the page's address")
_PAGE = N_("Its address on the site (relative to the site's root when the site's address is not known)")
_THEMES = N_("The identifiers of its themes, separated by spaces")
_PRECISION = N_("How precisely the date is known: day, month, year or approximate")

TABLES = (
    Table(
        "themes",
        N_("Themes"),
        (
            Field("id", "string", _ID, True),
            Field("title", "string", N_("Its title"), True),
            Field("question", "string", N_("The question it asks"), True),
            Field("intro", "string", N_("Its introduction, in the editors' words")),
            Field("page", "string", _PAGE, True),
        ),
        "id",
        (),
        True,
        _each(lambda c: c.themes),
        _themes,
    ),
    Table(
        "claims",
        N_("Claims: what the essays argue, in the editors' words"),
        (
            Field("id", "string", _ID, True),
            Field("theme", "string", N_("The theme it belongs to"), True),
            Field("title", "string", N_("Its title"), True),
            Field("claim", "string", N_("The claim, summarised in the editors' words"), True),
            Field("added", "date", N_("The day it was added to the site")),
            Field("page", "string", _PAGE, True),
        ),
        "id",
        (("theme", "themes", "id"),),
        True,
        _each(lambda c: c.claims),
        _claims,
    ),
    Table(
        "essays",
        N_("Essays: the works quoted, as published"),
        (
            Field("slug", "string", _ID, True),
            Field("title", "string", N_("Its title as published"), True),
            Field(
                "title_note",
                "string",
                N_(
                    "The editors' note on its title: where it comes from, or why it reads so (cut off as received, say)"
                ),
            ),
            Field("authors", "string", N_("Its authors (a person or an organisation)"), True),
            Field("genre", "string", N_("What kind of work it is"), True),
            Field("date", "string", N_("When it was published: YYYY-MM-DD, YYYY-MM or YYYY"), True),
            Field("date_precision", "string", _PRECISION, True),
            Field("date_note", "string", N_("The editors' note on its date: how it was established")),
            Field("outlet", "string", N_("Where it was published")),
            Field("publisher", "string", N_("Its publisher, when not the outlet")),
            Field("language", "string", N_("The language of its text and quotes (a language tag)"), True),
            Field("url", "string", N_("Its original address")),
            Field("archive_url", "string", N_("An archived copy of the original")),
            Field("accessed", "date", N_("The day a web page was read")),
            Field("rights", "string", N_("Who holds the rights to its text, and on what terms it is reproduced"), True),
            Field("themes", "string", _THEMES, True),
            Field("summary", "string", N_("What it argues, in the editors' words")),
            Field("source_sha256", "string", N_("The SHA-256 of its text as received")),
            Field("added", "date", N_("The day it was added to the site")),
            Field("page", "string", _PAGE, True),
            Field("text", "string", N_("Its text as received, to download"), True),
        ),
        "slug",
        (),
        False,
        _each(lambda c: c.essays, with_language=True),
        _essays,
    ),
    Table(
        "evidence",
        N_("Evidence: every passage quoted, verbatim, with what it backs"),
        (
            Field(
                "id",
                "string",
                N_(
                    "What the passage backs, its essay and its paragraph (then 2, 3… for a second and third passage "
                    "of that paragraph): it stays the same when passages are added or reordered"
                ),
                True,
            ),
            Field("claim", "string", N_("The claim it backs")),
            Field("event", "string", N_("The timeline's event it mentions")),
            Field("figure", "string", N_("The key figure it gives")),
            Field("position", "integer", N_("Its place among the passages of what it backs (1: the first)"), True),
            Field(
                "relation",
                "string",
                N_("How a claim's passage stands to its first: lead, same-essay, agrees, qualifies or contrasts"),
            ),
            Field("relation_label", "string", N_("The relation as the theme's page says it")),
            Field("essay", "string", N_("The essay quoted"), True),
            Field("paragraph", "string", N_("The paragraph's identifier on the essay's page"), True),
            Field("quote", "string", N_("The words quoted, exactly as the essay's text has them"), True),
            Field("speaker", "string", N_("Who said the words, when not the essay's author")),
            Field("speaker_role", "string", N_("The speaker's role")),
            Field("translation", "string", N_("The editors' unofficial translation of the words")),
            Field("note", "string", N_("The editors' note on the passage")),
            Field("url", "string", N_("The paragraph's address on the site"), True),
        ),
        "id",
        (
            ("claim", "claims", "id"),
            ("event", "events", "id"),
            ("figure", "figures", "id"),
            ("essay", "essays", "slug"),
        ),
        False,
        _evidence_parts,
        _evidence,
    ),
    Table(
        "events",
        N_("Timeline events"),
        (
            Field("id", "string", _ID, True),
            Field("date", "string", N_("When it happened: YYYY-MM-DD, YYYY-MM or YYYY"), True),
            Field("date_precision", "string", _PRECISION, True),
            Field("title", "string", N_("What happened"), True),
            Field("summary", "string", N_("More on it, in the editors' words")),
            Field("themes", "string", _THEMES, True),
            Field("projection", "boolean", N_("Whether it is a projection rather than a past event"), True),
            Field("page", "string", _PAGE, True),
        ),
        "id",
        (),
        True,
        _each(lambda c: c.events),
        _events,
    ),
    Table(
        "figures",
        N_("Key figures: numbers the essays give"),
        (
            Field("id", "string", _ID, True),
            Field("figure", "string", N_("The number, as the editors write it"), True),
            Field("measures", "string", N_("What it measures"), True),
            Field("year", "string", N_("The year or period it refers to")),
            Field("themes", "string", _THEMES, True),
            Field("page", "string", _PAGE, True),
        ),
        "id",
        (),
        True,
        _each(lambda c: c.figures),
        _figures,
    ),
    Table(
        "terms",
        N_("Glossary terms"),
        (
            Field("id", "string", _ID, True),
            Field("term", "string", N_("The term"), True),
            Field("expansion", "string", N_("What an abbreviation stands for")),
            Field("definition", "string", N_("Its definition, in the editors' words"), True),
            Field("language", "string", N_("The language of the term itself (a language tag)"), True),
            Field("forms", "string", N_("Its spellings found in the texts, separated by semicolons"), True),
            Field("page", "string", _PAGE, True),
        ),
        "id",
        (),
        True,
        _each(lambda c: c.terms),
        _terms,
    ),
)
