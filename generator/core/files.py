"""Where documents go, and writing them so a crash never leaves half a file.

Every write goes to a temporary file in the destination folder, is flushed to disk,
then atomically renamed over the target: readers see the old file or the new one.
Paths are built only from validated ids and checked to stay inside the output folder;
no write follows a symlink, and a file is replaced only if it is still what the caller
saw when it decided to replace it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from .errors import OutputError

TEMP_SUFFIX = ".tmp"
# .NAME.PID.RANDOM.tmp, exactly as _temp_file makes them: nothing else is ever removed
TEMP_NAME = re.compile(r"^\.([a-z0-9][a-z0-9.-]*)\.([1-9][0-9]{0,9})\.[0-9a-f]{12}\.tmp$")
# jdgen's own files in every company folder: never a document's name
OWN_FILES = {"manifest": "manifest.json", "index": "index.html"}
SAFE_PART = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_WINDOWS_DEVICES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def document_stem(role_id: str, level_id: str, own_level: bool, template: str) -> str:
    """The one naming rule: 'coo' at its own level, 'coo-director' at another, and
    '-posting' for the external advert."""
    stem = role_id if own_level else f"{role_id}-{level_id}"
    return stem if template == "jd" else f"{stem}-{template}"


def check_name(part: str, what: str = "output file") -> str:
    """A document's name: a plain, portable name that is not one of jdgen's own files."""
    _check_part(part, what)
    if part in OWN_FILES:
        raise OutputError(
            f"'{part}' cannot name a document: jdgen keeps its own {OWN_FILES[part]} in every company folder",
            fix="choose another name",
            code="output.reserved-name",
        )
    return part


def _check_part(part: str, what: str) -> str:
    if not SAFE_PART.fullmatch(part) or part in _WINDOWS_DEVICES:
        raise OutputError(
            f"unsafe name for an {what}: '{part}'", fix="use lower-case letters, digits and '-'"
        )
    return part


def document_path(out_dir: Path, company_id: str, stem: str, ext: str) -> Path:
    """OUT/<company>/<stem>.<ext>, refusing anything that could escape OUT: the company
    folder, symlinks resolved, must be a folder directly inside OUT. The file's own name
    is not resolved, so a symlink there is replaced, never written through."""
    _check_part(company_id, "output file")
    check_name(stem)
    root = Path(out_dir).resolve()
    folder = (root / company_id).resolve()
    if folder.parent != root:
        raise OutputError(
            f"refusing to write outside the output folder: {company_id} leads to {folder}",
            root,
            fix="remove the symlink, or choose another folder with --out",
            code="output.outside",
        )
    return folder / f"{stem}.{ext}"


def file_digest(path: Path) -> str | None:
    """sha256 of the file at `path` as it is now, None when nothing is there. A symlink,
    a folder or a special file, and a file jdgen cannot read, get a marker that no bytes
    jdgen writes can match: they are never mistaken for jdgen's own output."""
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # nothing there; writing says why if it cannot
        return None
    except OSError as exc:
        return f"unreadable: {exc.strerror}"
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file: {stat.filemode(info.st_mode)}"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        return f"unreadable: {exc.strerror}"
    h = hashlib.sha256()
    with os.fdopen(fd, "rb") as handle:
        while chunk := handle.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ, so a no-op run touches no file; True if written."""
    if file_digest(path) == hashlib.sha256(data).hexdigest():
        return False
    atomic_write(path, data)
    return True


def save_copy(path: Path) -> Path:
    """Keep a hand-edited file under a free name beside it (coo.edited.docx, then
    coo.edited-2.docx, ...) before --force replaces it: a hard link where the file system
    allows, so the bytes are kept whole, else a copy. The copy's name is created
    exclusively and never through a symlink, so an existing name (a dangling symlink
    too) is skipped, never written through."""
    for n in range(1, 1000):
        copy = path.with_name(f"{path.stem}.edited{'' if n == 1 else f'-{n}'}{path.suffix}")
        try:
            _link_or_copy(path, copy)
            return copy
        except FileExistsError:
            continue
        except OSError as exc:
            raise _output_error(exc, copy) from None
    raise OutputError("too many saved copies of an edited file", path, fix="tidy the output folder")


def _link_or_copy(path: Path, copy: Path) -> None:
    try:
        os.link(path, copy, follow_symlinks=False)
        return
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
    if os.path.islink(path):
        os.symlink(os.readlink(path), copy)
        return
    source = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        target = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(target, "wb") as out:
            while chunk := os.read(source, 1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    finally:
        os.close(source)


# a file system without hard links (FAT, some network and FUSE mounts)
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def replace_if_unchanged(path: Path, data: bytes, seen: str | None) -> bool:
    """Write `data` to `path` atomically, but only if the file there is still the one
    whose digest was `seen` when the caller decided to write (None: no file at all).
    False, with nothing written, when it changed meanwhile (someone saved an edit)."""

    def place(tmp: str) -> bool:
        if seen is None and _create(tmp, path):
            return True
        now = file_digest(path)  # checked again right before the rename
        if now != seen:
            _remove_quietly(tmp)
            return now == hashlib.sha256(data).hexdigest()  # another run wrote the very same bytes
        os.replace(tmp, path)
        return True

    return _staged(path, data, place)


def _create(tmp: str, path: Path) -> bool:
    """Give the finished temporary file the name `path` only if nothing has it yet: a
    hard link fails on an existing name, where a rename would replace it."""
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        if os.path.lexists(path):
            return False
        os.replace(tmp, path)
        return True
    _remove_quietly(tmp)
    return True


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (temp file + fsync + rename)."""
    _staged(path, data, lambda tmp: os.replace(tmp, path))


