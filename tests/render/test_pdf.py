"""render/pdf.py: PDF through WeasyPrint: nothing fetched but an inlined logo, the fonts'
timestamps pinned to the document's date, tagged PDF/UA with the running header and
footer as artifacts; read back with pypdf."""

from __future__ import annotations

import dataclasses
import io
import os
from datetime import UTC, datetime

import pytest
from images import png
from pypdf import PdfReader

from jdgen.library.sources import default_sources
from jdgen.model.data import Branding
from jdgen.render.pdf import _font_timestamp, _refuse_fetch, render


@pytest.mark.parametrize(
    "url", ["https://example.com/x.png", "file:///etc/passwd", "data:text/html,<b>x</b>", "//cdn/x.css"]
)
def test_nothing_is_fetched(url):
    with pytest.raises(ValueError, match="external resource refused"):
        _refuse_fetch(url)


def test_an_inlined_image_is_served_from_its_own_bytes():
    import base64

    data = png(2, 1)
    found = _refuse_fetch("data:image/png;base64," + base64.b64encode(data).decode())
    assert found.read() == data and found.content_type == "image/png"


def test_font_timestamps_are_the_documents_date_unless_the_build_sets_one(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with _font_timestamp("2026-11-15"):
        assert os.environ["SOURCE_DATE_EPOCH"] == str(int(datetime(2026, 11, 15, tzinfo=UTC).timestamp()))
    assert "SOURCE_DATE_EPOCH" not in os.environ
    with _font_timestamp(""):
        assert os.environ["SOURCE_DATE_EPOCH"] == str(int(datetime(1980, 1, 1, tzinfo=UTC).timestamp()))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with _font_timestamp("2026-11-15"):
        assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"


@pytest.fixture(scope="module")
def branded(coo_jd, tmp_path_factory):
    logo = tmp_path_factory.mktemp("logo") / "logo.png"
    logo.write_bytes(png(8, 2))
    jd = dataclasses.replace(coo_jd, meta=dataclasses.replace(coo_jd.meta, theme=Branding(logo=str(logo))))
    return PdfReader(io.BytesIO(render(jd, default_sources())))


def test_the_pdf_is_tagged_with_the_documents_language(branded, coo_jd):
    root = branded.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert root["/Lang"] == coo_jd.meta.language
    text = "\n".join(page.extract_text() for page in branded.pages)
    assert coo_jd.sections[0].title in text


def test_the_running_header_and_footer_are_artifacts(branded):
    for page in branded.pages:
        stream = page.get_contents().get_data()
        assert b"/Artifact" in stream and b"/Pagination" in stream
    footer = branded.pages[-1].extract_text()
    assert f"{len(branded.pages)} of {len(branded.pages)}" in footer


def test_the_inlined_logo_is_drawn(branded):
    images = branded.pages[0].images
    assert any(image.image.size == (8, 2) for image in images)
