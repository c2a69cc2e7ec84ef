"""``make bench``: build synthetic corpora of N essays and print what the build costs.

Each corpus is written in our own seeds format: N essays of about 2,300 words made
deterministically from the paragraphs of the real essays, the real themes, and one claim
per essay quoting it and its neighbour. Each is built in a fresh folder by the generator
(``python -m build_tools build``), then by MkDocs as ``python -m build_tools site`` runs
it (``build_tools.site.mkdocs_build``) and the publishing stage (``build_tools.site.publish``) on
the generated Markdown, each in its own process, so that the table shows what each step
takes alone; the whole build is ``python -m build_tools site`` itself, from nothing, on a
copy of the corpus (the editions' engines run at once there, each published when it is
built). The table shows the generator's share of it, the peak memory of any process and of
the whole build's processes together, the
size of ``site/``, and — in Chromium, counting what the server sends,
gzipped — what the first view of a theme page weighs and what a reader then downloads to
get the results of a first search — and how long ``make serve`` takes to show an edit to
one essay; then, on the same Markdown, the second engine, Zensical, with the same
publishing stage, and stock MkDocs + Material (the same configuration without our hooks
and publishing stage: Material's own search index, the whole navigation on every page),
so that every figure can be read as a ratio from one run.

    python -m tests.bench [N ...]     (default: 10 100 1000)
"""

from __future__ import annotations

import gzip
import hashlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from build_tools.__main__ import _mkdocs_env
from build_tools.formats.spliced import splice
from build_tools.pipeline import check
from tests.conftest import ROOT, Output, copy_project, fetch, start_serving

WORDS_PER_ESSAY = 2300
SEARCH = "remittances"  # a word of the real essays, found in many synthetic ones
SEARCH_WORKER = "assets/javascripts/search-worker.js"


def paragraph_pool(root: Path = ROOT) -> list[str]:
    """The body paragraphs of the essays of the project at ``root`` (the real corpus), cleaned, in a fixed order."""
    corpus = check(root).corpus
    return [p.text for e in corpus.essays for p in e.paragraphs if p.kind == "paragraph" and len(p.text) > 200]


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_corpus(root: Path, n: int, pool: list[str]) -> None:
    """Replace the essays and cross-references of the project at ``root`` by ``n`` synthetic ones."""
    seeds = root / "seeds"
    for folder in ("essays", "crossrefs"):
        shutil.rmtree(seeds / folder)
        (seeds / folder).mkdir()
    for name in ("seeds/timeline.yml", "seeds/figures.yml"):  # (they cite the real essays, as the guides do)
        (root / name).unlink()
    for guide in (root / "docs").rglob("reading-guide.md"):
        guide.unlink()
    themes = re.findall(r"^  - id: ([a-z-]+)", (seeds / "themes.yml").read_text(encoding="utf-8"), re.M)
    openings = {}
    for i in range(n):
        slug = f"essay-{i:04d}"
        paragraphs, words, k = [], 0, i * 7
        while words < WORDS_PER_ESSAY:
            text = pool[k % len(pool)]
            if text not in paragraphs:
                paragraphs.append(text)
                words += len(text.split())
            k += 1
        # The first paragraph is the essay's own, so that quoting it is unambiguous.
        opening = f"Essay {i} opens: {paragraphs[0]}"
        openings[slug] = " ".join(opening.split()[:14])
        text = ("\n\n".join([opening, *paragraphs[1:]]) + "\n").encode()
        (seeds / "essays" / f"{slug}.txt").write_bytes(text)
        (seeds / "essays" / f"{slug}.yml").write_text(
            f"title: Synthetic essay number {i}\nauthors:\n  - given: Ann\n    family: Author{i}\n"
            f'genre: article\noutlet: Bench Review\ndate: "{2000 + i % 22}"\ndate_precision: year\n'
            f"source_sha256: {hashlib.sha256(text).hexdigest()}\n"
            f"rights: Made for the benchmark from the real essays' paragraphs.\n"
            f"themes: [{', '.join(themes)}]\ncleaning:\n  - rule: join_broken_paragraphs\n",
            encoding="utf-8",
        )
    slugs = sorted(openings)
    for t, theme in enumerate(themes):
        claims = []
        for i in range(t, n, len(themes)):
            a, b = slugs[i], slugs[(i + 1) % n]
            claims.append(
                f"  - id: claim-{i:04d}\n    title: Claim {i}\n    claim: Author{i} argues a point.\n"
                f"    evidence:\n      - essay: {a}\n        quote: {_yaml_text(openings[a])}\n"
                f"      - essay: {b}\n        quote: {_yaml_text(openings[b])}\n"
                f"        relation: agrees\n"
            )
        if claims:
            (seeds / "crossrefs" / f"{theme}.yml").write_text("claims:\n" + "".join(claims), encoding="utf-8")
    _keep_used_terms(seeds, [(seeds / "essays" / f"{slug}.txt").read_text(encoding="utf-8") for slug in slugs])


