"""HTML the generator writes that the engine never reads: set aside, then spliced back.

An essay's paragraphs are written by the generator as HTML (with their ids, glossary links
and correction marks). Given to the engine inside the Markdown page, they would be parsed
again by Python-Markdown for nothing: it passes raw HTML through unchanged, but not
without reading it — a third of the time it takes over an essay's page. So the render
stage sets such HTML aside: each run of it becomes one marker in the page,

    <div data-spliced="essays/broad-2014/.spliced.json#3f9c0a1e2b7d4c58"><a id="p-…"></a>…</div>

(holding an empty link for each id of the HTML, so that the engine still checks links to
them) and the HTML goes into a file beside the page (``.spliced.json``: by the hash of each
piece; engines skip files whose name starts with a dot). After the engine, the
publishing stage (:mod:`build_tools.site.publish`) puts each piece back in place of its
marker, before it sanitises the page, whichever engine built it. The hash is in the
marker, so a page whose HTML changes changes too (``mkdocs serve --dirty`` rebuilds it). So
are the glossary entries the HTML links (``data-terms``), for the Markdown extension to
keep one link a term in each section, as it would if it read the HTML (:func:`with_seen`).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

from .markdown_text import TERM_LINK

SIDECAR = ".spliced.json"
# (a piece of HTML set aside while a page is rendered, by its number: between NUL characters,
# which a page's text does not hold)
_PLACEHOLDER = "\x00spliced-{}\x00"
_RUN = re.compile(r"\x00spliced-\d+\x00(?:\s*\x00spliced-\d+\x00)*")
MARKER = re.compile(
    r'<div data-spliced="([^"#]*)#([0-9a-f]{16})"(?: data-(terms|plain)="([^"]*)")?>(?:<a id="[^"]*"></a>)*</div>'
)
_ID = re.compile(r'<[a-z][^>]* id="([^"]+)"')


class SpliceError(Exception):
    """A marker the publishing stage cannot resolve."""


def placeholder(number: int) -> str:
    return _PLACEHOLDER.format(number)


def renumbered(page: str, by: int) -> str:
    """``page`` with the number of each of its placeholders raised ``by`` as many: a part
    rendered on its own, its pieces put after the ``by`` pieces set aside before it."""
    return re.sub(r"\x00spliced-(\d+)\x00", lambda m: placeholder(int(m[1]) + by), page) if by else page


def _digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()[:16]


def set_aside(page: str, pieces: list[str], path: str) -> dict[str, str]:
    """``page`` (at ``path`` under the edition's docs folder) with each run of placeholders
    (of ``pieces``, separated by nothing but blank space) made one marker, and the file
    beside it that holds their HTML; the page alone if it has none."""
    kept: dict[str, str] = {}
    sidecar = posixpath.join(posixpath.dirname(path), SIDECAR)

    def marker(run: re.Match) -> str:
        html = "\n\n".join(pieces[int(n)] for n in re.findall(r"\x00spliced-(\d+)\x00", run.group(0)))
        kept[digest := _digest(html)] = html
        anchors = "".join(f'<a id="{anchor}"></a>' for anchor in _ID.findall(html))
        terms = " ".join(dict.fromkeys(m[1] for m in TERM_LINK.finditer(html)))
        listed = f' data-terms="{terms}"' if terms else ""
        return f'<div data-spliced="{sidecar}#{digest}"{listed}>{anchors}</div>'

    page = _RUN.sub(marker, page)
    if not kept:
        return {path: page}
    return {path: page, sidecar: json.dumps(kept, ensure_ascii=False, indent=0, sort_keys=True) + "\n"}


def with_seen(block: str, seen: set[str]) -> str:
    """A marker (raw HTML the engine read) with the glossary terms its HTML links that
    ``seen`` holds (linked earlier in the section) listed to be made plain words when it is
    spliced; the others are added to ``seen``. (The Markdown extension keeps one link a term
    in each section: :class:`build_tools.site.markdown_ext.GlossaryLinks`.)"""

    def listed(m: re.Match) -> str:
        terms = m[1].split()
        plain = " ".join(t for t in terms if t in seen)
        seen.update(terms)
        return f' data-plain="{plain}"' if plain else ""

    return re.sub(r' data-terms="([^"]*)"', listed, block, count=1) if block.startswith("<div data-spliced=") else block


def splice(output: str, docs: Path) -> str:
    """The built page ``output`` with each marker replaced by the HTML it stands for, read
    from the file it names under ``docs``."""
    read: dict[str, dict[str, str]] = {}

    def piece(m: re.Match) -> str:
        name, digest, listed, terms = m.groups()
        if posixpath.basename(name) != SIDECAR or ".." in name.split("/") or name.startswith("/"):
            raise SpliceError(f"a page holds a marker for {name}, which is not a file the generator writes")
        if name not in read:
            try:
                read[name] = json.loads((docs / name).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SpliceError(f"docs/{name} is missing or damaged: build the site again (make site)") from exc
        html = read[name].get(digest)
        if html is None or _digest(html) != digest:
            raise SpliceError(
                f"docs/{name} does not hold the HTML a page was built with: build the site again (make site)"
            )
        if listed == "plain":
            plain = set(terms.split())
            html = TERM_LINK.sub(lambda link: link[2] if link[1] in plain else link[0], html)
        return html

    output = MARKER.sub(piece, output)
    if "<div data-spliced=" in output:  # (a marker changed on its way through the engine: its HTML would be lost)
        raise SpliceError("a page holds a marker of HTML set aside that the engine changed: it cannot be put back")
    return output
