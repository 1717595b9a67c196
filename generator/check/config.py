"""`.jdgen-check.yaml`: turn rules off, change severities, add a company's own words.

    fail_on: warning            # error (default), warning or info
    rules:
      jargon.buzzword: off      # a rule id, or a category ("jargon") for all its rules
      readability.grade-level: warning
    banned: [synergy, "rock star"]
    preferred:
      - {use: team member, instead_of: [staff, employees]}

Found in the current folder or the nearest parent that has one; `--config` names one.
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import Diagnostic, LibraryError, did_you_mean
from ..model.data import CheckSettings
from ..schema.convert import convert
from ..yamlio.source import load_optional_yaml
from .engine import rule_names
from .settings import Config, with_company

NAME = ".jdgen-check.yaml"


def find_config(start: Path | None = None) -> Path | None:
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / NAME
        if path.is_file():
            return path
    return None


def load_config(path: Path | None) -> Config:
    """`.jdgen-check.yaml` through the same schema as a profile's and jdgen.yaml's `check:`
    (CheckSettings): one set of keys, types and messages for all three."""
    if path is None:
        return Config()
    data = load_optional_yaml(path)
    settings = convert(CheckSettings, data, path) if data else CheckSettings()
    for problem in settings_diagnostics(settings, "check.unknown-rule"):
        raise LibraryError.from_diagnostic(problem)
    return with_company(Config(path), settings)


def folder_config(path: Path | None = None, workspace_settings=None) -> Config:
    """The configuration a document made here is checked with: `.jdgen-check.yaml` (given,
    or found upward), then the workspace's `check:` in jdgen.yaml on top."""
    return with_settings(load_config(path or find_config()), workspace_settings)


def settings_diagnostics(settings, code: str = "company.check-rule") -> list[Diagnostic]:
    """`check:` settings (a profile's, jdgen.yaml's, .jdgen-check.yaml) against the rules
    there are: checked here, where the rules load, so loading a profile never loads the
    checker; nothing is loaded for settings that name no rule."""
    if settings is None or not settings.rules:
        return []
    known = rule_names()
    return [
        Diagnostic(
            code,
            f"check: unknown rule or category '{rule}'.{did_you_mean(rule, sorted(known))}",
            getattr(rule, "file", None),
            getattr(rule, "line", None),
            fix="use a rule id or category shown by `jdgen check` (e.g. gender, jargon.buzzword)",
        )
        for rule in settings.rules
        if rule not in known
    ]


def with_settings(config: Config, settings) -> Config:
    """The folder's configuration with a profile's `check:` settings on top, once their
    rule names are known to be real (the first unknown one is the error)."""
    for problem in settings_diagnostics(settings):
        raise LibraryError.from_diagnostic(problem)
    return with_company(config, settings)
