"""The checks of each file's meaning, one file at a time: a seeds file's texts (``fields``)
and its translations (``translated``), an essay's raw text, and the front matter of the
hand-written pages. Each is a function of what ``load`` read of the file alone."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

from ...essay import Essay, EssayText
from ...problems import Collector, Problem, SourceLoc
from .. import records
from ..load import EssayFiles, Parsed, SeedRead
from ..site_files import Page, english_page
from ..yamlfile import LocDict, loc_of
from . import fields, translated


def checked(read: SeedRead) -> Parsed:
    """A seeds file's data and problems as load found them, checked for its texts' meaning
    and, if no error was found, for translations that may be behind: its data (None if an
    error was found, the schema's or these), and its problems."""
    data, found = read.parsed
    if data is None:
        return read.parsed
    found = found + fields.field_problems(data, found)
    if any(p.severity == "error" for p in found):
        return None, found
    return data, found + translated.seeds_notices(data)


def checked_each(reads: Sequence[SeedRead]) -> list[Parsed]:
    """Each of ``reads`` checked, in this process (build_tools/memoised.py checks them on
    every core)."""
    return [checked(read) for read in reads]


def essay_of(files: EssayFiles, meta: Parsed, text: EssayText) -> tuple[Essay | None, list[Problem]]:
    """The essay of metadata ``meta`` (checked) and raw text ``text`` (None if the text is not
    one, or not the one received); and the problems found."""
    if text.raw is None:
        return None, text.problems
    problems = Collector()
    data = meta[0]
    if (line := html_line(text.raw)) is not None:
        problems.error(
            SourceLoc(files.text.rel, line),
            "this text is HTML; add it with `new essay --source`, which extracts its text",
        )
    elif not text.raw.strip():
        problems.error(
            SourceLoc(files.text.rel, 1),
            "the text is empty: save the essay's text, exactly as received, in this file",
        )
    elif (
        data is not None
        and fields.source_unchanged(data, files.text.rel, text.sha256, problems)
        and _received_unchanged(files, data, text, problems)
    ):
        return records.essay(files.slug, data, text.raw, text.received, files.text.rel, text.sha256), problems.problems
    return None, problems.problems


def _received_unchanged(files: EssayFiles, data: LocDict, text: EssayText, problems: Collector) -> bool:
    """Whether the web page or PDF an essay's text was extracted from, if any, is there as
    received (its SHA-256 the one the metadata records)."""
    received = data.get("received")
    if received is None:
        return True
    rel = posixpath.join(posixpath.dirname(files.text.rel), received["file"])
    if text.extracted_from is None:
        problems.error(
            loc_of(received, "file"),
            f"{rel} is missing: put it back as received (the essay's text was extracted from it)",
        )
        return False
    if text.extracted_from != received["sha256"]:
        problems.error(
            loc_of(received, "sha256"),
            f"{rel} has changed since it was added (its SHA-256 is now {text.extracted_from}; this metadata "
            f"records {received['sha256']}): restore it as received; if it was received again, add it again "
            "with `new essay --source`",
        )
        return False
    return True


# A web page's markup at the start of a text: a doctype, a comment or a document's tag.
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|!--|(?:html|head|body|meta|article|div|p|section)[\s>/])", re.I)


def html_line(text: str) -> int | None:
    """The line on which ``text`` starts as a web page's markup does, if it does."""
    m = _HTML_START.match(text.lstrip("\ufeff"))
    return None if m is None else text.count("\n", 0, m.end()) + 1


def check_pages(pages: Sequence[Page], folders: tuple[str, ...], problems: Collector) -> None:
    """Record the problems of the hand-written pages' front matter (its texts, as a seeds
    file's), and (as notices) the pages in the editions' ``folders`` whose English changed
    since they were translated."""
    for page in pages:
        if isinstance(page.front, LocDict):
            problems.extend(fields.unsafe_text(page.front))
    texts = {page.rel: page.text for page in pages}
    for page in pages:
        english = english_page(page.rel, folders)
        if english in texts:
            translated.page_notice(page.rel, page.front, english, texts[english], problems)
