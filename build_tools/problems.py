"""User-facing problems: what an editor did wrong, where, in one sentence.

A problem is not a bug. Stages collect every problem they find and raise them
together as :class:`SeedError`; the command line prints each as
``path:line:column: message`` and exits 1, with no traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

# An error stops the build; a warning does too with --strict; a notice never does.
Severity = Literal["error", "warning", "notice"]


@dataclass(frozen=True, order=True)
class SourceLoc:
    """Where something came from: a path relative to the project root, 1-based line and column.

    A location about a whole file has no line (0); one about a whole line has no column.
    """

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return ":".join(str(part) for part in (self.path, self.line, self.column) if part)


@dataclass(frozen=True, order=True)
class Problem:
    loc: SourceLoc
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = f"{self.severity}: " if self.severity != "error" else ""
        # (one line, whatever text of the editor's the message quotes: its line breaks are spaces)
        message = " ".join(line.strip() for line in self.message.splitlines() if line.strip())
        return f"{self.loc}: {prefix}{message}"


class SeedError(Exception):
    """One or more problems in the seeds; the build stops before writing anything."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Collector:
    """Gathers problems during a stage; :meth:`raise_if_any` ends the stage if there are errors."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, loc: SourceLoc, message: str) -> None:
        self.problems.append(Problem(loc, message))

    def warning(self, loc: SourceLoc, message: str) -> None:
        self.problems.append(Problem(loc, message, "warning"))

    def notice(self, loc: SourceLoc, message: str) -> None:
        self.problems.append(Problem(loc, message, "notice"))

    def extend(self, found: Iterable[Problem]) -> None:
        """Record the problems ``found`` elsewhere (in a worker, by a schema, in an earlier build)."""
        self.problems.extend(found)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def raise_if_any(self) -> None:
        if self.errors:  # (notices wait: a translation behind its English is for after the fix)
            raise SeedError([p for p in self.problems if p.severity != "notice"])


def line_list(lines: Sequence[int], shown: int = 5) -> str:
    """Where several entries of one file are, for a problem that names them all at once:
    "line 3", "lines 3, 8", or past ``shown`` of them "lines 3, 8, 12, 20, 31 and 4 more"."""
    listed = ", ".join(str(line) for line in lines[:shown])
    more = f" and {len(lines) - shown} more" if len(lines) > shown else ""
    return f"{'line' if len(lines) == 1 else 'lines'} {listed}{more}"
