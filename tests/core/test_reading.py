"""core/reading.py: a user's file is read only if it is a regular file, and never past a limit."""

from __future__ import annotations

import codecs
import socket
import tempfile
from pathlib import Path

import pytest
from test_hostile import fed_fifo

from jdgen.core.errors import JdgenError, LibraryError
from jdgen.core.reading import open_input, read_input


def test_a_regular_file_is_read_whole(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"name: Acme\n")
    assert read_input(path, 11) == b"name: Acme\n"


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 3_500_000)
    with pytest.raises(LibraryError) as caught:
        read_input(path, 2_000_000, LibraryError, fix="split it up")
    error = caught.value
    assert (error.code, error.file, error.fix) == ("input.size", path, "split it up")
    assert error.message == "file is 3.5 MB, larger than the 2 MB limit"


@pytest.mark.parametrize(("path", "kind"), [("/dev/zero", "a device"), ("/dev/null", "a device")])
def test_a_device_is_refused_not_read_for_ever(path, kind):
    with pytest.raises(JdgenError) as caught:
        read_input(path, 1_000)
    assert (
        caught.value.message == f"is {kind}, not a regular file" and caught.value.code == "input.not-a-file"
    )


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    with (
        fed_fifo(tmp_path / "pipe.yaml") as pipe,
        pytest.raises(JdgenError, match="is a named pipe \\(FIFO\\)"),
    ):
        read_input(pipe, 1_000)


def test_a_socket_and_a_folder_are_refused(tmp_path):
    with tempfile.TemporaryDirectory(dir="/tmp") as short:  # a socket's path is at most 107 bytes
        path = Path(short) / "s.yaml"
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
            with pytest.raises(JdgenError) as caught:
                read_input(path, 1_000)
            assert caught.value.message == "is a socket, not a regular file"
    with pytest.raises(JdgenError) as caught:
        read_input(tmp_path, 1_000)
    assert caught.value.message == "is a folder, not a regular file"


def test_a_missing_or_unreadable_file_says_which(tmp_path):
    with pytest.raises(JdgenError) as caught:
        read_input(tmp_path / "nope.yaml", 1_000)
    assert caught.value.code == "input.missing"
    with pytest.raises(JdgenError) as caught:
        read_input(tmp_path / "nope" / "deeper.yaml", 1_000)
    assert caught.value.code == "input.missing"


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")]
)
def test_text_saved_as_utf16_or_utf32_is_named(tmp_path, encoding, name):
    path = tmp_path / "posting.md"
    bom = {"utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path.write_bytes(bom + "# Head of Operations\n".encode(encoding))
    with pytest.raises(JdgenError) as caught:
        read_input(path, 1_000, text=True)
    assert caught.value.message == f"file is saved as {name}, not UTF-8"
    assert "UTF-8" in caught.value.fix
    assert read_input(path, 1_000).startswith(codecs.BOM_UTF16_BE if bom else codecs.BOM_UTF16_LE)


def test_open_input_gives_the_open_file_of_a_regular_file_only(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK")
    with open_input(path) as handle:
        assert handle.read() == b"PK"
    with pytest.raises(JdgenError, match="is a device"), open_input("/dev/zero"):
        pass


@pytest.mark.parametrize("codec, order", [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")])
def test_utf16_without_a_byte_order_mark_is_named_too(tmp_path, codec, order):
    from jdgen.core.errors import JdgenError
    from jdgen.core.reading import read_input

    path = tmp_path / "p.yaml"
    path.write_bytes("role: coo\ncompany: acme\n".encode(codec))
    with pytest.raises(JdgenError) as caught:
        read_input(path, 1000, text=True)
    assert caught.value.code == "input.encoding" and order in caught.value.message
    plain = tmp_path / "ok.yaml"
    plain.write_bytes(b"role: coo\ncompany: acme\n")
    assert read_input(plain, 1000, text=True) == plain.read_bytes()


@pytest.mark.parametrize("codec, name", [("utf-32-le", "UTF-32 (little"), ("utf-32-be", "UTF-32 (big")])
def test_utf32_without_a_byte_order_mark_is_named_as_utf32(tmp_path, codec, name):
    from jdgen.core.errors import JdgenError
    from jdgen.core.reading import read_input

    path = tmp_path / "p.yaml"
    path.write_bytes("role: coo\ntitle: Héad\n".encode(codec))
    with pytest.raises(JdgenError, match=name.replace("(", r"\(")):
        read_input(path, 1000, text=True)
