"""model/data.py: the library's, a profile's and a document's types: their own rules
(the duty passes, hashing, the summary shown, a document's data)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from jdgen.model.data import (
    DUTY_PASSES,
    MAX_DUTIES,
    AddStatement,
    Origin,
    Spelling,
    StatementChanges,
    TextItem,
)


def test_the_duty_passes_start_with_every_area_and_favour_the_main_ones():
    assert DUTY_PASSES[0] == ("high", "medium", "low")  # every area gets one first
    assert 2 * len(DUTY_PASSES) >= MAX_DUTIES  # two main areas can fill a document
    assert all(set(p) <= {"high", "medium", "low"} and "high" in p for p in DUTY_PASSES)


def test_a_text_item_is_its_text_and_its_origin_is_not_compared():
    from pathlib import Path

    item = TextItem("Runs the plant.", ("manufacturing",), "plant", Origin(Path("a.yaml"), 3))
    assert str(item) == "Runs the plant." and f"{item}" == "Runs the plant."
    added = AddStatement("quality", "Audits.", Origin(Path("a.yaml"), 1))
    assert added == AddStatement("quality", "Audits.", Origin(Path("b.yaml"), 9))
    assert StatementChanges() == StatementChanges((), (), ())


def test_spelling_tables_hash_by_content():
    one = Spelling({"organiz": "organis"}, {"color": "colour"})
    same = Spelling({"organiz": "organis"}, {"color": "colour"})
    other = Spelling({"organiz": "organis"}, {"color": "hue"})
    assert hash(one) == hash(same) and one == same
    assert one != other and len({one, same, other}) == 2


def test_the_summary_shown_depends_on_the_template(coo_jd):
    assert coo_jd.meta.template == "jd"
    both = dataclasses.replace(coo_jd, summary="For the file.", posting_summary="For you.")
    assert both.shown_summary == "For the file."
    advert = dataclasses.replace(both, meta=dataclasses.replace(both.meta, template="posting"))
    assert advert.shown_summary == "For you."


def test_a_documents_data_leaves_out_presentation_and_provenance(coo_jd):
    data = coo_jd.to_dict()
    json.dumps(data)  # plain data all through
    assert data["scope"] == dict(coo_jd.scope) and data["facts"] == dict(coo_jd.facts)
    assert "theme" not in data["meta"] and "pay_key" not in data["meta"] and "sources" not in data
    assert tuple(data["sections"][0]["items"]) == coo_jd.sections[0].items
    assert coo_jd.sources and "library:roles/coo.yaml" in coo_jd.sources
    assert data["title"] == coo_jd.title


def test_documents_are_frozen(coo_jd):
    with pytest.raises(dataclasses.FrozenInstanceError):
        coo_jd.title = "Something else"
