"""One tailored opening: a small YAML file per posting (`postings/<name>.yaml`).

A posting names a role (and optionally level, company and template) and says what is
different about this one opening: its title, place and work arrangement, contract,
pay, dates, and statements added, removed or replaced by their stable refs
(`BLOCK/SLUG`, see refs.py). Everything in it is data: no text in a posting is ever
run as a template. `load_posting` reports every problem with file and line;
`posting_to_yaml` writes it back in a stable order (the studio edits postings through
these two functions), and `request_for` turns it into the one resolved Request the
service generates, so the CLI, batch and the studio make byte-identical files.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .errors import Diagnostic, LibraryError
from .models import Address, EmploymentType, StatementChanges
from .record import record
from .schema import IsoDate, Origin, convert_all
from .yamlsource import load_yaml

if TYPE_CHECKING:
    from .request import Request
    from .service import Service

POSTING_TEMPLATES = ("posting", "jd")
SCHEMA_HEADER = "# yaml-language-server: $schema={url}\n"


@record(frozen=True)
class Work:
    """Where the work is done: on site, hybrid (days a week in the office) or remote."""

    arrangement: Literal["on-site", "hybrid", "remote"]
    office_days: int | None = None  # hybrid only: days a week in the office
    remote_in: tuple[str, ...] = ()  # remote only: countries (ISO codes) or states allowed
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True)
class Employment:
    """The contract: schema.org employmentType and the hours as written."""

    type: EmploymentType | None = None
    hours: str | None = None


@record(frozen=True)
class Salary:
    """This opening's pay; it replaces the company's band for the level."""

    min: int
    max: int
    currency: str | None = None  # default: the company's currency
    period: Literal["year", "month", "day", "hour"] = "year"
    origin: Origin | None = field(default=None, compare=False)


@record(frozen=True)
class BlockChanges:
    order: tuple[str, ...] = ()  # these blocks first, in this order; the rest keep theirs
    drop: tuple[str, ...] = ()


@record(frozen=True)
class ListChanges:
    add: tuple[str, ...] = ()


@record(frozen=True)
class Posting:
    """One opening: the role it is, and what is different about it."""

    role: str
    level: str | None = None
    company: str | None = None
    template: Literal["posting", "jd"] = "posting"
    title: str | None = None
    summary: str | None = None  # this opening's own summary, in place of the role's
    location: str | None = None
    address: Address | None = None  # this workplace's postal address (JobPosting jobLocation)
    work: Work | None = None
    employment: Employment | None = None
    salary: Salary | None = None
    start: IsoDate | None = None
    closes: IsoDate | None = None
    requisition: str | None = None
    hiring_manager: str | None = None
    statements: StatementChanges | None = None
    blocks: BlockChanges | None = None
    qualifications: ListChanges | None = None
    origin: Origin | None = field(default=None, compare=False)

    @property
    def file(self) -> Path | None:
        return self.origin.file if self.origin else None

    @property
    def name(self) -> str:
        """The output file name: the posting file's own name (postings/x.yaml -> x)."""
        from .output import check_name

        return check_name(self.file.stem) if self.file else "posting"

    def identity(self) -> dict:
        """The posting's content, for digests and the manifest (not where it stood)."""
        return _plain(self)


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "origin" and getattr(value, f.name) not in (None, (), "")
        }
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def load_posting(path: Path | str) -> Posting:
    """Load and check one posting file; raise the first problem (file and line)."""
    posting, problems = validate_posting(path)
    errors = [d for d in problems if d.severity == "error"]
    if errors or posting is None:
        raise LibraryError.from_diagnostic(errors[0])
    return posting


def validate_posting(path: Path | str) -> tuple[Posting | None, list[Diagnostic]]:
    """Every problem in a posting file at once: (the posting or None, diagnostics)."""
    path = Path(path)
    problems: list[Diagnostic] = []
    try:
        data = load_yaml(path, problems)
    except LibraryError as exc:
        return None, [exc.diagnostic]
    posting, found = convert_all(Posting, data, path)
    problems += found
    if posting is not None:
        problems += check_values(posting, data, path)
    if any(d.severity == "error" for d in problems):
        posting = None
    return posting, problems


