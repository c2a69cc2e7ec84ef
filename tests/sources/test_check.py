"""make sources: the fixture corpus's originals served by a local server (never the
internet), each essay's quotes looked for there, the messages editors read, and the
status file."""

from __future__ import annotations

import datetime
import json

import pytest

from build_tools import source_status as status_file
from build_tools.problems import SourceLoc
from build_tools.source_status import Copy, EssayStatus, Passage, Status
from build_tools.sources.check import problems, user_agent
from tests.conftest import ROOT, copy_project, run
from tests.origin import EARLY, FAST, LATE, html_reply, point, serve_originals, texts

BROAD = "seeds/essays/broad-2014.yml"
REWORDED = ("displaced more than a million people", "displaced over a million people")


@pytest.fixture
def project(tmp_path, origin, checked, monkeypatch):
    """The fixture corpus with its three originals on the local server (see serve_originals)."""
    monkeypatch.setattr("build_tools.sources.fetch.POLITE", FAST)
    root = copy_project(tmp_path / "project")
    serve_originals(root, origin, checked.corpus)
    return root


def today() -> str:
    return datetime.datetime.now(datetime.UTC).date().isoformat()


def test_every_quote_still_at_its_source(project, capsys, checked):
    quotes = sum(ev.essay in ("broad-2014", EARLY, LATE) for ev in checked.corpus.evidence())
    code, out, err = run(project, "sources", capsys=capsys)
    assert code == 0
    assert out.splitlines() == [
        "not checked: 5 essays with no 'url' (bach-2000, conferencia-2024, quiroga-2023, quiroga-2024, wilson-2021)",
        f"ok: 3 sources, {quotes} quotes found",
    ]
    assert err.splitlines() == [
        f"seeds/essays/{EARLY}.yml:20: warning: the original is gone (HTTP 404); "
        "its archived copy holds every quote, and readers are shown it"
    ]


def test_a_reworded_original_names_each_quote_at_its_line(project, origin, capsys, checked):
    origin.routes["/late"] = html_reply([t.replace(*REWORDED) for t in texts(checked.corpus, LATE)])
    code, out, err = run(project, "sources", capsys=capsys)
    assert code == 1
    assert err.splitlines()[::2] == [
        f"seeds/crossrefs/violence.yml:246: no longer at its source ({origin.url('/late')}): "
        "\"displaced more than a million people\": give the essay an 'archive_url' of a copy from before the change",
        "1 quote or source can no longer be verified (see above; every source's state is in seeds/.sources-status.json).",
    ]
    assert "ok:" not in out
    assert "Traceback" not in err


def test_the_status_file_records_each_source(project, origin, capsys, checked):
    origin.routes["/late"] = html_reply([t.replace(*REWORDED) for t in texts(checked.corpus, LATE)])
    run(project, "sources", capsys=capsys)
    data = json.loads((project / "seeds/.sources-status.json").read_text(encoding="utf-8"))
    assert (data["format"], data["checked"], data["without_url"]) == (
        1,
        today(),
        ["bach-2000", "conferencia-2024", "quiroga-2023", "quiroga-2024", "wilson-2021"],
    )
    assert list(data["essays"]) == ["broad-2014", EARLY, LATE]
    early, late = data["essays"][EARLY], data["essays"][LATE]
    assert (early["original"]["state"], early["original"]["status"], early["original"]["found"]) == ("gone", 404, [])
    assert [p["at"] for p in early["archive"]["found"]] == ["seeds/crossrefs/violence.yml:243"]
    assert late["original"]["missing"] == [{"at": "seeds/crossrefs/violence.yml:246", "quote": REWORDED[0]}]
    assert [p["at"] for p in late["original"]["found"]] == ["seeds/timeline.yml:22"]
    assert (late["quotes"], late["checked"], late["archive"]) == (2, today(), None)
    assert data["essays"]["broad-2014"]["original"]["missing"] == []


def test_the_status_file_is_the_same_bytes_each_time_and_reads_back(project, capsys):
    run(project, "sources", capsys=capsys)
    first = (project / status_file.PATH).read_bytes()
    run(project, "sources", capsys=capsys)
    assert (project / status_file.PATH).read_bytes() == first
    status = status_file.read(project)
    assert status is not None and status_file.to_json(status).encode() == first
    assert [p.name for p in project.joinpath("seeds").iterdir() if p.name.startswith(".sources-status-")] == []


def test_no_status_file_or_another_format_reads_as_none(tmp_path):
    assert status_file.read(tmp_path) is None
    (tmp_path / "seeds").mkdir()
    (tmp_path / status_file.PATH).write_text('{"format": 99}', encoding="utf-8")
    assert status_file.read(tmp_path) is None
    (tmp_path / status_file.PATH).write_text("{", encoding="utf-8")
    assert status_file.read(tmp_path) is None


def test_the_status_file_is_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/" + status_file.PATH in ignored


def test_seeds_with_errors_are_said_and_nothing_is_fetched(project, origin, capsys):
    meta = project / BROAD
    meta.write_text(meta.read_text(encoding="utf-8").replace("genre: op-ed", "genre: poem"), encoding="utf-8")
    code, _, err = run(project, "sources", capsys=capsys)
    assert code == 1 and origin.requests == []
    assert err.splitlines()[-1] == "the seeds have errors: fix what make check reports, then check the sources."
    assert "Traceback" not in err and not (project / status_file.PATH).exists()


