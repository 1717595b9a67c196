"""jdgen's house rules for a library's own statements (checks/rules/content.yaml, the
rules of check `library-statements`): each a verb of its level, ending with a full stop,
said once. The rules are the checker's catalogue, loaded and checked by the one engine;
what a composed document is held to runs through the engine itself (Context.house).
"""

from __future__ import annotations

import re

from ..core.errors import Diagnostic
from ..library.industry import every_text
from ..library.loader import Library
from .engine import RULES


def library_diagnostics(lib: Library) -> list[Diagnostic]:
    """Statements that do not fit their level, lack a full stop, or repeat another."""
    found, seen = [], {}
    for block in lib.blocks.values():
        for level in lib.levels:
            for text in every_text(block.statements.get(level.id, ())):
                found += _statement(text, level)
                key = text.lower()
                if key in seen:
                    found.append(_diagnostic("content.duplicate-statement", text, other=seen[key]))
                seen.setdefault(key, f"{block.id}/{level.id}")
    for role in lib.roles.values():
        level = lib.level(role.default_level)
        triggers = role.mandate.triggers.values() if role.mandate else ()
        added = [t for trigger in triggers if not isinstance(trigger, str) for t in trigger.add.values()]
        for texts in (*(rb.add for rb in role.blocks), *added):
            for text in every_text(texts):
                found += _statement(text, level)
    return found


LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def composed_diagnostics(jd) -> list[Diagnostic]:
    """Template syntax left in what a composed document took from the library (its
    summary, scope, duties, qualifications); the profile's own text is printed as written
    and the loader warns about braces in it."""
    for text in (jd.summary, *(value for _, value in jd.scope), *jd.qualifications):
        found = LEFTOVER.search(text or "")
        if found:
            return [_diagnostic("content.leftover-syntax", None, found=found.group(0))]
    for item in (i for s in jd.sections for i in s.items):
        found = LEFTOVER.search(item)
        if found:
            return [_diagnostic("content.leftover-syntax", None, found=found.group(0))]
    return []


def _statement(text, level) -> list[Diagnostic]:
    found = []
    verb = text.split()[0] if text.split() else ""
    if verb not in level.verbs:
        found.append(_diagnostic("content.verb-level", text, verb=verb, level=level.label))
    if not text.rstrip().endswith("."):
        found.append(_diagnostic("content.full-stop", text))
    return found


def _diagnostic(rule_id: str, at, **values) -> Diagnostic:
    """A problem of a statement, worded by its rule, at the statement's file and line."""
    rule = RULES()[rule_id]
    return Diagnostic(
        rule.id,
        rule.message.format(**values),
        getattr(at, "file", None),
        getattr(at, "line", None),
        None,
        rule.severity,
        rule.suggestion,
    )
