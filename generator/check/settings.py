"""The settings a document is checked with, as one value: rules off, severities changed,
a company's banned and preferred words, the severity that fails a run."""

from __future__ import annotations

import hashlib
import re
from dataclasses import field
from pathlib import Path

from ..core.record import record
from .rules import rule_files


@record(frozen=True)
class Config:
    path: Path | None = None
    off: frozenset[str] = frozenset()
    severities: dict[str, str] = field(default_factory=dict)
    banned: tuple[str, ...] = ()
    preferred: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (use, instead_of)
    fail_on: str | None = None

    @property
    def key(self) -> str:
        """A digest of what findings depend on: these settings and the checker's rule
        files, so a score kept in a manifest is known to be stale when either changes."""
        settings = (
            sorted(self.off),
            sorted(self.severities.items()),
            self.banned,
            self.preferred,
            self.fail_on,
        )
        return hashlib.sha256(repr((settings, rule_files())).encode()).hexdigest()[:16]

    def applies(self, rule_id: str) -> bool:
        return not any(rule_id == key or rule_id.startswith(key + ".") for key in self.off)

    def severity(self, rule_id: str, default: str) -> str:
        for key in (rule_id, rule_id.split(".")[0]):
            if key in self.severities:
                return self.severities[key]
        return default


def word_pattern(word: str) -> re.Pattern:
    """A company word as a whole-word, case-insensitive pattern (spaces match any space)."""
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, word.split())) + r"(?![\w-])", re.I)


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
