"""app/studio/request.py, called directly: bodies parsed with bounded nesting and
numbers, each endpoint's shape, a draft against the posting's model, names matched
whole, and the one mapping from an exception to the page's line."""

from __future__ import annotations

import decimal
import json
import logging

import pytest

from jdgen.app.studio.request import (
    MAX_ITEMS,
    MAX_NESTING,
    MAX_NUMBER,
    MAX_TEXT,
    answer,
    checked,
    parse,
    posting_name,
    shaped_draft,
)
from jdgen.app.studio.security import MAX_BODY, BodyTooLarge
from jdgen.core.errors import JdgenError, LibraryError


def refusal(call, *args) -> str:
    with pytest.raises(JdgenError) as caught:
        call(*args)
    line = str(caught.value)
    assert "\n" not in line
    return line


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested more than"),
        (b'{"a": ' * (MAX_NESTING + 1) + b"1" + b"}" * (MAX_NESTING + 1), "nested more than"),
        (b"\xff\xfe", "not UTF-8"),
        (b'{"draft": ', "not JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"x": NaN}', "NaN is not a number"),
        (b'{"x": 1e400}', "too large"),
        (b" " * (MAX_BODY + 1), "larger than"),
    ],
)
def test_a_body_that_is_not_small_json_is_one_line(raw, words):
    assert words in refusal(parse, raw)


def test_brackets_inside_text_are_not_nesting():
    deep_text = "[{" * 1000
    assert parse(json.dumps({"draft": {"title": deep_text}}).encode()) == {"draft": {"title": deep_text}}


@pytest.mark.parametrize("digits", [29, 5000])
def test_a_huge_number_is_refused_by_its_key_before_python_converts_it(digits):
    raw = b'{"draft": {"role": "coo", "salary": {"min": 1, "max": ' + b"9" * digits + b"}}}"
    body = parse(raw)  # json's own conversion would refuse 5,000 digits with a ValueError
    assert "'salary.max' is too large" in refusal(checked, "preview", body)
    as_text = {"draft": {"role": "coo", "salary": {"min": "9" * digits, "max": 1}}}
    assert "'salary.min' is too large" in refusal(checked, "preview", as_text)


@pytest.mark.parametrize(
    ("draft", "words"),
    [
        ("coo", "must be an object"),
        ({"company": "acme"}, "choose a role"),
        ({"role": 5}, "'role' must be text"),
        ({"role": ["coo"]}, "'role' must be text"),
        ({"role": "coo", "title": "x" * (MAX_TEXT + 1)}, "longer than"),
        ({"role": "coo", "qualifications": {"add": ["q"] * (MAX_ITEMS + 1)}}, "more than"),
        ({"role": "coo", "statements": {"add": [[["deep"]]]}}, "must be a group of fields"),
        ({"role": "coo", "statements": "all"}, "must be a group of fields"),
        ({"role": "coo", "work": {"remote_in": "GB"}}, "'work.remote_in' must be a list"),
        ({"role": "coo", "work": {"office_days": True}}, "whole number"),
        ({"role": "coo", "salary": {"min": 1.5}}, "whole number"),
        ({"role": "coo", "salary": {"min": "90,000"}}, "whole number without separators"),
        ({"role": "coo", "salary": {"min": 10**20}}, "too large"),
        ({"role": "coo", "surprise": 1}, "unknown field 'surprise'"),
    ],
)
def test_a_draft_of_the_wrong_shape_is_refused_in_one_line(draft, words):
    assert words in refusal(shaped_draft, draft)


def test_a_draft_takes_digits_as_numbers_and_drops_nulls():
    draft = shaped_draft({"role": "coo", "salary": {"min": " 90000 ", "max": 110000}, "title": None})
    assert draft == {"role": "coo", "salary": {"min": 90000, "max": 110000}}
    assert shaped_draft({"role": "coo", "salary": {"min": str(MAX_NUMBER)}})["salary"]["min"] == MAX_NUMBER


@pytest.mark.parametrize("name", ["coo\n", "coo\r\n", "../coo", "a/b", "CON", "con", "-x", "", 5, "x" * 64])
def test_names_are_matched_whole(name):
    assert "cannot be a posting file name" in refusal(posting_name, name) or "must be text" in refusal(
        posting_name, name
    )


def test_each_endpoint_takes_only_its_own_fields():
    assert "unknown field 'path'" in refusal(checked, "open", {"name": "coo", "path": "/etc/passwd"})
    assert "'overwrite' must be true or false" in refusal(
        checked, "save", {"draft": {"role": "coo"}, "name": "coo", "overwrite": "yes"}
    )
    assert "'roles' must be a list" in refusal(checked, "compare", {"company": "acme", "roles": "coo"})
    assert checked("open", {"name": "coo"}) == {"name": "coo"}


@pytest.mark.parametrize(
    "exc",
    [
        LibraryError("roles/x.yaml:1: YAML syntax error"),
        ValueError("Exceeds the limit (4300 digits) for integer string conversion"),
        decimal.InvalidOperation([decimal.InvalidOperation]),
        OverflowError("date value out of range"),
        RecursionError("maximum recursion depth exceeded"),
    ],
)
def test_a_users_mistake_is_400_with_one_line(exc):
    response = answer(exc)
    line = json.loads(response.body)["error"]
    assert response.status_code == 400 and line.startswith("error: ") and "\n" not in line


def test_a_body_too_large_is_413_and_a_bug_is_logged_with_one_line(caplog):
    assert answer(BodyTooLarge()).status_code == 413
    with caplog.at_level(logging.ERROR, "jdgen.studio"):
        response = answer(KeyError("ref"))
    assert response.status_code == 500 and "KeyError" in json.loads(response.body)["error"]
    assert caplog.records[0].exc_info[0] is KeyError
