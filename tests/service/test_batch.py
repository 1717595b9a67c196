"""Batch runs: the output tree, incremental re-runs, hand edits, failures, batch files."""

from __future__ import annotations

import json
import re

import docx
import pytest
from conftest import REPO, replace_key

from jdgen.library.loader import load_library

EXAMPLE = REPO / "examples" / "leadership-team.yaml"


def _written(result) -> int:
    line = result.output.strip().splitlines()[-1]
    return int(line.split(": ")[1].split(" files written")[0])


@pytest.fixture
def ops_batch(run, tmp_path):
    """The operations family for acme as DOCX and Markdown, with two workers."""
    args = ("batch", "--company", "acme", "--family", "operations", "--format", "docx,md", "--jobs", "2")
    first = run(*args)
    assert first.exit_code == 0, first.output
    return args, tmp_path / "output" / "acme", first


def test_batch_writes_every_role_index_and_manifest(ops_batch, lib):
    _, folder, first = ops_batch
    roles = [r for r in lib.roles.values() if r.family == "operations"]
    for role in roles:
        assert (folder / f"{role.id}.docx").exists() and (folder / f"{role.id}.md").exists()
    assert _written(first) == 2 * len(roles)
    entries = json.loads((folder / "manifest.json").read_text("utf-8"))["files"]
    assert set(entries) == {f"{r.id}.{ext}" for r in roles for ext in ("docx", "md")}
    for name, entry in entries.items():
        import hashlib

        data = (folder / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size"] == len(data)
        assert len(entry["inputs"]) == 64 and entry["version"]
    index = (folder / "index.html").read_text("utf-8")
    for role in roles:
        assert f'href="{role.id}.docx"' in index and role.title in index
    assert index.index("Chief Operating Officer") < index.index("Operations Coordinator")  # senior first


def test_second_run_writes_nothing(ops_batch, run):
    args, folder, _ = ops_batch
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.suffix in (".docx", ".md")}
    again = run(*args)
    assert again.exit_code == 0 and _written(again) == 0
    assert stamps == {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.suffix in (".docx", ".md")}


def test_changing_one_block_regenerates_exactly_its_users(run, tmp_path, library_copy):
    args = ("--library", str(library_copy), "batch", "-c", "acme", "--all", "-f", "md", "-j", "2")
    assert run(*args).exit_code == 0
    block = library_copy / "blocks" / "innovation.yaml"
    block.write_text(block.read_text("utf-8").replace("kpis:", "# a reviewer's note\nkpis:", 1), "utf-8")
    users = [
        r.id for r in load_library(library_copy).roles.values() if any(b.id == "innovation" for b in r.blocks)
    ]
    assert 0 < len(users) < len(load_library(library_copy).roles)
    again = run(*args)
    assert again.exit_code == 0 and _written(again) == len(users), again.output


def test_hand_edited_file_survives_and_force_rebuilds(ops_batch, run):
    args, folder, _ = ops_batch
    target = folder / "coo.docx"
    document = docx.Document(str(target))
    document.add_paragraph("Added by the hiring manager.")
    document.save(str(target))
    again = run(*args)
    assert again.exit_code == 0
    assert "kept: output/acme/coo.docx (edited by hand; nothing new to write)" in again.output
    assert "Added by the hiring manager." in [p.text for p in docx.Document(str(target)).paragraphs]
    forced = run(*args, "--force")
    assert forced.exit_code == 0
    assert "Added by the hiring manager." not in [p.text for p in docx.Document(str(target)).paragraphs]


def test_one_broken_role_never_stops_the_rest(run, tmp_path, library_copy):
    replace_key(library_copy / "roles" / "cfo.yaml", "summary", "'Runs {{ company.budget }}.'")
    result = run("--library", str(library_copy), "batch", "-c", "acme", "--all", "-f", "md", "-j", "2")
    assert result.exit_code == 1
    failures = [line for line in result.output.splitlines() if line.startswith("failed: ")]
    assert len(failures) == 1 and "acme/cfo" in failures[0] and "roles/cfo.yaml:" in failures[0]
    written = sorted(p.stem for p in (tmp_path / "output" / "acme").glob("*.md"))
    assert len(written) == len(load_library(library_copy).roles) - 1 and "cfo" not in written


