"""The whole corpus as one Frictionless data package per edition (reference/data/): valid by
the standard's own validator for any corpus, its claims' evidence the same as the themes'
exports, its editorial fields in the edition's language, and linked where readers look."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

EDITIONS = ("", "es/")
DATA = "reference/data/"


def frictionless_report(descriptor: Path) -> tuple[bool, list]:
    """What ``frictionless validate`` says of the package: (valid, its errors)."""
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(descriptor))
    return report.valid, report.flatten(["type", "note"])


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_package_is_valid_for_any_corpus(any_site, edition):
    folder = any_site[0] / edition / DATA
    valid, errors = frictionless_report(folder / "datapackage.json")
    assert valid, errors
    resources = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    assert [r["name"] for r in resources] == ["themes", "claims", "essays", "evidence", "events", "figures", "terms"]
    for resource in resources:
        assert resource["licenses"] and resource["sources"], resource["name"]
        assert all(f.get("description") for f in resource["schema"]["fields"]), resource["name"]


def test_the_validator_finds_a_broken_join(site, tmp_path):
    """The check can fail: a passage of an essay the package does not hold breaks its foreign key."""
    folder = shutil.copytree(site[0] / DATA, tmp_path / "data")
    evidence = (folder / "evidence.csv").read_text(encoding="utf-8")
    first = rows(folder / "evidence.csv")[0]["essay"]
    (folder / "evidence.csv").write_text(evidence.replace(f",{first},", ",no-such-essay,", 1), encoding="utf-8")
    valid, errors = frictionless_report(folder / "datapackage.json")
    assert not valid
    assert [e[0] for e in errors] == ["foreign-key"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_claims_evidence_is_its_themes_export(site, edition):
    """One mechanism: each claim's passages are the rows of its theme's CSV, relation and all."""
    folder = site[0] / edition
    evidence = [r for r in rows(folder / DATA / "evidence.csv") if r["claim"]]
    exported = [
        r for path in sorted(folder.glob("themes/*/*-claims.csv")) for r in rows(path)
    ]  # (the themes in their order in the package are the themes' order)
    shared = ("position", "relation", "relation_label", "essay", "paragraph", "quote", "speaker", "note", "url")
    by_claim = {(r["claim_id"], r["position"]): [r[c] for c in shared] for r in exported}
    assert {(r["claim"], r["position"]): [r[c] for c in shared] for r in evidence} == by_claim
    assert {"same-essay", "agrees", "lead"} <= {r["relation"] for r in evidence}


def test_the_spanish_package_has_the_spanish_editorial_fields(site):
    folder = site[0] / "es" / DATA
    claims = {r["id"]: r for r in rows(folder / "claims.csv")}
    assert (
        claims["climate-among-causes"]["title"] == "La alteración del clima, entre las fuerzas que expulsan a la gente"
    )
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "Root Causes: el corpus como datos"
    assert descriptor["resources"][3]["title"] == "Evidencia: cada pasaje citado, textual, con lo que respalda"
    evidence = rows(folder / "evidence.csv")
    assert "También en este ensayo" in {r["relation_label"] for r in evidence}
    # (the quotes are the essays' own words, in either edition)
    english = rows(site[0] / DATA / "evidence.csv")
    assert [r["quote"] for r in evidence] == [r["quote"] for r in english]
    assert (folder / "rights.txt").read_text(encoding="utf-8").startswith("Texto editorial © los colaboradores")


def test_the_essays_table_states_each_essays_rights_and_address(site):
    essays = {r["slug"]: r for r in rows(site[0] / DATA / "essays.csv")}
    broad = essays["broad-2014"]
    assert broad["rights"].startswith("© the author and The Hill.")
    assert broad["url"].startswith("https://thehill.com/")
    package = json.loads((site[0] / DATA / "datapackage.json").read_text(encoding="utf-8"))
    sources = package["resources"][2]["sources"]
    assert {"title": "Broad (July 2014), " + broad["title"], "path": broad["url"]} in sources


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_package_is_linked_from_the_about_page_and_each_theme(site, edition):
    folder, pages = site
    about = pages[f"{edition}about/index.html"]
    assert "../reference/data/datapackage.json" in {href for href, _ in about.links}
    themes = [p for p in pages if p.startswith(f"{edition}themes/") and p.count("/") == len(edition.split("/")) + 1]
    assert themes
    for page in themes:
        assert "../../reference/data/datapackage.json" in {href for href, _ in pages[page].links}, page


def test_a_passages_id_stays_when_another_is_taken_away(project, capsys):
    """An id names the claim, the essay and the paragraph, not the passage's place among the
    claim's: a researcher's notes on the other passages still join after an edit."""
    from tests.conftest import run

    def ids() -> dict[str, str]:
        assert run(project, "build", capsys=capsys)[0] == 0
        found = rows(project / "docs" / DATA / "evidence.csv")
        return {r["quote"]: r["id"] for r in found if r["claim"] == "who-gains-who-pays"}

    before = ids()
    path = project / "seeds/crossrefs/trade.yml"
    lines = path.read_text(encoding="utf-8").splitlines(True)
    claim = lines.index("  - id: who-gains-who-pays\n")
    items = [i for i, line in enumerate(lines) if i > claim and line.startswith("      - essay:")][:3]
    path.write_text("".join(lines[: items[1]] + lines[items[2] :]), encoding="utf-8")  # (its second passage)
    after = ids()
    assert len(after) == len(before) - 1 == 3
    assert all(before[quote] == id_ for quote, id_ in after.items())
    assert all(id_.startswith("claim:who-gains-who-pays:") for id_ in after.values())


def test_a_themes_export_gives_each_quotes_translation_as_its_page_does(site):
    """The Spanish edition shows the editors' translation of an English quote: its theme's
    CSV and JSON give it too, and the JSON says in which language its fields are."""
    import html

    folder = site[0] / "es/themes/trade"
    page = (folder / "index.html").read_text(encoding="utf-8")
    translated = [r for r in rows(folder / "trade-claims.csv") if r["translation"]]
    assert translated and all(html.escape(r["translation"], quote=False) in page for r in translated)
    data = json.loads((folder / "trade-claims.json").read_text(encoding="utf-8"))
    assert data["language"] == "es"
    assert {q["translation"] for c in data["claims"] for q in c["evidence"]} >= {r["translation"] for r in translated}
