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


NESTED_LOOPS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
DOUBLING = (
    "{% set ns = namespace(x=START) %}{% for i in range(40) %}{% set ns.x = ns.x OP ns.x %}{% endfor %}"
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{{ ('x' * 10000) * 10000 }}", "repetition too large: 100,000,000 characters"),
        (
            "{{ company.name | center(2000000000) }}",
            "'center' argument 2,000,000,000 is over the 1,000,000 limit",
        ),
        ("{{ company.name.ljust(2000000000) }}", "'ljust' argument 2,000,000,000"),
        ("{{ [1] | batch(2000000000, 0) | list }}", "'batch' argument"),
        ("{{ '{:>999999999}'.format(1) }}", "format width '>999999999'"),
        ("{{ '%999999999s' | format(1) }}", "format width '999999999'"),
        ("{{ '%999999999s' % 1 }}", "format width '999999999'"),
        ("{{ '%*s' % (999999999, 1) }}", "format width '\\*'"),
        ("{{ ('a\n' * 400000) | indent(100) }}", "'indent' too large"),
        ("{{ ('x' * 1000) | replace('x', 'y' * 1000) }}", "'replace' too large"),
        ("{{ (['x' * 1000] * 1001) | join }}", "join too large"),
        ("{{ 'x'.join(['y' * 1000] * 1000) }}", "join too large: 1,001,000"),
        ("{% for i in range(100) %}{{ 'x' * 999999 }}{% endfor %}", "more than 20,000,000 characters"),
        (NESTED_LOOPS, "loops and calls ran more than 200,000 times"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "macros call one another more than 50 deep"),
        (
            "{% macro m(n) %}{% if n < 40 %}{{ m(n + 1) }}{{ m(n + 1) }}{% endif %}{% endmacro %}{{ m(0) }}",
            "loops and calls ran more than",
        ),
        (DOUBLING.replace("START", "'ab'").replace("OP", "~"), "a text of 1,048,576 characters"),
        (DOUBLING.replace("START", "'ab'").replace("OP", "+"), "'\\+' too large"),
        (DOUBLING.replace("START", "3").replace("OP", "*"), "a number over 4,096 bits"),
        ("{{ ((10 ** 60) ** 60) ** 60 }}", "exponent too large"),
    ],
)
def test_the_sandbox_bounds_size_loops_depth_and_arguments(text, words):
    with pytest.raises(TemplateError, match=f"statement refused by the sandbox: .*{words}"):
        statements.render_statement(text, CONTEXT)


def test_what_the_sandbox_bounds_still_works_within_its_limits():
    text = (
        "{% macro m(n) %}{{ n }}{% endmacro %}{% for i in range(3) %}{{ m(i) }}{% endfor %}|"
        "{{ company.name | center(12) }}|{{ '%5s' | format('a') }}|{{ '{:>4}'.format('b') }}|{{ 'ab' * 2 }}"
    )
    centred = CONTEXT["company"]["name"].center(12)
    assert statements.render_statement(text, CONTEXT) == f"012|{centred}|    a|   b|abab"


def test_each_render_gets_its_own_budget():
    text = "{% for i in range(100000) %}{% endfor %}{% for i in range(90000) %}{% endfor %}done"
    assert [statements.render_statement(text, CONTEXT) for _ in range(3)] == ["done"] * 3


def test_an_error_names_where_the_statement_was_written():
    text = Text("Leads {{ role.titel }}.")
    text.file, text.line = Path("blocks/strategy.yaml"), 12
    with pytest.raises(TemplateError) as caught:
        statements.render_statement(text, CONTEXT)
    assert caught.value.file == Path("blocks/strategy.yaml") and caught.value.line == 12
    assert "role.title" in str(caught.value)


def test_lipsum_is_not_offered_it_builds_its_text_before_any_limit_can_measure_it():
    import pytest

    from jdgen.core.errors import TemplateError
    from jdgen.library.statements import render_statement

    with pytest.raises(TemplateError):
        render_statement("Run {{ lipsum(300000) | length }} reviews.", {})
