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

from ..core.errors import SEVERITIES, Diagnostic, LibraryError, did_you_mean
from ..yamlio.source import load_yaml
from .engine import rule_names
from .settings import Config, with_company

NAME = ".jdgen-check.yaml"
KEYS = {"fail_on", "rules", "banned", "preferred"}


def find_config(start: Path | None = None) -> Path | None:
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / NAME
        if path.is_file():
            return path
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = load_yaml(path)
    if data is None:
        return Config(path)
    if not isinstance(data, dict):
        raise LibraryError("the check configuration must be a mapping", path, 1, code="check.config")
    for key in data:
        if key not in KEYS:
            raise LibraryError(
                f"unknown key '{key}'",
                path,
                data.line_of(key),
                f"use {', '.join(sorted(KEYS))}",
                code="check.config",
            )
    off, severities = set(), {}
    known = None
    for rule, value in (data.get("rules") or {}).items():
        line = data["rules"].line_of(rule)
        if known is None:
            known = rule_names()  # the rules are loaded only when a config names some
        if rule not in known:
            raise LibraryError(
                f"unknown rule or category '{rule}'.{did_you_mean(str(rule), sorted(known))}",
                path,
                line,
                "use a rule id such as 'gender.verdict' or a category such as 'gender'",
                code="check.config",
            )
        if value is False or value == "off":
            off.add(rule)
        elif value in SEVERITIES:
            severities[rule] = value
        else:
            raise LibraryError(
                f"rule '{rule}': '{value}' is not off or a severity",
                path,
                line,
                f"use off, {', '.join(SEVERITIES)}",
                code="check.config",
            )
    banned = data.get("banned") or []
    if not isinstance(banned, list) or not all(isinstance(w, str) and w.strip() for w in banned):
        raise LibraryError(
            "'banned' must be a list of words", path, data.line_of("banned"), code="check.config"
        )
    preferred = []
    for i, item in enumerate(data.get("preferred") or []):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("use"), str)
            or not isinstance(item.get("instead_of"), list)
        ):
            raise LibraryError(
                "each 'preferred' entry is {use: WORD, instead_of: [WORDS]}",
                path,
                data["preferred"].line_of(i),
                code="check.config",
            )
        preferred.append((item["use"], tuple(str(w) for w in item["instead_of"])))
    fail_on = data.get("fail_on")
    if fail_on is not None and fail_on not in SEVERITIES:
        raise LibraryError(
            f"fail_on '{fail_on}' must be one of {', '.join(SEVERITIES)}",
            path,
            data.line_of("fail_on"),
            code="check.config",
        )
    return Config(path, frozenset(off), severities, tuple(banned), tuple(preferred), fail_on)


def folder_config(path: Path | None = None, workspace_settings=None) -> Config:
    """The configuration a document made here is checked with: `.jdgen-check.yaml` (given,
    or found upward), then the workspace's `check:` in jdgen.yaml on top."""
    return with_settings(load_config(path or find_config()), workspace_settings)


def settings_diagnostics(settings) -> list[Diagnostic]:
    """A profile's or workspace's `check:` settings against the rules there are: checked
    here, where the rules load, so loading a profile never loads the checker."""
    if settings is None or not settings.rules:
        return []
    known = rule_names()
    return [
        Diagnostic(
            "company.check-rule",
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
