"""record.py: records must behave as the dataclasses they replace, for every helper the
code uses (fields, asdict, replace, is_dataclass), pickling (the library cache) and the
errors a wrong call gives."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, asdict, field, fields, replace
from typing import ClassVar

import pytest

from jdgen.core.record import record


@record(frozen=True)
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)
    origin: str | None = field(default=None, compare=False, repr=False)
    LIMIT: ClassVar[int] = 3


@record(frozen=True, eq=False, repr=False)
class Library:
    name: str


@record
class Mutable:
    items: list[int] = field(default_factory=list)

    def __post_init__(self):
        self.items.append(len(self.items))


@record(frozen=True)
class Base:
    a: int


@record(frozen=True)
class Derived(Base):
    b: str = "b"


def test_dataclass_helpers_see_the_fields():
    p = Point(1, 2, tags=("t",), origin="file.yaml")
    assert dataclasses.is_dataclass(p) and dataclasses.is_dataclass(Point)
    assert [f.name for f in fields(p)] == ["x", "y", "tags", "notes", "origin"]
    assert asdict(p) == {"x": 1, "y": 2, "tags": ("t",), "notes": {}, "origin": "file.yaml"}
    moved = replace(p, y=5)
    assert (moved.x, moved.y, moved.origin) == (1, 5, "file.yaml") and type(moved) is Point
    assert Point.LIMIT == 3 and "LIMIT" not in {f.name for f in fields(Point)}
    assert Point.__match_args__ == ("x", "y", "tags", "notes", "origin")


def test_defaults_and_factories_are_fresh_per_instance():
    a, b = Point(1), Point(2)
    assert a.notes == {} and a.notes is not b.notes
    assert Point.y == 0 and "x" not in Point.__dict__  # a required field leaves no class attribute
    assert Mutable().items == [0] and Mutable([7]).items == [7, 1]  # __post_init__ runs


def test_frozen_records_refuse_assignment_and_deletion():
    p = Point(1)
    with pytest.raises(FrozenInstanceError):
        p.x = 2
    with pytest.raises(FrozenInstanceError):
        del p.y
    m = Mutable()
    m.items = [3]
    assert m.items == [3]


def test_equality_hash_and_repr_follow_the_options():
    assert Point(1, origin="a") == Point(1, origin="b")  # compare=False
    assert Point(1) != Point(2) and Point(1) != (1, 0, (), {}, None)
    assert hash(Derived(1, "a")) == hash(Derived(1, "a")) != hash(Derived(1, "b"))
    with pytest.raises(TypeError, match="unhashable type: 'dict'"):
        hash(Point(1))  # a dict field: unhashable, as in a dataclass
    assert repr(Point(1)) == "Point(x=1, y=0, tags=(), notes={})"
    lib = Library("x")
    assert lib != Library("x") and lib == lib and {lib: 1}[lib] == 1  # by identity
    assert repr(lib).startswith("<")  # repr=False: object's own
    assert Mutable.__hash__ is None  # eq without frozen: unhashable, as a dataclass


def test_inherited_fields_come_first():
    d = Derived(1)
    assert [f.name for f in fields(d)] == ["a", "b"] and (d.a, d.b) == (1, "b")
    assert Derived(1, "c") == Derived(a=1, b="c") and Derived(1) != Base(1)


def test_wrong_calls_fail_as_dataclass_calls_do():
    with pytest.raises(TypeError, match="missing required argument: 'x'"):
        Point()
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
        Point(1, z=2)
    with pytest.raises(TypeError, match="multiple values for argument 'x'"):
        Point(1, x=2)
    with pytest.raises(TypeError, match="takes 5 positional arguments but 6"):
        Point(1, 2, (), {}, None, 6)
    with pytest.raises(ValueError, match="mutable default"):

        @record
        class Bad:
            items: list = []  # noqa: RUF012 - the mistake under test


def test_pickle_and_copy_round_trip():
    p = Point(1, 2, ("a",), {"k": "v"}, origin="o")
    for again in (pickle.loads(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)), copy.deepcopy(p)):
        assert again == p and again.origin == "o" and type(again) is Point
        with pytest.raises(FrozenInstanceError):
            again.x = 3