def _keep_used_terms(seeds: Path, texts: list[str]) -> None:
    """Keep in the glossary only the terms that the synthetic corpus uses (its essays, the
    themes' words, the other terms' definitions): a term that no text uses is a warning."""
    path = seeds / "glossary.yml"
    if not path.exists():
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    words = "\n".join([*texts, (seeds / "themes.yml").read_text(encoding="utf-8")])

    def used(term: dict) -> bool:  # (in the synthetic corpus, or in another entry's definition)
        elsewhere = "\n".join([words, *(t["definition"] for t in data["terms"] if t is not term)])
        return any(re.search(rf"\b{re.escape(f)}\b", elsewhere) for f in [term["term"], *term.get("also", ())])

    data["terms"] = [t for t in data["terms"] if used(t)]
    if data["terms"]:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    else:
        path.unlink()


def timed(cmd: list[str], cwd: Path) -> tuple[float, int, int]:
    """Run ``cmd``; its wall-clock seconds, the peak resident memory of its largest process
    (KiB), and the peak of all its processes together (KiB, sampled: :func:`held_kib`)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=_mkdocs_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    together, ended = [0], threading.Event()

    def sample() -> None:
        while not ended.wait(0.25):
            together[0] = max(together[0], held_kib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    ended.set()
    sampler.join()
    if status:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss, together[0]


def held_kib(pid: int) -> int:
    """The memory (KiB) that process ``pid`` and every process under it hold at once, a page
    they share counted once (the sum of their proportional set sizes: Linux's smaps_rollup)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            held = next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                held += sum(held_kib(int(child)) for child in children.read().split())
    except (OSError, StopIteration):  # (it ended meanwhile)
        return 0
    return held


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def served_size(site: Path, paths: list[str]) -> int:
    files = [site / p for p in paths]
    return sum(gz(f / "index.html" if f.is_dir() else f) for f in files)


def first_view_and_search(site: Path, query: str) -> tuple[int, int]:
    """Gzipped bytes the server sends, in Chromium: to show a theme page (until the network
    is idle), then from there to the results of a first search for ``query``."""
    from tests.browser import chromium, serve

    served: list[str] = []
    with serve(site, served) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "themes/trade/", wait_until="networkidle")
        # Material starts its search worker once the page is idle: part of every page's load,
        # searched or not, so counted in the first view rather than left to the race between
        # the two (in which the worker's 4.5 KiB fell on one side or the other from run to run).
        deadline = time.monotonic() + 30
        while SEARCH_WORKER not in served and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        page.wait_for_load_state("networkidle")
        loaded = len(served)
        page.locator(".md-search__input").click()
        page.keyboard.type(query)
        page.wait_for_function("document.querySelector('.md-search-result__list li')")
        page.wait_for_load_state("networkidle")
        return served_size(site, served[:loaded]), served_size(site, served[loaded:])


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def serve_edit(root: Path, slugs: list[str]) -> float:
    """Seconds from saving an edit to an essay's source to ``make serve`` serving the edited
    page (the generator, then MkDocs' rebuild, then the page fetched anew): the median over
    one edit to each of ``slugs``, each once the search index of the last rebuild is written."""
    server, address = start_serving(root, stderr=subprocess.PIPE)
    said = Output(server)

    def page(slug: str) -> str:
        return fetch(f"{address}essays/{slug}/")

    def indexed(times: int) -> None:  # (Pagefind indexes the site after each rebuild, in the background)
        while said.text.count("Search index updated") < times:
            time.sleep(0.2)

    try:
        while "Essay" not in page(slugs[0]):
            time.sleep(0.5)
        times = []
        for i, slug in enumerate(slugs):
            indexed(i + 1)
            meta = root / "seeds" / "essays" / f"{slug}.yml"  # (an editor edits the metadata, not the text)
            marker = "Edited-for-the-benchmark"
            start = time.perf_counter()
            meta.write_text(
                meta.read_text(encoding="utf-8").replace("title: ", f"title: {marker} ", 1), encoding="utf-8"
            )
            while marker not in page(slug):
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait()


