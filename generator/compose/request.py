"""One document request, resolved once at the edge (CLI, batch, studio).

`resolve` turns what a user typed (an alias, a level label, a profile name or path)
into objects: the role, the level, the company and the file it came from, and where
each format goes. Compose, naming, the manifest and batch all take the `Request`;
nothing downstream looks a name up again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import JdgenError, did_you_mean
from ..core.files import check_name, document_path, document_stem
from ..core.record import record
from ..library import english, theme
from ..library.industry import role_fits
from ..library.loader import Library, company_with_file
from ..model.base import closing_problem
from ..model.data import Branding, Company, Level, Role, Trigger
from ..model.formats import DEFAULT_FORMATS, TEMPLATES, extension

if TYPE_CHECKING:  # batch files and postings only; not imported for a single document
    from ..model.batch import Overrides
    from ..model.posting import Posting


class Destination:
    """Where a document's formats go, OUT/<company>/<name>.<ext>, for any request that
    has `out`, `company`, `name` and `formats` (a role's, a comparison's)."""

    @property
    def paths(self) -> dict[str, Path]:
        return {
            fmt: document_path(self.out, self.company.id, self.name, extension(fmt)) for fmt in self.formats
        }

    @property
    def folder(self) -> Path:
        return next(iter(self.paths.values())).parent

    @property
    def label(self) -> str:
        return f"{self.company.id}/{self.name}"


@record(frozen=True)
class Request(Destination):
    """Everything one document needs, already looked up."""

    role: Role
    level: Level
    company: Company
    company_file: Path
    template: str
    formats: tuple[str, ...]
    paper: str  # "A4" or "Letter"
    out: Path
    name: str  # the file name without extension
    revised: str | None = None  # overrides the data's revision date (SOURCE_DATE_EPOCH)
    overrides: Overrides | None = None  # batch-file changes, applied as plain data
    wrap: int = 80  # plain text's line width (txt); 0 is not wrapped
    trigger: str | None = None  # an interim mandate's reason, by id (default: its first)
    posting: Posting | None = None  # a tailored opening (postings/NAME.yaml), applied as plain data
    branding: Branding | None = None  # the profile's theme, its files found when the request was made
    language: str = "en-US"  # the document's language tag (library.english.language)

    @property
    def dated(self) -> str:
        """The document's date: the run's (SOURCE_DATE_EPOCH), else the newer of the role's
        and the profile's revision dates ('' when none is known)."""
        return self.revised or max(filter(None, [self.role.revised, self.company.revised]), default="")

    @property
    def own_level(self) -> bool:
        """The one place that decides whether the role is at its own level."""
        return self.level.id == self.role.default_level

    def identity(self, company_key: str) -> str:
        """What the request asks for, as text for digests: two requests for the same
        document give the same identity however they were spelt."""
        overrides = asdict(self.overrides) if self.overrides else None
        return json.dumps(
            {
                "role": self.role.id,
                "level": self.level.id,
                "company": company_key,
                "template": self.template,
                "paper": self.paper,
                "revised": self.revised,
                "overrides": overrides,
                "name": self.name,
                "wrap": self.wrap,
                "trigger": self.trigger,
                "posting": self.posting.identity() if self.posting else None,
                "language": self.language,
            },
            sort_keys=True,
            default=str,
        )


def resolve(
    lib: Library,
    role: str | Role,
    company: str | Company,
    *,
    level: str | None = None,
    template: str = "jd",
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    paper: str | None = None,
    out: Path | str = "output",
    revised: str | None = None,
    overrides: Overrides | None = None,
    name: str | None = None,
    wrap: int = 80,
    trigger: str | None = None,
    posting: Posting | None = None,
    language: str | None = None,
    workspace_language: str | None = None,
) -> Request:
    """Look every name up once; raise a JdgenError naming what is unknown. A front end
    that has already found the role or loaded the company passes the object. `language`
    is a code (de); without it the profile's own language, else the workspace's, else English."""
    profile, file = _looked_up("company", company_and_file, lib, company)
    code = check_language(lib, language or profile.language or workspace_language or "en")
    profile = in_language(profile, code)
    found_role = role if isinstance(role, Role) else _looked_up("role", lib.role, role)
    found_level = _looked_up("level", lib.level, level) if level else lib.level(found_role.default_level)
    if template not in TEMPLATES:
        raise JdgenError(f"unknown template '{template}'", fix=f"use one of {', '.join(TEMPLATES)}")
    check_wrap(wrap)
    check_fit(lib, found_role, profile)
    check_trigger(found_role, trigger)
    found_role = with_trigger(found_role, trigger)
    own = found_level.id == found_role.default_level
    stem = check_name(name) if name else document_stem(found_role.id, found_level.id, own, template)
    request = Request(
        role=found_role,
        level=found_level,
        company=profile,
        company_file=file,
        template=template,
        formats=tuple(formats),
        paper=paper or paper_for(lib, profile),
        out=Path(out),
        name=stem,
        revised=revised,
        overrides=overrides,
        wrap=wrap,
        trigger=trigger,
        posting=posting,
        branding=theme.branding(profile, file),
        language=english.language(lib.locales, profile.country or "", code),
    )
    check_closing(request)
    return request


