"""What the last ``make sources`` found at an essay's original, in a reader's words: the
sentence of the essay's page, and the words of the reference page's table. Given no
check (no status file, or an essay it did not check), nothing is said about checking."""

from __future__ import annotations

from ..languages import counted, date, gettext
from ..source_status import SourceCheck, State


def _original_state(language: str, state: State) -> str:
    """What came of fetching the original, when no page was read."""
    return {
        "gone": gettext(language, "the original is gone (its page no longer exists)"),
        "no-such-host": gettext(language, "the original is gone (its site's address no longer exists)"),
        "unreachable": gettext(language, "the original could not be reached"),
        "disallowed": gettext(language, "the original was not read (its site asks robots not to)"),
        "too-large": gettext(language, "the original was too large to read"),
    }.get(state) or gettext(language, "no text could be read at the original")


def _archive_state(language: str, state: State) -> str:
    """What came of fetching the archived copy, when no page was read."""
    return {
        "gone": gettext(language, "the archived copy is gone"),
        "no-such-host": gettext(language, "the archive's address no longer exists"),
        "unreachable": gettext(language, "the archived copy could not be reached"),
        "disallowed": gettext(language, "the archived copy was not read (the archive asks robots not to)"),
        "too-large": gettext(language, "the archived copy was too large to read"),
    }.get(state) or gettext(language, "no text could be read in the archived copy")


def state(language: str, value: State | None) -> str:
    """A copy's state in a word or two, for the reference page's table ("" for none)."""
    words = {
        "ok": gettext(language, "read"),
        "gone": gettext(language, "gone"),
        "no-such-host": gettext(language, "site gone"),
        "unreachable": gettext(language, "unreachable"),
        "disallowed": gettext(language, "robots not allowed"),
        "too-large": gettext(language, "too large"),
        "unreadable": gettext(language, "no text"),
    }
    return words[value] if value else ""


def _original(language: str, check: SourceCheck) -> str:
    if check.state != "ok":
        return _original_state(language, check.state)
    if check.missing:
        return counted(
            language, "{num} quote no longer found there", "{num} quotes no longer found there", check.missing
        )
    if check.found == 0:
        return gettext(language, "the original is still there")
    if check.found == 1:
        return gettext(language, "the quote still at the source")
    return counted(language, "all {num} quote still at the source", "all {num} quotes still at the source", check.found)


def _archive(language: str, check: SourceCheck) -> str | None:
    """What the archived copy makes up for, when the original does not hold every quote."""
    wanting = check.quotes - check.found - check.unchecked
    if check.state == "ok" and not check.missing:
        return None
    if check.archive_state is None:
        return gettext(language, "no archived copy is on record")
    if check.archive_state != "ok":
        return _archive_state(language, check.archive_state)
    if check.archive_lacks:
        return counted(
            language,
            "the archived copy lacks {num} of them",
            "the archived copy lacks {num} of them",
            check.archive_lacks,
        )
    if check.state == "ok":
        return gettext(language, "the archived copy has them")
    if wanting == 1:
        return gettext(language, "the archived copy has the quote")
    if wanting:
        return counted(
            language, "the archived copy has all {num} quote", "the archived copy has all {num} quotes", wanting
        )
    return None


def sentence(language: str, check: SourceCheck | None) -> str | None:
    """ "Checked on 2 December 2026: all 14 quotes still at the source", or what else was
    found; None without a check."""
    if check is None:
        return None
    clauses = [_original(language, check), _archive(language, check)]
    if check.unchecked and "ok" in (check.state, check.archive_state):  # (else no quote was looked for)
        clauses.append(
            counted(
                language,
                "{num} quote added since is not checked yet",
                "{num} quotes added since are not checked yet",
                check.unchecked,
            )
        )
    found = "; ".join(c for c in clauses if c)
    return gettext(language, "Checked on {date}: {found}.").format(date=date(language, check.checked), found=found)
