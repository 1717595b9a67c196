"""render/txt.py: plain text for ATS forms and e-mail; no markup, bullets "- ",
headings as capital lines, links written out, wrapped at 80 columns or not at all."""

from __future__ import annotations

import dataclasses
import re

import pytest
from conftest import roles_of

from jdgen.library.loader import load_company
from jdgen.render import renderer
from jdgen.render.txt import wrap_line
from jdgen.service.generate import compose_role

# Markdown and HTML markup: emphasis, headings, links, code, tables, tags, entities
MARKUP = re.compile(r"[*_#`|<>\[\]{}\\]|&[a-z]+;|&#\d+;|^\s*[=-]{3,}\s*$|^\s*(\d+\.|\+|\*)\s", re.MULTILINE)


def _text(jd) -> str:
    return renderer("txt")(jd).decode("utf-8")


@pytest.mark.parametrize("company_id", ["acme", "nordwerk"])
@pytest.mark.parametrize("template", ["jd", "posting"])
def test_no_markup_and_80_columns_for_every_role(lib, company_id, template):
    company = load_company(lib, company_id)
    for role_id in roles_of(lib, company):
        jd = compose_role(lib, role_id, company, template=template)
        text = _text(jd)
        where = f"{company_id}/{role_id}/{template}"
        assert not MARKUP.search(text), f"{where}: {MARKUP.search(text)!r}"
        long = [line for line in text.splitlines() if len(line) > 80]
        assert long == [], where
        assert text.endswith("\n") and "\n\n\n" not in text and not text.startswith((" ", "\n"))
        assert jd.title.upper() in text.splitlines()[0]


def test_structure_headings_bullets_and_links(lib, acme):
    jd = compose_role(lib, "coo", acme)
    text = _text(jd)
    lines = text.splitlines()
    assert lines[0] == "CHIEF OPERATING OFFICER"
    assert lines[1] == "Acme Manufacturing Inc. · Job description"
    for heading in ("ROLE SUMMARY", "KEY RESPONSIBILITIES", "HOW SUCCESS IS MEASURED", "EQUAL OPPORTUNITY"):
        i = lines.index(heading)
        assert lines[i - 1] == "" and lines[i + 1] == "", heading
    assert f"{jd.sections[0].title}:" in lines
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) >= sum(len(s.items) for s in jd.sections)
    # links are written out, whole, never as markup
    assert "Website: https://acme.example.com" in lines
    assert "accommodations@acme.example.com." in text
    posting = _text(compose_role(lib, "coo", acme, template="posting"))
    assert "https://acme.example.com/careers" in posting
    assert "Base salary range: $240,000 – $340,000 per year" in posting


def test_bullets_wrap_under_their_text(lib, acme):
    text = _text(compose_role(lib, "coo", acme, template="posting"))
    lines = text.splitlines()
    continued = [
        (a, b) for a, b in zip(lines, lines[1:], strict=False) if a.startswith("- ") and b.startswith("  ")
    ]
    assert continued, "some bullet is longer than 80 characters"
    for _, after in continued:
        assert after.startswith("  ") and not after.startswith("   ")


def test_unwrapped_keeps_each_paragraph_and_item_on_one_line(lib, acme):
    jd = compose_role(lib, "coo", acme)
    unwrapped = renderer("txt")(dataclasses.replace(jd, meta=dataclasses.replace(jd.meta, wrap=0))).decode()
    lines = unwrapped.splitlines()
    assert jd.company.about in lines and jd.summary in lines and jd.eeo in lines
    assert all(f"- {item}" in lines for s in jd.sections for item in s.items)
    assert max(len(line) for line in lines) > 80
    # the same words, only the line breaks differ
    assert unwrapped.split() == _text(jd).split()


def test_wrap_never_breaks_a_word_or_a_link():
    url = "https://example.com/" + "a" * 90
    line = f"- Apply at {url} today, with a short note on why the role interests you."
    wrapped = wrap_line(line, 40).splitlines()
    assert url in [row.strip() for row in wrapped]
    assert all(len(row) <= 40 for row in wrapped if url not in row)
    assert wrap_line(line, 0) == line and wrap_line("short", 40) == "short"


def test_user_text_is_printed_as_written(lib, acme):
    odd = dataclasses.replace(acme, name="P&L <Ops> {{ x }}", about='Says "hi" & *waves*.')
    text = _text(compose_role(lib, "coo", odd))
    assert "P&L <Ops> {{ x }}" in text and 'Says "hi" & *waves*.' in text
    assert "&amp;" not in text and "&lt;" not in text and "\\*" not in text


def test_wrap_option_on_the_command_line_and_in_the_manifest(run, tmp_path):
    assert run("coo", "-c", "acme", "-f", "txt").exit_code == 0
    path = tmp_path / "output" / "acme" / "coo.txt"
    wrapped = path.read_text("utf-8")
    assert max(len(line) for line in wrapped.splitlines()) <= 80
    again = run("coo", "-c", "acme", "-f", "txt")
    assert "unchanged output/acme/coo.txt" in again.output
    result = run("coo", "-c", "acme", "-f", "txt", "--wrap", "0")
    assert "wrote output/acme/coo.txt" in result.output
    assert max(len(line) for line in path.read_text("utf-8").splitlines()) > 80
    assert path.read_text("utf-8").split() == wrapped.split()
    narrow = run("coo", "-c", "acme", "-f", "txt", "--wrap", "10")
    assert narrow.exit_code == 1
    assert narrow.output.strip().splitlines() == [
        "error: wrap width 10 is too narrow for plain text "
        "(fix: use 0 for no wrapping, or a width of 20 or more such as 80)"
    ]


def test_wrap_in_a_batch_file(run, tmp_path):
    (tmp_path / "b.yaml").write_text("companies: [acme]\nroles: [coo]\nformats: [txt]\nwrap: 0\n", "utf-8")
    result = run("batch", "b.yaml", "-q", "-j", "1")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "output" / "acme" / "coo.txt").read_text("utf-8")
    assert max(len(line) for line in text.splitlines()) > 80
    result = run("batch", "b.yaml", "-q", "-j", "1", "--wrap", "60")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "output" / "acme" / "coo.txt").read_text("utf-8")
    assert max(len(line) for line in text.splitlines()) <= 60
    (tmp_path / "bad.yaml").write_text("companies: [acme]\nroles: [coo]\nformats: [txt]\nwrap: 5\n", "utf-8")
    bad = run("batch", "bad.yaml", "-q")
    assert bad.exit_code == 1
    assert bad.output.strip().splitlines() == [
        "error: bad.yaml:4: wrap: wrap width 5 is too narrow for plain text "
        "(fix: use 0 for no wrapping, or a width of 20 or more such as 80)"
    ]
    assert run("batch", "b.yaml", "-q", "--wrap", "19").exit_code == 1
