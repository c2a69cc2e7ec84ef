"""Stage 3, clean: apply each essay's declared cleaning rules to its raw text.

The raw text is first split into blocks at blank lines (line breaks inside a block
are only wrapping, so they become spaces). Then the rules the essay's metadata
lists run in order; each is a small function registered in :data:`RULES` that
takes the blocks and returns new ones, recording every change it makes as a
:class:`Change` for the fidelity report. A rule that matches nothing, or more
than it should, is an error at its line.

Every character of a block remembers where it came from (:attr:`Block.origins`):
its offset in the raw text, or a code for what the build put in. At the end the
accounting must balance: each visible character of the source is shown unchanged
or was consumed by a recorded change, and nothing is shown that the source or a
declared correction does not say. Otherwise the build fails (:class:`Accounts`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import Callable

from .memo import Memo
from .model import Change, Corpus, Essay, Paragraph
from .problems import Collector, SourceLoc

# Marks carried through later rules in the text, turned into ranges at the end:
# emphasis, and a footnote marker (its characters stay, between the two marks).
EM_OPEN, EM_CLOSE, NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
MARKS = EM_OPEN + EM_CLOSE + NOTE_OPEN + NOTE_CLOSE
# Origins that are not offsets in the raw text: a character the build put in for
# layout (a space joining two lines, a mark), or the text of correction k (-10 - k).
LAYOUT = -1
_CORRECTION = -10
# The actions that account for the characters of the raw text they concern.
CONSUMING = ("removed", "corrected", "converted")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


@dataclass(frozen=True)
class Block:
    text: str
    line: int
    kind: str = "paragraph"
    origins: tuple[int, ...] = ()  # one per character of text

    def __post_init__(self) -> None:
        if len(self.origins) != len(self.text):  # a block made by hand (tests): layout throughout
            object.__setattr__(self, "origins", (LAYOUT,) * len(self.text))

    def splice(self, start: int, end: int, new: str = "", origin: int = LAYOUT) -> Block:
        """This block with ``text[start:end]`` replaced by ``new`` (whose characters get ``origin``)."""
        return replace(self, text=self.text[:start] + new + self.text[end:],
                       origins=self.origins[:start] + (origin,) * len(new) + self.origins[end:])


class RuleError(Exception):
    """A rule cannot do what its declaration asks; the message says why."""


def split_blocks(raw: str) -> list[Block]:
    """Blocks of text separated by blank lines, each with the line it starts on."""
    blocks, text, origins, start, offset = [], [], [], 0, 0
    for number, line in enumerate(raw.split("\n") + [""], start=1):
        stripped = line.strip()
        if stripped:
            if not text:
                start = number
            else:
                text.append(" ")
                origins.append(LAYOUT)
            first = offset + line.index(stripped)
            text.append(stripped)
            origins.extend(range(first, first + len(stripped)))
        elif text:
            blocks.append(Block("".join(text), start, origins=tuple(origins)))
            text, origins = [], []
        offset += len(line) + 1
    return blocks


Record = Callable[..., None]
RULES: dict[str, Callable[[list[Block], dict, Record], list[Block]]] = {}


def rule(fn):
    """Register a cleaning rule under its function name.

    A rule is called as ``fn(blocks, params, record)`` and returns the new blocks.
    It calls ``record(action, block, span=None, detail="", consumes=None)`` for each
    change: the action (see :class:`~build_tools.model.Change`), the block concerned,
    the ``(start, end)`` of its text concerned if not the whole block, and for a
    consuming action the spans whose source characters it accounts for, if not
    ``span`` itself.
    """
    RULES[fn.__name__] = fn
    return fn


def _one_starting_with(blocks: list[Block], start: str) -> int:
    hits = [i for i, b in enumerate(blocks) if b.text.startswith(start)]
    if not hits:
        raise RuleError(f"no block of the text starts with {start!r}")
    if len(hits) > 1:
        lines = ", ".join(str(blocks[i].line) for i in hits)
        raise RuleError(f"{len(hits)} blocks start with {start!r} (source lines {lines}): "
                        "give more of the opening words")
    return hits[0]


def _exactly_once(blocks: list[Block], text: str, what: str) -> tuple[int, int]:
    """(block index, offset) of the one occurrence of ``text`` in the blocks."""
    total = sum(b.text.count(text) for b in blocks)
    if total != 1:
        raise RuleError(f"the text to {what} must occur exactly once; it occurs {total} times: {text!r}")
    i = next(i for i, b in enumerate(blocks) if text in b.text)
    return i, blocks[i].text.index(text)


@rule
def drop(blocks, params, record):
    """Remove the one block that starts with ``starts_with``."""
    i = _one_starting_with(blocks, params["starts_with"])
    record("removed", blocks[i])
    return blocks[:i] + blocks[i + 1:]


@rule
def drop_from(blocks, params, record):
    """Remove the block that starts with ``starts_with`` and every block after it."""
    i = _one_starting_with(blocks, params["starts_with"])
    for block in blocks[i:]:
        record("removed", block)
    return blocks[:i]


def _tidy_spaces(block: Block) -> Block:
    """Collapse the runs of spaces (and trim the ends) that removing text can leave."""
    keep = [i for i, c in enumerate(block.text)
            if c != " " or (0 < i < len(block.text) - 1 and block.text[i - 1] != " ")]
    while keep and block.text[keep[-1]] == " ":
        keep.pop()
    return replace(block, text="".join(block.text[i] for i in keep),
                   origins=tuple(block.origins[i] for i in keep))


@rule
def remove_text(blocks, params, record):
    """Remove an exact piece of text that occurs once in the whole source."""
    text = params["text"]
    i, at = _exactly_once(blocks, text, "remove")
    record("removed", blocks[i], (at, at + len(text)))
    return blocks[:i] + [_tidy_spaces(blocks[i].splice(at, at + len(text)))] + blocks[i + 1:]


@rule
def correct(blocks, params, record):
    """An editor's correction: replace ``text`` (once in the source) by ``to``, openly.

    The page marks the corrected words and shows the source's reading; the
    fidelity report lists it. ``params["index"]`` numbers the essay's corrections.
    """
    text, to = params["text"], params["to"]
    i, at = _exactly_once(blocks, text, "correct")
    record("corrected", blocks[i], (at, at + len(text)), to)
    fixed = blocks[i].splice(at, at + len(text), to, _CORRECTION - params.get("index", 0))
    return blocks[:i] + [fixed] + blocks[i + 1:]


@rule
def mark(blocks, params, record):
    """Give one block a role other than body text (standfirst, editor's note, note on the author)."""
    i = _one_starting_with(blocks, params["starts_with"])
    record("marked", blocks[i], detail=params["as"])
    return blocks[:i] + [replace(blocks[i], kind=params["as"])] + blocks[i + 1:]


@rule
def headings(blocks, params, record):
    """Mark the blocks whose whole text is one of ``texts`` as headings."""
    out = list(blocks)
    for text in params["texts"]:
        hits = [i for i, b in enumerate(out) if b.text == text]
        if len(hits) != 1:
            raise RuleError(f"the heading {text!r} must be a whole block of the text "
                            f"exactly once; found {len(hits)}")
        out[hits[0]] = replace(out[hits[0]], kind="heading")
        record("marked", out[hits[0]], detail="heading")
    return out


_ENDS_SENTENCE = re.compile(rf"[.!?:;…][\"'”’)\]*\ue001]*[{SUPERSCRIPTS}]*$")


@rule
def join_broken_paragraphs(blocks, params, record):
    """Rejoin body paragraphs that a page end cut in two.

    A body paragraph that does not end a sentence (no closing ``.!?:;…``) continues
    in the next body paragraph. A word hyphenated across the break (``much-`` +
    ``maligned``) is joined without a space.
    """
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (prev and prev.kind == block.kind == "paragraph"
                and not _ENDS_SENTENCE.search(prev.text)):
            glue = "" if re.search(r"\w-$", prev.text) else " "
            record("joined", block, detail=f"{prev.text[-40:]} ¦ {block.text[:40]}")
            out[-1] = replace(prev, text=prev.text + glue + block.text,
                              origins=prev.origins + (LAYOUT,) * len(glue) + block.origins)
        else:
            out.append(block)
    return out


def _each_match(blocks, pattern: str, edit, markup, record, detail: str):
    """Apply ``edit(block, match)`` to every match of ``pattern``, last first, recording each;
    ``markup(match)`` gives the spans of the characters the edit consumes."""
    out = []
    for block in blocks:
        for m in reversed(list(re.finditer(pattern, block.text))):
            record("converted", block, m.span(), detail, consumes=markup(m))
            block = edit(block, m)
        out.append(block)
    return out


@rule
def emphasis(blocks, params, record):
    """Turn ``*text*`` into italics (the asterisks are consumed)."""
    def edit(block, m):
        return block.splice(m.end() - 1, m.end(), EM_CLOSE).splice(m.start(), m.start() + 1, EM_OPEN)
    return _each_match(blocks, r"\*([^*\s][^*]*?)\*", edit,
                       lambda m: [(m.start(), m.start() + 1), (m.end() - 1, m.end())], record, "italics")


@rule
def unescape(blocks, params, record):
    """Remove the backslash of an escaped character: ``\\$`` becomes ``$``."""
    return _each_match(blocks, r"\\[$*_\\`]", lambda b, m: b.splice(m.start(), m.start() + 1),
                       lambda m: [(m.start(), m.start() + 1)], record, "escaped character")


# A footnote marker: superscript digits right after a word or punctuation, or [^label].
_MARKER = re.compile(rf"(?<=\S)[{SUPERSCRIPTS}]+|\[\^[\w-]+\]")
# The start of a note in the notes section: its number, then the note's text.
_NOTE_START = re.compile(rf"(?:^|(?<=\s))(?:[{SUPERSCRIPTS}]+|\[\^[\w-]+\]:)(?=\s)")


@rule
def footnotes(blocks, params, record):
    """Turn footnote markers into links and the notes section into notes.

    Markers are superscript digits after a word (``policy.²``) or ``[^label]``. The
    notes are the blocks after the heading ``notes_heading`` (or, without one, the
    blocks starting ``[^label]:``); a block holding several notes is split at each
    number, and text before the first number is a note without one. Markers and
    numbers stay in the text, between marks; nothing is numbered that the source
    does not number.
    """
    heading = params.get("notes_heading")
    if heading is not None:
        i = next((i for i, b in enumerate(blocks) if b.text == heading), None)
        if i is None:
            raise RuleError(f"no block of the text is the notes heading {heading!r}")
        body, section = blocks[:i], blocks[i + 1:]
        head = [replace(blocks[i], kind="notes_heading")]
        record("marked", blocks[i], detail="notes heading")
    else:
        body = [b for b in blocks if not re.match(r"\[\^[\w-]+\]:", b.text)]
        section, head = [b for b in blocks if b not in body], []
    notes = [note for block in section for note in _split_notes(block)]
    for note in notes:
        record("marked", note, detail="note")
    return [_mark_markers(b) if b.kind != "heading" else b for b in body] + head + notes


def _between_note_marks(block: Block, start: int, end: int) -> Block:
    return block.splice(end, end, NOTE_CLOSE).splice(start, start, NOTE_OPEN)


def _mark_markers(block: Block) -> Block:
    for m in reversed(list(_MARKER.finditer(block.text))):
        block = _between_note_marks(block, m.start(), m.end())
    return block


def _split_notes(block: Block) -> list[Block]:
    starts = [m.start() for m in _NOTE_START.finditer(block.text)]
    cuts = ([0] if not starts or starts[0] > 0 else []) + starts + [len(block.text)]
    notes = []
    for start, end in zip(cuts, cuts[1:]):
        part = _tidy_spaces(replace(block, text=block.text[start:end], origins=block.origins[start:end]))
        m = _NOTE_START.match(part.text)
        if m:
            part = _between_note_marks(part, 0, m.end())
        notes.append(replace(part, kind="note"))
    return notes


def slugify(text: str, words: int = 0) -> str:
    """ASCII, lower-case, hyphen-separated; the first ``words`` words only, if given."""
    text = re.sub(r"(\w)['’](\w)", r"\1\2", text)  # "Fox's" -> "foxs", not "fox-s"
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts[:words] if words else parts)


