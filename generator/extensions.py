"""The models of changes: a workspace block or role that builds on another (`extends:`)
and the statements a role or a posting adds, removes or replaces by ref.

Kept apart from models.py (which loads this module on first use) so that a document
made from the cached library does not create classes only parsing needs.
"""

from __future__ import annotations

from dataclasses import field

from .models import Emphasis, RoleBlock, ScopeOverride  # noqa: F401  (type hints)
from .record import record
from .schema import IsoDate, Origin


@record(frozen=True)
class AddStatement:
    """A statement of one's own, added to one of the role's blocks."""

    block: str
    text: str
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True)
class ReplaceStatement:
    """A statement, by its ref (BLOCK/SLUG), worded differently."""

    ref: str
    text: str
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True)
class StatementChanges:
    """Statements added to a block, removed or replaced by ref, without copying the rest."""

    add: tuple[AddStatement, ...] = ()
    remove: tuple[str, ...] = ()  # refs, BLOCK/SLUG
    replace: tuple[ReplaceStatement, ...] = ()


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
    """A workspace role that builds on another (`extends:`): each key given replaces
    the base's; `statements` adds, removes or replaces single statements by ref."""

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
    scope: ScopeOverride | None = None
    horizon: str | None = None
    revised: IsoDate | None = None
    statements: StatementChanges | None = None
    origin: Origin | None = field(default=None, compare=False)
