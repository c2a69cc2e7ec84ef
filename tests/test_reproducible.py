"""The same commit builds to a byte-identical site/, in another folder, at another time."""

from __future__ import annotations

from build_tools.__main__ import main
from tests.conftest import copy_project, snapshot


def build_site(root, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert main(["--root", str(root), "site"]) == 0
    return snapshot(root / "site")


def test_two_builds_in_different_folders_are_identical(tmp_path, monkeypatch):
    first = build_site(copy_project(tmp_path / "one"), monkeypatch)
    second = build_site(copy_project(tmp_path / "elsewhere" / "two"), monkeypatch)
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []
