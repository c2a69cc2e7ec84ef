"""The whole corpus as one Frictionless data package (Data Package 1.0, tabular), in each
edition: ``reference/data/datapackage.json``, a CSV per table, and ``rights.txt``.

Tables: themes, claims (each of a theme), essays, events (of the timeline), figures (the
key figures), terms (the glossary), and evidence: every quoted passage, of a claim, an
event or a figure, each joined to its essay and to what it backs by foreign keys. The
rows of a claim's evidence are the theme's own export's (:mod:`.exports`), and every
CSV is written as those are. The editorial fields are the edition's: translated where
a translation is given, else in English, as the pages show them; the quotes are the
essays' own words, never translated.

Each table states its licence and its sources: the editors' words are the site's
(mkdocs.yml's ``copyright``); the essays' words are their authors' and publishers', each
with its own rights and original address in ``essays.csv``. ``make test`` checks the
package with the standard's own validator (``frictionless validate``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from ..languages import N_, gettext
from ..model import Corpus, Evidence, Quote, Site
from .data_tables import TABLES, Part, Table
from .exports import csv_rows, csv_table

FOLDER = "reference/data/"  # (under each edition's folder)
RIGHTS = "rights.txt"


def _licence(site: Site, editorial: bool) -> dict:
    say = gettext(site.language, N_("Each essay's own rights, in the rights column of essays.csv"))
    return {"title": (site.copyright or site.name) if editorial else say, "path": RIGHTS}


def _sources(corpus: Corpus, table: Table) -> list[dict]:
    language = corpus.site.language
    if table.name == "essays":
        return [
            {"title": f"{e.label_in(language)}, {e.title}", **({"path": e.url} if e.url else {})} for e in corpus.essays
        ]
    if not table.editorial:
        return [{"title": gettext(language, N_("The essays, at the addresses in essays.csv")), "path": "essays.csv"}]
    title = gettext(language, N_("The editors' files of {site}")).format(site=corpus.site.name)
    return [{"title": title, **({"path": corpus.site.url} if corpus.site.url else {})}]


def _resource(corpus: Corpus, table: Table) -> dict:
    language = corpus.site.language
    fields = [
        {
            "name": f.name,
            "type": f.type,
            "description": gettext(language, f.description),
            **({"constraints": {"required": True}} if f.required else {}),
        }
        for f in table.fields
    ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "title": gettext(language, table.title),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "licenses": [_licence(corpus.site, table.editorial)],
        "sources": _sources(corpus, table),
        "schema": {
            "fields": fields,
            "primaryKey": [table.key],
            "foreignKeys": [{"fields": [f], "reference": {"resource": r, "fields": [k]}} for f, r, k in table.refs],
        },
    }


CITE = N_("To cite this data, cite the site as its CITATION.cff says, and each essay as its page says.")


def _rights(site: Site) -> str:
    """What ``rights.txt`` says, which every table's licence names."""
    lines = (
        site.copyright or site.name,
        N_("The tables of the editors' words (themes, claims, events, figures, terms) are theirs, as above."),
        N_(
            "The words quoted in evidence.csv are the essays' own: each essay's rights are in the rights column of essays.csv, and its original address in the url column."
        ),
        CITE,
    )
    return "\n\n".join(gettext(site.language, line) for line in lines) + "\n"


def part_lines(_language: str, table: Table, part: Part) -> str:
    """A table's lines of one part (as CSV, no header)."""
    return csv_rows(table.columns, table.rows(*part.of))


# How a table's lines of one part are made, given the edition's language: :func:`part_lines`,
# or kept from an earlier build (build_tools/kept_pages.py).
MakeLines = Callable[[str, Table, Part], str]


def data_package(corpus: Corpus, quotes: dict[Evidence, Quote], made: MakeLines = part_lines) -> dict[str, str]:
    """The package's files, by path under the edition's folder; each table's lines made in
    parts, by ``made``."""
    site, base = corpus.site, corpus.site.url or ""

    def say(message: str) -> str:
        return gettext(site.language, message)

    descriptor = {
        "profile": "tabular-data-package",
        "name": "-".join(re.findall("[a-z0-9]+", f"{site.name} {site.language}".lower())),
        "title": say(N_("{site}: the corpus as data")).format(site=site.name),
        "description": " ".join(
            (
                say(
                    N_(
                        "The essays, claims, evidence, timeline, key figures and glossary of {site}, as this edition shows them."
                    )
                ).format(site=site.name),
                say(CITE),
            )
        ),
        "language": site.language,
        **({"homepage": site.url} if site.url else {}),
        **({"created": f"{site.date}T00:00:00Z"} if site.date else {}),
        "licenses": [_licence(site, True), _licence(site, False)],
        "resources": [_resource(corpus, table) for table in TABLES],
    }
    files = {
        f"{FOLDER}{table.name}.csv": csv_table(table.columns, ())
        + "".join(made(site.language, table, part) for part in table.parts(corpus, quotes, base))
        for table in TABLES
    }
    files[f"{FOLDER}datapackage.json"] = json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n"
    files[f"{FOLDER}{RIGHTS}"] = _rights(site)
    return files
