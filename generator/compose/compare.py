"""Roles side by side (`jdgen compare`) and a job family's ladder (`jdgen ladder`).

Both are composed once, as pure functions of the library and a resolved
`CompareRequest`, from the roles' own composed JobDescriptions (compose.py is reused,
not re-implemented), into one `RoleComparison` that every renderer reads: a column per
role (or per step of the ladder), a row per dimension, and the differences between
neighbouring columns worked out here, once. Wording lives in templates/labels.yaml;
the summary's sentences are assembled from it by render/table.py.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import field
from pathlib import Path
from typing import Literal

from .. import __version__
from ..core.errors import JdgenError
from ..core.files import SAFE_PART, check_name
from ..core.record import record
from ..library import wording
from ..library.loader import Library
from ..model.data import Company, CompanyInfo, JobDescription
from ..model.formats import DEFAULT_FORMATS
from .document import compose
from .request import Destination, Request, company_and_file, paper_for, resolve
from .text import dedupe, normal

MIN_ROLES, MAX_ROLES = 2, 6
AREA_LINES = 2  # a role's defining lines per responsibility area
KPI_LINES = 5
VERB_LINES = 8  # ladder: verbs new at a step
LANDSCAPE_ABOVE = 3  # more columns than this: landscape pages


# --- the resolved request -------------------------------------------------------


@record(frozen=True)
class CompareRequest(Destination):
    """2 to 6 resolved role requests (or a family's steps), and where the document goes."""

    kind: Literal["compare", "ladder"]
    requests: tuple[Request, ...]
    company: Company
    company_file: Path
    formats: tuple[str, ...]
    paper: str
    out: Path
    name: str
    family: str | None = None  # ladder: the family id
    revised: str | None = None

    renders_with = "render_table"  # the entry point each format module offers for this object

    def identity(self, company_key: str) -> str:
        return json.dumps(
            {
                "kind": self.kind,
                "columns": [[r.role.id, r.level.id] for r in self.requests],
                "family": self.family,
                "company": company_key,
                "paper": self.paper,
                "revised": self.revised,
                "name": self.name,
            },
            sort_keys=True,
        )

    def compose(self, lib: Library) -> RoleComparison:
        return compose_comparison(lib, self) if self.kind == "compare" else compose_ladder(lib, self)


def resolve_comparison(
    lib: Library,
    roles: tuple[str, ...] | list[str],
    company: str | Company,
    *,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    paper: str | None = None,
    out: Path | str = "output",
    revised: str | None = None,
    name: str | None = None,
    language: str | None = None,
    workspace_language: str | None = None,
) -> CompareRequest:
    """`ROLE` or `ROLE@LEVEL` names, looked up once; every bad input is one JdgenError."""
    if len(roles) < MIN_ROLES:
        raise JdgenError(
            f"compare needs at least {MIN_ROLES} roles, got {len(roles)}",
            fix="name 2 to 6 roles, for example: jdgen compare coo vp-operations",
            code="compare.too-few",
        )
    if len(roles) > MAX_ROLES:
        raise JdgenError(
            f"compare takes at most {MAX_ROLES} roles, got {len(roles)}: the table would not fit a page",
            fix="split the roles over two comparisons",
            code="compare.too-many",
        )
    profile, file = company_and_file(lib, company)
    requests: list[Request] = []
    for text in roles:
        role_name, _, level = str(text).partition("@")
        request = resolve(
            lib,
            role_name,
            profile,
            level=level or None,
            paper=paper,
            revised=revised,
            formats=("json",),
            language=language,
            workspace_language=workspace_language,
        )
        twin = next(
            (r for r in requests if (r.role.id, r.level.id) == (request.role.id, request.level.id)), None
        )
        if twin is not None:
            raise JdgenError(
                f"'{text}' is named twice ({request.role.title}, {request.level.label}): "
                "comparing a role with itself shows no difference",
                fix="name different roles, or the same role at another level with ROLE@LEVEL",
                code="compare.same-role",
            )
        requests.append(request)
    _check_related(requests)
    stem = check_name(name) if name else _stem("compare", [r.name for r in requests])
    return CompareRequest(
        kind="compare",
        requests=tuple(requests),
        company=profile,
        company_file=file,
        formats=tuple(formats),
        paper=paper or paper_for(lib, profile),
        out=Path(out),
        name=stem,
        revised=revised,
    )


def resolve_ladder(
    lib: Library,
    family: str,
    company: str | Company,
    *,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    paper: str | None = None,
    out: Path | str = "output",
    revised: str | None = None,
    name: str | None = None,
    language: str | None = None,
    workspace_language: str | None = None,
) -> CompareRequest:
    """A family's steps, lowest level first: at each level the family's own role there
    (a permanent one before an interim), else its nearest role composed at that level."""
    found = lib.family(family)
    profile, file = company_and_file(lib, company)
    roles = sorted(
        (r for r in lib.roles.values() if r.family == found.id), key=lambda r: (r.mandate is not None, r.id)
    )
    if not roles:
        raise JdgenError(
            f"job family '{found.id}' has no roles in the library, so it has no ladder to show",
            fix="add a role with `family: " + found.id + "`, or see 'jdgen list roles'",
            code="ladder.empty",
        )
    ranks = {lv.id: i for i, lv in enumerate(lib.levels)}
    requests = []
    for i, level in enumerate(lib.levels):
        role = min(roles, key=lambda r: (abs(ranks[r.default_level] - i), -ranks[r.default_level]))
        requests.append(
            resolve(
                lib,
                role,
                profile,
                level=level.id,
                paper=paper,
                revised=revised,
                language=language,
                workspace_language=workspace_language,
            )
        )
    return CompareRequest(
        kind="ladder",
        requests=tuple(requests),
        company=profile,
        company_file=file,
        formats=tuple(formats),
        paper=paper or paper_for(lib, profile),
        out=Path(out),
        name=check_name(name) if name else _stem("ladder", [found.id]),
        family=found.id,
        revised=revised,
    )


def _check_related(requests: list[Request]) -> None:
    """A role from a family none of the others belongs to must share at least one
    responsibility area with one of them, or the table would have nothing in common."""
    for request in requests:
        others = [r for r in requests if r is not request]
        if any(r.role.family == request.role.family for r in others):
            continue
        areas = {b.id for b in request.role.blocks}
        if not any(areas & {b.id for b in r.role.blocks} for r in others):
            names = ", ".join(f"{r.role.title} ({r.role.family})" for r in others)
            raise JdgenError(
                f"{request.role.title} ({request.role.family}) shares no job family and no "
                f"responsibility area with {names}: there is nothing to compare",
                fix="compare roles from the same or related job families (see 'jdgen list roles')",
                code="compare.unrelated",
            )


def _stem(prefix: str, parts: list[str]) -> str:
    """compare-coo-vp-operations; a name too long for a portable file name keeps its
    start and ends in a short digest of the whole, so it stays unique and stable."""
    stem = "-".join([prefix, *parts])
    if SAFE_PART.fullmatch(stem):
        return stem
    digest = hashlib.sha256(stem.encode()).hexdigest()[:8]
    head = stem[:54].rstrip("-")
    return f"{head}-{digest}"


# --- the composed comparison -----------------------------------------------------


@record(frozen=True)
class Column:
    role_id: str
    level_id: str
    title: str
    level: str  # the level's label


@record(frozen=True)
class Line:
    text: str
    only: bool = False  # no other column has this line: what only this role does


@record(frozen=True)
class Cell:
    lines: tuple[Line, ...]
    same: bool = False  # says what the column to its left says: shown once, not repeated
    only: bool = False  # an area no other column covers


@record(frozen=True)
class Row:
    key: str  # labels.table.rows.<key>, or "area" (then `title` is the area's own title)
    cells: tuple[Cell, ...]
    title: str | None = None


@record(frozen=True)
class Group:
    key: str  # labels.table.groups.<key>
    rows: tuple[Row, ...]


@record(frozen=True)
class Profile:
    """What one column's role is for (the summary's first lines), from its own data."""

    title: str
    level: str  # the level's label
    reports_to: str
    direct_reports: int  # how many roles report to it (its span)
    horizon: str  # a sentence
    focus: str  # a sentence, or "" when the role states none


@record(frozen=True)
class Step:
    """What changes from one column to the next (the summary's sentences)."""

    before: str
    after: str
    level: str  # the level label of `after`
    before_level: str  # the level label of `before`
    # up/down: the level and the reporting lines agree (or the lines say nothing);
    # "level": they disagree, so the summary names the two levels and makes no judgement
    direction: Literal["up", "down", "same", "level"]
    reports_to: str | None  # set when it changes
    experience: str | None  # set when it changes ("12+")
    adds: tuple[
        str, ...
    ]  # areas (by block, named as the table names them) `after` covers and `before` does not
    drops: tuple[str, ...]


@record(frozen=True)
class RoleComparison:
    kind: Literal["compare", "ladder"]
    family: str | None  # ladder: the family's name
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    profiles: tuple[Profile, ...]
    steps: tuple[Step, ...]
    company: CompanyInfo
    paper: str
    revised: str
    generator: str
    language: str = "en"
    sources: tuple[str, ...] = field(default=(), compare=False)  # provenance, never rendered
    revised_text: str = ""  # the revision date as the roles' own documents write it (Babel)

    @property
    def landscape(self) -> bool:
        return len(self.columns) > LANDSCAPE_ABOVE

    def to_dict(self) -> dict:
        from dataclasses import asdict

        data = asdict(self)
        del data["sources"]
        data["landscape"] = self.landscape
        return data


def compose_comparison(lib: Library, request: CompareRequest) -> RoleComparison:
    """The roles' own documents, composed as they would be alone, set side by side."""
    jds = [compose(lib, r) for r in request.requests]
    own = [_own_lines(lib, r, jd) for r, jd in zip(request.requests, jds, strict=True)]
    groups = (
        Group(
            "role",
            _fact_rows(lib, request, jds, ("reports_to", "direct_reports", "horizon", "focus", "experience")),
        ),
        Group("scope", _fact_rows(lib, request, jds, ("people", "budget", "decision_rights", "scope"))),
        Group("areas", _area_rows(jds, own)),
        Group("measures", (_list_row("kpis", [jd.kpis[:KPI_LINES] for jd in jds], mark_only=False),)),
    )
    return _assemble(lib, request, jds, groups)


def compose_ladder(lib: Library, request: CompareRequest) -> RoleComparison:
    """Each step of the family beside the one below it: what is new or changes (the
    areas each step adds or leaves are in the summary's sentences)."""
    jds = [compose(lib, r) for r in request.requests]
    levels = [r.level for r in request.requests]
    words = wording.words(lib, jds[0].meta.language)
    verbs = _new_at_each_step([[words(v) for v in lv.verbs] for lv in levels], VERB_LINES, joined=True)
    kpis = _new_at_each_step([jd.kpis for jd in jds], KPI_LINES)
    groups = (
        Group("role", _fact_rows(lib, request, jds, ("reports_to", "horizon", "experience"))),
        Group("scope", _fact_rows(lib, request, jds, ("people", "budget", "decision_rights", "scope"))),
        Group(
            "new",
            (_list_row("verbs", verbs, mark_only=False), _list_row("new_kpis", kpis, mark_only=False)),
        ),
    )
    family = wording.words(lib, jds[0].meta.language)(lib.families[request.family].name)
    return _assemble(lib, request, jds, groups, family=family)


def _assemble(lib, request: CompareRequest, jds, groups, family=None) -> RoleComparison:
    columns = tuple(
        Column(r.role.id, r.level.id, jd.title, jd.level) for r, jd in zip(request.requests, jds, strict=True)
    )
    revised = request.revised or max((jd.meta.revised for jd in jds), default="")
    revised_text = next((jd.meta.revised_text for jd in jds if jd.meta.revised == revised), "")
    return RoleComparison(
        kind=request.kind,
        family=family,
        columns=columns,
        groups=groups,
        profiles=tuple(
            _profile(r, jd, wording.words(lib, jd.meta.language))
            for r, jd in zip(request.requests, jds, strict=True)
        ),
        steps=_steps(lib, request, jds),
        company=jds[0].company,
        paper=request.paper,
        revised=revised,
        revised_text=revised_text,
        generator=f"jdgen {__version__}",
        language=jds[0].meta.language,
        sources=tuple(sorted({key for jd in jds for key in jd.sources})),
    )


def _profile(request: Request, jd: JobDescription, words) -> Profile:
    return Profile(
        title=jd.title,
        level=jd.level,
        reports_to=jd.reports_to,
        direct_reports=len(jd.direct_reports),
        horizon=_sentence(words(_horizon(request))),
        focus=_sentence(jd.focus or ""),
    )


def _horizon(request: Request) -> str:
    own = request.role.horizon if request.own_level else None
    return own or request.level.horizon


def _fact(request: Request, jd: JobDescription, key: str, words) -> tuple[str, ...]:
    scope = dict(jd.scope)
    value = {
        "level": jd.level,
        "reports_to": jd.reports_to,
        "direct_reports": ", ".join(jd.direct_reports),
        "horizon": words(_horizon(request)),
        "focus": _sentence(jd.focus or ""),
        "experience": _experience(request),
        **scope,
    }[key]
    return (value,) if value else ()


def _experience(request) -> str:
    """A level's typical years, for comparing levels side by side: an HR view of the
    ladder, never a requirement in a document (those ask for depth of experience)."""
    return f"{request.level.experience_years}+"


def _sentence(text: str) -> str:
    """A role's focus ('acts as the CEO's deputy ...') as a sentence of its own."""
    text = text.strip()
    return f"{text[0].upper()}{text[1:]}{'' if text.endswith('.') else '.'}" if text else ""


def _fact_rows(lib, request: CompareRequest, jds, keys) -> tuple[Row, ...]:
    words = wording.words(lib, jds[0].meta.language)
    return tuple(
        _row(
            key,
            [_fact(r, jd, key, words) for r, jd in zip(request.requests, jds, strict=True)],
            mark_only=False,
        )
        for key in keys
    )


def _own_lines(lib: Library, request: Request, jd: JobDescription) -> set[str]:
    """The role's own statements (its `add` lines), which lead its sections at its own level."""
    if not request.own_level:
        return set()
    added = {rb.id: len(rb.add) for rb in request.role.blocks}
    return {normal(item) for s in jd.sections for item in s.items[: added.get(s.id, 0)]}


def _area_titles(jds: list[JobDescription]) -> dict[str, str]:
    """Every area (block id) any role covers, in the order the roles list them (the
    leftmost role's first), with the title the leftmost role gives it: the one name the
    table's rows and the summary's sentences use."""
    titles: dict[str, str] = {}
    for jd in jds:
        for s in jd.sections:
            titles.setdefault(s.id, s.title)
    return titles


def _area_rows(jds: list[JobDescription], own: list[set[str]]) -> tuple[Row, ...]:
    """One row per responsibility area any role covers, in the order the roles list them
    (the leftmost role's first); each cell the role's leading lines there."""
    rows = []
    for area, title in _area_titles(jds).items():
        texts = [next((s.items[:AREA_LINES] for s in jd.sections if s.id == area), ()) for jd in jds]
        covered = sum(bool(t) for t in texts)
        cells = []
        for i, lines in enumerate(texts):
            others = {normal(t) for j, other in enumerate(texts) if j != i for t in other}
            cells.append(
                Cell(
                    tuple(Line(t, normal(t) in own[i] and normal(t) not in others) for t in lines),
                    same=i > 0 and bool(lines) and lines == texts[i - 1],
                    only=bool(lines) and covered == 1 and len(jds) > 1,
                )
            )
        rows.append(Row("area", tuple(cells), title))
    return tuple(rows)


def _list_row(key: str, values, mark_only: bool) -> Row:
    return _row(key, [tuple(v) for v in values], mark_only)


def _row(key: str, values: list[tuple[str, ...]], mark_only: bool) -> Row:
    cells = []
    for i, lines in enumerate(values):
        others = {normal(t) for j, other in enumerate(values) if j != i for t in other}
        cells.append(
            Cell(
                tuple(Line(t, mark_only and normal(t) not in others) for t in lines),
                same=i > 0 and bool(lines) and lines == values[i - 1],
            )
        )
    return Row(key, tuple(cells))


def _new_at_each_step(lists, limit: int | None, joined: bool = False) -> list[tuple[str, ...]]:
    """What each step has that no step below it has (all of the first step's)."""
    out = []
    below: set[str] = set()
    for items in lists:
        new = [t for t in dedupe(list(items)) if normal(t) not in below][:limit]
        below |= {normal(t) for t in items}
        out.append((", ".join(new),) if joined and new else tuple(new))
    return out


def _steps(lib: Library, request: CompareRequest, jds: list[JobDescription]) -> tuple[Step, ...]:
    ranks = {lv.id: i for i, lv in enumerate(lib.levels)}
    managers = _title_ranks(lib, request, jds)
    steps = []
    titles = _area_titles(jds)  # an area is its block, named as the table's row names it
    pairs = list(zip(request.requests, jds, strict=True))
    for (r0, a), (r1, b) in zip(pairs, pairs[1:], strict=False):
        move = ranks[r1.level.id] - ranks[r0.level.id]
        m0, m1 = managers.get(normal(a.reports_to)), managers.get(normal(b.reports_to))
        lines = 0 if m0 is None or m1 is None else m1 - m0  # whose manager sits higher
        direction = "up" if move > 0 else "down" if move < 0 else "same"
        if move * lines < 0:  # a lower level under a higher manager, or the reverse
            direction = "level"
        areas0 = [s.id for s in a.sections]
        areas1 = [s.id for s in b.sections]
        exp0, exp1 = _experience(r0), _experience(r1)
        steps.append(
            Step(
                before=a.title,
                after=b.title,
                level=b.level,
                before_level=a.level,
                direction=direction,
                reports_to=b.reports_to if b.reports_to != a.reports_to else None,
                experience=exp1 if exp1 != exp0 else None,
                adds=tuple(titles[i] for i in areas1 if i not in areas0),
                drops=tuple(titles[i] for i in areas0 if i not in areas1),
            )
        )
    return tuple(steps)


def _title_ranks(lib: Library, request: CompareRequest, jds: list[JobDescription]) -> dict[str, int]:
    """The level rank of every title a reporting line may name: the columns' own, the
    library roles' at their own level, and the families' titles per level. A title the
    library does not know has no rank, and its reporting line says nothing about seniority."""
    ranks = {lv.id: i for i, lv in enumerate(lib.levels)}
    words = wording.words(lib, jds[0].meta.language)  # the titles as the documents word them
    known: dict[str, int] = {}
    for family in sorted(lib.families.values(), key=lambda f: f.id):
        for level, name in family.titles.items():
            if level in ranks:
                known.setdefault(normal(words(name)), ranks[level])
    for role in sorted(lib.roles.values(), key=lambda r: r.id):
        if role.default_level in ranks:
            known[normal(words(role.title))] = ranks[role.default_level]
    for r, jd in zip(request.requests, jds, strict=True):
        known[normal(jd.title)] = ranks[r.level.id]
    return known