def test_offline_no_domain_is_said_to_be_gone_and_nothing_is_recorded(project, capsys):
    for slug in ("broad-2014", EARLY, LATE):
        point(project, slug, "url", f"https://{slug}.invalid/essay")
    point(project, EARLY, "archive_url", "https://web.archive.org.invalid/web/2026/x")
    code, _, err = run(project, "sources", capsys=capsys)
    assert (code, err) == (
        1,
        "no source answered, not even to say a page is gone: is this computer online? "
        "Nothing was recorded: run make sources again when it is.\n",
    )
    assert not (project / status_file.PATH).exists()


def test_the_user_agent_names_the_site_and_its_address(checked):
    site = checked.corpus.site
    assert user_agent(site) == "RootCauses-sources/1.0 (checks the quotes of Root Causes)"
    addressed = type(site)(name=site.name, url="https://example.org/root-causes/")
    assert user_agent(addressed) == (
        "RootCauses-sources/1.0 (checks the quotes of Root Causes; +https://example.org/root-causes/)"
    )


# What each state of an original and its archived copy makes the check say (without fetching).
AT = "seeds/crossrefs/violence.yml:246"
QUOTE = Passage(AT, REWORDED[0])
OTHER = Passage("seeds/timeline.yml:22", "Peace agreements were signed in the early 1990s")
URL = "https://history.example.org/milestones/central-america-1981-1993"
SNAPSHOT = "https://web.archive.org/web/2026/" + URL


def said(checked, original: Copy, archive: Copy | None = None) -> list[str]:
    status = Status("2026-12-07", (EssayStatus(LATE, "2026-12-07", 2, original, archive),))
    late = checked.corpus.essay(LATE)
    loc = SourceLoc(late.loc.path, 21)
    corpus = checked.corpus
    if archive:  # (the essay as if it gave an archive_url on line 21)
        essays = tuple(
            type(e)(**{**e.__dict__, "archive_url": SNAPSHOT, "archive_url_loc": loc}) if e.slug == LATE else e
            for e in corpus.essays
        )
        corpus = type(corpus)(**{**corpus.__dict__, "essays": essays})
    return [str(p) for p in problems(corpus, status)]


LATE_YML = f"seeds/essays/{LATE}.yml"
CASES = {
    "moved": (
        Copy(URL, "ok", 200, URL + "/new", URL + "/new", "", (QUOTE, OTHER)),
        None,
        [f"{LATE_YML}:20: warning: the original has moved to {URL}/new: update 'url' to it"],
    ),
    "gone, no copy": (
        Copy(URL, "gone", 410, URL, None, "HTTP 410"),
        None,
        [
            f"{LATE_YML}:20: the original is gone (HTTP 410): if the text moved, update 'url'; else give "
            f"'archive_url', the address of a copy from https://web.archive.org/web/*/{URL}"
        ],
    ),
    "domain gone": (
        Copy(URL, "no-such-host", None, URL, None, "the domain history.example.org does not resolve"),
        Copy(SNAPSHOT, "ok", 200, SNAPSHOT, None, "", (OTHER,), (QUOTE,)),
        [
            f"{LATE_YML}:20: the original is gone: its domain no longer resolves (the domain history.example.org "
            "does not resolve): if the text moved, update 'url'; else give 'archive_url', the address of a copy "
            f"from https://web.archive.org/web/*/{URL}"
        ],
    ),
    "reworded, the copy has it": (
        Copy(URL, "ok", 200, URL, None, "", (OTHER,), (QUOTE,)),
        Copy(SNAPSHOT, "ok", 200, SNAPSHOT, None, "", (QUOTE, OTHER)),
        [f'{AT}: warning: no longer at its source ({URL}): "{QUOTE.quote}"; its archived copy still has it'],
    ),
    "reworded, nor in the copy": (
        Copy(URL, "ok", 200, URL, None, "", (OTHER,), (QUOTE,)),
        Copy(SNAPSHOT, "ok", 200, SNAPSHOT, None, "", (OTHER,), (QUOTE,)),
        [f'{AT}: no longer at its source ({URL}): "{QUOTE.quote}", nor in its archived copy ({SNAPSHOT})'],
    ),
    "unreachable, copy lacks": (
        Copy(URL, "unreachable", None, URL, None, "timed out, 4 times"),
        Copy(SNAPSHOT, "gone", 404, SNAPSHOT, None, "HTTP 404"),
        [
            f"{LATE_YML}:20: warning: the original could not be checked (timed out, 4 times): its quotes were "
            "not looked for; try again later",
            f"{LATE_YML}:21: warning: the archived copy could not be had (HTTP 404)",
        ],
    ),
    "copy of another version": (
        Copy(URL, "ok", 200, URL, None, "", (QUOTE, OTHER)),
        Copy(SNAPSHOT, "ok", 200, SNAPSHOT, None, "", (OTHER,), (QUOTE,)),
        [
            f"{LATE_YML}:21: warning: the archived copy lacks 1 of the quotes the original has: it may be a copy "
            "of another version of the text"
        ],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_what_the_check_says(checked, case):
    original, archive, expected = CASES[case]
    assert said(checked, original, archive) == expected


def test_a_long_quote_is_shortened_in_its_message(checked):
    long = Passage(AT, "word " * 40)
    original = Copy(URL, "ok", 200, URL, None, "", (), (long,))
    (message,) = said(checked, original)
    shown = message.split('"')[1]
    assert shown.startswith("word word") and shown.endswith("word…") and len(shown) <= 80
