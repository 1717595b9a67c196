"""Compose one JobDescription from a resolved Request.

This is a pure function of its inputs: no file reads, no clock, no environment. Every
renderer reads the object it returns, so all formats carry the same content. The
object also lists, by source key, every library file it was made from (its
provenance), which the manifest's digests are computed from.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from . import __version__
from .jinja import render_statement
from .library import Library
from .models import (
    EMPHASIS_LIMITS,
    HIGHLIGHTS_PER_BLOCK,
    MAX_HIGHLIGHTS,
    MAX_HIGHLIGHTS_WITH_MANDATE,
    POSTING_MAX_QUALIFICATIONS,
    Company,
    CompanyInfo,
    Comparison,
    Compensation,
    Family,
    JobDescription,
    Level,
    Meta,
    PostalAddress,
    Role,
    ScopeOverride,
    Section,
)
from .request import Request
from .sources import LIBRARY_FILES

if TYPE_CHECKING:  # batch files only; not imported for a single document
    from .batchmodels import Overrides

MAX_KPIS = 8
MAX_COMPETENCIES = 8


def compose(lib: Library, request: Request) -> JobDescription:
    """Resolve everything a document needs into one immutable object."""
    role, level, company = request.role, request.level, request.company
    family = lib.families[role.family]
    is_default = request.own_level
    title = role.title if is_default else title_at(family, level)
    reports_to = (role.reports_to if is_default and role.reports_to else None) or (
        reports_to_at(lib, family, level)
    )
    posting = request.posting
    old_title, title = title, (posting.title if posting and posting.title else title)
    context = _statement_context(company, family, level, title, reports_to)
    revised = request.revised or max(filter(None, [role.revised, company.revised]), default="")
    seen: set[str] = set()
    sections, added = _sections(lib, request, context, seen)
    jd = JobDescription(
        title=title,
        family=family.name,
        level=level.label,
        summary=render_statement(role.summary if is_default else level.summary, context),
        reports_to=reports_to,
        direct_reports=role.direct_reports if is_default else (),
        scope=_scope(level, role.scope if is_default else None, context),
        sections=sections,
        highlights=_highlights(role, sections, added),
        kpis=_dedupe(_own(role.kpis, is_default) + _block_kpis(lib, role, level), MAX_KPIS),
        qualifications=_qualifications(role, level, context, is_default, request.template),
        competencies=_dedupe(_competencies(lib, role, level, is_default), MAX_COMPETENCIES),
        working_relationships=role.working_relationships if is_default else (),
        comparisons=_comparisons(lib, role, level) if is_default else (),
        focus=role.focus if is_default else None,
        mandate=role.mandate,
        compensation=_compensation(lib, company, level),
        eeo=company.eeo,
        company=_company_info(company),
        meta=Meta(
            role_id=role.id,
            role_title=role.title,
            level_id=level.id,
            company_id=company.id,
            country=company.country or "",
            template=request.template,
            paper=request.paper,
            language="en",
            revised=revised,
            generator=f"jdgen {__version__}",
            name=request.name,
            valid_through=_valid_through(revised, company.posting_valid_days),
            wrap=request.wrap,
            theme=_branding(company, request.company_file),
        ),
        sources=_provenance(lib, request),
    )
    jd = _apply_overrides(jd, request.overrides) if request.overrides else jd
    if posting is None:
        return jd
    from .opening import opening  # a tailored opening only

    return opening(lib, jd, posting, old_title, company.currency)


def _branding(company: Company, company_file):
    if company.theme is None:
        return None
    from .theme import branding

    return branding(company, company_file)


def _provenance(lib: Library, request: Request) -> tuple[str, ...]:
    """The source keys of every library file this document reads."""
    role = request.role
    files = [lib.sources.key(request.company_file)]
    files += [f"library:{name}" for name in LIBRARY_FILES]
    files += [lib.sources.key(f) for f in lib.files_of(role)]
    if request.own_level:
        files += [lib.sources.key(lib.roles[other].origin.file) for other in role.compare_with]
    files += [lib.sources.key(f) for rb in role.blocks for f in lib.files_of(lib.blocks[rb.id])]
    if request.posting and request.posting.file:
        files.append(lib.sources.key(request.posting.file))
    return tuple(sorted(set(files)))


def _apply_overrides(jd: JobDescription, overrides: Overrides) -> JobDescription:
    """Replace resolved fields with the batch file's values, which are never rendered."""
    changes = {
        name: getattr(overrides, name)
        for name in ("title", "reports_to", "summary", "direct_reports")
        if getattr(overrides, name) is not None
    }
    if overrides.location:  # another site: the profile's postal address is not this one's
        changes["company"] = replace(jd.company, location=overrides.location, address=None)
    return replace(jd, **changes)


