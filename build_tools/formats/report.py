"""The fidelity report of one essay: how its raw source became the text on the site.

Made from what the clean stage recorded (every change, and the balance it checked),
as plain data: published as JSON next to the essay, and as the page "How this text
was prepared". Nothing here is computed twice: the template only lays it out.
"""

from __future__ import annotations

import re

from ..ids import SUPERSCRIPTS
from ..languages import N_, SOURCE, counted, gettext
from ..model import Essay, Rule
from .markdown_text import shorten
from .notes import NoteEntry

_NOTE_STATUS = {
    (True, True): N_("note and marker"),
    (False, True): N_("marker only: the note's text is missing from the source"),
    (True, False): N_("note only: no marker for it in the text"),
    (False, False): N_("neither marker nor text in the source"),
}


_ROLES = {
    "standfirst": N_("the outlet's standfirst"),
    "editor_note": N_("an editor's note"),
    "author_note": N_("the outlet's note on the author"),
}


_HEADINGS = N_("section headings")  # (how the "headings" rule's sentence ends)


def told(rule: Rule, language: str = SOURCE) -> tuple[str, str]:
    """What a rule did and why, as the page says it: the sentence, then the editor's reason
    (as written, or as translated) to follow it. Where the reason names again the role the
    sentence ends with ("as the outlet's standfirst", "the outlet's standfirst (subheading)":
    its first three words the role's), it takes the role's place, so each thing is said once."""
    done, reason = what_was_done(rule, language), rule.params.get("reason") or ""
    message = _HEADINGS if rule.name == "headings" else _ROLES.get(rule.params.get("as") or "", "")
    role = gettext(language, message) if message else ""
    head = _WORD.findall(role.casefold())[:3]
    if reason and role and done.endswith(role) and _WORD.findall(reason.casefold())[: len(head)] == head:
        return done[: -len(role)], reason
    return (f"{done}: " if reason else done), reason


_WORD = re.compile(r"[\w’']+")


def _begins(text: str) -> str:
    return f"“{shorten(text, 60)}”"


def what_was_done(rule: Rule, language: str = SOURCE) -> str:
    """What a cleaning rule did, in one plain sentence in ``language`` (its reason follows it
    on the page)."""
    p = rule.params

    def say(message: str, **values) -> str:
        return gettext(language, message).format(**values)

    return {
        "drop": lambda: say("Removed the paragraph that begins {start}", start=_begins(p.get("starts_with", ""))),
        "drop_from": lambda: say(
            "Removed the paragraph that begins {start} and everything after it",
            start=_begins(p.get("starts_with", "")),
        ),
        "remove_text": lambda: say("Removed the words {text}", text=_begins(p.get("text", ""))),
        "correct": lambda: say(
            "Corrected {text} to {to}", text=_begins(p.get("text", "")), to=_begins(p.get("to", ""))
        ),
        "mark": lambda: say(
            "Showed the paragraph that begins {start} as {role}",
            start=_begins(p.get("starts_with", "")),
            role=gettext(language, _ROLES[role]) if (role := p.get("as")) in _ROLES else role,
        ),
        "headings": lambda: counted(
            language,
            "Showed {num} one-line paragraph as section headings",
            "Showed {num} one-line paragraphs as section headings",
            len(p.get("texts", ())),
        ),
        "speaker_turns": lambda: (
            say("Showed each speaker's name in capitals, on a line of its own, as the start of a turn")
            if p.get("labels") == "line"
            else say("Showed each speaker's name in capitals, before a colon, as the start of a turn")
        ),
        "separators": lambda: say("Removed every paragraph that is only {text}", text=_begins(p.get("text", ""))),
        "join_broken_paragraphs": lambda: say("Rejoined paragraphs that the source breaks in the middle"),
        "emphasis": lambda: say("Set in italics the words the source writes between asterisks (*like this*)"),
        "unescape": lambda: say("Wrote \\$ in the source as $"),
        "one_paragraph_per_line": lambda: say("Made each line of the source a paragraph of its own"),
        "hyphenation": lambda: (
            say("Joined the words the source hyphenates at line ends")
            + (
                say(", keeping the hyphen of {words}", words=", ".join(map(_begins, p["keep"])))
                if p.get("keep")
                else ""
            )
        ),
        "running_heads": lambda: say(
            "Removed the lines repeated on the pages: {texts}", texts=", ".join(map(_begins, p.get("texts", ())))
        ),
        "page_numbers": lambda: say("Removed the lines that hold only a page number"),
        "timestamps": lambda: say("Removed the time stamps that open the lines"),
        "footnotes": lambda: (
            say("Made each note marker a link to its note, and each note a link back")
            + (
                say("; the notes follow the heading {heading}", heading=_begins(p["notes_heading"]))
                if p.get("notes_heading")
                else ""
            )
        ),
    }[rule.name]()


