"""The citations of hand-written pages, as data for the Markdown extension.

A hand-written page in docs/ may cite ``[[claim:<id>]]`` or ``[[<essay>#<paragraph>]]``
(found by ``load``, checked by ``anchor``). The generator writes what those citations
show — the quotes, their attributions, the addresses of their paragraphs — into
``docs/snippets/citations.json``; the extension (:mod:`build_tools.site.markdown_ext`), run by
whichever engine renders the pages, reads that file and lays it out. So the extension
neither runs the pipeline again nor depends on the folder the engine runs in.
"""

from __future__ import annotations

import json
import re

from ..languages import gettext
from ..model import ClaimCite, Corpus, Evidence, PageCitation, PassageCite, Quote
from ..problems import SourceLoc
from .markdown_text import at_source, foreign, text_fragment

CITATIONS = "snippets/citations.json"  # under docs/; mkdocs.yml gives it to the extension

# (An essay's and a paragraph's ids are found with the letters of any language and capitals,
# as a reader may type them, so that ``check`` gives the id to write rather than let them show
# as typed.)
CITATION = re.compile(r"\[\[(?:claim:(?P<claim>[a-z][a-z0-9-]*)|(?P<essay>[^\W_][\w-]*)#(?P<para>[\w-]+))\]\]")
# Code, where a citation is only an example of the syntax.
_CODE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]*`", re.S | re.M)


def find_citations(markdown_text: str, path: str) -> list[PageCitation]:
    """Every citation in the Markdown of the page at ``path`` (outside code), where it stands."""
    blanked = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown_text)
    found: list[PageCitation] = []
    for m in CITATION.finditer(blanked):
        loc = SourceLoc(path, blanked.count("\n", 0, m.start()) + 1, m.start() - blanked.rfind("\n", 0, m.start()))
        found.append(ClaimCite(loc, m[0], m["claim"]) if m["claim"] else PassageCite(loc, m[0], m["essay"], m["para"]))
    return found


def quote_data(quote: Quote, site_language: str, relation: str | None = None) -> dict:
    """What the extension shows of one quote: its words (with their emphasis and
    corrections, and their language where it is not the site's), its attribution and its
    address."""
    essay, excerpt = quote.essay, quote.excerpt()
    return {
        "lang": foreign(essay.language, site_language),
        "translation": quote.evidence.translation,
        "essay": essay.slug,
        "paragraph": quote.paragraph.id,
        "relation": relation,
        "text": excerpt.text,
        "emphasis": excerpt.emphasis,
        "corrections": excerpt.corrections,
        "by": f"— {quote.said_by_in(site_language, essay.byline_in(site_language))}, "
        + (f"“{essay.title}”, " if essay.year_letter else ""),
        "outlet": essay.outlet,
        # (the "·" after the date is the stylesheet's, before the link it goes with)
        "date": f"{'' if essay.outlet else gettext(site_language, essay.genre)}, {essay.date.shown(site_language)} ",
        "fragment": str(text_fragment(quote)),
        "at_source": at_source(quote),
    }


def citation_data(corpus: Corpus, quotes: dict[Evidence, Quote]) -> str:
    """``docs/snippets/citations.json``: every claim and paragraph that a hand-written page cites."""
    cited_claims = {c.claim for c in corpus.page_citations if isinstance(c, ClaimCite)}
    language = corpus.site.language
    cited_paragraphs = {(c.essay, c.paragraph): c.loc for c in corpus.page_citations if isinstance(c, PassageCite)}
    claims = {}
    for claim in corpus.claims:
        if claim.id in cited_claims:
            lead = quotes[claim.evidence[0]]
            claims[claim.id] = {
                "theme": claim.theme,
                "title": claim.title,
                "claim": claim.claim,
                "quotes": [
                    quote_data(quotes[ev], language, quotes[ev].relation_to(lead) if i else None)
                    for i, ev in enumerate(claim.evidence)
                ],
            }
    passages = {}
    for essay in corpus.essays:
        for p in essay.paragraphs:
            if cited := cited_paragraphs.get((essay.slug, p.id)):
                passages[f"{essay.slug}#{p.id}"] = {
                    "label": essay.label_in(language),
                    "opening": " ".join(p.text.split()[:6]),
                    # (the whole paragraph, as cited where a page first cites it)
                    "quote": quote_data(Quote(Evidence(essay.slug, p.text, cited), essay, p, 0, len(p.text)), language),
                }
    data = {"claims": claims, "passages": passages, "language": language}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
