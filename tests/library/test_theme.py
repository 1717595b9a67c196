"""Branding: logo, accent, font and a Word reference document, and their errors."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import jdgen_command

from jdgen.core.errors import JdgenError

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 40">'
    '<rect width="40" height="40" fill="#0b6e4f"/></svg>'
)


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(jdgen_command(*args), capture_output=True, text=True, cwd=cwd)


def profile(tmp_path: Path, theme: str) -> None:
    (tmp_path / "companies").mkdir(exist_ok=True)
    (tmp_path / "companies" / "bw.yaml").write_text(
        f"name: Brightwater Software Ltd\ncountry: GB\ntheme:\n{theme}", "utf-8"
    )


def reference_docx(path: Path) -> None:
    import docx
    from docx.shared import Cm, RGBColor

    document = docx.Document()
    document.styles["Heading 1"].font.name = "DejaVu Serif"
    document.styles["Heading 1"].font.color.rgb = RGBColor(0x0B, 0x6E, 0x4F)
    document.sections[0].left_margin = Cm(3)
    document.save(str(path))


@pytest.mark.slow
def test_the_theme_brands_docx_pdf_and_html(tmp_path):
    (tmp_path / "logo.svg").write_text(LOGO, "utf-8")
    reference_docx(tmp_path / "ref.docx")
    profile(
        tmp_path,
        "  logo: ../logo.svg\n  accent: '#0b6e4f'\n  font: DejaVu Sans\n  docx_reference: ../ref.docx\n",
    )
    proc = run(tmp_path, "coo", "-c", "bw", "-f", "docx,pdf,html,json")
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "output" / "bw"
    import docx
    from pypdf import PdfReader

    data = (out / "coo.docx").read_bytes()
    document = docx.Document(io.BytesIO(data))
    assert document.styles["Heading 1"].font.name == "DejaVu Serif"  # the reference's style
    assert document.sections[0].left_margin.cm == pytest.approx(3, abs=0.01)  # and its margins
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    parts = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "word/media/logo.svg" in parts and "word/_rels/header1.xml.rels" in parts
    header = zipfile.ZipFile(io.BytesIO(data)).read("word/header1.xml")
    assert b"rIdLogo" in header
    # the logo names the company: the running line beside it does not say it again
    shown = re.findall(rb"<w:t[^>]*>([^<]*)</w:t>", header)
    assert shown == [b"Chief Operating Officer"]
    # the Word template's Header style centres at 4680 twips: cleared, so the title sits right
    assert b'<w:tab w:val="clear" w:pos="4680"/>' in header
    assert str(tmp_path) not in (out / "coo.json").read_text("utf-8")  # no local paths in the data
    html = (out / "coo.html").read_text("utf-8")
    assert 'class="logo" src="data:image/svg+xml;base64,' in html and "--accent: #0b6e4f" in html
    page = PdfReader(str(out / "coo.pdf")).pages[0]
    assert b"/XObject" in page["/Resources"].get_object().__repr__().encode() or page["/Resources"].get(
        "/XObject"
    )


def test_without_a_reference_the_accent_restyles_jdgens_own_docx(tmp_path):
    profile(tmp_path, "  accent: '#AA3300'\n")
    assert run(tmp_path, "coo", "-c", "bw", "-f", "docx").returncode == 0
    styles = zipfile.ZipFile(tmp_path / "output" / "bw" / "coo.docx").read("word/styles.xml")
    assert b'w:color w:val="AA3300"' in styles and b"1F4E79" not in styles


@pytest.mark.parametrize(
    ("theme", "words"),
    [
        ("  logo: missing.svg\n", "logo file not found"),
        ("  logo: ../broken.svg\n", "cannot be used"),
        ("  font: No Such Font 9000\n", "is not installed"),
        ("  docx_reference: ../broken.docx\n", "cannot be read"),
        ("  accent: green\n", "is not a colour"),
        ("  logo: ../photo.jpg\n", "it looks like a JPEG; only SVG or PNG logos are supported"),
        ("  logo: ../photo.svg\n", "it looks like a JPEG; only SVG or PNG logos are supported"),
        ("  logo: ../Logo.png\n", "logo file not found: "),
        ("  logo: ../Logo.png\n", ". Did you mean ../logo.png?"),
        ("  docx_reference: ../missing.docx\n", "Word reference document not found: "),
    ],
)
def test_theme_problems_are_one_line_naming_the_profile_line(tmp_path, theme, words):
    (tmp_path / "broken.svg").write_text("<svg", "utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (tmp_path / "photo.svg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    profile(tmp_path, theme)
    proc = run(tmp_path, "coo", "-c", "bw", "-f", "docx")
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "companies/bw.yaml:4:" in lines[0] and words in lines[0], proc.stderr
    assert "Errno" not in proc.stderr
    assert not (tmp_path / "output" / "bw" / "coo.docx").exists()


# In process, fast: the theme's files found, checked and read.


def _company(acme, **theme):
    import dataclasses

    from jdgen.model.data import Theme

    return dataclasses.replace(acme, theme=Theme(**theme))


def test_theme_files_are_found_beside_the_workspace_else_the_profile(tmp_path, acme):
    from jdgen.core.caches import clear_all
    from jdgen.library import theme

    profile_file = tmp_path / "companies" / "bw.yaml"
    profile_file.parent.mkdir()
    assert theme.base_folder(profile_file) == profile_file.parent
    found = theme.branding(_company(acme, logo="logo.svg", accent="#0b6e4f"), profile_file)
    assert found.logo == str((profile_file.parent / "logo.svg").resolve()) and found.accent == "#0b6e4f"
    assert found.docx_reference is None and theme.branding(acme, profile_file) is None
    (tmp_path / "jdgen.yaml").write_text("company: bw\n", "utf-8")
    clear_all()
    assert theme.base_folder(profile_file) == tmp_path.resolve()


def png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "#0b6e4f").save(out, "PNG")
    return out.getvalue()


def test_logo_sizes_come_from_the_image(tmp_path):
    from jdgen.library.theme import logo_size

    assert logo_size(png(320, 80), ".png") == (320.0, 80.0)
    assert logo_size(LOGO.encode(), ".svg") == (160.0, 40.0)
    sized = b'<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="30.5"/>'
    assert logo_size(sized, ".svg") == (120.0, 30.5)
    for data, suffix, words in [
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', ".svg", "neither a viewBox"),
        (b"<html/>", ".svg", "not an SVG"),
        (b"<svg", ".svg", "not a valid SVG"),
        (b"GIF89a", ".gif", "a GIF file"),
        (b"text", ".png", "not a PNG"),
    ]:
        with pytest.raises(ValueError, match=words):
            logo_size(data, suffix)


def test_theme_problems_name_the_value_and_the_code(tmp_path, acme):
    from jdgen.library import theme

    profile_file = tmp_path / "companies" / "bw.yaml"
    profile_file.parent.mkdir()
    (tmp_path / "companies" / "Logo.svg").write_text(LOGO, "utf-8")
    company = _company(acme, logo="logo.svg", accent="green", docx_reference="ref.docx")
    found = {d.code: d for d in theme.check(company, profile_file)}
    assert set(found) == {"theme.logo", "theme.accent", "theme.docx-reference"}
    assert "Did you mean Logo.svg?" in found["theme.logo"].message
    assert all(d.file == profile_file and d.fix for d in found.values())
    good = _company(acme, logo="Logo.svg", accent="#0B6E4F")
    assert theme.check(good, profile_file) == [] and theme.check(acme, profile_file) == []


def test_the_stylesheet_additions_and_the_inlined_logo(tmp_path):
    import base64

    from jdgen.library import theme
    from jdgen.model.data import Branding

    assert theme.css(None) == "" and theme.css(Branding()) == ""
    css = theme.css(Branding(accent="#0b6e4f", font='Dejavu "Sans"'))
    assert ":root { --accent: #0b6e4f; }" in css and 'font-family: "Dejavu Sans", ' in css
    logo = tmp_path / "logo.svg"
    logo.write_text(LOGO, "utf-8")
    uri = theme.logo_data_uri(Branding(logo=str(logo)))
    assert uri == "data:image/svg+xml;base64," + base64.b64encode(LOGO.encode()).decode()
    assert theme.logo_data_uri(Branding()) is None


def test_a_word_reference_gives_its_styles_and_margins_in_twips(tmp_path):
    from jdgen.library import theme

    reference_docx(tmp_path / "ref.docx")
    styles, margins = theme.reference_styles(str(tmp_path / "ref.docx"))
    assert b"DejaVu Serif" in styles and styles.startswith(b"<?xml")
    assert margins[3] == round(3 / 2.54 * 1440)  # 3 cm on the left
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 nope")
    with pytest.raises(JdgenError, match="not a Word document"):
        theme.reference_styles(str(tmp_path / "bad.docx"))


def test_a_logo_too_large_to_measure_and_margins_with_no_room_for_text_are_one_line(tmp_path):
    import docx
    from docx.shared import Twips

    from jdgen.library import theme

    huge = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e308 1e308"/>'
    with pytest.raises(ValueError, match="over 1e\\+06 units"):
        theme.logo_size(huge, ".svg")
    for left, right in [(99_999_999, 0), (1440, 7200)]:
        document = docx.Document()
        document.sections[0].left_margin = Twips(left)
        document.sections[0].right_margin = Twips(right)
        document.save(str(tmp_path / "m.docx"))
        with pytest.raises(JdgenError, match="page margins"):
            theme.reference_styles(str(tmp_path / "m.docx"))


@pytest.mark.parametrize("key", ["docx_reference", "logo"])
def test_a_theme_file_that_is_a_symlink_loop_is_one_line(tmp_path, key):
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "self").symlink_to("self")
    (tmp_path / "x.yaml").write_text(f"name: X\ntheme: {{{key}: theme/self}}\n", "utf-8")
    proc = subprocess.run(
        jdgen_command("coo", "-c", "x.yaml", "-f", "html"), capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    (line,) = [row for row in proc.stderr.splitlines() if row.startswith("error")]
    assert "x.yaml:2" in line and "symbolic links" in line
