"""Turn loaded YAML into typed, frozen dataclasses, or fail with file and line.

A small converter instead of pydantic: the single-document CLI must start in well
under 0.3 s, and pydantic's import and model build alone cost more than that here.
It supports exactly the types the models use: str, int, bool, Literal, X | None,
tuple[X, ...], dict[str, X], nested dataclasses, and any of them `Annotated` with a
Bound (ranges, min items, patterns, choices). Unknown keys are errors with a
"did you mean" suggestion; a field named `origin` is filled with where the value stood;
a model's `cross_checks()` (rules between its fields) runs once its fields are valid.
The JSON Schemas come from the same declarations, so an editor, the fuzzer and the
loader refuse the same values.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from datetime import date
from pathlib import Path

from ..core.caches import memo
from ..core.errors import Diagnostic, LibraryError, did_you_mean
from ..model.base import DATE_PATTERN, MAX_DATE, MIN_DATE, Bound, IsoDate, Origin, Text
from ..yamlio.nodes import LineDict, LineList


def _text(value: str, ctx: _Ctx, line: int) -> Text:
    text = Text(value)
    text.file, text.line = ctx.file, line
    return text


_ASCII_SPACE = " \t\r\n"
MAX_TEXT = 10_000  # characters in one text value: a profile's longest paragraph is under 1,000
# C0 and C1 controls (and DEL) other than tab, line feed and carriage return
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false"}


@memo
def _hints(cls) -> dict:
    return typing.get_type_hints(cls, include_extras=True)


def _bare(tp):
    """The type under a Bound: Annotated[int, Bound(...)] -> int."""
    return typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp


def _bounds(tp) -> tuple[Bound, ...]:
    if typing.get_origin(tp) is not typing.Annotated:
        return ()
    return tuple(b for b in tp.__metadata__ if isinstance(b, Bound))


def _describe(tp) -> str:
    tp = _bare(tp)
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


class _Invalid(Exception):
    """A value could not be converted; the problem is already in the context's list."""


class _Ctx:
    """Carries the file being converted and collects every problem found in it."""

    def __init__(self, file: Path):
        self.file = file
        self.problems: list[Diagnostic] = []

    def note(self, code: str, path: str, line: int, message: str, fix: str | None = None, key=None) -> None:
        """A problem at key path `path` (or `key`, the path of a key still to be written)."""
        where = f"'{path}': " if path else ""
        at = key or path or None
        self.problems.append(Diagnostic(code, f"{where}{message}", self.file, line, None, "error", fix, at))

    def fail(self, code: str, path: str, line: int, message: str, fix: str | None = None):
        self.note(code, path, line, message, fix)
        raise _Invalid


def convert(cls, data, file: Path, path: str = "", line: int = 1):
    """Convert `data` (from load_yaml) to an instance of dataclass `cls`; raise the
    first problem as a LibraryError."""
    value, problems = convert_all(cls, data, file, path, line)
    if problems:
        raise LibraryError.from_diagnostic(problems[0])
    return value


def convert_all(cls, data, file: Path, path: str = "", line: int = 1) -> tuple[object, list[Diagnostic]]:
    """Convert, collecting every problem in the file: (instance or None, problems)."""
    ctx = _Ctx(file)
    try:
        value = _convert(cls, data, ctx, path, line)
    except _Invalid:
        value = None
    return (None if ctx.problems else value), ctx.problems


def _convert(tp, value, ctx: _Ctx, path: str, line: int):
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        out = _convert(_bare(tp), value, ctx, path, line)
        for bound in _bounds(tp):
            _check_bound(bound, out, ctx, path, line)
        return out
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
                "schema.choice",
                path,
                line,
                f"'{value}' is not allowed.{did_you_mean(str(value), [str(a) for a in allowed])}",
                f"use {_describe(tp)}",
            )
        return value
    return _convert_scalar(tp, value, ctx, path, line)


def _accepts(tp, value) -> bool:
    """Pick the member of a union that matches the YAML value's shape (str | Model)."""
    tp = _bare(tp)
    if dataclasses.is_dataclass(tp) or typing.get_origin(tp) is dict:
        return isinstance(value, dict)
    if typing.get_origin(tp) is tuple:
        return isinstance(value, list)
    if tp is bool:  # `off` in YAML 1.1 is false: `bool | str` takes it, "warning" goes to str
        return isinstance(value, bool)
    return not isinstance(value, (dict, list))


