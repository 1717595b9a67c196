"""quality.py: the content rules fire on documents that break them (controls), and
stay quiet on jdgen's own (the catalogue test in test_library_quality.py)."""

from __future__ import annotations

import dataclasses

from jdgen.check.library_rules import document_diagnostics, rules
from jdgen.render import renderer


def test_document_rules_catch_repeats_leftovers_length_and_wording(lib, coo_jd):
    posting = dataclasses.replace(coo_jd, meta=dataclasses.replace(coo_jd.meta, template="posting"))
    first = posting.sections[0]
    repeated = dataclasses.replace(first, items=(*first.items, first.items[0]))
    posting = dataclasses.replace(posting, sections=(repeated, *posting.sections[1:]))
    posting = dataclasses.replace(posting, summary=posting.summary + " {{ company.name }}")
    text = "We want a young rockstar. " + "word " * 10
    codes = [d.code for d in document_diagnostics(posting, text, "acme/coo/posting")]
    assert codes.count("content.banned-wording") == 2
    assert {"content.repeated-in-document", "content.leftover-syntax", "content.posting-length"} <= set(codes)


def test_a_clean_posting_has_no_findings(lib, acme):
    from jdgen.service.generate import compose_role

    jd = compose_role(lib, "coo", acme, template="posting")
    assert document_diagnostics(jd, renderer("md")(jd).decode(), "acme/coo/posting") == []


def test_every_rule_has_a_message_and_a_fix():
    for rule_id, spec in rules().messages.items():
        assert rule_id.startswith("content.") and spec["message"] and spec["fix"], rule_id
        assert spec["severity"] in ("error", "warning", "info")
