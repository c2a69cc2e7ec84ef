"""An essay's notes in number order, and the ids of the markers that point to them:
what the essay page lists and the report on how the text was prepared checks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..ids import note_id
from ..model import Essay, Paragraph


@dataclass(frozen=True)
class NoteEntry:
    """One entry of an essay's notes: a numbered note (its text may be missing from the
    source), or a note the source does not number. ``refs`` are the ids of its markers."""

    id: str
    label: str
    note: Paragraph | None
    refs: tuple[str, ...]


def essay_notes(essay: Essay) -> tuple[dict[str, tuple[str, ...]], list[NoteEntry]]:
    """The ids of each paragraph's note markers, and the essay's notes in number order.

    Numbers the source skips (a marker with no note, a note with no marker, or
    neither) get an entry saying so; notes without a number follow, in source order.
    """
    marker_ids: dict[str, tuple[str, ...]] = {}
    refs: dict[str, list[str]] = defaultdict(list)
    for p in essay.paragraphs:
        ids = []
        for _, label in p.notes:
            refs[label].append(f"ref-{label}" + (f"-{len(refs[label]) + 1}" if refs[label] else ""))
            ids.append(refs[label][-1])
        marker_ids[p.id] = tuple(ids)
    numbered = {n.label: n for n in essay.notes if n.label}
    labels = set(numbered) | set(refs)
    if labels and all(label.isdigit() for label in labels):
        labels |= {str(i) for i in range(1, max(map(int, labels)) + 1)}
    entries = [
        NoteEntry(note_id(label), label, numbered.get(label), tuple(refs.get(label, ())))
        for label in sorted(labels, key=lambda x: (not x.isdigit(), int(x) if x.isdigit() else 0, x))
    ]
    entries += [NoteEntry(n.id, "", n, ()) for n in essay.notes if not n.label]
    return marker_ids, entries
