"""Stage 6, write: put the generated pages in place, all at once or not at all.

Only the pages that changed are written — into a staging folder beside ``docs/`` (on
the same disk, out of sight of ``mkdocs serve``, which watches ``docs/``); only when
every one is written are they moved into place, each by a rename, and the pages no
longer generated removed. If anything fails, the staging folder is removed and
``docs/`` is as it was. The pages that did not change keep their dates, so ``mkdocs
serve --dirty`` rebuilds only what changed. Hand-written pages are never touched:
every path must lie in a generated folder.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from stat import S_ISREG

from ..folders import GENERATED, generated


def on_disk(docs: Path, folders: tuple[str, ...]) -> dict[str, os.stat_result]:
    """The files now in the generated ``folders`` of ``docs``, by path under docs/, each with its ``stat``."""
    found: dict[str, os.stat_result] = {}
    for folder in folders:
        _scan(os.path.join(docs, folder), folder + "/", found)
    return found


def _scan(folder: str, prefix: str, found: dict[str, os.stat_result]) -> None:
    """Each file under ``folder`` into ``found``, by ``prefix`` and its path from there (paths as
    strings, and the folder's entries as the system lists them: a thousand essays' files are
    looked at on every build while serving)."""
    try:
        entries = os.scandir(folder)
    except OSError:  # (none yet: as os.walk, nothing)
        return
    with entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _scan(entry.path, prefix + entry.name + "/", found)
            elif S_ISREG((stat := entry.stat()).st_mode):
                found[prefix + entry.name] = stat


def _text(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def file_holds(path: str, stat: os.stat_result, text: str) -> bool:
    """Whether the file at ``path`` (whose ``stat`` is given) holds ``text``: its size first,
    then, if that is the same, its text, read."""
    return stat.st_size == len(text.encode("utf-8")) and _text(path) == text


# Whether the file at a path, with a ``stat``, holds a text: read (:func:`file_holds`), or known
# from an earlier build while its version is the same (build_tools/kept_pages.py).
Holds = Callable[[str, os.stat_result, str], bool]


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # (another disk, or links not allowed: copied)
        shutil.copy2(source, target)


def keep_generated(docs: Path) -> Path:
    """What the generated folders of ``docs`` hold now, kept beside it for :func:`put_back`:
    a folder of links to their files (a generated file is only ever replaced, never written
    into, so a link keeps what was written), not their texts in memory."""
    kept = Path(tempfile.mkdtemp(prefix=".kept-", dir=docs.parent))
    for name in GENERATED:
        if (docs / name).is_dir():
            shutil.copytree(docs / name, kept / name, copy_function=_link)
    return kept


def put_back(kept: Path, docs: Path) -> None:
    """The generated folders of ``docs`` as :func:`keep_generated` found them (``kept``)."""
    swap_in(*((kept / name if (kept / name).is_dir() else None, docs / name) for name in GENERATED))


def all_or_nothing(docs: Path, step: Callable[[], bool]) -> bool:
    """Run ``step``, which writes one edition's pages after another and more: if it fails
    (returns False, or raises), the generated folders of ``docs`` are put back as they were,
    the editions it had written included. Whether it succeeded."""
    kept = keep_generated(docs)
    try:
        done = step()
        if not done:
            put_back(kept, docs)
        return done
    except BaseException:
        put_back(kept, docs)
        raise
    finally:
        shutil.rmtree(kept, ignore_errors=True)


def swap_in(*moves: tuple[Path | None, Path]) -> None:
    """For each ``(staged, target)``, replace ``target`` (a file or folder) by ``staged``,
    or remove it if ``staged`` is None — by renames only, and all of them or none: if one
    fails, the others are undone."""
    done: list[tuple[Path | None, Path, Path | None]] = []  # (staged, target, old target set aside)
    try:
        for staged, target in moves:
            old = target.with_name(f".{target.name}.old-{os.getpid()}") if target.exists() else None
            if old is not None:
                target.rename(old)
            done.append((staged, target, old))
            if staged is not None:
                staged.rename(target)
    except BaseException:
        for staged, target, old in reversed(done):
            if staged is not None and not staged.exists() and target.exists():
                target.rename(staged)
            if old is not None:
                old.rename(target)
        raise
    for _, _, old in done:
        if old is not None:
            shutil.rmtree(old) if old.is_dir() else old.unlink()


def _same_in_first_edition(path: str, text: str, docs: Path, edition: str) -> Path | None:
    """The first edition's file at the same place as ``path`` of the edition in folder
    ``edition`` ("" for the first itself: None) if it holds the same ``text`` (an essay's
    downloads: its source, its references): the edition's file is then a link to it, not a
    copy. The first edition is written before the others, and a generated file is only ever
    replaced (renamed onto), never written into, so a link stays what was written."""
    if not edition:
        return None
    original = docs / path.removeprefix(edition + "/")
    content = text.encode("utf-8")
    try:
        same = os.stat(original).st_size == len(content) and original.read_bytes() == content
    except OSError:
        return None
    return original if same else None


def write(
    pages: Mapping[str, str] | Iterable[tuple[str, str]],
    docs: Path,
    folders: tuple[str, ...] = GENERATED,
    holds: Holds = file_holds,
    found: dict[str, os.stat_result] | None = None,
) -> list[str]:
    """Make the generated ``folders`` of ``docs`` (all by default; one edition's) hold exactly
    ``pages``: a mapping, or ``(path, text)`` pairs taken one at a time (each staged, then
    let go, so that a whole edition is never held at once); return the changed paths. Whether a file holds
    its page already, ``holds`` says; what files the folders hold, ``found`` (as :func:`on_disk`
    gives it), else they are listed."""
    found = on_disk(docs, folders) if found is None else found
    docs.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=docs.parent))
    try:
        changes = _stage(pages.items() if isinstance(pages, Mapping) else pages, found, docs, folders, holds, staging)
        for parent in dict.fromkeys(posixpath.dirname(path) for path in changes):  # (each made once: many share a few)
            (docs / parent).mkdir(parents=True, exist_ok=True)
        changed = sorted(changes)
        swap_in(*((changes[path], docs / path) for path in changed))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for path in changed:
        if changes[path] is None:  # a page no longer generated: the folders it leaves empty go too
            _remove_emptied((docs / path).parent, docs / next(g for g in folders if path.startswith(g + "/")))
    return changed


def _stage(
    pages: Iterable[tuple[str, str]],
    found: dict[str, os.stat_result],
    docs: Path,
    folders: tuple[str, ...],
    holds: Holds,
    staging: Path,
) -> dict[str, Path | None]:
    """What must change in ``docs``, by path: each page its file does not hold, staged in
    ``staging``; each file ``found`` that no page is any more, None (to be removed)."""
    edition = folders[0].rpartition("/")[0]  # (the edition's folder: "" for the first's, "es")
    top = os.path.join(docs, "")  # (each page's path on disk is top + its path under docs/)
    changes: dict[str, Path | None] = {}
    seen: set[str] = set()
    for path, text in pages:
        if not generated(path, folders):
            raise RuntimeError(f"refusing to write docs/{path}: not in a generated folder")
        if path in seen:
            raise RuntimeError(f"two pages would be written to docs/{path}")
        seen.add(path)
        if path not in found or not holds(top + path, found[path], text):
            # (staged side by side in one folder, then moved to their folders: this disk
            # creates a file in a folder of its own 5 to 8 times slower than beside others)
            changes[path] = staged = staging / str(len(changes))
            original = _same_in_first_edition(path, text, docs, edition)
            if original is not None:
                os.link(original, staged)
            else:
                staged.write_text(text, encoding="utf-8", newline="\n")
    changes.update(dict.fromkeys(found.keys() - seen))
    return changes


def _remove_emptied(folder: Path, top: Path) -> None:
    """``folder`` and each of its parents below ``top`` that is left empty, removed."""
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
