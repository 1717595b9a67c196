"""schema.py: every problem in a file collected, each with its line; dates checked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest

from jdgen.core.errors import LibraryError
from jdgen.core.record import record
from jdgen.model.base import Bound
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


# --- bounds: one declaration, the converter's check and the JSON Schema's keyword -------


@record(frozen=True)
class Bounded:
    days: Annotated[int, Bound(minimum=1, maximum=6)] = 1
    names: Annotated[tuple[str, ...], Bound(min_items=1)] = ("a",)
    by_id: Annotated[dict[str, str], Bound(min_items=1)] | None = None
    word: Annotated[str, Bound(pattern=r"\w", what="a word")] = "w"
    letter: Annotated[str, Bound(choices=lambda: {"A", "B"}, what="A or B")] = "A"

    def cross_checks(self):
        return (
            [("x.order", "word", "word comes after letter", "swap them")] if self.word < self.letter else []
        )


@pytest.mark.parametrize(
    ("text", "code", "key", "keyword"),
    [
        ("days: 7", "schema.range", "days", "maximum"),
        ("days: 0", "schema.range", "days", "minimum"),
        ("names: []", "schema.min-items", "names", "minItems"),
        ("by_id: {}", "schema.min-items", "by_id", "minProperties"),
        ("word: '\u00a0'", "schema.pattern", "word", "pattern"),
        ("letter: C", "schema.choice", "letter", "enum"),
    ],
)
def test_a_bound_is_checked_by_the_converter_and_stated_by_the_json_schema(
    tmp_path, text, code, key, keyword
):
    import jsonschema

    model = Bounded
    data, path = load(tmp_path, text + "\n")
    _, problems = convert_all(model, data, path)
    assert [(d.code, d.key, d.line) for d in problems] == [(code, key, 1)]
    schema = json_schema(model, "bounded")
    assert keyword in str(schema["properties"][key])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(dict(data), schema)


def test_a_models_cross_checks_run_once_its_fields_are_valid(tmp_path):
    data, path = load(tmp_path, "letter: B\nword: A\n")
    _, problems = convert_all(Bounded, data, path)
    assert [(d.code, d.key, d.line, d.fix) for d in problems] == [("x.order", "word", 2, "swap them")]


def test_dates_outside_the_range_jdgen_takes_are_refused(tmp_path):
    from jdgen.model.base import MAX_DATE, MIN_DATE

    for day in ("9999-12-31", "1969-12-31"):
        data, path = load(tmp_path, f"name: X\nrevised: {day}\n")
        _, problems = convert_all(Company, data, path)
        assert [(d.code, d.key, d.line) for d in problems] == [("schema.date-range", "revised", 2)]
        assert f"from {MIN_DATE} to {MAX_DATE}" in problems[0].message
    for day in (MIN_DATE, MAX_DATE):
        data, path = load(tmp_path, f"name: X\nrevised: {day}\n")
        assert convert_all(Company, data, path)[1] == []


def test_a_long_figure_written_as_text_gets_a_fix_not_a_traceback(tmp_path):
    """`min: "999...9"` (400 digits) is text where a number goes: the fix that reads the
    figure back must not overflow a float."""
    from jdgen.model.posting import Posting

    data, path = load(tmp_path, f"role: coo\nsalary: {{min: '{'9' * 400}', max: 1}}\n")
    _, problems = convert_all(Posting, data, path)
    assert [(d.code, d.key) for d in problems] == [("schema.type", "salary.min")]
