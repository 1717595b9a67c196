"""Composition: one pure step from (role, level, company, options) to a JobDescription."""

from __future__ import annotations

import dataclasses

import pytest

from jdgen.compose.document import document_text
from jdgen.compose.selection import duty_quotas
from jdgen.core.errors import NotFoundError
from jdgen.model.data import MAX_HIGHLIGHTS
from jdgen.service.generate import Service, compose_role


def test_default_level_uses_role_title_and_reporting_line(coo_jd):
    assert coo_jd.title == "Chief Operating Officer"
    assert coo_jd.reports_to == "Chief Executive Officer"
    assert coo_jd.level == "Executive"
    assert coo_jd.meta.level_id == "executive"


@pytest.mark.parametrize(
    ("level", "title"),
    [
        ("manager", "Operations Manager"),
        ("director", "Operations Director"),
        ("vp", "VP of Operations"),
        ("executive", "Chief Operating Officer"),
    ],
)
def test_level_changes_title_and_scope_coherently(lib, acme, level, title):
    jd = compose_role(lib, "operations-manager", acme, level=level)
    lv = lib.level(level)
    assert jd.title == title
    assert "experience" not in dict(jd.scope)  # no years in a document: an age screen (AGG)
    assert dict(jd.scope)["budget"] == lv.budget_scope.replace("{{ role.reports_to }}", jd.reports_to)
    assert dict(jd.scope)["people"] == lv.people_scope
    assert jd.qualifications[0] == lv.qualifications[0].replace("{{ family.noun }}", "operations")
    assert jd.reports_to == lib.families["operations"].reports_to[level]


def test_statements_come_from_the_requested_level(lib, acme):
    manager = compose_role(lib, "coo", acme, level="manager")
    executive = compose_role(lib, "coo", acme)
    block = lib.blocks["daily-operations"]
    manager_items = {i for s in manager.sections for i in s.items}
    assert block.statements["manager"][0] in manager_items
    assert not manager_items & set(block.statements["executive"])
    assert manager_items.isdisjoint({i for s in executive.sections for i in s.items})


def test_sections_follow_role_block_order_and_emphasis(lib, acme, coo_jd):
    role = lib.roles["coo"]
    assert [s.id for s in coo_jd.sections] == [rb.id for rb in role.blocks]
    quotas = duty_quotas([rb.emphasis for rb in role.blocks])
    for section, rb, quota in zip(coo_jd.sections, role.blocks, quotas, strict=True):
        available = len(rb.add) + (0 if rb.replace else len(lib.blocks[rb.id].statements["executive"]))
        assert len(section.items) == min(quota, available), rb.id
    assert 8 <= sum(len(s.items) for s in coo_jd.sections) <= 12


def test_role_additions_only_at_the_default_level(lib, acme):
    role = lib.roles["cfo"]
    text = document_text(lib, Service(lib).resolve("cfo", acme))  # as the document words them
    additions = {text.one(str(a)) for rb in role.blocks for a in rb.add}
    assert additions, "the CFO carries finance-specific statements"
    own = compose_role(lib, "cfo", acme)
    other = compose_role(lib, "cfo", acme, level="manager")
    leading = {
        text.one(str(rb.add[0])) for rb in role.blocks if rb.add
    }  # each area's first addition leads it
    assert leading <= {i for s in own.sections for i in s.items}
    assert not additions & {i for s in other.sections for i in s.items}


def test_no_statement_repeats_within_a_document(coo_jd):
    items = [i for s in coo_jd.sections for i in s.items]
    assert len(items) == len(set(items))


def test_company_values_are_data_never_templates(lib, acme):
    hostile = dataclasses.replace(acme, name="{{ 7 * 7 }} & Co", about="{% for x in y %}x{% endfor %}")
    jd = compose_role(lib, "coo", hostile)
    assert jd.company.name == "{{ 7 * 7 }} & Co"
    assert jd.company.about.startswith("{% for")
    assert "{{ 7 * 7 }} & Co" in jd.summary  # the summary template inserts the name literally
    assert "49" not in jd.summary


