"""Records: classes that are dataclasses to the rest of Python, defined without exec.

`@dataclass` writes `__init__`, `__setattr__`, `__eq__` ... as source text and compiles
each with exec when a class is defined: about 1 ms per class, paid again by every
process (jdgen's models alone cost 25 ms of a 250 ms `jdgen coo`). A record fills in the
same table of `dataclasses.Field` objects (`__dataclass_fields__`), so `fields()`,
`asdict()`, `replace()` and `is_dataclass()` work unchanged, and shares one generic
`__init__`, `__eq__`, `__hash__` and `__repr__` among all record classes. Defining one
costs microseconds; creating an instance costs a little more than a dataclass's, which
jdgen does hundreds of times per document, not millions.

The options mean what they mean for `@dataclass`: `frozen`, `eq`, `repr`. Records keep
a `__dict__` (no slots), which is also what makes them quick to unpickle.
"""

from __future__ import annotations

import dataclasses
from dataclasses import MISSING, Field, FrozenInstanceError
from typing import dataclass_transform

_FIELD = dataclasses._FIELD  # the marker `fields()` selects on: a field, not a ClassVar
_SPEC = "__record_init__"  # (name, default, default_factory) for each __init__ argument


@dataclass_transform(field_specifiers=(dataclasses.field, Field))
def record(cls=None, /, *, frozen: bool = False, eq: bool = True, repr: bool = True):
    """Use as `@record` or `@record(frozen=True, eq=False)`, like `@dataclass`."""

    def wrap(cls):
        return _make(cls, frozen=frozen, eq=eq, repr=repr)

    return wrap if cls is None else wrap(cls)


def _make(cls, *, frozen: bool, eq: bool, repr: bool):
    fields: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        fields.update(getattr(base, "__dataclass_fields__", {}))
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if str(annotation).replace("typing.", "").startswith("ClassVar"):
            continue
        fields[name] = _field(cls, name, annotation)
    cls.__dataclass_fields__ = fields
    cls.__match_args__ = tuple(name for name, f in fields.items() if f.init)
    setattr(
        cls,
        _SPEC,
        tuple((f.name, f.default, f.default_factory) for f in fields.values() if f.init),
    )
    _set(cls, "__init__", _init)
    if repr:
        _set(cls, "__repr__", _repr)
    if eq:
        _set(cls, "__eq__", _eq)
        if "__hash__" not in cls.__dict__:
            cls.__hash__ = _hash if frozen else None
    if frozen:
        _set(cls, "__setattr__", _frozen_setattr)
        _set(cls, "__delattr__", _frozen_delattr)
    return cls


def _field(cls, name: str, annotation) -> Field:
    default = cls.__dict__.get(name, MISSING)
    f = default if isinstance(default, Field) else dataclasses.field(default=default)
    if isinstance(f.default, list | dict | set):
        raise ValueError(
            f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory"
        )
    f.name, f.type, f._field_type = name, annotation, _FIELD
    if f.default is MISSING:
        if name in cls.__dict__:
            delattr(cls, name)
    else:
        setattr(cls, name, f.default)
    return f


def _set(cls, name: str, function) -> None:
    if name not in cls.__dict__:  # a method the class defines itself wins, as with @record
        setattr(cls, name, function)


def _init(self, *args, **kwargs) -> None:
    spec = getattr(type(self), _SPEC)
    if len(args) > len(spec):
        raise TypeError(
            f"{type(self).__name__}() takes {len(spec)} positional arguments but {len(args)} were given"
        )
    values = self.__dict__
    for (name, _, _), value in zip(spec, args, strict=False):
        values[name] = value
    for name, default, factory in spec[len(args) :]:
        if name in kwargs:
            values[name] = kwargs.pop(name)
        elif default is not MISSING:
            values[name] = default
        elif factory is not MISSING:
            values[name] = factory()
        else:
            raise TypeError(f"{type(self).__name__}() missing required argument: '{name}'")
    if kwargs:
        name = next(iter(kwargs))
        problem = (
            "got multiple values for argument" if name in values else "got an unexpected keyword argument"
        )
        raise TypeError(f"{type(self).__name__}() {problem} '{name}'")
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _compared(self) -> tuple:
    return tuple(getattr(self, f.name) for f in self.__dataclass_fields__.values() if f.compare)


def _eq(self, other):
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self) -> int:
    fields = self.__dataclass_fields__.values()
    return hash(tuple(getattr(self, f.name) for f in fields if (f.compare if f.hash is None else f.hash)))


def _repr(self) -> str:
    shown = (f"{f.name}={getattr(self, f.name)!r}" for f in self.__dataclass_fields__.values() if f.repr)
    return f"{type(self).__qualname__}({', '.join(shown)})"


def _frozen_setattr(self, name: str, value) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")
