"""The sentences that say how one passage stands to another, one table per place a page says it.

Each is a message whole, keyed by the relation, so that a translator sees the sentence and not
a verb to fit into one; the templates name the table and the relation, and put in the values
(``relation_sentence("compared", relation, who=…, whom=…)``). The three sentences of
``compared`` are the same in English: their contexts let a language say them differently.
"""

from __future__ import annotations

from typing import Literal

from .languages import N_, NP_, gettext, pgettext
from .model import Standing

# A message of a table: its English, or its context and its English.
Message = str | tuple[str, str]

Table = Literal["compared", "to this passage", "from this passage", "set against"]
TABLES: dict[Table, dict[Standing, Message]] = {
    # A theme's page: a quote after the claim's first, with how it stands to that one.
    "compared": {
        "agrees": NP_("agrees", "{who}, compared with {whom} above"),
        "qualifies": NP_("qualifies", "{who}, compared with {whom} above"),
        "contrasts": NP_("contrasts", "{who}, compared with {whom} above"),
        "same-essay": N_("{who}, elsewhere in the same essay"),
    },
    # An essay's page, where its passage is the claim's first: how the other essay's stands to it.
    "to this passage": {
        "agrees": N_("{who} agrees with this passage"),
        "qualifies": N_("{who} qualifies this passage"),
        "contrasts": N_("{who} contrasts with this passage"),
    },
    # ... and where the other essay's passage is the first: how this one stands to it.
    "from this passage": {
        "agrees": N_("This passage agrees with {who}"),
        "qualifies": N_("This passage qualifies {who}"),
        "contrasts": N_("This passage contrasts with {who}"),
    },
    # The disagreements' page: a passage set against another essay's, in a theme.
    "set against": {
        "qualifies": N_("{who} qualifies {whom}, in {theme}:"),
        "contrasts": N_("{who} contrasts with {whom}, in {theme}:"),
    },
}


def relation_sentence(language: str, table: Table, relation: Standing) -> str:
    """The sentence of ``table`` for ``relation`` in ``language``, its ``{names}`` still to fill."""
    message = TABLES[table][relation]
    return pgettext(language, *message) if isinstance(message, tuple) else gettext(language, message)
