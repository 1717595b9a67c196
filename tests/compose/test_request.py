"""request.py: names looked up once, at the edge, into one Request."""

from __future__ import annotations

import pytest

from jdgen.compose.request import resolve
from jdgen.core.errors import NotFoundError


def test_aliases_and_labels_resolve_to_one_request(lib):
    a = resolve(lib, "COO", "acme", level="Vice President", formats=("md",))
    b = resolve(lib, "coo", "acme", level="vp", formats=("md",))
    assert a == b and a.name == "coo-vp" and not a.own_level
    assert a.paths["md"].name == "coo-vp.md" and a.folder.name == "acme"


def test_own_level_and_paper(lib):
    request = resolve(lib, "coo", "nordwerk", formats=("docx", "pdf"), template="posting")
    assert request.own_level and request.name == "coo-posting" and request.paper == "A4"
    assert resolve(lib, "coo", "acme").paper == "Letter"


def test_unknown_names_are_one_clear_error(lib):
    with pytest.raises(NotFoundError, match="Did you mean 'coo'"):
        resolve(lib, "cooo", "acme")
    with pytest.raises(NotFoundError, match="unknown level"):
        resolve(lib, "coo", "acme", level="directr")


def test_identity_ignores_spelling_but_not_substance(lib):
    a = resolve(lib, "COO", "acme").identity("k")
    assert a == resolve(lib, "coo", "acme").identity("k")
    assert a != resolve(lib, "coo", "acme", paper="A4").identity("k")


def test_an_interim_trigger_is_named_by_id_and_only_for_an_interim_role(lib):
    from jdgen.core.errors import JdgenError

    assert resolve(lib, "interim-coo", "acme", trigger="growth").trigger == "growth"
    with pytest.raises(JdgenError) as wrong:
        resolve(lib, "interim-coo", "acme", trigger="vacancyy")
    assert "Did you mean 'vacancy'?" in str(wrong.value) and wrong.value.code == "request.trigger"
    with pytest.raises(JdgenError) as permanent:
        resolve(lib, "coo", "acme", trigger="vacancy")
    assert "not an interim mandate" in str(permanent.value)
