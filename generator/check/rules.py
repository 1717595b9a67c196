"""Load and validate the rule data shipped in `checks/` (YAML; no prose lives in code).

Every rule file is checked on load: unknown or missing keys, a bad severity, a regular
expression that does not compile or a `check` with no implementation are LibraryErrors
naming the file and line, like every other jdgen data file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import field
from pathlib import Path

from ..core import cache as diskcache
from ..core.caches import memo
from ..core.errors import SEVERITIES, LibraryError
from ..core.paths import resource_dir
from ..core.record import record
from ..yamlio.source import load_yaml

RULE_KEYS = {
    "id": True,
    "severity": True,
    "message": True,
    "why": True,
    "suggestion": True,
    "replacements": False,
    "source": False,
    "citation": False,
    "terms": False,
    "check": False,
    "params": False,
    "category": False,
    "capitalized_severity": False,
    "capitalized_note": False,
    "house": False,
    "language": False,
}
FILE_KEYS = {"category", "source", "citation", "language", "rules"}
TERM_KEYS = {"pattern", "replacements", "suggestion"}
ID = re.compile(r"[a-z]+\.[a-z0-9-]+")
LANGUAGE = re.compile(r"[a-z]{2}")  # ISO 639-1; a rule without one is English


@record(frozen=True)
class Term:
    pattern: str
    replacements: tuple[str, ...] = ()
    suggestion: str | None = None


@record(frozen=True)
class Rule:
    id: str
    category: str
    severity: str
    message: str
    why: str
    suggestion: str
    replacements: tuple[str, ...] = ()
    source: str | None = None
    citation: str | None = None
    check: str | None = None  # the name of a check in code; None for a phrase rule
    terms: tuple[Term, ...] = ()
    params: dict = field(default_factory=dict)
    capitalized_severity: str | None = None
    capitalized_note: str | None = None
    house: bool = False  # jdgen's house rules: run by `jdgen validate`, not by `jdgen check`
    language: str = "en"  # the language of the texts it reads (checks/languages.yaml)
    file: str = ""
    line: int = 0


def checks_dir() -> Path:
    return resource_dir("checks")


def _fail(message: str, path: Path, line: int, fix: str | None = None) -> LibraryError:
    return LibraryError(message, path, line, fix, code="check.rule-file")


def _text(value, what: str, path: Path, line: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(f"'{what}' must be a non-empty text", path, line)
    return " ".join(value.split())


def _strings(value, what: str, path: Path, line: int) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(f"'{what}' must be a list of texts", path, line)
    return tuple(value)


def _compiles(pattern: str, path: Path, line: int) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise _fail(f"pattern {pattern!r} is not a valid regular expression: {exc}", path, line) from None


def _term(raw, path: Path, line: int) -> Term:
    if isinstance(raw, str):
        _compiles(raw, path, line)
        return Term(raw)
    if not isinstance(raw, dict) or "pattern" not in raw:
        raise _fail("a term is a pattern, or a mapping with 'pattern'", path, line)
    extra = set(raw) - TERM_KEYS
    if extra:
        raise _fail(
            f"unknown key '{sorted(extra)[0]}' in a term", path, line, f"use {', '.join(sorted(TERM_KEYS))}"
        )
    _compiles(raw["pattern"], path, line)
    return Term(
        raw["pattern"],
        _strings(raw.get("replacements", []), "replacements", path, line),
        raw.get("suggestion"),
    )


def load_rule_file(path: Path, known_checks: frozenset[str]) -> list[Rule]:
    data = load_yaml(path)
    if not isinstance(data, dict) or "rules" not in data:
        raise _fail("a rule file is a mapping with 'rules'", path, 1)
    extra = set(data) - FILE_KEYS
    if extra:
        key = sorted(extra)[0]
        raise _fail(f"unknown key '{key}'", path, data.line_of(key), f"use {', '.join(sorted(FILE_KEYS))}")
    rules = []
    for i, raw in enumerate(data["rules"]):
        line = data["rules"].line_of(i)
        if not isinstance(raw, dict):
            raise _fail("each rule is a mapping", path, line)
        for key, required in RULE_KEYS.items():
            if required and key not in raw:
                raise _fail(f"rule is missing '{key}'", path, line)
        extra = set(raw) - set(RULE_KEYS)
        if extra:
            key = sorted(extra)[0]
            raise _fail(
                f"unknown key '{key}' in a rule", path, raw.line_of(key), f"use {', '.join(RULE_KEYS)}"
            )
        rule_id = raw["id"]
        if not isinstance(rule_id, str) or not ID.fullmatch(rule_id):
            raise _fail(f"rule id {rule_id!r} must look like 'category.name'", path, line)
        for key in ("severity", "capitalized_severity"):
            if key in raw and raw[key] not in SEVERITIES:
                raise _fail(
                    f"{key} '{raw[key]}' must be one of {', '.join(SEVERITIES)}", path, raw.line_of(key)
                )
        check = raw.get("check")
        if check is not None and check not in known_checks:
            raise _fail(f"rule {rule_id} names an unknown check '{check}'", path, raw.line_of("check"))
        if (check is None) == ("terms" not in raw):
            raise _fail(f"rule {rule_id} needs either 'terms' or 'check', not both or neither", path, line)
        terms = tuple(_term(t, path, raw["terms"].line_of(j)) for j, t in enumerate(raw.get("terms", [])))
        params = raw.get("params", {})
        if not isinstance(params, dict):
            raise _fail("'params' must be a mapping", path, raw.line_of("params"))
        language = raw.get("language") or data.get("language") or "en"
        if not isinstance(language, str) or not LANGUAGE.fullmatch(language):
            where = raw.line_of("language") if "language" in raw else data.line_of("language")
            raise _fail(f"language {language!r} must be a two-letter code such as 'de'", path, where)
        if raw.get("house", False) not in (True, False):
            raise _fail("'house' must be true or false", path, raw.line_of("house"))
        rules.append(
            Rule(
                id=rule_id,
                category=raw.get("category") or data.get("category") or rule_id.split(".")[0],
                severity=raw["severity"],
                message=_text(raw["message"], "message", path, line),
                why=_text(raw["why"], "why", path, line),
                suggestion=_text(raw["suggestion"], "suggestion", path, line),
                replacements=_strings(raw.get("replacements", []), "replacements", path, line),
                source=raw.get("source") or data.get("source"),
                citation=" ".join(str(raw.get("citation") or data.get("citation") or "").split()) or None,
                check=check,
                terms=terms,
                params=params,
                capitalized_severity=raw.get("capitalized_severity"),
                capitalized_note=raw.get("capitalized_note"),
                house=raw.get("house", False),
                language=language,
                file=str(path.name),
                line=line,
            )
        )
    return rules


@memo
def rule_files() -> tuple[tuple[str, str], ...]:
    """(name, sha256) of every file the checker's findings depend on (checks/**/*.yaml)."""
    paths = sorted(checks_dir().rglob("*.yaml"))
    return tuple(
        (p.relative_to(checks_dir()).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()) for p in paths
    )


@memo
def load_rules(known_checks: frozenset[str]) -> dict[str, Rule]:
    """Every rule in checks/rules/*.yaml, by id (ids are unique across files). The
    checked rule set is remembered between runs under the files' bytes: checking every
    term's pattern compiles each of them, a fifth of a `jdgen check` process."""
    paths = sorted((checks_dir() / "rules").glob("*.yaml"))
    contents = tuple(row for row in rule_files() if row[0].startswith("rules/"))
    key = (str(checks_dir()), contents, tuple(sorted(known_checks)))
    return diskcache.remembered("check-rules", key, lambda: _load_rules(paths, known_checks))


def _load_rules(paths: list[Path], known_checks: frozenset[str]) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for path in paths:
        for rule in load_rule_file(path, known_checks):
            if rule.id in rules:
                raise _fail(f"rule id '{rule.id}' is defined twice", path, rule.line)
            rules[rule.id] = rule
    return rules


@memo
def data_file(name: str):
    """A data file from checks/ (gender-words, pay-transparency, detect, scoring)."""
    return load_yaml(checks_dir() / f"{name}.yaml")