def note_id(label: str) -> str:
    """The anchor of the note numbered ``label``."""
    return f"note-{slugify(label)}"


def paragraph_ids(paragraphs: list[Paragraph]) -> list[str]:
    """Stable ids: ``p-`` and the first six words of the paragraph; headings: their words.

    An id depends only on its own paragraph's opening words, so adding, removing or
    editing another paragraph never changes it. Paragraphs that open with the same
    six words are numbered in order (``-2``, ``-3``). Notes are ``note-`` and their
    number (``note-3``), or ``note-unnumbered-1``… in order for notes without one.
    """
    ids, seen = [], {}
    for p in paragraphs:
        if p.kind == "note":
            base = note_id(p.label) if p.label else "note-unnumbered"
        elif p.kind in ("heading", "notes_heading"):
            base = slugify(p.text)
        else:
            base = "p-" + slugify(p.text, 6)
        base = base or "p"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 and base != "note-unnumbered" else f"{base}-{seen[base]}")
    return ids


def _label(marker: str) -> str:
    """A note's number as plain text: ``¹¹`` → ``11``, ``[^a]`` or ``[^a]:`` → ``a``."""
    return marker.translate(str.maketrans(SUPERSCRIPTS, "0123456789")).strip("[^]:")


_A_MARK = re.compile(f"[{MARKS}]")


