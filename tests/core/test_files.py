"""output.py: the one naming rule, safe paths, atomic and change-only writes."""

from __future__ import annotations

import pytest

from jdgen.core.errors import OutputError
from jdgen.core.files import (
    atomic_write,
    document_path,
    document_stem,
    remove_stale_temp_files,
    write_if_changed,
)


def test_naming_rule():
    assert document_stem("coo", "executive", True, "jd") == "coo"
    assert document_stem("coo", "director", False, "jd") == "coo-director"
    assert document_stem("coo", "executive", True, "posting") == "coo-posting"
    assert document_stem("coo", "director", False, "posting") == "coo-director-posting"


@pytest.mark.parametrize("part", ["../x", "con", "A", "", "a/b", "-x"])
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


def test_stale_temp_files_of_dead_writers_are_removed(tmp_path):
    dead = tmp_path / ".coo.md.999999999.abc.tmp"
    dead.write_bytes(b"half")
    remove_stale_temp_files(tmp_path)
    assert not dead.exists()
