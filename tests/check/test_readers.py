"""check/readers.py: each kind of file read into one analysable text (headings `# `, list
items `- `) that points back to where each piece stood; bad input is one clear line.
DOCX files are made with python-docx at test time and PDFs rendered by jdgen."""

from __future__ import annotations

import io

import pytest

from jdgen.check.readers import (
    MAX_BYTES,
    CheckInputError,
    Source,
    from_text,
    jdgen_meta,
    read_file,
    suppressions,
)


def test_a_text_offset_is_located_by_line_and_column():
    source = Source("x.md", "md", "one\ntwo\nthree\n")
    assert source.locate(0) == (1, 1)
    assert source.locate(5) == (2, 2)
    assert source.locate(len("one\ntwo\nth")) == (3, 3)
    anchored = Source(
        "x.docx", "docx", "# Title\nBody\n", unit="paragraph", anchors=[(0, 1, 1), (8, 2, None)]
    )
    assert anchored.locate(3) == (1, 4) and anchored.locate(10) == (2, None)


def test_suppression_comments_cover_their_line_the_next_or_the_file():
    raw = (
        "# Ops\n"
        "<!-- jdgen-check ignore gender jargon.buzzword -->\n"
        "\n"
        "A rock star.\n"
        "Synergy. <!-- jdgen-check ignore -->\n"
        "<!-- jdgen-check ignore-file structure -->\n"
    )
    alone, trailing, whole = suppressions(raw)
    assert (alone.rules, alone.line, alone.at) == (frozenset({"gender", "jargon.buzzword"}), 4, 2)
    assert alone.covers("gender.masculine-word", 4) and not alone.covers("gender.x", 5)
    assert not alone.covers("structure.degree", 4)
    assert (trailing.rules, trailing.line) == (frozenset(), 5) and trailing.covers("anything", 5)
    assert whole.line is None and whole.covers("structure.length", 99)


def test_markdown_and_text_are_read_as_written(tmp_path):
    md = tmp_path / "p.md"
    md.write_bytes(b"\xef\xbb\xbf# Ops\r\nRuns the site.\r\n<!-- jdgen-check ignore gender -->\r\nX\r\n")
    source = read_file(md)
    assert (source.kind, source.text) == (
        "md",
        "# Ops\nRuns the site.\n<!-- jdgen-check ignore gender -->\nX\n",
    )
    assert len(source.suppressions) == 1
    txt = tmp_path / "p.txt"
    txt.write_bytes("Caf\u00e9 manager wanted.\n".encode("cp1252"))  # not UTF-8: read as Windows text
    read = read_file(txt)
    assert read.text == "Caf\u00e9 manager wanted.\n" and read.suppressions == []


def test_html_becomes_lines_with_headings_and_items_marked(tmp_path):
    html = (
        "<html><head><title>T</title><meta name='keywords' content='jdgen:template=jd, jdgen:role=coo'>"
        "<style>p{}</style></head><body><h1>Ops   Lead</h1>\n<p>Runs\n  the site.</p>"
        "<ul><li>Plans</li><li>Hires</li></ul><dl><dt>Location</dt><dd>Dayton</dd></dl>"
        "<script>var x = 'rock star';</script></body></html>"
    )
    source = from_text(html, "html", "p.html")
    assert source.text.split("\n")[:5] == [
        "# Ops Lead",
        "Runs the site.",
        "- Plans",
        "- Hires",
        "Location\tDayton",
    ]
    assert "rock star" not in source.text and "p{}" not in source.text
    assert source.meta == {"template": "jd", "role": "coo"}
    line, column = source.locate(source.text.index("the site"))
    assert (line, column) == (3, 3)  # where "the site." stood in the HTML


def test_jdgen_metadata_in_keywords():
    assert jdgen_meta(None) == jdgen_meta("") == {}
    assert jdgen_meta("jdgen:template=posting, jdgen:level=head, other") == {
        "template": "posting",
        "level": "head",
    }


