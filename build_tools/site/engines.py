"""The engines that turn the generated Markdown into HTML: MkDocs (the default) or Zensical.

This is the engine boundary. Before it, the generator writes plain Markdown into docs/;
after it, the publishing stage (:mod:`build_tools.site.publish`) sanitises, fixes and indexes
the built folder, whichever engine built it. Each engine reads ``mkdocs.yml``:

* **MkDocs** runs it as it is, with our hooks (``build_tools/site/hooks.py``: front matter
  escaped, long navigation sections trimmed, essays' sections named by their label),
  its loops over the pages on every core (``build_tools/site/mkdocs_build.py``);
* **Zensical** does not run hooks: it is given a copy of the configuration without them,
  with ``!ENV`` and ``!relative`` values written out (it reads neither). What it lacks
  against MkDocs: the trimmed navigation (Material's ``navigation.prune``, in the
  configuration, keeps each page's sidebar to its own section), essays' sections named
  by their folder, and the build date in hand-written pages' citation tags.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from ..config import read_config

ENGINES = ("mkdocs", "zensical")


def build(engine: str, root: Path, site_dir: Path, environ: dict[str, str]) -> int:
    """Build the site of ``root`` into ``site_dir`` with ``engine``, strictly (a warning
    fails the build); the engine's exit status."""
    if engine == "mkdocs":  # (MkDocs' own command, its loops over the pages on every core)
        command = [
            sys.executable,
            "-m",
            "build_tools.site.mkdocs_build",
            "build",
            "--strict",
            "--site-dir",
            str(site_dir),
        ]
        return subprocess.run(command, cwd=root, env=environ).returncode
    config = read_config(root / "mkdocs.yml", environ)
    config.pop("hooks", None)
    config["site_dir"] = str(site_dir)
    adapted = root / ".zensical.yml"  # (beside mkdocs.yml: the paths in it are relative to it)
    adapted.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    try:
        return subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(adapted)],
            cwd=root,
            env=environ,
        ).returncode
    finally:
        adapted.unlink()
