"""What every format of a comparison or a ladder shares: the title and the summary's
sentences, assembled from the wording in templates/labels.yaml (table:), so no format
words them differently and no sentence is written in Python."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import Labels, labels

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Sentence:
    lead: str  # the column the sentence is about, set in bold
    text: str


def fill(pattern: str, **values: str) -> str:
    """'{family} career ladder' -> 'Operations career ladder', in one pass, so a value
    that itself holds braces is never read as a placeholder."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m[1], m[0])), str(pattern))


def title(doc, words: Labels) -> str:
    t = words.table
    return fill(t.ladder_title, family=doc.family) if doc.kind == "ladder" else t.compare_title


MAX_NAMED = 3  # areas named in one sentence; the rest are counted


def _series(items, t) -> str:
    items = list(items)
    if len(items) > MAX_NAMED:
        items = [*items[: MAX_NAMED - 1], fill(t.more, count=str(len(items) - MAX_NAMED + 1))]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {t['and']} {items[-1]}"


def summary(doc, words: Labels) -> tuple[Sentence, ...]:
    """One sentence per step from a column to the next, from the comparison's data."""
    t = words.table
    sentences = []
    for step in doc.steps:
        parts = [fill(t.direction[step.direction], level=step.level)]
        if step.reports_to:
            parts.append(fill(t.reports_to, value=step.reports_to))
        if step.experience:
            parts.append(fill(t.experience, value=step.experience))
        if step.adds:
            parts.append(fill(t.adds, value=_series(step.adds, t)))
        if step.drops:
            parts.append(fill(t.drops, value=_series(step.drops, t)))
        sentences.append(Sentence(step.after, fill(t.step, before=step.before, changes="; ".join(parts))))
    return tuple(sentences)


def context(doc) -> dict:
    """What every table template gets."""
    words = labels()
    return {"doc": doc, "labels": words, "title": title(doc, words), "summary": summary(doc, words)}