def test_docx_paragraphs_headings_lists_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Warehouse Lead", 1)
    document.add_paragraph("Runs   the Dayton site.")
    document.add_paragraph("Plans shifts", style="List Bullet")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "In a table"
    document.core_properties.keywords = "jdgen:template=jd"
    path = tmp_path / "p.docx"
    document.save(str(path))
    source = read_file(path)
    assert source.kind == "docx" and source.unit == "paragraph" and source.structured
    assert source.text == "# Warehouse Lead\nRuns the Dayton site.\n- Plans shifts\nIn a table\n"
    assert source.locate(source.text.index("Plans")) == (3, 1)
    assert source.meta == {"template": "jd"}


def test_a_tagged_pdf_is_read_by_page_with_headings_items_and_metadata(tmp_path):
    import weasyprint
    from pypdf import PdfReader

    html = (
        "<html lang='en'><head><title>Lead</title><meta name='keywords' content='jdgen:template=jd'></head>"
        "<body><h1>Warehouse Lead</h1><p>Runs the Dayton site.</p>"
        "<ul><li>Plans shifts</li><li>Hires people</li></ul>"
        "<h2 style='break-before: page'>Qualifications</h2><p>Forklift licence.</p></body></html>"
    )
    data = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    path = tmp_path / "p.pdf"
    path.write_bytes(data)
    source = read_file(path)
    assert source.kind == "pdf" and source.unit == "page" and source.structured
    lines = source.text.split("\n")
    assert lines[:4] == ["# Warehouse Lead", "Runs the Dayton site.", "- Plans shifts", "- Hires people"]
    assert "# Qualifications" in lines
    pages = PdfReader(io.BytesIO(data)).pages
    assert source.locate(source.text.index("Runs"))[0] == 1
    assert source.locate(source.text.index("Forklift"))[0] == 2 == len(pages)
    assert "Forklift" in pages[1].extract_text()
    assert source.meta == {"template": "jd"}


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("p.rtf", b"{\\rtf1 hi}", "cannot check '.rtf' files"),
        ("p.md", b"  \n\n", "file is empty"),
        ("p.txt", b"abc\x00def", "is a binary file"),
        ("p.md", b"1234 5678 -- 42\n", "no text found"),
        ("p.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "password-protected"),
        ("p.docx", b"not a zip", "not a .docx file"),
        ("p.docx", b"PK\x03\x04broken", "cannot be read as .docx"),
        ("p.pdf", b"hello", "is not a PDF file"),
    ],
)
def test_a_file_that_cannot_be_checked_is_one_clear_error(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CheckInputError, match=words) as caught:
        read_file(path)
    assert caught.value.code == "check.input" and caught.value.fix


def test_a_folder_or_a_huge_file_is_refused(tmp_path):
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(CheckInputError, match="is a folder"):
        read_file(tmp_path / "dir.md")
    huge = tmp_path / "huge.md"
    with huge.open("wb") as out:
        out.truncate(MAX_BYTES + 1)
    with pytest.raises(CheckInputError, match="MB limit"):
        read_file(huge)


def test_a_docx_zip_bomb_is_one_line_before_anything_unpacks_it(tmp_path):
    """A 1 MB file that unpacks to 60 MB of XML is refused from the sizes it declares."""
    import zipfile

    from jdgen.check.readers import read_docx
    from jdgen.core.errors import JdgenError

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"<w:p><w:r><w:t>We are hiring now.</w:t></w:r></w:p>" * 20_000
            for _ in range(60_000_000 // len(chunk)):
                part.write(chunk)
    assert path.stat().st_size < 2_000_000
    with pytest.raises(JdgenError) as caught:
        read_docx(path, path.read_bytes())
    assert "unpacks to more than 50 MB" in str(caught.value) and "bomb.docx" in str(caught.value)
