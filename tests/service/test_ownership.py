"""Ownership of output folders: a file jdgen has no record of is the user's; a company
folder belongs to one profile; no write leaves the output folder or follows a symlink."""

from __future__ import annotations

import errno
import json
import os

import pytest

from jdgen.library.loader import known_companies, load_library
from jdgen.service import manifest
from jdgen.service.generate import Service

EDIT = "\nMy own notes, typed by hand.\n"


def _lines(result) -> list[str]:
    return [row for row in result.output.splitlines() if row.strip()]


@pytest.fixture
def edited(run, tmp_path):
    """coo.md made by jdgen, then edited by hand; returns the file."""
    assert run("coo", "--company", "acme", "--format", "md").exit_code == 0
    path = tmp_path / "output" / "acme" / "coo.md"
    path.write_text(path.read_text("utf-8") + EDIT, "utf-8")
    return path


@pytest.mark.parametrize("manifest_text", [None, "<<<<<<< HEAD\n", '{"files": []}', "[]"])
def test_without_a_readable_manifest_a_hand_edit_is_never_overwritten(run, edited, manifest_text):
    record = edited.parent / "manifest.json"
    if manifest_text is None:
        record.unlink()
    else:
        record.write_text(manifest_text, "utf-8")
    again = run("coo", "--company", "acme", "--format", "md")
    assert again.exit_code == 1
    assert edited.read_text("utf-8").endswith(EDIT)
    problem = [row for row in _lines(again) if row.startswith("error:")]
    assert len(problem) == 1 and "no record of it" in problem[0] and "--force" in problem[0], again.output
    if manifest_text is not None:  # said once, and the unreadable manifest is not thrown away
        assert sum("manifest cannot be read" in row for row in _lines(again)) == 1, again.output


def test_a_file_with_exactly_the_bytes_jdgen_would_write_is_recorded_as_its_own(run, tmp_path):
    assert run("coo", "--company", "acme", "--format", "md").exit_code == 0
    folder = tmp_path / "output" / "acme"
    (folder / "manifest.json").unlink()
    again = run("coo", "--company", "acme", "--format", "md")
    assert again.exit_code == 0 and "unchanged output/acme/coo.md" in again.output, again.output
    assert set(manifest.read(folder)) == {"coo.md"}


def test_a_full_disk_at_the_manifest_write_loses_no_later_edit(run, tmp_path, monkeypatch):
    real = manifest.write_if_changed

    def full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(manifest, "write_if_changed", full)
    with pytest.raises(OSError):
        run("coo", "--company", "acme", "--format", "md")
    monkeypatch.setattr(manifest, "write_if_changed", real)
    path = tmp_path / "output" / "acme" / "coo.md"
    path.write_text(path.read_text("utf-8") + EDIT, "utf-8")
    again = run("coo", "--company", "acme", "--format", "md")
    assert again.exit_code == 1 and path.read_text("utf-8").endswith(EDIT)


def test_force_keeps_a_copy_of_a_file_jdgen_has_no_record_of(run, edited):
    (edited.parent / "manifest.json").unlink()
    forced = run("coo", "--company", "acme", "--format", "md", "--force")
    assert forced.exit_code == 0, forced.output
    assert (edited.parent / "coo.edited.md").read_text("utf-8").endswith(EDIT)
    assert not edited.read_text("utf-8").endswith(EDIT)


def test_an_edit_saved_while_the_run_renders_is_kept(tmp_path, lib, monkeypatch):
    """The file is checked again right before it is replaced, not only when planning."""
    service = Service(lib)
    request = service.resolve("coo", "acme", formats=("md", "txt"), out=tmp_path)
    service.generate(request)
    md = request.paths["md"]
    files = manifest.read(request.folder)
    manifest.record(request.folder, {name: {**e, "inputs": "older"} for name, e in files.items()})
    render = Service.render

    def render_then_user_saves(self, doc, fmt, entry="render"):
        made = render(self, doc, fmt, entry)
        if fmt == "md":
            md.write_text(md.read_text("utf-8") + EDIT, "utf-8")
        return made

    monkeypatch.setattr(Service, "render", render_then_user_saves)
    result = service.generate(request)
    states = {f.fmt: f.status for f in result.files}
    assert states == {"md": "conflict", "txt": "written"}
    assert md.read_text("utf-8").endswith(EDIT)
    assert "changed while jdgen was making it" in result.files[0].error


def test_force_never_writes_through_a_dangling_symlink_at_the_copys_name(run, edited, tmp_path):
    outside = tmp_path / "escaped.md"
    (edited.parent / "coo.edited.md").symlink_to(outside)
    (edited.parent / "manifest.json").unlink()
    assert run("coo", "--company", "acme", "--format", "md", "--force").exit_code == 0
    assert not outside.exists() and not os.path.lexists(tmp_path / "escaped.md")
    assert (edited.parent / "coo.edited-2.md").read_text("utf-8").endswith(EDIT)


