"""The one table of output formats and document templates, and reading `--format`."""

from __future__ import annotations

from typing import Annotated, Literal

from ..core.errors import unknown
from .base import Bound

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
# The same names as a type, for the files that list formats (jdgen.yaml, a batch file).
Format = Literal["docx", "pdf", "html", "md", "json", "jsonld", "txt"]
Formats = Annotated[
    tuple[Format, ...], Bound(min_items=1, fix=f"name one or more of {', '.join(FORMATS)}, e.g. [docx, pdf]")
]
TEMPLATES = ("jd", "posting")
# What a run writes when neither the command line nor the workspace names formats.
DEFAULT_FORMATS = ("docx", "pdf")


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


def extension(fmt: str) -> str:
    return FORMATS[fmt][0]
