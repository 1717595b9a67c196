"""schema/registry.py: the one registry of file kinds and their JSON Schemas, made from
the models the loader uses; checked with jsonschema against the library's own files."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from jdgen.core.paths import library_dir
from jdgen.schema.registry import ALIASES, KINDS, schema_for


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_valid_titled_schema(kind):
    schema = schema_for(kind)
    jsonschema.validators.validator_for(schema).check_schema(schema)  # raises if not a schema
    assert schema["title"].startswith("jdgen")


def test_aliases_name_the_same_schema():
    for alias, kind in ALIASES.items():
        assert schema_for(alias) == schema_for(kind)
    with pytest.raises(KeyError):
        schema_for("no-such-kind")


def test_a_role_or_block_is_either_a_full_one_or_one_that_extends_another():
    role = schema_for("role")
    full = yaml.safe_load((library_dir() / "roles" / "coo.yaml").read_text("utf-8"))
    jsonschema.validate(full, role)
    jsonschema.validate({"id": "coo", "extends": "coo", "title": "Chief of Operations"}, role)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "coo", "extends": "coo", "colour": "blue"}, role)
    jsonschema.validate(
        yaml.safe_load((library_dir() / "locales.yaml").read_text("utf-8")), schema_for("locales")
    )
