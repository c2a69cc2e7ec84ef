"""Nothing an editor writes makes a traceback (issue 34, part 7).

Hypothesis edits each seeds file of the fixture corpus, and each hand-written page, as a
hurried editor might: lines deleted, duplicated, swapped or joined; indentation changed;
any Unicode typed anywhere (a NUL, a byte-order mark, combining accents); a value
replaced by one of the wrong kind (a list where text is, a number, null, a nested
mapping) or by another value of the file, texts cut or their accents decomposed, keys
renamed or removed; the file saved with a BOM, CRLF, in Latin-1 or with a bad byte. An
essay's text is edited as if it were received again (its ``source_sha256`` updated), so
that cleaning and anchoring read it.

Each edit must end in ``ok`` or in problems printed as ``path:line: message`` (or
``path: message`` for a problem about a whole file, such as its name): through
:func:`build_tools.pipeline.check`, where a :class:`SeedError` is the only exception
allowed, and, for fewer edits, through the command line ``python -m build_tools check``.
The command line's edits run its ``main`` in this process, as a fresh interpreter would
run it (what it prints, its exit code, a traceback or a warning written to its standard
error): a process of its own for each cost three times the check (0.4 s of CPU against
0.1 s). One test runs the command itself, in a process of its own.

The examples are derandomised, so CI runs the same ones every time. ``FUZZ_EXAMPLES``
sets how many each file gets (``FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py`` to look
harder locally); a crash found that way becomes a case of ``test_fuzz_regressions.py``.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import hashlib
import io
import os
import re
import subprocess
import sys
import time
import traceback
import unicodedata
import warnings
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from build_tools.__main__ import main
from build_tools.memoised import Cache
from build_tools.pipeline import check
from build_tools.problems import SeedError
from tests.conftest import FIXTURE, ROOT, copy_project

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
SEEDS = sorted(p.relative_to(FIXTURE).as_posix() for p in (FIXTURE / "seeds").rglob("*") if p.is_file())
# The hand-written pages, whose front matter and citations editors write too.
PAGES = sorted(p.relative_to(FIXTURE).as_posix() for p in (FIXTURE / "docs").rglob("*.md"))
# What the command line may print: a problem, the count of errors, or ok. A problem names
# a file of the project and, unless it is about the whole file (its name, a file missing),
# the line (problems.py's SourceLoc).
PROBLEM = re.compile(r"(seeds/|docs/|mkdocs\.yml)[^:\n]*(:\d+(:\d+)?)?: [^\n]+")
SUMMARY = re.compile(r"\d+ errors?: nothing was written\.|ok: [^\n]+")

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# Every key the fixture's seeds use, and a few near misses, for renaming keys.
KEYS = sorted(
    {m for p in (FIXTURE / "seeds").rglob("*.yml") for m in re.findall(r"(?m)^[ -]*([a-z_]+):", p.read_text("utf-8"))}
    | {"Title", "titel", "date ", "es_", "<<", "?", "- id", "1", "null", "true", "é"}
)
# Values of the wrong kind, as an editor would type them after a field's colon.
WRONG = [
    "",
    "~",
    "null",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "[[x]]",
    "42",
    "-1",
    "0",
    "3.5",
    "1e999",
    ".nan",
    "true",
    "no",
    '""',
    "''",
    "|",
    ">-",
    "- x",
    "2014-07-01",
    "12:30",
    "0x1F",
    "&a x",
    "*a",
    "!!str 42",
    "!!int x",
    "!!binary aGk=",
    "!tag x",
    "? x",
    "x: y",
    "'unclosed",
    '"bad \\q escape"',
    "trade, violence",
    "javascript:alert(1)",
    "<b>x</b>",
    "http://",
]
# Characters editors' tools put where they do not belong.
ODD = [
    "\x00",
    "\ufeff",
    "\u2028",
    "\u200b",
    "\r",
    "\t",
    "\x85",
    "e\u0301",
    "\U0001f600",
    "\ud7ff",
    "#",
    ": ",
    "- ",
    '"',
    "'",
    "[",
    "{",
    "}",
    "&a ",
    "*a",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    "---",
    "...",
    "\\",
    "[^1]",
    "¹",
    "  ",
    "\n",
    "\n\n",
]
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12),
    st.sampled_from(ODD),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    st.sampled_from(["", "trade", "broad-2014", "2014-07", "agrees", "https://example.org/", "NAFTA"]),
    st.sampled_from(["0000", "0001-01-01", "2000-02-29", "1900-02-29", "2014-02-30", "9999-12-31", "2014-00"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), inner, max_size=3),
    ),
    max_leaves=6,
)
KEY_LINE = re.compile(r"^(\s*(?:- )?)([^\s:#'\"-][^:#]*?):(?=\s|$)(.*)$")


# Edits of a file's lines, any file.


def _delete(data, lines: list[str]) -> None:
    i = data.draw(st.integers(0, len(lines) - 1), label="delete at line")
    del lines[i : i + data.draw(st.integers(1, 3), label="lines")]


def _duplicate(data, lines: list[str]) -> None:
    i = data.draw(st.integers(0, len(lines) - 1), label="duplicate line")
    lines.insert(data.draw(st.integers(0, len(lines)), label="before line"), lines[i])


def _swap(data, lines: list[str]) -> None:
    i = data.draw(st.integers(0, len(lines) - 1), label="swap line")
    j = data.draw(st.integers(0, len(lines) - 1), label="with line")
    lines[i], lines[j] = lines[j], lines[i]


def _join(data, lines: list[str]) -> None:
    i = data.draw(st.integers(0, max(0, len(lines) - 2)), label="join line")
    lines[i : i + 2] = ["".join(lines[i : i + 2])]


def _indent(data, lines: list[str]) -> None:
    i = data.draw(st.integers(0, len(lines) - 1), label="indent line")
    indent = data.draw(st.sampled_from(["", " ", "  ", "   ", "    ", "     ", "        ", "\t", "  \t", "\u00a0"]))
    lines[i] = indent + lines[i].lstrip(" \t")


def _type(data, lines: list[str]) -> None:
    i = data.draw(st.integers(0, len(lines) - 1), label="type on line")
    at = data.draw(st.integers(0, len(lines[i])), label="at column")
    lines[i] = lines[i][:at] + data.draw(TEXT, label="typed") + lines[i][at:]


# Edits of a YAML file's fields, as text.


def _key_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if KEY_LINE.match(line)] or [0]


def _revalue(data, lines: list[str]) -> None:
    i = data.draw(st.sampled_from(_key_lines(lines)), label="value on line")
    if m := KEY_LINE.match(lines[i]):
        value = data.draw(st.one_of(st.sampled_from(WRONG), TEXT), label="new value")
        lines[i] = f"{m[1]}{m[2]}: {value}"


def _rename(data, lines: list[str]) -> None:
    i = data.draw(st.sampled_from(_key_lines(lines)), label="key on line")
    if m := KEY_LINE.match(lines[i]):
        key = data.draw(st.one_of(st.sampled_from(KEYS), TEXT), label="new key")
        lines[i] = f"{m[1]}{key}:{m[3]}"


LINE_EDITS = [_delete, _duplicate, _swap, _join, _indent, _type]
YAML_EDITS = [*LINE_EDITS, _revalue, _rename]


# Edits of a YAML file's data: the file parsed, changed and written again.


def _places(value, path: tuple = ()) -> list[tuple]:
    """The path of every value in ``value``."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _places(item, (*path, i))
    return found


