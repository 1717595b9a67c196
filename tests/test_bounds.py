"""Every value bounded by the schema (issue 20, must-haves 2, 8 and 9): `jdgen validate` and
generation refuse the same values with one line naming the file, the line and the key as
the user wrote it, and the JSON Schema an editor or the fuzzer reads refuses them too."""

from __future__ import annotations

from dataclasses import dataclass

import jsonschema
import pytest

from jdgen.schema.registry import schema_for
from jdgen.yamlio.source import load_yaml

PROFILE = """\
name: Mini Co
about: We make small things.
industry: manufacturing
location: Springfield
country: US
currency: USD
revised: 2027-03-02
"""
POSTING = "role: coo\n"
BIG = "1" + "0" * 28  # 29 digits: past Babel's exact decimals


@dataclass(frozen=True)
class Case:
    file: str  # the file the bad value is written into
    text: str  # appended to the file
    expected: str  # in the one error line
    kind: str | None = (
        None  # the JSON Schema that must refuse the file too (None: YAML itself cannot load it)
    )
    below: int = 0  # the bad value's line, below the first line appended


CASES = {
    "29-digit salary": Case(
        "companies/mini.yaml",
        f"salary_bands:\n  executive: {{min: {BIG}, max: {BIG}0}}\n",
        "'salary_bands.executive.min': a number of 29 digits is out of range: from 1 to",
        "company",
        below=1,
    ),
    "5000-digit number": Case(
        "companies/mini.yaml",
        "posting_valid_days: " + "9" * 5000 + "\n",
        "a number of 5000 digits is longer than any value jdgen takes",
    ),
    "year 9999 and posting days": Case(
        "companies/mini.yaml",
        'revised: "9999-12-31"\nposting_valid_days: 30\n',
        "'revised': 9999-12-31 is not a date jdgen takes",
        "company",
    ),
    "javascript website": Case(
        "companies/mini.yaml",
        'website: "javascript:alert(1)"\n',
        "'website': 'javascript:alert(1)' is not a web address",
        "company",
    ),
    "numeric country": Case(
        "companies/mini.yaml",
        "country: 826\n",
        "'country': '826' is not an ISO 3166 two-letter country code. Did you mean 'GB'?",
        "company",
    ),
    "unknown remote country": Case(
        "companies/mini.yaml",
        "remote_countries: [US, UK]\n",
        "'remote_countries[1]': 'UK' is not an ISO 3166 two-letter country code. Did you mean 'GB'?",
        "company",
    ),
    "key on": Case("companies/mini.yaml", "on: 2\n", "'on': unknown key."),
    "remote_in": Case(
        "postings/p.yaml",
        "work: {arrangement: remote, remote_in: [UK, gb, 1]}\n",
        "'work.remote_in[0]': 'UK' is not a country's ISO 3166 code or a US state's",
        "posting",
    ),
    "empty formats": Case("jdgen.yaml", "formats: []\n", "'formats': needs at least one item", "workspace"),
    "empty instead_of": Case(
        ".jdgen-check.yaml",
        "preferred:\n  - {use: team member, instead_of: []}\n",
        "'preferred[0].instead_of': needs at least one item",
        below=1,
    ),
    "blank word": Case(
        ".jdgen-check.yaml",
        'preferred:\n  - {use: team member, instead_of: ["\\u00a0"]}\n',
        "'preferred[0].instead_of[0]': ",
        below=1,
    ),
}


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / "companies").mkdir()
    (tmp_path / "postings").mkdir()
    (tmp_path / "jdgen.yaml").write_text("company: mini\n", "utf-8")
    (tmp_path / "companies" / "mini.yaml").write_text(PROFILE, "utf-8")
    (tmp_path / "postings" / "p.yaml").write_text(POSTING, "utf-8")
    return tmp_path


def _write(workspace, case: Case) -> int:
    """Append the case's text; the line its first row lands on (its key's line, or the
    line of the value inside a flow mapping)."""
    path = workspace / case.file
    before = path.read_text("utf-8") if path.exists() else ""
    key = case.text.split(":")[0] + ":"
    before = "".join(row for row in before.splitlines(True) if not row.startswith(key))  # one such key
    text = before + case.text
    path.write_text(text, "utf-8")
    return text[: text.index(case.text)].count("\n") + 1


def _errors(output: str) -> list[str]:
    return [row for row in output.splitlines() if row.startswith("error") or " error " in row]


@pytest.mark.parametrize("name", list(CASES))
def test_validate_and_generation_refuse_the_same_value_with_one_line(run, workspace, name):
    case = CASES[name]
    line = _write(workspace, case)
    where = f"{case.file}:{line + case.below}"

    validated = run("validate")
    assert validated.exit_code == 1, validated.output
    assert any(where in row and case.expected in row for row in _errors(validated.output)), validated.output

    if case.file == "postings/p.yaml":
        made = run("build", "postings/p.yaml", "-f", "jsonld,md")
    elif case.file == ".jdgen-check.yaml":  # settings for `jdgen check`, which refuses them
        (workspace / "ad.md").write_text("We value every member of staff.\n", "utf-8")
        made = run("check", "ad.md")
    else:
        made = run("coo", "-t", "posting", "-f", "jsonld,md")
    assert made.exit_code == 1, made.output
    errors = _errors(made.output)
    assert len(errors) == 1 and where in errors[0] and case.expected in errors[0], made.output
    assert "Traceback" not in made.output
    assert not (workspace / "output").exists()

    if case.kind:  # the JSON Schema states the same bound, for editors and the fuzzer
        data = load_yaml(workspace / case.file)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, schema_for(case.kind))


