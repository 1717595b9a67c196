"""The checker over jdgen's whole catalogue: every role at every level, both templates,
both example companies. The findings per rule are recorded in
tests/data/check/catalogue-findings.json (`pytest --update-golden` rewrites it) so a
content change shows up as a diff; the content issue brings the totals to zero. Rules
are never loosened to make this pass."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from jdgen.check import check_document, summary_for
from jdgen.service import compose_role

RECORD = Path(__file__).parent / "data" / "check" / "catalogue-findings.json"


def test_catalogue_findings_per_rule(lib, acme, nordwerk, update_golden):
    per_rule: Counter = Counter()
    verdicts: Counter = Counter()
    documents = 0
    for company in (acme, nordwerk):
        for role in lib.roles:
            for level in lib.levels:
                for template in ("jd", "posting"):
                    jd = compose_role(lib, role, company, level=level.id, template=template)
                    report = check_document(jd, template)
                    score, verdict = summary_for(report)
                    assert 0 <= score <= 100 and verdict
                    per_rule.update(f.code for f in report.findings)
                    if template == "posting":
                        verdicts[verdict] += 1
                    documents += 1
    assert documents == 2 * len(lib.roles) * len(lib.levels) * 2
    summary = {
        "documents": documents,
        "posting_verdicts": dict(sorted(verdicts.items())),
        "findings_per_rule": dict(sorted(per_rule.items())),
    }
    if update_golden or not RECORD.exists():
        RECORD.write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    assert summary == json.loads(RECORD.read_text("utf-8"))
