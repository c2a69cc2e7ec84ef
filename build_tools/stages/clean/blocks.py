"""The text as blocks: split at blank lines, every character remembering where it came from."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...model import ParagraphKind

# Marks carried through later rules in the text, turned into ranges at the end:
# emphasis, and a footnote marker (its characters stay, between the two marks).
EM_OPEN, EM_CLOSE, NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
MARKS = EM_OPEN + EM_CLOSE + NOTE_OPEN + NOTE_CLOSE
# Origins that are not offsets in the raw text: a character the build put in for
# layout (a mark, a space joining two blocks), the space that stands for a line end of the
# source inside a block (rules that read lines split at it), or the text of correction k
# (-10 - k).
LAYOUT = -1
LINE_END = -2
CORRECTION = -10


@dataclass(frozen=True)
class Block:
    text: str
    line: int
    kind: ParagraphKind = "paragraph"
    origins: tuple[int, ...] = ()  # one per character of text
    speaker: str = ""  # (the label of the speaker's turn it is in: see turns.py)

    def splice(self, start: int, end: int, new: str = "", origin: int = LAYOUT) -> Block:
        """This block with ``text[start:end]`` replaced by ``new`` (whose characters get ``origin``)."""
        return replace(
            self,
            text=self.text[:start] + new + self.text[end:],
            origins=self.origins[:start] + (origin,) * len(new) + self.origins[end:],
        )


def split_blocks(raw: str) -> list[Block]:
    """Blocks of text separated by blank lines, each with the line it starts on."""
    blocks: list[Block] = []
    text: list[str] = []
    origins: list[int] = []
    start = offset = 0
    for number, line in enumerate(raw.split("\n") + [""], start=1):
        stripped = line.strip()
        if stripped:
            if not text:
                start = number
            else:
                text.append(" ")
                origins.append(LINE_END)
            first = offset + line.index(stripped)
            text.append(stripped)
            origins.extend(range(first, first + len(stripped)))
        elif text:
            blocks.append(Block("".join(text), start, origins=tuple(origins)))
            text, origins = [], []
        offset += len(line) + 1
    return blocks


def lines_of(block: Block) -> list[tuple[int, int]]:
    """The ``(start, end)`` in ``block.text`` of each line of the source the block holds."""
    ends = [i for i, o in enumerate(block.origins) if o == LINE_END]
    return list(zip([0] + [i + 1 for i in ends], ends + [len(block.text)]))


def cut(block: Block, start: int, end: int, line: int | None = None, kind: ParagraphKind | None = None) -> Block:
    """The part ``text[start:end]`` of ``block`` as a block of its own (starting on ``line``)."""
    return replace(
        block,
        text=block.text[start:end],
        origins=block.origins[start:end],
        line=block.line if line is None else line,
        kind=block.kind if kind is None else kind,
    )