def _value_at(tree, path: tuple):
    for step in path:
        tree = tree[step]
    return tree


def _replace(data, tree, parent, key) -> None:
    parent[key] = data.draw(VALUES, label="new value")


def _copy(data, tree, parent, key) -> None:
    """Another value of the same file here (an id where a quote is, a date where a title is)."""
    parent[key] = copy.deepcopy(_value_at(tree, data.draw(st.sampled_from(_places(tree)), label="copy of")))


def _retext(data, tree, parent, key) -> None:
    """A text edited in place: cut, its accents decomposed, its case changed, typed into."""
    if isinstance(text := parent[key], str):
        how = data.draw(st.sampled_from(["cut", "NFD", "upper", "strip", "type"]), label="retext")
        at = data.draw(st.integers(0, len(text)), label="at")
        edits = {
            "cut": lambda: text[:at],
            "NFD": lambda: unicodedata.normalize("NFD", text),
            "upper": text.upper,
            "strip": lambda: text.strip(" .,;:"),
            "type": lambda: text[:at] + data.draw(TEXT, label="typed") + text[at:],
        }
        parent[key] = edits[how]()


def _remove(data, tree, parent, key) -> None:
    del parent[key]


def _rekey(data, tree, parent, key) -> None:
    if isinstance(parent, dict):
        parent[data.draw(st.sampled_from(KEYS), label="new key")] = parent.pop(key)


def _wrap(data, tree, parent, key) -> None:
    parent[key] = [parent[key]]


def _empty(data, tree, parent, key) -> None:
    parent[key] = type(parent[key])() if isinstance(parent[key], (dict, list, str)) else None


def _repeat(data, tree, parent, key) -> None:
    if isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))