def to_paragraph(block: Block, corrections: list[str] = ()) -> Paragraph:
    """Take the marks out of a block's text, keeping what they marked as positions:
    emphasis ranges, corrections (with the source's reading), note markers and, for a
    note, its own number."""
    text, emphasis, fixed, refs = [], [], [], []
    label, em_start, marker, length = "", 0, None, 0
    pos = 0
    for m in [*_A_MARK.finditer(block.text), None]:
        end = m.start() if m else len(block.text)
        if marker is not None:
            marker.append(block.text[pos:end])
        else:
            if not length:  # (a note's text starts after its number)
                while pos < end and block.text[pos].isspace():
                    pos += 1
            if pos < end and min(block.origins[pos:end]) <= _CORRECTION:
                for i in range(pos, end):  # (the characters of a correction, each with its reading)
                    if block.origins[i] <= _CORRECTION:
                        k = _CORRECTION - block.origins[i]
                        if fixed and fixed[-1][3] == k and fixed[-1][1] == length + i - pos:
                            fixed[-1][1] += 1
                        else:
                            fixed.append([length + i - pos, length + i - pos + 1, corrections[k], k])
            text.append(block.text[pos:end])
            length += end - pos
        if m is None:
            break
        char, pos = m.group(), m.end()
        if char == EM_OPEN:
            em_start = length
        elif char == EM_CLOSE:
            emphasis.append((em_start, length))
        elif char == NOTE_OPEN:
            marker = []
        else:  # NOTE_CLOSE
            if block.kind == "note" and not length and not label:
                label = _label("".join(marker))
            else:
                refs.append((length, _label("".join(marker))))
            marker = None
    return Paragraph(id="", kind=block.kind, text="".join(text), line=block.line,
                     emphasis=tuple(emphasis), corrections=tuple((s, e, o) for s, e, o, _ in fixed),
                     notes=tuple(refs), label=label)


