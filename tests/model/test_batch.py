"""model/batch.py: a batch file's models, read through the schema: defaults from the one
table of formats, a role as an id or with its own levels and overrides."""

from __future__ import annotations

import pytest

from jdgen.core.errors import LibraryError
from jdgen.model.batch import BatchFile, BatchRole, Overrides
from jdgen.model.formats import DEFAULT_FORMATS
from jdgen.schema.convert import convert


def test_a_batch_has_the_default_formats_and_template(tmp_path):
    batch = convert(BatchFile, {"companies": ["acme"], "all": True}, tmp_path / "b.yaml")
    assert batch.formats == DEFAULT_FORMATS and batch.template == "jd" and batch.wrap == 80
    assert batch.roles == () and batch.out == "output"


def test_a_role_is_an_id_or_an_entry_with_its_own_overrides(tmp_path):
    data = {
        "companies": ["acme", "nordwerk"],
        "roles": [
            "coo",
            {"id": "plant-manager", "name": "plant-manager-dayton", "overrides": {"location": "Dayton"}},
        ],
        "formats": ["md"],
    }
    batch = convert(BatchFile, data, tmp_path / "b.yaml")
    plain, entry = batch.roles
    assert plain == "coo" and isinstance(entry, BatchRole)
    assert entry.overrides == Overrides(location="Dayton") and entry.name == "plant-manager-dayton"
    assert hash(entry.overrides) == hash(Overrides(location="Dayton"))  # equal overrides: one document


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"companies": ["acme"], "formats": ["word"]}, "word"),
        ({"companies": ["acme"], "template": "advert"}, "advert"),
        ({"roles": ["coo"]}, "companies"),
        ({"companies": ["acme"], "roles": [{"id": "coo", "overrides": {"salary": 1}}]}, "salary"),
    ],
)
def test_a_bad_batch_is_an_error_naming_the_key(tmp_path, data, words):
    with pytest.raises(LibraryError, match=words):
        convert(BatchFile, data, tmp_path / "b.yaml")
