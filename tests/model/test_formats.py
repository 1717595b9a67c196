"""model/formats.py: the one table of formats and templates, and reading `--format`."""

from __future__ import annotations

import typing
from importlib import import_module

import pytest

from jdgen.core.errors import JdgenError
from jdgen.model.formats import DEFAULT_FORMATS, FORMATS, TEMPLATES, Format, extension, parse_formats


def test_formats_are_read_in_order_once_each_case_and_spaces_ignored():
    assert parse_formats("pdf,docx, md") == ("pdf", "docx", "md")
    assert parse_formats(" PDF ,pdf,,Markdown,md") == ("pdf", "md")  # markdown is md


@pytest.mark.parametrize("text", ["", " , ", "doc", "pdf,word"])
def test_an_unknown_or_empty_format_names_the_known_ones(text):
    with pytest.raises(JdgenError) as caught:
        parse_formats(text)
    assert "docx" in str(caught.value) or "docx" in (caught.value.fix or "")


def test_the_table_the_type_and_the_renderers_agree():
    assert typing.get_args(Format) == tuple(FORMATS)
    assert set(DEFAULT_FORMATS) <= set(FORMATS) and TEMPLATES == ("jd", "posting")
    for fmt, (ext, module) in FORMATS.items():
        assert extension(fmt) == ext
        assert callable(import_module(f"jdgen.render.{module}").render), fmt
