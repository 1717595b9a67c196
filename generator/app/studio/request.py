"""Every request body, parsed and checked in one place before any route reads it; and
the one mapping from an exception to the answer the page shows.

A body is JSON of bounded size, nesting and numbers (a 100,000-deep array would
exhaust Python's stack in the parser, a 5,000-digit number its int conversion). Each
endpoint names the shape of its body; a draft's shape is the posting file's own model
(model/posting.py), walked here for types, keys and sizes only, so what reaches
draft.py is plain, typed and small. Whether the values make sense (a known role, a
date, min <= max) is the posting converter's and the service's to say.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import types
import typing

from starlette.responses import JSONResponse

from ...core.errors import JdgenError, symlink_loop
from ...core.files import SAFE_PART, check_name
from ...model.base import IsoDate
from ...model.posting import Posting
from .security import MAX_BODY, BodyTooLarge

MAX_TEXT = 2_000  # characters in one field: a line, a summary
MAX_ITEMS = 200  # entries in one list: added lines, removed refs
MAX_NESTING = 8  # {"draft": {"statements": {"add": [{"text": ...}]}}} is 5 deep
MAX_NUMBER = 2**53 - 1  # the largest whole number the page's JavaScript holds exactly
MAX_ROLES = 6  # in one comparison

log = logging.getLogger("jdgen.studio")


def bad(message: str, fix: str | None = None) -> JdgenError:
    return JdgenError(message, fix=fix, code="studio.request")


# --- JSON of bounded size, nesting and numbers ---------------------------------------

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def parse(raw: bytes) -> dict:
    """The body as a JSON object, or a one-line refusal."""
    if len(raw) > MAX_BODY:
        raise bad(f"the request is larger than {MAX_BODY:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise bad("the request is not UTF-8 text") from None
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):  # counted before the parser recurses
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_NESTING:
            raise bad(f"the request is nested more than {MAX_NESTING} levels deep")
    try:
        body = json.loads(text, parse_int=_whole, parse_float=_fraction, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise bad(f"the request is not JSON: {exc.msg.removesuffix(' at')} (character {exc.pos})") from None
    if not isinstance(body, dict):
        raise bad("the request must be a JSON object")
    return body


class _Digits(str):
    """A whole number too long for the page to hold: kept as its digits, never converted,
    so the shape check names its key when it refuses it."""


def _whole(digits: str) -> int | str:
    return _Digits(digits) if len(digits.lstrip("-")) > len(str(MAX_NUMBER)) else int(digits)


def _fraction(text: str) -> float:
    value = float(text)
    if not abs(value) <= MAX_NUMBER:
        raise bad("a number in the request is too large")
    return value


def _constant(name: str):
    raise bad(f"{name} is not a number the studio takes")


def number(digits: str, what: str) -> int:
    """Digits as a whole number the page can hold, checked before Python converts them."""
    if len(digits.lstrip("-")) > len(str(MAX_NUMBER)) or abs(value := int(digits)) > MAX_NUMBER:
        raise bad(f"{what} is too large", f"write a whole number up to {MAX_NUMBER:,}")
    return value


# --- the shape of each endpoint's body ----------------------------------------------


def text(value, what: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or isinstance(value, _Digits):
        raise bad(f"{what} must be text")
    if len(value) > limit:
        raise bad(f"{what} is longer than {limit:,} characters", "shorten it")
    return value


def _refused_empty(what: str):
    """A quote of nothing matches everywhere: there is no word to swap."""
    raise bad(f"{what} is empty", "choose the words to replace")


def optional(check):
    def checked(value, what: str):
        return None if value is None or value == "" else check(value, what)

    return checked


def flag(value, what: str) -> bool:
    if not isinstance(value, bool):
        raise bad(f"{what} must be true or false")
    return value


def posting_name(value, what: str = "the posting file's name") -> str:
    """A posting file's name, matched whole: no path, no trailing newline, no device name."""
    text(value, what, 200)
    try:
        if SAFE_PART.fullmatch(value):
            return check_name(value, "posting file")
    except JdgenError:
        pass
    raise JdgenError(
        f"{json.dumps(value)} cannot be a posting file name",
        fix="use lower-case letters, digits and '-' (say head-of-ops-london)",
        code="studio.name",
    )


