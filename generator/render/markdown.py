"""Markdown that pastes cleanly into an applicant tracking system."""

from __future__ import annotations

import re

from ..library.labels import labels
from ..library.sources import Sources
from ..model.data import JobDescription
from .environment import render_template
from .table import context


def render(jd: JobDescription, sources: Sources) -> bytes:
    words = labels(sources, jd.meta.language)
    text = render_template(sources, "text", f"md/{jd.meta.template}.md.j2", jd=jd, labels=words)
    return (re.sub(r"\n{3,}", "\n\n", text).strip() + "\n").encode("utf-8")


def render_table(doc, sources: Sources) -> bytes:
    """A comparison or a ladder as Markdown tables (one per group of rows)."""

    text = render_template(sources, "text", "md/table.md.j2", **context(doc, sources))
    return (re.sub(r"\n{3,}", "\n\n", text).strip() + "\n").encode("utf-8")