def test_compensation_is_formatted_per_currency(lib, acme, nordwerk):
    us = compose_role(lib, "coo", acme).compensation
    de = compose_role(lib, "coo", nordwerk).compensation
    band_us, band_de = acme.salary_bands["executive"], nordwerk.salary_bands["executive"]
    assert us.text == f"${band_us.min:,} – ${band_us.max:,}"
    # English text: the euro as English writes it (Babel, en_US for Germany), never "160.000 €"
    assert de.text == f"€{band_de.min:,} – €{band_de.max:,}"
    assert de.currency == "EUR"


def test_money_and_dates_follow_the_documents_locale(lib, acme):
    irish = dataclasses.replace(acme, country="IE", currency="EUR")
    british = dataclasses.replace(acme, country="GB", currency="GBP")
    jd = compose_role(lib, "coo", irish)
    assert jd.compensation.text == "€240,000 – €340,000" and jd.meta.language == "en-GB"
    assert jd.meta.revised_text == "1 November 2026"
    assert compose_role(lib, "coo", british).compensation.text == "£240,000 – £340,000"
    us = compose_role(lib, "coo", acme)
    assert us.meta.revised_text == "November 1, 2026" and us.meta.language == "en-US"


def test_paper_follows_country_and_option(lib, acme, nordwerk):
    assert compose_role(lib, "coo", acme).meta.paper == "Letter"
    assert compose_role(lib, "coo", nordwerk).meta.paper == "A4"
    assert compose_role(lib, "coo", acme, paper="A4").meta.paper == "A4"


def test_revised_date_comes_from_data_or_override(lib, acme):
    assert compose_role(lib, "coo", acme).meta.revised == "2026-11-01"
    assert compose_role(lib, "coo", acme, revised="2030-01-02").meta.revised == "2030-01-02"


def test_compose_is_pure(lib, acme):
    assert compose_role(lib, "coo", acme) == compose_role(lib, "coo", acme)


def test_aliases_resolve(lib, acme):
    assert compose_role(lib, "COO", acme).title == "Chief Operating Officer"


def test_unknown_role_and_level_suggest(lib, acme):
    with pytest.raises(NotFoundError, match="Did you mean 'coo'"):
        compose_role(lib, "cooo", acme)
    with pytest.raises(NotFoundError, match="Did you mean 'director'"):
        compose_role(lib, "coo", acme, level="directr")


def test_comparisons_name_the_neighbours(lib, coo_jd):
    titles = [c.title for c in coo_jd.comparisons]
    assert titles == [lib.roles[r].title for r in lib.roles["coo"].compare_with]
    assert coo_jd.focus


def test_posting_highlights_lead_with_high_emphasis_areas(lib, coo_jd):
    high = [
        s
        for s in coo_jd.sections
        if dict((rb.id, rb.emphasis) for rb in lib.roles["coo"].blocks)[s.id] == "high"
    ]
    assert coo_jd.highlights[0] == high[0].items[0]
    available = sum(min(2, len(s.items)) for s in coo_jd.sections)
    assert len(coo_jd.highlights) == min(MAX_HIGHLIGHTS, available) == 6


def test_company_name_ending_in_period_does_not_double_the_stop(lib, acme, coo_jd):
    assert acme.name.endswith(".")
    jd = compose_role(lib, "vp-operations", acme)
    assert ".." not in jd.summary and acme.name in jd.summary


def test_role_can_replace_a_blocks_statements_at_its_own_level(lib, acme):
    import dataclasses

    role = lib.roles["ceo"]
    own = (
        "Set the company's purpose and long-term direction with the board, so every leader can explain it.",
    )
    blocks = (dataclasses.replace(role.blocks[0], add=own, replace=True), *role.blocks[1:])
    lib2 = dataclasses.replace(lib, roles={**lib.roles, "ceo": dataclasses.replace(role, blocks=blocks)})
    jd = compose_role(lib2, "ceo", acme)
    assert jd.sections[0].items == own
    other = compose_role(lib2, "ceo", acme, level="director")
    assert (
        other.sections[0].items
        == lib.blocks[role.blocks[0].id].statements["director"][: len(other.sections[0].items)]
    )


def test_role_scope_overrides_the_level_at_its_own_level(lib, acme):
    ceo = compose_role(lib, "ceo", acme)
    assert dict(ceo.scope)["scope"] == lib.roles["ceo"].scope.scope
    assert "function" not in " ".join(dict(ceo.scope).values())
    elsewhere = compose_role(lib, "ceo", acme, level="director")
    assert dict(elsewhere.scope)["budget"] == lib.level("director").budget_scope


