"""`jdgen ladder FAMILY`: a job family's titles from the lowest level to the highest, and
what is new at each step, in every format, through the service."""

from __future__ import annotations

import io
import json
import subprocess

import pytest
from conftest import jdgen_command

from jdgen.compose.compare import compose_ladder, resolve_ladder
from jdgen.library.loader import load_library
from jdgen.library.sources import default_sources
from jdgen.service.generate import Service

ALL = ("html", "md", "json", "docx", "pdf")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def ladder(tmp_path_factory, lib):
    out = tmp_path_factory.mktemp("ladder")
    request = resolve_ladder(lib, "operations", "acme", formats=ALL, out=out)
    result = Service(lib).generate_composed(request)
    assert [f.status for f in result.files] == ["written"] * len(ALL), result.files
    return request


def test_steps_run_from_the_lowest_level_to_the_highest(lib):
    doc = compose_ladder(lib, resolve_ladder(lib, "Operations", "acme"))
    family = lib.families["operations"]
    assert [c.level_id for c in doc.columns] == [lv.id for lv in lib.levels]
    assert [c.title for c in doc.columns][:-1] == [family.titles[lv.id] for lv in lib.levels][:-1]
    assert doc.columns[-1].role_id == "coo"  # the permanent role, not the interim one
    # each step up the operations ladder is more senior, but for Head of Operations to
    # Operations Director: the Head runs a smaller company's operations end to end and
    # reports to the COO, the Director reports to the VP in the larger organisation, so
    # that step is a level up on the ladder without a reporting line above the Head
    assert [s.direction for s in doc.steps] == ["up", "up", "level", "up", "up"]


def test_each_step_lists_only_what_is_new(lib):
    doc = compose_ladder(lib, resolve_ladder(lib, "operations", "acme"))
    rows = {r.key: r for g in doc.groups for r in g.rows}
    verbs = [set(c.lines[0].text.split(", ")) if c.lines else set() for c in rows["verbs"].cells]
    for below, level, new in zip(lib.levels, lib.levels[1:], verbs[1:], strict=False):
        assert new and new <= set(level.verbs) and not new & set(below.verbs)
    kpis = [{line.text for line in c.lines} for c in rows["new_kpis"].cells]
    assert all(kpis) and all(not (a & b) for a, b in zip(kpis, kpis[1:], strict=False))
    # new means at no step below, not only the one just below
    for i, new in enumerate(kpis):
        assert not new & set().union(*kpis[:i]), (i, new)
    assert sum("Targets met across the function" in k for k in kpis) <= 1
    for i, new in enumerate(verbs):
        assert not new & set().union(*verbs[:i]), (i, new)
    assert [c.lines[0].text for c in rows["experience"].cells] == [
        f"{lv.experience_years}+" for lv in lib.levels
    ]


def test_ladder_wording(lib):
    """HR words, not grammar words; the legend only says what the ladder shows."""
    from jdgen.render.table import context

    words = context(compose_ladder(lib, resolve_ladder(lib, "operations", "acme")), default_sources())
    assert words["labels"].table.rows.verbs == "Typical actions new at this level"
    doc = words["doc"]
    repeats = any(c.same for g in doc.groups for r in g.rows for c in r.cells)
    assert any("Same as left" in part for part in words["legend"]) == repeats
    assert any("new" in part for part in words["legend"])
    assert [s.lead for s in words["profiles"]] == [c.title for c in words["doc"].columns]


def test_a_family_without_a_role_at_every_level_still_has_every_step(lib):
    doc = compose_ladder(lib, resolve_ladder(lib, "quality", "acme"))
    assert len(doc.columns) == len(lib.levels)
    assert {c.role_id for c in doc.columns} == {"quality-manager"}
    assert doc.columns[-1].title == "Chief Quality Officer"


def test_every_format(ladder):
    import docx
    import pypdf

    assert ladder.paths["pdf"].name == "ladder-operations.pdf"
    document = docx.Document(str(ladder.paths["docx"]))
    table = document.tables[0]
    assert len(table.columns) == 7
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    assert document.sections[0].page_width > document.sections[0].page_height
    reader = pypdf.PdfReader(io.BytesIO(ladder.paths["pdf"].read_bytes()))
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)
    text = reader.pages[0].extract_text()
    assert "Operations career ladder" in text and "Operations Coordinator" in text
    md = ladder.paths["md"].read_text("utf-8")
    assert "**Operations Manager** compared with the Operations Coordinator: more senior" in md
    data = json.loads(ladder.paths["json"].read_text("utf-8"))
    assert data["kind"] == "ladder" and data["title"] == "Operations career ladder"
    assert '<th scope="col">' in ladder.paths["html"].read_text("utf-8")


@pytest.mark.slow
def test_byte_identical_and_incremental(ladder, tmp_path, library_copy):
    args = ["ladder", "operations", "-c", "acme", "-f", ",".join(ALL), "-o", str(tmp_path), "-q"]
    done = subprocess.run(jdgen_command(*args), cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for fmt, path in ladder.paths.items():
        assert (tmp_path / "acme" / path.name).read_bytes() == path.read_bytes(), fmt
    service = Service(load_library(library_copy))
    out = tmp_path / "incremental"

    def run():
        request = resolve_ladder(service.lib, "operations", "acme", formats=("md",), out=out)
        return service.generate_composed(request).files[0].status

    assert run() == "written" and run() == "unchanged"
    path = library_copy / "levels.yaml"
    path.write_text(path.read_text("utf-8").replace("Day to day and week to week.", "Week by week."), "utf-8")
    service.reload()
    assert run() == "written"


def test_unknown_family_gives_one_line(tmp_path):
    done = subprocess.run(
        jdgen_command("ladder", "operatons", "-f", "md", "-o", str(tmp_path)),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown family 'operatons'. Did you mean 'operations'?" in lines[0], (
        done.stderr
    )


def test_list_families(tmp_path):
    done = subprocess.run(
        jdgen_command("list", "families", "--json"), cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    rows = {r["id"]: r for r in json.loads(done.stdout)}
    assert "coo" in rows["operations"]["roles"]
