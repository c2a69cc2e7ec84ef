"""The copy of each edition to read offline: a zip of the published edition that works
when it is opened from a folder (``file://``), written into the edition as
``<site>-<language>.zip`` (``root-causes-en.zip``, ``es/root-causes-es.zip``).

It is the published edition itself, finished for a folder in one pass over its files:

* a link to a folder leads to its ``index.html`` (a browser shows a folder's listing, not
  its index page);
* a link to another edition, or to a copy (neither is in the copy), leads to the online
  site when its address is known (``SITE_URL``);
* each essay's ``passages.json`` and each theme's claims JSON are also a script that hands
  its data to ``previews.js``, which loads them with ``<script src>`` from a folder, where
  a browser refuses ``fetch`` (``offline.js``, which each page of the copy loads, tells
  it how: the published site pays nothing for it); the passages, which no page links
  to, are in the copy as a script alone;
* each page opens with a note that search needs the online site: Pagefind cannot run from
  a folder (and the theme hides its search box there), so the search index is left out.

The zip is reproducible: its entries are sorted and dated by ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import functools
import html
import os
import posixpath
import re
import time
import zipfile
from pathlib import Path
from typing import NamedTuple

from ..languages import N_, gettext

# What the copy leaves out: the search index, which needs a web server, and the page a
# server shows for an address it does not have (whose links are from the site's root).
_LEFT_OUT = ("pagefind/", "404.html")
# The data that previews.js reads, which the copy also has as scripts.
_PREVIEW_DATA = re.compile(r"(?:essays/[^/]+/passages|themes/[^/]+/[^/]+-claims)\.json")
# Those of them that no page links to (a theme page offers its claims' JSON to download):
# the copy has them as scripts alone.
_SCRIPT_ALONE = re.compile(r"essays/[^/]+/passages\.json")
_HREF = re.compile(r'(\shref=")([^"#?]*)([^"]*")')
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//")
_BODY = re.compile(r"<body[^>]*>")
SCRIPT = "assets/javascripts/offline.js"  # (in the copy: build_tools/site/offline.js)
# How hard the zip is compressed: at N = 1,000, 4 takes a quarter less CPU than zlib's usual
# 6 (1.9 s against 2.6 s an edition) for a zip 3% larger (30.3 MiB against 29.5)
_LEVEL = 4

OFFLINE_NOTE = N_("A copy to read offline: search works only on the online site.")


def zip_name(site_name: str, language: str) -> str:
    """The copy's file name: "root-causes-en.zip"."""
    return "-".join(re.findall("[a-z0-9]+", f"{site_name} {language}".lower())) + ".zip"


class Edition(NamedTuple):
    """Where an edition stands in the site: its ``folder`` ("" for the first), the other
    editions' folders, and the online site's address (None when not known)."""

    language: str
    folder: str
    others: tuple[str, ...]
    url: str | None

    def link(self, path: str, here: str) -> str:
        """A link's path (before any ``#`` or ``?``) on the page in folder ``here`` (from the
        edition's root), as the copy writes it."""
        return _link(self, path, here)

    def page(self, text: str, uri: str) -> str:
        """A built page (at ``uri`` from the edition's root) as the copy has it."""
        here = posixpath.dirname(uri)
        text = _HREF.sub(lambda m: m[1] + _link(self, m[2], here) + m[3], text)
        note = html.escape(gettext(self.language, OFFLINE_NOTE))
        if self.url:
            online = html.escape(f"{self.url}{self.folder + '/' if self.folder else ''}")
            note += f' <a href="{online}">{online}</a>'
        script = f'<script src="{posixpath.relpath(SCRIPT, here or ".")}"></script></head>'
        text = text.replace("</head>", script, 1)
        return _BODY.sub(lambda m: f'{m[0]}<p class="offline-note" role="note">{note}</p>', text, count=1)


# (the pages of a folder share most of their links, the navigation's: each is worked out
# once: 0.15 s of CPU less for an edition's copy at N = 1,000)
@functools.lru_cache(maxsize=1 << 16)
def _link(edition: Edition, path: str, here: str) -> str:
    """:meth:`Edition.link`."""
    if not path or _SCHEME.match(path):
        return path
    target = posixpath.normpath(posixpath.join(edition.folder, here, path))
    first = target.split("/")[0]
    # (the copies themselves are not in a copy)
    inside = first != ".." and (first == edition.folder if edition.folder else first not in edition.others)
    inside = inside and not path.endswith(".zip")
    if not inside:
        return (
            f"{edition.url}{'' if target == '.' else target}{'/' if path.endswith('/') else ''}"
            if edition.url
            else path
        )
    # (from the page to the same file in the copy, where the edition is at the top)
    found = _relative(target.removeprefix(edition.folder).lstrip("/") or ".", here or ".")
    if path.endswith("/") or posixpath.basename(path) in (".", ".."):
        return "index.html" if found == "." else f"{found}/index.html"
    return found


def _relative(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for two normalised paths from the edition's root
    ("." the root itself), without its two calls for the working directory (a third of the
    links' time)."""
    to, at = ([] if p == "." else p.split("/") for p in (path, start))
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def _entries(built: Path, edition: Edition, name: str):
    """Each file of the copy: (its path in the copy, its bytes), in order."""
    files = [(path.relative_to(built).as_posix(), path) for path in built.rglob("*") if path.is_file()]
    for uri, path in sorted([*files, (SCRIPT, Path(__file__).with_name("offline.js"))]):
        if uri.startswith(_LEFT_OUT) or uri == name:
            continue
        if uri.endswith(".html"):
            yield uri, edition.page(path.read_text(encoding="utf-8"), uri).encode()
            continue
        data = path.read_bytes()
        if _PREVIEW_DATA.fullmatch(uri):  # (x.js before x.json, as they sort)
            yield uri[: -len(".json")] + ".js", b"rootCausesData(document.currentScript.src," + data.strip() + b");\n"
        if not _SCRIPT_ALONE.fullmatch(uri):
            yield uri, data


def write_copy(built: Path, edition: Edition, site_name: str) -> Path:
    """Write the copy of the edition ``built`` into it; return the zip's path."""
    name = zip_name(site_name, edition.language)
    top = name.removesuffix(".zip")
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800)  # (1980, the earliest a zip can say)
    when = time.gmtime(max(epoch, 315532800))[:6]
    staged = built.parent / f".{name}.part"  # (beside the edition, not in it)
    with zipfile.ZipFile(staged, "w") as copy:
        for uri, data in _entries(built, edition, name):
            entry = zipfile.ZipInfo(f"{top}/{uri}", when)
            entry.external_attr = 0o644 << 16
            copy.writestr(entry, data, zipfile.ZIP_DEFLATED, _LEVEL)
    return staged.replace(built / name)
