"""The models of a workspace block or role that builds on another (`extends:`): only
what differs from the base. The statement changes they carry are in data.py, which
roles and postings share."""

from __future__ import annotations

from dataclasses import field

from ..core.record import record
from .base import IsoDate, Origin
from .data import ReplaceStatement, RoleBlock, ScopeOverride, StatementChanges  # noqa: F401  (type hints)


@record(frozen=True)
class LevelChanges:
    """A block's statements at one level, changed by a block that builds on it."""

    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()  # refs: SLUG or BLOCK/SLUG
    replace: tuple[ReplaceStatement, ...] = ()


@record(frozen=True, eq=False, repr=False)
class BlockExtension:
    """A workspace block that builds on another (`extends:`): only what differs.

    Each key given replaces the base's; `changes` adds, removes or replaces single
    statements per level; `statements` replaces whole levels."""

    id: str
    extends: str
    title: str | None = None
    statements: dict[str, tuple[str, ...]] = field(default_factory=dict)
    changes: dict[str, LevelChanges] = field(default_factory=dict)
    kpis: tuple[str, ...] | None = None
    kpis_by_level: dict[str, tuple[str, ...]] | None = None
    skills: tuple[str, ...] | None = None
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True, eq=False, repr=False)
class RoleExtension:
    """A workspace role that builds on another (`extends:`): each key given (every
    field here is a Role key) replaces the base's (`scope` row by row: a row it does
    not name stays the base's); `statements` adds, removes or replaces single
    statements by ref."""

    id: str
    extends: str
    title: str | None = None
    family: str | None = None
    default_level: str | None = None
    summary: str | None = None
    blocks: tuple[RoleBlock, ...] | None = None
    aliases: tuple[str, ...] | None = None
    reports_to: str | None = None
    direct_reports: tuple[str, ...] | None = None
    focus: str | None = None
    compare_with: tuple[str, ...] | None = None
    qualifications: tuple[str, ...] | None = None
    competencies: tuple[str, ...] | None = None
    kpis: tuple[str, ...] | None = None
    working_relationships: tuple[str, ...] | None = None
    posting_summary: str | None = None
    team: str | None = None
    travel: str | None = None
    nice_to_have: tuple[str, ...] | None = None
    scope: ScopeOverride | None = None
    horizon: str | None = None
    revised: IsoDate | None = None
    statements: StatementChanges | None = None
    origin: Origin | None = field(default=None, compare=False)
