"""Renderers: one module per format, each a function JobDescription -> bytes.

Modules are imported only when their format is asked for, so a DOCX-only run never
pays for WeasyPrint.
"""

from __future__ import annotations

from functools import partial
from importlib import import_module

from ..core.errors import JdgenError
from ..library.sources import Sources, default_sources
from ..model.formats import FORMATS


def renderer(fmt: str, entry: str = "render"):
    """A format's `render` function (or another entry point, such as `render_table` for a
    comparison or a ladder), importing its module on first use. A format that has no such
    entry point is one clear error for that format alone."""
    function = getattr(import_module(f".{FORMATS[fmt][1]}", __name__), entry, None)
    if function is not None:
        return partial(_with_sources, function)
    with_entry = [f for f in FORMATS if hasattr(import_module(f".{FORMATS[f][1]}", __name__), entry)]
    raise JdgenError(
        f"this document is not written as {fmt}",
        fix=f"use --format with {', '.join(with_entry)}",
        code="render.format",
    )


def _with_sources(function, doc, sources: Sources | None = None) -> bytes:
    """`renderer(fmt)(doc)` with the built-in templates, or `(doc, sources)` with a run's."""
    return function(doc, sources if sources is not None else default_sources())
