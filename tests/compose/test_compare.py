"""compare.py and `jdgen compare`: roles side by side, in every format, through the service."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
from html.parser import HTMLParser

import pytest
from conftest import jdgen_command

from jdgen.compose.compare import MAX_ROLES, compose_comparison, resolve_comparison
from jdgen.library.loader import load_library
from jdgen.library.sources import default_sources
from jdgen.service.generate import Service

FIVE = ("coo", "vp-operations", "operations-director", "head-of-operations", "operations-manager")
TITLES = (
    "Chief Operating Officer",
    "VP of Operations",
    "Operations Director",
    "Head of Operations",
    "Operations Manager",
)
ALL = ("html", "md", "json", "docx", "pdf")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def five(tmp_path_factory, lib):
    """The five operations roles in every format, written once for the module."""
    out = tmp_path_factory.mktemp("compare")
    service = Service(lib)
    request = resolve_comparison(lib, FIVE, "acme", formats=ALL, out=out)
    result = service.generate_composed(request)
    assert [f.status for f in result.files] == ["written"] * len(ALL), result.files
    return request


def run_cli(*args, cwd):
    return subprocess.run(jdgen_command(*args), cwd=cwd, capture_output=True, text=True, timeout=120)


def test_columns_and_rows_come_from_the_roles_own_documents(lib):
    cmp = compose_comparison(lib, resolve_comparison(lib, FIVE, "acme"))
    assert tuple(c.title for c in cmp.columns) == TITLES
    assert [g.key for g in cmp.groups] == ["role", "scope", "areas", "measures"]
    rows = {r.key: r for g in cmp.groups for r in g.rows}
    assert {"reports_to", "direct_reports", "horizon", "focus", "experience"} <= set(rows)
    assert {"people", "budget", "decision_rights", "scope", "kpis"} <= set(rows)
    assert [c.lines[0].text for c in rows["experience"].cells] == ["15+", "12+", "10+", "8+", "5+"]
    assert rows["reports_to"].cells[0].lines[0].text == "Chief Executive Officer"
    assert rows["focus"].cells[0].lines[0].text.startswith("Acts as the CEO's deputy")
    areas = [r for g in cmp.groups for r in g.rows if r.key == "area"]
    assert len(areas) == len({s.id for r in FIVE for s in _sections(lib, r)})


def _sections(lib, role):
    from jdgen.service.generate import compose_role

    return compose_role(lib, role, "acme").sections


def test_differences_are_marked_not_repeated(lib):
    cmp = compose_comparison(lib, resolve_comparison(lib, ("coo", "interim-coo"), "acme"))
    rows = {r.key: r for g in cmp.groups for r in g.rows if r.key != "area"}
    assert rows["experience"].cells[1].same  # both executive: said once
    assert not rows["horizon"].cells[1].same  # the mandate's own horizon
    assert "mandate" in rows["horizon"].cells[1].lines[0].text
    # the COO's own strategy lines are its alone; the interim COO's change area is its alone
    by_title = {r.title: r for g in cmp.groups for r in g.rows if r.key == "area"}
    strategy = by_title["Strategy and planning"]
    assert strategy.cells[0].only and all(line.only for line in strategy.cells[0].lines)
    assert not strategy.cells[1].lines
    shared = [r for r in by_title.values() if all(c.lines for c in r.cells)]
    assert shared and all(not line.only for r in shared for c in r.cells for line in c.lines if c.same)


def test_summary_is_generated_from_the_data(five):
    md = five.paths["md"].read_text("utf-8")
    assert "**VP of Operations** compared with the Chief Operating Officer: less senior" in md
    assert "reports to the Operations Director" in md  # the manager's line
    assert "Takes on: " in md and "Hands over: " in md
    assert not re.search(r"and \d+ more", md)  # the lists are short enough to show whole
    data = json.loads(five.paths["json"].read_text("utf-8"))
    assert len(data["summary"]) == len(FIVE) - 1
    assert [p["title"] for p in data["profiles"]] == list(TITLES)
    assert [c["title"] for c in data["columns"]] == list(TITLES)
    assert data["landscape"] is True


def test_the_summary_leads_with_a_line_per_role_from_its_data(five, lib):
    """What each role is for, before how they differ: its focus, level, manager, span, horizon."""
    from jdgen.render.table import context

    doc = compose_comparison(lib, resolve_comparison(lib, FIVE, "acme"))
    rows = {r.key: r for g in doc.groups for r in g.rows}
    lines = context(doc, default_sources())["profiles"]
    assert [s.lead for s in lines] == list(TITLES)
    for i, line in enumerate(lines):
        for key in ("focus", "horizon", "reports_to"):
            assert rows[key].cells[i].lines[0].text in line.text, (key, line.text)
        assert f"{doc.columns[i].level} level" in line.text
        assert f"{len(rows['direct_reports'].cells[i].lines[0].text.split(', '))} direct reports" in line.text
    md = five.paths["md"].read_text("utf-8")
    assert md.index("- **Chief Operating Officer.** Acts as the CEO's deputy") < md.index("compared with")


def test_no_seniority_judgement_against_the_reporting_lines(lib):
    """The Business Operations Analyst is a lower level than the Facilities Manager but
    reports higher up (to the Operations Director, the Facilities Manager to the Head of
    Operations): the summary names the two levels."""
    from jdgen.render.table import context

    pair = ("facilities-manager", "business-operations-analyst")
    doc = compose_comparison(lib, resolve_comparison(lib, pair, "acme"))
    steps = {s.after: s for s in doc.steps}
    assert steps["Business Operations Analyst"].direction == "level"
    text = {s.lead: s.text for s in context(doc, default_sources())["summary"]}
    analyst = text["Business Operations Analyst"]
    assert "senior" not in analyst
    assert "Coordinator level, where the Facilities Manager is Manager level" in analyst
    assert "reports to the Operations Director" in analyst
    five = compose_comparison(lib, resolve_comparison(lib, FIVE, "acme"))
    assert {s.after: s.direction for s in five.steps}["VP of Operations"] == "down"  # they agree


def test_the_legend_explains_only_what_the_document_shows(tmp_path, lib):
    """Five roles: no cell says "Same as left", so the legend does not explain it; the COO
    beside the interim COO repeats cells and marks nothing with ★ ... and says so."""
    from jdgen.render.table import context

    doc = compose_comparison(lib, resolve_comparison(lib, FIVE, "acme"))
    five = context(doc, default_sources())
    repeats = any(c.same for g in doc.groups for r in g.rows for c in r.cells)
    assert five["legend"] and any("Same as left" in part for part in five["legend"]) == repeats
    assert any("★" in part for part in five["legend"])
    pair = compose_comparison(lib, resolve_comparison(lib, ("coo", "interim-coo"), "acme"))
    cells = [c for g in pair.groups for r in g.rows for c in r.cells]
    legend = context(pair, default_sources())["legend"]
    assert any(c.same for c in cells) and any("Same as left" in part for part in legend)
    assert any(line.only for c in cells for line in c.lines) == any("★" in p for p in legend)
    request = resolve_comparison(lib, FIVE, "acme", formats=("md", "html"), out=tmp_path)
    assert [f.status for f in Service(lib).generate_composed(request).files] == ["written"] * 2
    for fmt in ("md", "html"):
        assert ("Same as left" in request.paths[fmt].read_text("utf-8")) == repeats


def test_tall_rows_may_split_across_pages_short_ones_stay_whole(five, lib):
    """PDF (CSS) and DOCX (w:cantSplit): a row taller than a share of a page may split, the
    header row repeating; a short row, the header and the group headings never split."""
    import docx

    from jdgen.render.table import split_rows

    doc = compose_comparison(lib, resolve_comparison(lib, FIVE, "acme"))
    splits = split_rows(doc)
    rows = [(g, r) for g, group in enumerate(doc.groups) for r, _ in enumerate(group.rows)]
    assert splits and set(rows) - splits  # some rows split, some stay whole
    html = five.paths["html"].read_text("utf-8")
    assert re.search(r"tr\.splits \{ break-inside: auto;", html)
    assert html.count('<tr class="splits">') == len(splits)
    table = docx.Document(str(five.paths["docx"])).tables[0]
    whole = [row._tr.find(f"{W}trPr/{W}cantSplit") is not None for row in table.rows]
    assert whole[0] and whole[1]  # the header row and the first group heading
    assert whole.count(False) == len(splits)


def test_docx_is_one_word_table_with_a_repeating_header_row(five):
    import docx

    document = docx.Document(str(five.paths["docx"]))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert len(table.columns) == 1 + len(FIVE)
    header = table.rows[0]
    assert header._tr.trPr.find(f"{W}tblHeader") is not None
    assert not any(row._tr.find(f"{W}trPr/{W}tblHeader") is not None for row in table.rows[1:])
    assert [c.text.split("\n")[0] for c in header.cells[1:]] == list(TITLES)
    section = document.sections[0]
    assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height


def test_pdf_is_landscape_with_the_header_on_every_page(five):
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(five.paths["pdf"].read_bytes()))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
        text = page.extract_text()
        assert all(title in text for title in TITLES), text[:300]  # the repeated header row


def test_three_roles_stay_portrait(tmp_path, lib):
    import docx
    import pypdf

    request = resolve_comparison(
        lib, ("coo", "interim-coo", "vp-operations"), "acme", formats=("pdf", "docx"), out=tmp_path
    )
    Service(lib).generate_composed(request)
    page = pypdf.PdfReader(str(request.paths["pdf"])).pages[0]
    assert float(page.mediabox.width) < float(page.mediabox.height)
    section = docx.Document(str(request.paths["docx"])).sections[0]
    assert section.page_width < section.page_height


class _Table(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cols, self.rows, self.cells, self._in = [], [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "th" and attrs.get("scope") == "col":
            self._in = "col"
            self.cols.append("")
        elif tag == "th" and attrs.get("scope") == "row":
            self._in = "row"
            self.rows.append("")
        elif tag == "td":
            self.cells += 1

    def handle_endtag(self, tag):
        if tag == "th":
            self._in = None

    def handle_data(self, data):
        if self._in == "col":
            self.cols[-1] += data
        elif self._in == "row":
            self.rows[-1] += data


def test_html_is_one_table_with_a_column_per_role(five):
    parser = _Table()
    parser.feed(five.paths["html"].read_text("utf-8"))
    assert len(parser.cols) == 1 + len(FIVE)
    assert [c for c in parser.cols[1:]] == [
        f"{t}{lv}"
        for t, lv in zip(TITLES, ("Executive", "Vice President", "Director", "Head", "Manager"), strict=True)
    ]
    assert "Reports to" in parser.rows and "Time horizon" in parser.rows
    assert parser.cells == len(parser.rows) * len(FIVE)


def test_user_text_is_escaped(tmp_path, lib, acme):
    from dataclasses import replace

    evil = replace(acme, name="<script>alert(1)</script> & {{ 7*7 }}")
    request = resolve_comparison(lib, ("coo", "vp-operations"), evil, formats=("html", "md"), out=tmp_path)
    Service(lib).generate_composed(request)
    html = request.paths["html"].read_text("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "{{ 7*7 }}" in html
    assert "\\<script\\>" in request.paths["md"].read_text("utf-8")


@pytest.mark.slow
def test_output_is_byte_identical_run_to_run(five, tmp_path):
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    args = ["compare", *FIVE, "-c", "acme", "-f", ",".join(ALL), "-o", str(tmp_path), "-q"]
    done = subprocess.run(
        jdgen_command(*args), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    for fmt, path in five.paths.items():
        again = tmp_path / "acme" / path.name
        assert again.read_bytes() == path.read_bytes(), fmt


def test_manifest_and_incremental_runs(tmp_path, library_copy):
    service = Service(load_library(library_copy))

    def run():
        request = resolve_comparison(service.lib, FIVE, "acme", formats=("md", "docx"), out=tmp_path)
        return request, [f.status for f in service.generate_composed(request).files]

    request, first = run()
    assert first == ["written", "written"]
    entries = json.loads((request.folder / "manifest.json").read_text())["files"]
    entry = entries[request.paths["md"].name]
    assert entry["template"] == "compare" and entry["roles"][0] == "coo@executive"
    assert "library:blocks/growth.yaml" in entry["sources"] and "templates:md/table.md.j2" in entry["sources"]
    assert run()[1] == ["unchanged", "unchanged"]
    # a block none of the five uses changes nothing; one only the COO uses regenerates it
    for block, expected in (("change", "unchanged"), ("growth", "written")):
        path = library_copy / "blocks" / f"{block}.yaml"
        path.write_text(path.read_text("utf-8").replace("title: ", "title: New ", 1), "utf-8")
        service.reload()
        assert run()[1] == [expected, expected], block


def test_a_hand_edited_comparison_is_kept(tmp_path, lib):
    service = Service(lib)
    request = resolve_comparison(lib, ("coo", "vp-operations"), "acme", formats=("md",), out=tmp_path)
    service.generate_composed(request)
    request.paths["md"].write_text("my notes\n", "utf-8")
    assert [f.status for f in service.generate_composed(request).files] == ["kept"]
    assert request.paths["md"].read_text("utf-8") == "my notes\n"


def test_long_names_stay_portable_and_distinct(lib):
    six = (*FIVE, "operations-coordinator")
    a = resolve_comparison(lib, six, "acme").name
    b = resolve_comparison(lib, (*FIVE, "interim-coo"), "acme").name
    assert a != b and len(a) <= 63 and a.startswith("compare-coo-vp-operations-")
    assert resolve_comparison(lib, ("coo", "vp-operations"), "acme").name == "compare-coo-vp-operations"
    assert resolve_comparison(lib, ("coo", "coo@vp"), "acme").name == "compare-coo-coo-vp"


@pytest.mark.parametrize(
    "roles, message",
    [
        (
            ("coo", "coo"),
            "'coo' is named twice (Chief Operating Officer, Executive): comparing a role with itself",
        ),
        (("coo", "COO"), "is named twice"),
        (("coo", "vp-operatons"), "unknown role 'vp-operatons'. Did you mean 'vp-operations'?"),
        (("coo",), "compare needs at least 2 roles, got 1"),
        (
            ("coo", "ceo", "cfo", "cmo", "cto", "chro", "vp-operations"),
            f"compare takes at most {MAX_ROLES} roles, got 7",
        ),
        (("coo", "vp-operations@nowhere"), "unknown level 'nowhere'"),
    ],
)
def test_bad_input_gives_one_clear_line(tmp_path, roles, message):
    done = run_cli("compare", *roles, "-c", "acme", "-f", "md", "-o", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "acme").exists()


def test_roles_from_families_that_share_nothing_are_refused(tmp_path, library_copy):
    (library_copy / "roles" / "brand-manager.yaml").write_text(
        "id: brand-manager\ntitle: Brand Manager\nfamily: marketing\ndefault_level: manager\n"
        "summary: Runs the brand.\nblocks:\n  - id: innovation\n    emphasis: high\n",
        "utf-8",
    )
    done = run_cli(
        "--library",
        str(library_copy),
        "compare",
        "brand-manager",
        "operations-manager",
        "-f",
        "md",
        "-o",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert (
        "Brand Manager (marketing) shares no job family and no responsibility area "
        "with Operations Manager (operations)" in lines[0]
    )
    # the same role beside one it shares an area with is fine
    done = run_cli(
        "--library",
        str(library_copy),
        "compare",
        "brand-manager",
        "cto",
        "-f",
        "md",
        "-o",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr


def test_formats_without_a_table_form_are_one_clear_error(tmp_path):
    import subprocess

    from conftest import jdgen_command

    proc = subprocess.run(
        jdgen_command("compare", "coo", "vp-operations", "-c", "acme", "-f", "md,txt"),
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert "not written as txt" in proc.stderr and "docx, pdf, html, md, json" in proc.stderr
    assert len(list((tmp_path / "output" / "acme").glob("compare-*.md"))) == 1  # the others are written


@pytest.mark.parametrize("company", ["acme", "brightwater"])
def test_the_footer_dates_the_comparison_as_the_documents_do(tmp_path, lib, company):
    """ "Revised November 1, 2026" (US) or "Revised 1 November 2026" (UK), written by
    Babel as each role's own document writes it, in every format with a footer."""
    import zipfile

    service = Service(lib)
    meta = service.compose(service.resolve("coo", company)).meta
    assert meta.revised_text and meta.revised_text != meta.revised
    request = resolve_comparison(
        lib, ("coo", "vp-operations"), company, formats=("html", "md", "docx"), out=tmp_path
    )
    assert all(f.status == "written" for f in service.generate_composed(request).files)
    footers = {
        "html": request.paths["html"].read_text("utf-8"),
        "md": request.paths["md"].read_text("utf-8"),
        "docx": zipfile.ZipFile(request.paths["docx"]).read("word/footer1.xml").decode(),
    }
    for fmt, text in footers.items():
        assert f"Revised {meta.revised_text}" in text, fmt
        assert f"Revised {meta.revised}" not in text, fmt


def test_the_summary_names_areas_as_the_table_does(lib):
    """An area is its block: a role that words the same block differently (the VP's
    'Budgets and resources' for the COO's financial area) neither takes it on nor hands
    it over (found by a new user's trial); what a step adds or drops is a row of the table."""
    from jdgen.library.sources import default_sources
    from jdgen.render.table import context

    request = resolve_comparison(lib, ("coo", "vp-operations", "head-of-operations"), "acme")
    doc = compose_comparison(lib, request)
    rows = {row.title for group in doc.groups for row in group.rows if row.key == "area"}
    for step in doc.steps:
        assert set(step.adds) <= rows and set(step.drops) <= rows
        assert not set(step.adds) & set(step.drops)
    sentences = " ".join(s.text for s in context(doc, default_sources())["summary"])
    for step in doc.steps:
        for title in step.adds:
            assert title in sentences
