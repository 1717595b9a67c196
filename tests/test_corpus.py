"""The labelled corpus (corpus/README.md) is well-formed; the scorer matches findings to labels as documented.

Fast: reads the corpus files only; no tool is run.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CATEGORIES = {"gender", "exclusionary", "jargon", "legal", "readability"}
TOPICS = {
    "legal": {"pay", "eeo", "location", "benefits", "work-arrangement"},
    "readability": {"length", "reading-ease", "requirements", "tone"},
}
# licences that allow redistribution; anything else needs a decision recorded in corpus/README.md first
LICENCES = {"CC0-1.0", "MIT", "CC-BY-4.0", "Apache-2.0", "public-domain"}
SOURCE = re.compile(r"^github:[\w.-]+/[\w.-]+/.+@[0-9a-f]{40}( \(.*\))?$")
SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000]")

SOURCES = yaml.safe_load((CORPUS / "sources.yaml").read_text("utf-8"))
POSTINGS = sorted((CORPUS / "postings").glob("*.md"))
LABELS = sorted((CORPUS / "labels").glob("*.yaml"))


def text_of(posting: str) -> str:
    return SPACES.sub(" ", (CORPUS / "postings" / f"{posting}.md").read_text("utf-8"))


def test_at_least_forty_postings_each_with_a_label_file():
    assert len(POSTINGS) >= 40
    assert [p.stem for p in POSTINGS] == [p.stem for p in LABELS]
    for path in POSTINGS:
        assert re.fullmatch(r"\d{3}-[a-z0-9-]+", path.stem), path.name


def test_every_posting_has_a_source_licence_and_retrieval_date():
    entries = {e["file"]: e for e in SOURCES["postings"]}
    assert sorted(entries) == [f"postings/{p.name}" for p in POSTINGS]
    for file, entry in entries.items():
        assert entry["id"] == Path(file).name[:3], file
        assert SOURCE.match(entry["source"]), (file, entry["source"])
        assert entry["licence"] in LICENCES, (file, entry["licence"])
        assert entry["licence_note"].strip(), file
        assert entry["language"] in {"en", "de"}, file
        assert re.fullmatch(r"[A-Z]{2}", entry["country"]), file
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["retrieved"]), file


@pytest.mark.parametrize("path", LABELS, ids=lambda p: p.stem)
def test_labels_are_well_formed_and_every_phrase_is_in_its_posting(path):
    data = yaml.safe_load(path.read_text("utf-8"))
    assert data["posting"] == path.stem
    text = text_of(data["posting"])
    assert set(data) <= {"posting", "jurisdiction", "language", "problems", "non_problems"}
    for kind in ("problems", "non_problems"):
        for item in data.get(kind) or []:
            where = f"{path.name} {kind}: {item}"
            assert item["category"] in CATEGORIES, where
            assert str(item.get("reason") or "").strip(), where
            assert ("phrase" in item) != ("topic" in item), f"a phrase or a topic, not both: {where}"
            if "phrase" in item:
                assert SPACES.sub(" ", item["phrase"]) in text, f"phrase not in the posting: {where}"
            else:
                assert item["topic"] in TOPICS.get(item["category"], set()), where
            if item["category"] == "gender" and "phrase" in item:
                assert item.get("coded") in {"masculine", "feminine"}, where
                assert isinstance(item.get("counts"), bool), where
                if kind == "problems":
                    assert item["counts"], f"a gender word that does not count is a non-problem: {where}"
            if "found_by" in item:
                assert item["found_by"] == "adjudication", where


def test_a_phrase_that_is_not_in_the_posting_is_caught():
    """The check above can fail: a misquoted phrase is not found."""
    text = text_of("001-food52-marketing-intern-nyc")
    assert "unpaid interns" in text
    assert "unpaid internes" not in text


def _scorer():
    spec = importlib.util.spec_from_file_location("corpus_score", ROOT / "bench" / "corpus_score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_scorer_matches_by_category_and_overlap_and_topic():
    cs = _scorer()
    text = "We want a young team. Competitive Pay."
    young = cs.Label("p", "exclusionary", spans=cs.occurrences(text, "a young team"), phrase="a young team")
    pay = cs.Label("p", "legal", topic="pay")
    found = [
        cs.Finding("t", "p", "exclusionary", "age", 10, 15, quote="young"),  # overlaps: right
        cs.Finding("t", "p", "gender", "word", 10, 15, quote="young"),  # right place, wrong category
        cs.Finding("t", "p", "exclusionary", "age", 0, 2, quote="We"),  # no overlap
        cs.Finding("t", "p", "legal", "pay-range-incomplete", 22, 37, topic="pay"),  # placed, same topic
        cs.Finding("t", "p", "legal", "eeo-missing", topic="eeo"),  # whole-document, other topic
    ]
    s = cs.score(found, [young, pay], [])
    assert s.right == {"exclusionary": 1, "legal": 1}
    assert s.found == {"exclusionary": 2, "gender": 1, "legal": 2}
    assert s.recalled == {"exclusionary": 1, "legal": 1}
    assert s.missed == []


def test_scorer_keeps_offsets_when_it_normalises_spaces():
    cs = _scorer()
    text = "Get swole\u00a0now"
    assert len(cs.normalise(text)) == len(text)
    assert cs.occurrences(cs.normalise(text), "swole now") == [(4, 13)]
