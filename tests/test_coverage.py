"""Seed coverage, held as data (responsibilities/coverage.yaml): every point the domain
notes make about the six seed roles is carried by named statements in the role's job
description at its own level, for every example company whose industry offers the role,
and the points marked for postings are among the posting's "What you will do". The
leadership documents carry the product's design blocks as sections of their own, every
direct report's area is covered by a duty of its manager, and the organisation adds up:
one owner of the operating budget, planning horizons that descend with the levels, risk
and quality where the notes put them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import roles_of

from jdgen.compose.request import with_trigger
from jdgen.compose.tailor import selection
from jdgen.library.industry import fits, role_fits
from jdgen.library.loader import known_companies, load_company, load_library
from jdgen.model.refs import block_refs
from jdgen.service.generate import Service

LIB = load_library()
COVERAGE = yaml.safe_load(
    (Path(__file__).parent.parent / "responsibilities" / "coverage.yaml").read_text("utf-8")
)
COMPANIES = sorted(known_companies(LIB))
SEEDS = (
    "coo",
    "interim-coo",
    "vp-operations",
    "operations-director",
    "head-of-operations",
    "operations-manager",
)


def _items_by_ref(role) -> dict:
    """{ref: library item} for every statement the role's blocks have at its own level,
    its own additions included (an item may be marked for some industries)."""
    out = {}
    for rb in role.blocks:
        block = LIB.blocks[rb.id]
        refs = block_refs(block.id, {**block.statements, "": rb.add})
        for level in (role.default_level, ""):
            out.update({ref: item for item, ref in refs[level].items()})
    return out


def _triggers(role_id: str) -> list:
    """An interim role's triggers (each makes its own document); [None] for the others."""
    mandate = LIB.roles[role_id].mandate
    return list(mandate.triggers) if mandate and mandate.triggers else [None]


def _document(role_id: str, company, template: str = "jd", trigger: str | None = None):
    """The composed document and its (ref -> rendered text) duties, in document order.
    compose renders the same selection `jdgen show --refs` lists, block by block."""
    service = Service(LIB)
    request = service.resolve(role_id, company, template=template, trigger=trigger)
    jd = service.compose(request)
    sections = {s.id: s for s in jd.sections}
    texts = {}
    for picked in selection(LIB, request):
        section = sections.get(picked.block)
        rendered = section.items if section else ()
        assert len(rendered) == len(picked.items), (
            f"{role_id}: a duty of {picked.block} was dropped as a repeat"
        )
        texts.update({ref: text for (ref, _), text in zip(picked.items, rendered, strict=True)})
    return jd, texts


def _cases():
    for company_id in COMPANIES:
        company = load_company(LIB, company_id)
        for role_id in SEEDS:
            if role_fits(LIB.roles[role_id], company.industry):
                yield company_id, role_id


def test_the_coverage_file_names_every_seed_role_and_only_known_refs():
    assert set(COVERAGE["roles"]) == set(SEEDS) == set(COVERAGE["summary"])
    for role_id, points in COVERAGE["roles"].items():
        role = LIB.roles[role_id]
        known = {}
        for trigger in _triggers(role_id):
            known.update(_items_by_ref(with_trigger(role, trigger)))
        assert points, role_id
        for point in points:
            assert point["point"] and point["refs"], (role_id, point)
            assert point.get("trigger") in (None, *_triggers(role_id)), (role_id, point)
            unknown = [ref for ref in point["refs"] if ref not in known]
            assert not unknown, f"{role_id}: '{point['point']}' names unknown refs {unknown}"
    for manager, reports in COVERAGE["organisation"].items():
        known = _items_by_ref(LIB.roles[manager])
        for report, refs in reports.items():
            assert report in LIB.roles, report
            assert all(ref in known for ref in refs), (manager, report, refs)


@pytest.mark.parametrize(("company_id", "role_id"), list(_cases()))
def test_every_point_of_the_notes_is_in_the_job_description_and_posting(company_id, role_id):
    """An interim role once per trigger: the shared points and that trigger's own."""
    company = load_company(LIB, company_id)
    for trigger in _triggers(role_id):
        where = f"{company_id}/{role_id}" + (f"/{trigger}" if trigger else "")
        items = _items_by_ref(with_trigger(LIB.roles[role_id], trigger))
        jd, duties = _document(role_id, company, trigger=trigger)
        for phrase in COVERAGE["summary"][role_id]:
            assert phrase in jd.summary.lower(), f"{where}: the summary does not say '{phrase}'"
        posting, posted = _document(role_id, company, "posting", trigger)
        highlights = set(posting.highlights)
        for point in COVERAGE["roles"][role_id]:
            if point.get("trigger", trigger) != trigger:
                continue
            applicable = [ref for ref in point["refs"] if fits(items[ref], company.industry)]
            assert applicable, f"{where}: no statement fits the industry for '{point['point']}'"
            missing = [ref for ref in applicable if ref not in duties]
            assert not missing, f"{where}: '{point['point']}' lost {missing}"
            if point.get("posting"):
                assert any(posted.get(ref) in highlights for ref in applicable), (
                    f"{where} posting: '{point['point']}' is not among what you will do"
                )


