"""schema.py: every problem in a file collected, each with its line; dates checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdgen.core.errors import LibraryError
from jdgen.model.data import Company, Role
from jdgen.schema.convert import convert, convert_all, json_schema
from jdgen.yamlio.source import load_yaml


def load(tmp_path: Path, text: str):
    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    return load_yaml(path), path


def test_every_problem_in_a_file_is_collected_with_its_line(tmp_path):
    data, path = load(
        tmp_path,
        "id: x\ntitel: X\nfamily: 3\ndefault_level: manager\nsummary: ''\n"
        "blocks:\n  - id: a\n    emphasis: hgh\n",
    )
    value, problems = convert_all(Role, data, path)
    assert value is None
    found = {(d.code, d.line) for d in problems}
    assert ("schema.unknown-key", 2) in found  # titel
    assert ("schema.missing-key", 1) in found  # title
    assert ("schema.empty", 5) in found  # summary
    assert ("schema.choice", 8) in found  # emphasis
    unknown = next(d for d in problems if d.code == "schema.unknown-key")
    assert "Did you mean 'title'?" in unknown.message
    with pytest.raises(LibraryError) as info:
        convert(Role, data, path)
    assert str(info.value) == str(problems[0])


@pytest.mark.parametrize("value", ['"November 2026"', "2026-13-01", "2026-2-1", "yes"])
def test_dates_must_be_iso(tmp_path, value):
    data, path = load(tmp_path, COMPANY + f"revised: {value}\n")
    _, problems = convert_all(Company, data, path)
    assert [d.code for d in problems] == ["schema.date"]
    assert problems[0].line == COMPANY.count("\n") + 1 and "YYYY-MM-DD" in problems[0].message


def test_a_valid_date_is_kept_as_text(tmp_path):
    data, path = load(tmp_path, COMPANY + "revised: 2026-02-28\n")
    company, problems = convert_all(Company, data, path)
    assert not problems and company.revised == "2026-02-28"


def test_a_colon_inside_a_list_item_says_to_quote_it(tmp_path):
    data, path = load(tmp_path, COMPANY + "values:\n  - Safety\n  - Clients first: always\n")
    _, problems = convert_all(Company, data, path)
    (problem,) = problems
    assert problem.line == COMPANY.count("\n") + 3
    assert "because of the colon" in problem.message and '"Clients first: always"' in problem.fix


@pytest.mark.parametrize(
    "value, fix",
    [
        ("£52000", "write 52000, in digits only (the currency goes in currency:)"),
        ("52k", "write 52000, in digits only"),
        ("52,000", "write 52000, in digits only"),
        ("three", "write 3, in digits only"),
        ("about fifty", "write the number in digits only, with no currency sign, letters or separators"),
    ],
)
def test_a_number_written_as_text_gets_the_digits_to_write(tmp_path, value, fix):
    from jdgen.model.posting import Posting

    data, path = load(tmp_path, f"role: ceo\nsalary:\n  min: '{value}'\n  max: 90000\n")
    _, problems = convert_all(Posting, data, path)
    (problem,) = problems
    assert (problem.code, problem.line) == ("schema.type", 3)
    assert problem.fix == fix


def test_json_schema_knows_dates():
    schema = json_schema(Company, "company")
    assert schema["properties"]["revised"]["anyOf"][0]["format"] == "date"


COMPANY = (
    "name: X\nabout: A firm.\nindustry: Retail\nsize: 10\nlocation: Leeds\n"
    "country: GB\ncurrency: GBP\neeo: We hire fairly.\n"
)


def test_every_shipped_yaml_file_validates_against_its_generated_schema():
    """The JSON Schemas come from the same models the loader uses, so every file the
    loader accepts must also pass the schema (dates, enums, nesting)."""
    import jsonschema
    import yaml

    from jdgen.core.paths import library_dir
    from jdgen.model import data as models

    root = library_dir()
    kinds = {
        models.Company: sorted((root / "companies").glob("*.yaml")),
        models.Role: sorted((root / "roles").glob("*.yaml")),
        models.Block: sorted((root / "blocks").glob("*.yaml")),
        models.LevelsFile: [root / "levels.yaml"],
        models.FamiliesFile: [root / "families.yaml"],
        models.Locales: [root / "locales.yaml"],
    }
    for cls, paths in kinds.items():
        schema = json_schema(cls, cls.__name__)
        assert paths
        for path in paths:
            data = yaml.safe_load(path.read_text("utf-8"))
            data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
            jsonschema.validate(data, schema)
    bad = {**yaml.safe_load(kinds[models.Company][0].read_text("utf-8")), "revised": "November 2026"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, json_schema(models.Company, "company"))


def test_every_schema_problem_carries_its_key_path(tmp_path):
    """Diagnostics name the user's key as a path (like RenderCV's), so a front end such as
    the studio finds the field without reading the English message."""
    from jdgen.library.posting import validate_posting

    path = tmp_path / "p.yaml"
    path.write_text("role: coo\nsalary: {min: 90000}\nwork: {arrangement: hybrid, office_days: 9}\n")
    _, problems = validate_posting(path)
    assert [(d.code, d.key, d.line) for d in problems] == [
        ("schema.range", "work.office_days", 3),
        ("schema.missing-key", "salary.max", 2),
    ]
    path.write_text("role: coo\nsalary: {min: 9, max: 1}\nwork:\n  arrangement: on-site\n  office_days: 3\n")
    _, problems = validate_posting(path)
    assert {(d.code, d.key, d.line) for d in problems} == {
        ("posting.salary", "salary", 2),
        ("posting.office-days-arrangement", "work.office_days", 5),
    }
