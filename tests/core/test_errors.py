"""Every bad input gives one clear line (what, where, how to fix), exit code 1, no traceback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import jdgen_command, replace_key


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    return lines[0]


def test_unknown_role(run):
    line = one_line_error(run("cooo", "--company", "acme"))
    assert "unknown role 'cooo'" in line and "Did you mean 'coo'" in line
    assert "Known:" not in line  # a good suggestion is enough
    far = one_line_error(run("zzzz", "--company", "acme"))
    assert "Did you mean" not in far and "Known: " in far and "ceo" in far


def test_unknown_level(run):
    line = one_line_error(run("coo", "-c", "acme", "--level", "senior"))
    assert "unknown level 'senior'" in line and "jdgen list levels" in line


def test_unknown_company_lists_profiles_and_how_to_make_one(run):
    line = one_line_error(run("coo", "-c", "acmee"))
    assert "Did you mean 'acme'" in line and "./companies/NAME.yaml" in line
    far = one_line_error(run("coo", "-c", "zzzz"))
    assert "nordwerk" in far and "./companies/NAME.yaml" in far


def test_unknown_format(run):
    line = one_line_error(run("coo", "-c", "acme", "-f", "docs"))
    assert "unknown format 'docs'" in line and "Did you mean 'docx'" in line
    assert "(fix: give one or more of docx, pdf, html, md, json, jsonld, txt" in line


def test_unknown_block_in_role(library_copy, run):
    path = library_copy / "roles" / "coo.yaml"
    path.write_text(path.read_text("utf-8").replace("id: strategy", "id: strategie", 1), "utf-8")
    line = one_line_error(run("--library", str(library_copy), "coo", "-c", "acme"))
    assert "unknown block 'strategie'" in line and "Did you mean 'strategy'" in line
    assert "roles/coo.yaml:" in line


def test_yaml_syntax_error_names_file_and_line(library_copy, run):
    path = library_copy / "blocks" / "risk.yaml"
    lines = path.read_text("utf-8").splitlines()
    lines[3] = lines[3] + ' "unclosed'
    path.write_text("\n".join(lines), "utf-8")
    line = one_line_error(run("--library", str(library_copy), "coo", "-c", "acme"))
    assert "blocks/risk.yaml:" in line and "YAML syntax error" in line


def test_schema_error_names_file_line_and_key(tmp_path, run, acme):
    from jdgen.library.loader import known_companies, load_library

    text = known_companies(load_library())["acme"].read_text("utf-8")
    (tmp_path / "bad.yaml").write_text(text.replace("industry:", "industy:"), "utf-8")
    line = one_line_error(run("coo", "-c", str(tmp_path / "bad.yaml")))
    n = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("industry:"))
    assert f"bad.yaml:{n}:" in line
    assert "unknown key" in line and "Did you mean 'industry'" in line


def test_wrong_type_names_expected_type(tmp_path, run):
    from jdgen.library.loader import known_companies, load_library

    bad = tmp_path / "bad.yaml"
    bad.write_text(known_companies(load_library())["acme"].read_text("utf-8"), "utf-8")
    n = replace_key(bad, "values", "7")
    line = one_line_error(run("coo", "-c", str(bad)))
    assert f"bad.yaml:{n}:" in line and "'values': expected a list, got a number" in line


def test_missing_required_field(tmp_path, run):
    (tmp_path / "thin.yaml").write_text("about: A company.\n", "utf-8")
    line = one_line_error(run("coo", "-c", str(tmp_path / "thin.yaml")))
    assert "thin.yaml:1:" in line and "missing required key 'name'" in line


def test_jinja_error_in_statement_names_file_and_line(library_copy, run):
    n = replace_key(library_copy / "roles" / "coo.yaml", "summary", "'Runs {{ company.nme }}.'")
    line = one_line_error(run("--library", str(library_copy), "coo", "-c", "acme", "-f", "md"))
    assert f"roles/coo.yaml:{n}:" in line and "unknown name '{{ company.nme }}'" in line
    assert "Did you mean 'company.name'?" in line and "company.industry" in line  # the valid names


def test_jinja_syntax_error_in_statement(library_copy, run):
    n = replace_key(library_copy / "roles" / "coo.yaml", "summary", "'Runs {{ company.name .'")
    line = one_line_error(run("--library", str(library_copy), "coo", "-c", "acme", "-f", "md"))
    assert f"roles/coo.yaml:{n}:" in line and "template syntax error" in line


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ company.__class__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ lipsum.__globals__ }}",
    ],
)
def test_sandbox_refuses_escape_in_statement(library_copy, run, payload):
    replace_key(library_copy / "roles" / "coo.yaml", "summary", '"' + payload + '"')
    line = one_line_error(run("--library", str(library_copy), "coo", "-c", "acme", "-f", "md"))
    assert "roles/coo.yaml:" in line


def test_output_template_error_names_template_and_line(monkeypatch, tmp_path, coo_jd):
    from jdgen.core.errors import TemplateError
    from jdgen.render import environment as jinja

    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "jd.md.j2").write_text("# {{ jd.title }}\n\n{{ jd.no_such_field }}\n", "utf-8")
    from jdgen.library import sources

    before = sources.default_sources()
    layered = sources.Sources((sources.Layer("user", templates=tmp_path), *before.layers))
    with pytest.raises(TemplateError) as info:
        jinja.render_template(layered, "text", "md/jd.md.j2", jd=coo_jd)
    assert "jd.md.j2:3" in str(info.value) and "no_such_field" in str(info.value)


def test_missing_pango_still_writes_other_formats(tmp_path):
    """Simulate cffi failing to load libpango, as on a machine without it."""
    fake = tmp_path / "fake"
    (fake / "weasyprint").mkdir(parents=True)
    (fake / "weasyprint" / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': No such file\")\n", "utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(fake)}
    proc = subprocess.run(
        jdgen_command("coo", "-c", "acme", "-f", "docx,pdf"),
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert (tmp_path / "output" / "acme" / "coo.docx").exists()
    assert not (tmp_path / "output" / "acme" / "coo.pdf").exists()
    errors = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "libpango" in errors[0] and "apt-get install" in errors[0]
    assert "Traceback" not in proc.stderr


def test_unreadable_output_folder(run, tmp_path):
    (tmp_path / "blocked").write_text("a file, not a folder", "utf-8")
    line = one_line_error(run("coo", "-c", "acme", "-f", "md", "--out", str(tmp_path / "blocked" / "x")))
    assert "blocked" in line and "fix:" in line


def test_yaml_is_loaded_safely(tmp_path, run):
    (tmp_path / "evil.yaml").write_text("name: !!python/object/apply:os.system ['echo pwned']\n", "utf-8")
    line = one_line_error(run("coo", "-c", str(tmp_path / "evil.yaml")))
    assert "evil.yaml:1" in line
    assert not Path("pwned").exists()


def test_did_you_mean_ignores_case_and_separators():
    from jdgen.core.errors import did_you_mean

    assert did_you_mean("full-time", ["FULL_TIME", "PART_TIME"]) == " Did you mean 'FULL_TIME'?"
    assert did_you_mean("Logistics", ["logistics", "retail"]) == " Did you mean 'logistics'?"
    assert did_you_mean("cooo", ["coo", "cfo"]) == " Did you mean 'coo'?"
    assert did_you_mean("zzz", ["coo", "cfo"]) == ""
