"""The engines that turn the generated Markdown into HTML: MkDocs (the default) or Zensical.

This is the engine boundary. Before it, the generator writes plain Markdown into docs/;
after it, the publishing stage (:mod:`build_tools.site.publish`) sanitises, fixes and indexes
the built folder, whichever engine built it. Each engine reads ``mkdocs.yml``:

* **MkDocs** runs it as it is, with our hooks (``build_tools/site/hooks.py``: front matter
  escaped, long navigation sections trimmed, essays' sections named by their label),
  its loops over the pages on every core (``build_tools/site/mkdocs_build.py``);
* each **edition** but the first (``extra.alternate``: the Spanish one) is built as a site of
  its own from ``docs/<lang>/``, by either engine, with a configuration derived from
  ``mkdocs.yml`` (:func:`edition_config`: its language, its folder, its words) and a copy
  of the site's assets;
* **Zensical** does not run hooks: it is given a copy of the configuration without them,
  with ``!ENV`` and ``!relative`` values written out (it reads neither). What it lacks
  against MkDocs: the trimmed navigation (Material's ``navigation.prune``, in the
  configuration, keeps each page's sidebar to its own section), essays' sections named
  by their folder, and the build date in hand-written pages' citation tags.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from ..config import read_config
from ..languages import catalogue, gettext

ENGINES = ("mkdocs", "zensical")


def edition_config(root: Path, language: str, folder: str, environ: dict[str, str]) -> dict:
    """mkdocs.yml as the edition in ``language`` reads it, built from ``docs/<folder>/``: its
    theme in that language, its paths into docs/ pointing into its folder, its address and
    its links to the other editions one folder up, and the site's words in the
    configuration translated."""
    config = _moved(read_config(root / "mkdocs.yml", environ), str(root / "docs"), folder)
    config["docs_dir"] = f"docs/{folder}"
    config["theme"]["language"] = language
    _translate_words(config, language)
    # The site's own words in the theme's templates and scripts (overrides/partials/words.html)
    config["extra"]["words"] = {m: t for m, t in catalogue(language).items() if isinstance(t, str)}
    config["extra"]["generator"] = False  # (Material's "Made with" line is in English alone)
    _move_addresses(config, folder)
    return config


def _moved(value, docs: str, folder: str):
    """``value`` (of the configuration) with each path into ``docs`` pointing into its ``folder``."""
    if isinstance(value, dict):
        return {k: _moved(v, docs, folder) for k, v in value.items()}
    if isinstance(value, list):
        return [_moved(v, docs, folder) for v in value]
    if isinstance(value, str) and (value == docs or value.startswith(docs + "/")):
        return f"{docs}/{folder}{value[len(docs) :]}"
    return value


def _translate_words(config: dict, language: str) -> None:
    """The site's words in ``config`` in ``language``: the site's description and copyright,
    the permalinks' title, and the names of the colour palette's toggles."""
    for key in ("site_description", "copyright"):
        if config.get(key):
            words = " ".join(config[key].split())  # (as extracted: build_tools/languages.py)
            config[key] = gettext(language, words)
    for extension in config.get("markdown_extensions") or []:
        options = extension.get("toc") if isinstance(extension, dict) else None
        if options and (title := options.get("permalink_title")):
            options["permalink_title"] = gettext(language, title)
    for palette in config["theme"].get("palette") or []:
        if name := (palette.get("toggle") or {}).get("name"):
            palette["toggle"]["name"] = gettext(language, name)


def _move_addresses(config: dict, folder: str) -> None:
    """``config``'s address moved into the edition's ``folder``, and its links to the other
    editions (``extra.alternate``) made one folder up, each with its own address."""
    site = (config.get("site_url") or "").rstrip("/")
    if site:
        config["site_url"] = f"{site}/{folder}/"
    for alternate in config["extra"]["alternate"]:
        alternate["link"] = "../" + alternate["link"].removeprefix("./")
        if site:  # (each edition's own address, for the hreflang links)
            alternate["site"] = f"{site}/{alternate['link'].removeprefix('../')}"


def _copy_assets(root: Path, folder: str) -> None:
    """The site's own assets (docs/assets/) in the edition's folder: each edition is a site of
    its own (the folder is one of the write stage's COPIED, which it leaves alone)."""
    target = root / "docs" / folder / "assets"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(root / "docs" / "assets", target)


def configuration(
    engine: str,
    root: Path,
    environ: dict[str, str],
    site_dir: Path | None = None,
    language: str | None = None,
    folder: str = "",
) -> Path | None:
    """The configuration ``engine`` reads for the edition in ``language`` (the first, from docs/
    itself, if None): None for mkdocs.yml as it is, else the path of the one written for it
    beside mkdocs.yml (the paths in it are relative to it), which the caller removes. The
    edition's folder gets a copy of the site's assets."""
    if language is None and engine == "mkdocs":
        return None
    if language is not None:
        _copy_assets(root, folder)
        config = edition_config(root, language, folder, environ)
    else:
        config = read_config(root / "mkdocs.yml", environ)
    if engine != "mkdocs":
        config.pop("hooks", None)
        config["site_dir"] = str(site_dir)
    written = root / (f".mkdocs-{language}.yml" if engine == "mkdocs" else ".zensical.yml")
    written.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return written


# The engines whose builds of the editions run at once, using what each leaves of the
# cores idle (Zensical keeps a cache in the project's folder, .cache/, that two of its
# builds at once would share: its editions are built one after another).
AT_ONCE = {"mkdocs"}


class Build:
    """An engine building an edition in a process of its own (:func:`start`), or another step
    on an edition's built site (publishing it). What the process prints is kept until it
    ends and then said whole, so that editions built at once do not mix their lines."""

    def __init__(self, command: list[str], root: Path, site_dir: Path, environ: dict[str, str], written: Path | None):
        self.site_dir, self.written = site_dir, written
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            command, cwd=root, env=environ, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait(self) -> int:
        """The process's exit status, once it has ended and what it printed is said."""
        code = self.process.wait()
        self._done()
        return code

    def stop(self) -> None:
        """End the process if it still runs (another edition's step failed), and the workers
        it started: all are in a process group of their own, and each is waited for, since
        one left running would go on writing into the folder that the caller then removes."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            _wait_for_group(self.process.pid)
        self._done(say=False)

    def _done(self, say: bool = True) -> None:
        if self.log.closed:
            return
        if say:
            self.log.seek(0)
            sys.stderr.write(self.log.read().decode("utf-8", errors="replace"))
            sys.stderr.flush()
        self.log.close()
        if self.written is not None:
            self.written.unlink(missing_ok=True)


def _wait_for_group(group: int, seconds: float = 5.0) -> None:
    """Wait until every process of the ``group`` that was killed has ended: gone, or a zombie
    that nobody reaps (its parent, killed with it, cannot). Linux's /proc says which is which;
    elsewhere the group's last member's end is not seen, and this returns at once."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_running_in(group, stat) for stat in Path("/proc").glob("[0-9]*/stat")):
        time.sleep(0.01)


def _running_in(group: int, stat: Path) -> bool:
    """Whether the process whose /proc ``stat`` this is runs in the process ``group``."""
    try:
        state, _, pgrp = stat.read_text().rpartition(")")[2].split()[:3]
    except (OSError, ValueError):  # (it ended as it was read)
        return False
    return int(pgrp) == group and state not in "ZX"


def start(
    engine: str, root: Path, site_dir: Path, environ: dict[str, str], language: str | None = None, folder: str = ""
) -> Build:
    """Start building the edition of ``root`` in ``language`` (the first, from docs/ itself,
    if None) into ``site_dir`` with ``engine``, strictly (a warning fails the build)."""
    written = configuration(engine, root, environ, site_dir, language, folder)
    config_file = written or root / "mkdocs.yml"
    if engine == "mkdocs":  # (MkDocs' own command, its loops over the pages on every core)
        command = ["-m", "build_tools.site.mkdocs_build", "build", "--strict", "--site-dir", str(site_dir)]
    else:
        command = ["-m", "zensical", "build", "--strict"]
    command += ["--config-file", str(config_file)]
    try:
        return Build([sys.executable, *command], root, site_dir, environ, written)
    except BaseException:
        if written is not None:
            written.unlink()
        raise


def build(
    engine: str, root: Path, site_dir: Path, environ: dict[str, str], language: str | None = None, folder: str = ""
) -> int:
    """Build the edition (as :func:`start`), and wait for it: the engine's exit status."""
    running = start(engine, root, site_dir, environ, language, folder)
    try:
        return running.wait()
    finally:
        running.stop()
