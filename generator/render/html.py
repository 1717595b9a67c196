"""Standalone HTML: one file, styles inline, no external requests."""

from __future__ import annotations

from ..library.labels import labels
from ..model.data import JobDescription
from .common import template_text
from .environment import render_template
from .jsonld import script_json


def inline_css() -> str:
    return template_text("css/document.css") + template_text("css/screen.css")


def render_html(jd: JobDescription, css: str, jsonld: str = "") -> str:
    """The HTML text; the PDF renderer calls this with css='' and adds stylesheets itself."""
    branding = jd.meta.theme
    if branding is not None:
        from ..library import theme

        extra = {"theme_css": theme.css(branding), "logo": theme.logo_data_uri(branding)}
    else:
        extra = {"theme_css": "", "logo": None}
    return render_template(
        "html",
        f"html/{jd.meta.template}.html.j2",
        jd=jd,
        labels=labels(jd.meta.language),
        css=css,
        jsonld=jsonld,
        **extra,
    )


def render(jd: JobDescription) -> bytes:
    """A posting's page carries its JobPosting data (the same object as --format jsonld)."""
    jsonld = script_json(jd) if jd.meta.template == "posting" else ""
    return render_html(jd, inline_css(), jsonld).encode("utf-8")


def table_html(doc, css: str) -> str:
    """A comparison or a ladder (compare.py) as HTML; the PDF renderer passes css=''."""
    from .table import context

    return render_template("html", "html/table.html.j2", css=css, **context(doc))


def render_table(doc) -> bytes:
    css = template_text("css/document.css") + template_text("css/screen.css") + template_text("css/table.css")
    return table_html(doc, css).encode("utf-8")