def test_a_symlink_at_a_documents_name_is_the_users_and_never_written_through(run, tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("mine", "utf-8")
    folder = tmp_path / "output" / "acme"
    folder.mkdir(parents=True)
    (folder / "coo.md").symlink_to(target)
    kept = run("coo", "--company", "acme", "--format", "md")
    assert kept.exit_code == 1 and (folder / "coo.md").is_symlink()
    assert run("coo", "--company", "acme", "--format", "md", "--force").exit_code == 0
    assert target.read_text("utf-8") == "mine" and not (folder / "coo.md").is_symlink()
    assert os.readlink(folder / "coo.edited.md") == str(target)


@pytest.mark.parametrize(("name", "own"), [("manifest", "manifest.json"), ("index", "index.html")])
def test_a_batch_entry_named_like_jdgens_own_files_fails_alone(run, tmp_path, name, own):
    (tmp_path / "b.yaml").write_text(
        f"companies: [acme]\nformats: [json, html]\nroles:\n  - cfo\n  - {{id: coo, name: {name}}}\n", "utf-8"
    )
    result = run("batch", "b.yaml", "-j", "1")
    assert result.exit_code == 1
    failed = [row for row in _lines(result) if row.startswith("failed:")]
    assert len(failed) == 1 and f"b.yaml:5: '{name}' cannot name a document" in failed[0], result.output
    folder = tmp_path / "output" / "acme"
    assert json.loads((folder / "manifest.json").read_text("utf-8"))["files"].keys() == {
        "cfo.json",
        "cfo.html",
    }
    assert "Chief Financial Officer" in (folder / "index.html").read_text("utf-8")


def test_a_posting_named_like_jdgens_own_files_is_refused(tmp_path, lib):
    from jdgen.core.errors import JdgenError

    with pytest.raises(JdgenError, match="index.html"):
        Service(lib).resolve("coo", "acme", name="index", out=tmp_path)


@pytest.fixture
def two_acmes(tmp_path):
    """a/acme.yaml (Alpha Corp) and b/acme.yaml (Beta Corp): two profiles, one company id."""
    text = known_companies(load_library())["acme"].read_text("utf-8")
    for folder, name in (("a", "Alpha Corp"), ("b", "Beta Corp")):
        (tmp_path / folder).mkdir()
        lines = [f"name: {name}" if row.startswith("name:") else row for row in text.splitlines()]
        (tmp_path / folder / "acme.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return tmp_path


def test_a_second_profile_with_the_same_id_is_refused_across_runs(run, two_acmes):
    assert run("coo", "-c", "a/acme.yaml", "-f", "md").exit_code == 0
    clash = run("cfo", "-c", "b/acme.yaml", "-f", "md")
    assert clash.exit_code == 1
    [line] = _lines(clash)
    assert "a/acme.yaml" in line and "Beta Corp" in line and "id of its own" in line, line
    folder = two_acmes / "output" / "acme"
    assert sorted(p.name for p in folder.iterdir() if p.name[0] != ".") == ["coo.md", "manifest.json"]


def test_a_second_profile_with_the_same_id_is_refused_in_one_batch(run, two_acmes):
    (two_acmes / "b.yaml").write_text(
        "companies: [a/acme.yaml, b/acme.yaml]\nroles: [coo, cfo]\nformats: [md]\n", "utf-8"
    )
    result = run("batch", "b.yaml", "-j", "1")
    assert result.exit_code == 1
    failed = [row for row in _lines(result) if row.startswith("failed:")]
    assert len(failed) == 2, result.output
    assert all("id of its own" in row and "Beta Corp" in row for row in failed), result.output
    index = (two_acmes / "output" / "acme" / "index.html").read_text("utf-8")
    assert "Alpha Corp" in index and "Beta Corp" not in index
    again = run("batch", "--company", "b/acme.yaml", "--role", "coo", "--format", "md")
    assert again.exit_code == 1 and "id of its own" in again.output


def test_an_index_html_of_the_users_is_kept(run, tmp_path):
    folder = tmp_path / "output" / "acme"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("my own page", "utf-8")
    result = run("batch", "--company", "acme", "--role", "coo", "--format", "md")
    assert result.exit_code == 1 and (folder / "index.html").read_text("utf-8") == "my own page"
    assert "index.html is not a file jdgen made" in result.output
    forced = run("batch", "--company", "acme", "--role", "coo", "--format", "md", "--force")
    assert forced.exit_code == 0, forced.output
    assert (folder / "index.edited.html").read_text("utf-8") == "my own page"
    assert "coo.md" in (folder / "index.html").read_text("utf-8")
    again = run("batch", "--company", "acme", "--role", "coo", "--format", "md")
    assert again.exit_code == 0, again.output


def test_batch_removes_no_temp_file_of_the_users(run, tmp_path):
    folder = tmp_path / "output" / "acme"
    folder.mkdir(parents=True)
    (folder / ".salary-notes.tmp").write_text("private", "utf-8")
    assert run("batch", "--company", "acme", "--role", "coo", "--format", "md").exit_code == 0
    assert (folder / ".salary-notes.tmp").read_text("utf-8") == "private"


def test_a_full_disk_is_one_line_naming_the_file_once(run, tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run("coo", "--company", "acme", "--format", "md")
    [line] = _lines(result)
    assert result.exit_code == 1 and line.count("coo.md") == 1, line
    assert "disk is full" in line and "fix: free some disk space" in line
