"""The smallest values every model uses: where a value was written, and dates and text
that remember it."""

from __future__ import annotations

from pathlib import Path

from ..core.record import record


@record(frozen=True)
class Origin:
    """Where a value came from, for error messages raised after loading."""

    file: Path
    line: int


class IsoDate(str):
    """A calendar date written as YYYY-MM-DD (checked on load, kept as text)."""


class Text(str):
    """A string from a YAML file that remembers its file and line, for later errors."""

    file: Path | None = None
    line: int | None = None
