"""check/labels.py: jdgen's own headings and labels, in American and British English, as
patterns the checker skips (compared with templates/labels.yaml at test time)."""

from __future__ import annotations

import yaml

from jdgen.check.labels import dated_pattern, label_pattern, labels
from jdgen.core.paths import templates_dir
from jdgen.library import english

RAW = yaml.safe_load((templates_dir() / "labels.yaml").read_text("utf-8"))


def test_the_labels_are_labels_yaml():
    assert labels() == RAW


def test_a_label_counts_as_a_headings_start_or_before_a_colon_or_tab():
    pattern = label_pattern()
    for text in (RAW["competencies"], f"{RAW['competencies']}:", f"**{RAW['scope']['budget']}:** $2m"):
        assert pattern.match(text), text
    assert pattern.match(f"{RAW['reports_to']}\tChief Executive Officer")
    assert not pattern.match(f"{RAW['competencies']} we value in every hire")  # prose, not a label
    assert pattern.match(RAW["competencies"].upper())  # case is ignored


def test_british_labels_are_known_too():
    british = english.speller(english.builtin_spelling(), english.BRITISH)(RAW["differs"])
    assert british != RAW["differs"]
    assert label_pattern().match(british) and label_pattern().match(RAW["differs"])


def test_a_label_and_a_date_alone_is_page_furniture():
    dated = dated_pattern(("revised",))
    for day in ("2026-11-01", "November 1, 2026", "1 November 2026"):
        assert dated.fullmatch(f"{RAW['revised']} {day}"), day
    assert not dated.fullmatch(f"{RAW['revised']} the plan on 2026-11-01")
