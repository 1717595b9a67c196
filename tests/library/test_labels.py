"""library/labels.py: jdgen's own headings (templates/labels.yaml), key-only and strict,
in the document's English."""

from __future__ import annotations

import pytest
import yaml

from jdgen.core.paths import templates_dir
from jdgen.library import english
from jdgen.library.labels import Labels, labels
from jdgen.library.sources import default_sources


def test_labels_are_read_by_key_and_a_missing_key_is_an_error():
    words = Labels({"values": "Our values", "pay": {"year": "Base salary range"}})
    assert words.values == words["values"] == "Our values"  # the label, never dict.values
    assert words.pay.year == "Base salary range" and isinstance(words.pay, Labels)
    with pytest.raises(AttributeError):
        words.vaules  # noqa: B018
    assert words.get("vaules") is None and words.get("vaules", "-") == "-"


def test_the_labels_are_labels_yaml_in_american_english():
    raw = yaml.safe_load((templates_dir() / "labels.yaml").read_text("utf-8"))
    words = labels(default_sources())
    assert words.summary == raw["summary"] and words.scope.budget == raw["scope"]["budget"]
    assert words.differs == raw["differs"]


def test_british_labels_are_respelt_with_the_built_in_table():
    raw = yaml.safe_load((templates_dir() / "labels.yaml").read_text("utf-8"))
    spell = english.speller(english.builtin_spelling(), "en-GB")
    british = labels(default_sources(), "en-GB")
    assert british.differs == spell(raw["differs"])
    assert british.differs != raw["differs"]  # "neighboring" is respelt: the test can tell
    assert british.summary == raw["summary"]


def test_a_layers_own_labels_win_and_are_read_again_when_changed(tmp_path):
    import os

    from jdgen.library.sources import Layer, Sources

    folder = tmp_path / "templates"
    folder.mkdir()
    path = folder / "labels.yaml"
    path.write_text("summary: Summary one\n", "utf-8")
    own = Sources((Layer("own", templates=folder), *default_sources().layers))
    assert labels(own).summary == "Summary one"
    path.write_text("summary: Summary two\n", "utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert labels(own).summary == "Summary two"
    with pytest.raises(AttributeError):
        labels(own).differs  # noqa: B018  (the layer's file is the whole of the labels)
