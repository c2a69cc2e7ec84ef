"""Stage 6, write: put the generated pages in place, all at once or not at all.

Pages are written into a staging folder beside their destination; only when every
file is written are the generated folders swapped in, each by a rename. If
anything fails, the staging folder is removed and ``docs/`` is as it was.
Hand-written pages are never touched: every path must lie in a generated folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# The folders of docs/ that the build owns (and that .gitignore lists).
GENERATED = ("essays", "themes", "reference", "snippets")


def _read_tree(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in folder.rglob("*") if p.is_file()}


def swap_in(staged: Path, target: Path) -> None:
    """Replace ``target`` by the folder ``staged`` (same parent) with renames only."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    try:
        staged.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old)


def write(pages: dict[str, str], docs: Path) -> list[str]:
    """Make the generated folders of ``docs`` hold exactly ``pages``; return the changed paths."""
    for path in pages:
        if path.split("/")[0] not in GENERATED or ".." in path.split("/"):
            raise RuntimeError(f"refusing to write docs/{path}: not in a generated folder")
    current: dict[str, str] = {}
    for name in GENERATED:
        current.update({f"{name}/{k}": v for k, v in _read_tree(docs / name).items()})
    changed = sorted(p for p in set(pages) | set(current) if pages.get(p) != current.get(p))
    if not changed:
        return []

    docs.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=docs))
    try:
        for path, text in sorted(pages.items()):
            out = staging / path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8", newline="\n")
        for name in GENERATED:
            (staging / name).mkdir(exist_ok=True)
            swap_in(staging / name, docs / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return changed
