"""render/environment.py: sandboxed, strict environments; the template references noted as read."""

from __future__ import annotations

import jinja2
import jinja2.meta
import pytest

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
