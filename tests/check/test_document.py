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


def test_list_lines_are_sentences_and_wrapped_lines_are_not():
    text = (
        "What you do:\nPlan the shifts\nHire 5 people\nReport each week to the\nCOO and the board\n"
        "Train staff\n"
    )
    doc = analyse(from_text(text, "txt", "p.txt"))
    assert [" ".join(doc.text[s:e].split()) for s, e in doc.sentences] == [
        "Plan the shifts",
        "Hire 5 people",
        "Report each week to the COO and the board",  # "the" goes on: a wrapped line
        "Train staff",
    ]


def test_excluded_spans_are_found_as_a_scan_of_them_all_finds_them():
    import random

    rng = random.Random(5)
    doc, _ = blocks("x" * 300)
    doc.excluded = [(a, a + rng.randrange(1, 60)) for a in (rng.randrange(280) for _ in range(25))]
    for start in range(0, 300, 7):
        for end in range(start + 1, min(300, start + 80), 5):
            assert doc.is_excluded(start, end) == any(a <= start and end <= b for a, b in doc.excluded)


class _Scans:
    """A compiled pattern that counts the characters its searches may read, and its
    tries at one place (.match)."""

    def __init__(self, pattern, counter: list[int]):
        self.pattern, self.counter = pattern, counter

    def _charge(self, text, pos=0, endpos=None):
        self.counter[0] += (len(text) if endpos is None else endpos) - pos

    def search(self, text, pos=0, endpos=None):
        self._charge(text, pos, endpos)
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text, pos=0, endpos=None):
        self.counter[1] += 1
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text, pos=0, endpos=None):
        self._charge(text, pos, endpos)
        return self.pattern.finditer(text, pos, len(text) if endpos is None else endpos)


def test_masking_addresses_reads_the_text_a_bounded_number_of_times(monkeypatch):
    """Each search the masking runs may read to the end of the text: their sum stays a few
    times the text's length, and an address is tried once per '@', not once per character
    before it, however many addresses (and failed '@'s) the text holds."""
    from jdgen.check import document

    work = [0, 0]  # characters searched, tries
    monkeypatch.setattr(document, "MASK", _Scans(document.MASK, work))
    monkeypatch.setattr(document, "MASK_NO_EMAIL", _Scans(document.MASK_NO_EMAIL, work))
    text = "mail a.b@c.example or xxxxxxxxxx@ now. " * 500
    spans = document._mask_spans(text)
    assert len(spans) == 500
    assert work[0] <= 3 * len(text) and work[1] <= 2 * text.count("@")


def sentences(text: str) -> list[str]:
    doc = analyse(from_text(text, "md", "p.md"))
    return [" ".join(doc.text[s:e].split()) for s, e in doc.sentences]


def test_list_items_run_together_are_sentences():
    # corpus/postings/001 (EMSCAD): the dataset lost the list's line breaks
    assert sentences(
        "Working with developers to document bugs and suggest improvements to the siteSupporting the "
        "marketing and executive staff"
    ) == [
        "Working with developers to document bugs and suggest improvements to the site",
        "Supporting the marketing and executive staff",
    ]
    assert sentences(
        "Experience with content management systems a major plus (any blogging counts!)Familiar "
        "with the Food52 editorial voice and aestheticLoves food"
    ) == [
        "Experience with content management systems a major plus (any blogging counts!",
        "Familiar with the Food52 editorial voice and aesthetic",
        "Loves food",
    ]
    # 004, 006, 009, 010, 012: a colon, a full stop, a bracket, a comma or a bullet with no space after it
    assert sentences("We’re looking for someone who:Proven track record in sourcingStrong knowledge") == [
        "We’re looking for someone who:",
        "Proven track record in sourcing",
        "Strong knowledge",
    ]
    assert sentences("for the past 11 yearsWe specialize in IT.Food52 has been named") == [
        "for the past 11 years",
        "We specialize in IT.Food52 has been named",  # "IT." is no sentence end one can tell
    ]
    assert sentences("Subsidised gym membership (with pool)Opportunity to learn") == [
        "Subsidised gym membership (with pool)",
        "Opportunity to learn",
    ]
    assert sentences("in a tech startup,Be ambitious, self-motivated,Be happy to initiate") == [
        "in a tech startup",
        "Be ambitious, self-motivated",
        "Be happy to initiate",
    ]
    assert sentences("the following•\xa0\xa0 \xa02.1 undergraduate degree•\xa0\xa0 \xa0The ability") == [
        "the following",
        "2.1 undergraduate degree",
        "The ability",
    ]
    assert sentences("DESCRIPTIONHighly motivated individual") == [
        "DESCRIPTION",
        "Highly motivated individual",
    ]


def test_names_in_camel_case_are_not_sentence_ends():
    text = (
        "Use an iPhone, eBay and McDonald's app, JavaScript and PowerPoint, LinkedIn and YouTube "
        "at Coca-Cola and WordPress for an e.g. Example."
    )
    assert sentences(text) == [text]


def test_semicolons_colons_and_dashes_mark_units_as_flesch_counts_them():
    # corpus/postings/033: a 156-word "sentence" of duties joined by semicolons
    assert sentences(
        "Typical duties include but are not limited to: Conceiving projects to advance the art; applying "
        "design principles to products; Analyzing the requirements"
    ) == [
        "Typical duties include but are not limited to",
        "Conceiving projects to advance the art",
        "applying design principles to products",
        "Analyzing the requirements",
    ]
    assert sentences("Attention to Detail - This skill is shown by assignments") == [
        "Attention to Detail",
        "This skill is shown by assignments",
    ]
    assert sentences("Reports to: Chief Operating Officer") == ["Reports to: Chief Operating Officer"]


def test_a_name_with_a_small_first_letter_starts_a_sentence_after_a_full_stop():
    """Posting 025: "Bureau.centrexIT's" is two sentences, as "area.Twice" is; a dotted
    identifier ("obj.fooBar") and a name in the middle of one stay whole."""
    assert sentences("A+ rating from the Better Business Bureau.centrexIT's model works.") == [
        "A+ rating from the Better Business Bureau.",
        "centrexIT's model works.",
    ]
    assert len(sentences("Set obj.fooBar to one.")) == 1
    assert len(sentences("We make apps for the iPhone and eBay sellers.")) == 1
