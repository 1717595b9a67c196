"""compose/selection.py: the one place a role's duties are shared out between its areas,
and each block's statements chosen for a level and an industry."""

from __future__ import annotations

import pytest

from jdgen.compose.selection import chosen, duty_quotas
from jdgen.library.industry import fits
from jdgen.model.data import MAX_DUTIES


def test_duties_are_shared_out_by_emphasis_up_to_twelve():
    # one per area, then the main areas first; never more than twelve in all
    assert duty_quotas(["high", "medium", "low"]) == [6, 4, 2]
    assert duty_quotas(["high", "high", "medium", "low"]) == [5, 4, 2, 1]
    assert duty_quotas(["high"] + ["medium"] * 8 + ["low"] * 3) == [1] * 12
    assert sum(duty_quotas(["high", "medium"] * 6)) == 12


def test_more_areas_than_duties_leave_the_last_without_one():
    quotas = duty_quotas(["low"] * (MAX_DUTIES + 2))
    assert quotas == [1] * MAX_DUTIES + [0, 0]
    assert duty_quotas([]) == []


def test_each_block_gets_its_levels_statements_that_fit_up_to_its_share(lib):
    role = lib.role("coo")
    level = lib.level(role.default_level)
    quotas = duty_quotas([rb.emphasis for rb in role.blocks])
    picked = chosen(lib, role, level, False, None)
    assert [rb for rb, _ in picked] == list(role.blocks)
    for (rb, items), quota in zip(picked, quotas, strict=True):
        assert items == list(lib.blocks[rb.id].statements[level.id])[:quota]


def _role_with_additions(lib):
    for role in lib.roles.values():
        for rb in role.blocks:
            if rb.add:
                return role, rb
    pytest.skip("no role in the library adds statements of its own")


def test_a_roles_own_statements_come_first_at_its_own_level(lib):
    role, rb = _role_with_additions(lib)
    level = lib.level(role.default_level)
    with_own = dict(chosen(lib, role, level, True, None))[rb]
    without = dict(chosen(lib, role, level, False, None))[rb]
    assert with_own[: min(len(rb.add), len(with_own))] == list(rb.add)[: len(with_own)]
    assert without == list(lib.blocks[rb.id].statements[level.id])[: len(without)]


def test_statements_marked_for_another_industry_are_left_out(lib):
    found = [
        (block, level_id, t)
        for block in lib.blocks.values()
        for level_id, items in block.statements.items()
        for t in items
        if not isinstance(t, str) and t.industries
    ]
    if not found:
        pytest.skip("no statement in the library is marked with an industry")
    block, level_id, marked = found[0]
    other = next(i for i in lib.industries if i not in marked.industries)
    role = next(r for r in lib.roles.values() if any(rb.id == block.id for rb in r.blocks))
    level = lib.level(level_id)
    for wanted in (marked.industries[0], other):
        items = [t for rb, ts in chosen(lib, role, level, False, wanted) if rb.id == block.id for t in ts]
        assert items and all(fits(t, wanted) for t in items)
    assert marked not in items  # the other industry's