class Accounts:
    """Which characters of one raw text the recorded changes have accounted for."""

    def __init__(self, raw: str):
        self.raw = raw
        self.state = bytearray(len(raw))  # 0 not yet accounted for, 1 shown, 2 consumed by a change
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.problems: list[str] = []

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def consume(self, origins, rule_name: str) -> None:
        for o in origins:
            if o >= 0:
                if self.state[o]:
                    self._problem(o, f"rule '{rule_name}' accounts again for text already removed")
                self.state[o] = 2

    def balance(self, blocks: list[Block]) -> list[str]:
        """Mark what the blocks show; return the problems if the accounts do not balance."""
        for block in blocks:
            if self._shows_as_it_is(block):
                continue
            added = ""
            for char, o in zip(block.text, block.origins):
                if o >= 0:
                    if self.raw[o] != char:
                        self._problem(o, f"{self.raw[o]!r} is shown as {char!r} with no declared correction")
                    elif self.state[o] == 2:
                        self._problem(o, "text recorded as removed is still shown")
                    self.state[o] = 1
                elif o == LAYOUT and char not in MARKS:
                    added += char
            if added.strip():
                self.problems.append(f"{added.strip()!r} is shown in the block of source line {block.line} "
                                     "but is neither in the source nor a declared correction")
        missing = [i for i in _zeros(self.state) if not self.raw[i].isspace()]
        for run in _runs(missing):
            self._problem(run[0], f"text dropped that no rule declared: "
                                  f"{self.raw[run[0]:run[-1] + 1][:60]!r}")
        return self.problems

    def _shows_as_it_is(self, block: Block) -> bool:
        """Mark the characters of ``block`` shown, if it shows its source characters as they
        are, none recorded as removed, and adds nothing but marks and spaces: the common
        case, checked on whole strings (any other block is checked character by character,
        to say what is wrong)."""
        origins, text = block.origins, block.text
        if len(origins) < 2:
            return False
        if min(origins) >= 0:
            kept, shown = origins, text
        else:
            kept = [o for o in origins if o >= 0]
            shown = "".join([c for c, o in zip(text, origins) if o >= 0])
            if len(kept) < 2 or any(o == LAYOUT and c not in MARKS and not c.isspace()
                                    for c, o in zip(text, origins) if o < 0):
                return False
        pick = itemgetter(*kept)
        if "".join(pick(self.raw)) != shown or 2 in pick(self.state):
            return False
        for o in kept:
            self.state[o] = 1
        return True

    def _problem(self, offset: int, message: str) -> None:
        self.problems.append(f"source line {self.line_of(offset)}: {message}")

    def totals(self) -> tuple[int, int]:
        """(characters shown, characters consumed by changes), spaces not counted."""
        spaces = [m.start() for m in _SPACE.finditer(self.raw)]
        states = itemgetter(*spaces)(self.state) if len(spaces) > 1 else tuple(self.state[o] for o in spaces)
        return self.state.count(1) - states.count(1), self.state.count(2) - states.count(2)


