"""render/markdown.py: Markdown that pastes cleanly: never more than one blank line, one
newline at the end, and a comparison as tables with a column per role."""

from __future__ import annotations

from jdgen.compose.compare import compose_comparison, resolve_comparison
from jdgen.library.sources import default_sources
from jdgen.render import markdown


def test_no_run_of_blank_lines_and_one_newline_at_the_end(lib, coo_jd):
    import dataclasses

    text = markdown.render(coo_jd, default_sources()).decode("utf-8")
    assert "\n\n\n" not in text and text.endswith("\n") and not text.endswith("\n\n")
    assert text.startswith(f"# {coo_jd.title}")
    posting = dataclasses.replace(coo_jd, meta=dataclasses.replace(coo_jd.meta, template="posting"))
    advert = markdown.render(posting, default_sources()).decode("utf-8")
    assert advert != text and "\n\n\n" not in advert


def test_a_comparison_is_tables_with_a_column_per_role(lib):
    roles = ("coo", "vp-operations", "operations-manager")
    doc = compose_comparison(lib, resolve_comparison(lib, roles, "acme"))
    text = markdown.render_table(doc, default_sources()).decode("utf-8")
    assert "\n\n\n" not in text and text.endswith("\n")
    header = next(line for line in text.splitlines() if line.startswith("|"))
    assert header.count("|") == len(doc.columns) + 2  # the row label, then one per role
    for role in roles:
        assert lib.role(role).title in header
