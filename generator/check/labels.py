"""jdgen's own headings and labels (templates/labels.yaml), as the checker needs them:
they are the template's words, not the employer's, so word rules skip them."""

from __future__ import annotations

import re

from ..core.caches import memo
from ..core.paths import resource_dir
from ..library.english import BRITISH, respell_tree
from ..yamlio.source import load_yaml


@memo
def labels() -> dict:
    return load_yaml(resource_dir("templates") / "labels.yaml")


def _both_englishes() -> list[str]:
    """The labels as American and as British documents print them (english.py)."""

    return _strings(labels()) + _strings(respell_tree(labels(), BRITISH))


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return [str(value)] if isinstance(value, str) else []


@memo
def label_pattern() -> re.Pattern:
    """A heading or a label/value row that starts with a template label: group 'label'.
    A label counts only as a whole heading's start, or before ':' or a tab."""
    names = sorted({" ".join(s.split()) for s in _both_englishes() if len(s) > 2}, key=len, reverse=True)
    names = [n.rstrip(":") for n in names]
    alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(rf"[ \t*_]*(?P<label>{alternatives})(?=[ *_]*(?::|\t|$))", re.I)


@memo
def dated_pattern(keys: tuple[str, ...]) -> re.Pattern:
    """A line holding only a template label and a date, ISO or as a locale writes it
    ("Revised 2026-11-01", "Revised November 1, 2026", "Revised 1 November 2026")."""
    names = "|".join(re.escape(str(labels()[k])) for k in keys)
    day = r"(?:\d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4})"
    return re.compile(rf"[ \t*_]*(?:{names})\s+{day}[ \t*_]*", re.I)
