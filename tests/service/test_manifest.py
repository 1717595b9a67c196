"""manifest.py: what a file's state is, digests from recorded sources, merge-on-write."""

from __future__ import annotations

import json

from jdgen.library.sources import Layer, Sources
from jdgen.service import manifest


def test_status_tells_write_unchanged_kept_and_edited(tmp_path):
    path = tmp_path / "coo.md"
    assert manifest.status(path, "d1", None) == "write"  # missing
    path.write_bytes(b"made")
    entry = {"inputs": "d1", "sha256": manifest.bytes_digest(b"made")}
    assert manifest.status(path, "d1", None) == "write"  # never recorded
    assert manifest.status(path, "d1", entry) == "unchanged"
    assert manifest.status(path, "d2", entry) == "write"
    assert manifest.status(path, None, entry) == "write"  # no recorded sources: assume changed
    path.write_bytes(b"made, then edited")
    assert manifest.status(path, "d1", entry) == "kept"
    assert manifest.status(path, "d2", entry) == "edited"


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


def test_a_corrupt_manifest_reads_as_empty(tmp_path):
    (tmp_path / "manifest.json").write_text("{not json")
    assert manifest.read(tmp_path) == {}