def test_levels_all_and_parallel_output_is_identical(run, tmp_path, lib):
    one = run(
        "batch", "-c", "nordwerk", "-r", "coo", "--levels", "all", "-f", "docx,md", "-j", "1", "-o", "one"
    )
    two = run(
        "batch", "-c", "nordwerk", "-r", "coo", "--levels", "all", "-f", "docx,md", "-j", "2", "-o", "two"
    )
    assert one.exit_code == 0 and two.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "one" / "nordwerk").glob("coo*.*") if p.suffix != ".json")
    assert len(names) == 2 * len(lib.levels)
    assert "coo-manager.docx" in names and "coo.docx" in names
    for name in names:
        assert (tmp_path / "one" / "nordwerk" / name).read_bytes() == (
            tmp_path / "two" / "nordwerk" / name
        ).read_bytes()


def test_example_batch_file_with_overrides(run, tmp_path):
    result = run("batch", str(EXAMPLE), "--format", "docx", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.output == ""
    folder = tmp_path / "output" / "acme"
    assert (folder / "operations-manager-director.docx").exists()
    assert (folder / "quality-manager-posting.docx").exists()
    plant = docx.Document(str(folder / "plant-manager.docx"))
    assert plant.core_properties.title == "Plant Manager, Dayton"
    assert any("Dayton, Ohio" in p.text for p in plant.paragraphs)


def test_batch_file_errors_name_file_and_line(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("companies: [acme]\nroles: [coo]\nformat: [docx]\n", "utf-8")
    result = run("batch", str(bad))
    assert result.exit_code == 1
    assert "bad.yaml:3:" in result.output and "Did you mean 'formats'" in result.output


def test_schema_validates_the_example(run):
    import jsonschema
    import yaml

    schema = json.loads(run("schema", "batch").output)
    jsonschema.validate(yaml.safe_load(EXAMPLE.read_text("utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"companies": ["acme"], "formats": ["odt"]}, schema)


def test_progress_lines_when_not_a_terminal(run):
    result = run("batch", "-c", "acme", "-r", "coo", "-r", "cfo", "-f", "md", "-j", "1")
    lines = result.output.splitlines()
    assert lines[0].startswith("[1/2] acme/") and "md written" in lines[0]
    assert lines[-1].startswith("2 documents: 2 files written")


def test_batch_needs_a_selection(run):
    assert run("batch").exit_code == 2
    result = run("batch", "-c", "acme")
    assert result.exit_code == 1 and "no roles selected" in result.output


def test_batch_check_scores_every_document_in_the_summary_and_index(run, tmp_path):
    args = (
        "batch",
        "-c",
        "acme",
        "-r",
        "coo",
        "-r",
        "buyer",
        "-t",
        "posting",
        "-f",
        "md",
        "-j",
        "1",
        "--check",
    )
    first = run(*args)
    assert first.exit_code == 0, first.output
    lines = {
        row.split(":")[1].strip(): row for row in first.output.splitlines() if row.startswith("check: acme/")
    }
    assert set(lines) == {"acme/coo-posting", "acme/buyer-posting"}
    checked = run("check", "coo", "-c", "acme", "-t", "posting")
    score = re.search(r"score (\d+)/100", checked.output).group(1)
    assert f"score {score}/100" in lines["acme/coo-posting"]
    folder = tmp_path / "output" / "acme"
    entries = json.loads((folder / "manifest.json").read_text("utf-8"))["files"]
    assert entries["coo-posting.md"]["check"]["score"] == int(score)
    assert f"jdgen check score {score}/100" in (folder / "index.html").read_text("utf-8")
    again = run(*args)  # nothing to write: the scores come from the manifest
    assert "0 files written" in again.output and f"score {score}/100" in again.output


def test_all_gives_each_company_the_roles_of_its_industry(tmp_path, lib):
    from jdgen.model.batch import BatchFile
    from jdgen.service.batch import plan
    from jdgen.service.generate import Service

    spec = BatchFile(companies=("nordwerk", "acme"), all=True, formats=("md",), out=tmp_path)
    requests, failures = plan(Service(lib), spec)
    assert not failures
    made = {(r.company.id, r.role.id) for r in requests}
    assert ("acme", "plant-manager") in made and ("nordwerk", "plant-manager") not in made
    assert ("nordwerk", "logistics-manager") in made


def test_the_index_lists_each_document_on_its_own_row(run, studio_workspace):
    """The CLI's COO posting (coo-posting.docx) and a posting file saved from the studio
    for the same role and level (coo-dayton.docx) are two documents: two rows, each
    with one DOCX link."""
    assert run("coo", "--template", "posting", "--format", "docx,md").exit_code == 0
    (studio_workspace / "postings").mkdir()
    (studio_workspace / "postings" / "coo-dayton.yaml").write_text(
        "role: coo\ntitle: Chief Operating Officer\nlocation: Dayton, Ohio\n"
    )
    result = run("batch", "--format", "docx,md")
    assert result.exit_code == 0, result.output
    index = (studio_workspace / "output" / "acme" / "index.html").read_text("utf-8")
    rows = [row for row in re.findall(r"<li>.*?</li>", index, re.S) if 'href="coo' in row]
    links = [re.findall(r'href="([^"]+)"', row) for row in rows]
    assert sorted(links) == [["coo-dayton.docx", "coo-dayton.md"], ["coo-posting.docx", "coo-posting.md"]]


def test_check_scores_follow_the_check_settings(run, tmp_path):
    """A score kept in the manifest was made under some check settings and rules: when
    .jdgen-check.yaml changes, batch --check checks again (found by a new user's trial)."""
    first = run("batch", "-c", "acme", "-r", "coo", "-f", "md", "--check", "-q")
    assert first.exit_code == 0, first.output
    before = json.loads((tmp_path / "output" / "acme" / "manifest.json").read_text())["files"]["coo.md"]
    (tmp_path / ".jdgen-check.yaml").write_text("banned: [operations]\n")
    again = run("batch", "-c", "acme", "-r", "coo", "-f", "md", "--check")
    assert again.exit_code == 0, again.output
    after = json.loads((tmp_path / "output" / "acme" / "manifest.json").read_text())["files"]["coo.md"]
    assert after["sha256"] == before["sha256"]  # the document itself is unchanged
    assert after["check"]["key"] != before["check"]["key"]
    assert (
        after["check"]["warning"] > before["check"]["warning"]
        and after["check"]["score"] < before["check"]["score"]
    )


def test_a_mistake_in_the_check_settings_is_one_line_before_anything_is_written(run, tmp_path):
    (tmp_path / ".jdgen-check.yaml").write_text("rules:\n  jargon.buzzwords: off\n")
    result = run("batch", "-c", "acme", "-r", "coo", "-f", "md", "--check")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: .jdgen-check.yaml:2: check: unknown rule or category 'jargon.buzzwords'. Did you mean "
        "'jargon.buzzword'? (fix: use a rule id or category shown by `jdgen check` "
        "(e.g. gender, jargon.buzzword))"
    ]
    assert not (tmp_path / "output").exists()
    validated = run("validate")
    assert validated.exit_code == 1 and ".jdgen-check.yaml:2: error check.unknown-rule" in validated.output


def test_a_plain_role_entry_that_fails_names_its_line(run, tmp_path):
    """`- cooo` in a batch file: the failure names the batch file's line, as a mapping
    entry's does (found by a new user's trial)."""
    (tmp_path / "b.yaml").write_text("companies: [acme]\nroles:\n  - coo\n  - cooo\nformats: [md]\n")
    result = run("batch", "b.yaml", "-q")
    assert result.exit_code == 1
    assert "b.yaml:4: unknown role 'cooo'. Did you mean 'coo'?" in result.output
    assert (tmp_path / "output" / "acme" / "coo.md").is_file()  # the rest went ahead


def test_a_document_that_crashes_fails_alone_and_says_why(run, tmp_path, monkeypatch):
    from jdgen.service.generate import Service

    produce = Service.produce

    def crash_on_coo(self, request, force, known, check_only=False, check=False):
        if request.role.id == "coo" and not check_only:
            raise ValueError("a bug in jdgen")
        return produce(self, request, force, known, check_only, check)

    monkeypatch.setattr(Service, "produce", crash_on_coo)
    result = run("batch", "--company", "acme", "--role", "coo", "--role", "cfo", "--format", "md", "-j", "1")
    assert result.exit_code == 1
    failed = [row for row in result.output.splitlines() if row.startswith("failed:")]
    assert failed == [
        "failed: acme/coo: internal error while generating: ValueError: a bug in jdgen "
        "(fix: please report it, with the command you ran)"
    ]
    assert (tmp_path / "output" / "acme" / "cfo.md").exists()


def test_a_worker_that_dies_fails_its_documents_with_why(run, monkeypatch):
    import os

    from jdgen.service.generate import Service

    produce = Service.produce

    def die_on_coo(self, request, force, known, check_only=False, check=False):
        if request.role.id == "coo" and not check_only:
            os._exit(9)  # a worker killed, or out of memory (forked workers inherit this patch)
        return produce(self, request, force, known, check_only, check)

    monkeypatch.setattr(Service, "produce", die_on_coo)
    result = run("batch", "--company", "acme", "--role", "coo", "--role", "cfo", "--format", "md", "-j", "2")
    assert result.exit_code == 1
    failed = [row for row in result.output.splitlines() if row.startswith("failed:")]
    assert any(row.startswith("failed: acme/coo: ") for row in failed), result.output
    assert all("a worker process ended abruptly" in row and "fix:" in row for row in failed), result.output
