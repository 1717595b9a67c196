"""Which of a block's statements a document carries: the one place the duties are
shared out between a role's areas (8 to 12 in all, the main areas first)."""

from __future__ import annotations

from ..library.industry import fits
from ..model.data import DUTY_PASSES, MAX_DUTIES


def duty_quotas(emphases: list[str]) -> list[int]:
    """How many duties each area gets, so a job description holds at most MAX_DUTIES:
    one per area first, then more to the main areas (DUTY_PASSES), in turn."""
    quotas = [0] * len(emphases)
    total = 0
    for allowed in DUTY_PASSES:
        for i, emphasis in enumerate(emphases):
            if emphasis in allowed and total < MAX_DUTIES:
                quotas[i] += 1
                total += 1
    return quotas


def chosen(lib, role, level, with_additions: bool, industry: str | None) -> list:
    """Each of the role's blocks with the statements the document carries: (block, items)."""
    quotas = duty_quotas([rb.emphasis for rb in role.blocks])
    return [
        (rb, _picked(lib, rb, level, with_additions, quota, industry))
        for rb, quota in zip(role.blocks, quotas, strict=True)
    ]


def _picked(lib, rb, level, with_additions: bool, quota: int, industry: str | None) -> list:
    """A block's items for a role at a level: those that fit the industry, the role's own
    first (at its own level), then the block's, up to the block's share of the duties."""
    items = [t for t in lib.blocks[rb.id].statements[level.id] if fits(t, industry)]
    if with_additions:
        items = [t for t in rb.add if fits(t, industry)] + ([] if rb.replace else items)
    return items[:quota]
