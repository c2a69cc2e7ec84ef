"""Read YAML keeping the line of every mapping, key and list item.

PyYAML's composer gives nodes with marks; we turn them into plain dicts, lists and
scalars (:class:`LocDict`, :class:`LocList`) that remember where each value stood,
so later stages can say ``path:line:column``. Unlike ``yaml.safe_load`` this refuses
duplicate keys, and keeps dates such as ``2014-07`` or ``2021-06-13`` as strings.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..problems import Problem, SeedError, SourceLoc


class _Loader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type: dates stay text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


if TYPE_CHECKING:
    _Libyaml = yaml.SafeLoader
else:
    _Libyaml = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLoader(_Libyaml):
    """The same, parsed by libyaml (in C) where PyYAML has it, which composes a file much
    faster. Its error messages are worded otherwise, so a file it refuses is
    read again by :class:`_Loader`, whose messages :func:`_plain` knows."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=_Loader)


class LocDict(dict):
    """A mapping that knows its own line and the line of each key."""

    loc: SourceLoc
    key_locs: dict[str, SourceLoc]


class LocList(list):
    """A sequence that knows its own line and the line of each item."""

    loc: SourceLoc
    item_locs: list[SourceLoc]


def loc_of(container: Any, key: Any = None) -> SourceLoc:
    """The location of ``container[key]`` (or of the container itself)."""
    if isinstance(container, LocDict):
        return container.key_locs.get(key, container.loc) if key is not None else container.loc
    if isinstance(container, LocList):
        if key is not None and 0 <= key < len(container.item_locs):
            return container.item_locs[key]
        return container.loc
    raise TypeError(f"no location for {type(container).__name__}")


_INDENTED = "this line is indented differently from the field above it: indent it like the one above"
# PyYAML's wording for the mistakes editors make most, in plain words, and whether
# the line to name is where the unclosed thing began (True) or where reading failed.
_PLAIN = {
    "found character '\\t' that cannot start any token": ("a tab character: indent YAML with spaces, not tabs", False),
    "found unexpected end of stream": ("this quoted text is never closed: add the closing quote", True),
    "expected ',' or ']'": ("this list in square brackets is never closed: add ']'", True),
    "expected ',' or '}'": ("this mapping in curly brackets is never closed: add '}'", True),
    "expected <block end>, but found '?'": (
        "each item of a list starts with '- ': add it before this field, or indent this line like the one above",
        False,
    ),
    "expected <block end>, but found '<block mapping start>'": (_INDENTED, False),
    "expected <block end>, but found '<scalar>'": (
        "text goes on after a closing quote: put the whole text inside the quotes",
        False,
    ),
}
_COLON = "mapping values are not allowed here"
_UNREADABLE = "this line cannot be read: compare its indentation, quotes and colons with the lines above it"


def _plain(problem: str, line: str, column: int) -> tuple[str, bool]:
    """The editor's words for PyYAML's ``problem`` found at ``column`` (0-based) of ``line``."""
    if problem.startswith(_COLON):
        # A field's colon where none can be: the line is indented too far (the colon is
        # the field's own), or unquoted text holds ": " (a later colon).
        if line.find(":") == column:
            return _INDENTED, False
        return (
            "this text holds a colon followed by a space, which YAML reads as a new field: "
            'put the whole text in quotes ("…")',
            False,
        )
    for start, plain in _PLAIN.items():
        if problem.startswith(start):
            return plain
    return _UNREADABLE, False


def _at(rel: str, mark: yaml.Mark | None) -> SourceLoc:
    return SourceLoc(rel, mark.line + 1, mark.column + 1) if mark else SourceLoc(rel)


def read_text(path: Path, rel: str) -> str:
    """Read a UTF-8 file (a leading byte-order mark is allowed) or raise a SeedError."""
    return decode_text(path.read_bytes(), rel)


