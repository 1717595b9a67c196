"""Turn loaded YAML into typed, frozen dataclasses, or fail with file and line.

A small converter instead of pydantic: the single-document CLI must start in well
under 0.3 s, and pydantic's import and model build alone cost more than that here.
It supports exactly the types the models use: str, int, bool, Literal, X | None,
tuple[X, ...], dict[str, X] and nested dataclasses. Unknown keys are errors with a
"did you mean" suggestion; a field named `origin` is filled with where the value stood.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import LibraryError, did_you_mean
from .yamlsource import LineDict, LineList


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a value came from, for error messages raised after loading."""

    file: Path
    line: int


class Text(str):
    """A string from a YAML file that remembers its file and line, for later errors."""

    file: Path | None = None
    line: int | None = None


def _text(value: str, ctx: _Ctx, line: int) -> Text:
    text = Text(value)
    text.file, text.line = ctx.file, line
    return text


_ASCII_SPACE = " \t\r\n"
_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false"}


@cache
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _describe(tp) -> str:
    origin = typing.get_origin(tp)
    if tp in _TYPE_NAMES:
        return _TYPE_NAMES[tp]
    if origin is tuple:
        return "a list"
    if origin is dict or dataclasses.is_dataclass(tp):
        return "a mapping of keys to values"
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(tp))
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(a) for a in typing.get_args(tp) if a is not type(None))
    return str(tp)


def _type_name(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return {str: "text", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


class _Ctx:
    """Carries the file being converted so errors can name it."""

    def __init__(self, file: Path):
        self.file = file

    def fail(self, path: str, line: int, message: str, fix: str | None = None):
        where = f"'{path}': " if path else ""
        raise LibraryError(f"{where}{message}", self.file, line, fix)


def convert(cls, data, file: Path, path: str = "", line: int = 1):
    """Convert `data` (from load_yaml) to an instance of dataclass `cls`."""
    return _convert(cls, data, _Ctx(file), path, line)


def _convert(tp, value, ctx: _Ctx, path: str, line: int):
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        inner = next((a for a in options if _accepts(a, value)), options[-1])
        return _convert(inner, value, ctx, path, line)
    if dataclasses.is_dataclass(tp):
        return _convert_dataclass(tp, value, ctx, path, line)
    if origin is tuple:
        return _convert_list(typing.get_args(tp)[0], value, ctx, path, line)
    if origin is dict:
        return _convert_dict(typing.get_args(tp)[1], value, ctx, path, line)
    if origin is typing.Literal:
        allowed = typing.get_args(tp)
        if value not in allowed:
            ctx.fail(
                path,
                line,
                f"'{value}' is not allowed.{did_you_mean(str(value), [str(a) for a in allowed])}",
                f"use {_describe(tp)}",
            )
        return value
    return _convert_scalar(tp, value, ctx, path, line)


def _accepts(tp, value) -> bool:
    """Pick the member of a union that matches the YAML value's shape (str | Model)."""
    if dataclasses.is_dataclass(tp) or typing.get_origin(tp) is dict:
        return isinstance(value, dict)
    if typing.get_origin(tp) is tuple:
        return isinstance(value, list)
    return not isinstance(value, (dict, list))


def _convert_scalar(tp, value, ctx: _Ctx, path: str, line: int):
    if tp is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # a year or a number typed without quotes is fine as text
    if tp is str and isinstance(value, str):
        value = value.strip(_ASCII_SPACE)  # a deliberate no-break space survives
        if not value:
            ctx.fail(path, line, "is empty", "write the text or remove the key")
        return _text(value, ctx, line)
    if tp is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if tp is bool and isinstance(value, bool):
        return value
    fix = None
    if tp is str and isinstance(value, bool):  # `country: NO` or `answer: yes` in YAML 1.1
        fix = 'put the value in quotes, e.g. "NO" or "yes", so YAML keeps it as text'
    ctx.fail(path, line, f"expected {_describe(tp)}, got {_type_name(value)}", fix)


def _convert_list(item_tp, value, ctx: _Ctx, path: str, line: int):
    if not isinstance(value, list):
        ctx.fail(path, line, f"expected a list, got {_type_name(value)}", "write '- item' lines")
    lines = value.item_lines if isinstance(value, LineList) else [line] * len(value)
    return tuple(_convert(item_tp, item, ctx, f"{path}[{i}]", lines[i]) for i, item in enumerate(value))


def _convert_dict(value_tp, value, ctx: _Ctx, path: str, line: int):
    if not isinstance(value, dict):
        ctx.fail(path, line, f"expected a mapping, got {_type_name(value)}", None)
    lines = value.key_lines if isinstance(value, LineDict) else {}
    out = {}
    for key, item in value.items():
        out[str(key)] = _convert(value_tp, item, ctx, _join(path, key), lines.get(key, line))
    return out


def _join(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def _convert_dataclass(cls, value, ctx: _Ctx, path: str, line: int):
    if not isinstance(value, dict):
        ctx.fail(path, line, f"expected a mapping of keys to values, got {_type_name(value)}", None)
    line = getattr(value, "line", line)
    key_lines = getattr(value, "key_lines", {})
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init and f.name != "origin"}
    for key in value:
        if key not in fields:
            fix = f"allowed keys here: {', '.join(fields)}"
            if isinstance(key, int):  # `min: 45,000` in a {flow mapping} splits at the comma
                fix = "write numbers without thousands separators: 45000, not 45,000"
            ctx.fail(
                _join(path, key),
                key_lines.get(key, line),
                f"unknown key.{did_you_mean(str(key), list(fields))}",
                fix,
            )
    kwargs = {}
    hints = _hints(cls)
    for name, f in fields.items():
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if name not in value:
            if required:
                ctx.fail(path, line, f"missing required key '{name}'", f"add '{name}:'")
            continue
        kwargs[name] = _convert(hints[name], value[name], ctx, _join(path, name), key_lines.get(name, line))
    if "origin" in {f.name for f in dataclasses.fields(cls)}:
        kwargs["origin"] = Origin(ctx.file, line)
    return cls(**kwargs)


# --- JSON Schema, for editors that complete and check batch files ---------------------


def json_schema(cls, title: str) -> dict:
    """A JSON Schema (draft 2020-12) for dataclass `cls`, from the same type hints."""
    schema = _schema_for(cls)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def _schema_for(tp) -> dict:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema_for(a) for a in typing.get_args(tp)]}
    if tp is type(None):
        return {"type": "null"}
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        fields = [f for f in dataclasses.fields(tp) if f.init and f.name != "origin"]
        out = {
            "type": "object",
            "properties": {f.name: _field_schema(f, hints[f.name]) for f in fields},
            "additionalProperties": False,
        }
        required = [
            f.name
            for f in fields
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        if tp.__doc__:
            out["description"] = " ".join(tp.__doc__.split())
        return {**out, "required": required} if required else out
    if origin is tuple:
        return {"type": "array", "items": _schema_for(typing.get_args(tp)[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema_for(typing.get_args(tp)[1])}
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(tp))}
    return {"type": {str: "string", int: "integer", bool: "boolean"}[tp]}


def _field_schema(f, tp) -> dict:
    out = _schema_for(tp)
    if f.default is not dataclasses.MISSING and f.default is not None:
        out["default"] = list(f.default) if isinstance(f.default, tuple) else f.default
    return out
