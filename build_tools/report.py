"""The fidelity report of one essay: how its raw source became the text on the site.

Made from what the clean stage recorded (every change, and the balance it checked),
as plain data: published as JSON next to the essay, and as the page "How this text
was prepared". Nothing here is computed twice: the template only lays it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Essay

if TYPE_CHECKING:
    from .render import NoteEntry

_NOTE_STATUS = {
    (True, True): "note and marker",
    (False, True): "marker only: the note's text is missing from the source",
    (True, False): "note only: no marker for it in the text",
    (False, False): "neither marker nor text in the source",
}


def fidelity(essay: Essay, notes: list[NoteEntry], rule_docs: dict[str, str | None]) -> dict:
    total = len("".join(essay.raw.split()))  # (split() splits where isspace() is true)
    shown, consumed = essay.balance
    by_action = {action: sum(c.chars for c in essay.changes if c.action == action)
                 for action in ("removed", "corrected", "converted")}
    return {
        "essay": essay.slug,
        "title": essay.title,
        "source": {"path": essay.source_path, "sha256": essay.source_sha256,
                   "lines": essay.raw.count("\n") + (not essay.raw.endswith("\n")), "characters": total},
        "balance": {"source": total, "shown": shown, **by_action, "unaccounted": total - shown - consumed},
        "rules": [
            {"step": step, "rule": r.name, "does": (rule_docs.get(r.name) or "").split("\n")[0],
             "reason": r.params.get("reason", ""), "metadata_line": r.loc.line,
             "changes": sum(c.step == step for c in essay.changes),
             "characters": sum(c.chars for c in essay.changes if c.step == step)}
            for step, r in enumerate(essay.rules, 1)
        ],
        "removed": [_change(c) for c in essay.changes if c.action == "removed"],
        "corrections": [{**_change(c), "corrected": c.detail} for c in essay.changes if c.action == "corrected"],
        "converted": [{**_change(c), "as": c.detail} for c in essay.changes if c.action == "converted"],
        "joined": [{"step": c.step, "line": c.line, "at": c.detail} for c in essay.changes if c.action == "joined"],
        "notes": [
            {"id": n.id, "number": n.label or None, "source_line": n.note.line if n.note else None,
             "markers": len(n.refs),
             "status": _NOTE_STATUS[(n.note is not None, bool(n.refs))] if n.label else
             "a note the source does not number"}
            for n in notes
        ],
    }


def _change(c) -> dict:
    return {"step": c.step, "rule": c.rule, "line": c.line, "text": c.text, "characters": c.chars}