def _convert_scalar(tp, value, ctx: _Ctx, path: str, line: int):
    if tp is IsoDate:
        return _convert_date(value, ctx, path, line)
    if tp is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # a year or a number typed without quotes is fine as text
    if tp is str and isinstance(value, str):
        value = value.strip(_ASCII_SPACE)  # a deliberate no-break space survives
        if not value:
            ctx.fail("schema.empty", path, line, "is empty", "write the text or remove the key")
        if len(value) > MAX_TEXT:  # a pasted document, not a value: it would fill every format
            ctx.fail(
                "schema.too-long",
                path,
                line,
                f"is {len(value):,} characters long, over the {MAX_TEXT:,} a value may hold",
                "shorten it",
            )
        bad = _CONTROL.search(value)
        if bad:  # written as a YAML escape ("\0", "\e"): it would reach every document as is
            ctx.fail(
                "schema.control-character",
                path,
                line,
                f"holds the control character U+{ord(bad.group()):04X}",
                "remove it; write line breaks as new lines",
            )
        return _text(value, ctx, line)
    if tp is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if tp is bool and isinstance(value, bool):
        return value
    fix = None
    got = _type_name(value)
    if tp is str and isinstance(value, bool):  # `country: NO` or `answer: yes` in YAML 1.1
        fix = 'put the value in quotes, e.g. "NO" or "yes", so YAML keeps it as text'
    if tp is str and isinstance(value, dict) and len(value) == 1:  # `- Clients first: always`
        ((key, item),) = value.items()
        got = f"'{key}: {item}', which YAML reads as a key and a value because of the colon"
        fix = f'put the whole text in quotes: "{key}: {item}"'
    if _wants_int(tp) and isinstance(value, (str, float)) and not isinstance(value, bool):
        fix = _whole_number_fix(value)
    ctx.fail("schema.type", path, line, f"expected {_describe(tp)}, got {got}", fix)


def _wants_int(tp) -> bool:
    return _bare(tp) is int or int in map(_bare, typing.get_args(tp))


def _check_bound(bound: Bound, value, ctx: _Ctx, path: str, line: int) -> None:
    """A converted value against its field's Bound: one line saying what it may be."""
    if bound.min_items is not None and len(value) < bound.min_items:
        many = "at least one item" if bound.min_items == 1 else f"at least {bound.min_items} items"
        ctx.fail(
            "schema.min-items", path, line, f"needs {many}", bound.fix or "add the items, or remove the key"
        )
    if bound.max_items is not None and len(value) > bound.max_items:
        ctx.fail(
            "schema.max-items",
            path,
            line,
            f"has {len(value):,} items, more than the {bound.max_items:,} it may hold",
            bound.fix or "split the changes over several files, or shorten the list",
        )
    if isinstance(value, int) and not isinstance(value, bool):
        low, high = bound.minimum, bound.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            shown = str(value) if len(str(value)) <= 20 else f"a number of {len(str(value))} digits"
            ctx.fail(
                "schema.range",
                path,
                line,
                f"{shown} is out of range: {_range(low, high)}",
                bound.fix or f"write a whole number {_range(low, high)}",
            )
    if isinstance(value, str):
        shown = value if len(value) <= 60 else f"{value[:57]}..."  # one line, whatever was pasted
        if bound.pattern is not None and not re.search(bound.pattern, value):
            ctx.fail("schema.pattern", path, line, f"'{shown}' is not {bound.what}", bound.fix)
        if bound.choices is not None and value not in bound.choices():
            hint = bound.suggest(shown) if bound.suggest else did_you_mean(shown, sorted(bound.choices()))
            ctx.fail("schema.choice", path, line, f"'{shown}' is not {bound.what}.{hint}", bound.fix)


