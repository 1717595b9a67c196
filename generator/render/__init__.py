"""Renderers: one module per format, each a function JobDescription -> bytes.

Modules are imported only when their format is asked for, so a DOCX-only run never
pays for WeasyPrint.
"""

from __future__ import annotations

from importlib import import_module

from ..core.errors import JdgenError, unknown

# format name -> (file extension, module that defines `render(jd) -> bytes`)
FORMATS: dict[str, tuple[str, str]] = {
    "docx": ("docx", "docx"),
    "pdf": ("pdf", "pdf"),
    "html": ("html", "html"),
    "md": ("md", "markdown"),
    "json": ("json", "jsonfmt"),
    "jsonld": ("jsonld", "jsonld"),  # schema.org JobPosting, for postings
    "txt": ("txt", "txt"),
}
TEMPLATES = ("jd", "posting")


_FORMATS_FIX = f"give one or more of {', '.join(FORMATS)}, separated by commas: -f docx,pdf"


def parse_formats(text: str) -> tuple[str, ...]:
    """'pdf,docx, md' -> ('pdf', 'docx', 'md'), each once, in the order given."""
    names: list[str] = []
    for name in (part.strip().lower() for part in text.split(",")):
        if not name:
            continue
        if name == "markdown":
            name = "md"
        if name not in FORMATS:
            raise unknown("format", name, list(FORMATS), _FORMATS_FIX)
        if name not in names:
            names.append(name)
    if not names:
        raise unknown("format", text, list(FORMATS), _FORMATS_FIX)
    return tuple(names)


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


def extension(fmt: str) -> str:
    return FORMATS[fmt][0]