def check_language(lib: Library, code: str) -> str:
    """A language documents can be written in (locales.yaml `languages:`)."""
    known = lib.locales.languages
    if code not in known:
        names = ", ".join(f"{c} ({n})" for c, n in sorted(known.items()))
        raise JdgenError(
            f"jdgen cannot write documents in '{code}'.{did_you_mean(code, list(known))}",
            fix=f"use one of {names}",
            code="request.language",
            key="language",
        )
    return code


def in_language(company: Company, code: str) -> Company:
    """The profile with its own words in the document's language, where it gives them
    (`translations:`); a profile written in that language is itself."""
    own = company.translations.get(code)
    if own is None or code == (company.language or "en"):
        return company
    given = {f.name: getattr(own, f.name) for f in fields(own) if getattr(own, f.name) is not None}
    return replace(company, **given)


def check_closing(request: Request) -> None:
    """A posting never closes on or before the day it is dated, in any format (the
    JobPosting data would be invalid, and the advert's own dates would contradict)."""
    closes = request.posting.closes if request.posting else None
    problem = closing_problem(str(closes), request.dated) if closes else None
    if problem:
        message, fix = problem
        raise JdgenError(message, fix=fix, code="posting.closes", key="closes")


def _looked_up(key: str, lookup, *args):
    """A name looked up for a request: an unknown one says which key of the request (and
    so of a posting file) named it, for the file's line."""
    try:
        return lookup(*args)
    except JdgenError as exc:
        exc.key = exc.key or key
        raise


def check_fit(lib: Library, role: Role, company: Company) -> None:
    """A role marked for some industries exists only in companies of those industries."""
    if not role_fits(role, company.industry):
        names = ", ".join(lib.industries[i].label.lower() for i in role.industries if i in lib.industries)
        raise JdgenError(
            f"role '{role.id}' exists only in {names} companies, and {company.name} is in "
            f"'{company.industry}'",
            fix="pick a role listed by 'jdgen list roles' for this company's industry",
            code="request.industry",
        )


def check_trigger(role: Role, trigger: str | None) -> None:
    """The reason an interim mandate exists, named by id; only an interim role has one."""
    if trigger is None:
        return
    if role.mandate is None:
        raise JdgenError(
            f"role '{role.id}' is not an interim mandate, so it takes no trigger",
            fix="leave out --trigger, or pick an interim role",
            code="request.trigger",
        )
    if trigger not in role.mandate.triggers:
        ids = list(role.mandate.triggers)
        raise JdgenError(
            f"unknown trigger '{trigger}' for {role.id}.{did_you_mean(trigger, ids)}",
            fix=f"use one of {', '.join(ids)}",
            code="request.trigger",
        )


def chosen_trigger(role: Role, trigger: str | None) -> str | Trigger | None:
    """The one reason an interim mandate names: the one asked for, else the first."""
    if role.mandate is None:
        return None
    triggers = role.mandate.triggers
    return triggers[trigger] if trigger else next(iter(triggers.values()))


def with_trigger(role: Role, trigger: str | None) -> Role:
    """An interim role as its trigger makes it: the trigger's own duties lead their areas
    (at the role's own level, like the role's other additions)."""
    chosen = chosen_trigger(role, trigger)
    if not isinstance(chosen, Trigger) or not chosen.add:
        return role
    blocks = tuple(replace(rb, add=(*chosen.add.get(rb.id, ()), *rb.add)) for rb in role.blocks)
    return replace(role, blocks=blocks)


MIN_WRAP = 20


def check_wrap(wrap: int) -> None:
    """A plain-text line width jdgen can lay lines out in: 0 (not wrapped) or 20 and up."""
    if wrap != 0 and wrap < MIN_WRAP:
        raise JdgenError(
            f"wrap width {wrap} is too narrow for plain text",
            fix=f"use 0 for no wrapping, or a width of {MIN_WRAP} or more such as 80",
            code="request.wrap",
        )


def company_and_file(lib: Library, company: str | Company) -> tuple[Company, Path]:
    """A profile by name or path (loaded once, checked), or one a front end already has."""
    if isinstance(company, Company):
        return company, (company.origin.file if company.origin else Path("<memory>"))
    return company_with_file(lib, company)


def paper_for(lib: Library, company: Company) -> str:
    """Letter where the country uses it; A4 elsewhere, and for a profile without a country."""
    return "Letter" if company.country in lib.locales.letter_paper_countries else "A4"
