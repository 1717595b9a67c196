"""The models of a batch file (`jdgen batch FILE`): which companies, roles, formats."""

from __future__ import annotations

from dataclasses import field
from typing import Annotated, Literal

from ..core.record import record
from .base import Bound, Origin
from .data import LanguageCode
from .formats import DEFAULT_FORMATS, Formats

MAX_WRAP = 1000  # plain text's widest line; 0 is not wrapped

# Like the library models, read and never compared or printed: no generated
# __eq__/__hash__/__repr__ (see models.py).


# Compared by value: two batch entries with equal overrides are one document.
@record(frozen=True, repr=False)
class Overrides:
    """Per-role changes for one batch (e.g. a new site). Values are data, never templates."""

    title: str | None = None
    reports_to: str | None = None
    summary: str | None = None
    location: str | None = None
    direct_reports: tuple[str, ...] | None = None


@record(frozen=True, eq=False, repr=False)
class BatchRole:
    """One role in a batch: its id, and optionally levels, template and overrides."""

    id: str
    level: str | None = None
    levels: tuple[str, ...] = ()
    template: Literal["jd", "posting"] | None = None
    overrides: Overrides | None = None
    name: str | None = None  # output file name (without extension), e.g. plant-manager-dayton
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class BatchFile:
    """A jdgen batch: which companies, which roles, which formats, where to."""

    companies: Annotated[tuple[str, ...], Bound(min_items=1)]
    roles: tuple[str | BatchRole, ...] = ()
    families: tuple[str, ...] = ()
    all: bool = False
    levels: tuple[str, ...] = ()
    formats: Formats = DEFAULT_FORMATS
    template: Literal["jd", "posting"] = "jd"
    wrap: Annotated[int, Bound(minimum=0, maximum=MAX_WRAP)] = (
        80  # plain text (txt) line width; 0 is not wrapped
    )
    out: str = "output"
    language: LanguageCode | None = None  # the documents' language (default: each profile's)
    origin: Origin | None = field(default=None, compare=False)