_SPACE = re.compile(r"\s")


def _zeros(state: bytearray):
    """The offsets of ``state`` that hold 0."""
    i = state.find(0)
    while i >= 0:
        yield i
        i = state.find(0, i + 1)


def _runs(offsets: list[int]) -> list[list[int]]:
    """Consecutive offsets grouped (a gap of spaces does not break a run)."""
    runs: list[list[int]] = []
    for o in offsets:
        if runs and o - runs[-1][-1] <= 2:
            runs[-1].append(o)
        else:
            runs.append([o])
    return runs


def clean_essay(essay: Essay, problems: Collector) -> Essay:
    blocks, changes, accounts = split_blocks(essay.raw), [], Accounts(essay.raw)
    corrections = [r.params["text"] for r in essay.rules if r.name == "correct"]
    for step, r in enumerate(essay.rules, 1):
        reason = r.params.get("reason", "")

        def record(action, block, span=None, detail="", consumes=None, _r=r, _reason=reason, step=step):
            start, end = span or (0, len(block.text))
            origins = [o for o in block.origins[start:end] if o >= 0]
            line = accounts.line_of(origins[0]) if origins else block.line
            text = "".join(c for c in block.text[start:end] if c not in MARKS)
            chars = 0
            if action in CONSUMING:
                for s, e in consumes or [(start, end)]:
                    accounts.consume(block.origins[s:e], _r.name)
                    chars += sum(not block.text[i].isspace() and block.origins[i] >= 0 for i in range(s, e))
            changes.append(Change(_r.name, action, text, line, _reason, detail, chars, step))
        params = dict(r.params)
        if r.name == "correct":
            params["index"] = sum(x.name == "correct" for x in essay.rules[:step - 1])
        try:
            blocks = RULES[r.name](blocks, params, record)
        except RuleError as exc:
            problems.error(r.loc, f"cleaning rule '{r.name}' of essay '{essay.slug}': {exc}")
    if any(p.loc.path == essay.loc.path for p in problems.errors):
        return essay
    for message in accounts.balance(blocks):
        problems.error(SourceLoc(essay.source_path), f"the cleaning of essay '{essay.slug}' does not "
                       f"balance: {message}")
    shown, consumed = accounts.totals()
    paragraphs = [to_paragraph(b, corrections) for b in blocks]
    paragraphs = [replace(p, id=pid) for p, pid in zip(paragraphs, paragraph_ids(paragraphs))]
    return replace(essay, paragraphs=tuple(p for p in paragraphs if p.kind != "note"),
                   notes=tuple(p for p in paragraphs if p.kind == "note"), changes=tuple(changes),
                   balance=(shown, consumed))


# Cleaning is a function of an essay's source and rules alone: what it made for each
# essay is kept with them (see memo.py), so that `make serve` cleans again only the
# essay edited.
_cleaned: Memo[dict] = Memo()
_CLEANED = ("paragraphs", "notes", "changes", "balance")


def _clean_one(essay: Essay) -> tuple[dict, list]:
    """What cleaning made of ``essay`` (its new fields), and the problems it found."""
    problems = Collector()
    done = clean_essay(essay, problems)
    return {name: getattr(done, name) for name in _CLEANED}, problems.problems


def clean(corpus: Corpus) -> Corpus:
    """Every essay with its cleaned paragraphs, or SeedError if a rule could not apply."""
    problems = Collector()
    results = _cleaned.get_each([(e.slug, (e.source_path, e.raw, repr(e.rules)), e) for e in corpus.essays],
                                _clean_one, keep=lambda result: not result[1])  # (its problems are said again)
    essays = []
    for essay, (cleaned, found) in zip(corpus.essays, results):
        problems.problems += found
        essays.append(replace(essay, **cleaned))
    problems.raise_if_any()
    return replace(corpus, essays=tuple(essays))
