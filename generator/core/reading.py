"""Reading a user's file: only a regular file, and never more than a limit.

A limit checked against `stat().st_size` is no limit for /dev/zero (size 0, endless),
and opening a FIFO waits for a writer that never comes. So a file is opened without
blocking, the open descriptor is checked to be a regular file, and at most the limit
and one byte more is read. Every place jdgen reads a user's file reads it through here.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import JdgenError

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)
# UTF-32's little-endian mark starts with UTF-16's: look for it first
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def read_input(
    path: str | Path,
    limit: int,
    error: type[JdgenError] = JdgenError,
    *,
    text: bool = False,
    fix: str = "check that this is the right file",
) -> bytes:
    """The bytes of a user's regular file of at most `limit` bytes, or `error` (one line
    naming the file; `fix` for a file over the limit). With `text`, a file saved as UTF-16
    or UTF-32 is refused by name, not taken for binary."""
    with open_input(path, error) as handle:
        size = os.fstat(handle.fileno()).st_size
        raw = b"" if size > limit else handle.read(limit + 1)
    if max(size, len(raw)) > limit:
        shown = f"{_amount(size)}, larger" if size > limit else "larger"
        raise error(f"file is {shown} than the {_amount(limit)} limit", path, fix=fix, code="input.size")
    if text:
        encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None) or _bomless_utf16(raw)
        if encoding:
            raise error(
                f"file is saved as {encoding}, not UTF-8",
                path,
                fix="save it as UTF-8 (in most editors: Save As, then Encoding: UTF-8)",
                code="input.encoding",
            )
    return raw


@contextmanager
def open_input(path: str | Path, error: type[JdgenError] = JdgenError) -> Iterator[BinaryIO]:
    """A user's file opened for reading, refused with one line unless it is a regular file
    (a folder, device, FIFO or socket), missing or unreadable."""
    try:
        kind = _not_regular(os.stat(path).st_mode)  # refused before it is opened: opening some devices acts
        fd = None if kind else os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _unreadable(path, exc, error) from None
    if fd is None:
        raise _refused(path, kind, error)
    with os.fdopen(fd, "rb") as handle:
        kind = _not_regular(os.fstat(fd).st_mode)  # replaced since it was looked at
        if kind:
            raise _refused(path, kind, error)
        yield handle


def _unreadable(path, exc: OSError, error: type[JdgenError]) -> JdgenError:
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return error("file not found", path, fix="check the path", code="input.missing")
    return error(
        f"cannot read file: {exc.strerror or exc}",
        path,
        fix="check the file's permissions",
        code="input.read",
    )


def _refused(path, kind: str, error: type[JdgenError]) -> JdgenError:
    return error(f"is {kind}, not a regular file", path, fix="give a regular file", code="input.not-a-file")


def _not_regular(mode: int) -> str | None:
    return (
        None if stat.S_ISREG(mode) else next((kind for test, kind in _NOT_REGULAR if test(mode)), "no file")
    )


def _amount(size: int) -> str:
    return f"{size / 1_000_000:.3g} MB" if size >= 1_000_000 else f"{max(size // 1000, 1)} KB"


def _bomless_utf16(raw: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: text in the Latin range then has a zero
    byte in every other place (UTF-8 text has none)."""
    head = raw[:200]
    if len(head) < 4 or head.count(0) < len(head) // 3:
        return None
    if not any(head[1::4]) and not any(head[2::4]) and not any(head[3::4]):
        return "UTF-32 (little-endian, no byte-order mark)"
    if not any(head[0::4]) and not any(head[1::4]) and not any(head[2::4]):
        return "UTF-32 (big-endian, no byte-order mark)"
    if not any(head[1::2]):
        return "UTF-16 (little-endian, no byte-order mark)"
    if not any(head[0::2]):
        return "UTF-16 (big-endian, no byte-order mark)"
    return None


def package_problem(data: bytes, max_parts: int, max_unpacked: int) -> str | None:
    """What is wrong with a zip package (a .docx) before anything unpacks it, or None: what
    it declares must unpack to little enough (zipfile stops each part at its declared size),
    compressed in the two ways Word uses."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return "not a Word document (not a zip file)"
    if len(parts) > max_parts or sum(p.file_size for p in parts) > max_unpacked:
        return f"it unpacks to more than {max_unpacked // 1_000_000} MB"
    if any(p.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for p in parts):
        return "not a Word document (compressed in a way Word does not use)"
    return None
