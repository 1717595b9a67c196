"""Accessibility and links, checked on real output: DOCX reopened with python-docx and
read as XML, PDF read back with pypdf (and pdftotext when installed), HTML parsed."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser

import docx
import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from jdgen.render import renderer
from jdgen.service.generate import compose_role

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


@pytest.fixture(scope="module")
def jds(lib, acme, nordwerk):
    """Letter and A4, full description and posting."""
    return {
        "acme": compose_role(lib, "coo", acme),
        "nordwerk": compose_role(lib, "coo", nordwerk),
        "acme-posting": compose_role(lib, "coo", acme, template="posting"),
        "nordwerk-posting": compose_role(lib, "coo", nordwerk, template="posting"),
    }


@pytest.fixture(scope="module")
def pdfs(jds):
    return {name: renderer("pdf")(jd) for name, jd in jds.items()}


# --- 1. DOCX header and footer tab stops fit the paper ----------------------------------


def _tab_stops(paragraph) -> dict[int, str]:
    """Every tab stop a paragraph sees: its style's, then its own (`clear` removes one)."""
    stops: dict[int, str] = {}
    for ppr in (paragraph.style.element.pPr, paragraph._p.pPr):
        tabs = None if ppr is None else ppr.find(f"{W}tabs")
        for tab in [] if tabs is None else tabs.findall(f"{W}tab"):
            pos, kind = int(tab.get(f"{W}pos")), tab.get(f"{W}val")
            if kind == "clear":
                stops.pop(pos, None)
            else:
                stops[pos] = kind
    return stops


@pytest.mark.parametrize("name", ["acme", "nordwerk", "acme-posting", "nordwerk-posting"])
def test_docx_header_footer_right_tab_is_the_text_width(jds, name):
    doc = docx.Document(io.BytesIO(renderer("docx")(jds[name])))
    section = doc.sections[0]
    text_width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    for part in (section.header, section.footer):
        for paragraph in part.paragraphs:
            if "\t" not in paragraph.text:
                continue
            stops = _tab_stops(paragraph)
            assert stops.get(text_width) == "right", (jds[name].meta.paper, stops, text_width)
            assert max(stops) <= text_width, "a tab stop beyond the right margin"


# --- 2. No hidden text in the PDF's text layer ------------------------------------------


def _pdftotext(data: bytes) -> list[str] | None:
    if not shutil.which("pdftotext"):
        return None
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


@pytest.mark.parametrize("name", ["acme", "nordwerk", "acme-posting"])
def test_pdf_text_layer_has_no_hidden_fragments(jds, pdfs, name):
    jd = jds[name]
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdfs[name])).pages]
    for source, texts in (("pypdf", pages), ("pdftotext", _pdftotext(pdfs[name]) or [])):
        for number, text in enumerate(texts, 1):
            flat = re.sub(r"\s+", " ", text)
            # The only "Page" is the visible footer's "Page N of M"; no label strings alone.
            assert not re.search(r"\bPage\b(?! \d+ of \d+)", flat), (source, number, flat[:300])
            assert flat.count(f"Revised {jd.meta.revised_text}") == 1, (source, number)
            assert f"{jd.company.name} {jd.title} Page" not in flat, (source, number)


# --- 3. Tagged PDF, PDF/UA-1 ------------------------------------------------------------


def _struct_types(node, seen=None) -> list[str]:
    """Structure types in the tree, depth first."""
    seen = set() if seen is None else seen
    found = []
    kids = node.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, list) else [kids]:
        obj = kid.get_object() if hasattr(kid, "get_object") else kid
        if not hasattr(obj, "get") or id(obj) in seen:
            continue
        seen.add(id(obj))
        if obj.get("/Type") == "/StructElem" or "/S" in obj:
            found.append(obj["/S"])
            found.extend(_struct_types(obj, seen))
    return found


@pytest.mark.parametrize("name", ["acme", "nordwerk-posting"])
def test_pdf_is_tagged_pdf_ua_1(jds, pdfs, name):
    data = pdfs[name]
    assert data.startswith(b"%PDF-1.7")
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert isinstance(root["/MarkInfo"]["/Marked"], BooleanObject) and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == jds[name].meta.language
    display_title = root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert isinstance(display_title, BooleanObject) and display_title
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"""pdfuaid:part(="1"|>1<)""", xmp), xmp
    assert jds[name].title in xmp  # dc:title, which DisplayDocTitle shows
    types = _struct_types(root["/StructTreeRoot"].get_object())
    assert {"/H1", "/H2", "/L", "/LI"} <= set(types), sorted(set(types))
    assert types.index("/H1") < types.index("/H2")


