"""The rows of the long tables and lists of the pages made from the whole corpus: an essay's
row of the map's table, its entry in the essays' list, its row of the sources' table.

Each row is made on its own from its template, given what it shows alone (a record below),
and the page embeds the rows in order. A page of a thousand rows is then made again after
an edit from the rows kept of the essays the edit did not touch (``make serve``:
:mod:`build_tools.kept_pages`); a build from nothing makes every row (:func:`made_rows`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import jinja2

from ..model import Essay
from ..source_status import SourceCheck
from .templating import Rendered, render_page

MAP_ROW = "_map_row.html.j2"
ESSAY_ITEM = "_essay_item.html.j2"
SOURCE_ROW = "_source_row.html.j2"


class MapRow(NamedTuple):
    """An essay's row of the map's table: the passages of it that each theme quotes (in the
    themes' order), and all of them."""

    essay: Essay
    counts: tuple[int, ...]
    total: int


class EssayItem(NamedTuple):
    """An essay's entry in the essays' list (past a dozen essays)."""

    essay: Essay


class SourceRow(NamedTuple):
    """An essay's row of the sources' table: what the last check found (None if it did not
    check it), and whether the table has the check's columns (only if a check happened)."""

    essay: Essay
    check: SourceCheck | None
    state: str  # (the original's, in words)
    archive_state: str
    checked: bool


Shown = MapRow | EssayItem | SourceRow

# How the rows are made: given the templates' environment, a row's template and what each
# row shows, the rows in order.
MakeRows = Callable[[jinja2.Environment, str, Sequence[Shown]], list[Rendered]]


def made_rows(env: jinja2.Environment, template: str, shown: Sequence[Shown]) -> list[Rendered]:
    """Each row made from ``template`` (which calls it ``row``), in order."""
    return [render_row(env, template, row) for row in shown]


def render_row(env: jinja2.Environment, template: str, row: Shown) -> Rendered:
    return render_page(env, template, row=row)
