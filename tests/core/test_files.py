"""output.py: the one naming rule, safe paths, atomic and change-only writes."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys

import pytest

from jdgen.core.errors import OutputError
from jdgen.core.files import (
    atomic_write,
    document_path,
    document_stem,
    file_digest,
    remove_stale_temp_files,
    replace_if_unchanged,
    save_copy,
    write_if_changed,
)


def test_naming_rule():
    assert document_stem("coo", "executive", True, "jd") == "coo"
    assert document_stem("coo", "director", False, "jd") == "coo-director"
    assert document_stem("coo", "executive", True, "posting") == "coo-posting"
    assert document_stem("coo", "director", False, "posting") == "coo-director-posting"


@pytest.mark.parametrize("part", ["../x", "con", "A", "", "a/b", "-x", "coo\n"])
def test_unsafe_names_are_refused(tmp_path, part):
    with pytest.raises(OutputError):
        document_path(tmp_path, part, "coo", "md")
    with pytest.raises(OutputError):
        document_path(tmp_path, "acme", part, "md")


def test_write_if_changed_keeps_the_file_when_bytes_match(tmp_path):
    path = tmp_path / "f.txt"
    assert write_if_changed(path, b"one") is True
    before = path.stat().st_mtime_ns
    assert write_if_changed(path, b"one") is False and path.stat().st_mtime_ns == before
    assert write_if_changed(path, b"two") is True and path.read_bytes() == b"two"


def test_atomic_write_leaves_no_temp_file(tmp_path):
    atomic_write(tmp_path / "a" / "f.txt", b"x")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["f.txt"]


def _dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def test_only_jdgens_own_temp_files_of_dead_writers_are_removed(tmp_path):
    dead = tmp_path / f".coo.md.{_dead_pid()}.0123456789ab.tmp"
    alive = tmp_path / f".coo.md.{os.getpid()}.0123456789ab.tmp"
    users = [".salary-notes.tmp", ".coo.md.tmp", f".notes.{_dead_pid()}.tmp", f".notes.{_dead_pid()}.xyz.tmp"]
    for path in (dead, alive, *(tmp_path / name for name in users)):
        path.write_bytes(b"half")
    remove_stale_temp_files(tmp_path)
    assert not dead.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, *users])


@pytest.mark.parametrize(("stem", "own"), [("manifest", "manifest.json"), ("index", "index.html")])
def test_names_of_jdgens_own_files_are_refused_as_document_names(tmp_path, stem, own):
    with pytest.raises(OutputError, match=own) as caught:
        document_path(tmp_path, "acme", stem, "json")
    assert caught.value.code == "output.reserved-name"
    assert document_path(tmp_path, stem, "coo", "md") == tmp_path.resolve() / stem / "coo.md"  # a company may


def test_a_company_folder_that_leads_outside_is_refused(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "acme").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OutputError, match="outside the output folder"):
        document_path(tmp_path / "out", "acme", "coo", "md")


def test_a_document_path_is_not_resolved_through_a_symlink(tmp_path):
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "coo.md").symlink_to(tmp_path / "acme" / "cfo.md")
    assert document_path(tmp_path, "acme", "coo", "md").name == "coo.md"


def test_a_symlink_or_special_file_never_digests_like_bytes(tmp_path):
    (tmp_path / "real").write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    os.mkfifo(tmp_path / "fifo")
    assert file_digest(tmp_path / "real") == hashlib.sha256(b"x").hexdigest()
    assert file_digest(tmp_path / "missing") is None
    for name in ("link", "fifo"):
        assert file_digest(tmp_path / name).startswith("not a regular file")


def test_save_copy_never_writes_through_a_dangling_symlink(tmp_path):
    target = tmp_path / "outside" / "stolen.md"
    (tmp_path / "acme").mkdir()
    (tmp_path / "outside").mkdir()
    edited = tmp_path / "acme" / "coo.md"
    edited.write_bytes(b"my edits")
    (tmp_path / "acme" / "coo.edited.md").symlink_to(target)
    copy = save_copy(edited)
    assert copy.name == "coo.edited-2.md" and copy.read_bytes() == b"my edits"
    assert not target.exists()


def test_save_copy_without_hard_links_copies_exclusively(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    edited = tmp_path / "coo.md"
    edited.write_bytes(b"my edits")
    (tmp_path / "coo.edited.md").symlink_to(tmp_path / "stolen.md")
    monkeypatch.setattr(os, "link", no_links)
    copy = save_copy(edited)
    assert copy.name == "coo.edited-2.md" and copy.read_bytes() == b"my edits"
    assert not (tmp_path / "stolen.md").exists()


def test_replace_if_unchanged_keeps_a_file_changed_since_it_was_seen(tmp_path):
    path = tmp_path / "coo.md"
    path.write_bytes(b"made")
    seen = file_digest(path)
    path.write_bytes(b"made, then edited")
    assert replace_if_unchanged(path, b"new", seen) is False
    assert path.read_bytes() == b"made, then edited"
    assert replace_if_unchanged(path, b"new", file_digest(path)) is True and path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["coo.md"]


def test_replace_if_unchanged_never_replaces_a_file_that_appeared(tmp_path):
    path = tmp_path / "coo.md"
    path.write_bytes(b"saved by the user meanwhile")
    assert replace_if_unchanged(path, b"new", None) is False
    assert path.read_bytes() == b"saved by the user meanwhile"
    assert replace_if_unchanged(path, b"saved by the user meanwhile", None) is True  # the same bytes


def test_replace_if_unchanged_replaces_a_symlink_never_its_target(tmp_path):
    target = tmp_path / "elsewhere.md"
    target.write_bytes(b"theirs")
    path = tmp_path / "coo.md"
    path.symlink_to(target)
    assert replace_if_unchanged(path, b"new", file_digest(path)) is True
    assert not path.is_symlink() and path.read_bytes() == b"new" and target.read_bytes() == b"theirs"


def test_a_full_disk_names_the_file_once_with_the_fix(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError) as caught:
        atomic_write(tmp_path / "coo.md", b"x")
    line = str(caught.value)
    assert line.count("coo.md") == 1 and "disk is full" in line and "fix: free some disk space" in line
