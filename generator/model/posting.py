"""One tailored opening (a posting file): the role it is, and what is different about it."""

from __future__ import annotations

import dataclasses
from dataclasses import field
from pathlib import Path
from typing import Annotated, Literal

from ..core.files import check_name
from ..core.record import record
from .base import Bound, IsoDate, Origin
from .data import NON_EMPTY, Address, EmploymentType, LanguageCode, Pay, StatementChanges, band_checks
from .places import Place


@record(frozen=True)
class Work:
    """Where the work is done: on site, hybrid (days a week in the office) or remote."""

    arrangement: Literal["on-site", "hybrid", "remote"]
    office_days: Annotated[int, Bound(minimum=1, maximum=6)] | None = (
        None  # hybrid only: days a week in the office
    )
    remote_in: Annotated[
        tuple[Place, ...], NON_EMPTY
    ] = ()  # remote only: countries (ISO codes) or US states (US-CA) allowed
    origin: Origin | None = field(default=None, compare=False)

    def cross_checks(self):
        """Keys that belong to one arrangement: (code, key, message, fix) for the converter."""
        out = []
        if self.office_days is not None and self.arrangement != "hybrid":
            out.append(
                (
                    "posting.office-days-arrangement",
                    "office_days",
                    f"office_days is for hybrid work, but the arrangement is {self.arrangement}",
                    "remove office_days, or set arrangement: hybrid",
                )
            )
        if self.remote_in and self.arrangement != "remote":
            out.append(
                (
                    "posting.remote-in",
                    "remote_in",
                    f"remote_in is for remote work, but the arrangement is {self.arrangement}",
                    "remove remote_in, or set arrangement: remote",
                )
            )
        return out


@record(frozen=True)
class Employment:
    """The contract: schema.org employmentType and the hours as written."""

    type: EmploymentType | None = None
    hours: str | None = None
    # permanent or for a fixed term (befristet/unbefristet, as EU adverts and Directive (EU)
    # 2019/1152 name the contract), the term's length and the probation period as written
    term: Literal["permanent", "fixed-term"] | None = None
    duration: str | None = None  # a fixed term's length ("24 months")
    probation: str | None = None  # "6 months"


@record(frozen=True)
class Salary:
    """This opening's pay; it replaces the company's band for the level."""

    min: Pay
    max: Pay
    currency: str | None = None  # default: the company's currency
    period: Literal["year", "month", "day", "hour"] = "year"
    origin: Origin | None = field(default=None, compare=False)

    def cross_checks(self):
        return band_checks(self, "posting.salary")


@record(frozen=True)
class BlockChanges:
    order: tuple[str, ...] = ()  # these blocks first, in this order; the rest keep theirs
    drop: tuple[str, ...] = ()


@record(frozen=True)
class ListChanges:
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()  # the level's or role's, as the document words them


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
    language: LanguageCode | None = None  # the documents' language (default: the profile's)
    origin: Origin | None = field(default=None, compare=False)

    @property
    def file(self) -> Path | None:
        return self.origin.file if self.origin else None

    @property
    def name(self) -> str:
        """The output file name: the posting file's own name (postings/x.yaml -> x)."""
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
