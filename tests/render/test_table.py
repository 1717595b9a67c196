"""render/table.py: what every format of a comparison or ladder shares: placeholders filled
in one pass, long lists of areas shortened, the title, the legend's parts and the rows
that may split across pages (wording read from templates/labels.yaml at test time)."""

from __future__ import annotations

import types

import pytest

from jdgen.compose.compare import compose_comparison, resolve_comparison
from jdgen.library.labels import labels
from jdgen.library.sources import default_sources
from jdgen.render import table
from jdgen.render.table import MAX_CHARS, MAX_NAMED, _series, fill, legend, split_rows, title

WORDS = labels(default_sources())


def test_placeholders_are_filled_once_and_values_stay_as_written():
    assert fill("{family} career ladder", family="Operations") == "Operations career ladder"
    assert fill("{family} ladder", family="{evil} {family}") == "{evil} {family} ladder"
    assert fill("{unknown} stays", family="x") == "{unknown} stays"


def test_a_long_list_of_areas_names_what_fits_and_counts_the_rest():
    t = WORDS.table
    few = [f"Area {i}" for i in range(MAX_NAMED)]
    assert _series(few, t) == t.list_separator.join(few)
    many = [f"Area {i}" for i in range(MAX_NAMED + 3)]
    shown = many[: MAX_NAMED - 1]
    assert (
        _series(many, t)
        == f"{t.list_separator.join(shown)} {fill(t.more, count=str(len(many) - len(shown)))}"
    )
    long = ["x" * (MAX_CHARS // 2 - 2)] * 3  # two fit in MAX_CHARS with their separator
    assert _series(long, t).endswith(fill(t.more, count="1"))


def test_the_title_of_a_comparison_and_of_a_ladder():
    assert title(types.SimpleNamespace(kind="compare"), WORDS) == WORDS.table.compare_title
    ladder = types.SimpleNamespace(kind="ladder", family="Operations")
    assert title(ladder, WORDS) == fill(WORDS.table.ladder_title, family="Operations")


@pytest.fixture(scope="module")
def comparison(lib):
    return compose_comparison(
        lib, resolve_comparison(lib, ("coo", "vp-operations", "operations-manager"), "acme")
    )


def test_the_legend_says_only_what_the_table_shows(comparison):
    cells = [c for g in comparison.groups for r in g.rows for c in r.cells]
    expected = []
    if any(c.same for c in cells):
        expected.append(WORDS.table.legend.same)
    if any(line.only for c in cells for line in c.lines):
        expected.append(WORDS.table.legend.only)
    assert legend(comparison, WORDS) == tuple(expected) and expected


def test_only_rows_taller_than_a_share_of_a_page_may_split(comparison):
    splits = split_rows(comparison)
    width = max(table.LINE_CHARS[comparison.landscape] // len(comparison.columns) - 2, 8)
    limit = table.PAGE_LINES[comparison.landscape] * table.SPLIT_SHARE
    for g, group in enumerate(comparison.groups):
        for r, row in enumerate(group.rows):
            tallest = max(sum(-(-len(line.text) // width) + 0.2 for line in c.lines) for c in row.cells)
            assert ((g, r) in splits) == (tallest > limit)


def test_every_format_gets_the_same_words(comparison):
    words = table.context(comparison, default_sources())
    assert words["title"] == WORDS.table.compare_title and words["doc"] is comparison
    assert [s.lead for s in words["profiles"]] == [p.title for p in comparison.profiles]
    assert len(words["summary"]) == len(comparison.steps)
