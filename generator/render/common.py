"""Static template files (stylesheets): read once while unchanged, noted as read."""

from __future__ import annotations

from pathlib import Path

from ..core.caches import memo
from ..core.errors import TemplateError
from ..core.reading import read_input
from ..library.sources import Sources
from .environment import TEMPLATE_MAX_BYTES


@memo
def read_text(path: Path, mtime_ns: int) -> str:
    """A template folder's file, read as any user file is (a workspace may supply it)."""
    raw = read_input(path, TEMPLATE_MAX_BYTES, TemplateError, text=True, fix="split the file up")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError(
            "file is not UTF-8 text", path, fix="save it as UTF-8", code="input.encoding"
        ) from None


def template_text(sources: Sources, name: str) -> str:
    """A static template file (a stylesheet, say): noted as read, cached while unchanged."""
    path = sources.template(name)
    return read_text(path, path.stat().st_mtime_ns)
