"""A build that fails at any stage leaves the generated pages and ``site/`` exactly
as they were: every changed page is written into a staging folder and moved in at the end."""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
import time
from pathlib import Path

import pytest

from build_tools.__main__ import main
from build_tools.folders import GENERATED
from build_tools.site import engines
from build_tools.stages.render import render_parts
from build_tools.stages.write import swap_in
from tests.conftest import run, snapshot


def outputs(root: Path) -> dict[str, bytes]:
    found = {f"site/{k}": v for k, v in snapshot(root / "site").items()}
    for name in GENERATED:
        found.update({f"docs/{name}/{k}": v for k, v in snapshot(root / "docs" / name).items()})
    return found


@pytest.fixture
def built(built_project):
    project = built_project
    # A change the next build would write, had it succeeded.
    path = project / "seeds/themes.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("Trade is where", "Trade, we hold, is where")
        .replace("title: Trade\n", "title: Trade and investment\n"),
        encoding="utf-8",
    )
    return project, outputs(project)


def test_a_bad_seed_changes_nothing(built, capsys):
    project, before = built
    (project / "seeds/crossrefs/trade.yml").write_text("claims: [\n", encoding="utf-8")
    code, _, err = run(project, "site", capsys=capsys)
    assert code == 1 and "nothing was written" in err
    assert outputs(project) == before


def test_an_exception_while_rendering_changes_nothing(built, capsys, monkeypatch):
    project, before = built

    def broken(*args):
        raise RuntimeError("a bug in a template")

    monkeypatch.setattr("build_tools.pipeline.render_parts", broken)
    with pytest.raises(RuntimeError, match="a bug in a template"):
        run(project, "site", capsys=capsys)
    assert outputs(project) == before


def test_an_exception_while_rendering_the_second_edition_changes_nothing(built, capsys, monkeypatch):
    """The first edition's pages are written before the second is made: they are put back."""
    project, before = built
    real, editions = render_parts, []

    def broken(*args):
        editions.append(args)
        if len(editions) == 2:
            raise RuntimeError("a bug in the Spanish edition's template")
        return real(*args)

    monkeypatch.setattr("build_tools.pipeline.render_parts", broken)
    for command in ("build", "site"):
        editions.clear()
        with pytest.raises(RuntimeError, match="Spanish edition"):
            run(project, command, capsys=capsys)
        assert outputs(project) == before
        assert not list(project.glob(".kept-*")), "what was kept to put back is removed"


def test_warnings_under_strict_change_nothing(built, capsys):
    """--strict stops the build at a warning, which is known only once the pages are made."""
    project, before = built
    path = project / "seeds/themes.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Comercio", 'title: "«Comercio»"'), encoding="utf-8"
    )
    for command in ("build", "site"):
        code, _, err = run(project, command, "--strict", capsys=capsys)
        assert code == 1 and "which --strict treats as errors" in err
        assert outputs(project) == before


def test_a_full_disk_while_writing_changes_nothing(built, capsys, monkeypatch):
    project, before = built
    real, written = Path.write_text, []

    def write_text(self, *args, **kwargs):
        if len(written) == 1:  # one changed page is already in the staging folder
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        written.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    code, _, err = run(project, "site", capsys=capsys)
    assert code == 1 and "No space left on device" in err and "nothing was written" in err
    assert outputs(project) == before
    assert not list(project.glob(".staging-*")), "the staging folder is removed"


def test_a_failed_mkdocs_build_changes_nothing(built, capsys):
    project, before = built
    (project / "docs/about.md").write_text("[broken](nowhere.md)\n", encoding="utf-8")
    code, _, err = run(project, "site", capsys=capsys)
    assert code != 0 and "site/ and the generated pages were left as they were" in err
    assert outputs(project) == before


def test_a_failed_offline_copy_changes_nothing_and_says_so(built, capsys, monkeypatch):
    """If an edition's copy to read offline cannot be written (here, a folder stands where
    its zip is staged), the build fails with a plain sentence, and nothing changes."""
    from build_tools import __main__ as cli

    project, before = built
    real = cli.tempfile.TemporaryDirectory

    def staging(**kwargs):
        made = real(**kwargs)
        (Path(made.name) / ".root-causes-es.zip.part").mkdir()
        return made

    monkeypatch.setattr(cli.tempfile, "TemporaryDirectory", staging)
    code, _, err = run(project, "site", capsys=capsys)
    assert code == 1 and "the copy to read offline could not be written: [Errno 21] Is a directory" in err
    assert "Traceback" not in err and "site/ and the generated pages were left as they were" in err
    assert outputs(project) == before


