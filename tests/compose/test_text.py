"""compose/text.py: the company's view of the library's text: what a statement may refer
to, the items that fit its industry in its English, and repeated lines by their words."""

from __future__ import annotations

import dataclasses

from jdgen.compose.text import LibraryText, dedupe, industry_text, normal, statement_context
from jdgen.library import english
from jdgen.library.loader import load_company
from jdgen.model.data import Finances, TextItem
from jdgen.service.generate import compose_role


def test_lines_are_compared_by_their_words_only():
    assert normal("  Leads the P&L -- end-to-end!  ") == "leads the p l end to end"
    items = ["Leads the team.", "leads the TEAM", "Sets budgets", "!!!", "Sets budgets."]
    assert dedupe(items) == ["Leads the team.", "Sets budgets"]  # "!!!" has no words: dropped
    assert dedupe(items, limit=1) == ["Leads the team."]
    seen = {"sets budgets"}
    assert dedupe(items, seen=seen) == ["Leads the team."]
    assert seen == {"sets budgets", "leads the team"}  # shared across calls


def test_the_business_is_the_profiles_words_else_its_industrys_label(lib, acme):
    assert industry_text(lib, acme) == (acme.industry_description or lib.industries[acme.industry].label)
    plain = dataclasses.replace(acme, industry_description=None)
    assert industry_text(lib, plain) == lib.industries[acme.industry].label
    assert industry_text(lib, dataclasses.replace(plain, industry="no-such")) == "no-such"
    assert industry_text(lib, dataclasses.replace(plain, industry=None)) is None


def test_a_statement_may_refer_only_to_values_the_profile_gives(lib, acme):
    role = lib.role("coo")
    family, level = lib.families[role.family], lib.level(role.default_level)
    context = statement_context(lib, acme, family, level, "COO", "CEO")
    assert context["company"]["name"] == acme.name
    assert context["family"] == {"name": family.name, "noun": family.noun}
    assert context["level"]["label"] == level.label and context["role"] == {
        "title": "COO",
        "reports_to": "CEO",
    }
    bare = dataclasses.replace(acme, size=None, location=None)
    governance = {
        "board",
        "board_title",
        "a_board",
        "management",
        "works_council",
        *(f.name for f in dataclasses.fields(Finances)),
    }  # governance.yaml's, always
    assert (
        set(statement_context(lib, bare, family, level, "COO", "CEO")["company"])
        == {"name", "industry"} | governance
    )


def test_library_text_is_respelt_but_profile_values_are_not(lib):
    company = load_company(lib, "brightwater")  # a British profile
    assert english.language(lib.locales, company.country) == "en-GB"
    american, british = next(iter(lib.spelling.words.items()))
    context = {"company": {"name": f"The {american.title()} Co"}}
    text = LibraryText(lib, company, context, "en-GB")
    assert text.one(f"Runs the {american} for {{{{ company.name }}}}.") == (
        f"Runs the {british} for The {american.title()} Co."
    )
    assert text.plain([american]) == (british,)


def test_items_for_another_industry_are_left_out(lib, acme):
    text = LibraryText(lib, acme, {}, "en-US")
    other = next(i for i in lib.industries if i != acme.industry)
    items = ["Everywhere.", TextItem("Only theirs.", (other,)), TextItem("Ours.", (acme.industry,))]
    assert text.items(items) == ["Everywhere.", "Ours."]
    assert LibraryText(lib, acme, {}, "en-US").spell("center") == "center"  # American company: as written


def test_a_company_name_ending_in_s_takes_the_apostrophe_alone(lib, acme):
    """The trial: "Cascade Literacy Partners's"."""
    company = dataclasses.replace(acme, name="Cascade Literacy Partners")
    jd = compose_role(lib, "vp-operations", company)
    assert "Cascade Literacy Partners'" in jd.summary and "Partners's" not in jd.summary
    assert "Acme Manufacturing Inc.'s" in compose_role(lib, "vp-operations", acme).summary
