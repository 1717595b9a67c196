"""Where documents go, and writing them so a crash never leaves half a file.

Every write goes to a temporary file in the destination folder, is flushed to disk,
then atomically renamed over the target: readers see the old file or the new one.
Paths are built only from validated ids and checked to stay inside the output folder.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from .errors import OutputError

TEMP_SUFFIX = ".tmp"
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
    """A file or folder name built from ids must be a plain, portable name."""
    if not SAFE_PART.match(part) or part in _WINDOWS_DEVICES:
        raise OutputError(
            f"unsafe name for an {what}: '{part}'", fix="use lower-case letters, digits and '-'"
        )
    return part


def document_path(out_dir: Path, company_id: str, stem: str, ext: str) -> Path:
    """OUT/<company>/<stem>.<ext>, refusing anything that could escape OUT."""
    for part in (company_id, stem):
        check_name(part)
    root = Path(out_dir).resolve()
    path = (root / company_id / f"{stem}.{ext}").resolve()
    if root not in path.parents:
        raise OutputError(f"refusing to write outside the output folder: {path}")
    return path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ, so a no-op run touches no file; True if written."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write(path, data)
    return True


def save_copy(path: Path) -> Path:
    """Keep a hand-edited file under a free name beside it (coo.edited.docx, then
    coo.edited-2.docx, ...) before --force replaces it: a hard link where the file system
    allows, so the bytes are kept whole, else a copy."""
    for n in range(1, 1000):
        copy = path.with_name(f"{path.stem}.edited{'' if n == 1 else f'-{n}'}{path.suffix}")
        if not copy.exists():
            break
    else:
        raise OutputError("too many saved copies of an edited file", path, fix="tidy the output folder")
    try:
        try:
            os.link(path, copy)
        except OSError:
            import shutil

            shutil.copy2(path, copy)
    except OSError as exc:
        raise _output_error(exc, copy) from None
    return copy


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (temp file + fsync + rename)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temp_file(path)
    except OSError as exc:
        raise _output_error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(tmp)
        raise _output_error(exc, path) from None
    except BaseException:
        _remove_quietly(tmp)
        raise


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
    fixes = {
        errno.ENOSPC: "free some disk space or choose another folder with --out",
        errno.EACCES: "make the folder writable or choose another with --out",
        errno.EROFS: "choose a writable folder with --out",
        errno.EPERM: "make the folder writable or choose another with --out",
    }
    return OutputError(
        f"cannot write output: {exc.strerror or exc}",
        path,
        fix=fixes.get(exc.errno, "check the --out folder"),
    )


def remove_stale_temp_files(folder: Path) -> None:
    """Delete temp files left by a killed run (their writer's process is gone)."""
    for tmp in folder.glob(f".*{TEMP_SUFFIX}"):
        parts = tmp.name.split(".")
        pid = int(parts[-3]) if len(parts) >= 4 and parts[-3].isdigit() else None
        if pid is None or not _alive(pid):
            _remove_quietly(str(tmp))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
