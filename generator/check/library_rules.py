"""Content rules for the library and every document composed from it.

The rules and the banned wording are data (checks/library.yaml); this module applies
them. `jdgen validate` and the test suite share this one implementation, so what the
tests hold jdgen's own library to is exactly what users' libraries are checked for.
"""

from __future__ import annotations

import re

from ..core.caches import memo
from ..core.errors import Diagnostic
from ..core.paths import resource_dir
from ..core.record import record
from ..library.industry import every_text
from ..library.loader import Library
from ..yamlio.source import load_yaml

LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


@record(frozen=True)
class Rules:
    messages: dict  # id -> {severity, message, fix}
    banned: tuple[tuple[re.Pattern, str], ...]
    posting_words: tuple[int, int]

    def diagnostic(self, rule: str, at=None, **values) -> Diagnostic:
        spec = self.messages[rule]
        return Diagnostic(
            rule,
            spec["message"].format(**values),
            getattr(at, "file", None),
            getattr(at, "line", None),
            None,
            spec["severity"],
            spec["fix"].format(**values),
        )


@memo
def rules() -> Rules:
    data = load_yaml(resource_dir("checks") / "library.yaml")
    return Rules(
        messages={r["id"]: r for r in data["rules"]},
        banned=tuple((re.compile(b["pattern"], re.IGNORECASE), b["advice"]) for b in data["banned"]),
        posting_words=(data["posting_words"]["min"], data["posting_words"]["max"]),
    )


def library_diagnostics(lib: Library) -> list[Diagnostic]:
    """Statements that do not fit their level, lack a full stop, or repeat another."""
    r, found, seen = rules(), [], {}
    for block in lib.blocks.values():
        for level in lib.levels:
            for text in every_text(block.statements.get(level.id, ())):
                found += _statement(r, text, level)
                key = text.lower()
                if key in seen:
                    found.append(r.diagnostic("content.duplicate-statement", text, other=seen[key]))
                seen.setdefault(key, f"{block.id}/{level.id}")
    for role in lib.roles.values():
        level = lib.level(role.default_level)
        for rb in role.blocks:
            for text in every_text(rb.add):
                found += _statement(r, text, level)
    return found


def _statement(r: Rules, text, level) -> list[Diagnostic]:
    found = []
    verb = text.split()[0] if text.split() else ""
    if verb not in level.verbs:
        found.append(r.diagnostic("content.verb-level", text, verb=verb, level=level.label))
    if not text.rstrip().endswith("."):
        found.append(r.diagnostic("content.full-stop", text))
    return found


def document_diagnostics(jd, markdown: str, where: str) -> list[Diagnostic]:
    """One composed document: no repeats, no template syntax left, length, wording."""
    r, found = rules(), []
    items = [i for s in jd.sections for i in s.items]
    for text in sorted({i for i in items if items.count(i) > 1}):
        found.append(r.diagnostic("content.repeated-in-document", document=where, text=text))
    for text in _library_text(jd):  # profile text is printed as written; library.py warns about it
        leftover = LEFTOVER.search(text)
        if leftover:
            found.append(r.diagnostic("content.leftover-syntax", document=where, found=leftover.group(0)))
            break
    if jd.meta.template == "posting":
        words, (low, high) = len(markdown.split()), r.posting_words
        if not low <= words <= high:
            found.append(
                r.diagnostic("content.posting-length", document=where, words=words, min=low, max=high)
            )
        for pattern, advice in r.banned:
            hit = pattern.search(markdown)
            if hit:
                found.append(
                    r.diagnostic("content.banned-wording", document=where, found=hit.group(0), advice=advice)
                )
    return found


def _library_text(jd):
    """What a document took from the library (and rendered as statements)."""
    yield jd.summary
    yield from (value for _, value in jd.scope)
    yield from (item for section in jd.sections for item in section.items)
    yield from jd.qualifications
