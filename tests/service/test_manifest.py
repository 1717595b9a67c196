"""manifest.py: what a file's state is, digests from recorded sources, merge-on-write."""

from __future__ import annotations

import json

from jdgen.library.sources import Layer, Sources
from jdgen.service import manifest


def test_status_tells_write_unchanged_kept_edited_and_unknown():
    made, edited = manifest.bytes_digest(b"made"), manifest.bytes_digest(b"made, then edited")
    entry = {"inputs": "d1", "sha256": made}
    assert manifest.status(None, "d1", None) == "write"  # missing
    assert manifest.status(None, "d1", entry) == "write"  # recorded, then deleted
    assert manifest.status(made, "d1", None) == "unknown"  # never recorded: the user's unless the same bytes
    assert manifest.status(made, "d1", entry) == "unchanged"
    assert manifest.status(made, "d2", entry) == "write"
    assert manifest.status(made, None, entry) == "write"  # no recorded sources: assume changed
    assert manifest.status(edited, "d1", entry) == "kept"
    assert manifest.status(edited, "d2", entry) == "edited"


def test_digest_follows_the_recorded_sources(tmp_path):
    (tmp_path / "roles").mkdir()
    role = tmp_path / "roles" / "coo.yaml"
    role.write_text("id: coo\n")
    sources = Sources((Layer("builtin", library=tmp_path),))
    keys = ["library:roles/coo.yaml"]
    first = manifest.inputs_digest(sources, "{}", "md", keys)
    assert manifest.inputs_digest(sources, "{}", "md", keys) == first
    assert manifest.inputs_digest(sources, "{}", "docx", keys) != first
    assert manifest.inputs_digest(sources, '{"level": "vp"}', "md", keys) != first
    role.write_text("id: coo\ntitle: changed\n")
    assert manifest.inputs_digest(sources, "{}", "md", keys) != first


def test_record_merges_and_leaves_an_unchanged_manifest_alone(tmp_path):
    manifest.record(tmp_path, {"a.md": {"sha256": "1"}})
    manifest.record(tmp_path, {"b.md": {"sha256": "2"}})
    files = json.loads((tmp_path / "manifest.json").read_text())["files"]
    assert set(files) == {"a.md", "b.md"}
    before = (tmp_path / "manifest.json").stat().st_mtime_ns
    manifest.record(tmp_path, {"a.md": {"sha256": "1"}})
    assert (tmp_path / "manifest.json").stat().st_mtime_ns == before


def test_a_corrupt_manifest_reads_as_empty_and_says_why(tmp_path):
    (tmp_path / "manifest.json").write_text('{"files": {}}\n<<<<<<< HEAD\n')
    state = manifest.load(tmp_path)
    assert state.files == {} and "line 2" in state.problem
    assert manifest.read(tmp_path) == {}


def test_recording_over_an_unreadable_manifest_keeps_a_copy_of_it(tmp_path):
    broken = '{"files": {}}\n<<<<<<< HEAD\n'
    (tmp_path / "manifest.json").write_text(broken)
    manifest.record(tmp_path, {"a.md": {"sha256": "1", "company": "library:companies/acme.yaml"}})
    assert (tmp_path / "manifest.edited.json").read_text() == broken
    state = manifest.load(tmp_path)
    assert state.problem is None and set(state.files) == {"a.md"}
    assert state.profile == "library:companies/acme.yaml"


def test_the_owner_is_recorded_once_and_kept(tmp_path):
    manifest.record(tmp_path, {"a.md": {"sha256": "1"}}, profile="workspace:companies/acme.yaml")
    manifest.record(tmp_path, {"b.md": {"sha256": "2"}}, profile="other:acme.yaml")
    assert manifest.load(tmp_path).profile == "workspace:companies/acme.yaml"


def test_the_lock_file_is_never_followed_nor_waited_on(tmp_path):
    """A symlink at .manifest.lock never creates a file outside; a FIFO there never hangs
    the run: both are one line."""
    import os

    import pytest

    from jdgen.core.errors import JdgenError

    outside = tmp_path / "outside"
    folder = tmp_path / "out" / "acme"
    folder.mkdir(parents=True)
    (folder / manifest.LOCK).symlink_to(outside)
    with pytest.raises(JdgenError) as caught:
        manifest.record(folder, {"coo.md": {"digest": "x"}})
    assert "cannot update the manifest" in str(caught.value) and not outside.exists()
    (folder / manifest.LOCK).unlink()
    os.mkfifo(folder / manifest.LOCK)
    with pytest.raises(JdgenError):
        manifest.record(folder, {"coo.md": {"digest": "x"}})
