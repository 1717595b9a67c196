"""Static template files (stylesheets): read once while unchanged, noted as read."""

from __future__ import annotations

from pathlib import Path

from ..core.caches import memo
from ..library.sources import Sources


@memo
def read_text(path: Path, mtime_ns: int) -> str:
    return path.read_text("utf-8")


def template_text(sources: Sources, name: str) -> str:
    """A static template file (a stylesheet, say): noted as read, cached while unchanged."""
    path = sources.template(name)
    return read_text(path, path.stat().st_mtime_ns)
