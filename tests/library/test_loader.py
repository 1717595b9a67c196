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
    assert reports_to_at(lib, lib.families["general-management"], top) == "Board of Directors"
    families = library_copy / "families.yaml"
    families.write_text(families.read_text().replace("      executive: Board of Directors\n", ""))
    levels = library_copy / "levels.yaml"
    levels.write_text(levels.read_text().replace("Board of Directors  #", "Board of Trustees  #"))
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
