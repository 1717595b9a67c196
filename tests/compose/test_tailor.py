"""Tailoring a composed selection: add, remove, replace by ref; reorder and drop blocks;
a new title through every sentence. Changes that no longer apply are errors."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from jdgen.compose.tailor import Own, Picked, apply_blocks, apply_statements
from jdgen.core.errors import LibraryError
from jdgen.model.base import Text
from jdgen.model.data import AddStatement, ReplaceStatement, StatementChanges
from jdgen.model.posting import BlockChanges


def selection():
    return [
        Picked(
            "ops",
            "Operations",
            "high",
            [("ops/plan-week", "Plan the week."), ("ops/run-day", "Run the day.")],
        ),
        Picked("people", "People", "medium", [("people/coach-team", "Coach the team.")]),
    ]


KNOWN = {"ops/plan-week": "", "ops/run-day": "", "people/coach-team": "", "ops/left-out": ""}


def at(text: str, line: int) -> Text:
    value = Text(text)
    value.file, value.line = "postings/x.yaml", line
    return value


def test_add_remove_replace_by_ref():
    changes = StatementChanges(
        add=(AddStatement(block="people", text="Run {{ company.name }}'s buddy scheme."),),
        remove=("ops/run-day",),
        replace=(ReplaceStatement(ref="ops/plan-week", text="Plan the London week."),),
    )
    ops, people = apply_statements(selection(), changes, "the posting", KNOWN, True)
    assert [t for _, t in ops.items] == ["Plan the London week."]
    assert [t for _, t in people.items] == ["Run {{ company.name }}'s buddy scheme.", "Coach the team."]
    assert all(isinstance(t, Own) for t in (ops.items[0][1], people.items[0][1]))  # never rendered
    assert people.added == ["people/run-buddy-scheme"]


def test_removing_a_statement_the_document_leaves_out_changes_nothing():
    chosen = apply_statements(
        selection(), StatementChanges(remove=("ops/left-out",)), "the posting", KNOWN, True
    )
    assert [len(p.items) for p in chosen] == [2, 1]


@pytest.mark.parametrize(
    "changes",
    [
        StatementChanges(remove=(at("ops/plan-wek", 7),)),
        StatementChanges(replace=(ReplaceStatement(ref=at("ops/plan-wek", 7), text="x"),)),
        StatementChanges(replace=(ReplaceStatement(ref=at("ops/left-out", 7), text="x"),)),
    ],
)
def test_a_change_that_no_longer_applies_names_its_line_and_the_closest_ref(changes):
    with pytest.raises(LibraryError) as caught:
        apply_statements(selection(), changes, "the posting", KNOWN, True)
    diagnostic = caught.value.diagnostic
    assert diagnostic.line == 7 and str(diagnostic.file) == "postings/x.yaml"
    assert "Did you mean 'ops/plan-week'?" in str(diagnostic) or "left-out" in str(diagnostic)
    assert "any more" not in str(diagnostic)  # the ref may never have existed


def test_adding_to_a_block_the_role_does_not_use_is_an_error():
    origin = SimpleNamespace(file="postings/x.yaml", line=9)
    add = AddStatement(block="peple", text="x", origin=origin)
    with pytest.raises(LibraryError, match="Did you mean 'people'"):
        apply_statements(selection(), StatementChanges(add=(add,)), "the posting", KNOWN, True)


def test_blocks_reordered_and_dropped():
    assert [p.block for p in apply_blocks(selection(), BlockChanges(order=("people",)), "p")] == [
        "people",
        "ops",
    ]
    assert [p.block for p in apply_blocks(selection(), BlockChanges(drop=("ops",)), "p")] == ["people"]
    with pytest.raises(LibraryError, match="block 'finance'"):
        apply_blocks(selection(), BlockChanges(drop=(at("finance", 3),)), "the posting")
