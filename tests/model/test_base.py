"""model/base.py: where a value was written, and text that remembers its line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from jdgen.model.base import IsoDate, Origin, Text


def test_origin_is_a_frozen_value():
    here = Origin(Path("roles/coo.yaml"), 3)
    assert here == Origin(Path("roles/coo.yaml"), 3) and hash(here) == hash(Origin(Path("roles/coo.yaml"), 3))
    assert here != Origin(Path("roles/coo.yaml"), 4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        here.line = 5


def test_text_is_a_string_that_carries_its_place_per_value():
    text = Text("Chief Operating Officer")
    text.file, text.line = Path("roles/coo.yaml"), 2
    other = Text("Chief Operating Officer")
    assert text == "Chief Operating Officer" and isinstance(text, str)
    assert (text.file, text.line) == (Path("roles/coo.yaml"), 2)
    assert (other.file, other.line) == (None, None)  # the place belongs to one value, not the class
    assert IsoDate("2026-11-15") == "2026-11-15" and isinstance(IsoDate("2026-11-15"), str)


def test_loaded_text_remembers_the_line_it_was_written_on(tmp_path):
    from jdgen.library.posting import load_posting

    path = tmp_path / "p.yaml"
    path.write_text("role: coo\ntitle: Head of Things\n", "utf-8")
    posting = load_posting(path)
    assert posting.title == "Head of Things"
    assert getattr(posting.title, "line", None) == 2
