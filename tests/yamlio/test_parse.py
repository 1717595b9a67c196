"""yamlparse.py: PyYAML behind yamlsource's cache: data with lines, problems returned
(not raised) while constructing, one LibraryError for anything that stops parsing."""

from __future__ import annotations

import pytest

from jdgen.core.errors import LibraryError
from jdgen.yamlio.parse import parse


def test_data_and_construction_problems_come_back_together(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: X\nsalary: {min: 160,000, max: 200,000}\nlist:\n  - a\n    - b\n", "utf-8")
    data, problems = parse(path)
    assert data["name"] == "X" and data.line_of("list") == 3
    assert [(p.code, p.line, p.severity) for p in problems] == [
        ("yaml.number-comma", 2, "error"),
        ("yaml.folded-item", 5, "warning"),
    ]


@pytest.mark.parametrize(
    "text, words, line",
    [
        ("a: &x [1]\nb: *x\n", "anchors and aliases", 2),
        ("a: 'open\n", "never closed", 1),
        ("a:\n\t- b\n", "YAML syntax error", 2),
        ("", "file is empty", 1),
    ],
)
def test_what_stops_parsing_is_one_error_with_its_line(tmp_path, text, words, line):
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(LibraryError) as info:
        parse(path)
    assert words in str(info.value) and info.value.line == line


@pytest.mark.parametrize(
    "text, line, opened",
    [
        ("name: X\nsites: [Columbus, Dayton\nsize: 500\ncountry: US\n", 2, "["),
        ("name: X\nsalary: {min: 1, max: 2\ncountry: US\n", 2, "{"),
        ("items:\n  - [1, 2\n  - 3\n", 2, "["),
    ],
)
def test_an_unclosed_bracket_is_reported_where_it_opened(tmp_path, text, line, opened):
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(LibraryError) as info:
        parse(path)
    assert info.value.line == line and f"a '{opened}' opened here is never closed" in str(info.value)


def test_keys_are_the_text_the_user_wrote(tmp_path):
    """YAML 1.1 reads `on:` and `yes:` as true and `1:` as a number; a message must name
    the key as written (and `on` and `yes` are two keys, not one true twice)."""
    path = tmp_path / "k.yaml"
    path.write_text("on: 2\nyes: 3\n1: x\n~: y\n'off': z\n", "utf-8")
    data, _ = parse(path)
    assert list(data) == ["on", "yes", "1", "~", "off"]
    assert data.line_of("yes") == 2


def test_a_number_longer_than_any_jdgen_takes_is_one_line(tmp_path):
    """Python refuses to read an integer of over 4,300 digits (and reads 0b... of any
    length): either is one line naming the file and line, not a traceback."""
    from jdgen.yamlio.parse import MAX_DIGITS

    path = tmp_path / "n.yaml"
    for number in ("9" * 5000, "0b" + "1" * 20000, "9" * (MAX_DIGITS + 1)):
        path.write_text(f"name: X\nsize: {number}\n", "utf-8")
        with pytest.raises(LibraryError) as caught:
            parse(path)
        assert (caught.value.code, caught.value.line) == ("yaml.number-size", 2)
    path.write_text(f"size: {'9' * MAX_DIGITS}\n", "utf-8")
    assert parse(path)[0]["size"] == int("9" * MAX_DIGITS)
