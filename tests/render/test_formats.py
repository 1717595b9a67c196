"""Each format parsed back and checked: DOCX via python-docx, PDF text via pypdf,
HTML and Markdown against golden files (refresh with `pytest --update-golden`)."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from conftest import GOLDEN
from pypdf import PdfReader

from jdgen.render import renderer
from jdgen.service.generate import compose_role


def _docx(jd):
    return docx.Document(io.BytesIO(renderer("docx")(jd)))


def test_docx_uses_word_styles_in_document_order(coo_jd):
    doc = _docx(coo_jd)
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("Title", "Chief Operating Officer") in paras
    headings = [t for s, t in paras if s == "Heading 1"]
    assert headings[:2] == ["Role summary", "Key responsibilities"]
    assert "Qualifications" in headings and headings[-1] == "Equal opportunity"
    areas = [t for s, t in paras if s == "Heading 2"]
    assert areas[: len(coo_jd.sections)] == [s.title for s in coo_jd.sections]
    bullets = [t for s, t in paras if s == "List Bullet"]
    expected = [i for s in coo_jd.sections for i in s.items]
    assert bullets[: len(expected)] == expected


def test_docx_properties_and_header(coo_jd):
    doc = _docx(coo_jd)
    props = doc.core_properties
    assert props.title == "Chief Operating Officer"
    assert "Chief Operating Officer" in props.subject
    assert props.author == "Acme Manufacturing Inc."
    header = doc.sections[0].header.paragraphs[0].text
    assert "Acme Manufacturing Inc." in header
    footer = doc.sections[0].footer.paragraphs[0].text
    assert "Page" in footer and "of" in footer


def test_docx_paper_size(lib, acme, nordwerk):
    letter = _docx(compose_role(lib, "coo", acme)).sections[0]
    a4 = _docx(compose_role(lib, "coo", nordwerk)).sections[0]
    assert round(letter.page_width.inches, 1) == 8.5
    assert round(a4.page_width.mm) == 210


def test_docx_escapes_xml_specials(lib, acme):
    import dataclasses

    odd = dataclasses.replace(acme, name='P&L <Ops> "Group"')
    doc = _docx(compose_role(lib, "coo", odd))
    assert doc.core_properties.author == 'P&L <Ops> "Group"'
    assert any('P&L <Ops> "Group"' in p.text for p in doc.paragraphs)


@pytest.fixture(scope="module")
def coo_pdf(coo_jd):
    return PdfReader(io.BytesIO(renderer("pdf")(coo_jd)))


def test_pdf_text_title_company_and_pages(coo_pdf, coo_jd):
    text = "\n".join(page.extract_text() for page in coo_pdf.pages)
    assert "Chief Operating Officer" in text
    assert "Acme Manufacturing Inc." in text
    assert 2 <= len(coo_pdf.pages) <= 8
    last = coo_pdf.pages[-1].extract_text()
    assert f"Page {len(coo_pdf.pages)} of {len(coo_pdf.pages)}" in last
    assert coo_jd.sections[0].items[0][:40] in re.sub(r"\s+", " ", text)


def test_pdf_metadata_paper_and_fonts(coo_pdf):
    info = coo_pdf.metadata
    assert info.title.startswith("Chief Operating Officer")
    assert info.author == "Acme Manufacturing Inc."
    width, height = coo_pdf.pages[0].mediabox.width, coo_pdf.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (612, 792)  # US Letter
    fonts = coo_pdf.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        descendant = ref.get_object()["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"] or "/FontFile3" in descendant["/FontDescriptor"]


def test_pdf_a4_for_european_company(lib, nordwerk):
    reader = PdfReader(io.BytesIO(renderer("pdf")(compose_role(lib, "coo", nordwerk))))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def _golden(name: str, data: bytes, update: bool):
    path = GOLDEN / name
    if update:
        path.write_bytes(data)
    assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
    assert data.decode("utf-8") == path.read_text("utf-8"), f"{name} changed; review, then --update-golden"


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize(
    ("role", "company", "level"),
    [("coo", "acme", None), ("interim-coo", "acme", None), ("operations-manager", "nordwerk", "director")],
)
def test_golden_text_formats(lib, role, company, level, fmt, update_golden):
    from jdgen.library.loader import load_company

    jd = compose_role(lib, role, load_company(lib, company), level=level)
    suffix = f"-{level}" if level else ""
    _golden(f"{company}-{role}{suffix}.{fmt}", renderer(fmt)(jd), update_golden)


def test_html_is_standalone_and_escaped(lib, acme):
    import dataclasses

    odd = dataclasses.replace(acme, name="<script>alert(1)</script> & Co")
    html = renderer("html")(compose_role(lib, "coo", odd)).decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<style>" in html


def test_markdown_escapes_markup_in_values(lib, acme):
    import dataclasses

    odd = dataclasses.replace(acme, name="*Star* [Ops] <b>")
    md = renderer("md")(compose_role(lib, "coo", odd)).decode()
    assert r"\*Star\* \[Ops\] \<b\>" in md


def test_json_is_the_resolved_object(coo_jd):
    data = json.loads(renderer("json")(coo_jd))
    assert data["title"] == coo_jd.title
    assert [s["title"] for s in data["sections"]] == [s.title for s in coo_jd.sections]
    assert data["scope"]["people"] == dict(coo_jd.scope)["people"]
    assert "experience" not in data["scope"]  # depth is asked for in the requirements, never years
    assert data["meta"]["company_id"] == "acme"


def test_no_leftover_template_syntax(coo_jd):
    for fmt in ("html", "md", "json"):
        text = renderer(fmt)(coo_jd).decode()
        assert not re.search(r"\{\{|\}\}|\{%|%\}|\{#", text), fmt


def markdown_layout_problems(text: str) -> list[str]:
    """markdownlint's MD022 (a heading has a blank line above and below) and MD032 (a
    list has a blank line above and below), outside code fences."""
    lines = text.split("\n")
    item = re.compile(r"\s*([-*+]|\d+[.)])\s")
    heading = re.compile(r"#{1,6}\s")

    def in_list(line: str) -> bool:  # an item, or an item's indented continuation
        return bool(item.match(line)) or (line.startswith(("  ", "\t")) and bool(line.strip()))

    problems, fenced = [], False
    for i, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        if fenced:
            continue
        before = lines[i - 1] if i else ""
        after = lines[i + 1] if i + 1 < len(lines) else ""
        if heading.match(line):
            if before.strip():
                problems.append(f"line {i + 1}: MD022 no blank line above the heading {line!r}")
            if after.strip():
                problems.append(f"line {i + 1}: MD022 no blank line below the heading {line!r}")
        if item.match(line) and before.strip() and not in_list(before):
            problems.append(f"line {i + 1}: MD032 no blank line above the list at {line!r}")
        if in_list(line) and after.strip() and not in_list(after):
            problems.append(f"line {i + 1}: MD032 no blank line below the list before {after!r}")
    return problems


def test_the_markdown_checker_finds_what_markdownlint_does():
    assert markdown_layout_problems("# T\n\n- a\n- b\n\n## H\n\ntext\n") == []
    assert len(markdown_layout_problems("# T\n\n- a\n## H\n\ntext\n")) == 2  # MD022 and MD032
    assert len(markdown_layout_problems("# T\ntext\n\n- a\n")) == 1
    assert len(markdown_layout_problems("text\n- a\n\nmore\n")) == 1


def test_every_markdown_document_has_blank_lines_around_headings_and_lists(lib, tmp_path):
    """Every role at its own level, both templates, for every example company and a
    profile that leaves every optional section out; and a comparison and a ladder."""
    from jdgen.compose.compare import resolve_comparison, resolve_ladder
    from jdgen.library.loader import known_companies, load_company

    (tmp_path / "mini.yaml").write_text("name: Mini Co\n")
    companies = [load_company(lib, c) for c in sorted(known_companies(lib))]
    companies.append(load_company(lib, str(tmp_path / "mini.yaml")))
    problems = []
    for company in companies:
        for role in lib.roles.values():
            if role.industries and company.industry not in role.industries:
                continue
            for template in ("jd", "posting"):
                md = renderer("md")(compose_role(lib, role.id, company, template=template)).decode()
                problems += [f"{company.id} {role.id} {template}: {p}" for p in markdown_layout_problems(md)]
    for request in (
        resolve_comparison(lib, ("coo", "vp-operations", "operations-manager"), "acme"),
        resolve_ladder(lib, "operations", "acme"),
    ):
        md = renderer("md", "render_table")(request.compose(lib)).decode()
        problems += [f"{request.kind}: {p}" for p in markdown_layout_problems(md)]
    assert problems == [], "\n".join(sorted({p.split(": ", 1)[1] for p in problems}))


def test_a_posting_docx_says_it_is_a_posting(lib, acme):
    """Word's properties call a posting a job posting, in its subject as in its category
    (found by a new user's trial)."""
    from jdgen.library.labels import labels
    from jdgen.library.sources import default_sources

    words = labels(default_sources(), "en-US")
    props = _docx(compose_role(lib, "coo", acme, template="posting")).core_properties
    assert props.subject.startswith(f"{words.job_posting}: ") and props.category == words.job_posting
    props = _docx(compose_role(lib, "coo", acme)).core_properties
    assert props.subject.startswith(f"{words.job_description}: ") and props.category == words.job_description
