"""library/statements.py: library statements as small templates in a sandbox, strict about
names, with user values passed in as data and never rendered."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdgen.core.errors import TemplateError
from jdgen.library import statements
from jdgen.model.base import Text

CONTEXT = {"company": {"name": "Acme Inc."}, "role": {"title": "COO"}}


def test_statement_sandbox_refuses_attributes():
    with pytest.raises(TemplateError, match="sandbox"):
        statements.render_statement("{{ ''.__class__ }}", {"company": {"name": "X"}})


def test_statements_are_strict():
    with pytest.raises(TemplateError, match="Did you mean 'company.name'"):
        statements.render_statement("Runs {{ company.nme }}.", {"company": {"name": "X"}})


def test_plain_text_skips_jinja():
    assert statements.render_statement("Plain {text}.", {}) == "Plain {text}."


def test_a_name_ending_in_a_stop_at_the_end_of_a_sentence_gives_one_stop():
    assert statements.render_statement("Works for {{ company.name }}.", CONTEXT) == "Works for Acme Inc."
    assert statements.render_statement("{{ company.name }}... and more", CONTEXT) == "Acme Inc.... and more"


def test_values_are_data_never_templates():
    hostile = {"company": {"name": "{{ ''.__class__ }}"}}
    assert statements.render_statement("At {{ company.name }}", hostile) == "At {{ ''.__class__ }}"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{{ 'x' * 10000000 }}", "repetition too large"),
        ("{{ 2 ** 1000 }}", "exponent too large"),
        ("{{ company.name", "syntax error"),
        ("{% set company.name = 'B' %}", "cannot assign"),
    ],
)
def test_what_could_exhaust_memory_or_is_not_a_value_is_refused(text, words):
    with pytest.raises(TemplateError, match=words):
        statements.render_statement(text, CONTEXT)


def test_an_error_names_where_the_statement_was_written():
    text = Text("Leads {{ role.titel }}.")
    text.file, text.line = Path("blocks/strategy.yaml"), 12
    with pytest.raises(TemplateError) as caught:
        statements.render_statement(text, CONTEXT)
    assert caught.value.file == Path("blocks/strategy.yaml") and caught.value.line == 12
    assert "role.title" in str(caught.value)
