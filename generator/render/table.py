"""What every format of a comparison or a ladder shares: the title and the summary's
sentences, assembled from the wording in templates/labels.yaml (table:), so no format
words them differently and no sentence is written in Python."""

from __future__ import annotations

import re

from ..core.record import record
from ..library.labels import Labels, labels
from ..library.sources import Sources

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@record(frozen=True)
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


MAX_NAMED = 6  # areas named in one sentence before the rest are counted
MAX_CHARS = 200  # ... and the length the named ones may take together


def _series(items, t) -> str:
    """'A; B; C', whole when it fits MAX_NAMED names and MAX_CHARS characters;
    otherwise as many as fit, and the rest counted ('A; B and 3 more')."""
    items, sep = list(items), t.list_separator
    if len(items) <= MAX_NAMED and len(sep.join(items)) <= MAX_CHARS:
        return sep.join(items)
    shown: list[str] = []
    for item in items[: MAX_NAMED - 1]:
        if shown and len(sep.join([*shown, item])) > MAX_CHARS:
            break
        shown.append(item)
    return f"{sep.join(shown)} {fill(t.more, count=str(len(items) - len(shown)))}"


def profiles(doc, words: Labels) -> tuple[Sentence, ...]:
    """One line per column: what the role is for, its level, manager, span and horizon."""
    t = words.table
    lines = []
    for p in doc.profiles:
        span = t.span.one if p.direct_reports == 1 else t.span.many
        facts = fill(
            t.profile,
            level=p.level,
            reports_to=p.reports_to,
            span=fill(span, count=str(p.direct_reports)) if p.direct_reports else "",
        )
        lines.append(Sentence(p.title, " ".join(part for part in (p.focus, facts, p.horizon) if part)))
    return tuple(lines)


def summary(doc, words: Labels) -> tuple[Sentence, ...]:
    """One sentence per step from a column to the next, from the comparison's data."""
    t = words.table
    sentences = []
    for step in doc.steps:
        parts = [
            fill(
                t.direction[step.direction],
                level=step.level,
                before=step.before,
                before_level=step.before_level,
            )
        ]
        if step.reports_to:
            parts.append(fill(t.reports_to, value=step.reports_to))
        if step.experience:
            parts.append(fill(t.experience, value=step.experience))
        text = [fill(t.step, before=step.before, changes="; ".join(parts))]
        if step.adds:
            text.append(fill(t.adds, value=_series(step.adds, t)))
        if step.drops:
            text.append(fill(t.drops, value=_series(step.drops, t)))
        sentences.append(Sentence(step.after, " ".join(text)))
    return tuple(sentences)


def legend(doc, words: Labels) -> tuple[str, ...]:
    """The legend's parts the document uses: "Same as left" only when a cell says it,
    the ★ only when a line carries it; the ladder's "only what is new" always."""
    ladder = doc.kind == "ladder"
    parts = words.table.ladder_legend if ladder else words.table.legend
    cells = [c for g in doc.groups for r in g.rows for c in r.cells]
    used = {
        "same": any(c.same for c in cells),
        "only": any(line.only for c in cells for line in c.lines),
        "new": ladder,
    }
    return tuple(parts[key] for key in (("same", "new") if ladder else ("same", "only")) if used[key])


# A row taller than SPLIT_SHARE of a page may split across pages (the header row
# repeats), so no page ends in a tall blank gap; a shorter row stays whole. Its height is
# estimated from its text at the table's type size: the characters a line across all the
# role columns holds, and the lines a page holds (portrait, landscape).
SPLIT_SHARE = 0.25
LINE_CHARS = {False: 100, True: 150}
PAGE_LINES = {False: 56, True: 36}


def split_rows(doc) -> frozenset[tuple[int, int]]:
    """(group, row) positions of the rows that may split across pages."""
    width = max(LINE_CHARS[doc.landscape] // len(doc.columns) - 2, 8)
    limit = PAGE_LINES[doc.landscape] * SPLIT_SHARE

    def lines(cell) -> float:
        return sum(-(-len(line.text) // width) + 0.2 for line in cell.lines)

    return frozenset(
        (g, r)
        for g, group in enumerate(doc.groups)
        for r, row in enumerate(group.rows)
        if max(lines(c) for c in row.cells) > limit
    )


def context(doc, sources: Sources) -> dict:
    """What every table template gets, in the document's English."""
    words = labels(sources, doc.language)
    return {
        "doc": doc,
        "labels": words,
        "title": title(doc, words),
        "profiles": profiles(doc, words),
        "summary": summary(doc, words),
        "legend": legend(doc, words),
        "splits": split_rows(doc),
    }