def roles(value, what: str) -> list[str]:
    if not isinstance(value, list) or len(value) > MAX_ROLES:
        raise bad(f"{what} must be a list of at most {MAX_ROLES} roles")
    return [text(r, "a role", 200) for r in value]


def shaped_draft(value, what: str = "the draft") -> dict:
    """A draft: the posting file's keys, each of its model's type; no nulls; salary
    figures and office days typed as digits become numbers (the page's fields hold text)."""
    if not isinstance(value, dict):
        raise bad(f"{what} must be an object")
    out = _shaped(Posting, value, "")
    if not out.get("role"):
        raise JdgenError("choose a role", code="studio.draft")
    return out


def _shaped(tp, value, path: str):
    origin = typing.get_origin(tp)
    what = f"'{path}'"
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _shaped(options[0], value, path)  # the models' unions are `X | None`
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise bad(f"{what} must be a group of fields" if path else "the draft must be an object")
        hints = typing.get_type_hints(tp)
        fields = [f.name for f in dataclasses.fields(tp) if f.init and f.name != "origin"]
        out = {}
        for key, item in value.items():
            if key not in fields:
                raise bad(f"unknown field '{_join(path, key)}'", f"use one of {', '.join(fields)}")
            if item is not None:
                out[key] = _shaped(hints[key], item, _join(path, key))
        return out  # a key still missing is the converter's to name, in the form's words
    if origin is tuple:
        if not isinstance(value, list):
            raise bad(f"{what} must be a list")
        if len(value) > MAX_ITEMS:
            raise bad(f"{what} has more than {MAX_ITEMS} entries")
        (item_tp, *_) = typing.get_args(tp)
        return [_shaped(item_tp, item, f"{path}[{i}]") for i, item in enumerate(value)]
    if tp is int:
        if isinstance(value, _Digits) or (isinstance(value, str) and value.strip().isdigit()):
            return number(value.strip(), what)
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad(f"{what} must be a whole number without separators", "type 90000, not 90,000")
        return number(str(value), what)
    if tp in (str, IsoDate) or origin is typing.Literal:
        return text(value, what)
    raise TypeError(f"the studio has no shape for {tp}")  # a model type added without one here


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


DRAFT = {"draft": shaped_draft, "name": optional(posting_name)}
BODIES = {
    "preview": DRAFT,
    "alternatives": {**DRAFT, "block": text},
    "suggest": {
        **DRAFT,
        "quote": lambda v, w: text(v, w, 200) or _refused_empty(w),
        "replacement": lambda v, w: text(v, w, 200),
    },
    "save": {**DRAFT, "base": optional(text), "overwrite": optional(flag)},
    "open": {"name": posting_name},
    "compare": {"company": text, "roles": roles},
    "download": DRAFT,
}


def checked(endpoint: str, body: dict) -> dict:
    """The body's fields, each checked against the endpoint's shape (absent: None)."""
    shape = BODIES[endpoint]
    for key in body:
        if key not in shape:
            raise bad(f"unknown field '{key}' in the request", f"send only {', '.join(shape)}")
    return {key: check(body.get(key), f"'{key}'") for key, check in shape.items()}


# --- the one mapping from an exception to an answer ------------------------------------

# Raised by code below the studio on a value it cannot use: the draft's fault, said in one
# line (and logged, since a typed JdgenError should have said it).
UNTYPED = (ValueError, ArithmeticError, RecursionError)


def answer(exc: Exception) -> JSONResponse:
    """The page's one line for any exception: a user's mistake is 400, never a 500."""
    exc = symlink_loop(exc) or exc
    if isinstance(exc, JdgenError):
        return error(f"error: {exc}", 400)
    if isinstance(exc, BodyTooLarge):
        return error(f"error: the request is larger than {MAX_BODY:,} bytes", 413)
    first = " ".join(str(exc).split())[:200] or type(exc).__name__
    if isinstance(exc, UNTYPED):
        log.warning("a draft jdgen could not use", exc_info=exc)
        return error(f"error: the studio cannot use this draft ({type(exc).__name__}: {first})", 400)
    log.error("the studio failed", exc_info=exc)
    return error(f"error: the studio failed ({type(exc).__name__}: {first}); see its terminal", 500)


def error(line: str, status: int) -> JSONResponse:
    return JSONResponse({"error": line}, status)
