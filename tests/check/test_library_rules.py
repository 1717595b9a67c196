"""library_rules.py and jdgen's house rules (checks/rules/content.yaml, Context.house):
they fire on a library and documents that break them (controls), stay quiet on jdgen's
own (the catalogue tests in test_library_quality.py), and never run in `jdgen check`."""

from __future__ import annotations

import dataclasses

from jdgen.check import Context, check_text
from jdgen.check.engine import RULES
from jdgen.check.library_rules import composed_diagnostics
from jdgen.service.generate import Service, compose_role


def _house(lib, jd) -> list[str]:
    report = Service(lib).check_report(jd, source="acme/coo-posting", house=True)
    return [f.code for f in report.findings if f.severity != "info"]


def test_house_rules_catch_repeats_leftovers_length_and_wording(lib, acme):
    jd = compose_role(lib, "coo", acme)
    first = jd.sections[0]
    repeated = dataclasses.replace(first, items=(*first.items, first.items[0]))
    summary = jd.summary + " Run the {{ company.name }} team."
    broken = dataclasses.replace(jd, sections=(repeated, *jd.sections[1:]), summary=summary)
    assert "content.repeated-in-document" in _house(lib, broken)
    assert [d.code for d in composed_diagnostics(broken)] == ["content.leftover-syntax"]
    assert composed_diagnostics(jd) == []
    short = "# Ops lead\n\nWe want a young rockstar to run our warehouse.\n"
    house = {f.code for f in check_text(short, context=Context(template="posting", house=True)).findings}
    assert {"content.posting-length", "exclusion.age", "jargon.hype-title"} <= house  # one engine


def test_a_clean_posting_has_no_house_findings(lib, acme):
    assert _house(lib, compose_role(lib, "coo", acme, template="posting")) == []


def test_house_rules_do_not_run_in_jdgen_check():
    """Someone else's posting is checked by the checker's rules only."""
    text = "# Ops\n\nRun the {{ site }} team.\n\n- Own the budget.\n- Own the budget.\n"
    codes = {f.code for f in check_text(text, context=Context(template="posting")).findings}
    assert not {c for c in codes if c.startswith("content.")}
    house = {f.code for f in check_text(text, context=Context(template="posting", house=True)).findings}
    assert "content.repeated-in-document" in house


def test_every_house_rule_has_a_message_and_a_suggestion():
    house = [rule for rule in RULES().values() if rule.house]
    assert {r.id for r in house} >= {"content.verb-level", "content.full-stop", "content.duplicate-statement"}
    for rule in house:
        assert rule.id.startswith("content.") and rule.message and rule.suggestion and rule.why, rule.id
