"""Every page of the built site is valid HTML: the Nu Html Checker (vnu-jar from npm,
run with Java) reports zero errors."""

from __future__ import annotations

import json
import shutil
import subprocess

from tests.browser import NODE_MODULES
from tests.conftest import need

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Java's options for one short run: its first compiler alone (the second, optimising one
# cost more CPU than it saved: 4.4 s for the fixture site's 52 pages, against 1.9 s), one
# thread collecting garbage, and a stack large enough for the checker's schema under that
# compiler (at 1 MiB it stops on a StackOverflowError, which fails the test).
JAVA = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m"]


def test_the_nu_html_checker_finds_no_error_on_any_page(any_site):
    need(shutil.which("java") is not None, "Java (apt-get install default-jre-headless)")
    need(VNU.exists(), "vnu-jar: run `npm ci --ignore-scripts --prefix tests/node` (make test does)")
    folder, _, checked = any_site
    pages = sorted(str(p) for p in folder.rglob("*.html"))
    done = subprocess.run(
        [*JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    errors = [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []
    checked_pages = (
        {str(folder / f"essays/{e.slug}/index.html") for e in checked.corpus.essays}
        | {str(folder / f"themes/{t.id}/index.html") for t in checked.corpus.themes}
        | {str(folder / "404.html")}
    )
    assert checked_pages <= set(pages)
