"""The command line: outputs, paths, listings, help, completion and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from conftest import replace_key


def test_role_command_writes_requested_formats(run, tmp_path):
    result = run("coo", "--company", "acme", "--format", "pdf,docx,md")
    assert result.exit_code == 0, result.output
    for ext in ("pdf", "docx", "md"):
        assert (tmp_path / "output" / "acme" / f"coo.{ext}").stat().st_size > 1000
    assert result.output.count("wrote ") == 3


def test_each_format_written_once(run, tmp_path):
    result = run("coo", "--company", "acme", "--format", "md,md,markdown")
    assert result.exit_code == 0
    assert result.output.count("wrote ") == 1


def test_non_default_level_gets_suffix_and_title(run, tmp_path):
    result = run(
        "operations-manager", "-c", "acme", "--level", "director", "--format", "docx", "--out", "dist"
    )
    assert result.exit_code == 0, result.output
    path = tmp_path / "dist" / "acme" / "operations-manager-director.docx"
    assert docx.Document(str(path)).core_properties.title == "Operations Director"


def test_posting_template_has_own_file(run, tmp_path):
    result = run("coo", "-c", "acme", "-f", "md", "--template", "posting")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "acme" / "coo-posting.md").exists()


def test_quiet_prints_nothing(run):
    result = run("coo", "-c", "acme", "-f", "md", "--quiet")
    assert result.exit_code == 0 and result.output == ""


def test_company_from_path_and_local_folder(run, tmp_path, acme):
    from jdgen.library.loader import known_companies, load_library

    source = known_companies(load_library())["acme"].read_text("utf-8")
    (tmp_path / "companies").mkdir()
    (tmp_path / "companies" / "globex.yaml").write_text(
        source.replace("Acme Manufacturing Inc.", "Globex"), "utf-8"
    )
    assert run("coo", "-c", "globex", "-f", "md").exit_code == 0
    assert "Globex" in (tmp_path / "output" / "globex" / "coo.md").read_text("utf-8")
    (tmp_path / "My Co.yaml").write_text(source, "utf-8")
    assert run("coo", "-c", str(tmp_path / "My Co.yaml"), "-f", "md").exit_code == 0
    assert (tmp_path / "output" / "my-co" / "coo.md").exists()


@pytest.mark.parametrize("what", ["roles", "levels", "blocks", "companies", "templates", "formats"])
def test_list_json(run, what):
    result = run("list", what, "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert rows and all("id" in row for row in rows)


def test_list_industries_shows_each_id_and_the_names_that_map_to_it(run, lib):
    rows = {r["id"]: r for r in json.loads(run("list", "industries", "--json").output)}
    assert rows.keys() == lib.industries.keys()
    assert all(rows[i]["names"] == list(ind.names) for i, ind in lib.industries.items())
    text = run("list", "industries").output
    assert all(ind.names[0] in text for ind in lib.industries.values() if ind.names)


def test_an_industry_in_the_users_own_words_is_a_note_and_the_documents_are_written(run, tmp_path):
    (tmp_path / "lakeshore.yaml").write_text("name: Lakeshore Aggregates\nindustry: Mining and quarrying\n")
    result = run("operations-manager", "-c", "lakeshore.yaml", "-f", "md", "--template", "posting")
    assert result.exit_code == 0, result.output
    (note,) = [line for line in result.output.splitlines() if line.startswith("note: ")]
    assert "lakeshore.yaml:2" in note and "'Mining and quarrying'" in note and "industry-neutral" in note
    assert not [line for line in result.output.splitlines() if line.startswith("error")]
    assert (tmp_path / "output" / "lakeshore" / "operations-manager-posting.md").exists()


def test_list_levels_in_ladder_order(run):
    rows = json.loads(run("list", "levels", "--json").output)
    assert [r["id"] for r in rows][:2] == ["coordinator", "manager"]
    assert rows[-1]["id"] == "executive"


def test_help_shows_examples(run):
    for args in (["--help"], ["coo", "--help"]):
        result = run(*args)
        assert result.exit_code == 0
        assert "jdgen coo --company acme --format docx" in result.output


def test_shell_completion_offers_role_ids(tmp_path, monkeypatch):
    import subprocess
    import sys

    env = {"_JDGEN_COMPLETE": "bash_complete", "COMP_WORDS": "jdgen oper", "COMP_CWORD": "1", "PATH": ""}
    code = "import sys; from jdgen.app.cli import main; sys.argv=['jdgen']; main()"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=tmp_path
    ).stdout
    assert "operations-manager" in out and "operations-director" in out


def test_usage_error_exit_code_2(run):
    assert run("coo").exit_code == 2  # missing --company
    assert run("coo", "-c", "acme", "--paper", "A5").exit_code == 2


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and "jdgen" in result.output


def test_a_role_named_like_a_command_is_allowed_and_reachable(library_copy, run, tmp_path):
    role = (library_copy / "roles" / "coo.yaml").read_text("utf-8").replace("id: coo", "id: list")
    (library_copy / "roles" / "list.yaml").write_text(role, "utf-8")
    listed = run("--library", str(library_copy), "list", "roles")
    assert listed.exit_code == 0
    assert "use 'jdgen role list'" in next(
        row for row in listed.output.splitlines() if row.startswith("list ")
    )
    made = run("--library", str(library_copy), "role", "list", "-c", "acme", "-f", "md")
    assert made.exit_code == 0, made.output
    assert (tmp_path / "output" / "acme" / "list.md").is_file()
    assert run("--library", str(library_copy), "role", "coo", "-c", "acme", "-f", "md").exit_code == 0


def test_output_is_written_atomically(run, tmp_path, monkeypatch):
    import os

    assert run("coo", "-c", "acme", "-f", "md").exit_code == 0
    target = tmp_path / "output" / "acme" / "coo.md"
    before = target.read_bytes()

    def crash(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = run("coo", "-c", "acme", "-f", "md", "--force")
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    assert target.read_bytes() == before
    assert not [p.name for p in Path(target.parent).iterdir() if p.name.endswith(".tmp")]  # no temp files


def test_second_run_is_unchanged_and_hand_edits_survive(run, tmp_path):
    assert run("coo", "-c", "acme", "-f", "md,docx").exit_code == 0
    again = run("coo", "-c", "acme", "-f", "md,docx")
    assert again.exit_code == 0 and again.output.count("unchanged ") == 2
    md = tmp_path / "output" / "acme" / "coo.md"
    md.write_text(md.read_text("utf-8") + "\nA note from HR.\n", "utf-8")
    kept = run("coo", "-c", "acme", "-f", "md")  # nothing new to write: the edit is kept, no error
    assert kept.exit_code == 0 and "kept output/acme/coo.md (edited by hand" in kept.output
    assert "A note from HR." in md.read_text("utf-8")
    assert run("coo", "-c", "acme", "-f", "md", "--force").exit_code == 0
    assert "A note from HR." not in md.read_text("utf-8")


def test_out_of_date_hand_edit_is_kept_with_an_error_and_its_sibling_noted(run, tmp_path):
    from jdgen.library.loader import known_companies, load_library

    profile = tmp_path / "companies" / "acme.yaml"
    profile.parent.mkdir()
    profile.write_text(known_companies(load_library())["acme"].read_text("utf-8"), "utf-8")
    assert run("coo", "-c", "acme", "-f", "md,docx").exit_code == 0
    md = tmp_path / "output" / "acme" / "coo.md"
    md.write_text(md.read_text("utf-8") + "\nA note from HR.\n", "utf-8")
    profile.write_text(profile.read_text("utf-8").replace("Acme", "Acme Two"), "utf-8")
    result = run("coo", "-c", "acme", "-f", "md,docx")
    assert result.exit_code == 1
    assert "coo.md was edited by hand and its inputs have changed since" in result.output
    assert "--force" in result.output and "A note from HR." in md.read_text("utf-8")
    assert "coo.docx was regenerated from newer data but output/acme/coo.md keeps your edits" in result.output


def test_broken_cache_is_ignored(run, tmp_path, monkeypatch):
    from jdgen.core import cache
    from jdgen.library import loader as library

    folder = tmp_path / "cache"
    monkeypatch.delenv("JDGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("JDGEN_CACHE_DIR", str(folder))
    cache.cache_dir.cache_clear()
    library._load_library.cache_clear()
    try:
        assert run("coo", "-c", "acme", "-f", "md").exit_code == 0
        pickles = list(folder.rglob("library-*.pickle"))
        assert pickles
        for p in pickles:
            p.write_bytes(b"not a pickle")
        library._load_library.cache_clear()
        assert run("coo", "-c", "acme", "-f", "md", "--force").exit_code == 0
    finally:
        cache.cache_dir.cache_clear()


def test_cache_pruning_only_touches_its_own_stale_folders(tmp_path, monkeypatch):
    import os

    from jdgen.core import cache

    for name in ("0.0.9-abcdefabcdef", "0.0.8", "family-photos", "0.0.7-0123456789ab"):
        (tmp_path / name).mkdir()
    for name in ("0.0.9-abcdefabcdef", "0.0.8", "family-photos"):
        os.utime(tmp_path / name, (0, 0))  # unused since 1970
    # 0.0.7-... was used just now, by another installed copy of jdgen: it stays
    monkeypatch.delenv("JDGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("JDGEN_CACHE_DIR", str(tmp_path))
    cache.cache_dir.cache_clear()
    try:
        assert cache.cache_dir().parent == tmp_path
        kept = sorted([cache.cache_dir().name, "family-photos", "0.0.7-0123456789ab"])
        assert sorted(p.name for p in tmp_path.iterdir()) == kept
    finally:
        cache.cache_dir.cache_clear()


def test_missing_salary_band_warns_but_writes(run, tmp_path):
    from jdgen.library.loader import known_companies, load_library

    text = known_companies(load_library())["acme"].read_text("utf-8")
    text = "\n".join(row for row in text.splitlines() if not row.strip().startswith("executive: {min"))
    (tmp_path / "nopay.yaml").write_text(text + "\n", "utf-8")
    result = run("coo", "-c", str(tmp_path / "nopay.yaml"), "-f", "md")
    assert result.exit_code == 0
    assert "warning: nopay.yaml: no salary band for level 'executive'" in result.output
    assert "fix: add salary_bands.executive" in result.output
    batch = run("batch", "-c", str(tmp_path / "nopay.yaml"), "-r", "coo", "-r", "cfo", "-f", "md", "--force")
    assert batch.output.count("warning: ") == 2 and batch.exit_code == 0


def test_cache_folder_vanishing_mid_run_is_harmless(run, tmp_path, monkeypatch):
    import shutil

    from jdgen.core import cache
    from jdgen.library import loader as library
    from jdgen.render import environment as jinja

    monkeypatch.delenv("JDGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("JDGEN_CACHE_DIR", str(tmp_path / "cache"))
    for cached in (cache.cache_dir, jinja.output_env, library._load_library):
        cached.cache_clear()
    try:
        assert run("coo", "-c", "acme", "-f", "md").exit_code == 0
        shutil.rmtree(tmp_path / "cache")  # another process pruned it
        assert run("cfo", "-c", "acme", "-f", "docx,html").exit_code == 0  # new templates compile
    finally:
        for cached in (cache.cache_dir, jinja.output_env, library._load_library):
            cached.cache_clear()


def test_warnings_for_probable_mistakes_are_printed_but_generate(run, tmp_path):
    from jdgen.library.loader import known_companies, load_library

    text = known_companies(load_library())["acme"].read_text("utf-8")
    assert "values:\n  - " in text
    folded = text.replace("values:\n  - ", "values:\n  - Safety first\n    - ", 1)
    (tmp_path / "folded.yaml").write_text(folded, "utf-8")
    result = run("coo", "-c", "folded.yaml", "-f", "md")
    assert result.exit_code == 0
    line = next(
        row for row in result.output.splitlines() if "yaml.folded-item" in row or "joined the two" in row
    )
    expected = 1 + folded.splitlines().index(next(r for r in folded.splitlines() if r.startswith("    - ")))
    assert line.startswith("warning: folded.yaml:") and f"folded.yaml:{expected}:" in line


def test_single_braces_in_a_statement_are_warned_about(library_copy, run):
    replace_key(library_copy / "roles" / "coo.yaml", "summary", "'Leads { company.name } operations.'")
    result = run("--library", str(library_copy), "coo", "-c", "acme", "-f", "md")
    assert result.exit_code == 0
    assert any("single braces" in row and "roles/coo.yaml:" in row for row in result.output.splitlines())


def test_force_keeps_a_copy_of_a_hand_edited_file(run, tmp_path):
    assert run("coo", "-c", "acme", "-f", "md").exit_code == 0
    md = tmp_path / "output" / "acme" / "coo.md"
    md.write_text(md.read_text("utf-8") + "\nA note from HR.\n", "utf-8")
    forced = run("coo", "-c", "acme", "-f", "md", "--force")
    assert forced.exit_code == 0
    assert (
        "note: output/acme/coo.md had your edits: they are kept in output/acme/coo.edited.md" in forced.output
    )
    assert "A note from HR." in (tmp_path / "output" / "acme" / "coo.edited.md").read_text("utf-8")
    assert "A note from HR." not in md.read_text("utf-8")
    again = run("coo", "-c", "acme", "-f", "md", "--force")  # nothing edited now: no copy
    assert "had your edits" not in again.output and not (md.parent / "coo.edited-2.md").exists()


def test_company_names_ignore_case(run, tmp_path):
    result = run("coo", "-c", "ACME", "-f", "md")
    assert result.exit_code == 0 and (tmp_path / "output" / "acme" / "coo.md").is_file()


def test_schema_offers_every_kind_the_registry_has(run):
    from jdgen.app.cli import SCHEMA_KINDS
    from jdgen.schema.registry import ALIASES, KINDS

    assert sorted(SCHEMA_KINDS) == sorted([*KINDS, *ALIASES])
    for kind in SCHEMA_KINDS:
        result = run("schema", kind)
        assert result.exit_code == 0 and "json-schema.org" in json.loads(result.output)["$schema"], kind
