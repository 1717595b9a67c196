"""check/config.py: `.jdgen-check.yaml` found upward and read through the one schema of
check settings, the workspace's and a profile's settings on top, rule names checked
where the rules load."""

from __future__ import annotations

import pytest

from jdgen.check.config import (
    NAME,
    find_config,
    folder_config,
    load_config,
    settings_diagnostics,
    with_settings,
)
from jdgen.check.engine import rule_names
from jdgen.check.settings import Config
from jdgen.core.errors import LibraryError
from jdgen.model.data import CheckSettings


def test_the_nearest_configuration_upward_is_found(tmp_path):
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    assert find_config(inner) is None or tmp_path not in find_config(inner).parents
    (tmp_path / NAME).write_text("fail_on: warning\n", "utf-8")
    assert find_config(inner) == (tmp_path / NAME).resolve()
    (tmp_path / "a" / NAME).write_text("fail_on: info\n", "utf-8")
    assert find_config(inner) == (tmp_path / "a" / NAME).resolve()


def test_a_configuration_file_becomes_one_config(tmp_path):
    assert load_config(None) == Config()
    path = tmp_path / NAME
    path.write_text("{}  # nothing yet\n", "utf-8")
    assert load_config(path) == Config(path)
    path.write_text(
        "fail_on: warning\nrules:\n  jargon.buzzword: off\n  readability: info\n"
        "banned: [synergy]\npreferred:\n  - {use: team member, instead_of: [staff, employees]}\n",
        "utf-8",
    )
    config = load_config(path)
    assert config.path == path and config.fail_on == "warning"
    assert config.off == frozenset({"jargon.buzzword"}) and config.severities == {"readability": "info"}
    assert config.banned == ("synergy",) and config.preferred == (("team member", ("staff", "employees")),)


def test_the_workspaces_settings_go_on_top_of_the_folders_file(tmp_path, monkeypatch):
    (tmp_path / NAME).write_text("fail_on: error\nbanned: [synergy]\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    config = folder_config(None, CheckSettings(fail_on="info", banned=("guru",)))
    assert config.path == (tmp_path / NAME).resolve()
    assert config.fail_on == "info" and config.banned == ("synergy", "guru")
    assert folder_config(tmp_path / NAME).fail_on == "error"


def test_unknown_rule_names_are_diagnostics_naming_their_line(tmp_path):
    from jdgen.schema.convert import convert
    from jdgen.yamlio.source import load_yaml

    path = tmp_path / "check.yaml"
    path.write_text("rules:\n  gender: off\n  jargn: warning\n", "utf-8")
    settings = convert(CheckSettings, load_yaml(path), path)
    (problem,) = settings_diagnostics(settings)
    assert problem.code == "company.check-rule" and problem.line == 3 and problem.file == path
    assert "'jargn'" in problem.message and "jargon" in problem.message
    assert settings_diagnostics(settings, "check.unknown-rule")[0].code == "check.unknown-rule"
    assert settings_diagnostics(None) == settings_diagnostics(CheckSettings()) == []
    with pytest.raises(LibraryError, match="jargn"):
        with_settings(Config(), settings)


def test_every_known_name_is_accepted():
    names = sorted(rule_names())
    settings = CheckSettings(rules=dict.fromkeys(names, "info"))
    assert settings_diagnostics(settings) == []
    assert with_settings(Config(), settings).severities == dict.fromkeys(names, "info")


def test_a_config_of_comments_only_is_no_settings(tmp_path):
    """Every key of .jdgen-check.yaml is optional: a file of comments (say, one a team
    keeps as a template) changes nothing, and is no error."""
    from jdgen.check.config import load_config

    path = tmp_path / ".jdgen-check.yaml"
    path.write_text("# fail_on: warning\n# banned: [synergy]\n")
    config = load_config(path)
    assert config.path == path and not config.off and not config.banned and config.fail_on is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("preferred:\n  - {use: team member, instead_of: []}\n", "preferred[0].instead_of"),
        ('preferred:\n  - {use: team member, instead_of: ["\\u00a0"]}\n', "preferred[0].instead_of[0]"),
        ('banned: ["--"]\n', "banned[0]"),
    ],
)
def test_a_word_with_no_letters_or_an_empty_list_is_one_line(tmp_path, text, key):
    """A company word is matched as a pattern: one with no letter would match everywhere
    (or fail inside the checker), and `instead_of: []` would say nothing."""
    path = tmp_path / NAME
    path.write_text(text, "utf-8")
    with pytest.raises(LibraryError) as caught:
        load_config(path)
    assert caught.value.key == key and caught.value.file == path
