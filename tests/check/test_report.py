"""check/report.py: reports as text like other linters, as JSON, and as SARIF 2.1.0
(validated against the trimmed SARIF schema in tests/data)."""

from __future__ import annotations

import json

import jsonschema
from conftest import TESTS

from jdgen import __version__
from jdgen.check import report
from jdgen.check.engine import RULES, Context, Finding, Report, run_checks
from jdgen.check.readers import from_text
from jdgen.check.settings import Config
from jdgen.core.errors import Diagnostic


def reports() -> list[Report]:
    text = "# Lead\n\nWe want a rock star for synergy.\n"
    checked = run_checks(from_text(text, "md", "<stdin>"), Context(), Config(banned=("synergy",)))
    broken = Report("missing.md", error=Diagnostic("check.input", "cannot read file", "missing.md"))
    return [checked, broken]


def test_text_lists_each_finding_where_it_is_then_the_totals():
    checked, _ = found = reports()
    lines = report.text(found).splitlines()
    banned = next(f for f in checked.findings if f.code == "company.banned")
    assert (
        f"<stdin>:3:{banned.diagnostic.column} {banned.severity} company.banned {banned.diagnostic.message}"
        in lines
    )
    assert f"    suggestion: {banned.diagnostic.fix}" in lines
    assert any(line.startswith(f"<stdin>: score {checked.score}/100, gender: ") for line in lines)
    assert "error: missing.md: cannot read file" in lines
    counts = checked.counts()
    assert lines[-1] == (
        f"1 document checked, 1 could not be read: {counts['error']} error{'s' * (counts['error'] != 1)}, "
        f"{counts['warning']} warning{'s' * (counts['warning'] != 1)}, "
        f"{counts['info']} notice{'s' * (counts['info'] != 1)}"
    )


def test_json_has_every_finding_and_the_error():
    checked, _ = found = reports()
    data = json.loads(report.as_json(found))
    assert data["version"] == __version__
    first, second = data["documents"]
    assert first["score"] == checked.score and first["counts"] == checked.counts()
    assert [f["rule"] for f in first["findings"]] == [f.code for f in checked.findings]
    assert second == {"file": "missing.md", "error": found[1].error.to_dict()}


def test_sarif_is_valid_and_names_every_rule():
    checked, _ = found = reports()
    data = json.loads(report.sarif(found))
    schema = json.loads((TESTS / "data" / "check" / "sarif-2.1.0-trimmed.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    run = data["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(RULES())
    results = run["results"]
    assert [r["ruleId"] for r in results] == [f.code for f in checked.findings]
    for result in results:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    info = [r for r, f in zip(results, checked.findings, strict=True) if f.severity == "info"]
    assert all(r["level"] == "note" for r in info)
    (notice,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notice["level"] == "error" and "cannot read file" in notice["message"]["text"]


def test_a_page_or_paragraph_finding_says_its_unit_and_quote():
    finding = Finding(Diagnostic("company.banned", "m", "p.pdf", 2, None, "warning"), "synergy", unit="page")
    text = report.text([Report("p.pdf", [finding], score=95, words=10)])
    assert 'p.pdf:2 warning company.banned m (page 2: "synergy")' in text
    sarif = json.loads(report.sarif([Report("p.pdf", [finding], score=95)]))
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "snippet": {"text": "synergy"}}  # a page has no column


def test_the_report_says_what_it_assumed(tmp_path):
    """Language, place and where it came from, size and date: a reader can tell whether
    --employees or --location was used."""
    from datetime import date

    from jdgen.check import Context, check_text
    from jdgen.check.report import as_json, text

    body = (
        "# Buyer\n\nLocation: Providence, RI\n\n"
        "You buy parts for our plant and agree prices with suppliers.\n"
    )
    report = check_text(body, context=Context(employees=200, date=date(2026, 12, 1)))
    assert report.assumed["location_from"] == "text" and report.assumed["employees"] == 200
    line = next(x for x in text([report]).splitlines() if x.strip().startswith("judged as:"))
    assert "Providence" in line and "200 employees" in line and "2026-12-01" in line and "English" in line
    given = check_text(body, context=Context(location="Denver, CO"))
    assert given.assumed["location"] == "Denver, CO" and given.assumed["location_from"] == "given"
    assert "employer size unknown" in text([given])
    assert json.loads(as_json([report]))["documents"][0]["assumed"]["employees"] == 200
