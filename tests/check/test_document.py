"""check/document.py: a source analysed into blocks under their headings, sentences, and
the text the word rules may not flag (addresses, code, quotes, the EEO statement, jdgen's
own labels) blanked to the same length."""

from __future__ import annotations

from jdgen.check.document import analyse
from jdgen.check.readers import Source, from_text


def blocks(text: str, kind: str = "md"):
    doc = analyse(from_text(text, kind, f"p.{kind}"))
    return doc, [(b.kind, doc.text[b.start : b.end], b.heading) for b in doc.blocks]


def test_blocks_stand_under_their_headings_and_wrapped_lines_are_one_paragraph():
    _, found = blocks(
        "# Warehouse Lead\n\nYou run the\nDayton site.\n\n## What you do\n- Plan shifts\n1. Hire\n"
    )
    assert found == [
        ("heading", "Warehouse Lead", "Warehouse Lead"),
        ("para", "You run the\nDayton site.", "Warehouse Lead"),
        ("heading", "What you do", "What you do"),
        ("item", "Plan shifts", "What you do"),
        ("item", "Hire", "What you do"),
    ]


def test_plain_text_headings_are_guessed_but_not_sentences():
    _, found = blocks("RESPONSIBILITIES\nYou plan the shifts.\nWhat We Offer:\nGood pay.\n", "txt")
    assert [(k, t) for k, t, _ in found if k == "heading"] == [
        ("heading", "RESPONSIBILITIES"),
        ("heading", "What We Offer:"),
    ]
    _, md = blocks("RESPONSIBILITIES\n")
    assert md[0][0] == "para"  # Markdown says its headings: none guessed


def test_what_is_not_prose_is_blanked_to_the_same_length():
    text = (
        "Mail jobs@acme.example or see https://acme.example/jobs, run `make ops`, "
        'read "rock star" <!-- note -->.\n'
    )
    doc = analyse(from_text(text, "md", "p.md"))
    assert len(doc.masked) == len(doc.text)
    for gone in ("jobs@acme.example", "https://acme.example/jobs,", "`make ops`", "<!-- note -->"):
        start = text.index(gone)
        assert doc.masked[start : start + len(gone)].strip() == "", gone
    quote = text.index('"rock star"')
    assert doc.is_excluded(quote, quote + len('"rock star"')) and "rock star" in doc.masked


def test_sentences_and_words_skip_abbreviations_and_headings():
    doc, _ = blocks(
        "# Lead\n\nWe work with e.g. Acme Inc. and others. You plan shifts! Then rest.\n- One item\n"
    )
    sentences = [doc.text[s:e] for s, e in doc.sentences]
    assert sentences == [
        "We work with e.g. Acme Inc. and others.",
        "You plan shifts!",
        "Then rest.",
        "One item",
    ]
    # every block's words, the heading's too; "e.g." is two
    assert doc.words == len(
        "Lead We work with e g Acme Inc and others You plan shifts Then rest One item".split()
    )


def test_the_eeo_statement_and_jdgens_labels_are_excluded():
    text = (
        "# Lead\n\nCompetencies: planning.\n\nWe are an equal opportunity employer.\n\nRevised 2026-11-01\n"
    )
    doc = analyse(from_text(text, "md", "p.md"))
    eeo = text.index("We are")
    assert doc.eeo == [(eeo, eeo + len("We are an equal opportunity employer."))]
    label = text.index("Competencies")
    assert doc.is_excluded(label, label + len("Competencies"))
    assert not any("Revised" in doc.text[b.start : b.end] for b in doc.blocks)  # page furniture


def test_a_structured_source_gives_its_own_paragraphs():
    source = Source("p.docx", "docx", "# Lead\nLine one\nLine two\n", unit="paragraph", structured=True)
    doc = analyse(source)
    assert [doc.text[b.start : b.end] for b in doc.blocks] == ["Lead", "Line one", "Line two"]
