"""Language detection and the language of each rule (issue 23, must-have 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from jdgen.check import Context, check_text
from jdgen.check.engine import RULES
from jdgen.check.language import detect, independent_checks
from jdgen.check.rules import load_rule_file
from jdgen.core.errors import LibraryError

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
POSTINGS = yaml.safe_load((CORPUS / "sources.yaml").read_text("utf-8"))["postings"]

FRENCH = (
    "# Développeur Python (H/F)\n\nNous recherchons un développeur Python pour rejoindre notre équipe à "
    "Paris. Vous travaillerez avec les équipes produit et données sur des projets variés. Vous avez "
    "trois ans d'expérience et aimez le travail en équipe. Nous offrons un salaire compétitif, des "
    "tickets restaurant et du télétravail deux jours par semaine.\n"
)


@pytest.mark.parametrize("posting", POSTINGS, ids=lambda p: p["id"])
def test_real_postings_are_detected_in_their_language(posting):
    assert detect((CORPUS / posting["file"]).read_text("utf-8")).language == posting["language"]


def test_the_corpus_holds_german_postings():
    assert sum(p["language"] == "de" for p in POSTINGS) >= 3


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wir suchen eine Entwicklerin für unser Team in Berlin.", "de"),
        ("Du arbeitest mit uns an der Plattform.", "de"),
        ("We are looking for a developer to join our team.", "en"),
        ("Senior Engineer", "en"),  # no sign either way: English, as before
        (" ".join(["word"] * 35) + ".", "en"),  # one word repeated is no evidence of a language
        (FRENCH, "unknown"),
    ],
)
def test_short_texts(text, language):
    assert detect(text).language == language


def test_a_german_posting_gets_no_english_rule():
    text = (CORPUS / "postings/041-okf-community-organizer-code-for-germany.md").read_text("utf-8")
    report = check_text(text)
    rules = RULES()
    assert report.findings
    english = [f.code for f in report.findings if rules[f.code].language == "en"]
    assert all(rules[c].check in independent_checks() for c in english), english
    assert "exclusion.de-title-gender" in {f.code for f in report.findings}


def test_language_set_by_the_caller_wins():
    text = (CORPUS / "postings/041-okf-community-organizer-code-for-germany.md").read_text("utf-8")
    codes = {f.code for f in check_text(text, context=Context(language="en")).findings}
    assert "exclusion.de-title-gender" not in codes
    assert "legal.eeo-missing" in codes or "readability.long-sentence" in codes  # English rules ran


def test_a_language_without_rules_gets_one_line_and_no_english_rule(run, tmp_path):
    path = tmp_path / "poste.md"
    path.write_text(FRENCH, "utf-8")
    result = run("check", str(path), "--format", "json")
    findings = [f for doc in json.loads(result.output)["documents"] for f in doc["findings"]]
    assert [f["rule"] for f in findings if f["rule"] == "language.unsupported"] == ["language.unsupported"]
    rules = RULES()
    assert all(rules[f["rule"]].check in independent_checks() for f in findings)


def test_language_option(run, tmp_path):
    path = tmp_path / "stelle.md"
    path.write_text("# Entwickler (m/w)\n\nWir suchen Verstärkung für unser Team.\n", "utf-8")
    german = run("check", str(path))
    assert "exclusion.de-title-gender" in german.output
    english = run("check", str(path), "--language", "en")
    assert "exclusion.de-title-gender" not in english.output
    wrong = run("check", str(path), "--language", "fr")
    assert wrong.exit_code == 2 and "--language" in wrong.output


def test_a_rule_file_with_a_bad_language_names_file_and_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(
        "language: german\nrules:\n  - id: a.b\n    severity: info\n    message: m\n    why: w\n"
        "    suggestion: s\n    terms: [x]\n",
        "utf-8",
    )
    with pytest.raises(LibraryError) as err:
        load_rule_file(path, frozenset())
    assert "two-letter" in str(err.value) and err.value.line == 1
