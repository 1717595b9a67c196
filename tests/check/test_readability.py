"""Readability figures equal textstat 0.7.4's, on test texts and the whole catalogue."""

from __future__ import annotations

import pytest
import yaml
from conftest import TESTS, roles_of

from jdgen.check.document import analyse
from jdgen.check.readability import figures
from jdgen.check.readers import from_text

CORPUS = yaml.safe_load((TESTS / "data" / "check" / "gender-corpus.yaml").read_text("utf-8"))["texts"]


def textstat_figures(text: str) -> tuple[float, float]:
    import textstat

    return textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)


@pytest.mark.parametrize("key", sorted(CORPUS))
def test_equal_to_textstat_on_corpus(key):
    f = figures(CORPUS[key])
    assert (f.reading_ease, f.grade_level) == textstat_figures(CORPUS[key])


def test_equal_to_textstat_on_the_catalogue(lib, acme, nordwerk):
    from jdgen.render import renderer
    from jdgen.service.generate import compose_role

    seen = 0
    for company in (acme, nordwerk):
        for role in roles_of(lib, company):
            for template in ("jd", "posting"):
                md = renderer("md")(compose_role(lib, role, company, template=template)).decode()
                prose = analyse(from_text(md, "md", "x.md")).prose
                f = figures(prose)
                assert (f.reading_ease, f.grade_level) == textstat_figures(prose), (role, template)
                seen += 1
    assert seen == 2 * (len(roles_of(lib, acme)) + len(roles_of(lib, nordwerk)))
