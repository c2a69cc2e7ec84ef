"""The JSON Schemas editors rely on: valid, and every field described."""

from __future__ import annotations

import json

import pytest

from build_tools.stages.schema import SCHEMA_DIR, validator
from tests.conftest import FIXTURE, ROOT

SCHEMAS = sorted(p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json"))


def fields(node, path="#"):
    """Every (path, schema) that describes a field or an item."""
    if isinstance(node, dict):
        for key in ("properties", "$defs"):
            for name, sub in node.get(key, {}).items():
                yield f"{path}/{name}", sub
                yield from fields(sub, f"{path}/{name}")
        if isinstance(node.get("items"), dict):
            yield f"{path}[]", node["items"]
            yield from fields(node["items"], f"{path}[]")


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_and_every_field_is_described(name):
    validator(name)  # raises if the schema itself is invalid
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert schema.get("description")
    undocumented = [path for path, sub in fields(schema) if not sub.get("description")]
    assert undocumented == []


@pytest.mark.parametrize("corpus", [FIXTURE, ROOT], ids=["fixture", "seeds"])
@pytest.mark.parametrize(
    "pattern, schema", [("essays/*.yml", "essay"), ("themes.yml", "themes"), ("crossrefs/*.yml", "crossrefs")]
)
def test_every_seeds_file_names_its_schema_for_editors(corpus, pattern, schema):
    files = sorted((corpus / "seeds").glob(pattern))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(
            f"build_tools/schemas/{schema}.schema.json"
        ), path.name


def test_a_schema_rule_without_words_of_its_own_is_said_by_the_validator_after_the_field():
    """The fallback of the schema messages, for a check no message is written for yet."""
    import jsonschema

    from build_tools.stages.schema import _message

    error = next(jsonschema.Draft202012Validator({"maximum": 2000}).iter_errors(2026))
    assert _message(error, "year") == "'year': 2026 is greater than the maximum of 2000"
