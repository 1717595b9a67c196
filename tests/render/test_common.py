"""render/common.py: static template files, read through the template layers, noted as
read, and read again only when they change."""

from __future__ import annotations

import os

from jdgen.core.paths import templates_dir
from jdgen.core.provenance import recording
from jdgen.library.sources import Layer, Sources, default_sources
from jdgen.render.common import read_text, template_text


def test_a_stylesheet_is_read_through_the_layers_and_noted(tmp_path):
    with recording() as reads:
        text = template_text(default_sources(), "css/print.css")
    assert text == (templates_dir() / "css" / "print.css").read_text("utf-8")
    assert reads == {"templates:css/print.css"}
    own = tmp_path / "templates" / "css"
    own.mkdir(parents=True)
    (own / "print.css").write_text("@page { margin: 1cm; }\n", "utf-8")
    layered = Sources((Layer("own", templates=tmp_path / "templates"), *default_sources().layers))
    assert template_text(layered, "css/print.css") == "@page { margin: 1cm; }\n"


def test_a_changed_file_is_read_again(tmp_path):
    path = tmp_path / "a.css"
    path.write_text("one", "utf-8")
    first = path.stat().st_mtime_ns
    assert read_text(path, first) == "one"
    path.write_text("two", "utf-8")
    os.utime(path, ns=(first, first + 10**9))
    assert read_text(path, first) == "one"  # remembered while the mtime is the same
    assert read_text(path, path.stat().st_mtime_ns) == "two"
