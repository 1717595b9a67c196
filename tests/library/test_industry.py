"""Industry fit (generator/library/industry.py): marked items go only to their industries,
roles marked with industries exist only there, and a profile names its industry in its own
words: a known name picks it, any other words give neutral text and one note."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import replace_key

from jdgen.core.errors import JdgenError
from jdgen.library.industry import NEUTRAL, block_title, fits, names, pick, resolve, role_fits, text
from jdgen.library.loader import _marked_lists, load_company, validate_company
from jdgen.model.data import Block, TextItem
from jdgen.service.generate import compose_role


def test_plain_items_fit_everywhere_marked_ones_only_their_industries():
    items = ["Plain.", TextItem("Plant only.", ("manufacturing",)), TextItem("Both.", ("retail", "software"))]
    assert pick(items, "manufacturing") == ("Plain.", "Plant only.")
    assert pick(items, "software") == ("Plain.", "Both.")
    assert pick(items, None) == ("Plain.",)  # a profile without an industry gets the shared lines
    assert fits(TextItem("Any.", ()), "healthcare")


def test_an_item_marked_neutral_fits_only_a_company_of_no_known_industry():
    """A statement's industry-neutral wording: the company that names no known industry gets
    it in place of the industries' variants, and no known industry gets it too."""
    items = [TextItem("Plants.", ("manufacturing",)), TextItem("Services.", ("software", NEUTRAL))]
    assert pick(items, None) == ("Services.",)
    assert pick(items, "software") == ("Services.",) and pick(items, "retail") == ()
    block = Block(id="b", title="Supply chain", industry_titles={NEUTRAL: "Suppliers"}, statements={})
    assert block_title(block, None) == "Suppliers" and block_title(block, "retail") == "Supply chain"


def test_the_company_industry_picks_statements_kpis_and_direct_reports(lib, acme):
    software = dataclasses.replace(acme, industry="software")
    made, coded = compose_role(lib, "vp-operations", acme), compose_role(lib, "vp-operations", software)
    assert "Supply Chain Director" in made.direct_reports
    assert "Supply Chain Director" not in coded.direct_reports
    lines = " ".join(i for s in coded.sections for i in s.items).lower()
    assert "plant" not in lines and "production" not in lines
    assert any("production" in i for s in made.sections for i in s.items)
    quality = compose_role(lib, "quality-manager", software, level="head")
    assert any("service levels" in i for s in quality.sections for i in s.items)
    assert "First-pass yield" not in quality.kpis


def test_a_role_marked_for_some_industries_exists_only_there(lib, acme, nordwerk):
    assert role_fits(lib.roles["plant-manager"], "manufacturing")
    assert not role_fits(lib.roles["plant-manager"], "logistics")
    compose_role(lib, "plant-manager", acme)
    with pytest.raises(JdgenError) as caught:
        compose_role(lib, "plant-manager", nordwerk)
    assert "exists only in manufacturing companies" in str(caught.value)


def test_comparisons_name_only_roles_of_the_industry(lib, acme):
    software = dataclasses.replace(acme, industry="software")
    titles = {c.title for c in compose_role(lib, "facilities-manager", software).comparisons}
    assert "Plant Manager" not in titles and "Operations Manager" in titles


def _profile(tmp_path, industry: str):
    from jdgen.core.paths import resource_dir

    profile = tmp_path / "co.yaml"
    profile.write_text((resource_dir("responsibilities") / "companies" / "acme.yaml").read_text("utf-8"))
    return profile, replace_key(profile, "industry", industry)


@pytest.mark.parametrize(
    "words",
    [
        "widgets",
        "Mining and quarrying",
        "Community theatre",
        "medical devices",
        "Arts, Entertainment, and Recreation",
    ],
)
def test_words_for_no_known_industry_give_neutral_text_and_one_note_never_an_error(tmp_path, lib, words):
    profile, line = _profile(tmp_path, words)
    problems = validate_company(lib, profile)
    assert not [d for d in problems if d.severity == "error"]
    (note,) = [d for d in problems if d.code == "company.industry-neutral"]
    assert note.severity == "info" and note.line == line and words in note.message
    assert "Did you mean" not in note.message  # any words are a right answer: no guess at a typo
    company = load_company(lib, str(profile))
    own = load_company(lib, "acme").industry_description
    assert company.industry is None and company.industry_description == own  # the profile's own kept
    bare = tmp_path / "bare.yaml"
    bare.write_text(f"name: Bare Co\nindustry: {words}\n")
    assert load_company(lib, str(bare)).industry_description == words  # else the words are printed


def test_a_typo_of_a_known_name_is_suggested(tmp_path, lib):
    profile, _ = _profile(tmp_path, "Helthcare")
    (note,) = [d for d in validate_company(lib, profile) if d.code == "company.industry-neutral"]
    assert "Did you mean 'healthcare'?" in note.message


