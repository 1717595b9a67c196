"""check/engine.py: every rule over one source, as a Report: rules turned off or
reweighted by the settings, the company's own words, the score from checks/scoring.yaml
(read at test time), and which findings fail a run."""

from __future__ import annotations

import pytest
import yaml

from jdgen.check.engine import (
    RULES,
    Context,
    Finding,
    Report,
    did_you_mean_name,
    rule_names,
    run_checks,
    score,
)
from jdgen.check.readers import from_text
from jdgen.check.settings import Config
from jdgen.core.errors import Diagnostic
from jdgen.core.paths import resource_dir

TEXT = (
    "# Warehouse Lead\n\nYou will lead a team of twelve in our Dayton warehouse.\n\n"
    "We want a rock star who loves synergy with our staff.\n"
)


def check(config: Config | None = None, ctx: Context | None = None, text: str = TEXT) -> Report:
    return run_checks(from_text(text, "md", "post.md"), ctx or Context(), config or Config())


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


def test_a_companys_banned_and_preferred_words_are_found_where_they_stand():
    report = check(Config(banned=("synergy", "rock star"), preferred=(("team member", ("staff",)),)))
    banned = [f for f in report.findings if f.code == "company.banned"]
    assert [(f.quote, f.diagnostic.line) for f in banned] == [("rock star", 5), ("synergy", 5)]
    assert banned[0].diagnostic.column == TEXT.split("\n")[4].index("rock star") + 1
    (preferred,) = [f for f in report.findings if f.code == "company.preferred"]
    assert preferred.quote == "staff" and preferred.replacements == ("team member",)
    assert "'team member'" in preferred.diagnostic.message and preferred.severity == "info"
    assert "company.banned" not in codes(check())  # no list, no finding


def test_rules_turned_off_or_reweighted_by_the_settings():
    words = Config(banned=("synergy",))
    assert "company.banned" in codes(check(words))
    off = Config(off=frozenset({"company"}), banned=("synergy",))
    assert not [c for c in codes(check(off)) if c.startswith("company.")]
    louder = check(Config(severities={"company.banned": "error"}, banned=("synergy",)))
    assert {f.severity for f in louder.findings if f.code == "company.banned"} == {"error"}


def test_findings_are_in_document_order_and_have_a_rule_from_the_catalogue():
    report = check(Config(banned=("synergy", "rock star")))
    places = [(f.diagnostic.line or 0, f.diagnostic.column or 0) for f in report.findings]
    assert places == sorted(places)
    assert all(f.code in RULES() for f in report.findings)
    assert report.name == "post.md" and report.words == len(TEXT.replace("#", "").split())


def test_the_score_follows_scoring_yaml():
    data = yaml.safe_load((resource_dir("checks") / "scoring.yaml").read_text("utf-8"))
    weights, cap = data["weights"], data["per_rule_cap"]

    def found(code, severity):
        return Finding(Diagnostic(code, "m", "x", 1, 1, severity))

    assert score([]) == 100
    assert score([found("a.b", "warning")]) == 100 - weights["warning"]
    many = [found("a.b", "info")] * (cap + 4)
    assert score(many) == 100 - weights["info"] * cap  # capped per rule
    assert score([found(f"r.{i}", "error") for i in range(50)]) == 0  # never below 0
    report = check(Config(banned=("synergy", "rock star")))
    assert report.score == score(report.findings)


def test_which_findings_fail_a_run():
    def report(*severities):
        return Report("x", [Finding(Diagnostic("a.b", "m", "x", 1, 1, s)) for s in severities])

    assert report("info", "warning").counts() == {"error": 0, "warning": 1, "info": 1}
    assert not report("info", "warning").fails("error")
    assert report("info", "warning").fails("warning") and report("info").fails("info")
    assert not report().fails("info")
    assert Report("x", error=Diagnostic("check.read", "unreadable", "x")).fails("error")


def test_the_template_comes_from_the_context_then_the_documents_metadata():
    limits = RULES()["structure.length"].params

    def length(ctx: Context, meta: dict) -> str:
        source = from_text(TEXT, "md", "post.md")
        source.meta.update(meta)
        (found,) = [f for f in run_checks(source, ctx, Config()).findings if f.code == "structure.length"]
        return found.diagnostic.message

    posting = f"{limits['posting']['min']}-{limits['posting']['max']}"
    jd = f"{limits['jd']['min']}-{limits['jd']['max']}"
    assert posting != jd
    assert f"a posting should keep within {posting}" in length(Context(), {})  # nothing says: a posting
    assert f"a jd should keep within {jd}" in length(Context(), {"template": "jd"})
    assert f"a posting should keep within {posting}" in length(
        Context(template="posting"), {"template": "jd"}
    )


def test_rule_names_are_ids_and_categories():
    names = rule_names()
    assert set(RULES()) <= names
    assert {rule.category for rule in RULES().values()} <= names
    assert {"gender", "jargon", "company", "company.banned"} <= names
    assert did_you_mean_name("jargn", names) == "jargon"
    assert did_you_mean_name("zzzzzz", names) is None


@pytest.mark.parametrize("rule", ["company.banned", "company.preferred"])
def test_a_suppression_comment_silences_a_rule_on_its_line(rule):
    config = Config(banned=("synergy",), preferred=(("team member", ("staff",)),))
    text = TEXT.replace("our staff.", f"our staff. <!-- jdgen-check ignore {rule} -->")
    assert rule in codes(check(config))
    assert rule not in codes(check(config, text=text))


DENSE = " ".join(
    ["The director oversees quarterly planning across every site and reports results to the board."] * 8
)


def test_the_reading_ease_floor_may_be_set_by_template_and_level(monkeypatch):
    """Issue 21's targets as rule data: a senior posting's floor 40, none for a senior job
    description; other documents keep `min`."""
    rule = RULES()["readability.reading-ease"]
    monkeypatch.setitem(rule.params, "min_by_level", {"posting": {"vp": 40}, "jd": {"vp": None}})
    monkeypatch.setitem(rule.params, "min_average_sentence", 0)  # the floors alone, here
    assert 40 < check(text=DENSE).figures.reading_ease < rule.params["min"]

    def flagged(template: str, level: str) -> bool:
        return "readability.reading-ease" in codes(
            check(ctx=Context(template=template, level=level), text=DENSE)
        )

    assert not flagged("posting", "vp") and not flagged("jd", "vp")
    assert flagged("posting", "manager") and flagged("jd", "manager")


SHAPES = {
    "one paragraph": 'We hire a lead in Ohio. Mail a.b@acme.example, e.g. today. A "rock star" is Dr. Who. ',
    "list lines": "Own the budget\nLead the team of 5\nHire people\n",
    "quotes": 'We say "rock star" and "ninja" here, see https://acme.example/a. ',
    "addresses": "mail a.b@c.example or x@ now. ",
}


def _steps(text: str) -> int:
    """Lines of jdgen's checker executed to check `text`: work counted, not timed."""
    import sys

    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if "jdgen/check/" not in frame.f_code.co_filename.replace("\\", "/"):
            return None
        count += 1
        return trace

    sys.settrace(trace)
    try:
        check(text=text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_checking_is_linear_in_the_input(shape):
    """Four times the text, about four times the work (a quadratic part would give 16x);
    bench/check_scale.py times 100 KB to 5 MB."""
    check(text=SHAPES[shape])  # rules loaded, patterns compiled

    def text(n: int) -> str:
        return (SHAPES[shape] * (n // len(SHAPES[shape]) + 1))[:n]

    small, large = _steps(text(10_000)), _steps(text(40_000))
    assert large <= 4.6 * small, (small, large)