def test_a_failed_rename_while_swapping_undoes_the_others(tmp_path, monkeypatch):
    targets = [tmp_path / name for name in "abc"]
    for target in targets[:2]:  # c does not exist yet
        target.mkdir()
        (target / "f").write_text("old")
    staged = [tmp_path / f"new-{name}" for name in "abc"]
    for folder in staged:
        folder.mkdir()
        (folder / "f").write_text("new")
    real, renames = Path.rename, []

    def rename(self, to):
        renames.append(self)
        if self == staged[2]:
            raise OSError(errno.EIO, "input/output error")
        return real(self, to)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        swap_in(*zip(staged, targets))
    assert [(t / "f").read_text() for t in targets[:2]] == ["old", "old"] and not targets[2].exists()
    assert all((s / "f").read_text() == "new" for s in staged)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "new-a", "new-b", "new-c"]


def test_without_the_engines_hooks_no_page_is_unsanitised_and_search_has_its_index(project, capsys):
    """The publishing stage, not an engine plugin, is what a reader's safety and the search
    rest on: a build that skips mkdocs.yml's hooks (as Zensical does) keeps both."""
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"\nhooks:\n  - [^\n]+\n", "\n", config.read_text(encoding="utf-8")), encoding="utf-8")
    assert "hooks:" not in config.read_text(encoding="utf-8")
    (project / "docs" / "raw.md").write_text(
        "# Raw\n\n<script>alert('rc1')</script>\n\n<img src=x onerror=\"alert('rc2')\">\n\n"
        "<a href=\"javascript:alert('rc3')\">link</a>\n",
        encoding="utf-8",
    )
    assert main(["--root", str(project), "site"]) == 0
    html = (project / "site" / "raw" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert "rc1" not in article and "onerror" not in article and "javascript:" not in article
    assert (project / "site" / "pagefind" / "parts.json").exists()
    assert "data-pagefind-body" in (project / "site" / "essays" / "bach-2000" / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_failed_build_of_the_second_edition_changes_nothing_and_says_where(built, capsys):
    project, before = built
    (project / "docs/es/about.md").write_text("[roto](ninguna-parte.md)\n", encoding="utf-8")
    code, _, err = run(project, "site", capsys=capsys)
    assert code != 0 and "site/ and the generated pages were left as they were" in err
    assert "ninguna-parte.md" in err  # (what the engine said of the edition it failed on)
    assert outputs(project) == before


class _Step:
    """An engine's build of an edition, or its publishing, that records when it starts
    and succeeds at once."""

    def __init__(self, events: list, site_dir: Path, event: str):
        self.site_dir = site_dir
        events.append(event)

    def wait(self) -> int:
        return 0

    def stop(self) -> None:
        pass


@pytest.mark.parametrize(
    "engine, order",
    [
        ("mkdocs", ["start first", "start es", "publish .", "publish es"]),  # (both editions built at once)
        ("zensical", ["start first", "publish .", "start es", "publish es"]),  # (its cache is shared: one by one)
    ],
)
def test_the_editions_are_built_at_once_where_the_engine_allows_and_each_published_when_built(
    project, monkeypatch, engine, order
):
    from build_tools import __main__ as cli

    events: list = []
    monkeypatch.setattr(
        cli.engines,
        "start",
        lambda engine, root, site_dir, env, *edition: _Step(events, site_dir, f"start {(edition or ['first'])[0]}"),
    )
    monkeypatch.setattr(
        cli,
        "_publishing",
        lambda site, docs, root: _Step(events, site, f"publish {docs.relative_to(project / 'docs').as_posix()}"),
    )
    failed, built = cli._editions(argparse.Namespace(root=project, engine=engine), project / "staged")
    assert failed == "" and events == order
    assert [folder for _, folder in built] == ["", "es"]


def test_stopping_a_step_ends_the_processes_it_started(tmp_path):
    """An edition's step (a build, its publishing) works in worker processes of its own. When
    another edition fails, stopping the step ends them too, before the staging folder is
    removed: a worker left running would go on writing into it."""
    late = tmp_path / "written-late"
    child = f"import time; time.sleep(1); open({str(late)!r}, 'w').close()"
    parent = f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {child!r}]); time.sleep(30)"
    step = engines.Build([sys.executable, "-c", parent], tmp_path, tmp_path, dict(os.environ), None)
    time.sleep(0.3)  # (the worker has started)
    step.stop()
    time.sleep(1.5)
    assert not late.exists()