PUBLISH = [sys.executable, "-m", "build_tools.site.publish"]


ZENSICAL = [
    sys.executable,
    "-c",
    "import os, sys; from pathlib import Path; from build_tools.site import engines; "
    "sys.exit(engines.build('zensical', Path(sys.argv[1]), Path(sys.argv[2]), dict(os.environ)))",
]


# The Spanish edition, as `python -m build_tools site` builds it after the first: its own
# MkDocs build from docs/es/ (then the same publishing stage, on its own folder).
SPANISH = [
    sys.executable,
    "-c",
    "import sys; from pathlib import Path; from build_tools.site import engines; "
    "from build_tools.__main__ import _mkdocs_env; "
    "sys.exit(engines.build('mkdocs', Path(sys.argv[1]), Path(sys.argv[2]), _mkdocs_env(), 'es', 'es'))",
]


def stock(root: Path) -> Path:
    """A copy of the project's ``mkdocs.yml`` without its hooks: stock MkDocs + Material, on a
    copy of the first edition's ``docs/`` whose pages hold the HTML that the generator sets
    aside for our publishing stage (build_tools/formats/spliced.py) — the same pages, as
    Markdown alone, that stock MkDocs would be given."""
    docs = root / "docs-stock"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(
        root / "docs",
        docs,
        copy_function=os.link,
        ignore=lambda folder, names: ["es"] if folder == str(root / "docs") else [],  # (the first edition's alone)
    )
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if "data-spliced" in text:
            page.unlink()  # (a link to the original: written anew, not into it)
            page.write_text(splice(text, docs), encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    stock_config = root / ".stock.yml"
    stock_config.write_text(
        re.sub(r"(?m)^hooks:\n(  - .*\n)+", "", config) + "docs_dir: docs-stock\n", encoding="utf-8"
    )
    assert "hooks:" not in stock_config.read_text(encoding="utf-8")
    return stock_config


# Nothing is removed between the timed steps, and no step is timed after a removal: on this
# machine's disk (ext4 without a journal, where Linux passes over the inodes freed in the last
# minute before it reuses one), making files soon after thousands were removed costs several
# times more. The whole build timed just after the last one's folder was removed took 32-35 s,
# against 27-30 s on a fresh folder (7 December, N = 1,000): the bench would time its own
# clean-up. Each size's folders are removed together once all sizes are measured.
def measure(n: int, pool: list[str], tmp: Path) -> dict:
    root = copy_project(tmp / "project")
    write_corpus(root, n, pool)
    # The whole build as `make site` runs it, from nothing, on a copy of the same corpus:
    # the generator, then the engine's editions at once, each published when it is built.
    whole = copy_project(tmp / "whole")
    write_corpus(whole, n, pool)
    total_s, total_kib, held = timed([sys.executable, "-m", "build_tools", "--root", str(whole), "site"], whole)
    gen_s, gen_kib, _ = timed([sys.executable, "-m", "build_tools", "--root", str(root), "build"], root)
    # (MkDocs as `python -m build_tools site` runs it: its loops over the pages on every core)
    mk_s, mk_kib, _ = timed(
        [sys.executable, "-m", "build_tools.site.mkdocs_build", "build", "--site-dir", str(root / "site")], root
    )
    site = root / "site"
    pub_s, pub_kib, _ = timed(PUBLISH + [str(site), str(root / "docs")], root)
    mk_s, mk_kib = mk_s + pub_s, max(mk_kib, pub_kib)  # (the engine, then the publishing stage)
    # The second engine on the same generated Markdown, then the same publishing stage.
    zsite = root / "site-zensical"
    zen_s, zen_kib, _ = timed(ZENSICAL + [str(root), str(zsite)], root)
    zpub_s, zpub_kib, _ = timed(PUBLISH + [str(zsite), str(root / "docs")], root)
    stock_s, _, _ = timed(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--quiet",
            "--config-file",
            str(stock(root)),
            "--site-dir",
            str(root / "site-stock"),
        ],
        root,
    )
    es_site = root / "site-es"
    es_s, es_kib, _ = timed(SPANISH + [str(root), str(es_site)], root)
    es_pub_s, es_pub_kib, _ = timed(PUBLISH + [str(es_site), str(root / "docs" / "es")], root)
    es_view, es_search = first_view_and_search(es_site, SEARCH)
    view, search = first_view_and_search(site, SEARCH)
    edit = serve_edit(root, [f"essay-{n * k // 4:04d}" for k in (1, 2, 3)])  # (last: serving removes files)
    return {
        "n": n,
        "generator": gen_s,
        "mkdocs": mk_s,
        "total": total_s,
        # (stock MkDocs builds one edition's Markdown: both editions, as ours, are twice that)
        "stock": 2 * stock_s,
        "zensical": zen_s + zpub_s,
        "zensical_mib": max(zen_kib, zpub_kib) / 1024,
        "peak_mib": max(gen_kib, mk_kib, es_kib, es_pub_kib, total_kib) / 1024,
        "held_mib": held / 1024,
        "spanish": es_s + es_pub_s,
        "es_view_kib": es_view / 1024,
        "es_search_kib": es_search / 1024,
        "site_mb": size(site) / 1e6,
        "first_view_kib": view / 1024,
        "first_search_kib": search / 1024,
        "serve_edit": edit,
    }


