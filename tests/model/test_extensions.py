"""model/extensions.py: a workspace block or role that builds on another holds only what
differs, with the keys of the model it extends."""

from __future__ import annotations

import dataclasses

import pytest

from jdgen.core.errors import LibraryError
from jdgen.model.data import Block, Role
from jdgen.model.extensions import BlockExtension, LevelChanges, RoleExtension
from jdgen.schema.convert import convert


def names(model) -> set[str]:
    return {f.name for f in dataclasses.fields(model)}


def test_every_key_of_an_extension_is_a_key_of_what_it_extends():
    assert names(RoleExtension) - {"extends", "statements"} <= names(Role)
    assert names(BlockExtension) - {"extends", "changes"} <= names(Block)


def test_a_key_left_out_is_none_so_the_base_keeps_its_own():
    role = RoleExtension(id="ops-lead", extends="operations-manager", title="Operations Lead")
    given = {f.name for f in dataclasses.fields(role) if getattr(role, f.name) not in (None, {}, ())}
    assert given == {"id", "extends", "title"}


def test_an_extension_converts_from_yaml_with_its_own_keys(tmp_path):
    data = {
        "id": "quality",
        "extends": "quality",
        "changes": {"head": {"add": ["Runs the weekly quality review."], "remove": ["audits"]}},
    }
    block = convert(BlockExtension, data, tmp_path / "quality.yaml")
    assert block.changes["head"] == LevelChanges(add=("Runs the weekly quality review.",), remove=("audits",))
    role = convert(
        RoleExtension, {"id": "coo", "extends": "coo", "nice_to_have": ["A second language."]}, tmp_path / "r"
    )
    assert role.nice_to_have == ("A second language.",) and role.scope is None


def test_a_key_no_role_has_is_an_error(tmp_path):
    with pytest.raises(LibraryError) as caught:
        convert(RoleExtension, {"id": "coo", "extends": "coo", "colour": "blue"}, tmp_path / "coo.yaml")
    assert "colour" in str(caught.value)
