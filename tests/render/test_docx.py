"""render/docx.py: the Word package built from XML templates: fixed zip dates, the base
parts first, hyperlink ids in order, the proofing language, and a theme's accent, font,
logo and reference styles; every document reopened with python-docx."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import docx
import pytest
import yaml

from jdgen.core.paths import templates_dir
from jdgen.library import theme
from jdgen.library.loader import load_company
from jdgen.library.sources import default_sources
from jdgen.model.data import Branding
from jdgen.render.docx import (
    EMU_PER_PT,
    ZIP_DATE,
    Hyperlinks,
    merged_styles,
    render,
    static_parts,
    style_tabs,
)
from jdgen.service.generate import compose_role

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def styles_xml(*styles: str) -> bytes:
    return f'<w:styles xmlns:w="{W}">{"".join(styles)}</w:styles>'.encode()


def themed(jd, **branding):
    return dataclasses.replace(jd, meta=dataclasses.replace(jd.meta, theme=Branding(**branding)))


def test_hyperlink_ids_follow_first_use():
    links = Hyperlinks()
    assert [links.add(h) for h in ("https://a", "https://b", "https://a")] == [
        "rIdLink1",
        "rIdLink2",
        "rIdLink1",
    ]
    assert links.targets == {"https://a": "rIdLink1", "https://b": "rIdLink2"}


def test_the_package_has_the_base_parts_first_and_no_clock_in_it(coo_jd):
    data = render(coo_jd, default_sources())
    assert data == render(coo_jd, default_sources())  # same inputs, same bytes
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    base = [name for name, _ in static_parts(default_sources())]
    on_disk = {
        p.relative_to(templates_dir() / "docx" / "base").as_posix()
        for p in (templates_dir() / "docx" / "base").rglob("*")
        if p.is_file()
    }
    assert set(base) == on_disk and names[: len(base)] == base
    assert {"word/document.xml", "word/header1.xml", "word/footer1.xml", "docProps/core.xml"} <= set(names)
    assert {info.date_time for info in archive.infolist()} == {ZIP_DATE}
    assert (
        archive.read("word/numbering.xml") == (templates_dir() / "docx/base/word/numbering.xml").read_bytes()
    )
    titles = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name == "Title"]
    assert titles == [coo_jd.title]


@pytest.mark.parametrize(("company", "language"), [("acme", "en-US"), ("brightwater", "en-GB")])
def test_the_proofing_language_is_the_documents(lib, company, language):
    jd = compose_role(lib, "coo", load_company(lib, company))
    assert jd.meta.language == language
    styles = zipfile.ZipFile(io.BytesIO(render(jd, default_sources()))).read("word/styles.xml")
    assert f'w:lang w:val="{language}"'.encode() in styles
    assert styles.count(b"w:lang w:val=") == 1


def test_an_accent_and_a_font_restyle_jdgens_own_styles(coo_jd):
    data = render(themed(coo_jd, accent="#aa3300", font='Dejavu "Serif" & Co'), default_sources())
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")
    own = own_styles(coo_jd)
    house = yaml.safe_load((templates_dir() / "docx" / "style.yaml").read_text("utf-8"))
    accent, font = house["accent"].encode(), f'"{house["font"]}"'.encode()
    assert styles.count(b'w:color w:val="AA3300"') == own.count(b'w:color w:val="' + accent + b'"') > 0
    assert accent not in styles and font not in styles and font in own
    from lxml import etree

    fonts = {f.get(f"{{{W}}}ascii") for f in etree.fromstring(styles).iter(f"{{{W}}}rFonts")}
    assert fonts == {'Dejavu "Serif" & Co'}  # escaped in the XML, read back whole
    docx.Document(io.BytesIO(data))  # still a document Word libraries open


def test_a_logo_sits_in_the_header_at_its_own_proportions(tmp_path, coo_jd):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 40"/>', "utf-8")
    archive = zipfile.ZipFile(io.BytesIO(render(themed(coo_jd, logo=str(logo)), default_sources())))
    assert archive.read("word/media/logo.svg") == logo.read_bytes()
    assert b'Target="media/logo.svg"' in archive.read("word/_rels/header1.xml.rels")
    header = archive.read("word/header1.xml").decode()
    cy = theme.LOGO_HEIGHT_PT * EMU_PER_PT
    assert f'cx="{cy * 4}"' in header and f'cy="{cy}"' in header  # 160 x 40: four times as wide
    assert coo_jd.company.name in header  # the logo's text alternative


def test_the_header_and_footer_tabs_of_a_style_part(coo_jd):
    tab = '<w:tab w:val="center" w:pos="4680"/><w:tab w:val="clear" w:pos="9000"/>'
    styles = styles_xml(
        f'<w:style w:styleId="Header"><w:pPr><w:tabs>{tab}<w:tab w:val="right" w:pos="9360"/>'
        "</w:tabs></w:pPr></w:style>"
    )
    assert style_tabs(styles) == {"Header": ("4680", "9360"), "Footer": ()}
    assert style_tabs(own_styles(coo_jd)) == {"Header": (), "Footer": ()}


def test_a_reference_keeps_its_styles_and_gains_the_ones_it_lacks(coo_jd):
    own = own_styles(coo_jd)
    theirs = styles_xml(
        '<w:style w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:rPr><w:color w:val="0B6E4F"/></w:rPr></w:style>'
    )
    merged = merged_styles(theirs, own)
    from lxml import etree

    ids = [s.get(f"{{{W}}}styleId") for s in etree.fromstring(merged).iter(f"{{{W}}}style")]
    own_ids = [s.get(f"{{{W}}}styleId") for s in etree.fromstring(own).iter(f"{{{W}}}style")]
    assert ids[0] == "Heading1" and ids.count("Heading1") == 1
    assert set(ids) == set(own_ids) | {"Heading1"}
    assert b"0B6E4F" in merged and merged.startswith(b"<?xml")


def test_a_word_reference_documents_styles_and_margins_are_used(tmp_path, coo_jd):
    from docx.shared import Cm, RGBColor

    reference = docx.Document()
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0x0B, 0x6E, 0x4F)
    reference.sections[0].left_margin = Cm(3)
    path = tmp_path / "ref.docx"
    reference.save(str(path))
    document = docx.Document(io.BytesIO(render(themed(coo_jd, docx_reference=str(path)), default_sources())))
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x0B, 0x6E, 0x4F)
    assert document.sections[0].left_margin.cm == pytest.approx(3, abs=0.01)
    assert "List Bullet" in [s.name for s in document.styles]  # jdgen's, added to the reference's
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)


def own_styles(jd) -> bytes:
    """jdgen's own styles part, as an unthemed document carries it."""
    return zipfile.ZipFile(io.BytesIO(render(jd, default_sources()))).read("word/styles.xml")
