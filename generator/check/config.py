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

import re
from dataclasses import field
from pathlib import Path

from ..errors import SEVERITIES, LibraryError, did_you_mean
from ..record import record
from ..yamlsource import load_yaml

NAME = ".jdgen-check.yaml"
KEYS = {"fail_on", "rules", "banned", "preferred"}


@record(frozen=True)
class Config:
    path: Path | None = None
    off: frozenset[str] = frozenset()
    severities: dict[str, str] = field(default_factory=dict)
    banned: tuple[str, ...] = ()
    preferred: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (use, instead_of)
    fail_on: str | None = None

    def applies(self, rule_id: str) -> bool:
        return not any(rule_id == key or rule_id.startswith(key + ".") for key in self.off)

    def severity(self, rule_id: str, default: str) -> str:
        for key in (rule_id, rule_id.split(".")[0]):
            if key in self.severities:
                return self.severities[key]
        return default


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
            from .engine import rule_names  # the rules are loaded only when a config names some

            known = rule_names()
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


def word_pattern(word: str) -> re.Pattern:
    """A company word as a whole-word, case-insensitive pattern (spaces match any space)."""
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, word.split())) + r"(?![\w-])", re.I)


def folder_config(path: Path | None = None) -> Config:
    """The configuration a document made here is checked with: `.jdgen-check.yaml` (given,
    or found upward), then the workspace's `check:` in jdgen.yaml on top."""
    from ..workspace import current_workspace

    config = load_config(path or find_config())
    workspace = current_workspace()
    return with_company(config, workspace.check) if workspace else config


def with_company(config: Config, settings) -> Config:
    """The folder's configuration, then a company profile's own `check:` settings on top
    (a company's documents follow its own house rules)."""
    if settings is None:
        return config
    off, severities = set(config.off), dict(config.severities)
    for rule, value in settings.rules.items():
        if value is False or value == "off":
            off.add(rule)
            severities.pop(rule, None)
        elif value is not True:
            off.discard(rule)
            severities[rule] = value
    preferred = tuple((p.use, tuple(p.instead_of)) for p in settings.preferred)
    return Config(
        config.path,
        frozenset(off),
        severities,
        tuple(dict.fromkeys((*config.banned, *settings.banned))),
        (*config.preferred, *preferred),
        settings.fail_on or config.fail_on,
    )
