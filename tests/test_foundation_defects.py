"""The defects a review found in the foundation, each held by a test that failed before
its fix: run as a user would, through the real process (stderr and exit code)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import jdgen_command

from jdgen.library.loader import known_companies, load_library

ACME = known_companies(load_library())["acme"].read_text("utf-8")
NORDWERK = known_companies(load_library())["nordwerk"].read_text("utf-8")


def jdgen(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        jdgen_command(*args), cwd=cwd, capture_output=True, text=True, env={**environ, **(env or {})}
    )


def profile(folder: Path, name: str, text: str) -> Path:
    path = folder / "companies" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_a_date_in_words_is_one_line_naming_file_and_line(tmp_path):
    path = profile(tmp_path, "wordy.yaml", ACME.replace('revised: "2026-11-01"', 'revised: "November 2026"'))
    assert 'revised: "November 2026"' in path.read_text("utf-8")
    line = 1 + path.read_text("utf-8").splitlines().index('revised: "November 2026"')
    proc = jdgen(tmp_path, "coo", "-c", "wordy", "-f", "pdf,md")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0, proc.stderr
    assert f"companies/wordy.yaml:{line}:" in proc.stderr and "YYYY-MM-DD" in proc.stderr
    assert not (tmp_path / "output").exists()  # nothing half-written


def test_a_bad_date_in_a_batch_fails_only_its_company(tmp_path):
    profile(tmp_path, "wordy.yaml", ACME.replace('revised: "2026-11-01"', 'revised: "November 2026"'))
    proc = jdgen(tmp_path, "batch", "-c", "wordy", "-c", "nordwerk", "-r", "coo", "-f", "md", "-j", "2")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "YYYY-MM-DD" in proc.stderr
    folder = tmp_path / "output" / "nordwerk"
    assert (folder / "coo.md").is_file() and (folder / "index.html").is_file()
    assert "coo.md" in json.loads((folder / "manifest.json").read_text("utf-8"))["files"]


def test_a_change_to_jdgens_code_regenerates(tmp_path):
    """Edit a constant in a copy of the installed jdgen: the next run must regenerate."""
    import importlib
    import shutil

    package = tmp_path / "site" / "jdgen"
    installed = Path(importlib.import_module("jdgen").__file__).parent
    shutil.copytree(installed, package, ignore=shutil.ignore_patterns("__pycache__"))
    work = tmp_path / "work"
    work.mkdir()
    env = {"PYTHONPATH": str(tmp_path / "site"), "JDGEN_CACHE_DIR": str(tmp_path / "cache")}
    assert jdgen(work, "coo", "-c", "acme", "-f", "md", env=env).returncode == 0
    assert "unchanged output/acme/coo.md" in jdgen(work, "coo", "-c", "acme", "-f", "md", env=env).stdout
    compose = package / "compose" / "document.py"
    assert "MAX_KPIS = 5" in compose.read_text("utf-8")
    compose.write_text(compose.read_text("utf-8").replace("MAX_KPIS = 5", "MAX_KPIS = 4"), "utf-8")
    proc = jdgen(work, "coo", "-c", "acme", "-f", "md", env=env)
    assert proc.returncode == 0 and "wrote output/acme/coo.md" in proc.stdout, proc.stdout + proc.stderr


def test_code_signature_covers_the_bytes_of_every_module(tmp_path, monkeypatch):
    import jdgen
    from jdgen.core import cache, provenance

    fake = tmp_path / "pkg" / "core"  # the signature covers the whole package, core/'s parent
    fake.mkdir(parents=True)
    (fake / "provenance.py").write_text("X = 1\n")
    monkeypatch.setattr(provenance, "__file__", str(fake / "provenance.py"))
    provenance.code_signature.cache_clear()
    try:
        first = provenance.code_signature()
        (fake / "provenance.py").write_text("X = 2\n")  # same size, new bytes
        provenance.code_signature.cache_clear()
        cache.code_files.cache_clear()  # a new process
        assert provenance.code_signature() != first
    finally:
        provenance.code_signature.cache_clear()
    assert jdgen.__file__


@pytest.mark.parametrize(
    "flags, bad",
    [
        (["-c", "nosuchco", "-c", "acme", "-r", "coo"], "unknown company 'nosuchco'"),
        (["-c", "acme", "-r", "cooo", "-r", "cfo"], "unknown role 'cooo'"),
        (["-c", "acme", "-r", "coo", "-r", "cfo", "--levels", "director,bogus"], "unknown level 'bogus'"),
    ],
)
def test_one_bad_batch_entry_never_stops_the_rest(tmp_path, flags, bad):
    proc = jdgen(tmp_path, "batch", *flags, "-f", "md", "-j", "1")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert bad in proc.stderr
    written = sorted(p.name for p in (tmp_path / "output" / "acme").glob("*.md"))
    assert written, proc.stderr
    assert "failed: " in proc.stderr and "0 failed" not in proc.stdout


def test_a_bad_entry_in_a_batch_file_names_its_line(tmp_path):
    (tmp_path / "team.yaml").write_text(
        "companies: [acme]\nroles:\n  - coo\n  - id: cfoo\n  - cfo\nformats: [md]\n"
    )
    proc = jdgen(tmp_path, "batch", "team.yaml", "-j", "1")
    assert proc.returncode == 1
    assert "team.yaml:4:" in proc.stderr and "unknown role 'cfoo'" in proc.stderr
    assert {p.name for p in (tmp_path / "output" / "acme").glob("*.md")} == {"coo.md", "cfo.md"}


def test_non_ascii_company_names_give_readable_unique_ids(tmp_path):
    for name in ("東京物流.yaml", "大阪.yaml", "Łódź Ops.yaml"):
        profile(tmp_path, name, ACME)
    proc = jdgen(tmp_path, "batch", "-c", "東京物流", "-c", "大阪", "-c", "Łódź Ops", "-r", "coo", "-f", "md")
    assert proc.returncode == 0, proc.stderr
    folders = sorted(p.name for p in (tmp_path / "output").iterdir())
    assert folders == ["daban", "dongjingwuliu", "lodz-ops"]


def test_two_profiles_with_one_id_are_an_error_never_an_overwrite(tmp_path):
    profile(tmp_path, "Acme Co.yaml", ACME)
    profile(tmp_path, "acme-co.yaml", NORDWERK)
    first = jdgen(tmp_path, "coo", "-c", "acme-co", "-f", "md")
    assert first.returncode == 1 and "both make the company id 'acme-co'" in first.stderr
    assert not (tmp_path / "output").exists()


def test_a_profile_given_by_path_never_overwrites_another_profiles_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "firm.yaml").write_text(ACME, "utf-8")
    (tmp_path / "b" / "firm.yaml").write_text(NORDWERK, "utf-8")
    assert jdgen(tmp_path, "coo", "-c", "a/firm.yaml", "-f", "md").returncode == 0
    before = (tmp_path / "output" / "firm" / "coo.md").read_bytes()
    clash = jdgen(tmp_path, "coo", "-c", "b/firm.yaml", "-f", "md")
    assert clash.returncode == 1 and "made from another company profile" in clash.stderr
    assert (tmp_path / "output" / "firm" / "coo.md").read_bytes() == before


def test_one_profile_named_by_id_and_by_path_is_the_same_profile(tmp_path):
    profile(tmp_path, "acme.yaml", ACME)
    assert jdgen(tmp_path, "coo", "-c", "acme", "-f", "md").returncode == 0
    again = jdgen(tmp_path, "coo", "-c", "companies/acme.yaml", "-f", "md")
    assert again.returncode == 0 and "unchanged output/acme/coo.md" in again.stdout, again.stderr
    absolute = jdgen(tmp_path, "coo", "-c", str(tmp_path / "companies" / "acme.yaml"), "-f", "md")
    assert absolute.returncode == 0, absolute.stderr


def test_a_no_op_batch_touches_no_file(tmp_path):
    args = ("batch", "-c", "acme", "-r", "coo", "-r", "cfo", "-f", "md,docx", "-j", "1")
    assert jdgen(tmp_path, *args).returncode == 0
    folder = tmp_path / "output" / "acme"
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert {"index.html", "manifest.json", "coo.md"} <= set(before)
    again = jdgen(tmp_path, *args)
    assert again.returncode == 0 and "0 files written" in again.stdout
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def test_batch_and_single_run_agree_on_hand_edits(tmp_path):
    local = profile(tmp_path, "acme.yaml", ACME)
    assert jdgen(tmp_path, "batch", "-c", "acme", "-r", "coo", "-f", "md,docx").returncode == 0
    md = tmp_path / "output" / "acme" / "coo.md"
    md.write_text(md.read_text("utf-8") + "\nEdited.\n", "utf-8")
    for args in (
        ("coo", "-c", "acme", "-f", "md,docx"),
        ("batch", "-c", "acme", "-r", "coo", "-f", "md,docx"),
    ):
        assert jdgen(tmp_path, *args).returncode == 0  # up to date: the edit is simply kept
    local.write_text(ACME.replace("Acme", "Acme New"), "utf-8")
    single = jdgen(tmp_path, "coo", "-c", "acme", "-f", "md")
    local.write_text(ACME.replace("Acme", "Acme Newer"), "utf-8")
    batch = jdgen(tmp_path, "batch", "-c", "acme", "-r", "coo", "-f", "md,docx")
    assert single.returncode == batch.returncode == 1
    assert "edited by hand and its inputs have changed" in single.stderr
    assert "edited by hand and its inputs have changed" in batch.stderr
    assert "the two now differ" in batch.stdout and "Edited." in md.read_text("utf-8")
