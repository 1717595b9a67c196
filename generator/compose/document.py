"""Compose one JobDescription from a resolved Request.

This is a pure function of its inputs: no file reads, no clock, no environment. Every
renderer reads the object it returns, so all formats carry the same content. The
object also lists, by source key, every library file it was made from (its
provenance), which the manifest's digests are computed from.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .. import __version__
from ..core.errors import LibraryError, did_you_mean
from ..library import english, wording
from ..library.industry import block_title, role_fits
from ..library.industry import text as text_of
from ..library.labels import labels
from ..library.loader import Library
from ..library.sources import LIBRARY_FILES
from ..model.data import (
    HIGHLIGHTS_PER_BLOCK,
    MAX_HIGHLIGHTS,
    MAX_HIGHLIGHTS_WITH_MANDATE,
    POSTING_MAX_QUALIFICATIONS,
    Company,
    CompanyInfo,
    Comparison,
    Compensation,
    Eeo1,
    Family,
    JobDescription,
    JobFactsFile,
    Level,
    MandateTerms,
    Meta,
    PostalAddress,
    Role,
    SalaryBand,
    ScopeOverride,
    Section,
    Site,
    Trigger,
)
from .opening import opening, same_place
from .pay import money_range
from .request import Request, chosen_trigger
from .selection import chosen
from .tailor import retitle, tailored
from .text import LibraryText, dedupe, industry_text, normal, statement_context

if TYPE_CHECKING:  # batch files only; not imported for a single document
    from ..model.batch import Overrides

MAX_KPIS = 5
MAX_COMPETENCIES = 4
MAX_QUALIFICATIONS = 4


def compose(lib: Library, request: Request) -> JobDescription:
    """Resolve everything a document needs into one immutable object."""
    role, level, company = request.role, request.level, request.company
    family = lib.families[role.family]
    is_default = request.own_level
    language = request.language
    spell = wording.words(lib, language)
    old_title = spell(_titles(lib, request)[0])
    posting = request.posting
    text = document_text(lib, request)
    title = text.context["role"]["title"]  # a posting's own title, else the role's
    reports_to = text.context["role"]["reports_to"]
    revised = request.dated
    locale = english.babel_locale(lib.locales, company.country or "", language)
    seen: set[str] = set()
    sections, added = _sections(lib, request, text, seen)
    interim = role.mandate is not None
    contractor = interim and company.interim_engagement == "services"  # paid by the day
    pay_key, band = pay_band(company, level, contractor, own=is_default and role.id)
    jd = JobDescription(
        title=title,
        family=spell(family.name),
        level=spell(level.label),
        summary=text.one(role.summary if is_default else level.summary),
        reports_to=reports_to,
        direct_reports=text.plain(role.direct_reports) if is_default else (),
        scope=_scope(level, role.scope if is_default else None, text),
        sections=sections,
        highlights=_highlights(role, sections, added, _lead(request)),
        kpis=dedupe(_own(text.items(role.kpis), is_default) + _block_kpis(lib, role, level, text), MAX_KPIS),
        qualifications=_qualifications(
            role, level, text, is_default, request.template, _removed_qualifications(posting)
        ),
        competencies=dedupe(_competencies(lib, role, level, is_default, text), MAX_COMPETENCIES),
        working_relationships=_relationships(lib, role, level, company, text) if is_default else (),
        comparisons=_comparisons(lib, role, text) if is_default else (),
        focus=text.one(role.focus) if is_default and role.focus else None,
        mandate=_mandate(role, request.trigger, text),
        compensation=_compensation(lib, company, band, locale, contractor),
        eeo=company.eeo or _equality(lib, company, text),
        company=_company_info(lib, company, role, level, interim=interim, tag=language),
        posting_summary=text.one(_own_or(role.posting_summary, level.posting_summary, is_default)),
        title_suffix=_title_suffix(lib, company) if request.template == "posting" else "",
        team=text.one(_own_or(role.team, level.team, is_default)),
        travel=text.one(_own_or(role.travel, _level_travel(level, company), is_default)),
        nice_to_have=tuple(
            dedupe(text.items(level.nice_to_have) + (text.items(role.nice_to_have) if is_default else []))
        ),
        occupation=str(role.onet_soc) if role.onet_soc else "",
        meta=Meta(
            role_id=role.id,
            role_title=role.title,
            level_id=level.id,
            company_id=company.id,
            country=company.country or "",
            template=request.template,
            paper=request.paper,
            language=language,
            revised=revised,
            generator=f"jdgen {__version__}",
            name=request.name,
            valid_through=_valid_through(revised, company.posting_valid_days),
            wrap=request.wrap,
            theme=request.branding,
            revised_text=english.long_date(revised, locale),
            pay_key=pay_key,
        ),
        sources=_provenance(lib, request),
    )
    jd = _apply_overrides(jd, request.overrides) if request.overrides else jd
    if posting is not None:
        jd = opening(lib, jd, posting, old_title, company.currency)
    jd = _with_sites(lib, request, jd)
    jd = _with_contract(lib, request, jd, contractor)
    return _with_country_facts(lib, request, jd, band, contractor)


def document_text(lib: Library, request: Request) -> LibraryText:
    """The library's text as the request's document words it: in its language (the
    company's English, or German), with what a statement may refer to ({{ role.title }},
    {{ family.noun }}, ...) filled in for this document. compose, `jdgen show` and the
    studio's editor word the library's statements through it."""
    company, posting = request.company, request.posting
    title, reports_to = _titles(lib, request)
    own_title = posting.title if posting and posting.title else None
    family = lib.families[request.role.family]
    context = statement_context(
        lib, company, family, request.level, title, reports_to, request.language, own_title
    )
    return LibraryText(lib, company, context, request.language)


def _titles(lib: Library, request: Request) -> tuple[str, str]:
    """The document's title (before a posting's own) and reporting line, as the library
    writes them: the context words them for the document (a reporting line may name the
    company's governing body, {{ company.board_title }})."""
    role, level, is_default = request.role, request.level, request.own_level
    family = lib.families[role.family]
    title = role.title if is_default else title_at(family, level)
    reports_to = (role.reports_to if is_default and role.reports_to else None) or reports_to_at(
        lib, family, level
    )
    return title, reports_to


def _title_suffix(lib: Library, company: Company) -> str:
    """The company's own form after a posting's title, else its country's practice."""
    if company.title_suffix is not None:
        return company.title_suffix
    return lib.locales.posting_title_suffix.get(company.country or "", "")


def _lead(request: Request) -> tuple[str, ...]:
    """The blocks a posting puts first (`blocks.order`)."""
    posting = request.posting
    return tuple(posting.blocks.order) if posting and posting.blocks else ()


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
    """Replace resolved fields with the batch file's values, which are never rendered; a
    new title reaches every sentence that named the old one, as a posting file's does."""
    if overrides.title:
        jd = retitle(jd, jd.title, overrides.title)
    changes = {
        name: getattr(overrides, name)
        for name in ("reports_to", "summary", "direct_reports")
        if getattr(overrides, name) is not None
    }
    if overrides.location:  # another site: the profile's postal address is not this one's
        address = jd.company.address if same_place(overrides.location, jd.company) else None
        changes["company"] = replace(jd.company, location=overrides.location, address=address)
    return replace(jd, **changes)


def title_at(family: Family, level: Level) -> str:
    """The family's title at a level, or the level's pattern filled with the family name."""
    return family.titles.get(level.id) or level.title_pattern.replace("{family}", family.name)


def reports_to_at(lib: Library, family: Family, level: Level) -> str:
    """The family's reporting line at a level, else the family's title one level up (at
    the top: the level's own, levels.yaml's board)."""
    if level.id in family.reports_to:
        return family.reports_to[level.id]
    ids = [lv.id for lv in lib.levels]
    above = ids.index(level.id) + 1
    return title_at(family, lib.levels[above]) if above < len(ids) else level.reports_to


def _own_or(own: str | None, level_text: str, is_default: bool) -> str:
    return own if is_default and own else level_text


def _scope(level: Level, own: ScopeOverride | None, text: LibraryText) -> tuple[tuple[str, str], ...]:
    """Scope, decision rights, budget and people: the level's, unless the role says. No
    years of experience: the requirements ask for depth (years screen by age)."""

    def choose(name: str, level_text: str) -> str:
        return text.one(getattr(own, name, None) or level_text)

    return (
        ("scope", choose("scope", level.scope)),
        ("decision_rights", choose("decision_rights", level.decision_rights)),
        ("budget", choose("budget_scope", level.budget_scope)),
        ("people", choose("people_scope", level.people_scope)),
    )


def _sections(lib, request: Request, text: LibraryText, seen) -> tuple[tuple[Section, ...], set[str]]:
    """The essential duties, grouped by area; with a workspace role's or a posting's
    changes, tailor.py applies them. Returns the sections and the texts the posting added
    itself. What does not fit stays in the block library."""
    role, level, posting = request.role, request.level, request.posting
    if role.statements or posting:
        selection, added = tailored(lib, request)
    else:
        selection = [
            (rb.title or block_title(lib.blocks[rb.id], text.industry), rb.id, [text_of(t) for t in items])
            for rb, items in chosen(lib, role, level, request.own_level, text.industry)
        ]
        added = set()
    sections = []
    for title, block_id, texts in selection:
        rendered = [t if getattr(t, "literal", False) else text.one(t) for t in texts]
        items = dedupe(rendered, seen=seen)
        if items:
            sections.append(Section(id=block_id, title=text.spell(title), items=tuple(items)))
    return tuple(sections), added


def _competencies(lib: Library, role: Role, level: Level, is_default: bool, text: LibraryText) -> list[str]:
    """The role's own first, then the level's, then the skills of its main areas."""
    own = _own(text.items(role.competencies), is_default)
    return own + text.items(level.competencies) + _from_high_blocks(lib, role, "skills", text)


def _mandate(role: Role, trigger: str | None, text: LibraryText) -> MandateTerms | None:
    """An interim mandate names one reason the role exists: the one asked for, else the first."""
    if role.mandate is None:
        return None
    m, chosen = role.mandate, chosen_trigger(role, trigger)
    own = chosen if isinstance(chosen, Trigger) else Trigger(chosen)
    return MandateTerms(
        length=text.spell(own.length or m.length),
        trigger=text.one(own.reason),
        success=tuple(text.one(t) for t in own.success or m.success),
        handover=tuple(text.one(t) for t in own.handover or m.handover),
    )


def _relationships(lib: Library, role: Role, level: Level, company: Company, text: LibraryText) -> tuple:
    """The role's own, and at the levels that deal with it the works council where the
    country's law gives it a say (governance.yaml); an interim mandate names it among
    its duties instead, where its changes need the council's consent."""
    council = None if role.covers else lib.works_council_relationship(company, level.id)
    return tuple(text.items(role.working_relationships)) + ((text.one(council),) if council else ())


def _level_travel(level: Level, company: Company) -> str:
    """A company with one site has no other sites to travel to."""
    return level.travel_one_site if _one_site(company) and level.travel_one_site else level.travel


def _one_site(company: Company) -> bool:
    """The profile lists its sites, and there is one."""
    return isinstance(company.sites, tuple) and len(company.sites) == 1


def _own(items, is_default: bool) -> list[str]:
    """A role's own lists describe it at its own level; elsewhere the level speaks."""
    return list(items) if is_default else []


def _highlights(
    role: Role, sections: tuple[Section, ...], added: set[str] = frozenset(), lead: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """A posting's "what you will do": the lead statements of the role's main areas (the
    blocks an opening puts first, `lead`, before the others). Statements an opening added
    itself are always among them."""
    emphasis = {rb.id: rb.emphasis for rb in role.blocks}

    def rank(section: Section) -> tuple[int, int]:
        first = lead.index(section.id) if section.id in lead else len(lead)
        return first, ("high", "medium", "low").index(emphasis[section.id])

    ranked = sorted(sections, key=rank)
    limit = MAX_HIGHLIGHTS_WITH_MANDATE if role.mandate else MAX_HIGHLIGHTS
    picked = [item for s in ranked for item in s.items[:HIGHLIGHTS_PER_BLOCK]]
    own = [item for s in ranked for item in s.items if item in added]
    rest = [item for item in picked if item not in own][: max(limit - len(own), 0)]
    return tuple(item for s in ranked for item in s.items if item in own or item in rest)


def _qualifications(
    role: Role, level: Level, text: LibraryText, is_default: bool, template: str, remove: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """Experience from the level first, then the role's own, less those a posting file
    removes (the next ones move up); a posting keeps the must-haves. A posting's own
    (`qualifications.add`) lead them (opening.py)."""
    texts = [text.one(t) for t in level.qualifications]
    if is_default:
        texts += text.items(role.qualifications)
    for item in remove:  # named as the document words them, case and punctuation aside
        if normal(item) not in {normal(t) for t in texts}:
            raise LibraryError(
                f"the posting removes the requirement '{item}', which this document does not list."
                + did_you_mean(str(item), texts),
                getattr(item, "file", None),
                getattr(item, "line", None),
                "copy the requirement as the document words it, or remove the line",
                "tailor.unknown-requirement",
            )
    gone = {normal(t) for t in remove}
    texts = [t for t in texts if normal(t) not in gone]
    limit = POSTING_MAX_QUALIFICATIONS if template == "posting" else MAX_QUALIFICATIONS
    return tuple(dedupe(texts, limit))


def _removed_qualifications(posting) -> tuple[str, ...]:
    return posting.qualifications.remove if posting and posting.qualifications else ()


def _from_high_blocks(lib: Library, role: Role, attribute: str, text: LibraryText) -> list[str]:
    return [
        item
        for rb in role.blocks
        if rb.emphasis == "high"
        for item in text.items(getattr(lib.blocks[rb.id], attribute))
    ]


def _block_kpis(lib: Library, role: Role, level: Level, text: LibraryText) -> list[str]:
    """Measures of the role's main areas, as the block words them for this level."""
    return [
        kpi
        for rb in role.blocks
        if rb.emphasis == "high"
        for kpi in text.items(lib.blocks[rb.id].kpis_by_level.get(level.id, lib.blocks[rb.id].kpis))
    ]


def _comparisons(lib: Library, role: Role, text: LibraryText) -> tuple[Comparison, ...]:
    """Neighbouring roles that exist in the company's industry, by what each is for (a
    company in words of its own is not told of roles only some industries have)."""
    return tuple(
        Comparison(title=text.spell(other.title), text=text.one(other.focus))
        for other in (lib.roles[i] for i in role.compare_with)
        if other.focus and role_fits(other, text.industry) and (text.industry or not other.industries)
    )


def pay_band(
    company: Company, level: Level, by_day: bool, own: str | bool = False
) -> tuple[str, SalaryBand | None]:
    """The profile key that pays a document, and its band (None when the profile has
    none): a contract for services' day rate (never an annual salary), else the role's own
    band at its own level (`own`: its id), else the level's pay band. Warnings name the
    key (JobDescription.meta.pay_key)."""
    if by_day:
        return f"day_rates.{level.id}", company.day_rates.get(level.id)
    if own and own in company.role_bands:
        return f"role_bands.{own}", company.role_bands[own]
    return f"salary_bands.{level.id}", company.salary_bands.get(level.id)


def _compensation(
    lib: Library, company: Company, band: SalaryBand | None, locale: str, by_day: bool
) -> Compensation | None:
    """The band as the locale writes it: by the day for a contract for services, else by the year."""
    if band is None or company.currency is None:
        return None
    return money_range(lib, company.currency, band.min, band.max, "day" if by_day else "year", locale)


def _equality(lib: Library, company: Company, text: LibraryText) -> str | None:
    """The library's statement in the terms of the company's country's law."""
    found = lib.equality_statement(company)
    return text.one(found.text) if found else None


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


def work_arrangement(company: Company, role: Role, level: Level) -> str | None:
    """The profile's work arrangement for this document: its one text, or the entry for
    the role, else for the level, else its `default` (a COO is not "office-based staff")."""
    return by_role(company.work_arrangement, role, level)


def by_role(given: str | dict | None, role: Role, level: Level) -> str | None:
    """A profile value given once or by role or level id with a `default`: the role's
    entry, else the level's, else the default."""
    if not isinstance(given, dict):
        return given
    return next((given[key] for key in (role.id, level.id, "default") if key in given), None)


def _company_info(
    lib: Library, company: Company, role: Role, level: Level, interim: bool, tag: str
) -> CompanyInfo:
    """The profile as the document shows it; a contract for services carries no employee
    benefits (fixed-term employment does)."""
    contractor = interim and company.interim_engagement == "services"
    return CompanyInfo(
        name=company.name,
        about=company.about,
        industry=industry_text(lib, company, tag),
        size=company.size,
        location=company.location,
        values=company.values,
        benefits=() if contractor else company.benefits,
        apply=company.apply,
        website=company.website,
        sites=company.sites if isinstance(company.sites, str) else None,  # a list: _with_sites
        work_arrangement=work_arrangement(company, role, level),
        interim_terms=company.interim_terms if interim else None,
        address=_address(company),
        employment_type=_employment_type(company, interim),
        remote_countries=company.remote_countries,
        direct_apply=company.direct_apply,
    )


def _employment_type(company: Company, interim: bool) -> tuple[str, ...]:
    """schema.org employmentType: an interim role is CONTRACTOR under a contract for
    services and TEMPORARY as fixed-term employment, whatever the company's employees are."""
    if interim:
        return ("CONTRACTOR",) if company.interim_engagement == "services" else ("TEMPORARY",)
    if isinstance(company.employment_type, str):
        return (company.employment_type,)
    return tuple(company.employment_type or ())


def _with_country_facts(lib: Library, request: Request, jd: JobDescription, band, contractor: bool):
    """A job description's facts its country's practice expects (job-facts.yaml): in the US
    FLSA status, EEO-1 category (employees only), O*NET-SOC occupation, physical demands
    and work environment; the working time the profile gives, wherever it is (the EU
    requires it; the place of work is the document's Location row). A contractor under a
    contract for services keeps its own hours. After a posting file's own rows; an advert
    carries none of them."""
    facts, company = lib.job_facts, request.company
    if facts is None or request.template != "jd":
        return jd
    rows: list[tuple[str, str]] = []
    spell = wording.words(lib, request.language)
    if company.country == "US":
        rows.append(("flsa", spell(_flsa(facts, company, request.level, band, contractor))))
        code = request.role.onet_soc
        category = _eeo1(facts.eeo1, code.code, request.level) if code and not contractor else None
        if category:
            rows.append(("eeo1", spell(category)))
        if code:
            rows.append(("onet_soc", jd.occupation))
        site = request.role.id in facts.site_roles
        for key in ("physical_demands", "work_environment"):
            demands = getattr(facts, key)
            office = (
                demands.office_one_site if _one_site(company) and demands.office_one_site else demands.office
            )
            text = demands.industries.get(company.industry or "", demands.site) if site else office
            rows.append((key, spell(text)))
    hours = by_role(company.working_hours, request.role, request.level)
    if hours and not contractor:
        rows.append(("working_time", hours))
    return replace(jd, facts=jd.facts + tuple(rows)) if rows else jd


def _with_contract(lib: Library, request: Request, jd: JobDescription, contractor: bool) -> JobDescription:
    """The profile's usual contract, where a posting file has not said this opening's: in
    an advert the kind of employment, the hours, permanent or fixed-term and the probation
    period (a German or EU advert states them); in a job description the last two (its
    working time is a country fact). Not for a contract for services, which has its own terms."""
    company = request.company
    if contractor:
        return jd
    words = labels(lib.sources, jd.meta.language).opening
    types = jd.company.employment_type
    rows = []
    if request.template == "posting":
        kind = words.employment.get(types[0]) if len(types) == 1 else None
        if kind:
            rows.append(("employment", kind))
        hours = by_role(company.working_hours, request.role, request.level)
        if hours:
            rows.append(("hours", hours))
    if company.contract_term:
        rows.append(("term", words.term[company.contract_term.replace("-", "_")]))
    if company.probation:
        rows.append(("probation", company.probation))
    given = {key for key, _ in jd.facts}
    rows = [(key, value) for key, value in rows if key not in given]
    return replace(jd, facts=jd.facts + tuple(rows)) if rows else jd


def _flsa(
    facts: JobFactsFile, company: Company, level: Level, band: SalaryBand | None, contractor: bool
) -> str:
    """Exempt only at a level whose duties are exempt and a band at or above the federal
    salary threshold (the salary-basis test); a contract for services is not employment."""
    flsa = facts.flsa
    if contractor:
        return flsa.contractor
    if level.id not in flsa.exempt_levels:
        return flsa.non_exempt
    if band is None or company.currency != "USD":
        return flsa.exempt_no_band
    return flsa.exempt if band.min >= flsa.salary_threshold else flsa.below_threshold


def _eeo1(eeo1: Eeo1, code: str, level: Level) -> str | None:
    """Managers (SOC 11-) and first-line supervisors (minor group xx-1000 of the major
    groups 33 to 53: 43-1011, 53-1041, ...) by level, others by their SOC major group
    (13-1023 Purchasing Agents are Professionals, not supervisors)."""
    group, minor = code[:2], code[3:5]
    if group == "11" or (minor == "10" and "33" <= group <= "53"):
        return eeo1.senior if level.id in eeo1.senior_levels else eeo1.managers
    return eeo1.groups.get(group)


def _with_sites(lib: Library, request: Request, jd: JobDescription) -> JobDescription:
    """A profile's sites as a list: a document with one site in its scope (job-facts.yaml's
    site levels and roles) names that site (the one at the document's location, else the
    head office, else the first) in its sites row and scope; above site level, every site.
    A profile's sites as one text is printed as written."""
    sites, facts = request.company.sites, lib.job_facts
    if not sites or isinstance(sites, str) or facts is None:
        return jd
    words = labels(lib.sources, jd.meta.language)
    listed = [Site(s) if isinstance(s, str) else s for s in sites]
    one = request.level.id in facts.site_levels or request.role.id in facts.one_site_roles
    if not one:
        every = "; ".join(_site_text(s, words.head_office) for s in listed)
        return replace(jd, company=replace(jd.company, sites=every))
    here = normal(jd.company.location or "")
    site = (
        next((s for s in listed if here and here in (normal(s.name), normal(s.location or ""))), None)
        or next((s for s in listed if s.head_office), None)
        or listed[0]
    )
    scope = tuple(
        (key, f"{value} {words.one_site.format(site=_site_text(site))}" if key == "scope" else value)
        for key, value in jd.scope
    )
    location = site.location if site.location and not request.overrides and not request.posting else None
    company = replace(jd.company, sites=_site_text(site), location=location or jd.company.location)
    return replace(jd, company=company, scope=scope)


def _site_text(site: Site, head_office: str = "") -> str:
    text = f"{site.name}, {site.location}" if site.location else site.name
    return f"{text} ({head_office})" if head_office and site.head_office else text
