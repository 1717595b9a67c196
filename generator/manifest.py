"""What was generated, from what: the per-company manifest that makes runs incremental
and keeps hand edits safe.

Each output file is recorded with the digest of every input it was made from (the
role, the blocks it uses, its neighbours, levels, families, locales, the company
profile, the format's templates, the options and the jdgen version) and the sha256 of
the bytes written. A later run skips a file whose inputs are unchanged, and refuses to
overwrite one whose bytes no longer match (someone edited it) unless forced.
Updates re-read the manifest under a file lock and merge, so concurrent runs into the
same folder keep each other's entries.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
from contextlib import contextmanager
from dataclasses import asdict
from functools import cache
from pathlib import Path

from . import __version__
from .compose import Options
from .errors import OutputError
from .library import Library
from .models import Role
from .output import atomic_write
from .paths import templates_dir
from .render import template_files

MANIFEST = "manifest.json"
LOCK = ".manifest.lock"


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, recomputed only when its size or mtime changes."""
    stat = Path(path).stat()
    return _digest_of(Path(path), stat.st_mtime_ns, stat.st_size)


@cache
def _digest_of(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def current_digest(path: Path) -> str | None:
    """sha256 of an output file as it is now on disk, or None when it is missing."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # missing or unreadable: writing it will say what is wrong
        return None


def input_files(lib: Library, role: Role, company_file: Path, fmt: str) -> list[Path]:
    """Every file a document of this role and format is made from."""
    files = [lib.root / name for name in ("levels.yaml", "families.yaml", "locales.yaml")]
    files.append(role.origin.file)
    files += [lib.roles[other].origin.file for other in role.compare_with]
    files += [lib.blocks[rb.id].origin.file for rb in role.blocks]
    files.append(company_file)
    files += template_files(templates_dir(), fmt)
    return files


def inputs_digest(lib: Library, role: Role, company_file: Path, options: Options, fmt: str) -> str:
    """One digest for everything that could change this output file."""
    h = hashlib.sha256(f"jdgen {__version__}\n{fmt}\n".encode())
    h.update(json.dumps(asdict(options), sort_keys=True, default=str).encode())
    for path in input_files(lib, role, Path(company_file), fmt):
        h.update(f"\n{path.name}:{file_digest(path)}".encode())
    return h.hexdigest()


def read(folder: Path) -> dict[str, dict]:
    """The manifest's file entries, keyed by file name; empty when there is none yet."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
        return data.get("files", {}) if isinstance(data, dict) else {}
    except (OSError, ValueError):  # missing, unreadable or corrupt: start afresh
        return {}


@contextmanager
def _locked(folder: Path):
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / LOCK, "a")
    except OSError as exc:
        raise OutputError(
            f"cannot update the manifest: {exc.strerror}", folder, fix="check the --out folder"
        ) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def record(folder: Path, entries: dict[str, dict]) -> dict[str, dict]:
    """Merge `entries` into the folder's manifest under a lock; return the merged files."""
    with _locked(folder):
        files = read(folder)
        files.update(entries)
        document = {"generator": f"jdgen {__version__}", "files": dict(sorted(files.items()))}
        atomic_write(folder / MANIFEST, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())
    return files


def entry(inputs: str, data: bytes, meta: dict) -> dict:
    """A manifest entry for bytes just written."""
    return {"inputs": inputs, "sha256": bytes_digest(data), "size": len(data), "version": __version__, **meta}


def status(path: Path, inputs: str, known: dict | None) -> str:
    """'write', 'unchanged' (same inputs, file intact) or 'edited' (bytes changed by hand)."""
    on_disk = current_digest(path)
    if on_disk is None or known is None:
        return "write"  # missing, or never recorded: jdgen's own name in jdgen's own folder
    if on_disk != known.get("sha256"):
        return "edited"
    return "unchanged" if known.get("inputs") == inputs else "write"
