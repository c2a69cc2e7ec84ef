"""mkdocs.yml, read as the engines read it, for the build's own use (the site's name and
address, and the configuration handed to an engine that does not read MkDocs' tags), and
the date of the sources built."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    _Libyaml = yaml.SafeLoader
else:
    _Libyaml = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def config_loader(
    config_dir: Path, environ: dict[str, str], base: type[yaml.SafeLoader] = yaml.SafeLoader
) -> type[yaml.SafeLoader]:
    """A YAML loader (a ``base`` with these tags) that reads mkdocs.yml as MkDocs does:
    ``!ENV [NAME, default]`` is the variable or the default, ``!relative $config_dir/x`` the
    path of x beside the file, and ``!!python/…`` tags are read as None."""

    class Loader(base):  # type: ignore[valid-type,misc]
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node):
        names: list
        if isinstance(node, yaml.ScalarNode):
            names, default = [loader.construct_scalar(node)], None
        elif isinstance(node, yaml.SequenceNode):
            names, default = loader.construct_sequence(node), None
            if len(names) > 1:
                default = names.pop()  # (the last of two or more is the default)
        else:
            raise yaml.constructor.ConstructorError(None, None, "!ENV takes a name or a list of names", node.start_mark)
        return next((environ[n] for n in names if n in environ), default)

    def relative(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
        return str(config_dir / loader.construct_scalar(node).removeprefix("$config_dir").lstrip("/"))

    Loader.add_constructor("!ENV", env)
    Loader.add_constructor("!relative", relative)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    return Loader


def editions(config: dict) -> tuple[tuple[str, str], ...]:
    """The site's editions as mkdocs.yml's ``extra.alternate`` lists them, one per language:
    (language, folder), the first edition's folder "" (the site's root); the one edition
    of ``theme.language`` if it lists none."""
    alternate = (config.get("extra") or {}).get("alternate") or []
    found = tuple(
        (a["lang"], a["link"].strip("./"))
        for a in alternate
        if isinstance(a, dict) and isinstance(a.get("lang"), str) and isinstance(a.get("link"), str)
    )
    return found or (((config.get("theme") or {}).get("language") or "en", ""),)


def read_config(path: Path, environ: Mapping[str, str] | None = None) -> dict:
    """mkdocs.yml as the engines read it (see :func:`config_loader`), parsed by libyaml (in
    C) where PyYAML has it: ``check`` reads it each time, and PyYAML's own parser took half
    of a check of the fixture corpus. A file libyaml refuses is read again by PyYAML's
    parser, whose errors (worded otherwise) are the ones said."""
    given = dict(os.environ if environ is None else environ)
    text = path.read_text(encoding="utf-8")
    try:
        return yaml.load(text, config_loader(path.parent, given, _Libyaml))
    except yaml.YAMLError:
        return yaml.load(text, config_loader(path.parent, given))


def source_date() -> str | None:
    """The date of the sources built (YYYY-MM-DD, from ``SOURCE_DATE_EPOCH``), None when not given."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), UTC).date().isoformat() if epoch.isdigit() else None
