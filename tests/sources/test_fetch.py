"""make sources' fetching (build_tools/sources/fetch.py and check.look): against a local
server that serves saved originals, never the internet."""

from __future__ import annotations

import dataclasses

import pytest

from build_tools.model import Evidence
from build_tools.problems import SourceLoc
from build_tools.sources.check import fetched_address, look
from build_tools.sources.fetch import Fetcher, decode
from tests.origin import FAST, Reply, html_reply, page

QUOTE = "“Bad governance” in Central America — as they call it — is the result of intervention"
ESPAÑOL = "El campesino dijo: “ya no podemos más”, y se fue al norte en 1994."
WORDS = [
    "Intro paragraph of the essay, which nobody quotes.",
    "Some say that \u201cBad governance\u201d in Central America \u2014 as they call it \u2014 is the result of intervention by others.",
    ESPAÑOL,
]


def evidence(*quotes: str) -> list[Evidence]:
    return [Evidence("x", q, SourceLoc("seeds/crossrefs/trade.yml", 10 + 5 * n, 9)) for n, q in enumerate(quotes)]


def fetcher(polite=FAST) -> Fetcher:
    return Fetcher("RootCauses-sources/1.0 (+https://example.org/root-causes/)", polite)


def test_an_unchanged_page_holds_every_quote_whatever_its_spacing_and_marks(origin):
    origin.routes["/essay"] = html_reply(WORDS)
    copy = look(
        fetcher(), origin.url("/essay"), evidence('"Bad governance" in Central America - as they call it', ESPAÑOL)
    )
    assert (copy.state, copy.status, len(copy.found), copy.missing) == ("ok", 200, 2, ())
    assert copy.final_url == origin.url("/essay") and copy.moved_to is None


def test_a_reworded_page_misses_the_quote_that_changed(origin):
    origin.routes["/essay"] = html_reply([w.replace("is the result of", "comes from") for w in WORDS])
    copy = look(fetcher(), origin.url("/essay"), evidence(QUOTE, ESPAÑOL))
    assert [p.quote for p in copy.missing] == [QUOTE]
    assert [p.at for p in copy.found] == ["seeds/crossrefs/trade.yml:15"]


@pytest.mark.parametrize("status", [404, 410])
def test_a_removed_page_is_gone(origin, status):
    origin.routes["/essay"] = Reply(status, b"Not Found")
    copy = look(fetcher(), origin.url("/essay"), evidence(QUOTE))
    assert (copy.state, copy.status, copy.detail, copy.found, copy.missing) == (
        "gone",
        status,
        f"HTTP {status}",
        (),
        (),
    )


def test_a_domain_that_does_not_resolve():
    copy = look(fetcher(), "http://root-causes-test.invalid/essay", evidence(QUOTE))
    assert (copy.state, copy.detail) == ("no-such-host", "the domain root-causes-test.invalid does not resolve")


def test_a_permanent_redirect_is_a_move_and_a_temporary_one_is_not(origin):
    origin.routes["/old"] = Reply(301, headers={"Location": "/new"})
    origin.routes["/new"] = Reply(302, headers={"Location": "/login?next=/new"})
    origin.routes["/login"] = html_reply(WORDS)
    copy = look(fetcher(), origin.url("/old"), evidence(ESPAÑOL))
    assert (copy.state, copy.moved_to, copy.final_url) == ("ok", origin.url("/new"), origin.url("/login?next=/new"))
    only_temporary = look(fetcher(), origin.url("/new"), evidence(ESPAÑOL))
    assert (only_temporary.state, only_temporary.moved_to) == ("ok", None)


def test_redirects_in_a_circle_end(origin):
    origin.routes["/a"] = Reply(302, headers={"Location": "/b"})
    origin.routes["/b"] = Reply(302, headers={"Location": "/a"})
    copy = look(fetcher(dataclasses.replace(FAST, max_redirects=3)), origin.url("/a"), evidence(QUOTE))
    assert (copy.state, copy.detail) == ("unreachable", "it redirects again and again")


def test_a_page_slower_than_the_timeout_is_tried_again_then_given_up(origin):
    origin.routes["/slow"] = Reply(200, page(WORDS), delay=0.6)
    copy = look(fetcher(dataclasses.replace(FAST, timeout=0.2)), origin.url("/slow"), evidence(QUOTE))
    assert (copy.state, copy.detail) == ("unreachable", "timed out, 2 times")
    assert origin.hits("/slow") == 2


def test_a_server_error_is_tried_again(origin):
    answers = iter([Reply(503, b"busy", {"Retry-After": "0"}), html_reply(WORDS)])
    origin.routes["/busy"] = lambda _: next(answers)
    copy = look(fetcher(), origin.url("/busy"), evidence(ESPAÑOL))
    assert (copy.state, len(copy.found), origin.hits("/busy")) == ("ok", 1, 2)


