"""The cleaning rules of a text where several people speak (a transcript, a hearing, an
interview): each speaker's label marked as such and each paragraph given the label of the
turn it is in, and the separators between turns removed.

A label is a speaker's name or role in capitals, as transcripts write them: on a line of
its own (``MODERADOR``, ``PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR``), or opening a paragraph
before a colon (``MODERADOR: Buenos días.``). The essay's ``participants`` say whom each
label stands for; the label itself stays in the text, shown as the turn's heading.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ...model import Corpus
from ...problems import Problem
from .blocks import Block
from .rules import RuleError, rule

# A speaker's label: words in capitals (with initials, hyphens, apostrophes, parentheses),
# at most twelve of them, ending with a letter (not "GRACIAS.", a word said in capitals). Whether it is in capitals is checked apart (any alphabet's).
_LABEL = r"[^\W\d_](?:[\w.'’()\- ]{0,78}?[\w)])?"
_LINE = re.compile(rf"({_LABEL})\s*:?")
_PREFIX = re.compile(rf"({_LABEL})\s*:\s+(?=\S)")


def _in_capitals(label: str) -> bool:
    return label == label.upper() and label != label.lower() and len(label.split()) <= 12


def speaker_label(text: str) -> str:
    """The label as the essay's ``participants`` name it: without the colon after it."""
    return text.rstrip(": ")


def _label_at(block: Block, shape: str) -> int:
    """Where the label that opens ``block`` ends (0: it opens with none)."""
    if block.kind != "paragraph":
        return 0
    if shape == "line":
        m = _LINE.fullmatch(block.text)
    else:
        m = _PREFIX.match(block.text)
    return m.end() if m and _in_capitals(m.group(1)) else 0


@rule
def speaker_turns(blocks, params, record):
    """Mark each speaker's label, and give each paragraph after it that speaker's label,
    until the next. ``labels`` says how the text writes them: ``line`` (a name in capitals
    on a line of its own) or ``prefix`` (a name in capitals and a colon opening the
    paragraph: "MODERADOR: Buenos días")."""
    shape = params["labels"]
    out: list[Block] = []
    speaker = ""
    for block in blocks:
        end = _label_at(block, shape)
        if end:
            text = block.text[:end].rstrip()
            speaker = speaker_label(text)
            record("marked", block, (0, end), detail="speaker")
            out.append(replace(block, text=text, origins=block.origins[: len(text)], kind="speaker", speaker=speaker))
            if end == len(block.text):
                continue
            block = replace(block, text=block.text[end:], origins=block.origins[end:])
        out.append(replace(block, speaker=speaker) if block.kind == "paragraph" else block)
    if not any(b.kind == "speaker" for b in out):
        raise RuleError(_NO_LABEL[shape])
    return out


_NO_LABEL = {
    "line": (
        "no paragraph of the text is a speaker's name in capitals on a line of its own: if the text "
        "has one paragraph a line, declare 'one_paragraph_per_line' before this rule; if each name "
        "opens its paragraph before a colon, write 'labels: prefix'"
    ),
    "prefix": (
        "no paragraph of the text opens with a speaker's name in capitals and a colon "
        "(\"MODERADOR: …\"): if each name stands on a line of its own, write 'labels: line'; if a "
        "time stamp opens each line (\"[00:01:02] MODERADOR: …\"), declare 'timestamps' before this rule"
    ),
}


@rule
def separators(blocks, params, record):
    """Remove every paragraph that is only the separator ``text`` ("---", "* * *"), however
    many there are."""
    text = params["text"]
    kept = [b for b in blocks if b.text != text]
    if len(kept) == len(blocks):
        raise RuleError(
            f"no paragraph of the text is only the separator {text!r}: copy it exactly from the text "
            "(if it stands on a line inside a paragraph, declare 'one_paragraph_per_line' before this rule)"
        )
    for block in blocks:
        if block.text == text:
            record("removed", block)
    return kept


def unheard(corpus: Corpus) -> list[Problem]:
    """A warning for each participant whose label opens no speaker's turn of its essay, and
    for each label of a turn that no participant names."""
    found = []
    for essay in corpus.essays:
        labels = {unicodedata.normalize("NFC", p.speaker): p for p in reversed(essay.paragraphs) if p.kind == "speaker"}
        for who in essay.participants:
            if unicodedata.normalize("NFC", who.label).rstrip(": ") not in labels:
                found.append(Problem(who.loc or essay.loc, _unheard(who.label, essay.slug, bool(labels)), "warning"))
        rule = next((r for r in essay.rules if r.name == "speaker_turns"), None)
        for label, first in sorted(labels.items(), key=lambda item: item[1].line):
            if rule and not essay.participant(label):
                found.append(
                    Problem(
                        rule.loc,
                        f"essay '{essay.slug}' has turns of '{label}' (line {first.line} of the text), whom its "
                        "'participants' do not name: add it there with its 'name' or 'role' (if it is not a "
                        "speaker, it is a line in capitals that this rule took for one)",
                        "warning",
                    )
                )
    return found


def _unheard(label: str, slug: str, turns: bool) -> str:
    return f"the participant '{label}' opens no speaker's turn of essay '{slug}': " + (
        "copy its 'label' exactly from the text"
        if turns
        else "declare the cleaning rule 'speaker_turns', which finds the turns"
    )
