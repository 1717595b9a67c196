"""Statement refs: made from the statement's own words, unique within a block."""

from jdgen.model.refs import block_refs, qualified, slug


def test_slug_takes_the_first_significant_words():
    assert slug("Coach each team member through regular one-to-one meetings.") == (
        "coach-team-member-through-regular"
    )
    assert slug("Grow {{ company.name }}'s revenue in Łódź") == "grow-revenue-lodz"


def test_refs_survive_reordering_and_clash_with_a_suffix():
    a, b, c = "Plan the week ahead.", "Review the results.", "Plan the week ahead, again."
    refs = block_refs("ops", {"manager": (a, b), "head": (c,)})
    moved = block_refs("ops", {"manager": (b, a), "head": (c,)})
    assert refs["manager"][a] == moved["manager"][a] == "ops/plan-week-ahead"
    assert refs["head"][c] == "ops/plan-week-ahead-again"
    clash = block_refs("ops", {"manager": (a, "Plan the week ahead!")})
    assert list(clash["manager"].values()) == ["ops/plan-week-ahead", "ops/plan-week-ahead-2"]
    assert qualified("plan-week-ahead", "ops") == "ops/plan-week-ahead"


def test_an_item_of_the_mapping_form_keeps_its_own_ref():
    class Item:  # the shape of a `{text: ..., ref: ...}` list item
        def __init__(self, text, ref=None):
            self.text, self.ref = text, ref

    named, plain = Item("Plan the week ahead.", "weekly-plan"), Item("Review the results.")
    refs = block_refs("ops", {"manager": (named, plain)})["manager"]
    assert refs[named] == "ops/weekly-plan" and refs[plain] == "ops/review-results"


def test_a_ref_written_in_the_library_file_names_the_statement(tmp_path):
    from jdgen.model.data import Block
    from jdgen.schema.convert import convert
    from jdgen.yamlio.source import load_yaml

    path = tmp_path / "ops.yaml"
    path.write_text(
        "id: ops\ntitle: Operations\nstatements:\n  manager:\n"
        "    - {text: Plan the week ahead., ref: weekly-plan}\n    - Review the results.\n",
        "utf-8",
    )
    block = convert(Block, load_yaml(path), path)
    refs = block_refs(block.id, block.statements)["manager"]
    assert sorted(refs.values()) == ["ops/review-results", "ops/weekly-plan"]