def _marked_text(page) -> list[tuple[str, str]]:
    """(innermost marked-content tag or '', text) for every piece of text drawn on a page."""
    stack: list[str] = []
    pieces: list[tuple[str, str]] = []

    def before(operator, operands, cm, tm):
        if operator in (b"BDC", b"BMC"):
            stack.append(operands[0])
        elif operator == b"EMC":
            stack.pop()

    def text(value, cm, tm, font, size):
        if value.strip():
            pieces.append((stack[-1] if stack else "", value))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return pieces


def test_pdf_running_header_and_footer_are_artifacts(jds, pdfs):
    jd = jds["acme"]
    pages = PdfReader(io.BytesIO(pdfs["acme"])).pages
    for number, page in enumerate(pages, 1):
        pieces = _marked_text(page)
        artifacts = " ".join(text for tag, text in pieces if tag == "/Artifact")
        content = " ".join(text for tag, text in pieces if tag != "/Artifact")
        assert f"Page {number} of {len(pages)}" in re.sub(r"\s+", " ", artifacts), artifacts
        # the running header from page 2: page 1 names the company under its title
        assert (jd.company.name in artifacts) == (number > 1)
        assert "Page" not in content  # the running footer is not part of the document's text
        assert all(tag for tag, _ in pieces), "text outside any marked content"


# --- 4. HTML landmarks ------------------------------------------------------------------

LANDMARKS = {"main", "header", "footer", "nav", "aside"}


