"""Command line: ``python -m build_tools {check,build,site,serve,new}``.

Problems in the seeds print as ``path:line:column: message`` and exit with status 1;
nothing is written then. A traceback means a bug in the build itself.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from . import parallel, translations
from .config import editions, read_config
from .kept_pages import KeptPages
from .memoised import Cache
from .pipeline import build, check
from .problems import SeedError
from .scaffold import ScaffoldError, new_claim, new_essay
from .site import citation_file, engines, offline
from .sources import command as sources
from .stages.write import all_or_nothing, swap_in


def _mkdocs_env() -> dict[str, str]:
    """The environment MkDocs runs in. Material 9.8 prints a banner about MkDocs 2.0 on
    every build; this project pins MkDocs below 2.0 (see pyproject.toml), so the banner
    is noise here. mkdocs.yml names build_tools.site.markdown_ext: MkDocs must find this
    package wherever it runs."""
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")])
        ),
    }


def _report(fn, root: Path, strict: bool, cache: Cache | None = None):
    """Run ``fn(root, cache)``; print problems; return its result, or None if the build must stop."""
    try:
        result = fn(root, cache)
    except SeedError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(f"{errors} error{'s' if errors != 1 else ''}: nothing was written.", file=sys.stderr)
        return None
    except OSError as exc:  # a full disk, a folder that cannot be written
        print(f"error: {exc}\nnothing was written: the generated pages are as they were.", file=sys.stderr)
        return None
    checked = result[0] if isinstance(result, tuple) else result
    for warning in checked.warnings:
        print(warning, file=sys.stderr)
    if strict and checked.warnings:
        print(f"{len(checked.warnings)} warnings, which --strict treats as errors.", file=sys.stderr)
        return None
    return result


def cmd_check(args) -> int:
    checked = _report(check, args.root, args.strict)
    if checked is None:
        return 1
    for gap in checked.untranslated:  # (said by `check` alone, and never an error, even with --strict)
        print(gap, file=sys.stderr)
    print(
        f"ok: {len(checked.corpus.essays)} essays, {len(checked.corpus.themes)} themes, "
        f"{len(checked.corpus.claims)} claims, {len(checked.quotes)} quotes verified"
    )
    return 0


def _generate(
    args, cache: Cache | None = None, languages: list[str] | None = None, kept: KeptPages | None = None
) -> list[str] | None:
    """Generate the pages (of every edition, or of those in ``languages``): the files changed
    (by path under docs/), or None if the seeds are wrong (said)."""
    result = _report(lambda root, cache: build(root, cache, languages, kept), args.root, args.strict, cache)
    if result is None:
        return None
    checked, changed = result
    print(f"generated pages: {len(changed)} changed ({len(checked.quotes)} quotes verified)")
    return changed


def cmd_build(args) -> int:
    """Generate the pages of every edition: all of them or, if one fails, none."""
    return 0 if all_or_nothing(args.root / "docs", lambda: _generate(args) is not None) else 1


_LEFT = "site/ and the generated pages were left as they were."


def _publishing(site: Path, docs: Path, root: Path) -> engines.Build:
    """Start publishing the built ``site`` of the edition whose pages are in ``docs``
    (sanitise, fix, index: whatever the engine did), in a process of its own."""
    command = [sys.executable, "-m", "build_tools.site.publish", str(site), str(docs)]
    return engines.Build(command, root, site, _mkdocs_env(), None)


def _editions(args, tmp: Path) -> tuple[str, list[tuple[Path, str]]]:
    """Build and publish each edition into ``tmp``: a site of its own (the first goes at the
    root, each other in its folder), with its own search index. The engine builds them all
    at once where it can (:data:`engines.AT_ONCE`: each uses what the others leave of the
    cores), and each is published, in a process of its own, as soon as it is built, while
    the others are still being built or published. What failed, said ("" if nothing did),
    and each edition's site and folder."""
    wanted = list(editions(read_config(args.root / "mkdocs.yml", _mkdocs_env())))

    at_once = len(wanted) if args.engine in engines.AT_ONCE else 1
    environ = parallel.shared(_mkdocs_env(), at_once)

    def begin(n: int) -> engines.Build:
        language, folder = wanted[n]
        staged = tmp / f"site-{language}"
        return engines.start(args.engine, args.root, staged, environ, *((language, folder) if n else ()))

    builds = [begin(n) for n in range(at_once)]
    published: list[engines.Build] = []
    try:
        for n in range(len(wanted)):
            if n == len(builds):
                builds.append(begin(n))
            if builds[n].wait():
                return f"{args.engine} build failed: {_LEFT}", []
            published.append(_publishing(builds[n].site_dir, args.root / "docs" / wanted[n][1], args.root))
        for running in published:
            if running.wait():  # (it said why)
                return _LEFT, []
    finally:
        for running in builds + published:
            running.stop()
    return "", [(running.site_dir, folder) for running, (_, folder) in zip(builds, wanted)]


def _offline_copies(config: dict, url: str, built: list[tuple[Path, str]]) -> None:
    """Write into each built edition its copy to read offline (:mod:`.site.offline`); ``url``
    is the site's address as ``config`` gives it, without its final "/" ("" if not known)."""
    wanted = editions(config)

    def write(n: int) -> None:
        (staged, folder), language = built[n], wanted[n][0]
        others = tuple(f for _, f in wanted if f != folder)
        offline.write_copy(
            staged,
            offline.Edition(language, folder, others, url and url + "/"),
            config.get("site_name") or "Root Causes",
        )

    parallel.each(write, range(len(built)), jobs=len(built))  # (each edition's on a core of its own)


