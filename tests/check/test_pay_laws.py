"""The pay-transparency and job-advert laws (checks/pay-transparency.yaml, read at test
time) as `jdgen check` applies them: each law fires on a posting that breaks it and not
on one that meets it, only from its effective date, and only for employers of its size;
a remote job meets the laws that reach it; Ontario's range cap and statements."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
import yaml
from conftest import jdgen_command

from jdgen.check import Context, check_text, context_for
from jdgen.check.pay import Pay, employees_from, figures, laws
from jdgen.core.paths import resource_dir

DATA = yaml.safe_load((resource_dir("checks") / "pay-transparency.yaml").read_text("utf-8"))
RAW = {raw["id"]: raw for raw in DATA["laws"]}
# the job-advert laws with no pay duty (NYC's Fair Chance Act): what they forbid is tested
# where it is said (tests/check/test_precision.py)
PAY = {law_id: raw for law_id, raw in RAW.items() if raw["requires"]}
NO_PAY = "# Buyer\n\nYou will buy parts for our plant.\n"
GOOD = (
    "# Buyer\n\nYou will buy parts for our plant.\n\nSalary: $60,000 - $75,000 a year.\n\n"
    "## Benefits\n\n- Health insurance\n- Paid time off\n\n"
    "We do not use artificial intelligence to screen, assess or select applicants. "
    "This posting is for an existing vacancy.\n"
)
# the rule a law's missing pay raises, by its duty
RULE_FOR_DUTY = {
    "advert": "legal.pay-range-missing",
    "advert-or-interview": "legal.pay-range-advised",
    "on-request": "legal.pay-on-request",
    "pending": "legal.pay-law-pending",
}


def _where(raw) -> dict:
    """A Context placing a job where the law reaches: its first plain place, or its country."""
    if raw.get("countries"):
        return {"country": sorted(raw["countries"])[0]}
    place = next(p for p in raw["places"] if p.replace(" ", "").replace(",", "").isalpha())
    return {"location": place.title(), "country": raw.get("country")}


def _about(raw, text: str, on: date, employees: int | None = None) -> list:
    """The findings about this law (their message names it)."""
    report = check_text(text, context=Context(date=on, employees=employees, **_where(raw)))
    return [f for f in report.findings if raw["law"] in f.diagnostic.message]


def _effective(raw) -> date:
    return date.fromisoformat(str(raw["effective"]))


@pytest.mark.parametrize("raw", PAY.values(), ids=list(PAY))
def test_each_law_fires_on_a_posting_without_pay_from_its_date(raw):
    big = max(raw.get("employees") or 1, 1) + 1000
    found = _about(raw, NO_PAY, _effective(raw), employees=big)
    assert RULE_FOR_DUTY[raw.get("duty", "advert")] in [f.code for f in found], found
    assert all("applies if" not in f.diagnostic.message for f in found)  # the size is known
    before = _about(raw, NO_PAY, _effective(raw) - timedelta(days=1), employees=big)
    assert not [f for f in before if f.code != "legal.pay-law-upcoming"], before


@pytest.mark.parametrize("raw", RAW.values(), ids=list(RAW))
def test_each_law_is_met_by_a_posting_with_a_range_and_benefits(raw):
    assert _about(raw, GOOD, _effective(raw) + timedelta(days=1), employees=5000) == []


@pytest.mark.parametrize(
    "raw", [r for r in PAY.values() if (r.get("employees") or 1) > 1], ids=lambda r: r["id"]
)
def test_a_law_with_a_size_threshold(raw):
    on, threshold = _effective(raw), raw["employees"]
    assert _about(raw, NO_PAY, on, employees=threshold) != []
    assert _about(raw, NO_PAY, on, employees=threshold - 1) == []
    unknown = _about(raw, NO_PAY, on)
    assert unknown and all(raw["counted"] in f.diagnostic.message for f in unknown)


def test_laws_about_to_take_effect_are_announced():
    raw = RAW["US-DE"]
    on = _effective(raw) - timedelta(days=30)
    found = _about(raw, NO_PAY, on, employees=100)
    assert [f.code for f in found] == ["legal.pay-law-upcoming"] and f"{raw['effective']}" in found[
        0
    ].diagnostic.message
    far = _effective(raw) - timedelta(days=400)
    assert _about(raw, NO_PAY, far, employees=100) == []


def _us_remote(on: date) -> tuple[list, list]:
    covers = [law for law in laws() if law.country == "US" and law.remote == "covers" and law.effective <= on]
    depends = [
        law for law in laws() if law.country == "US" and law.remote == "depends" and law.effective <= on
    ]
    return covers, depends


def test_a_us_remote_job_meets_every_law_that_reaches_it_and_asks_about_the_others():
    on = date(2026, 12, 6)
    covers, depends = _us_remote(on)
    assert covers and depends
    report = check_text(NO_PAY, context=Context(location="Remote (US)", date=on, employees=5000))
    reach = [f.diagnostic.message for f in report.findings if f.code == "legal.pay-remote-reach"]
    assert any(all(law.name in m for law in covers) for m in reach), reach
    asks = [f.diagnostic.message for f in report.findings if f.code == "legal.pay-remote-ask"]
    assert sorted(asks) == sorted(a for a in asks if any(law.ask in a for law in depends))
    assert len(asks) == len(depends)
    assert "legal.pay-range-recommended" not in [f.code for f in report.findings]
    good = check_text(GOOD, context=Context(location="Remote, United States", date=on, employees=5000))
    assert not [f for f in good.findings if f.code.startswith("legal.pay-remote")]


def test_a_remote_job_with_no_country_asks_where():
    report = check_text(NO_PAY, context=Context(location="Remote", date=date(2026, 12, 6)))
    assert "legal.pay-remote-where" in [f.code for f in report.findings]
    paid = check_text(GOOD, context=Context(location="Virtual (100% Remote)", date=date(2026, 12, 6)))
    assert "legal.pay-remote-where" not in [f.code for f in paid.findings]
    british = check_text(
        NO_PAY, context=Context(location="Remote (UK)", country="GB", date=date(2026, 12, 6))
    )
    assert not [f for f in british.findings if f.code.startswith("legal.pay-remote")]


def test_ontario_range_cap_exemption_and_statements():
    raw, on = RAW["CA-ON"], date(2026, 12, 6)
    statements = GOOD.split("\n\nWe do not")[1]
    wide = _about(raw, f"Salary: $60,000 - $120,000 a year.\n\nWe do not{statements}", on, 100)
    assert [f.code for f in wide] == ["legal.pay-range-too-wide"]
    assert f"{raw['range_cap']:,}" in wide[0].diagnostic.message
    assert _about(raw, f"Salary: $60,000 - $105,000 a year.\n\nWe do not{statements}", on, 100) == []
    above = raw["exempt_above"]
    high = f"Salary: ${above - 20_000:,} - ${above + 60_000:,} a year.\n\nWe do not{statements}"
    assert _about(raw, high, on, 100) == []
    silent = _about(raw, "Salary: $60,000 - $75,000 a year.\n", on, 100)
    assert sorted(f.code for f in silent) == ["legal.posting-must-say", "legal.posting-must-say"]


def test_canadian_experience_is_flagged_unless_it_is_waived():
    raw, on = RAW["CA-ON"], date(2026, 12, 6)
    asked = _about(raw, GOOD + "\nCanadian work experience is required.\n", on, 100)
    assert [f.code for f in asked] == ["legal.posting-must-not-say"]
    assert _about(raw, GOOD + "\nCanadian experience is not required.\n", on, 100) == []


def test_a_very_wide_range_is_a_notice_only_where_a_law_says_breadth_matters():
    on = date(2026, 12, 6)
    guided = next(r for r in RAW.values() if r.get("breadth") and _effective(r) <= on)
    plain = next(
        r
        for r in RAW.values()
        if not r.get("breadth") and r.get("country") == "US" and not r.get("employees")
    )
    wide = GOOD.replace("$60,000 - $75,000", "$60,000 - $150,000")
    report = check_text(wide, context=Context(date=on, employees=5000, **_where(guided)))
    notices = [f for f in report.findings if f.code == "legal.pay-range-wide"]
    assert notices and guided["source"] in notices[0].diagnostic.message
    other = check_text(wide, context=Context(date=on, employees=5000, **_where(plain)))
    assert "legal.pay-range-wide" not in [f.code for f in other.findings]


@pytest.mark.parametrize(
    ("size", "employees"),
    [
        ("650", 650),
        ("about 650 employees", 650),
        ("200-500", 200),
        ("1,200 employees", 1200),
        ("10k+", 10000),
        (" 45 people ", 45),
        (30, 30),
        ("fewer than 50", None),
        ("small", None),
        ("", None),
        (None, None),
    ],
)
def test_the_employer_size_is_read_from_free_text(size, employees):
    assert employees_from(size) == employees


def test_a_composed_document_takes_its_size_from_the_profile():
    jd = SimpleNamespace(
        meta=SimpleNamespace(revised=None, template="posting", country="CA", level_id="senior"),
        company=SimpleNamespace(location="Toronto, ON", size="about 650 employees"),
        title="Buyer",
        title_suffix="",
    )
    assert context_for(jd).employees == 650


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("$85,000 - $95,000", 85000, 95000), ("85-95k", 85000, 95000), ("€60.000 – €70.000", 60000, 70000)],
)
def test_the_ends_of_a_range(text, low, high):
    assert figures(Pay("range", text)) == (low, high)


def test_employees_on_the_command_line(tmp_path):
    (tmp_path / "post.md").write_text(NO_PAY, "utf-8")

    def rules(*extra):
        args = ("check", "post.md", "--location", "Toronto, ON", "--country", "CA", "--date", "2026-12-06")
        proc = subprocess.run(
            jdgen_command(*args, "--format", "json", *extra), cwd=tmp_path, capture_output=True, text=True
        )
        return proc, {
            f["rule"]
            for d in json.loads(proc.stdout or '{"documents": []}')["documents"]
            for f in d["findings"]
        }

    small, below = rules("--employees", "10")
    big, above = rules("--employees", "30")
    assert "legal.posting-must-say" in above and "legal.posting-must-say" not in below
    bad, _ = rules("--employees", "-3")
    assert bad.returncode == 2 and "--employees" in bad.stderr


@pytest.mark.parametrize("raw", [r for r in RAW.values() if r.get("spread")], ids=lambda r: r["id"])
def test_a_law_with_its_own_wide_range_figure(raw):
    on, low = _effective(raw), 100_000
    below = GOOD.replace("$60,000 - $75,000", f"${low:,} - ${int(low * (1 + raw['spread'])) - 1000:,}")
    above = GOOD.replace("$60,000 - $75,000", f"${low:,} - ${int(low * (1 + raw['spread'])) + 1000:,}")
    assert [f.code for f in _about(raw, above, on, 5000)] == ["legal.pay-range-wide"]
    assert _about(raw, below, on, 5000) == []


def test_a_state_code_is_not_read_as_a_state_when_a_foreign_place_is_named():
    """ "DE, BE, Berlin" is Germany, not Delaware; "Wilmington, DE" is Delaware."""
    on = _effective(RAW["US-DE"]) + timedelta(days=1)
    berlin = check_text(NO_PAY, context=Context(location="DE, BE, Berlin", date=on, employees=100))
    assert not [f for f in berlin.findings if RAW["US-DE"]["law"] in f.diagnostic.message]
    wilmington = check_text(NO_PAY, context=Context(location="Newcastle, DE", date=on, employees=100))
    assert [f for f in wilmington.findings if RAW["US-DE"]["law"] in f.diagnostic.message]


def test_a_range_whose_top_is_over_twice_its_bottom_is_a_notice_wherever_the_job_is():
    """corpus/postings/019 (Berlin): "Salary range: 35000-100000" tells the applicant little,
    law or no law; 002's "20000-28000" is a range, and "GS-15 - $136,908" (031) is a grade's
    number before an amount, not a range from 15."""
    from pathlib import Path

    postings = Path(__file__).resolve().parents[2] / "corpus" / "postings"

    def broad(name: str) -> list[str]:
        text = next(postings.glob(f"{name}-*.md")).read_text("utf-8")
        return [f.quote for f in check_text(text).findings if f.code == "legal.pay-range-broad"]

    assert broad("019") == ["35000-100000"]
    assert broad("002") == []
    assert broad("031") == []


def test_rhode_island_forbids_criminal_history_questions_and_salary_history():
    """R.I. Gen. Laws 28-5-7(7) and 28-6-22: whatever the pay duty (on request there)."""
    text = (
        "# Office Manager\n\nProvidence, RI. Salary: $55,000 - $65,000 per year.\n"
        "Have you ever been convicted of a crime? Please include your current salary.\n"
    )
    found = [f.quote for f in check_text(text, context=Context(employees=200)).findings]
    assert "Have you ever been convicted" in found and "your current salary" in found
    fine = (
        "# Office Manager\n\nProvidence, RI. We never ask about your current salary. "
        "Our previous salary survey helps.\n"
    )
    found = [f.code for f in check_text(fine, context=Context(employees=200)).findings]
    assert "legal.posting-must-not-say" not in found