def check_values(posting: Posting, data, path: Path) -> list[Diagnostic]:
    """What the types cannot say: ranges, and fields that belong to one arrangement
    (for a file, and for the studio's draft, which has no lines)."""
    out = []

    def line(*keys) -> int:
        node = data
        for key in keys[:-1]:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        return node.line_of(keys[-1]) if hasattr(node, "line_of") else getattr(data, "line", None)

    salary = posting.salary
    if salary and not 0 < salary.min <= salary.max:
        out.append(
            Diagnostic(
                "posting.salary",
                f"salary needs 0 < min <= max (got {salary.min}-{salary.max})",
                path,
                line("salary"),
                fix="write the lower figure as min and the higher as max, in whole currency units",
            )
        )
    work = posting.work
    if work:
        if work.office_days is not None and work.arrangement != "hybrid":
            out.append(
                Diagnostic(
                    "posting.office-days",
                    f"office_days is for hybrid work, but the arrangement is {work.arrangement}",
                    path,
                    line("work", "office_days"),
                    fix="remove office_days, or set arrangement: hybrid",
                )
            )
        if work.office_days is not None and not 1 <= work.office_days <= 6:
            out.append(
                Diagnostic(
                    "posting.office-days",
                    f"office_days must be 1 to 6 days a week (got {work.office_days})",
                    path,
                    line("work", "office_days"),
                    fix="write the number of days a week in the office, e.g. 3",
                )
            )
        if work.remote_in and work.arrangement != "remote":
            out.append(
                Diagnostic(
                    "posting.remote-in",
                    f"remote_in is for remote work, but the arrangement is {work.arrangement}",
                    path,
                    line("work", "remote_in"),
                    fix="remove remote_in, or set arrangement: remote",
                )
            )
    if posting.start and posting.closes and posting.closes > posting.start:
        out.append(
            Diagnostic(
                "posting.dates",
                f"the posting closes ({posting.closes}) after the job starts ({posting.start})",
                path,
                line("closes"),
                fix="check the two dates",
                severity="warning",
            )
        )
    return out


# --- writing ----------------------------------------------------------------------

_ORDER = [f.name for f in dataclasses.fields(Posting) if f.name != "origin"]


def posting_to_yaml(posting: Posting, schema_url: str | None = None) -> str:
    """The posting as YAML, keys in the order of the file format, with the schema line.

    Loading the text again gives an equal Posting (the tests round-trip it)."""
    import yaml

    data = posting.identity()
    ordered = {key: data[key] for key in _ORDER if key in data}
    if ordered.get("template") == "posting":
        del ordered["template"]  # the default
    body = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return SCHEMA_HEADER.format(url=schema_url or default_schema_url(posting.file)) + body


def default_schema_url(file: Path | None, kind: str = "posting") -> str:
    """The schema the workspace keeps for editors, relative to the file (else its name)."""
    from .workspace import SCHEMA_FOLDER, find_workspace

    workspace = find_workspace(file.parent) if file else None
    if workspace is None:
        return f"{SCHEMA_FOLDER}/{kind}.schema.json"
    import os

    target = workspace.root / SCHEMA_FOLDER / f"{kind}.schema.json"
    return Path(os.path.relpath(target, file.parent)).as_posix()


def write_posting(posting: Posting, path: Path) -> None:
    """Write a posting file atomically (the studio saves through this)."""
    from .output import atomic_write

    atomic_write(Path(path), posting_to_yaml(posting).encode())


# --- generating ---------------------------------------------------------------------


def request_for(
    service: Service,
    posting: Posting,
    *,
    company: str | None = None,
    formats: tuple[str, ...] | None = None,
    out: Path | str | None = None,
    paper: str | None = None,
    revised: str | None = None,
    wrap: int = 80,
) -> Request:
    """The resolved Request for one posting: the workspace's defaults fill what the
    posting leaves out (company, formats, output folder); a problem with a name in the
    posting (unknown role, level or company) names the posting file and line."""
    from .errors import JdgenError
    from .workspace import current_workspace

    workspace = current_workspace()
    chosen = posting.company or company or (workspace.company if workspace else None)
    if chosen is None:
        raise LibraryError(
            "the posting names no company and there is no workspace default",
            posting.file,
            posting.origin.line if posting.origin else None,
            "add 'company: ID' to the posting, or run it inside a workspace (jdgen init)",
            "posting.company",
        )
    try:
        return service.resolve(
            posting.role,
            chosen,
            level=posting.level,
            template=posting.template,
            formats=tuple(formats or (workspace.formats if workspace else ("docx", "pdf"))),
            paper=paper,
            out=out or (workspace.output if workspace else "output"),
            revised=revised,
            name=posting.name,
            wrap=wrap,
            posting=posting,
        )
    except JdgenError as exc:
        if exc.file is not None:
            raise
        raise LibraryError(exc.message, posting.file, _line_of(posting, exc), exc.fix, exc.code) from None


def _line_of(posting: Posting, exc) -> int | None:
    """The posting's line that named what could not be found."""
    from .yamlsource import load_yaml

    try:
        data = load_yaml(posting.file)
    except (LibraryError, TypeError):
        return None
    for key in ("level", "company", "role"):
        if key in data and f"'{data[key]}'" in exc.message:
            return data.line_of(key)
    return data.line if hasattr(data, "line") else None
