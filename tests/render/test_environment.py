"""render/environment.py: sandboxed, strict environments; the template references noted as read."""

from __future__ import annotations

import jinja2
import jinja2.meta
import pytest

from jdgen.core.errors import TemplateError
from jdgen.library import sources
from jdgen.render import environment


@pytest.mark.parametrize(
    "name", ["html/jd.html.j2", "html/posting.html.j2", "md/jd.md.j2", "docx/jd.xml.j2", "docx/footer.xml.j2"]
)
def test_closure_agrees_with_a_full_jinja_parse(name):
    folders = sources.default_sources().template_folders()
    env = environment.output_env("html", folders)
    expected, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in expected:
            expected.add(current)
            ast = env.parse(env.loader.get_source(env, current)[0])
            todo += [n for n in jinja2.meta.find_referenced_templates(ast) if n]
    assert set(environment._closure("html", folders, name)) == expected
    assert len(expected) >= 1


def test_the_output_environment_is_jinjas():
    assert isinstance(
        environment.output_env("text", sources.default_sources().template_folders()), jinja2.Environment
    )


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{{ ('x' * 10000) * 10000 }}", "repetition too large"),
        ("{{ 'x' | center(2000000000) }}", "'center' argument 2,000,000,000"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "loops and calls",
        ),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "more than 50 deep"),
        (
            "{% set l = [1] %}{% for i in range(30) %}{{ l.extend(l) or '' }}{% endfor %}",
            "over the 1,000,000",
        ),
        ("{% include 'md/own.md.j2' %}", "include one another without end"),
    ],
)
def test_a_limit_in_an_output_template_is_one_error_naming_the_template_and_line(tmp_path, body, words):
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "own.md.j2").write_text(f"# Title\n\n{body}\n", "utf-8")
    layers = sources.Sources((sources.Layer("workspace", templates=tmp_path),))
    with pytest.raises(TemplateError) as caught:
        environment.render_template(layers, "text", "md/own.md.j2")
    assert words in caught.value.message and caught.value.fix
    assert str(caught.value.file).endswith("md/own.md.j2") and caught.value.line == 3


def test_a_template_is_read_as_any_user_file_is(tmp_path):
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "big.md.j2").write_bytes(b"x" * (environment.TEMPLATE_MAX_BYTES + 1))
    (tmp_path / "md" / "utf16.md.j2").write_text("# {{ title }}\n", "utf-16")
    layers = sources.Sources((sources.Layer("workspace", templates=tmp_path),))
    with pytest.raises(TemplateError, match="larger than the 2 MB limit"):
        environment.render_template(layers, "text", "md/big.md.j2")
    with pytest.raises(TemplateError, match="saved as UTF-16"):
        environment.render_template(layers, "text", "md/utf16.md.j2", title="T")
