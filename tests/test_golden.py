"""The generated Markdown of the fixture corpus, compared whole."""

from tests.golden import fixture_pages, stored


def test_generated_pages_match_the_golden_tree():
    want, got = stored(), fixture_pages()
    assert sorted(got) == sorted(want), "pages added or removed: run `make golden` if intended"
    for path in sorted(want):
        assert got[path] == want[path], f"{path} differs from tests/fixture/golden/: run `make golden` if intended"