class _Landmarks(HTMLParser):
    """Counts <main> and collects visible text that lies outside every landmark."""

    VOID = {"meta", "link", "br", "img", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.mains = 0
        self.outside: list[str] = []
        self.sections_outside_main = 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.mains += 1
        if tag == "section" and "main" not in self.stack:
            self.sections_outside_main += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if "body" in self.stack and data.strip() and not LANDMARKS & set(self.stack):
            self.outside.append(data.strip())


def _landmarks(html: str) -> _Landmarks:
    parser = _Landmarks()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("name", ["acme", "nordwerk-posting"])
def test_html_documents_have_a_main_landmark(jds, name):
    html = renderer("html")(jds[name]).decode()
    found = _landmarks(html)
    assert found.mains == 1
    assert found.sections_outside_main == 0
    assert found.outside == [], found.outside[:5]
    assert re.search(r"<main>.*<h1>", html, re.S), "the title belongs to the main content"


def test_html_index_has_a_main_landmark(tmp_path):
    from conftest import jdgen_command

    subprocess.run(
        jdgen_command("batch", "-c", "acme", "--family", "operations", "-f", "md", "-q", "-o", str(tmp_path)),
        check=True,
    )
    found = _landmarks((tmp_path / "acme" / "index.html").read_text("utf-8"))
    assert found.mains == 1
    assert found.outside == [], found.outside[:5]


# --- 5. Apply link and accommodations address are real links ---------------------------

ACME_APPLY = "https://acme.example.com/careers"
ACME_MAIL = "accommodations@acme.example.com"
NORDWERK_APPLY = "https://nordwerk.example.com/karriere"  # the sentence's full stop is not part of it


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self.links.append((self._href, ""))

    def handle_data(self, data):
        if self._href is not None:
            self.links[-1] = (self._href, self.links[-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None


def _anchors(html: str) -> list[tuple[str, str]]:
    parser = _Anchors()
    parser.feed(html)
    return parser.links


def test_html_links_apply_and_accommodations(jds):
    acme = _anchors(renderer("html")(jds["acme-posting"]).decode())
    assert (ACME_APPLY, ACME_APPLY) in acme
    assert (f"mailto:{ACME_MAIL}", ACME_MAIL) in acme
    assert (f"mailto:{ACME_MAIL}", ACME_MAIL) in _anchors(renderer("html")(jds["acme"]).decode())
    assert (NORDWERK_APPLY, NORDWERK_APPLY) in _anchors(renderer("html")(jds["nordwerk-posting"]).decode())


def test_markdown_autolinks_apply_and_accommodations(jds):
    md = renderer("md")(jds["acme-posting"]).decode()
    assert f"<{ACME_APPLY}>" in md and f"<{ACME_MAIL}>" in md
    assert f"<{NORDWERK_APPLY}>." in renderer("md")(jds["nordwerk-posting"]).decode()


def _pdf_uris(data: bytes) -> set[str]:
    uris = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/A" in annot:
                uris.add(annot["/A"]["/URI"])
    return uris


def test_pdf_link_annotations(pdfs):
    assert {ACME_APPLY, f"mailto:{ACME_MAIL}"} <= _pdf_uris(pdfs["acme-posting"])
    assert f"mailto:{ACME_MAIL}" in _pdf_uris(pdfs["acme"])
    assert NORDWERK_APPLY in _pdf_uris(pdfs["nordwerk-posting"])


def _docx_links(data: bytes) -> list[tuple[str, str]]:
    """(target, text) of every w:hyperlink in the body, resolved through its relationship."""
    from xml.etree import ElementTree as ET

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = ET.fromstring(archive.read("word/document.xml"))
        rels = ET.fromstring(archive.read("word/_rels/document.xml.rels"))
    targets = {
        rel.get("Id"): rel.get("Target")
        for rel in rels.iter(f"{REL}Relationship")
        if rel.get("Type") == HYPERLINK_TYPE and rel.get("TargetMode") == "External"
    }
    return [
        (targets[link.get(f"{R}id")], "".join(t.text or "" for t in link.iter(f"{W}t")))
        for link in body.iter(f"{W}hyperlink")
    ]


def test_docx_hyperlinks_with_external_relationships(jds):
    links = _docx_links(renderer("docx")(jds["acme-posting"]))
    assert (ACME_APPLY, ACME_APPLY) in links
    assert (f"mailto:{ACME_MAIL}", ACME_MAIL) in links
    assert (f"mailto:{ACME_MAIL}", ACME_MAIL) in _docx_links(renderer("docx")(jds["acme"]))
    assert (NORDWERK_APPLY, NORDWERK_APPLY) in _docx_links(renderer("docx")(jds["nordwerk-posting"]))
    # python-docx still opens it and the sentence reads the same as before
    doc = docx.Document(io.BytesIO(renderer("docx")(jds["acme-posting"])))
    rels = {rel.target_ref for rel in doc.part.rels.values() if rel.is_external}
    assert {ACME_APPLY, f"mailto:{ACME_MAIL}"} <= rels


HOSTILE_APPLY = (
    '<a href="javascript:alert(1)">x</a> "><script>alert(2)</script> '
    'javascript:alert(3) https://ok.example.com/a?b=1&c=2"onmouseover=alert(4) me@ok.example.com'
)


def test_links_in_user_text_stay_data(lib, acme):
    odd = dataclasses.replace(acme, apply=HOSTILE_APPLY, eeo="Write to <b>x@y.example.org</b>.")
    jd = compose_role(lib, "coo", odd, template="posting")
    html = renderer("html")(jd).decode()
    assert "<script>" not in html and "javascript:" not in re.sub(r">[^<]*<", "><", html)
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;x&lt;/a&gt;" in html
    hrefs = [href for href, _ in _anchors(html)]
    assert "https://ok.example.com/a?b=1&c=2" in hrefs  # the quote ends the address
    assert "mailto:me@ok.example.com" in hrefs and "mailto:x@y.example.org" in hrefs
    assert all(re.fullmatch(r"(https?://|mailto:)[^\s\"'<>]+", h) for h in hrefs), hrefs
    assert "&lt;b&gt;" in html
    md = renderer("md")(jd).decode()
    assert "<script>" not in md and "\\<script\\>" in md
    assert "<https://ok.example.com/a?b=1&c=2>" in md
    links = _docx_links(renderer("docx")(jd))
    assert ("https://ok.example.com/a?b=1&c=2", "https://ok.example.com/a?b=1&c=2") in links
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(renderer("docx")(jd))).paragraphs)
    assert '<a href="javascript:alert(1)">x</a>' in text  # literal, as written
