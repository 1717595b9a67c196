"""Print reports: text like other linters, JSON, and SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

import json
import re

from .. import __version__
from ..core.errors import display_path
from .engine import RULES, Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
INFO_URI = "https://github.com/jdgen/jdgen#checking-postings-jdgen-check"


def _where(report: Report, f) -> str:
    d = f.diagnostic
    parts = [display_path(report.name) if not report.name.startswith("<") else report.name]
    if d.line:
        parts.append(str(d.line))
        if d.column:
            parts.append(str(d.column))
    return ":".join(parts)


def _placeholders(message: str) -> str:
    """A rule message with its fields as bare names ("{count:time|times}" as "times")."""
    return re.sub(r"\{\w+:[^|{}]*\|([^{}]*)\}", r"\1", message).replace("{", "").replace("}", "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def text(reports: list[Report]) -> str:
    out = []
    totals = {"error": 0, "warning": 0, "info": 0}
    failed = 0
    for report in reports:
        if report.error is not None:
            failed += 1
            out.append(f"error: {report.error}")
            continue
        for f in report.findings:
            totals[f.severity] += 1
            unit = f' ({f.unit} {f.diagnostic.line}: "{f.quote}")' if f.unit != "line" and f.quote else ""
            out.append(f"{_where(report, f)} {f.severity} {f.code} {f.diagnostic.message}{unit}")
            if f.diagnostic.fix:
                out.append(f"    suggestion: {f.diagnostic.fix}")
        fig = report.figures
        readability = (
            f", reading ease {fig.reading_ease}, grade {fig.grade_level}" if fig and fig.words else ""
        )
        verdict = report.verdict.verdict if report.verdict else "n/a"
        out.append(
            f"{display_path(report.name) if not report.name.startswith('<') else report.name}: "
            f"score {report.score}/100, gender: {verdict}, {report.words} words{readability}"
        )
        if report.assumed:
            out.append(f"    judged as: {_assumed(report.assumed)}")
        out.append("")
    checked = len(reports) - failed
    out.append(
        f"{_count(checked, 'document')} checked"
        + (f", {failed} could not be read" if failed else "")
        + f": {_count(totals['error'], 'error')}, {_count(totals['warning'], 'warning')}, "
        + _count(totals["info"], "notice")
    )
    return "\n".join(out)


def _assumed(a: dict) -> str:
    """ "German, Munich (from the text), DE, 200 employees, posted 2026-12-07"."""
    where = f"{a['location']} ({'given' if a['location_from'] == 'given' else 'from the text'})"
    parts = [
        a["language"],
        where if a["location"] else "no place found",
        a["country"] or "",
        f"{a['employees']} employees" if a["employees"] is not None else "employer size unknown",
        f"posted {a['date']}",
    ]
    return ", ".join(p for p in parts if p)


def as_json(reports: list[Report]) -> str:
    docs = []
    for r in reports:
        if r.error is not None:
            docs.append({"file": r.name, "error": r.error.to_dict()})
            continue
        docs.append(
            {
                "file": r.name,
                "score": r.score,
                "gender": {
                    "verdict": r.verdict.verdict,
                    "masculine": r.verdict.masculine,
                    "feminine": r.verdict.feminine,
                }
                if r.verdict
                else None,
                "words": r.words,
                "readability": {"reading_ease": r.figures.reading_ease, "grade_level": r.figures.grade_level}
                if r.figures
                else None,
                "counts": r.counts(),
                "assumed": r.assumed,
                "findings": [f.to_dict() for f in r.findings],
            }
        )
    return json.dumps({"version": __version__, "documents": docs}, indent=2, ensure_ascii=False)


def sarif(reports: list[Report]) -> str:
    rules = RULES()
    ids = list(rules)
    driver = {
        "name": "jdgen check",
        "version": __version__,
        "informationUri": INFO_URI,
        "rules": [
            {
                "id": rule.id,
                "name": rule.id.replace(".", "-"),
                "shortDescription": {"text": _placeholders(rule.message)},
                "fullDescription": {"text": rule.why},
                "help": {"text": rule.suggestion},
                "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
                "properties": {"category": rule.category, **({"source": rule.source} if rule.source else {})},
            }
            for rule in rules.values()
        ],
    }
    results, notifications = [], []
    for r in reports:
        uri = display_path(r.name).replace("\\", "/") if not r.name.startswith("<") else r.name
        if r.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": str(r.error)},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
            continue
        for f in r.findings:
            physical: dict = {"artifactLocation": {"uri": uri}}
            d = f.diagnostic
            if d.line:
                region: dict = {"startLine": d.line}
                if d.column and f.unit == "line":
                    region["startColumn"] = d.column
                if f.quote:
                    region["snippet"] = {"text": f.quote}
                physical["region"] = region
            result = {
                "ruleId": f.code,
                "level": SARIF_LEVEL[f.severity],
                "message": {"text": f"{d.message}. {d.fix}" if d.fix else d.message},
                "locations": [{"physicalLocation": physical}],
            }
            if f.code in rules:
                result["ruleIndex"] = ids.index(f.code)
            results.append(result)
    run = {
        "tool": {"driver": driver},
        "results": results,
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "properties": {
            "documents": [
                {"file": r.name, "score": r.score, "gender": r.verdict.verdict if r.verdict else None}
                for r in reports
                if r.error is None
            ]
        },
    }
    return json.dumps(
        {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False
    )
