"""Industry fit (generator/industry.py): marked items go only to their industries, roles
marked with industries exist only there, and a bad industry is one clear line."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import replace_key

from jdgen.core.errors import JdgenError
from jdgen.library.industry import fits, pick, role_fits
from jdgen.library.loader import validate_company
from jdgen.model.data import TextItem
from jdgen.service.generate import compose_role


def test_plain_items_fit_everywhere_marked_ones_only_their_industries():
    items = ["Plain.", TextItem("Plant only.", ("manufacturing",)), TextItem("Both.", ("retail", "software"))]
    assert pick(items, "manufacturing") == ("Plain.", "Plant only.")
    assert pick(items, "software") == ("Plain.", "Both.")
    assert pick(items, None) == ("Plain.",)  # a profile without an industry gets the shared lines
    assert fits(TextItem("Any.", ()), "healthcare")


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


def test_an_unknown_industry_is_one_line_with_the_file_and_the_choices(tmp_path, lib):
    from jdgen.core.paths import resource_dir

    profile = tmp_path / "co.yaml"
    profile.write_text((resource_dir("responsibilities") / "companies" / "acme.yaml").read_text("utf-8"))
    line = replace_key(profile, "industry", "widgets")
    problems = [d for d in validate_company(lib, profile) if d.severity == "error"]
    assert len(problems) == 1 and problems[0].code == "company.industry"
    assert problems[0].line == line and "manufacturing, logistics, software" in problems[0].fix


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