@pytest.mark.parametrize(
    "headers, head",
    [
        ({"Content-Type": "text/html; charset=windows-1252"}, ""),
        ({"Content-Type": "text/html"}, '<meta charset="iso-8859-1">'),
        ({"Content-Type": "text/html"}, '<meta http-equiv="Content-Type" content="text/html; charset=latin1">'),
        ({"Content-Type": "text/html"}, ""),  # (no declaration, and not UTF-8: read as browsers do)
    ],
    ids=["header", "meta-charset", "meta-http-equiv", "undeclared"],
)
def test_a_page_in_another_encoding(origin, headers, head):
    origin.routes["/essay"] = Reply(200, page(WORDS, head, "cp1252"), headers)
    copy = look(fetcher(), origin.url("/essay"), evidence(QUOTE, ESPAÑOL))
    assert (copy.state, len(copy.found)) == ("ok", 2)


def test_the_header_wins_over_the_page_and_an_unknown_label_is_passed_over():
    assert decode("é".encode("cp1252"), "windows-1252") == "é"
    assert decode('<meta charset="utf-8">é'.encode("cp1252"), "latin-1").endswith("é")
    assert decode("é".encode(), "no-such-encoding") == "é"


def test_a_very_large_page_is_read_to_its_end_and_one_past_the_limit_is_not(origin):
    filler = ["Words of another matter, repeated to fill a long page of archives and comments."] * 12_000
    origin.routes["/long"] = html_reply([*filler, ESPAÑOL])  # (about 1 MB)
    assert (look(fetcher(), origin.url("/long"), evidence(ESPAÑOL)).found != ()) is True
    small = fetcher(dataclasses.replace(FAST, max_bytes=100_000))
    copy = look(small, origin.url("/long"), evidence(ESPAÑOL))
    assert (copy.state, copy.detail) == ("too-large", "the page is too large to read")


def test_a_file_that_is_not_a_page_is_not_read(origin):
    origin.routes["/essay.pdf"] = Reply(200, b"%PDF-1.7", {"Content-Type": "application/pdf"})
    copy = look(fetcher(), origin.url("/essay.pdf"), evidence(QUOTE))
    assert (copy.state, copy.detail) == ("unreadable", "not a web page (application/pdf): its text is not read")


def test_robots_txt_is_respected_and_the_user_agent_names_the_site(origin):
    origin.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})
    origin.routes["/private/essay"] = html_reply(WORDS)
    origin.routes["/essay"] = html_reply(WORDS)
    client = fetcher()
    assert look(client, origin.url("/private/essay"), evidence(QUOTE)).state == "disallowed"
    assert look(client, origin.url("/essay"), evidence(QUOTE)).state == "ok"
    assert origin.hits("/private/essay") == 0 and origin.hits("/robots.txt") == 1  # (read once per host)
    agents = {r.headers["User-Agent"] for r in origin.requests}
    assert agents == {"RootCauses-sources/1.0 (+https://example.org/root-causes/)"}


def test_at_most_one_request_per_host_per_second(origin):
    origin.routes["/essay"] = html_reply(WORDS)
    waited: list[float] = []
    now = iter([0.0, 0.0, 0.4, 0.4, 5.0, 5.0, 5.2, 5.2])  # (read before and after each wait)
    client = Fetcher("x", dataclasses.replace(FAST, interval=1.0), sleep=waited.append, clock=lambda: next(now))
    client.get(origin.url("/essay"))  # (robots.txt, then the page: 0.6 s after it)
    client.get(origin.url("/essay"))  # (long after: no wait)
    client.get(origin.url("/essay"))  # (0.2 s after)
    assert waited == pytest.approx([0.6, 0.8])
    assert origin.hits("/robots.txt") == 1 and origin.hits("/essay") == 3


def test_a_crawl_delay_in_robots_txt_is_kept(origin):
    origin.routes["/robots.txt"] = Reply(200, b"User-agent: *\nCrawl-delay: 2\n", {"Content-Type": "text/plain"})
    origin.routes["/essay"] = html_reply(WORDS)
    waited: list[float] = []
    client = Fetcher("x", FAST, sleep=waited.append, clock=lambda: 0.0)  # (a clock that stands still)
    client.get(origin.url("/essay"))
    client.get(origin.url("/essay"))
    assert waited == [2.0, 2.0]  # (before each page; robots.txt itself came first, unknown yet)


def test_a_wayback_snapshot_is_fetched_as_it_was_saved():
    assert fetched_address("https://web.archive.org/web/20260302000000/https://a.org/x") == (
        "https://web.archive.org/web/20260302000000id_/https://a.org/x"
    )
    assert fetched_address("https://web.archive.org/web/20260302000000id_/https://a.org/x").count("id_") == 1
    assert fetched_address("https://archive.ph/abcde") == "https://archive.ph/abcde"


def test_an_answer_cut_short_is_tried_again_and_an_address_that_is_not_one_is_said(origin):
    origin.routes["/cut"] = Reply(200, b"<p>only", {"Content-Type": "text/html", "Content-Length": "9999"})
    copy = look(fetcher(dataclasses.replace(FAST, timeout=0.3)), origin.url("/cut"), evidence(QUOTE))
    assert copy.state == "unreachable" and origin.hits("/cut") == 2
    assert look(fetcher(), "mailto:editor@example.org", evidence(QUOTE)).detail == (
        "mailto:editor@example.org is not an address that can be fetched"
    )