def test_the_good_values_pass_both(run, workspace):
    """The bounds are not too tight: every kind of value above, written right, loads, makes
    the JSON-LD, and is valid under the schemas."""
    _write(
        workspace,
        Case(
            "companies/mini.yaml",
            f"salary_bands:\n  executive: {{min: {10**10}, max: {10**11}}}\n"
            "posting_valid_days: 366\nwebsite: https://mini.example\nremote_countries: [US, GB, XK]\n",
            "",
        ),
    )
    posting = "work: {arrangement: remote, remote_in: [GB, US-CA]}\ncloses: 2199-12-31\n"
    _write(workspace, Case("postings/p.yaml", posting, ""))
    _write(
        workspace, Case(".jdgen-check.yaml", "preferred:\n  - {use: team member, instead_of: [staff]}\n", "")
    )
    assert run("validate").exit_code == 0
    made = run("build", "postings/p.yaml", "-f", "jsonld")
    assert made.exit_code == 0, made.output
    for kind, file in (("company", "companies/mini.yaml"), ("posting", "postings/p.yaml")):
        jsonschema.validate(load_yaml(workspace / file), schema_for(kind))


def test_a_closing_date_before_the_posting_date_is_refused_not_published(run, workspace):
    """validThrough before datePosted is invalid JobPosting data: validate names the
    posting's line, and the JSON-LD is not written."""
    line = _write(workspace, Case("postings/p.yaml", "closes: 2027-03-01\n", ""))
    validated = run("validate")
    assert validated.exit_code == 1
    expected = "the posting closes on 2027-03-01, not after the day it is posted (2027-03-02)"
    assert any(f"postings/p.yaml:{line}" in row and expected in row for row in _errors(validated.output))
    for fmt in ("jsonld", "md", "txt"):  # every format: the advert's own dates would contradict too
        made = run("build", "postings/p.yaml", "-f", fmt)
        assert made.exit_code == 1 and expected in made.output, fmt
        assert any(f"postings/p.yaml:{line}" in row for row in _errors(made.output)), made.output
    assert not list(workspace.glob("output/**/*.*"))


@pytest.mark.parametrize("epoch", ["253402300000", "-1", "9" * 5000])
def test_source_date_epoch_outside_the_dates_jdgen_takes_is_one_line(run, workspace, monkeypatch, epoch):
    (workspace / "companies" / "mini.yaml").write_text(
        PROFILE.replace("revised: 2027-03-02\n", "posting_valid_days: 30\n"), "utf-8"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    made = run("coo", "-t", "posting", "-f", "jsonld")
    assert made.exit_code == 1
    assert _errors(made.output) == [
        row for row in made.output.splitlines() if row.startswith("error: SOURCE_DATE_EPOCH=")
    ]
    assert "from 1970-01-01 to 2199-12-31" in made.output


@pytest.mark.parametrize(
    "website, ok",
    [
        ("https://a.com:99999", False),
        ("https://[::1", False),
        ("https://a.com:abc/", False),
        ("https://exa\u202emple.com", False),
        ("https://example.com/jobs?x=1", True),
        ("http://localhost:8080/a", True),
    ],
)
def test_a_website_must_be_an_address_that_exists(tmp_path, website, ok):
    from jdgen.library.loader import load_library, validate_company

    (tmp_path / "c.yaml").write_text(f'name: X\nwebsite: "{website}"\n', "utf-8")
    problems = [d for d in validate_company(load_library(), tmp_path / "c.yaml") if d.severity == "error"]
    assert (not problems) == ok, problems


def test_an_empty_remote_in_and_control_characters_are_refused(tmp_path):
    from jdgen.library.posting import validate_posting

    (tmp_path / "p.yaml").write_text("role: coo\nwork: {arrangement: remote, remote_in: []}\n", "utf-8")
    (tmp_path / "q.yaml").write_text('role: coo\ntitle: "Boss\\0\\e[31m"\n', "utf-8")
    codes = {d.code for d in validate_posting(tmp_path / "p.yaml")[1]}
    assert "schema.min-items" in codes
    (problem,) = [d for d in validate_posting(tmp_path / "q.yaml")[1] if d.severity == "error"]
    assert problem.code == "schema.control-character" and problem.line == 2


def test_a_pasted_document_as_a_value_is_one_line_at_its_key(tmp_path):
    from jdgen.library.posting import validate_posting

    (tmp_path / "p.yaml").write_text('role: coo\ntitle: "' + "A " * 600_000 + '"\n', "utf-8")
    (problem,) = [d for d in validate_posting(tmp_path / "p.yaml")[1] if d.severity == "error"]
    assert problem.code == "schema.too-long" and problem.line == 2 and "title" in str(problem)


def test_a_posting_changes_at_most_as_many_lines_as_the_studio_takes(tmp_path):
    from jdgen.library.posting import validate_posting

    lines = "".join(f"    - {{block: daily-operations, text: Line {i} of the review.}}\n" for i in range(201))
    (tmp_path / "p.yaml").write_text("role: coo\nstatements:\n  add:\n" + lines, "utf-8")
    (problem,) = [d for d in validate_posting(tmp_path / "p.yaml")[1] if d.severity == "error"]
    assert problem.code == "schema.max-items" and problem.line == 3 and "200" in str(problem)
