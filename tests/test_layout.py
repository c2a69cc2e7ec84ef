"""The code's layout holds: dependencies run one way between the roles of build_tools/
(see build_tools/stages, formats and site), no module imports itself in a circle,
counting the imports made inside functions, and the pieces stay small enough to read: no
module over 350 lines, no template line over 200 characters, no table of sentences written
in a template."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import jinja2.nodes
import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "build_tools"
SHARED = {
    "model",
    "essay",
    "problems",
    "ids",
    "memo",
    "parallel",
    "config",
    "languages",
    "folders",
    "relations",
    "relation_sentences",
    "term_usage",
    "extract",
    "web_notes",
    "source_status",
}
# What each role may import besides itself and the shared modules; the commands at the
# top (pipeline, __main__, scaffold) may import anything. ``sources`` (make sources) reads
# the seeds through the load stage and folds text as anchor does; nothing but the command
# line imports it.
MAY_IMPORT = {"shared": set(), "formats": set(), "stages": {"formats"}, "site": {"formats"}, "sources": {"stages"}}
ROLES = ("stages", "formats", "site", "sources")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def role(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 2 and parts[1] in ROLES:
        return parts[1]
    return "shared" if parts[-1] in SHARED else "top"


def imports(module: str) -> set[str]:
    """The modules of build_tools that ``module`` imports, anywhere in its code."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names}
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: imports(module) for module in MODULES}


def test_the_graph_sees_lazy_and_relative_imports():
    assert "build_tools.site.serve" in GRAPH["build_tools.__main__"]  # (imported inside a function)
    assert (
        "build_tools.formats.bibliography" in GRAPH["build_tools.stages.page_jobs"]
    )  # (from ..formats import bibliography)


def test_dependencies_run_one_way():
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if role(module) != "top" and role(target) not in {role(module), "shared", *MAY_IMPORT[role(module)]}
    )
    assert wrong == []


def test_no_stage_calls_the_worker_pool():
    """A stage is a function of its inputs, made per item by a step it takes as a parameter:
    the pipeline (memoised.py, pipeline.py) gives the steps that run on every core."""
    stages = [module for module in GRAPH if role(module) == "stages"]
    assert "build_tools.stages.clean" in stages
    assert sorted(module for module in stages if "build_tools.parallel" in GRAPH[module]) == []


def test_every_package_of_build_tools_has_a_role():
    """A new package must be given its place in MAY_IMPORT, or it could import anything."""
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert packages == set(ROLES)


def test_no_import_cycle():
    """Depth-first search; a module met again while still on the path closes a cycle."""
    state: dict[str, str] = {}
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(GRAPH[module]):
            if state.get(target) == "open":
                cycles.append(" → ".join(path[path.index(target) :] + [module, target]))
            elif target not in state:
                visit(target, path + [module])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_git_ignores_every_generated_folder():
    """The generated folders are defined once (build_tools/folders.py, which `make clean`
    reads); .gitignore must name each, or generated pages would be committed."""
    from build_tools.folders import COPIED, GENERATED

    ignored = set((ROOT / ".gitignore").read_text(encoding="utf-8").splitlines())
    assert [name for name in (*GENERATED, *COPIED) if f"docs/{name}/" not in ignored] == []