@pytest.mark.parametrize(
    "words, expected",
    [
        ("Logistics", "logistics"),
        ("SOFTWARE", "software"),
        ("e-Commerce", "retail"),
        ("Ambulatory Health Care Services", "healthcare"),
        ("Transportation and Warehousing", "logistics"),
        ("  software   as a   service ", "software"),
        ("Logistics and distribution", "logistics"),
        ("Credit Union", "financial-services"),
        ("Finance and Insurance", "financial-services"),
        ("Legal Services", "professional-services"),
        ("Charity", "public-sector"),
        ("Public Administration", "public-sector"),
        ("Accommodation and Food Services", "hospitality"),
        ("Amusement, Gambling, and Recreation Industries", "hospitality"),
    ],
)
def test_an_id_label_or_name_in_any_case_picks_the_industry(tmp_path, lib, words, expected):
    profile, _ = _profile(tmp_path, words)
    assert not [d for d in validate_company(lib, profile) if d.code.startswith("company.industry")]
    assert load_company(lib, str(profile)).industry == expected


def test_every_name_of_every_industry_resolves_to_it(lib):
    for ind in lib.industries.values():
        for name in names(ind):
            assert resolve(name.upper(), lib.industries) == ind.id, name


def test_neutral_documents_carry_no_industry_marked_text(tmp_path, lib):
    """With words of its own the company gets the lines that fit every industry and the
    neutral wording of those with industry variants, never a line marked for industries only."""
    profile, _ = _profile(tmp_path, "Mining and quarrying")
    company = load_company(lib, str(profile))
    doc = compose_role(lib, "coo", company)
    items = [t for _, items in _marked_lists(lib) for t in items if not isinstance(t, str)]
    neutral = {text(t) for t in items if NEUTRAL in t.industries}
    marked = {text(t) for t in items if NEUTRAL not in t.industries} - neutral
    lines = {i for s in doc.sections for i in s.items} | set(doc.kpis)
    assert marked and not lines & marked and lines & neutral


def test_a_name_given_to_two_industries_is_refused(tmp_path):
    import shutil

    from jdgen.core.paths import resource_dir
    from jdgen.library.loader import validate_library
    from jdgen.library.sources import default_sources

    root = tmp_path / "lib"
    shutil.copytree(resource_dir("responsibilities"), root)
    path = root / "industries.yaml"
    path.write_text(
        path.read_text("utf-8").replace("      - fabrication\n", "      - fabrication\n      - Tech\n")
    )
    _, problems = validate_library(default_sources(root))
    (clash,) = [d for d in problems if d.code == "library.industry-name-clash"]
    assert "'tech'" in clash.message and clash.severity == "error"


def test_an_item_marked_with_an_unknown_industry_is_refused(tmp_path):
    import shutil

    from jdgen.core.paths import resource_dir
    from jdgen.library.loader import validate_library
    from jdgen.library.sources import default_sources

    root = tmp_path / "lib"
    shutil.copytree(resource_dir("responsibilities"), root)
    path = root / "blocks" / "quality.yaml"
    path.write_text(
        path.read_text("utf-8").replace("industries: [retail]", "industries: [retial]", 1), "utf-8"
    )
    _, problems = validate_library(default_sources(root))
    found = [d for d in problems if d.code == "library.unknown-industry"]
    assert len(found) == 1 and "Did you mean 'retail'?" in found[0].message
    assert found[0].file.name == "quality.yaml" and found[0].line


@pytest.mark.parametrize(
    ("words", "industry"),
    [
        ("NAICS 52", "financial-services"),
        ("naics 522110", "financial-services"),  # commercial banking: inside 52
        ("NAICS 31", "manufacturing"),  # a sector written as a range, 31-33
        ("NAICS 4841", "logistics"),
        ("ISIC 5510", "hospitality"),  # a class inside division 55
        ("ISIC C", "manufacturing"),
        ("NAICS 51", None),  # Information spans several industries: not listed
        ("NAICS 624210", None),  # a food bank: social assistance is no healthcare (the trial)
        ("Health Care & Social Assistance", None),  # NAICS 62 holds social assistance too
        ("NAICS 6221", "healthcare"),  # hospitals
        ("NAICS 5", None),
    ],
)
def test_a_naics_or_isic_code_picks_the_industry_it_falls_in(lib, words, industry):
    assert resolve(words, lib.industries) == industry


def test_words_that_contain_an_industry_name_get_it_suggested_never_chosen(tmp_path, lib):
    path = tmp_path / "co.yaml"
    path.write_text('name: Co\nindustry: "Hotels & resorts"\n', encoding="utf-8")
    (note,) = [d for d in validate_company(lib, path) if d.code == "company.industry-neutral"]
    assert note.severity == "info" and "industry: hospitality" in note.fix and "'hotels'" in note.fix
    assert load_company(lib, str(path)).industry is None