def _range(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"from {low} to {high}"
    return f"of at least {low}" if high is None else f"of at most {high}"


_NUMBER_WORDS = dict(
    zip("one two three four five six seven eight nine ten".split(), range(1, 11), strict=True)
)


def _whole_number_fix(value) -> str:
    """`£52000`, `52k`, `52,000`, `three`: the number a whole-number key wants, in digits."""
    text = str(value).strip().lower()[:40]  # no figure jdgen takes is longer
    digits = re.sub(r"[^\dk.]", "", text)
    if text in _NUMBER_WORDS:
        number = _NUMBER_WORDS[text]
    elif re.fullmatch(r"\d+(\.\d+)?k", digits):
        number = round(float(digits[:-1]) * 1000)
    elif re.fullmatch(r"\d+(\.0+)?", digits):
        number = int(float(digits))
    else:
        return "write the number in digits only, with no currency sign, letters or separators"
    sign = " (the currency goes in currency:)" if re.search(r"[^\w\s.,]", text) else ""
    return f"write {number}, in digits only{sign}"


def _convert_date(value, ctx: _Ctx, path: str, line: int) -> Text:
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    try:
        ok = len(text) == 10 and date.fromisoformat(text).isoformat() == text
    except ValueError:
        ok = False
    if ok and not MIN_DATE <= text <= MAX_DATE:
        ctx.fail(
            "schema.date-range",
            path,
            line,
            f"{text} is not a date jdgen takes: from {MIN_DATE} to {MAX_DATE}",
            "check the year",
        )
    if not ok:
        shown = value if isinstance(value, str) else _type_name(value)
        ctx.fail(
            "schema.date",
            path,
            line,
            f"'{shown}' is not a date in the form YYYY-MM-DD",
            "write the date as year-month-day, e.g. 2026-11-01",
        )
    return _text(text, ctx, line)


def _convert_list(item_tp, value, ctx: _Ctx, path: str, line: int):
    if not isinstance(value, list):
        ctx.fail(
            "schema.type", path, line, f"expected a list, got {_type_name(value)}", "write '- item' lines"
        )
    lines = value.item_lines if isinstance(value, LineList) else [line] * len(value)
    out, failed = [], False
    for i, item in enumerate(value):
        try:
            out.append(_convert(item_tp, item, ctx, f"{path}[{i}]", lines[i]))
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    return tuple(out)


def _convert_dict(value_tp, value, ctx: _Ctx, path: str, line: int):
    if not isinstance(value, dict):
        ctx.fail("schema.type", path, line, f"expected a mapping, got {_type_name(value)}", None)
    lines = value.key_lines if isinstance(value, LineDict) else {}
    out, failed = {}, False
    for key, item in value.items():
        try:
            out[_text(str(key), ctx, lines.get(key, line))] = _convert(
                value_tp, item, ctx, _join(path, key), lines.get(key, line)
            )
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    return out


def _join(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def _convert_dataclass(cls, value, ctx: _Ctx, path: str, line: int):
    if not isinstance(value, dict):
        ctx.fail(
            "schema.type", path, line, f"expected a mapping of keys to values, got {_type_name(value)}", None
        )
    line = getattr(value, "line", line)
    key_lines = getattr(value, "key_lines", {})
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init and f.name != "origin"}
    failed = False
    for key in value:
        if key not in fields:
            fix = f"allowed keys here: {', '.join(fields)}"
            if str(key).isdigit():  # `min: 45,000` in a {flow mapping} splits at the comma
                fix = "write numbers without thousands separators: 45000, not 45,000"
            ctx.note(
                "schema.unknown-key",
                _join(path, key),
                key_lines.get(key, line),
                f"unknown key.{did_you_mean(str(key), list(fields))}",
                fix,
            )
            failed = True
    kwargs = {}
    hints = _hints(cls)
    for name, f in fields.items():
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if name not in value:
            if required:
                missing = f"missing required key '{name}'"
                ctx.note("schema.missing-key", path, line, missing, f"add '{name}:'", key=_join(path, name))
                failed = True
            continue
        try:
            kwargs[name] = _convert(
                hints[name], value[name], ctx, _join(path, name), key_lines.get(name, line)
            )
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    if "origin" in {f.name for f in dataclasses.fields(cls)}:
        kwargs["origin"] = Origin(ctx.file, line)
    out = cls(**kwargs)
    rules = getattr(out, "cross_checks", None)
    for code, key, message, fix in rules() if rules else ():
        ctx.note(code, _join(path, key) if key else path, key_lines.get(key, line), message, fix)
        failed = True
    if failed:
        raise _Invalid
    return out


# --- JSON Schema, for editors that complete and check batch files ---------------------


def json_schema(cls, title: str) -> dict:
    """A JSON Schema (draft 2020-12) for dataclass `cls` (or a list: a file that is one
    of them), from the same type hints."""
    schema = {"anyOf": [_schema_for(c) for c in cls]} if isinstance(cls, list) else _schema_for(cls)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def _schema_for(tp) -> dict:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        out = _schema_for(_bare(tp))
        for bound in _bounds(tp):
            out.update(_bound_schema(bound))
        if out.get("type") == "object" and "minItems" in out:
            out["minProperties"] = out.pop("minItems")
        return out
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
    if tp is IsoDate:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    return {"type": {str: "string", int: "integer", bool: "boolean"}[tp]}


def _bound_schema(bound: Bound) -> dict:
    keywords = {
        "minimum": bound.minimum,
        "maximum": bound.maximum,
        "minItems": bound.min_items,
        "maxItems": bound.max_items,
        "pattern": bound.pattern,
        "format": bound.format,
        "enum": sorted(bound.choices()) if bound.choices else None,
    }
    return {k: v for k, v in keywords.items() if v is not None}


def _field_schema(f, tp) -> dict:
    out = _schema_for(tp)
    if f.default is not dataclasses.MISSING and f.default is not None:
        out["default"] = list(f.default) if isinstance(f.default, tuple) else f.default
    return out
