"""One tailored opening: a small YAML file per posting (`postings/<name>.yaml`).

A posting names a role (and optionally level, company and template) and says what is
different about this one opening: its title, place and work arrangement, contract,
pay, dates, and statements added, removed or replaced by their stable refs
(`BLOCK/SLUG`, see refs.py). Everything in it is data: no text in a posting is ever
run as a template. `load_posting` reports every problem with file and line;
`posting_to_yaml` writes it back in a stable order (the studio edits postings through
these two functions). The model is model/posting.py; service/postings.py turns a
posting into the one resolved Request the service generates.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..core.errors import Diagnostic, LibraryError
from ..core.files import atomic_write
from ..model.posting import Posting
from ..schema.convert import convert_all
from ..yamlio.nodes import locate
from ..yamlio.source import load_yaml
from .workspace import SCHEMA_FOLDER, find_workspace

POSTING_TEMPLATES = ("posting", "jd")
SCHEMA_HEADER = "# yaml-language-server: $schema={url}\n"


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

    def problem(code: str, message: str, key: str, fix: str, severity: str = "error") -> Diagnostic:
        return Diagnostic(code, message, path, locate(data, key), None, severity, fix, key)

    salary = posting.salary
    if salary and not 0 < salary.min <= salary.max:
        out.append(
            problem(
                "posting.salary",
                f"salary needs 0 < min <= max (got {salary.min}-{salary.max})",
                "salary",
                "write the lower figure as min and the higher as max, in whole currency units",
            )
        )
    work = posting.work
    if work:
        if work.office_days is not None and work.arrangement != "hybrid":
            out.append(
                problem(
                    "posting.office-days-arrangement",
                    f"office_days is for hybrid work, but the arrangement is {work.arrangement}",
                    "work.office_days",
                    "remove office_days, or set arrangement: hybrid",
                )
            )
        if work.office_days is not None and not 1 <= work.office_days <= 6:
            out.append(
                problem(
                    "posting.office-days",
                    f"office_days must be 1 to 6 days a week (got {work.office_days})",
                    "work.office_days",
                    "write the number of days a week in the office, e.g. 3",
                )
            )
        if work.remote_in and work.arrangement != "remote":
            out.append(
                problem(
                    "posting.remote-in",
                    f"remote_in is for remote work, but the arrangement is {work.arrangement}",
                    "work.remote_in",
                    "remove remote_in, or set arrangement: remote",
                )
            )
    if posting.start and posting.closes and posting.closes > posting.start:
        out.append(
            problem(
                "posting.dates",
                f"the posting closes ({posting.closes}) after the job starts ({posting.start})",
                "closes",
                "check the two dates",
                "warning",
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

    workspace = find_workspace(file.parent) if file else None
    if workspace is None:
        return f"{SCHEMA_FOLDER}/{kind}.schema.json"
    import os

    target = workspace.root / SCHEMA_FOLDER / f"{kind}.schema.json"
    return Path(os.path.relpath(target, file.parent)).as_posix()


def write_posting(posting: Posting, path: Path) -> None:
    """Write a posting file atomically (the studio saves through this)."""
    atomic_write(Path(path), posting_to_yaml(posting).encode())
