"""yamlsource.py: safe loading with lines, and messages for mistakes new users make."""

from __future__ import annotations

import pytest

from jdgen.core.errors import LibraryError
from jdgen.yamlio.source import load_yaml


def write(tmp_path, text: str):
    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    return path


def test_lines_are_remembered(tmp_path):
    data = load_yaml(write(tmp_path, "a: 1\nlist:\n  - x\n  - y\n"))
    assert data.line_of("list") == 2 and data["list"].line_of(1) == 4


def test_thousands_separator_in_a_flow_mapping_says_so(tmp_path):
    path = write(tmp_path, "name: X\nsalary_bands:\n  director: {min: 160,000, max: 200,000}\n")
    with pytest.raises(LibraryError) as info:
        load_yaml(path)
    text = str(info.value)
    assert "x.yaml:3:" in text and "thousands separator" in text and "160000" in text
    assert "duplicate key" not in text


def test_an_unquoted_hex_colour_is_named_not_dropped_as_a_comment(tmp_path):
    path = write(tmp_path, "name: X\ntheme:\n  accent: #1f5fa8\n  font: DejaVu Sans  # #abc is fine here\n")
    with pytest.raises(LibraryError) as info:
        load_yaml(path)
    text = str(info.value)
    assert "x.yaml:3:" in text and "'accent' has no value" in text
    assert 'accent: "#1f5fa8"' in text
    quoted = load_yaml(write(tmp_path, "theme:\n  accent: '#1f5fa8'\n  logo:  # not yet\n"))
    assert quoted["theme"]["accent"] == "#1f5fa8" and quoted["theme"]["logo"] is None


def test_a_real_duplicate_key_is_still_named(tmp_path):
    with pytest.raises(LibraryError) as info:
        load_yaml(write(tmp_path, "a: 1\na: 2\n"))
    assert "duplicate key 'a'" in str(info.value)


def test_an_item_indented_too_far_is_warned_about(tmp_path):
    warnings = []
    data = load_yaml(write(tmp_path, "values:\n  - Safety first\n    - Customers\n  - Quality\n"), warnings)
    assert data["values"] == ["Safety first - Customers", "Quality"]  # what YAML itself does
    (warning,) = warnings
    assert warning.code == "yaml.folded-item" and warning.line == 3 and warning.severity == "warning"


def test_no_warning_for_a_long_item_over_two_lines(tmp_path):
    warnings = []
    load_yaml(write(tmp_path, "values:\n  - Safety first in\n    every site we run\n"), warnings)
    assert warnings == []


def test_aliases_are_refused_with_the_alias_line(tmp_path):
    with pytest.raises(LibraryError) as info:
        load_yaml(write(tmp_path, "a: &x [1]\nb: *x\n"))
    assert "x.yaml:2:" in str(info.value)


def test_an_unclosed_quote_names_the_line_where_it_opens(tmp_path):
    path = write(tmp_path, 'role: coo\ncompany: acme\ntitle: "Head of Ops\nlevel: head\n')
    with pytest.raises(LibraryError) as caught:
        load_yaml(path)
    assert caught.value.line == 3
    assert str(caught.value).endswith(
        ":3: YAML syntax error: a quote opened here is never closed (fix: close the quote)"
    )


def test_a_badly_indented_list_line_is_said_in_plain_words(tmp_path):
    path = write(tmp_path, "values:\n  - Safety\n - Service\n")
    with pytest.raises(LibraryError) as info:
        load_yaml(path)
    text = str(info.value)
    assert "x.yaml:3" in text and "this line is not indented like the" in text
    assert "block end" not in text and "expected key" not in text and "fix: check indentation" in text


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    from jdgen.core import cache

    monkeypatch.setenv("JDGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("JDGEN_NO_CACHE", raising=False)
    cache.cache_dir.cache_clear()
    yield tmp_path / "cache"
    cache.cache_dir.cache_clear()


def test_an_unchanged_file_is_read_back_without_parsing(tmp_path, monkeypatch, own_cache):
    from jdgen.yamlio import parse as yamlparse

    path = write(tmp_path, "items:\n  - one\n    - two\n")  # a folded item: a warning
    first: list = []
    data = load_yaml(path, first)
    with monkeypatch.context() as patched:
        patched.setattr(yamlparse, "parse", lambda p: pytest.fail(f"{p} parsed again"))
        again: list = []
        assert load_yaml(path, again) == data and again == first and first[0].code == "yaml.folded-item"
        assert load_yaml(path).line_of("items") == 1
    path.write_text("items:\n  - one\n    - six\n", "utf-8")  # same size, same clock tick
    assert load_yaml(path) == {"items": ["one - six"]}


def test_a_file_that_does_not_load_is_never_cached(tmp_path, own_cache):
    path = write(tmp_path, "a: [1\n")
    for _ in range(2):
        with pytest.raises(LibraryError, match="x.yaml"):
            load_yaml(path)
    assert own_cache.is_dir() and not list(own_cache.rglob("yaml-*"))


def test_a_yaml_file_that_is_a_fifo_or_utf16_is_one_error_naming_it(tmp_path):
    from test_hostile import fed_fifo

    from jdgen.core.errors import LibraryError
    from jdgen.yamlio.source import load_yaml

    with fed_fifo(tmp_path / "piped.yaml"), pytest.raises(LibraryError) as caught:
        load_yaml(tmp_path / "piped.yaml")
    assert caught.value.message == "is a named pipe (FIFO), not a regular file"
    (tmp_path / "wide.yaml").write_text("name: Acme\n", "utf-16")
    with pytest.raises(LibraryError, match="saved as UTF-16, not UTF-8"):
        load_yaml(tmp_path / "wide.yaml")