def title_at(family: Family, level: Level) -> str:
    """The family's title at a level, or the level's pattern filled with the family name."""
    return family.titles.get(level.id) or level.title_pattern.replace("{family}", family.name)


def reports_to_at(lib: Library, family: Family, level: Level) -> str:
    """The family's reporting line at a level, else the family's title one level up."""
    if level.id in family.reports_to:
        return family.reports_to[level.id]
    ids = [lv.id for lv in lib.levels]
    above = ids.index(level.id) + 1
    return title_at(family, lib.levels[above]) if above < len(ids) else "Board of Directors"


def _statement_context(company, family, level, title, reports_to) -> dict:
    """What a statement may refer to: plain values only, so nothing user-written is code.
    A profile key left out is not offered (a statement using it names the key)."""
    named = {"name": company.name, "industry": company.industry, "location": company.location}
    return {
        "company": {key: value for key, value in {**named, "size": company.size}.items() if value},
        "family": {"name": family.name, "noun": family.noun},
        "level": {"label": level.label, "experience_years": level.experience_years},
        "role": {"title": title, "reports_to": reports_to},
    }


def _scope(level: Level, own: ScopeOverride | None, context: dict) -> tuple[tuple[str, str], ...]:
    """Experience, scope, decision rights, budget and people: the level's, unless the role says."""

    def pick(name: str, level_text: str) -> str:
        return render_statement(getattr(own, name, None) or level_text, context)

    return (
        ("experience", f"{level.experience_years}+"),
        ("scope", pick("scope", level.scope)),
        ("decision_rights", pick("decision_rights", level.decision_rights)),
        ("budget", pick("budget_scope", level.budget_scope)),
        ("people", pick("people_scope", level.people_scope)),
    )


def _sections(lib, request: Request, context, seen) -> tuple[tuple[Section, ...], set[str]]:
    """Each block's statements for the role and level; with a workspace role's or a
    posting's changes, tailor.py applies them. Returns the sections and the texts the
    posting added itself."""
    role, level, posting = request.role, request.level, request.posting
    if role.statements or posting:
        from .tailor import tailored

        selection, added = tailored(lib, request, EMPHASIS_LIMITS)
    else:
        selection = [
            (rb.title or lib.blocks[rb.id].title, rb.id, _picked(lib, rb, level, request.own_level))
            for rb in role.blocks
        ]
        added = set()
    sections = []
    for title, block_id, texts in selection:
        rendered = [t if getattr(t, "literal", False) else render_statement(t, context) for t in texts]
        items = _dedupe(rendered, seen=seen)
        if items:
            sections.append(Section(id=block_id, title=title, items=tuple(items)))
    return tuple(sections), added


def _picked(lib, rb, level, with_additions: bool, limits: dict[str, int] = EMPHASIS_LIMITS) -> list:
    """A block's statements for a role at a level: the role's own first (at its own
    level), then the block's, up to the emphasis limit."""
    texts = list(lib.blocks[rb.id].statements[level.id][: limits[rb.emphasis]])
    if with_additions:
        texts = list(rb.add) + ([] if rb.replace else texts)
    return texts


def _competencies(lib: Library, role: Role, level: Level, is_default: bool) -> list[str]:
    """The role's own first, then the level's, then the skills of its main areas."""
    own = _own(role.competencies, is_default)
    return own + list(level.competencies) + _from_high_blocks(lib, role, "skills")


def _own(items: tuple[str, ...], is_default: bool) -> list[str]:
    """A role's own lists describe it at its own level; elsewhere the level speaks."""
    return list(items) if is_default else []


