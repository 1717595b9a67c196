"""library.py: loading and cross-checking the library (most of its behaviour is held by
test_validate.py, test_hostile.py and test_sources.py; this module keeps what has no
other home)."""

from __future__ import annotations

import pytest

from jdgen.compose.document import reports_to_at
from jdgen.library.loader import load_library, validate_library
from jdgen.library.sources import Layer, Sources


def test_the_top_of_the_ladder_reports_to_what_levels_yaml_says(library_copy):
    lib = load_library(library_copy)
    top = lib.levels[-1]
    assert reports_to_at(lib, lib.families["general-management"], top) == "{{ company.board_title }}"
    families = library_copy / "families.yaml"
    families.write_text(families.read_text().replace('      executive: "{{ company.board_title }}"\n', ""))
    levels = library_copy / "levels.yaml"
    levels.write_text(levels.read_text().replace('"{{ company.board_title }}"  #', "Board of Trustees  #"))
    lib = load_library(library_copy)
    assert reports_to_at(lib, lib.families["general-management"], lib.levels[-1]) == "Board of Trustees"
    levels.write_text(levels.read_text().replace("    reports_to: Board of Trustees", ""))
    _, problems = validate_library(Sources((Layer("library", library=library_copy),)))
    assert [p.code for p in problems if p.code == "library.no-reporting-line"] == [
        "library.no-reporting-line"
    ]


def test_work_arrangements_are_keyed_by_default_a_level_or_a_role(tmp_path, lib):
    from jdgen.library.loader import known_companies, validate_company

    text = known_companies(lib)["acme"].read_text("utf-8")
    start = text.index("work_arrangement:")
    end = text.index("\n", text.index("  vp:", start))
    profile = tmp_path / "co.yaml"
    profile.write_text(
        text[:start] + "work_arrangement:\n  default: On-site.\n  vp-ops: Hybrid." + text[end:]
    )
    found = [d for d in validate_company(lib, profile) if d.severity == "error"]
    assert [d.code for d in found] == ["company.work-arrangement"]
    assert "'vp-ops' is not default, a level or a role" in found[0].message
    assert found[0].line == text[:start].count("\n") + 3


def test_a_trigger_adds_only_to_the_roles_own_blocks(library_copy):
    from jdgen.core.errors import LibraryError
    from jdgen.library.loader import load_library

    path = library_copy / "roles" / "interim-coo.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("        change:\n", "        chang:\n", 1), "utf-8")
    with pytest.raises(LibraryError) as caught:
        load_library(library_copy)
    assert caught.value.code == "library.trigger-block" and "Did you mean 'change'?" in str(caught.value)


def test_a_profiles_own_id_names_its_folder_and_a_clash_says_how_to_fix_it(run, tmp_path):
    companies = tmp_path / "companies"
    companies.mkdir()
    (companies / "alpha.yaml").write_text("name: Alpha Corp\nid: acme-uk\n")
    result = run("coo", "-c", "alpha", "-f", "md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "acme-uk" / "coo.md").exists()
    (companies / "acme-uk.yaml").write_text("name: Beta Corp\n")
    clash = run("coo", "-c", "alpha", "-f", "md")
    assert clash.exit_code == 1
    (line,) = [row for row in clash.output.splitlines() if row.startswith("error")]
    assert "alpha.yaml" in line and "'acme-uk'" in line and "id: acme-uk-2" in line


@pytest.mark.parametrize("bad", ["Acme UK", "-acme", "acme/..", "a" * 64])
def test_a_company_id_that_cannot_name_a_folder_is_one_line(run, tmp_path, bad):
    (tmp_path / "co.yaml").write_text(f"name: Co\nid: '{bad}'\n")
    result = run("coo", "-c", "co.yaml", "-f", "md")
    assert result.exit_code == 1 and "co.yaml:2" in result.output and "company id" in result.output
    assert not (tmp_path / "output").exists()


def test_a_company_path_that_is_a_device_says_so_not_that_it_is_missing(run):
    result = run("coo", "-c", "/dev/zero", "-f", "md")
    assert result.exit_code == 1 and "not a regular file" in result.output


def test_roles_that_extend_each_other_are_named_as_a_loop_not_unknown(run, tmp_path):
    assert run("init", "ws").exit_code == 0
    ws = tmp_path / "ws"
    (ws / "roles" / "a1.yaml").write_text("id: a1\nextends: a2\ntitle: A One\n")
    (ws / "roles" / "a2.yaml").write_text("id: a2\nextends: a1\ntitle: A Two\n")
    import os

    os.chdir(ws)
    result = run("validate")
    rows = [r for r in result.output.splitlines() if "a1.yaml" in r or "a2.yaml" in r]
    assert result.exit_code == 1 and rows
    assert all("extend each other" in r and "unknown" not in r for r in rows), rows
