"""render/jsonfmt.py: the resolved job description as JSON, and a comparison's data with
the title and summary every format shows."""

from __future__ import annotations

import json

from jdgen.compose.compare import compose_comparison, resolve_comparison
from jdgen.library.sources import default_sources
from jdgen.render import jsonfmt
from jdgen.render.table import context


def test_the_json_is_the_documents_data_in_utf8(lib, acme, coo_jd):
    import dataclasses

    from jdgen.service.generate import compose_role

    data = jsonfmt.render(coo_jd, default_sources())
    assert json.loads(data) == json.loads(json.dumps(coo_jd.to_dict())) and data.endswith(b"}\n")
    named = compose_role(lib, "coo", dataclasses.replace(acme, name="Łódź Ops"))
    assert "Łódź Ops".encode() in jsonfmt.render(named, default_sources())  # not \\u escapes


def test_a_comparison_carries_its_title_and_summary(lib):
    doc = compose_comparison(lib, resolve_comparison(lib, ("coo", "vp-operations"), "acme"))
    data = json.loads(jsonfmt.render_table(doc, default_sources()))
    words = context(doc, default_sources())
    assert data["title"] == words["title"]
    assert data["summary"] == [f"{s.lead} {s.text}" for s in words["summary"]]
    assert {k: v for k, v in data.items() if k not in ("title", "summary")} == json.loads(
        json.dumps(doc.to_dict())
    )
