"""The facts a job description carries by its country's practice (job-facts.yaml): a US
one shows FLSA status (with the salary-basis test applied to the pay band), the EEO-1 job
category, the O*NET-SOC occupation, and physical demands and work environment as
essential functions; an EU one shows the working time and place of work."""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import roles_of

from jdgen.library.loader import known_companies, load_company
from jdgen.model.data import SalaryBand
from jdgen.service.generate import compose_role

US_FACTS = ("flsa", "eeo1", "onet_soc", "physical_demands", "work_environment")


def _us(lib):
    return [c for c in (load_company(lib, i) for i in sorted(known_companies(lib))) if c.country == "US"]


def test_every_us_job_description_shows_the_us_fields(lib):
    companies = _us(lib)
    assert companies
    for company in companies:
        for role_id in roles_of(lib, company):
            jd = compose_role(lib, role_id, company)
            facts = dict(jd.facts)
            contractor = lib.roles[role_id].covers and company.interim_engagement == "services"
            wanted = [k for k in US_FACTS if not (contractor and k == "eeo1")]  # EEO-1 counts employees
            assert [k for k in US_FACTS if k in facts] == wanted, (company.id, role_id)
            for key in ("physical_demands", "work_environment"):
                assert facts[key]
            assert "with or without reasonable accommodation" in facts["physical_demands"]
            onet = lib.roles[role_id].onet_soc
            assert facts["onet_soc"] == f"{onet.code} {onet.title}"
            assert re.fullmatch(r"\d{2}-\d{4}\.\d{2}", onet.code)


def test_an_advert_carries_none_of_them(lib, acme):
    facts = dict(compose_role(lib, "operations-manager", acme, template="posting").facts)
    assert not set(US_FACTS) & set(facts)


def test_flsa_status_applies_the_salary_basis_test_to_the_band(lib, acme):
    flsa = lib.job_facts.flsa
    manager = lib.level("manager")
    assert manager.id in flsa.exempt_levels
    band = acme.salary_bands["manager"]
    assert band.min >= flsa.salary_threshold
    assert dict(compose_role(lib, "operations-manager", acme).facts)["flsa"] == flsa.exempt
    low = dataclasses.replace(
        acme, salary_bands={**acme.salary_bands, "manager": SalaryBand(flsa.salary_threshold - 1, 40000)}
    )
    assert dict(compose_role(lib, "operations-manager", low).facts)["flsa"] == flsa.below_threshold
    none = dataclasses.replace(acme, salary_bands={})
    assert dict(compose_role(lib, "operations-manager", none).facts)["flsa"] == flsa.exempt_no_band
    coordinator = compose_role(lib, "operations-coordinator", acme)
    assert dict(coordinator.facts)["flsa"] == flsa.non_exempt  # the duties test: not an exempt level
    interim = compose_role(lib, "interim-coo", acme)  # a contract for services is not employment
    assert dict(interim.facts)["flsa"] == flsa.contractor


def test_the_federal_threshold_is_the_one_in_force_after_the_2024_rule_was_vacated(lib):
    """$684 a week (29 CFR 541.600), the level in force since the 2024 rule was vacated."""
    assert lib.job_facts.flsa.salary_threshold == 684 * 52


@pytest.mark.parametrize(
    ("role_id", "category"),
    [
        ("coo", "senior"),
        ("vp-operations", "senior"),  # within two reporting levels of the CEO (the HR reviews)
        ("operations-director", "managers"),
        ("operations-manager", "managers"),
        ("customer-service-manager", "managers"),  # a first-line supervisor (43-1011)
        ("business-operations-analyst", "13"),
        ("operations-coordinator", "43"),
    ],
)
def test_the_eeo1_category_follows_the_occupation_and_level(lib, acme, role_id, category):
    eeo1 = lib.job_facts.eeo1
    expected = eeo1.groups[category] if category.isdigit() else getattr(eeo1, category)
    assert dict(compose_role(lib, role_id, acme).facts)["eeo1"] == expected


def test_physical_demands_follow_the_role_and_industry(lib, acme):
    demands = lib.job_facts.physical_demands
    site = dict(compose_role(lib, "operations-manager", acme).facts)["physical_demands"]
    office = dict(compose_role(lib, "coo", acme).facts)["physical_demands"]
    assert site == demands.industries[acme.industry] and office == demands.office
    neutral = dataclasses.replace(acme, industry=None)
    assert dict(compose_role(lib, "operations-manager", neutral).facts)["physical_demands"] == demands.site


