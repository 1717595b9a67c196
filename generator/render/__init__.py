"""Renderers: one module per format, each a function JobDescription -> bytes.

Modules are imported only when their format is asked for, so a DOCX-only run never
pays for WeasyPrint.
"""

from __future__ import annotations

from importlib import import_module

from ..core.errors import JdgenError
from ..model.formats import FORMATS


def renderer(fmt: str, entry: str = "render"):
    """A format's `render` function (or another entry point, such as `render_table` for a
    comparison or a ladder), importing its module on first use. A format that has no such
    entry point is one clear error for that format alone."""
    function = getattr(import_module(f".{FORMATS[fmt][1]}", __name__), entry, None)
    if function is None:
        with_entry = [f for f in FORMATS if hasattr(import_module(f".{FORMATS[f][1]}", __name__), entry)]
        raise JdgenError(
            f"this document is not written as {fmt}",
            fix=f"use --format with {', '.join(with_entry)}",
            code="render.format",
        )
    return function
