"""The model's records made from the parsed seeds files (for ``load``), once each file's
shape and meaning are checked: essays, themes, claims, events, figures, terms."""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from string import ascii_lowercase

from ..essay import Received
from ..languages import TRANSLATED
from ..model import (
    Author,
    Claim,
    Essay,
    EssayDate,
    Event,
    Evidence,
    Excerpt,
    Figure,
    Participant,
    Rule,
    Term,
    Theme,
    Translated,
)
from .yamlfile import loc_of


def paragraphs(text: str) -> tuple[str, ...]:
    """An editorial text's paragraphs (a theme's introduction): blank lines separate them."""
    return tuple(p.strip() for p in re.split(r"\n\s*\n", text.strip()))


def themes(data) -> list[Theme]:
    return [
        Theme(
            id=t["id"],
            title=t["title"],
            question=t["question"],
            intro=paragraphs(t["intro"]),
            related=tuple(t.get("related", ())),
            loc=t.loc,
            translated=_translated(t),
        )
        for t in data["themes"]
    ]


def essay(slug: str, data, raw: str, received: str, source_path: str, source_sha256: str) -> Essay:
    rules = data["cleaning"]
    return Essay(
        slug=slug,
        title=data["title"],
        title_note=data.get("title_note"),
        summary=data.get("summary"),
        authors=tuple(
            Author(a.get("given", ""), a.get("organization") or a["family"], a.get("about"), _translated(a, {}))
            for a in data["authors"]
        ),
        genre=data["genre"],
        outlet=data.get("outlet"),
        section=data.get("section"),
        series=data.get("series"),
        publisher=data.get("publisher"),
        accessed=data.get("accessed"),
        date=EssayDate(data["date"], data["date_precision"], data.get("date_note")),
        url=data.get("url"),
        archive_url=data.get("archive_url"),
        url_loc=loc_of(data, "url") if "url" in data else None,
        archive_url_loc=loc_of(data, "archive_url") if "archive_url" in data else None,
        language=data.get("language", "en"),
        added=data.get("added"),
        rights=data["rights"],
        themes=tuple(data["themes"]),
        theme_locs=tuple(loc_of(data["themes"], i) for i in range(len(data["themes"]))),
        rules=tuple(
            Rule(r["rule"], {k: v for k, v in r.items() if k not in _NOT_PARAMS}, loc_of(rules, i), _translated(r, {}))
            for i, r in enumerate(rules)
        ),
        raw=raw.replace("\r\n", "\n").replace("\r", "\n"),
        received=received,
        extracted_from=received_file(data, source_path),
        loc=data.loc,
        source_path=source_path,
        source_sha256=source_sha256,
        translated=_translated(data),
        number=data.get("number"),
        excerpt=_excerpt(data.get("excerpt")),
        participants=tuple(
            Participant(p["label"], p.get("name"), p.get("role"), _translated(p, {}), p.loc)
            for p in data.get("participants", ())
        ),
    )


# A rule's keys that are not its parameters: its name, and its words in other languages.
_NOT_PARAMS = {"rule", *TRANSLATED, *(f"{language}_of" for language in TRANSLATED)}


def _excerpt(data) -> Excerpt | None:
    return data and Excerpt(data.get("part"), data.get("pages"), _translated(data, {}))


def received_file(data, source_path: str) -> Received | None:
    """The file an essay's text was extracted from, if its metadata names one."""
    r = data.get("received")
    return r and Received(posixpath.join(posixpath.dirname(source_path), r["file"]), r["sha256"], r["extracted_with"])


def lettered(essay: Essay, letter: str) -> Essay:
    """``essay`` with its year's letter (the a of 2013a)."""
    return replace(essay, year_letter=letter)


def year_letters(essays: list[Essay], letter: Callable[[Essay, str], Essay] = lettered) -> list[Essay]:
    """The essays, those by the same author(s) in the same year lettered a, b, … in order
    of date, then title (as author–date styles do: 2013a, 2013b), each by ``letter``."""
    groups: dict[tuple, list[Essay]] = {}
    for e in essays:
        groups.setdefault((e.short_author, e.date.year), []).append(e)
    letters = {}
    for group in groups.values():
        if len(group) > 1:
            ordered = sorted(group, key=lambda e: (e.date.value, e.title, e.slug))
            letters.update({e.slug: ascii_lowercase[i] for i, e in enumerate(ordered)})
    return [letter(e, letters[e.slug]) if e.slug in letters else e for e in essays]


def _passage(data) -> Evidence:
    speaker = data.get("speaker") or {}
    return Evidence(
        essay=data["essay"],
        quote=data["quote"],
        loc=loc_of(data, "quote"),
        prefix=data.get("prefix"),
        suffix=data.get("suffix"),
        speaker=speaker.get("name"),
        speaker_role=speaker.get("role"),
        translation=data.get("translation"),
        translated=_translated(data),
    )


# The seeds' names of translated fields that the model names otherwise.
_MODEL_FIELD = {"role": "speaker_role"}


def _translated(data, model_field: dict[str, str] = _MODEL_FIELD) -> Translated:
    """The editorial fields of ``data`` written in the site's other languages (a block per
    language, ``es:``), as (language, field of the model, text)."""
    return tuple(
        (language, model_field.get(name, name), text)
        for language in TRANSLATED
        for name, text in (data.get(language) or {}).items()
    )


def event(data) -> Event:
    return Event(
        id=data["id"],
        date=EssayDate(data["date"], data["date_precision"], data.get("date_note")),
        title=data["title"],
        summary=data.get("summary"),
        themes=tuple(data["themes"]),
        passages=tuple(_passage(p) for p in data["passages"]),
        projection=data.get("kind") == "projection",
        loc=data.loc,
        translated=_translated(data),
    )


def figure(data) -> Figure:
    return Figure(
        id=data["id"],
        figure=data["figure"],
        measures=data["measures"],
        themes=tuple(data["themes"]),
        passage=_passage(data["passage"]),
        loc=data.loc,
        year=data.get("year"),
        translated=_translated(data),
    )


def term(data) -> Term:
    """A glossary entry; its forms in NFC, as text is compared (an accent typed as a combining mark)."""
    nfc = functools.partial(unicodedata.normalize, "NFC")
    return Term(
        term=nfc(data["term"]),
        definition=data["definition"],
        expansion=data.get("expansion"),
        language=data.get("language", "en"),
        forms=tuple(map(nfc, (data["term"], *data.get("also", ())))),
        loc=data.loc,
        translated=_translated(data),
    )


def claims(theme: str, data) -> list[Claim]:
    """The claims of a cross-references file (``data``), of the theme it is named for."""
    return [
        Claim(
            id=c["id"],
            theme=theme,
            title=c["title"],
            claim=c["claim"],
            evidence=tuple(replace(_passage(e), note=e.get("note"), relation=e.get("relation")) for e in c["evidence"]),
            loc=c.loc,
            added=c.get("added"),
            translated=_translated(c),
        )
        for c in data["claims"]
    ]