def cmd_site(args) -> int:
    """Generate, build the static site with the engine (MkDocs by default), finish it with
    the publishing stage, and swap it into site/ — only if all succeed; if one fails, the
    generated pages are put back as they were too."""
    with tempfile.TemporaryDirectory(prefix=".site-", dir=args.root) as tmp:
        if not all_or_nothing(args.root / "docs", lambda: _site(args, Path(tmp))):
            return 1
    print("site written to site/")
    return 0


def _site(args, tmp: Path) -> bool:
    """Generate, build and publish each edition into ``tmp``, and swap the whole into site/;
    whether it succeeded (what failed is said)."""
    if _generate(args) is None:
        return False
    failed, built = _editions(args, tmp)
    if failed:
        print(failed, file=sys.stderr)
        return False
    config = read_config(args.root / "mkdocs.yml", _mkdocs_env())
    url = (config.get("site_url") or "").strip().rstrip("/")
    try:
        citation_file.write_citations(args.root, built, url)
        _offline_copies(config, url, built)
    except OSError as exc:
        print(f"the copy to read offline could not be written: {exc}\n{_LEFT}", file=sys.stderr)
        return False
    site = built[0][0]
    for staged, folder in built[1:]:
        staged.rename(site / folder)
    swap_in((site, args.root / "site"))
    return True


def cmd_serve(args) -> int:
    """Generate, serve an edition (the first, or --language's) with MkDocs' live reload, and
    regenerate when seeds or templates change."""
    found = dict(editions(read_config(args.root / "mkdocs.yml", _mkdocs_env())))
    if args.language not in (None, *found):
        print(f"error: the site has no edition in '{args.language}' (editions: {', '.join(found)})", file=sys.stderr)
        return 1
    cache, kept = Cache(), KeptPages()  # (each build after an edit redoes only what the edit changed)
    served = [args.language or next(iter(found))]  # (the pages of the edition served, alone)
    if _generate(args, cache, served, kept) is None:
        return 1
    from .site.serve import serve  # (MkDocs' server: imported only to serve)

    os.environ.update(_mkdocs_env())  # (MkDocs runs in this process: in its environment)
    first = next(iter(found))
    language = None if args.language in (None, first) else args.language
    config = engines.configuration(
        "mkdocs", args.root, dict(os.environ), None, language, found[language] if language else ""
    )
    try:  # (on errors, _generate prints them and keeps the last good pages)
        serve(args.root, args.dev_addr, regenerate=lambda: _generate(args, cache, served, kept), config=config)
    finally:
        if config is not None:
            config.unlink(missing_ok=True)
    return 0


def cmd_new(args) -> int:
    """Start an essay's metadata (and copy its text in) or append a claim to a theme."""
    try:
        if args.kind == "essay":
            created = new_essay(args.root, args.slug, args.source)
            steps = [
                f"fill in {_rel(created[0], args.root)}: every empty field, in plain text",
                "add cleaning rules for anything in the text that is not the author's "
                "(adverts, bylines): see .github/CONTRIBUTING.md"
                + (
                    ", 'Adding a web page saved as HTML, or a PDF', for the rules an extracted text needs"
                    if len(created) > 2
                    else ""
                ),
                "run make check until it says ok",
                "quote the essay: python -m build_tools new claim --theme <theme>",
            ]
            copied = f"{_rel(created[-1], args.root)} byte for byte (never edit that copy)"
            extracted = f", and wrote the text extracted from it to {_rel(created[1], args.root)}"
            print(
                f"created {_rel(created[0], args.root)} and copied {args.source} to {copied}"
                + (extracted if len(created) > 2 else "")
            )
        else:
            path = new_claim(args.root, args.theme, args.id)
            steps = [
                f"fill in the new claim at the end of {_rel(path, args.root)}",
                "copy each quote exactly from the essay page (make serve)",
                "run make check until it says ok",
            ]
            print(f"added a claim skeleton to {_rel(path, args.root)}")
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except SeedError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("Next:\n" + "\n".join(f"  {i}. {step}" for i, step in enumerate(steps, 1)))
    return 0


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, fn, text in [
        ("check", cmd_check, "validate the seeds and verify every quote; write nothing"),
        ("build", cmd_build, "generate the Markdown pages into docs/"),
        ("site", cmd_site, "generate the pages and build the static site into site/"),
        ("serve", cmd_serve, "generate, serve at --dev-addr, regenerate on changes"),
    ]:
        p = sub.add_parser(name, help=text)
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
        p.set_defaults(fn=fn)
        if name == "serve":
            p.add_argument("--dev-addr", default="127.0.0.1:8000")
            p.add_argument("--language", help="the edition to serve, e.g. es (default: the first, English)")
        if name == "site":
            p.add_argument(
                "--engine",
                choices=engines.ENGINES,
                default="mkdocs",
                help="what turns the Markdown into HTML (default: mkdocs)",
            )
    new = sub.add_parser("new", help="start a new essay or claim for an editor to fill in")
    new.set_defaults(fn=cmd_new)
    kinds = new.add_subparsers(dest="kind", required=True)
    essay = kinds.add_parser("essay", help="copy a raw text in and write its metadata skeleton")
    essay.add_argument("--slug", required=True, help="the essay's id, e.g. perez-rocha-2019")
    essay.add_argument(
        "--source", required=True, type=Path, help="the raw text, a web page (.html) or a PDF, saved as received"
    )
    claim = kinds.add_parser("claim", help="append a claim skeleton to a theme's cross-references")
    claim.add_argument("--theme", required=True, help="the theme id, e.g. trade")
    claim.add_argument("--id", help="the claim's id (else left for you to fill in)")
    sources.add_parser(sub)
    translations.add_parser(sub)
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
