"""check/settings.py: the settings a document is checked with, as one value: rules off,
severities changed, a company's own words, and a profile's settings on top."""

from __future__ import annotations

from jdgen.check.settings import Config, with_company, word_pattern
from jdgen.model.data import CheckSettings, PreferredWord


def test_a_category_turns_off_or_reweights_all_its_rules():
    config = Config(
        off=frozenset({"jargon"}), severities={"gender": "info", "gender.masculine-word": "error"}
    )
    assert not config.applies("jargon") and not config.applies("jargon.buzzword")
    assert config.applies("jargonish.rule")  # a category is a whole first part, not a prefix
    assert config.severity("gender.masculine-word", "warning") == "error"  # the rule before its category
    assert config.severity("gender.feminine-word", "warning") == "info"
    assert config.severity("structure.degree", "warning") == "warning"


def test_a_company_word_is_matched_as_a_whole_word_in_any_case_and_spacing():
    pattern = word_pattern("rock star")
    assert pattern.search("We want a Rock  Star.") and pattern.search("a rock\nstar")
    assert not pattern.search("rock stars") and not pattern.search("a rock-star hire")
    assert word_pattern("C++").search("Knows C++ well.")  # no regular expression in the word
    assert not word_pattern("ops").search("workshops")


def test_a_profiles_settings_go_on_top_of_the_folders():
    folder = Config(
        off=frozenset({"gender"}),
        severities={"jargon": "info"},
        banned=("synergy",),
        preferred=(("team member", ("staff",)),),
        fail_on="error",
    )
    settings = CheckSettings(
        fail_on="warning",
        rules={"gender": "warning", "jargon": "off", "structure": True},
        banned=("synergy", "rock star"),
        preferred=(PreferredWord("colleague", ("employee",)),),
    )
    merged = with_company(folder, settings)
    assert merged.off == frozenset({"jargon"})
    assert merged.severities == {"gender": "warning"}  # jargon's severity went with it
    assert merged.banned == ("synergy", "rock star")  # each word once
    assert merged.preferred == (("team member", ("staff",)), ("colleague", ("employee",)))
    assert merged.fail_on == "warning"
    assert with_company(folder, None) is folder
    assert with_company(folder, CheckSettings()).fail_on == "error"  # not given: the folder's
