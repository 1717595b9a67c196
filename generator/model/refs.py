"""Stable references to single statements: `BLOCK/SLUG`.

A posting or a workspace block removes or rewords one statement by naming it, so
the name must survive edits to the library: it is made from the statement's own
first significant words (or given with `ref:`), never from its position, so
reordering a block or rewording another statement leaves it alone. Two statements of
a block that would get one slug are told apart with `-2`, `-3` in file order.
"""

from __future__ import annotations

import re

SLUG_WORDS = 5
_STOP = frozenset(
    "a an the and or of to for in on at by with from into so that as its their our all any each every "
    "is are be s".split()
)
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def slug(text: str) -> str:
    """'Coach each team member through regular one-to-one meetings' -> 'coach-team-member-through-regular'."""
    plain = _PLACEHOLDER.sub(" ", str(text))
    if not plain.isascii():  # transliterated, as company ids are ('Łódź' -> 'lodz')
        import unicodedata

        from anyascii import anyascii

        plain = anyascii(unicodedata.normalize("NFC", plain))
    plain = re.sub(r"['\u2019]", "", plain.lower())  # "the team's" -> "teams", not "team-s"
    words = [w for w in re.split(r"[^a-z0-9]+", plain) if w and w not in _STOP]
    return "-".join(words[:SLUG_WORDS]) or "statement"


def block_refs(block_id: str, statements_by_level: dict) -> dict[str, dict[str, str]]:
    """{level: {item: ref}} for every statement of a block, unique within the block.

    An item is a string or a library text item in the mapping form (`{text: ...,
    ref: ...}`): one that carries its own `ref` keeps it."""
    taken: dict[str, int] = {}
    out: dict[str, dict[str, str]] = {}
    for level, items in statements_by_level.items():
        refs = out.setdefault(level, {})
        for item in items:
            own = getattr(item, "ref", None) or slug(getattr(item, "text", item))
            refs[item] = f"{block_id}/{_unique(own, taken)}"
    return out


def _unique(base: str, taken: dict[str, int]) -> str:
    count = taken.get(base, 0) + 1
    taken[base] = count
    return base if count == 1 else f"{base}-{count}"


def qualified(ref: str, block_id: str) -> str:
    """A ref as BLOCK/SLUG (a block's own changes may write just SLUG)."""
    return ref if "/" in ref else f"{block_id}/{ref}"
