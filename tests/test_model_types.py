"""The model's Literal types and the JSON Schemas name the same words: the schemas refuse
any other in the seeds, the types say which the code may meet."""

from __future__ import annotations

import json
import re
from typing import get_args

from build_tools.model import Genre, ParagraphKind, Precision, Relation
from tests.conftest import ROOT

SCHEMAS = ROOT / "build_tools" / "schemas"


def enums(schema: str, field: str) -> set[tuple[str, ...]]:
    """Each list of words the schema allows for ``field``, wherever it is defined."""
    text = (SCHEMAS / schema).read_text(encoding="utf-8")
    found = re.findall(rf'"{field}": {{"type": "string", "enum": (\[[^]]*\])', text)
    assert found, f"{schema} defines no enum for {field}"
    return {tuple(json.loads(words)) for words in found}


def test_literals_are_the_schemas_words():
    assert enums("crossrefs.schema.json", "relation") == {get_args(Relation)}
    assert enums("essay.schema.json", "genre") == {get_args(Genre)}
    assert enums("essay.schema.json", "date_precision") == {get_args(Precision)}
    assert enums("timeline.schema.json", "date_precision") == {get_args(Precision)}


def test_a_marked_block_is_a_paragraph_kind():
    (marks,) = enums("essay.schema.json", "as")
    assert set(marks) <= set(get_args(ParagraphKind))


def test_every_genre_has_its_citation_types():
    from build_tools.formats.bibliography import _TYPES

    assert set(_TYPES) == set(get_args(Genre))
