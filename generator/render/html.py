"""Standalone HTML: one file, styles inline, no external requests."""

from __future__ import annotations

from ..library import theme
from ..library.labels import labels
from ..library.sources import Sources
from ..model.data import JobDescription
from .common import template_text
from .environment import render_template
from .jsonld import script_json
from .table import context


def inline_css(sources: Sources) -> str:
    return template_text(sources, "css/document.css") + template_text(sources, "css/screen.css")


def render_html(jd: JobDescription, sources: Sources, css: str, jsonld: str = "") -> str:
    """The HTML text; the PDF renderer calls this with css='' and adds stylesheets itself."""
    branding = jd.meta.theme
    if branding is not None:
        extra = {"theme_css": theme.css(branding), "logo": theme.logo_data_uri(branding)}
    else:
        extra = {"theme_css": "", "logo": None}
    return render_template(
        sources,
        "html",
        f"html/{jd.meta.template}.html.j2",
        jd=jd,
        labels=labels(sources, jd.meta.language),
        css=css,
        jsonld=jsonld,
        **extra,
    )


def render(jd: JobDescription, sources: Sources) -> bytes:
    """A posting's page carries its JobPosting data (the same object as --format jsonld)."""
    jsonld = script_json(jd, sources) if jd.meta.template == "posting" else ""
    return render_html(jd, sources, inline_css(sources), jsonld).encode("utf-8")


def table_html(doc, sources: Sources, css: str) -> str:
    """A comparison or a ladder (compare.py) as HTML; the PDF renderer passes css=''."""

    return render_template(sources, "html", "html/table.html.j2", css=css, **context(doc, sources))


def render_table(doc, sources: Sources) -> bytes:
    css = inline_css(sources) + template_text(sources, "css/table.css")
    return table_html(doc, sources, css).encode("utf-8")