def _marker_removed(essay: Essay, label: str, language: str) -> str | None:
    """Where the marker of note ``label`` went, when text that a rule removed held it."""
    markers = (label.translate(str.maketrans("0123456789", SUPERSCRIPTS)), f"[^{label}]")
    for c in essay.changes:
        if c.action == "removed" and any(m in c.text for m in markers if m != label):
            return gettext(
                language, "note only: its marker was in text removed by rule {step} (source line {line})"
            ).format(step=c.step, line=c.line)
    return None


def fidelity(essay: Essay, notes: list[NoteEntry], rule_docs: dict[str, str | None], language: str = SOURCE) -> dict:
    """The report, its sentences in ``language``."""
    total = sum(map(len, essay.raw.split()))  # (split() splits where isspace() is true)
    shown, consumed = essay.balance
    by_action = {
        action: sum(c.chars for c in essay.changes if c.action == action)
        for action in ("removed", "corrected", "converted")
    }
    return {
        "essay": essay.slug,
        "title": essay.title,
        "source": {
            "path": essay.source_path,
            "sha256": essay.source_sha256,
            "lines": essay.raw.count("\n") + (not essay.raw.endswith("\n")),
            "characters": total,
            **_received(essay),
        },
        "balance": {"source": total, "shown": shown, **by_action, "unaccounted": total - shown - consumed},
        "rules": [
            {
                "step": step,
                "rule": r.name,
                "does": (rule_docs.get(r.name) or "").split("\n")[0],
                "done": what_was_done(r, language),
                "reason": r.params.get("reason", ""),
                "told": told(r, language),
                "metadata_line": r.loc.line,
                "changes": sum(c.step == step for c in essay.changes),
                "characters": sum(c.chars for c in essay.changes if c.step == step),
            }
            for step, r in enumerate(essay.rules, 1)
        ],
        "removed": [_change(c) for c in essay.changes if c.action == "removed"],
        "corrections": [{**_change(c), "corrected": c.detail} for c in essay.changes if c.action == "corrected"],
        "converted": [{**_change(c), "as": c.detail} for c in essay.changes if c.action == "converted"],
        "joined": [{"step": c.step, "line": c.line, "at": c.detail} for c in essay.changes if c.action == "joined"],
        **_split(essay),
        "notes": [
            {
                "id": n.id,
                "number": n.label or None,
                "source_line": n.note.line if n.note else None,
                "markers": len(n.refs),
                "status": (n.note and not n.refs and _marker_removed(essay, n.label, language))
                or gettext(language, _NOTE_STATUS[(n.note is not None, bool(n.refs))])
                if n.label
                else gettext(language, "a note the source does not number"),
            }
            for n in notes
        ],
    }


def _received(essay: Essay) -> dict:
    """The web page or PDF the text was extracted from, and with what (only for such a text)."""
    r = essay.extracted_from
    return {"received": {"path": r.path, "sha256": r.sha256, "extracted_with": r.extracted_with}} if r else {}


def _split(essay: Essay) -> dict:
    """Where a rule made paragraphs at the source's line ends (only for an essay that has such
    a rule: the reports of the others stay as they were)."""
    split = [{"step": c.step, "line": c.line, "at": c.detail} for c in essay.changes if c.action == "split"]
    return {"split": split} if split else {}


def _change(c) -> dict:
    return {"step": c.step, "rule": c.rule, "line": c.line, "text": c.text, "characters": c.chars}