def decode_text(data: bytes, rel: str) -> str:
    """The text of a UTF-8 file's bytes, or a SeedError naming where they are not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line_start = before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")
        loc = SourceLoc(rel, before.count(b"\n") + 1, len(line_start) + 1)
        raise SeedError([Problem(loc, "the file is not UTF-8 text: save it as UTF-8")]) from None


def load_yaml(path: Path, rel: str) -> Any:
    """Parse one YAML file into LocDict/LocList/scalars, or raise a SeedError naming the line."""
    return parse_yaml(read_text(path, rel), rel)


def parse_yaml(text: str, rel: str) -> Any:
    """:func:`load_yaml` of a file's text (``rel`` names it in problems)."""
    node = compose_yaml(text, rel)
    if node is None:
        raise SeedError([Problem(SourceLoc(rel, 1), "the file is empty")])
    problems: list[Problem] = []
    value = _convert(node, rel, problems, _Loader(""))
    if problems:
        raise SeedError(problems)
    return value


def compose_yaml(text: str, rel: str) -> yaml.Node | None:
    """The layout of a YAML text (its nodes, their tags not applied), or a SeedError saying
    in an editor's words where and how the layout goes wrong."""
    try:
        return _compose(text)
    except yaml.reader.ReaderError as exc:  # (a character YAML refuses, which the editor may not see)
        raise SeedError([_unprintable(exc, text, rel)]) from None
    except yaml.MarkedYAMLError as exc:
        problem = str(exc.problem or exc.context or "cannot be read")
        at = exc.problem_mark or exc.context_mark
        line = text.split("\n")[at.line] if at and at.line < text.count("\n") + 1 else ""
        message, at_start = _plain(problem, line, at.column if at else 0)
        mark = (exc.context_mark if at_start else None) or exc.problem_mark or exc.context_mark
        raise SeedError([Problem(_at(rel, mark), message)]) from None


def _unprintable(exc: yaml.reader.ReaderError, text: str, rel: str) -> Problem:
    at = SourceLoc(rel, text.count("\n", 0, exc.position) + 1, exc.position - text.rfind("\n", 0, exc.position))
    return Problem(
        at, f"this line holds U+{exc.character:04X}, an invisible character these files may not hold: delete it"
    )


def _convert(node: yaml.Node, rel: str, problems: list[Problem], scalars: _Loader, within: tuple = ()) -> Any:
    loc = _at(rel, node.start_mark)
    if node in within:  # (an alias inside the value it names: the value would hold itself)
        problems.append(Problem(loc, _ITSELF))
        return None
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, rel, problems, scalars, (*within, node))
    if isinstance(node, yaml.SequenceNode):
        items = LocList(_convert(n, rel, problems, scalars, (*within, node)) for n in node.value)
        items.loc = loc
        items.item_locs = [_at(rel, n.start_mark) for n in node.value]
        return items
    return _scalar(node, loc, problems, scalars)


_ITSELF = "a '*' inside this value names the '&' that starts it, so the value would hold itself: write it out in full"
# The kinds of value the seeds hold (any other, such as ``!!binary``, is written with a tag).
_SCALARS = {f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null")}


def _scalar(node: yaml.Node, loc: SourceLoc, problems: list[Problem], scalars: _Loader) -> Any:
    if node.tag in _SCALARS:
        try:
            return scalars.construct_object(node)
        except (ValueError, KeyError):  # (``!!int x``: a tag the value does not fit)
            pass
    if node.tag == "tag:yaml.org,2002:merge":
        problems.append(Problem(loc, "'<<' cannot copy fields here: write each field out in full"))
    else:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(Problem(loc, f"'{tag}' cannot be read here: delete it and write the value alone"))
    return None


def _mapping(node: yaml.MappingNode, rel: str, problems: list[Problem], scalars: _Loader, within: tuple) -> LocDict:
    result = LocDict()
    result.loc, result.key_locs = _at(rel, node.start_mark), {}
    twice = False
    for key_node, value_node in node.value:
        key = _convert(key_node, rel, problems, scalars, within)
        key_loc = _at(rel, key_node.start_mark)
        if not isinstance(key, str):
            if key is not None or key_node.tag == "tag:yaml.org,2002:null":  # (else said already)
                problems.append(Problem(key_loc, f"the key {key!r} must be text"))
            continue
        if key in result:
            if not twice:  # (one message a mapping: a missing '- ' repeats every key after it)
                problems.append(
                    Problem(
                        key_loc,
                        f"the key '{key}' appears twice in this mapping "
                        f"(first at line {result.key_locs[key].line}): if this line "
                        "starts another item of a list, put '- ' before it",
                    )
                )
            twice = True
            continue
        result[key] = _convert(value_node, rel, problems, scalars, within)
        result.key_locs[key] = key_loc
    return result
