"""Every message of the site's own words, as the catalogues must translate them (see
build_tools/languages.py): the ``_("…")`` of the templates, the ``gettext(…, "…")`` and
``say("…")`` of the package's Python, each noun counted with ``plural``, the values of
the tables whose entries are shown through ``_``/``gettext`` (relation labels, genres, …)
and the words of mkdocs.yml that each edition translates."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import jinja2
from jinja2.ext import extract_from_ast

from build_tools import languages, model
from build_tools.config import read_config
from build_tools.formats import bibliography, markdown_text, report
from build_tools.stages.templating import TEMPLATES

PACKAGE = Path(model.__file__).parent
_PLURAL_FILTER = re.compile(r"""\|\s*plural\(\s*(?:"([^"]+)"|'([^']+)')\s*\)""")


def template_messages() -> dict[str, set[str]]:
    """Each message of the templates, and the plural nouns: {message: {where}}."""
    env = jinja2.Environment()
    found: dict[str, set[str]] = {}
    for path in sorted(TEMPLATES.glob("*.j2")):
        source = path.read_text(encoding="utf-8")
        for line, _, strings in extract_from_ast(env.parse(source), ("_",), babel_style=False):
            message = strings[0] if isinstance(strings, tuple) else strings
            if isinstance(message, str):
                found.setdefault(message, set()).add(f"{path.name}:{line}")
        for double, single in _PLURAL_FILTER.findall(source):
            found.setdefault(double or single, set()).add(path.name)
    return found


def python_messages() -> dict[str, set[str]]:
    """Each message the package's Python translates, and the nouns it counts."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name in ("gettext", "say", "plural") and args:
                found.setdefault(args[-1], set()).add(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def table_messages() -> set[str]:
    """The values of tables shown through ``_``: they are messages too."""
    genres = json.loads((PACKAGE / "schemas" / "essay.schema.json").read_text(encoding="utf-8"))
    return {
        *model.RELATION_LABELS.values(),
        *model.SAID_IN.values(),
        *languages.MONTHS,
        *report._NOTE_STATUS.values(),
        *report._ROLES.values(),
        *genres["properties"]["genre"]["enum"],
        "italics",
        "escaped character",
        markdown_text.CORRECTION_TITLE,
        markdown_text.NOTE_TITLE,
        markdown_text.PARAGRAPH_LINK,
        bibliography.CONTRIBUTORS,
    }


def config_messages() -> set[str]:
    """The site's words in mkdocs.yml that each edition translates (site/engines.py)."""
    config = read_config(PACKAGE.parent / "mkdocs.yml")
    palettes = config["theme"].get("palette") or []
    return {
        *(" ".join(config[key].split()) for key in ("site_description", "copyright") if config.get(key)),
        *(p["toggle"]["name"] for p in palettes if (p.get("toggle") or {}).get("name")),
        *(
            e["toc"]["permalink_title"]
            for e in config.get("markdown_extensions") or []
            if isinstance(e, dict) and (e.get("toc") or {}).get("permalink_title")
        ),
    }


_THEME_WORD = re.compile(r"""\bw\.t\(\s*(?:"([^"]+)"|'([^']+)')\s*\)""")
_SCRIPT_WORD = re.compile(r'\bword\(\s*"([^"]+)"')


def theme_messages() -> set[str]:
    """The words of the theme's templates (``w.t("…")``) and of the site's scripts (``word("…")``)."""
    found = set()
    for path in sorted((PACKAGE / "overrides").rglob("*.html")):
        found |= {a or b for a, b in _THEME_WORD.findall(path.read_text(encoding="utf-8"))}
    for path in sorted((PACKAGE.parent / "docs" / "assets" / "javascripts").glob("*.js")):
        found |= set(_SCRIPT_WORD.findall(path.read_text(encoding="utf-8")))
    return found


def messages() -> set[str]:
    return set(template_messages()) | set(python_messages()) | table_messages() | config_messages() | theme_messages()


if __name__ == "__main__":
    for message in sorted(messages()):
        print(json.dumps(message, ensure_ascii=False))