def test_no_source_file_is_ignored_by_git():
    """A pattern meant for generated output must not hide source: 'site/' once ignored
    build_tools/site/ as well as the built site, and a module added there was left out."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    files = [p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        input="\n".join(files),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.stdout.split() == []


# The sizes a reader can take in (ARCHITECTURE.md, "Invariants"): a longer module is split
# by what its parts do; a longer template line is wrapped where Jinja writes nothing
# (ARCHITECTURE.md, "Beside the code").
MODULE_LINES = 350
TEMPLATE_LINE = 200
TEMPLATES = [*sorted((PACKAGE / "templates").glob("*.j2")), *sorted((PACKAGE / "overrides").rglob("*.html"))]


def too_long_modules(paths: list[Path], limit: int = MODULE_LINES) -> list[str]:
    """Each module over ``limit`` lines, at its first line past the limit."""
    found = []
    for path in paths:
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > limit:
            found.append(f"{_shown(path)}:{limit + 1}: {count} lines, over the limit of {limit}: split the module")
    return found


def too_long_lines(paths: list[Path], limit: int = TEMPLATE_LINE) -> list[str]:
    """Each line over ``limit`` characters, with its file and line number."""
    return [
        f"{_shown(path)}:{number}: {len(line)} characters, over the limit of {limit}: wrap the line"
        for path in paths
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > limit
    ]


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def test_no_module_is_over_350_lines():
    too_long = too_long_modules(sorted(MODULES.values()))
    assert too_long == [], "\n".join(too_long)


def test_no_template_line_is_over_200_characters():
    too_long = too_long_lines(TEMPLATES)
    assert too_long == [], "\n".join(too_long)


def test_the_size_checks_see_every_template_and_what_is_too_long(tmp_path):
    """The checks read the page templates and the theme's (its partials too), and name the
    file, the line and the limit of what goes past it, and nothing at the limit."""
    names = {path.relative_to(PACKAGE).as_posix() for path in TEMPLATES}
    assert {"templates/essay.md.j2", "templates/_macros.html.j2", "overrides/404.html"} <= names
    assert "overrides/partials/alternate.html" in names
    module, template = tmp_path / "long.py", tmp_path / "long.html.j2"
    module.write_text("x = 1\n" * (MODULE_LINES + 1), encoding="utf-8")
    template.write_text("a" * TEMPLATE_LINE + "\n" + "é" * (TEMPLATE_LINE + 1) + "\n", encoding="utf-8")
    assert too_long_modules([module]) == [f"{module}:351: 351 lines, over the limit of 350: split the module"]
    assert too_long_lines([template]) == [f"{template}:2: 201 characters, over the limit of 200: wrap the line"]
    module.write_text("x = 1\n" * MODULE_LINES, encoding="utf-8")
    assert too_long_modules([module]) == []


# The callables of a template that translate a message (build_tools/stages/templating.py).
MESSAGES = {"_", "gettext", "ngettext", "pgettext"}


def sentence_tables(paths: list[Path]) -> list[str]:
    """Each dict of a template whose values are messages or words (``{"agrees": _("…"), …}[relation]``):
    a table of sentences belongs in Python beside the other tables of messages, where its
    key's type is known (build_tools/relation_sentences.py)."""
    from build_tools.stages.templating import environment

    env = environment("en")
    found = []
    for path in paths:
        for table in env.parse(path.read_text(encoding="utf-8")).find_all(jinja2.nodes.Dict):
            if any(_is_words(pair.value) for pair in table.items):
                found.append(f"{_shown(path)}:{table.lineno}: a table of sentences in a template: move it to Python")
    return found


def _is_words(node: jinja2.nodes.Node) -> bool:
    if isinstance(node, jinja2.nodes.Const):
        return isinstance(node.value, str)
    return isinstance(node, jinja2.nodes.Call) and getattr(node.node, "name", None) in MESSAGES


def test_no_template_holds_a_table_of_sentences():
    tables = sentence_tables(sorted((PACKAGE / "templates").glob("*.j2")))
    assert tables == [], "\n".join(tables)


def test_the_table_check_sees_a_table_of_messages_or_words(tmp_path):
    template = tmp_path / "table.html.j2"
    template.write_text(
        '{% set who = "A" %}\n<p>{{ {\n    "agrees": pgettext("agrees", "{who} agrees", who=who),\n'
        '    "contrasts": _("{who} contrasts", who=who),\n}[relation] }}</p>\n'
        '{{ {"a": "one", "b": "two"}[key] }} {{ {"a": 1}[key] }} {{ f(key={"a": x}) }}\n',
        encoding="utf-8",
    )
    assert sentence_tables([template]) == [
        f"{template}:2: a table of sentences in a template: move it to Python",
        f"{template}:6: a table of sentences in a template: move it to Python",
    ]