def _highlights(role: Role, sections: tuple[Section, ...], added: set[str] = frozenset()) -> tuple[str, ...]:
    """A posting's "what you will do": the lead statements of the role's main areas.
    Statements an opening added itself are always among them."""
    emphasis = {rb.id: rb.emphasis for rb in role.blocks}
    ranked = sorted(sections, key=lambda s: ("high", "medium", "low").index(emphasis[s.id]))
    limit = MAX_HIGHLIGHTS_WITH_MANDATE if role.mandate else MAX_HIGHLIGHTS
    picked = [item for s in ranked for item in s.items[:HIGHLIGHTS_PER_BLOCK]]
    own = [item for s in ranked for item in s.items if item in added]
    rest = [item for item in picked if item not in own][: max(limit - len(own), 0)]
    return tuple(item for s in ranked for item in s.items if item in own or item in rest)


def _qualifications(role: Role, level: Level, context, is_default: bool, template: str) -> tuple[str, ...]:
    """Experience from the level first, then the role's own; a posting keeps the first few."""
    texts = [render_statement(t, context) for t in level.qualifications]
    if is_default:
        texts += [render_statement(t, context) for t in role.qualifications]
    return tuple(_dedupe(texts, POSTING_MAX_QUALIFICATIONS if template == "posting" else None))


def _from_high_blocks(lib: Library, role: Role, attribute: str) -> list[str]:
    return [
        item for rb in role.blocks if rb.emphasis == "high" for item in getattr(lib.blocks[rb.id], attribute)
    ]


def _block_kpis(lib: Library, role: Role, level: Level) -> list[str]:
    """Measures of the role's main areas, as the block words them for this level."""
    return [
        kpi
        for rb in role.blocks
        if rb.emphasis == "high"
        for kpi in lib.blocks[rb.id].kpis_by_level.get(level.id, lib.blocks[rb.id].kpis)
    ]


def _comparisons(lib: Library, role: Role, level: Level) -> tuple[Comparison, ...]:
    return tuple(
        Comparison(title=other.title, text=other.focus)
        for other in (lib.roles[i] for i in role.compare_with)
        if other.focus
    )


def _compensation(lib: Library, company: Company, level: Level) -> Compensation | None:
    band = company.salary_bands.get(level.id)
    if band is None or company.currency is None:
        return None
    return money_range(lib, company.currency, band.min, band.max)


def money_range(lib: Library, currency: str, low: int, high: int, period: str = "year") -> Compensation:
    """A pay range in the currency's own format: "£90,000 – £110,000"."""
    fmt = lib.locales.currencies[currency]

    def money(amount: int) -> str:
        grouped = f"{amount:,}".replace(",", fmt.thousands)
        return fmt.pattern.replace("{amount}", grouped).replace("{symbol}", fmt.symbol)

    return Compensation(
        currency=currency, min=low, max=high, text=f"{money(low)} – {money(high)}", period=period
    )


def _valid_through(revised: str, days: int | None) -> str:
    """A posting's last day, counted from its revision date; none without both."""
    if not revised or not days:
        return ""
    return (date.fromisoformat(revised) + timedelta(days=days)).isoformat()


def _address(company: Company) -> PostalAddress | None:
    a = company.address
    if a is None:
        return None
    return PostalAddress(a.street, a.locality, a.postal_code, a.region, company.country)


def _company_info(company: Company) -> CompanyInfo:
    return CompanyInfo(
        name=company.name,
        about=company.about,
        industry=company.industry,
        size=company.size,
        location=company.location,
        values=company.values,
        benefits=company.benefits,
        apply=company.apply,
        website=company.website,
        address=_address(company),
        employment_type=(company.employment_type,)
        if isinstance(company.employment_type, str)
        else tuple(company.employment_type or ()),
        remote_countries=company.remote_countries,
        direct_apply=company.direct_apply,
    )


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _dedupe(items, limit: int | None = None, seen: set[str] | None = None) -> list:
    """Keep the first of any repeated text (case and punctuation ignored)."""
    seen = set() if seen is None else seen
    out = []
    for item in items:
        key = _normal(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out[:limit] if limit else out