def test_block_kpis_can_be_worded_per_level(lib, acme):
    import dataclasses

    block = lib.blocks["daily-operations"]
    by_level = {"vp": ("Operating plan delivered across all sites",)}
    lib2 = dataclasses.replace(
        lib, blocks={**lib.blocks, block.id: dataclasses.replace(block, kpis_by_level=by_level)}
    )
    role = next(
        r for r in lib.roles.values() if any(b.id == block.id and b.emphasis == "high" for b in r.blocks)
    )
    at_vp = compose_role(lib2, role.id, acme, level="vp")
    at_manager = compose_role(lib2, role.id, acme, level="manager")
    assert "Operating plan delivered across all sites" in at_vp.kpis
    assert "Operating plan delivered across all sites" not in at_manager.kpis


def test_the_work_arrangement_fits_the_role_and_level(lib, acme):
    """A COO is not 'office-based staff': a profile may give its arrangement by role or
    level, the role's id first, then the level's, then `default`; one text fits all."""
    import dataclasses

    from jdgen.compose.document import work_arrangement

    coo, manager = lib.role("coo"), lib.role("operations-manager")
    executive, vp, manager_level = lib.level("executive"), lib.level("vp"), lib.level("manager")
    by = {
        "default": "On-site at the plant.",
        "executive": "On-site at head office.",
        "coo": "Hybrid.",
    }
    company = dataclasses.replace(acme, work_arrangement=by)
    assert work_arrangement(company, coo, executive) == "Hybrid."
    assert work_arrangement(company, lib.role("ceo"), executive) == "On-site at head office."
    assert work_arrangement(company, manager, manager_level) == "On-site at the plant."
    assert (
        work_arrangement(dataclasses.replace(company, work_arrangement={"vp": "x"}), manager, manager_level)
        is None
    )
    assert work_arrangement(dataclasses.replace(acme, work_arrangement="One text."), coo, vp) == "One text."
    jd = compose_role(lib, "coo", company)
    assert jd.company.work_arrangement == "Hybrid."


def test_a_batch_title_reaches_every_sentence_as_a_posting_title_does(lib, acme):
    """A batch file's `overrides: {title: ...}` is the role's title everywhere, not only
    in the heading (found by a new user's trial)."""
    from jdgen.model.batch import Overrides

    plain = compose_role(lib, "logistics-manager", acme)
    renamed = compose_role(lib, "logistics-manager", acme, overrides=Overrides(title="Transport Manager"))
    assert plain.title in plain.summary
    assert renamed.title == "Transport Manager" and "Transport Manager" in renamed.summary
    assert plain.title not in renamed.summary


def test_an_interim_mandate_follows_its_trigger(lib, acme):
    """Turnaround, change project, growth and vacancy are different mandates: each has
    duties of its own leading their areas, its own success measures and hand-over."""
    role = lib.role("interim-coo")
    text = document_text(lib, Service(lib).resolve("interim-coo", acme))  # as the document words them
    seen = {}
    for trigger_id, trigger in role.mandate.triggers.items():
        jd = compose_role(lib, "interim-coo", acme, trigger=trigger_id)
        duties = [item for s in jd.sections for item in s.items]
        for block, texts in trigger.add.items():
            section = next(s for s in jd.sections if s.id == block)
            assert section.items[: len(texts)] == tuple(text.one(t) for t in texts), (trigger_id, block)
        assert jd.mandate.success == tuple(text.one(t) for t in trigger.success)
        assert jd.mandate.handover == tuple(text.one(t) for t in trigger.handover)
        seen[trigger_id] = (tuple(duties), jd.mandate.success, jd.mandate.handover)
    assert len({d for d, _, _ in seen.values()}) == len(seen)  # no two triggers alike
    assert len({s for _, s, _ in seen.values()}) == len(seen)
    first = next(iter(role.mandate.triggers))
    assert (
        compose_role(lib, "interim-coo", acme).mandate
        == compose_role(lib, "interim-coo", acme, trigger=first).mandate
    )


