"""Typed user errors and exit codes.

Every problem a user can cause (bad YAML, unknown role, template mistake) is raised
as a `JdgenError` carrying where it happened and how to fix it, so the CLI can print
exactly one line and exit with a documented code instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

from .record import record

EXIT_OK = 0
EXIT_INPUT = 1  # bad input, validation or rendering error
EXIT_USAGE = 2  # wrong command-line usage (click's own code)

SEVERITIES = ("error", "warning", "info")


@record(frozen=True)
class Diagnostic:
    """One problem found in the user's input: where, how bad, what, and how to fix it.

    Validation collects these instead of stopping at the first, so `jdgen validate`
    can list every problem at once; generation raises the first error as a JdgenError.
    """

    code: str  # stable id, e.g. "schema.unknown-key", for suppression and tests
    message: str
    file: str | Path | None = None
    line: int | None = None
    column: int | None = None
    severity: str = "error"
    fix: str | None = None
    key: str | None = None  # the key path in the user's file, e.g. "salary.min" or "roles[2]"

    @property
    def where(self) -> str:
        """'file:line:col' as far as known ('' when nothing is)."""
        if self.file is None:
            return ""
        parts = [display_path(self.file)]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        text = f"{where}{self.message}"
        if self.fix:
            text += f" (fix: {self.fix})"
        return " ".join(text.split())

    def to_dict(self) -> dict:
        return {
            "file": display_path(self.file) if self.file is not None else None,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "fix": self.fix,
        }


@record
class JdgenError(Exception):
    """A problem with the user's input; printed as one line, exit code 1."""

    message: str
    file: str | Path | None = None
    line: int | None = None
    fix: str | None = None
    code: str = "error"
    column: int | None = None
    key: str | None = None  # the key path of the value at fault, where it came from a file

    @property
    def diagnostic(self) -> Diagnostic:
        return Diagnostic(
            self.code, self.message, self.file, self.line, self.column, "error", self.fix, self.key
        )

    @classmethod
    def from_diagnostic(cls, d: Diagnostic) -> JdgenError:
        return cls(d.message, d.file, d.line, d.fix, d.code, d.column, d.key)

    def __str__(self) -> str:
        return str(self.diagnostic)


class LibraryError(JdgenError):
    """The responsibility library or a company profile is invalid."""


class TemplateError(JdgenError):
    """A Jinja template or statement failed to parse or render."""


class NotFoundError(JdgenError):
    """A role, level, block, company or template name is unknown."""


class OutputError(JdgenError):
    """The output could not be written (permissions, disk full, unsafe path)."""


class DependencyError(JdgenError):
    """A system library needed for one format (Pango for PDF) is missing."""


def display_path(path: str | Path) -> str:
    """Show paths relative to the working directory when they are inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return str(p)


def symlink_loop(exc: BaseException) -> JdgenError | None:
    """pathlib's RuntimeError for a symbolic link that loops back on itself (Python 3.13
    raises OSError instead), as the one line any other unreadable path gets."""
    text = str(exc)
    if not isinstance(exc, RuntimeError) or not text.startswith("Symlink loop from "):
        return None
    path = text.removeprefix("Symlink loop from ").strip("'")
    return JdgenError(
        "a symbolic link here loops back on itself",
        path,
        fix="remove the link, or point it at a real file or folder",
        code="input.symlink-loop",
    )


def did_you_mean(name: str, choices: list[str] | tuple[str, ...], cutoff: float = 0.6) -> str:
    """Return ' Did you mean X?' for the closest known name, or ''. Case, '-', '_' and
    spaces do not count as differences ('full-time' finds FULL_TIME). A higher cutoff
    suggests only for likely typos, where any word may be a right answer."""
    import difflib  # only on the error path

    by_form = {_form(c): c for c in reversed(list(choices))}
    close = difflib.get_close_matches(_form(name), list(by_form), n=1, cutoff=cutoff)
    return f" Did you mean '{by_form[close[0]]}'?" if close else ""


def _form(name) -> str:
    return "-".join(str(name).lower().replace("_", " ").replace("-", " ").split())


def unknown(kind: str, name: str, choices, fix: str | None = None) -> NotFoundError:
    """Build the standard 'unknown X' error with a suggestion and the known names."""
    choices = list(choices)
    known = ", ".join(choices) if len(choices) <= 12 else ", ".join(choices[:12]) + ", and more"
    suggestion = did_you_mean(name, choices)
    listed = "" if suggestion else f" Known: {known}."  # a good suggestion is enough
    return NotFoundError(f"unknown {kind} '{name}'.{suggestion}{listed}", fix=fix)
