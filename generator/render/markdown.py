"""Markdown that pastes cleanly into an applicant tracking system."""

from __future__ import annotations

import re
from functools import cache

from ..jinja import output_env, render_template
from ..models import JobDescription
from .common import labels

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    """Escape characters Markdown would read as markup; user text stays literal."""
    return _SPECIAL.sub(r"\\\1", str(text))


@cache
def _register_filter() -> None:
    output_env("text").filters["md"] = md_escape


def render(jd: JobDescription) -> bytes:
    _register_filter()
    text = render_template("text", f"md/{jd.meta.template}.md.j2", jd=jd, labels=labels())
    return (re.sub(r"\n{3,}", "\n\n", text).strip() + "\n").encode("utf-8")
