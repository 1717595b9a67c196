"""JSON: the resolved job description itself, for other tools."""

from __future__ import annotations

import json

from ..library.sources import Sources
from ..model.data import JobDescription
from .table import context


def render(jd: JobDescription, sources: Sources) -> bytes:
    return (json.dumps(jd.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def render_table(doc, sources: Sources) -> bytes:
    """A comparison or a ladder: its data, with the title and summary every format shows."""

    words = context(doc, sources)
    data = {
        "title": words["title"],
        "summary": [f"{s.lead} {s.text}" for s in words["summary"]],
        **doc.to_dict(),
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
