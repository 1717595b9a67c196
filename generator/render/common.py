"""Static template files (stylesheets): read once while unchanged, noted as read."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..library import sources


@cache
def read_text(path: Path, mtime_ns: int) -> str:
    return path.read_text("utf-8")


def template_text(name: str) -> str:
    """A static template file (a stylesheet, say): noted as read, cached while unchanged."""
    path = sources.template(name)
    return read_text(path, path.stat().st_mtime_ns)