def test_an_eu_job_description_states_working_time_and_place_of_work(lib, nordwerk):
    """Directive (EU) 2019/1152: the place of work is the Location row, printed once (the
    review found "Location" and "Place of work" with the same value)."""
    assert nordwerk.country in lib.job_facts.working_time_countries and nordwerk.working_hours
    jd = compose_role(lib, "operations-manager", nordwerk)
    facts = dict(jd.facts)
    assert facts["working_time"] == nordwerk.working_hours["default"]
    assert jd.company.location and jd.company.location not in facts.values()
    coo = dict(compose_role(lib, "coo", nordwerk).facts)
    assert coo["working_time"] == nordwerk.working_hours["executive"]  # by level, as work_arrangement
    assert not set(US_FACTS) & set(facts)
    plain = dataclasses.replace(nordwerk, working_hours=None)
    assert "working_time" not in dict(compose_role(lib, "operations-manager", plain).facts)


def test_working_hours_the_profile_gives_are_never_dropped_but_a_contractor_keeps_its_own(lib, acme):
    """The trial: a UK employer's working_hours were silently ignored. A contract for
    services sets no working time, and EEO-1 counts employees only."""
    from jdgen.library.loader import load_company

    uk = dataclasses.replace(load_company(lib, "brightwater"), working_hours="37.5 hours a week")
    assert dict(compose_role(lib, "operations-manager", uk).facts)["working_time"] == "37.5 hours a week"
    interim = dict(
        compose_role(lib, "interim-coo", dataclasses.replace(acme, working_hours="40 hours")).facts
    )
    assert (
        "working_time" not in interim
        and "eeo1" not in interim
        and interim["flsa"].startswith("Not applicable")
    )


def test_an_eu_employer_without_working_hours_is_told_once(tmp_path, lib):
    from jdgen.library.loader import validate_company

    path = tmp_path / "co.yaml"
    path.write_text("name: Co\ncountry: FR\n", encoding="utf-8")
    (note,) = [d for d in validate_company(lib, path) if d.code == "company.working-hours"]
    assert note.severity == "info" and "working_hours" in note.fix


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_the_facts_are_printed_with_their_labels(lib, acme, fmt):
    from jdgen.library.labels import labels
    from jdgen.render import renderer

    jd = compose_role(lib, "operations-manager", acme)
    out = renderer(fmt)(jd)
    out = " ".join((out.decode() if isinstance(out, bytes) else out).split())  # txt wraps its lines
    words = labels(lib.sources).facts
    for key, value in jd.facts:
        assert words[key] in out and " ".join(value.split()[:3]) in out, key


@pytest.mark.parametrize("industry", ["financial-services", "professional-services", "software"])
def test_a_site_role_in_an_office_industry_is_not_sent_to_a_shop_floor(lib, acme, industry):
    """Issue 22's trial: a credit union's Operations Manager was told "Lifting up to 25
    pounds ... Safety gear is provided"."""
    company = dataclasses.replace(acme, industry=industry)
    facts = dict(compose_role(lib, "operations-manager", company).facts)
    words = (facts["physical_demands"] + " " + facts["work_environment"]).lower()
    assert "reasonable accommodation" in facts["physical_demands"]
    assert not any(w in words for w in ("lifting", "safety gear", "shop floor", "warehouse", "pounds"))


def test_the_neutral_site_wording_assumes_no_machines_and_a_single_site_no_travel(lib, acme):
    facts = dict(compose_role(lib, "operations-manager", dataclasses.replace(acme, industry=None)).facts)
    words = " ".join((facts["physical_demands"], facts["work_environment"]))
    assert not any(w in words.lower() for w in ("pounds", "safety gear", "machines", "sites"))
    one = dataclasses.replace(acme, sites=("Columbus plant",))
    office = dict(compose_role(lib, "coo", one).facts)
    assert "site" not in office["physical_demands"] + office["work_environment"]
    assert "sites" in dict(compose_role(lib, "coo", acme).facts)["physical_demands"]
