"""Validate a parsed YAML file against its JSON Schema, in plain words with lines.

The schemas live in ``build_tools/schemas/``; editors' editors use them too
(each seeds file names its schema in a ``yaml-language-server`` comment).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from ..problems import Problem
from .yamlfile import LocDict, LocList, loc_of

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"

_TYPES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}
_PATTERNS = {
    "date": "must be a date written YYYY-MM-DD, YYYY-MM or YYYY",
    "url": "must be a web address starting with http:// or https://, with no spaces",
    "accessed": "must be a date written YYYY-MM-DD",
    "pages": "must be page numbers, e.g. 4–9 or 2, 11–14",
}
ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")
_BY_PATTERN = {
    ID_PATTERN.pattern: "must be lower-case letters, digits and hyphens, starting with a letter",
    "^[^\\s!-/:-@\\[-`{-~][^\\x00-\\x1f!-&(-,/:-@\\[-`{-~\\x7f]*$": (
        "may hold only letters, digits, spaces, hyphens, apostrophes and full stops"
    ),
}


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema ``build_tools/schemas/<name>.schema.json``."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    found = schema(name)
    jsonschema.Draft202012Validator.check_schema(found)
    return jsonschema.Draft202012Validator(found)


def check(name: str, data: Any) -> list[Problem]:
    """Every schema violation in ``data`` as a Problem at the line it concerns."""
    problems = []
    for error in validator(name).iter_errors(data):
        if error.validator in ("allOf", "if") or (error.instance is None and error.validator != "type"):
            continue  # (an empty field gets one message: "is empty")
        container, key = _locate(data, list(error.absolute_path))
        problems.append(Problem(_loc(data, container, key, error), _message(error, key)))
    return sorted(set(problems))


def _locate(data: Any, path: list) -> tuple[Any, Any]:
    """The container holding the value at ``path`` and its key (None for the root)."""
    container, key = data, None
    for step in path:
        if key is not None:
            container = container[key]
        key = step
    return container, key


def _needs_date_note(error) -> bool:
    """An approximate date without its note (the schemas' ``if``/``then``)."""
    return error.validator == "required" and "then" in error.schema_path and "'date_note'" in error.message


def _loc(data, container, key, error):
    value = container[key] if key is not None else container
    if _needs_date_note(error):  # (at the field that calls for it)
        return loc_of(value, "date_precision")
    extra = _extra_keys(error)
    if extra and isinstance(value, LocDict):
        return loc_of(value, extra[0])
    if isinstance(value, (LocDict, LocList)):
        return value.loc
    return loc_of(container, key)


def _extra_keys(error) -> list[str]:
    if error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        return sorted(k for k in error.instance if k not in allowed)
    if "propertyNames" in error.schema_path:
        return [error.instance]
    return []


def _field(key: Any) -> str:
    if key is None:
        return "the file"
    return f"'{key}'" if isinstance(key, str) else f"item {key + 1}"


def _message(error, key) -> str:
    return _about_fields(error) or _about_value(error, key)


def _about_fields(error) -> str | None:
    """The message of a field missing, unknown or of the wrong kind of author, if it is one."""
    v = error.validator
    if v == "required":
        return _missing(error)
    if v == "oneOf" and "organization" in error.schema.get("properties", {}):
        return (
            "an author is either a person, with 'given' and 'family' names, or an organisation, "
            "with its name in 'organization' alone: write one or the other"
        )
    if v == "anyOf" and "label" in error.schema.get("properties", {}):
        return "a participant needs a 'name', a 'role' or both, besides its 'label'"
    if v == "additionalProperties":
        return f"unknown field '{_extra_keys(error)[0]}' (allowed: {', '.join(sorted(error.schema['properties']))})"
    if "propertyNames" in error.schema_path:
        return (
            f"the field '{error.instance}' does not belong to this rule (allowed: {', '.join(error.validator_value)})"
        )
    return None


def _missing(error) -> str:
    """The message of a required field left out, saying what to write when a rule needs it."""
    missing = error.message.split("'")[1]
    if _needs_date_note(error):
        return "an approximate date needs a 'date_note' saying how it was established"
    if missing == "notes_heading":
        return (
            "with 'markers: digits' the rule needs the heading the notes follow: add 'notes_heading:' "
            "with that line exactly as the .txt writes it (for example 'notes_heading: Notes')"
        )
    return f"missing required field '{missing}'"


def _about_value(error, key) -> str:
    """The message of a value that is not what its field takes."""
    v, where = error.validator, _field(key)
    if v == "type" and error.instance is None:
        return f"{where} is empty: fill it in"
    if v == "type":
        return f"{where} must be {_TYPES.get(error.validator_value, error.validator_value)}"
    if v == "enum":
        return f"{where} is {error.instance!r}, which is not one of: {', '.join(map(str, error.validator_value))}"
    if v == "pattern":
        rule = _PATTERNS.get(key) or _BY_PATTERN.get(error.validator_value, "does not have the expected form")
        return f"{where} {rule}; found {error.instance!r}"
    if v in ("minLength", "minItems"):
        return f"{where} must not be empty"
    if v == "uniqueItems":
        return f"{where} lists the same value twice"
    return f"{where}: {error.message}"