def test_an_interim_role_is_engaged_as_the_profile_says(lib, acme):
    """A contract for services is paid by the day with no employee benefits; fixed-term
    employment is paid from the salary bands, with the benefits, as TEMPORARY work."""
    import dataclasses

    services = compose_role(lib, "interim-coo", acme, template="posting")
    assert services.company.employment_type == ("CONTRACTOR",) and services.company.benefits == ()
    assert services.compensation.period == "day" and services.meta.pay_key == "day_rates.executive"
    employed = dataclasses.replace(acme, interim_engagement="fixed-term")
    fixed = compose_role(lib, "interim-coo", employed, template="posting")
    assert fixed.company.employment_type == ("TEMPORARY",) and fixed.company.benefits == acme.benefits
    assert fixed.compensation.period == "year" and fixed.meta.pay_key == "salary_bands.executive"
    assert fixed.compensation.min == acme.salary_bands["executive"].min


def test_without_its_own_statement_a_company_gets_its_countrys_in_that_laws_terms(lib, acme):
    import dataclasses

    from jdgen.service.generate import compose_role

    assert {e.country for e in lib.equality} >= {"US", "GB", "IE", "DE"}
    for country in {e.country for e in lib.equality}:
        company = dataclasses.replace(acme, eeo=None, country=country, eeo_variant=None)
        eeo = compose_role(lib, "operations-manager", company).eeo
        plain = next(e for e in lib.equality if e.country == country and e.variant is None)
        assert eeo and acme.name in eeo and "{{" not in eeo, country
        assert eeo.split()[-1] == plain.text.split()[-1], country  # that country's own text
    contractor = dataclasses.replace(acme, eeo=None, country="US", eeo_variant="federal-contractor")
    assert "protected veteran" in compose_role(lib, "operations-manager", contractor).eeo
    assert compose_role(lib, "operations-manager", acme).eeo == acme.eeo  # the profile's own wins
    nowhere = dataclasses.replace(acme, eeo=None, country="JP")
    assert compose_role(lib, "operations-manager", nowhere).eeo is None  # never another country's law


def test_a_variant_the_country_has_no_statement_for_is_one_line(tmp_path, lib):
    from jdgen.library.loader import validate_company

    profile = tmp_path / "co.yaml"
    profile.write_text("name: Co\ncountry: GB\neeo_variant: federal-contractor\n")
    (problem,) = [d for d in validate_company(lib, profile) if d.severity == "error"]
    assert problem.code == "company.eeo-variant" and "GB" in problem.message


def test_each_interim_trigger_states_its_own_mandate_length(lib, acme):
    from jdgen.model.data import Trigger
    from jdgen.service.generate import compose_role

    role = lib.roles["interim-coo"]
    lengths = set()
    for trigger_id, trigger in role.mandate.triggers.items():
        assert isinstance(trigger, Trigger) and trigger.length, trigger_id
        jd = compose_role(lib, "interim-coo", acme, trigger=trigger_id)
        assert jd.mandate.length == trigger.length
        lengths.add(jd.mandate.length)
    assert len(lengths) == len(role.mandate.triggers)  # a turnaround is not as long as a vacancy


def test_a_site_level_document_names_its_own_site_and_the_executive_every_site(lib, acme):
    """Issue 22: a site-level role listed every site. With the profile's sites as a list, a
    manager's document names one (the head office's, else the one at its location) and says
    so in its scope; the COO's names them all."""
    from jdgen.model.batch import Overrides

    names = [site.name for site in acme.sites]
    head = next(site for site in acme.sites if site.head_office)
    manager = compose_role(lib, "operations-manager", acme, template="posting")
    assert manager.company.sites.startswith(head.name)
    assert [n for n in names if n in manager.company.sites] == [head.name]
    assert dict(manager.scope)["scope"].endswith(f"{head.name}, {head.location}.")
    coo = compose_role(lib, "coo", acme, template="posting")
    assert all(n in coo.company.sites for n in names)
    dayton = next(site for site in acme.sites if not site.head_office)
    there = compose_role(lib, "operations-manager", acme, overrides=Overrides(location=dayton.location))
    assert [n for n in names if n in there.company.sites] == [dayton.name]


def test_sites_written_as_one_text_are_printed_as_written_at_every_level(lib):
    from jdgen.library.loader import load_company

    juniper = load_company(lib, "juniper")
    assert isinstance(juniper.sites, str)
    for level in ("manager", "executive"):
        jd = compose_role(lib, "operations-manager", juniper, level=level)
        assert jd.company.sites == juniper.sites
        assert "{site}" not in dict(jd.scope)["scope"] and "One site" not in dict(jd.scope)["scope"]
