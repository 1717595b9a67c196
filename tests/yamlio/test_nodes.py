"""yamlio/nodes.py: loaded mappings and sequences that remember their lines, and `locate`,
the one place a key path becomes a line."""

from __future__ import annotations

from jdgen.yamlio.nodes import LineDict, LineList, locate
from jdgen.yamlio.source import load_yaml


def test_a_key_or_item_without_its_own_line_has_its_containers():
    mapping = LineDict(a=1, b=2)
    mapping.line, mapping.key_lines = 4, {"a": 5}
    assert mapping.line_of("a") == 5 and mapping.line_of("b") == 4 and mapping.line_of("zzz") == 4
    items = LineList(["x", "y", "z"])
    items.line, items.item_lines = 7, [8, 9]
    assert [items.line_of(i) for i in range(4)] == [8, 9, 7, 7]


def test_loaded_yaml_is_made_of_line_nodes(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("# a comment\nrole: coo\nroles:\n  - id: a\n  - id: b\n", "utf-8")
    data = load_yaml(path)
    assert isinstance(data, LineDict) and isinstance(data["roles"], LineList)
    assert data.line_of("role") == 2 and data["roles"].line_of(1) == 5
    assert data["roles"][1].line_of("id") == 5


def test_a_key_path_is_mapped_to_its_line_in_one_place(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("role: coo\nsalary:\n  min: 1\n  max: 2\nroles:\n  - id: a\n  - id: b\n    level: x\n")
    data = load_yaml(path)
    assert locate(data, "role") == 1
    assert locate(data, "salary.max") == 4
    assert locate(data, "roles[1].level") == 8
    assert locate(data, "salary.currency") == 2  # not written: the deepest part that is
    assert locate(data, "roles[9].id") == 5  # no such item: the list's line
    assert locate(data, None) == locate(data, "") == 1
    assert locate({"plain": "dict"}, "plain") is None  # not loaded from a file: no line
