"""validate.py and `jdgen validate`: every problem at once, exit 1 on any error."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import jdgen_command, replace_key


def test_a_broken_library_lists_every_problem_at_once(library_copy, tmp_path):
    replace_key(library_copy / "roles" / "coo.yaml", "family", "operationz")
    replace_key(library_copy / "roles" / "cfo.yaml", "default_level", "chief")
    block = library_copy / "blocks" / "risk.yaml"
    block.write_text(block.read_text("utf-8") + "colour: blue\n", "utf-8")
    proc = subprocess.run(
        jdgen_command("--library", str(library_copy), "validate", "--format", "json"),
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    found = {(d["code"], d["file"].rsplit("/", 1)[-1]) for d in json.loads(proc.stdout)}
    assert ("schema.unknown-key", "risk.yaml") in found
    assert ("library.unknown-family", "coo.yaml") in found
    assert ("library.unknown-level", "cfo.yaml") in found
    assert all(d["line"] for d in json.loads(proc.stdout))


@pytest.mark.slow
def test_the_builtin_library_and_examples_validate_clean(tmp_path):
    proc = subprocess.run(jdgen_command("validate"), capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "No problems found" in proc.stderr


@pytest.mark.slow
def test_content_rules_run_on_a_users_library(library_copy, tmp_path):
    block = library_copy / "blocks" / "risk.yaml"
    text = block.read_text("utf-8")
    first = next(
        line for line in text.splitlines() if line.strip().startswith("- ") and line.strip().endswith(".")
    )
    block.write_text(text.replace(first, first.rstrip(".") + " for a young team", 1), "utf-8")
    proc = subprocess.run(
        jdgen_command("--library", str(library_copy), "validate"),
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert "content.full-stop" in proc.stdout and "risk.yaml:" in proc.stdout


def test_a_company_file_is_validated_alone(tmp_path):
    bad = tmp_path / "co.yaml"
    bad.write_text("name: X\ncountry: UK\ncurrency: GBP\nrevised: soon\n", "utf-8")
    proc = subprocess.run(jdgen_command("validate", str(bad)), capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1
    assert "co.yaml:2:" in proc.stdout and "Did you mean 'GB'?" in proc.stdout
    assert "co.yaml:4:" in proc.stdout and "YYYY-MM-DD" in proc.stdout


def test_every_mistake_in_a_profile_is_listed_in_one_run(tmp_path):
    """What a new user hit: five mistakes in one profile, each shown only after fixing the last."""
    from jdgen.library.loader import known_companies, load_library

    text = known_companies(load_library())["acme"].read_text("utf-8")
    text = text.replace("country: US", "country: UK").replace(
        "{min: 85000, max: 115000}", "{min: 85,000, max: 115,000}"
    )
    text = text.replace('revised: "2026-11-01"', "revised: November 2026").replace("benefits:", "benifits:")
    assert "country: UK" in text and "85,000" in text and "November 2026" in text and "benifits" in text
    (tmp_path / "co.yaml").write_text(text, "utf-8")
    proc = subprocess.run(jdgen_command("validate", "co.yaml"), capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1
    codes = [row.split()[2] for row in proc.stdout.splitlines()]
    assert {"yaml.number-comma", "schema.choice", "schema.date", "schema.unknown-key"} <= set(codes), (
        proc.stdout
    )


def test_placeholders_in_profile_text_are_one_warning_each_not_a_flood(tmp_path):
    from jdgen.library.loader import known_companies, load_library

    text = known_companies(load_library())["acme"].read_text("utf-8")
    text = text.replace("about: >-\n  Acme", "about: >-\n  {{ company.nmae }} Acme", 1)
    assert "{{ company.nmae }}" in text
    (tmp_path / "co.yaml").write_text(text, "utf-8")
    proc = subprocess.run(jdgen_command("validate", "co.yaml"), capture_output=True, text=True, cwd=tmp_path)
    rows = proc.stdout.splitlines()
    assert proc.returncode == 0 and len(rows) == 1, proc.stdout
    assert rows[0].startswith("co.yaml:2: warning company.placeholder")


def test_a_profiles_check_settings_name_real_rules(tmp_path):
    from jdgen.library.loader import known_companies, load_library

    text = known_companies(load_library())["acme"].read_text("utf-8") + "check:\n  rules:\n    gendr: off\n"
    (tmp_path / "co.yaml").write_text(text, "utf-8")
    proc = subprocess.run(jdgen_command("validate", "co.yaml"), capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1
    line = text.count("\n")
    assert (
        f"co.yaml:{line}: error company.check-rule" in proc.stdout and "Did you mean 'gender'?" in proc.stdout
    )


def test_a_posting_file_is_validated_as_a_posting_and_other_files_are_named(tmp_path):
    """`jdgen validate postings/x.yaml` checks the posting (its keys, its role, its
    refs), not a company profile; a file that is neither says what validate takes."""
    postings = tmp_path / "postings"
    postings.mkdir()
    good = postings / "leeds.yaml"
    good.write_text(
        "role: head-of-operations\ncompany: brightwater\ntitle: Head of Operations, Leeds\n", "utf-8"
    )
    bad = postings / "typo.yaml"
    bad.write_text(
        "role: head-of-operations\ncompany: brightwater\nsalary: {min: 52k, max: 60000}\n", "utf-8"
    )
    other = tmp_path / "notes.yaml"
    other.write_text("colour: blue\n", "utf-8")

    def run(path):
        return subprocess.run(
            jdgen_command("validate", "--format", "json", str(path)),
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )

    ok = run(good)
    assert ok.returncode == 0, ok.stdout
    assert not [d for d in json.loads(ok.stdout) if d["code"].startswith("schema.")]
    broken = json.loads(run(bad).stdout)
    assert [(d["code"], d["line"]) for d in broken if d["severity"] == "error"] == [("schema.type", 3)]
    neither = run(other)
    assert neither.returncode == 1
    (found,) = json.loads(neither.stdout)
    assert found["code"] == "validate.unknown-file" and "posting file" in found["fix"]


def test_a_problem_reached_twice_is_listed_once(tmp_path):
    """A workspace profile is read for its postings and for itself: one mistake, one line
    (found by a new user's trial)."""
    proc = subprocess.run(jdgen_command("init", "ws", "--name", "Pen Ltd"), cwd=tmp_path, capture_output=True)
    assert proc.returncode == 0
    profile = tmp_path / "ws" / "companies" / "ws.yaml"
    profile.write_text(
        profile.read_text() + "currency: GBP\nsalary_bands:\n  director: {min: 85,000, max: 105,000}\n"
    )
    proc = subprocess.run(jdgen_command("validate"), cwd=tmp_path / "ws", capture_output=True, text=True)
    assert proc.returncode == 1
    assert [row.split(" error ")[1].split()[0] for row in proc.stdout.splitlines()] == ["yaml.number-comma"]


def test_a_posting_that_closes_before_it_is_posted_is_an_error_at_its_line(tmp_path):
    """The rule the JSON-LD refuses to publish (validThrough before datePosted), said by
    validate at the posting's `closes:` line."""
    from jdgen.service.validate import validate

    posting = tmp_path / "postings" / "late.yaml"
    posting.parent.mkdir()
    posting.write_text("role: head-of-operations\ncompany: brightwater\ncloses: 1999-01-01\n", "utf-8")
    found = [d for d in validate(None, [posting]) if d.severity == "error"]
    assert [(d.code, d.line, d.key) for d in found] == [("posting.closes", 3, "closes")]
    assert "closes on 1999-01-01, not after the day it is posted" in found[0].message