def _restructure(data, text: str) -> str:
    """One value of the file's data replaced, copied from elsewhere, edited, removed,
    renamed, wrapped in a list, emptied or repeated."""
    tree = yaml.load(text, Loader=yaml.CSafeLoader)
    places = [p for p in _places(tree) if p]
    if not places:
        return text
    *parent_path, key = data.draw(st.sampled_from(places), label="value at")
    how = data.draw(st.sampled_from([_replace, _copy, _retext, _remove, _rekey, _wrap, _empty, _repeat]), label="how")
    how(data, tree, _value_at(tree, parent_path), key)
    return yaml.dump(tree, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=10_000)


def _save(data, text: str) -> bytes:
    """The text as the editor's tool saves it: mostly UTF-8, sometimes not quite."""
    how = data.draw(
        st.sampled_from(["utf-8"] * 6 + ["bom", "crlf", "latin-1", "bad byte", "no newline"]), label="saved"
    )
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if how == "crlf":
        return text.replace("\n", "\r\n").encode()
    if how == "latin-1":
        return text.encode("latin-1", "replace")
    if how == "bad byte":
        at = data.draw(st.integers(0, len(text)), label="bad byte at")
        return (
            text[:at].encode()
            + data.draw(st.sampled_from([b"\xff", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80"]))
            + text[at:].encode()
        )
    return text.rstrip("\n").encode() if how == "no newline" else text.encode()


def edit(data, rel: str, original: str) -> bytes:
    """``original``, the text of the file ``rel``, edited in one to four ways."""
    text = original
    if rel.endswith(".yml") and data.draw(st.integers(0, 3), label="edit its data") == 0:
        text = _restructure(data, text)
    edits = LINE_EDITS if rel.endswith(".txt") else YAML_EDITS
    for _ in range(data.draw(st.integers(0 if text != original else 1, 3), label="edits")):
        lines = text.split("\n")
        data.draw(st.sampled_from(edits), label="edit")(data, lines)
        text = "\n".join(lines)
    return _save(data, text)


class Project:
    """A copy of the fixture corpus to edit one file at a time, and put back."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.original = {rel: (root / rel).read_bytes() for rel in SEEDS + PAGES}
        self.cache = Cache()
        self._clock = time.time_ns()

    def write(self, rel: str, content: bytes) -> None:
        path = self.root / rel
        path.write_bytes(content)
        # Each version of a file gets a date of its own, so that the build's memos (which
        # tell versions apart by size and dates) never take one edit for another.
        self._clock += 1
        os.utime(path, ns=(self._clock, self._clock))

    def apply(self, rel: str, content: bytes) -> None:
        """Save ``content`` as ``rel``; an essay's text as received again (its SHA-256 updated)."""
        self.write(rel, content)
        if rel.endswith(".txt"):
            meta = rel[:-4] + ".yml"
            sha = hashlib.sha256(content).hexdigest().encode()
            self.write(meta, re.sub(rb"(?m)^source_sha256: .*$", b"source_sha256: " + sha, self.original[meta]))

    def restore(self) -> None:
        for rel, content in self.original.items():
            if (self.root / rel).read_bytes() != content:
                self.write(rel, content)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    return Project(copy_project(tmp_path_factory.mktemp("fuzz") / "project"))


def _diff(before: bytes, after: bytes, rel: str) -> str:
    """What an edit changed, for the report of a failing example (its first 60 lines)."""
    lines = difflib.unified_diff(
        before.decode().splitlines(True), after.decode("utf-8", "replace").splitlines(True), rel, rel, n=1
    )
    return "".join(list(lines)[:60])


def assert_plain(lines: list[str]) -> None:
    for line in lines:
        assert PROBLEM.fullmatch(line), f"not path:line: message: {line!r}"


def check_edited(project: Project, rel: str, data) -> None:
    """Edit ``rel`` and check the project in process: ok, or problems with their lines."""
    content = edit(data, rel, project.original[rel].decode())
    project.apply(rel, content)
    try:
        assert_plain(said(project))
    except BaseException:
        note(_diff(project.original[rel], content, rel))
        raise
    finally:
        project.restore()


def said(project: Project) -> list[str]:
    """What the check of ``project`` says: its problems, or its warnings and what is untranslated."""
    try:
        checked = check(project.root, project.cache)
    except SeedError as exc:
        assert exc.problems
        return [str(p) for p in exc.problems]
    return [str(p) for p in checked.warnings + checked.untranslated]


@pytest.mark.parametrize("rel", [rel for rel in SEEDS if rel.endswith(".yml")])
@FUZZ
@given(data=st.data())
def test_no_edit_of_a_seeds_file_makes_a_traceback(project, rel, data):
    check_edited(project, rel, data)


# An essay's text is cleaned and its quotes found again at each edit: fewer examples.
@pytest.mark.parametrize("rel", [rel for rel in SEEDS if rel.endswith(".txt")])
@settings(FUZZ, max_examples=max(4, EXAMPLES // 3))
@given(data=st.data())
def test_no_edit_of_an_essays_text_makes_a_traceback(project, rel, data):
    check_edited(project, rel, data)


# A page's front matter and its citations ([[claim:…]], [[essay#p-…]]).
@pytest.mark.parametrize("rel", PAGES)
@settings(FUZZ, max_examples=max(4, EXAMPLES // 4))
@given(data=st.data())
def test_no_edit_of_a_hand_written_page_makes_a_traceback(project, rel, data):
    check_edited(project, rel, data)


# The warnings a fresh interpreter does not print (Python's default filters).
SILENT = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)


def check_in_process(root: Path) -> tuple[int, str, str]:
    """``python -m build_tools --root root check`` run by its ``main`` in this process: its
    exit code, its standard output and its standard error, where an exception escaping it
    is written as the interpreter writes it (a traceback, exit 1), and each warning that
    Python's default filters show is written after what it printed (recorded here, since
    pytest's own recording of warnings would otherwise take them)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        with warnings.catch_warnings(record=True) as shown:
            warnings.simplefilter("default")
            for category in SILENT:
                warnings.simplefilter("ignore", category)
            try:
                code = main(["--root", str(root), "check"])
            except Exception:
                traceback.print_exc()
                code = 1
    err.writelines(warnings.formatwarning(w.message, w.category, w.filename, w.lineno, w.line) for w in shown)
    return code, out.getvalue(), err.getvalue()


def check_in_a_process(root: Path) -> tuple[int, str, str]:
    """``python -m build_tools --root root check`` in a process of its own: its exit code,
    its standard output and its standard error."""
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "check"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout, done.stderr


def assert_said_plainly(code: int, stdout: str, stderr: str) -> None:
    """The command line said ok, or where each problem is and how many errors it found,
    and showed no traceback."""
    out = stdout.split("\n")[:-1] + stderr.split("\n")[:-1]  # (each line ends in "\n")
    assert "Traceback" not in stderr
    assert code in (0, 1), stderr
    assert_plain([line for line in out if not SUMMARY.fullmatch(line)])
    if code == 0:
        assert stdout.startswith("ok: ")
    else:
        assert SUMMARY.fullmatch(stderr.split("\n")[-2])


@settings(FUZZ, max_examples=max(8, EXAMPLES // 5))
@given(data=st.data())
def test_the_command_line_says_ok_or_where_and_never_shows_a_traceback(project, data):
    rel = data.draw(st.sampled_from(SEEDS), label="file")
    content = edit(data, rel, project.original[rel].decode())
    project.apply(rel, content)
    try:
        said = check_in_process(project.root)
    finally:
        project.restore()
    note(_diff(project.original[rel], content, rel))
    assert_said_plainly(*said)


@pytest.mark.parametrize("broken", [False, True], ids=["ok", "a value of the wrong kind"])
def test_the_command_itself_says_ok_or_where_in_a_process_of_its_own(project, broken):
    """The real command, ``python -m build_tools check``: ok on the fixture corpus, and
    the problem's file and line, then the count of errors, when a theme's title is a list."""
    rel = "seeds/themes.yml"
    if broken:
        project.apply(rel, project.original[rel].replace(b"    title: Trade\n", b"    title: [Trade]\n", 1))
    try:
        code, stdout, stderr = check_in_a_process(project.root)
    finally:
        project.restore()
    assert code == broken
    assert (stderr.split("\n")[0] if broken else stdout).startswith("seeds/themes.yml:4:" if broken else "ok: ")
    assert_said_plainly(code, stdout, stderr)


def test_the_command_line_run_in_process_shows_what_a_process_would(project, monkeypatch):
    """A check that warns, or that raises, is said on the standard error as the command's
    own process would say it, so that the fuzz of the command line sees either."""
    import build_tools.__main__ as cli

    def warns(*args):
        warnings.warn("an odd thing", stacklevel=1)
        return check(*args)

    monkeypatch.setattr(cli, "check", warns)
    code, stdout, stderr = check_in_process(project.root)
    assert code == 0 and stdout.startswith("ok: ") and "UserWarning: an odd thing" in stderr
    with pytest.raises(AssertionError, match="not path:line: message"):
        assert_said_plainly(code, stdout, stderr)

    def raises(*args):
        raise KeyError("a bug")

    monkeypatch.setattr(cli, "check", raises)
    code, stdout, stderr = check_in_process(project.root)
    assert code == 1 and "Traceback (most recent call last)" in stderr and "KeyError: 'a bug'" in stderr