@pytest.mark.parametrize("company_id", COMPANIES)
def test_leadership_documents_carry_the_design_blocks_as_sections(company_id):
    company = load_company(LIB, company_id)
    areas = set(COVERAGE["design_blocks"]["areas"])
    for role_id, at_least in COVERAGE["design_blocks"]["at_least"].items():
        jd, _ = _document(role_id, company)
        own = areas & {s.id for s in jd.sections}
        assert len(own) >= at_least, f"{company_id}/{role_id}: only {sorted(own)}"


@pytest.mark.parametrize("company_id", COMPANIES)
def test_every_direct_reports_area_is_a_duty_of_its_manager(company_id):
    """Wherever a manager and a direct report both exist, the report's area is one of the
    manager's duties; and every seed role's catalogued direct reports are listed."""
    company = load_company(LIB, company_id)
    present = set(roles_of(LIB, company))
    docs = {r: _document(r, company) for r in COVERAGE["organisation"] if r in present}
    by_title = {LIB.roles[r].title: r for r in present}

    def catalogued(title):  # a role's title, or a group of it ("Plant Managers")
        return by_title.get(title) or (by_title.get(title[:-1]) if title.endswith("s") else None)

    for manager, (jd, duties) in docs.items():
        reports = {catalogued(t) for t in jd.direct_reports} - {None}
        assert reports <= set(COVERAGE["organisation"][manager]), f"{manager}: {reports} not in coverage.yaml"
        items = _items_by_ref(LIB.roles[manager])
        for report in reports:
            refs = [r for r in COVERAGE["organisation"][manager][report] if fits(items[r], company.industry)]
            assert refs and all(r in duties for r in refs), (
                f"{company_id}: {manager} has no duty for {report}"
            )


# How far ahead a text looks: the longest horizon it names (3: three to five years;
# 2: one to three years; 1: this year and next, the quarter; 0: day to day).
HORIZONS = (
    (3, r"three[- ]to[- ]five[- ]years?|long[- ]term"),
    (2, r"one[- ]to[- ]three[- ]years?|medium[- ]term"),
    (1, r"this year|next year|coming (?:year|quarter)|this quarter|near[- ]term|yearly|annual"),
)
CHAIN = ("coo", "vp-operations", "operations-director", "operations-manager")


def _horizon(jd) -> int:
    text = " ".join([jd.summary, *(i for s in jd.sections for i in s.items)]).lower()
    return max((rank for rank, pattern in HORIZONS if re.search(pattern, text)), default=0)


@pytest.mark.parametrize("company_id", COMPANIES)
def test_the_organisation_adds_up(company_id):
    """One owner of the operating budget (the COO; the others manage what is delegated to
    them); planning horizons descend down the reporting line; risk sits with the COO, the
    VP, the Director and the Head; quality control with the Head, who manages the Quality
    Manager, and common quality standards with the VP.

    The Head of Operations is no link in the chain COO - VP - Director - Manager: it is the
    other shape of the organisation, the top operations role where there is no VP and
    Director. It reports to the COO as the VP does, runs today's operations end to end
    (the sites through their managers, the supply chain, quality control) and looks no
    further ahead than this year, where the VP looks one to three years out."""
    company = load_company(LIB, company_id)
    docs = {r: _document(r, company)[0] for r in (*CHAIN, "head-of-operations")}
    budgets = {r: dict(jd.scope)["budget"] for r, jd in docs.items()}
    owners = [r for r, row in budgets.items() if re.match(r"Owns\b", row)]
    assert owners == ["coo"], budgets
    assert len(set(budgets.values())) == len(budgets), "two roles share a budget row"
    horizons = [_horizon(docs[r]) for r in CHAIN]
    assert horizons[:3] == [3, 2, 1] and horizons[3] <= 1, dict(zip(CHAIN, horizons, strict=True))
    assert _horizon(docs["head-of-operations"]) == 1
    for role_id in ("coo", "vp-operations", "operations-director", "head-of-operations"):
        assert "risk" in {s.id for s in docs[role_id].sections}, role_id
    head, vp, director = docs["head-of-operations"], docs["vp-operations"], docs["operations-director"]
    assert "Quality Manager" in head.direct_reports and "quality" in {s.id for s in head.sections}
    assert "Quality Manager" not in director.direct_reports
    assert "quality" in {s.id for s in vp.sections}
    # the alternative top operations role, not a link in the VP's chain
    assert head.reports_to == vp.reports_to == docs["coo"].title
    assert head.title not in (*vp.direct_reports, *director.direct_reports)
    assert not {vp.title, director.title} & set(head.direct_reports)
    assert "end to end" in dict(head.scope)["scope"] and "every site" in dict(head.scope)["scope"]
    assert {"daily-operations", "supply-chain", "quality"} <= {s.id for s in head.sections}


@pytest.mark.parametrize("company_id", COMPANIES)
def test_each_interim_trigger_gives_its_own_reason_and_priority(company_id):
    """Until the mandate's duties can vary by trigger (docs/content-code-needs.md), each
    trigger's paragraph names its own priority; the wording never calls the engagement
    employment."""
    company = load_company(LIB, company_id)
    service = Service(LIB)
    reasons = []
    for trigger in LIB.roles["interim-coo"].mandate.triggers:
        for template in ("jd", "posting"):
            jd = service.compose(service.resolve("interim-coo", company, template=template, trigger=trigger))
            assert "priority" in jd.mandate.trigger, trigger
            words = " ".join([jd.summary, jd.posting_summary]).lower()
            assert "employment" not in words and "employee" not in words, trigger
        reasons.append(jd.mandate.trigger)
    assert len(set(reasons)) == len(reasons) == 4
