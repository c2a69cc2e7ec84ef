"""Texts where several people speak: speakers' turns and separators declared by cleaning
rules, participants named in the metadata, each quote attributed to its speaker, and the
citation types of transcripts, speeches, hearings and press releases. On the fixture
corpus's invented transcript (seeds/essays/conferencia-2024)."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

from build_tools.formats import bibliography
from build_tools.model import EssayDate, Excerpt, Participant
from build_tools.problems import Collector
from build_tools.stages.localize import localize
from build_tools.stages.standing import unknown_speaker
from tests.conftest import run
from tests.test_clean_rules import apply, clean_essay, essay_with

TRANSCRIPT = (
    "Conferencia\n\nMODERADOR\n\nBuenos días.\n\n---\n\nPRESIDENTA ANA PÉREZ\n\nGracias.\n\nSegundo párrafo.\n\n---\n"
)


def cleaned(raw: str, *rules):
    problems = Collector()
    essay = clean_essay(essay_with(raw, *rules), problems)
    assert problems.problems == []
    return essay


def test_labels_on_lines_of_their_own_open_turns_and_separators_go_however_many():
    essay = cleaned(
        TRANSCRIPT,
        ("drop", {"starts_with": "Conferencia", "reason": "r"}),
        ("separators", {"text": "---", "reason": "r"}),
        ("speaker_turns", {"labels": "line"}),
    )
    assert [(p.kind, p.text, p.speaker, p.id) for p in essay.paragraphs] == [
        ("speaker", "MODERADOR", "MODERADOR", "p-moderador"),
        ("paragraph", "Buenos días.", "MODERADOR", "p-buenos-dias"),
        ("speaker", "PRESIDENTA ANA PÉREZ", "PRESIDENTA ANA PÉREZ", "p-presidenta-ana-perez"),
        ("paragraph", "Gracias.", "PRESIDENTA ANA PÉREZ", "p-gracias"),
        ("paragraph", "Segundo párrafo.", "PRESIDENTA ANA PÉREZ", "p-segundo-parrafo"),
    ]
    removed = [(c.rule, c.text, c.line) for c in essay.changes if c.action == "removed"]
    assert removed == [("drop", "Conferencia", 1), ("separators", "---", 7), ("separators", "---", 15)]
    assert [(c.text, c.detail) for c in essay.changes if c.rule == "speaker_turns"] == [
        ("MODERADOR", "speaker"),
        ("PRESIDENTA ANA PÉREZ", "speaker"),
    ]


def test_a_label_before_a_colon_is_split_from_its_turn():
    essay = cleaned(
        "Opening words.\n\nMODERADOR: Buenos días.\n\nSEN. JANE DOE (D-XX): Thank you. Q: is not a label.\n\nMore.",
        ("speaker_turns", {"labels": "prefix"}),
    )
    assert [(p.kind, p.text, p.speaker) for p in essay.paragraphs] == [
        ("paragraph", "Opening words.", ""),
        ("speaker", "MODERADOR:", "MODERADOR"),
        ("paragraph", "Buenos días.", "MODERADOR"),
        ("speaker", "SEN. JANE DOE (D-XX):", "SEN. JANE DOE (D-XX)"),
        ("paragraph", "Thank you. Q: is not a label.", "SEN. JANE DOE (D-XX)"),
        ("paragraph", "More.", "SEN. JANE DOE (D-XX)"),
    ]


@pytest.mark.parametrize(
    "texts, params",
    [
        (["Buenos días, MODERADOR", "Gracias: nada más.", "Mr. Smith: hello"], {"labels": "prefix"}),
        (["Buenos días.", "Moderador", "GRACIAS, muy amable", "GRACIAS."], {"labels": "line"}),
    ],
)
def test_mixed_case_and_sentences_are_not_labels(texts, params):
    with pytest.raises(Exception, match="no paragraph of the text"):
        apply("speaker_turns", texts, **params)


@pytest.mark.parametrize(
    "name, texts, params, message",
    [
        (
            "speaker_turns",
            ["MODERADOR Buenos días."],
            {"labels": "line"},
            "no paragraph of the text is a speaker's name in capitals on a line of its own: if the text "
            "has one paragraph a line, declare 'one_paragraph_per_line' before this rule; if each name "
            "opens its paragraph before a colon, write 'labels: prefix'",
        ),
        (
            "speaker_turns",
            ["MODERADOR", "Buenos días."],
            {"labels": "prefix"},
            "no paragraph of the text opens with a speaker's name in capitals and a colon "
            "(\"MODERADOR: …\"): if each name stands on a line of its own, write 'labels: line'; if a "
            "time stamp opens each line (\"[00:01:02] MODERADOR: …\"), declare 'timestamps' before this rule",
        ),
        (
            "separators",
            ["One.", "- - -", "Two."],
            {"text": "---"},
            "no paragraph of the text is only the separator '---': copy it exactly from the text "
            "(if it stands on a line inside a paragraph, declare 'one_paragraph_per_line' before this rule)",
        ),
    ],
)
def test_rule_errors(name, texts, params, message):
    from build_tools.stages.clean.rules import RuleError

    with pytest.raises(RuleError) as caught:
        apply(name, texts, **params)
    assert str(caught.value) == message


def _transcript_quote(checked):
    return next(q for q in checked.quotes.values() if q.essay.slug == "conferencia-2024")


def test_a_quote_from_a_turn_is_its_speakers_in_each_edition(checked):
    quote = _transcript_quote(checked)
    assert quote.paragraph.speaker == "SECRETARIA ELENA RUIZ VEGA"
    assert (quote.speaker, quote.speaker_role) == ("Elena Ruiz Vega", "Secretary of Rural Welfare")
    assert (
        quote.said_by_in("en", "Ejemplo")
        == "Elena Ruiz Vega, Secretary of Rural Welfare, in a transcript published by Ejemplo"
    )
    assert quote.said_by_in("en", "Ejemplo", role=False) == "Elena Ruiz Vega, in a transcript published by Ejemplo"
    _, quotes = localize(checked.corpus, checked.quotes, "es")
    spanish = next(q for q in quotes.values() if q.essay.slug == "conferencia-2024")
    # (an organisation takes its article in a Spanish sentence)
    assert spanish.said_by_in("es", "Oficina de Prensa de Ejemplo") == (
        "Elena Ruiz Vega, secretaria de Bienestar Rural, en la versión estenográfica que publica "
        "la Oficina de Prensa de Ejemplo"
    )
    # as the subject of a sentence ("…, compared with … above"), Spanish closes the aside with a comma
    assert spanish.said_by_in("es", "Oficina de Prensa de Ejemplo", role=False, subject=True) == (
        "Elena Ruiz Vega, en la versión estenográfica que publica la Oficina de Prensa de Ejemplo,"
    )
    assert (
        quote.said_by_in("en", "Ejemplo", role=False, subject=True)
        == "Elena Ruiz Vega, in a transcript published by Ejemplo"
    )
    # a speaker the editors name in the quote itself is the speaker
    named = replace(quote, evidence=replace(quote.evidence, speaker="Someone Else", speaker_role="Reporter"))
    assert named.said_by_in("en", "Ejemplo") == "Someone Else, Reporter, quoted by Ejemplo"
    # a label is found however its accents are encoded, and with a colon after it
    decomposed = unicodedata.normalize("NFD", "PRESIDENTA ANA PÉREZ:")
    ana = replace(essay_with(""), participants=(Participant(decomposed, "Ana Pérez", None),))
    assert ana.participant("PRESIDENTA ANA PÉREZ") == ana.participants[0]
    # a participant known by a role alone is named by it
    essay = quote.essay
    moderator = next(p for p in essay.paragraphs if p.speaker == "MODERADORA" and p.kind == "paragraph")
    assert (
        replace(quote, paragraph=moderator).said_by_in("en", "Ejemplo")
        == "Moderator, in a transcript published by Ejemplo"
    )


def test_a_quote_from_a_transcript_whose_speaker_is_not_known_is_a_warning(checked):
    quote = _transcript_quote(checked)
    assert unknown_speaker(quote) is None
    unnamed = replace(quote, paragraph=replace(quote.paragraph, speaker="PÚBLICO"))
    assert unknown_speaker(unnamed) == (
        "this passage is in the turn of 'PÚBLICO', whom the 'participants' of essay 'conferencia-2024' "
        "do not name: add it there with its 'name' and 'role', or give this quote a 'speaker'"
    )
    outside = replace(quote, paragraph=replace(quote.paragraph, speaker=""))
    assert unknown_speaker(outside) == (
        "this passage of the transcript 'conferencia-2024' is in no speaker's turn: whose words are they? "
        "declare the cleaning rule 'speaker_turns', or add 'speaker' (with 'name', and 'role' where it helps)"
    )
    # an op-ed has no turns to know
    assert unknown_speaker(replace(outside, essay=replace(quote.essay, genre="op-ed"))) is None


def test_check_warns_of_a_turn_whose_speaker_is_not_named_and_strict_fails(project, capsys):
    meta = project / "seeds/essays/conferencia-2024.yml"
    source = meta.read_text(encoding="utf-8")
    meta.write_text(
        source.replace("  - label: SECRETARIA ELENA RUIZ VEGA\n", "  - label: SECRETARIA RUIZ\n"), encoding="utf-8"
    )
    crossrefs = (project / "seeds/crossrefs/governance.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(crossrefs, 1) if "sembrar empleo es la mejor" in t)
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 0 and err.splitlines() == [
        "seeds/essays/conferencia-2024.yml:28:5: warning: the participant 'SECRETARIA RUIZ' opens no speaker's "
        "turn of essay 'conferencia-2024': copy its 'label' exactly from the text",
        "seeds/essays/conferencia-2024.yml:50:5: warning: essay 'conferencia-2024' has turns of "
        "'SECRETARIA ELENA RUIZ VEGA' (line 9 of the text), whom its 'participants' do not name: add it there "
        "with its 'name' or 'role' (if it is not a speaker, it is a line in capitals that this rule took for one)",
        f"seeds/crossrefs/governance.yml:{line}:9: warning: this passage is in the turn of "
        "'SECRETARIA ELENA RUIZ VEGA', whom the 'participants' of essay 'conferencia-2024' do not name: "
        "add it there with its 'name' and 'role', or give this quote a 'speaker'",
    ]
    assert run(project, "check", "--strict", capsys=capsys)[0] == 1


@pytest.mark.parametrize(
    "genre, ris, bibtex, csl",
    [
        ("transcript", "TY  - GEN", "@misc", ("document", "Transcript")),
        ("speech", "TY  - GEN", "@misc", ("speech", "Speech")),
        ("hearing", "TY  - HEAR", "@misc", ("hearing", "Hearing")),
        ("press release", "TY  - PRESS", "@misc", ("document", "Press release")),
    ],
)
def test_each_spoken_genre_has_its_citation_types(genre, ris, bibtex, csl):
    import json

    work = bibliography.Work("k", genre, "T", (("Org", ""),), EssayDate("2024-03-05", "day"), container="Site")
    assert bibliography.ris(work).startswith(ris + "\n")
    kind = csl[1]
    assert f"M3  - {kind}\n" in bibliography.ris(work)
    assert bibliography.bibtex(work).startswith(bibtex + "{k,") and f"  type = {{{kind}}}" in bibliography.bibtex(work)
    item = json.loads(bibliography.csl_json(work))[0]
    assert (item["type"], item["genre"]) == csl


def test_a_reports_number_and_an_excerpt_are_in_every_citation():
    import json

    work = bibliography.Work(
        "crs",
        "report",
        "Central America: Root Causes",
        (("Congressional Research Service", ""),),
        EssayDate("2025-05", "month"),
        number="R48859",
        excerpt=Excerpt("the summary and the section “Remittances”", "4–9"),
    )
    ris = bibliography.ris(work)
    assert "M1  - R48859\n" in ris and "SP  - 4–9\n" in ris
    assert "N1  - Excerpt: the summary and the section “Remittances”, pages 4–9\n" in ris
    bib = bibliography.bibtex(work)
    assert "  number = {R48859},\n" in bib and "  pages = {4--9},\n" in bib
    assert "  note = {Excerpt: the summary and the section “Remittances”, pages 4–9}\n" in bib
    item = json.loads(bibliography.csl_json(work))[0]
    assert (item["number"], item["page"]) == ("R48859", "4–9")
    assert str(bibliography.formatted(work)) == (
        "Congressional Research Service. “Central America: Root Causes.” R48859, May 2025. "
        "Excerpt: the summary and the section “Remittances”, pages 4–9."
    )
    assert str(bibliography.formatted(work, "es")).endswith(
        "Fragmento: the summary and the section “Remittances”, páginas 4–9."
    )


def test_the_essay_page_shows_turns_as_turns_and_the_excerpt():
    import json

    from tests.golden import GOLDEN

    spliced = json.loads((GOLDEN / "essays/conferencia-2024/.spliced.json").read_text(encoding="utf-8"))
    text = next(html for html in spliced.values() if 'class="speaker"' in html)
    assert (
        '<p id="p-secretaria-elena-ruiz-vega" class="speaker"><strong lang="es">SECRETARIA ELENA '
        "RUIZ VEGA</strong> — Elena Ruiz Vega, Secretary of Rural Welfare</p>" in text
    )
    assert '<p id="p-interlocutor" class="speaker"><strong lang="es">INTERLOCUTOR</strong> — A reporter</p>' in text
    assert "---" not in text
    assert "this text is part of a longer work: the opening statement and the first question" in text


def test_a_participant_without_name_or_role_and_pages_in_words_are_refused(project, capsys):
    meta = project / "seeds/essays/conferencia-2024.yml"
    source = meta.read_text(encoding="utf-8")
    source = source.replace("    role: Moderator\n    es:\n      role: moderadora\n", "", 1)
    source = source.replace("  part: the opening statement and the first question", "  pages: cuatro")
    meta.write_text(source, encoding="utf-8")
    code, _, err = run(project, "check", capsys=capsys)
    assert code == 1 and err.splitlines()[:2] == [
        "seeds/essays/conferencia-2024.yml:21:3: 'pages' must be page numbers, e.g. 4–9 or 2, 11–14; found 'cuatro'",
        "seeds/essays/conferencia-2024.yml:23:5: a participant needs a 'name', a 'role' or both, besides its 'label'",
    ]


def test_a_citation_in_a_hand_written_page_names_the_speaker(checked):
    from build_tools.formats.page_citations import quote_data
    from build_tools.model import Evidence, Quote

    quote = _transcript_quote(checked)
    assert quote_data(quote, "en")["by"] == (
        "— Elena Ruiz Vega, Secretary of Rural Welfare, in a transcript published by Oficina de Prensa de Ejemplo, "
    )
    p = quote.paragraph  # (a paragraph cited whole, [[conferencia-2024#p-…]])
    whole = Quote(Evidence(quote.essay.slug, p.text, quote.evidence.loc), quote.essay, p, 0, len(p.text))
    assert quote_data(whole, "en")["by"] == quote_data(quote, "en")["by"]


def test_a_participant_without_turns_is_a_warning(checked):
    from build_tools.stages.clean.turns import unheard

    assert unheard(checked.corpus) == []
    essay = next(e for e in checked.corpus.essays if e.slug == "conferencia-2024")
    unturned = replace(
        essay, cleaned=replace(essay.clean_text, paragraphs=tuple(p for p in essay.paragraphs if p.kind != "speaker"))
    )
    problems = unheard(replace(checked.corpus, essays=(unturned,)))
    assert [(str(p.loc), p.message) for p in problems] == [
        (
            "seeds/essays/conferencia-2024.yml:23:5",
            "the participant 'MODERADORA' opens no speaker's turn of essay 'conferencia-2024': declare the "
            "cleaning rule 'speaker_turns', which finds the turns",
        ),
        (
            "seeds/essays/conferencia-2024.yml:28:5",
            "the participant 'SECRETARIA ELENA RUIZ VEGA' opens no speaker's turn of essay 'conferencia-2024': "
            "declare the cleaning rule 'speaker_turns', which finds the turns",
        ),
        (
            "seeds/essays/conferencia-2024.yml:34:5",
            "the participant 'INTERLOCUTOR' opens no speaker's turn of essay 'conferencia-2024': declare the "
            "cleaning rule 'speaker_turns', which finds the turns",
        ),
    ]
