"""Standalone HTML: one file, styles inline, no external requests."""

from __future__ import annotations

from functools import cache

from ..jinja import render_template
from ..models import JobDescription
from ..paths import templates_dir
from .common import labels


@cache
def inline_css() -> str:
    css = templates_dir() / "css"
    return (css / "document.css").read_text("utf-8") + (css / "screen.css").read_text("utf-8")


def render_html(jd: JobDescription, css: str) -> str:
    """The HTML text; the PDF renderer calls this with css='' and adds stylesheets itself."""
    return render_template("html", f"html/{jd.meta.template}.html.j2", jd=jd, labels=labels(), css=css)


def render(jd: JobDescription) -> bytes:
    return render_html(jd, inline_css()).encode("utf-8")
