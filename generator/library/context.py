"""One run's context, resolved once at the edge (the command line, the studio) and passed
down: the workspace, the layered sources, the document date, and the defaults for what a
command leaves out. No module global holds any of it."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from ..core.errors import JdgenError
from ..core.record import record
from ..model.base import MAX_DATE, MIN_DATE
from ..model.data import CheckSettings
from ..model.formats import DEFAULT_FORMATS
from .sources import Sources, default_sources
from .workspace import Workspace, find_workspace


@record(frozen=True, eq=False, repr=False)
class RunContext:
    """What every part of one run reads instead of looking it up again."""

    sources: Sources
    workspace: Workspace | None = None
    epoch: str | None = None  # SOURCE_DATE_EPOCH as the run found it

    @property
    def company(self) -> str | None:
        """The company a command means when it names none (the workspace's)."""
        return self.workspace.company if self.workspace else None

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self.workspace.formats) if self.workspace else DEFAULT_FORMATS

    @property
    def language(self) -> str | None:
        """The documents' language where neither the command nor the profile names one."""
        return self.workspace.language if self.workspace else None

    @property
    def output(self) -> Path:
        return self.workspace.output if self.workspace else Path("output")

    @property
    def check(self) -> CheckSettings | None:
        """The workspace's `check:` settings (jdgen.yaml), under a profile's own."""
        return self.workspace.check if self.workspace else None

    @property
    def revised(self) -> str | None:
        """A document date from SOURCE_DATE_EPOCH, for reproducible builds; never the clock.
        Read when a document is made, so a bad value stops only commands that date one."""
        if not self.epoch:
            return None
        text = self.epoch.strip()
        try:  # at most 12 digits: no int() of a huge string, no date past Python's calendar
            day = datetime.fromtimestamp(int(text), tz=UTC).date().isoformat() if len(text) <= 12 else ""
        except (ValueError, OverflowError, OSError):
            day = ""
        if not MIN_DATE <= day <= MAX_DATE:
            shown = (
                self.epoch
                if len(self.epoch) <= 40
                else f"{self.epoch[:20]}... ({len(self.epoch)} characters)"
            )
            raise JdgenError(
                f"SOURCE_DATE_EPOCH={shown!r} is not a Unix timestamp of a day from {MIN_DATE} to {MAX_DATE}",
                fix="set it to whole seconds since 1970 (date +%s), or unset it",
                code="context.epoch",
            )
        return day


def run_context(library: Path | None = None, cwd: Path | None = None) -> RunContext:
    """The context of a run in `cwd` (default: the current folder) with `--library`."""
    workspace = find_workspace(cwd)
    sources = default_sources(library, cwd, workspace)
    return RunContext(sources, workspace, os.environ.get("SOURCE_DATE_EPOCH"))