COLUMNS = [
    ("N", "n", "{:d}"),
    ("generator s", "generator", "{:.2f}"),
    ("MkDocs s", "mkdocs", "{:.2f}"),
    ("Spanish edition s", "spanish", "{:.2f}"),
    ("total s", "total", "{:.2f}"),
    ("stock MkDocs, 2 editions s", "stock", "{:.2f}"),
    ("total ÷ stock", "ratio", None),
    ("generator share", "share", None),
    ("peak MiB", "peak_mib", "{:.0f}"),
    ("site/ MB", "site_mb", "{:.1f}"),
    ("first view KiB gz", "first_view_kib", "{:.0f}"),
    ("first search KiB gz", "first_search_kib", "{:.0f}"),
    ("serve edit s", "serve_edit", "{:.2f}"),
    ("es first view KiB gz", "es_view_kib", "{:.0f}"),
    ("es first search KiB gz", "es_search_kib", "{:.0f}"),
    ("Zensical s", "zensical", "{:.2f}"),
    ("Zensical peak MiB", "zensical_mib", "{:.0f}"),
    ("whole build's peak MiB", "held_mib", "{:.0f}"),
]


def row(r: dict) -> list[str]:
    shares = {"ratio": f"{r['total'] / r['stock']:.2f}", "share": f"{r['generator'] / r['total']:.0%}"}
    return [shares[key] if fmt is None else fmt.format(r[key]) for _, key, fmt in COLUMNS]


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10, 100, 1000]
    pool = paragraph_pool()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}",
        flush=True,
    )
    print("| " + " | ".join(c[0] for c in COLUMNS) + " |")
    print("|" + "|".join("--:" for _ in COLUMNS) + "|", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for n in sizes:
            print("| " + " | ".join(row(measure(n, pool, Path(tmp) / str(n)))) + " |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