def _staged(path: Path, data: bytes, place: Callable[[str], bool | None]) -> bool:
    """Write `data` to a temporary file beside `path` (fsynced, mode 644), then let
    `place` put it there; the temporary file never outlives a failure."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temp_file(path)
    except OSError as exc:
        raise _output_error(exc, path) from None
    try:
        _fill(fd, data)
        os.chmod(tmp, 0o644)
        return place(tmp) is not False  # os.replace answers None: placed
    except OSError as exc:
        _remove_quietly(tmp)
        raise _output_error(exc, path) from None
    except BaseException:
        _remove_quietly(tmp)
        raise


def _fill(fd: int, data: bytes) -> None:
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _temp_file(path: Path) -> tuple[int, str]:
    """A new hidden file beside `path` (.NAME.PID.RANDOM.tmp), created exclusively and
    private until renamed; what tempfile.mkstemp does, without its import cost."""
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}{TEMP_SUFFIX}")
        try:
            return os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _output_error(exc: OSError, path: Path) -> OutputError:
    """One line naming `path` once: the error's own file name is left out."""
    fixes = {
        errno.ENOSPC: "free some disk space, or choose another folder with --out",
        errno.EDQUOT: "free some space within your disk quota, or choose another folder with --out",
        errno.EACCES: "make the folder writable or choose another with --out",
        errno.EROFS: "choose a writable folder with --out",
        errno.EPERM: "make the folder writable or choose another with --out",
    }
    reason = exc.strerror or type(exc).__name__
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = f"the disk is full ({reason})"
    return OutputError(
        f"cannot write it: {reason}",
        path,
        fix=fixes.get(exc.errno, "check the --out folder"),
        code="output.write",
    )


def remove_stale_temp_files(folder: Path) -> None:
    """Delete jdgen's own temporary files left by a killed run: only names of exactly
    jdgen's pattern (.NAME.PID.RANDOM.tmp), only regular files, only when that process
    is gone. Anything else that ends in .tmp is the user's."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        found = TEMP_NAME.match(name)
        if not found or _alive(int(found[2])):
            continue
        path = os.path.join(folder, name)
        try:
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True
    return True
