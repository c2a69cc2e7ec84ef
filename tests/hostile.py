"""A corpus of hostile inputs, and a copy of the project with them in every field.

Each payload carries a marker (``rc01``…) so that wherever it lands can be found.
``refused`` says whether ``make check`` must refuse it (raw HTML or a script
address, however encoded); the others are odd but harmless text that must build
and show as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Payload:
    marker: str
    text: str
    refused: bool


_RAW = [
    ("<script>alert('{m}')</script>", True),
    ("<img src=x onerror=\"alert('{m}')\">", True),
    ("<svg onload=\"alert('{m}')\"></svg>", True),
    ("<svg><script>alert('{m}')</script></svg>", True),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert('{m}')>", True),
    ("<a href=\"javascript:alert('{m}')\">{m}</a>", True),
    ("<a href=\"&#106;avascript:alert('{m}')\">{m}</a>", True),
    ("[{m}](jav&#x09;ascript:alert('{m}'))", True),
    ("[{m}](javascript:alert('{m}'))", True),
    ("[{m}](JaVaScRiPt:alert('{m}'))", True),
    ("[{m}][ref-{m}] [ref-{m}]: javascript:alert('{m}')", True),
    ("![{m}](javascript:alert('{m}'))", True),
    ("<iframe src=\"javascript:alert('{m}')\"></iframe>", True),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(\'{m}\')">', True),
    ('<base href="https://evil.example/{m}/">', True),
    ("text {{: onclick=\"alert('{m}')\" }}", False),
    ("*{m}*{{: onmouseover=\"alert('{m}')\" #pwned-{m} }}", False),
    ("<details open ontoggle=\"alert('{m}')\">", True),
    ("<object data=\"javascript:alert('{m}')\"></object>", True),
    ('<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" id="{m}">', True),
    ("[{m}](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", True),
    ("<form action=\"javascript:alert('{m}')\"><button>{m}</button></form>", True),
    ("<input autofocus onfocus=\"alert('{m}')\">", True),
    ("<style>@import 'https://evil.example/{m}.css';</style>", True),
    ("<div style=\"background:url(javascript:alert('{m}'))\">{m}</div>", True),
    ("\"><script>alert('{m}')</script>", True),
    ("' onmouseover='alert(\"{m}\")' x='", False),
    ("<!--<img src=x onerror=alert('{m}')>-->", True),
    ("<noscript><p title=\"</noscript><img src=x onerror=alert('{m}')>\">", True),
    ("<svg><a xlink:href=\"javascript:alert('{m}')\"><text>{m}</text></a></svg>", True),
    ("%3Cscript%3Ealert('{m}')%3C/script%3E", True),
    ("&lt;img src=x onerror=alert('{m}')&gt;", True),
    ("<template><img src=x onerror=alert('{m}')></template>", True),
    ('<x-pwned id="pwned-{m}">{m}</x-pwned>', True),
    ('--8<-- "../../mkdocs.yml" {m}', False),
    ("[[claim:pwned-{m}]] and [[no-such-essay#p-{m}]]", False),
    ("<a href=\"  java\tscript:alert('{m}')\">{m}</a>", True),
    ('vbscript:msgbox("{m}")', True),
    ("{m} &amp; &#60;b&#62; * _ ` # | \\ [ ] ( ) {{ }}", True),
]
PAYLOADS = [Payload(f"rc{i:02d}", text.format(m=f"rc{i:02d}"), refused) for i, (text, refused) in enumerate(_RAW, 1)]

# The fields an editor writes freely (not ids, dates, choices, addresses, nor text
# that must match the source: quotes and cleaning rules other than their reason).
FREE_TEXT = {
    "title",
    "title_note",
    "summary",
    "given",
    "family",
    "about",
    "outlet",
    "section",
    "date_note",
    "rights",
    "reason",
    "claim",
    "note",
    "figure",
    "measures",
    "expansion",
    "definition",
    "question",
    "intro",
}


def _plant(data, payloads, placed: list) -> object:
    """``data`` with a payload appended to every free-text field; ``placed`` records them."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if key in FREE_TEXT and isinstance(value, str):
                payload = payloads[len(placed) % len(payloads)]
                placed.append((key, payload))
                out[key] = f"{value} {payload.text}"
            else:  # (not in a translation's fingerprints, which are hashes: es_of)
                out[key] = value if key.endswith("_of") else _plant(value, payloads, placed)
        return out
    if isinstance(data, list):
        return [_plant(v, payloads, placed) for v in data]
    return data


def plant(root: Path, payloads: list[Payload]) -> dict[str, list[tuple[str, Payload]]]:
    """Put ``payloads`` into every free-text field of every seeds file (rewritten with one
    scalar per line); return, per file, the (field, payload) pairs in file order."""
    placements = {}
    for path in sorted((root / "seeds").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        placed: list = []
        data = _plant(data, payloads, placed)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
        placements[path.relative_to(root).as_posix()] = placed
    return placements


HOSTILE_FRONT_MATTER = (
    "---\ntitle: \"</title><script>alert('rc91')</script>\"\n"
    'description: \'" http-equiv="refresh" content="0;url=javascript:alert(1)\'\n'
    "subtitle: \"<img src=x onerror=alert('rc92')>\"\n---\n\n"
)


def add_hostile_essay(root: Path, front_matter: bool = True) -> None:
    """An essay whose source text is every payload, one per paragraph, with a claim quoting
    some of them, and a hand-written page with every payload as raw Markdown and HTML
    (but the citations to nothing, which ``make check`` refuses in hand-written pages),
    and, if ``front_matter``, payloads in its front matter."""
    essays = root / "seeds" / "essays"
    (essays / "hostile-2026.txt").write_text(
        "\n\n".join(f"Paragraph {p.marker} says {p.text} and ends." for p in PAYLOADS) + "\n", encoding="utf-8"
    )
    (essays / "hostile-2026.yml").write_text(
        yaml.safe_dump(
            {
                "title": "A hostile essay",
                "authors": [{"given": "Eve", "family": "Mallory"}],
                "genre": "article",
                "date": "2026-01-01",
                "date_precision": "day",
                "rights": "Test text.",
                "themes": ["trade"],
                "cleaning": [],
            }
        ),
        encoding="utf-8",
    )
    trade = root / "seeds" / "crossrefs" / "trade.yml"
    data = yaml.safe_load(trade.read_text(encoding="utf-8"))
    data["claims"].append(
        {
            "id": "hostile-quotes",
            "title": "Hostile quotes",
            "claim": "Mallory writes markup.",
            "evidence": [
                {"essay": "hostile-2026", "quote": f"says {p.text} and ends", **({"relation": "agrees"} if i else {})}
                for i, p in enumerate(PAYLOADS[:8])
            ],
        }
    )
    trade.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    front = HOSTILE_FRONT_MATTER if front_matter else ""
    (root / "docs" / "hostile.md").write_text(
        front
        + "# Hostile page\n\n"
        + "\n\n".join(p.text for p in PAYLOADS if "[[" not in p.text)
        + "\n\n"
        + '<div markdown="1" onclick="alert(\'rc93\')">*inside*</div>\n\n'
        + 'A paragraph with attributes\n{: onclick="alert(\'rc94\')" style="x:expression(alert(1))" }\n',
        encoding="utf-8",
    )
