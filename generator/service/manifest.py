"""What was generated, from what: the per-company manifest that makes runs incremental
and keeps hand edits safe.

Each output file is recorded with the source keys of every file it was made from (as
compose and the renderers noted them), a digest of those files' contents, the request
and a signature of jdgen's own code, and the sha256 of the bytes written. A later run
skips a file whose digest is unchanged, and never overwrites one whose bytes no longer
match (someone edited it) unless forced. A file it has no record of is the user's.
The manifest also names the profile that owns the folder, and the digest of the
index.html jdgen last wrote there.
Updates re-read the manifest under a file lock and merge, so concurrent runs into the
same folder keep each other's entries.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import stat
from contextlib import contextmanager
from pathlib import Path

from .. import __version__
from ..core.caches import memo
from ..core.errors import OutputError
from ..core.files import save_copy, write_if_changed
from ..core.provenance import code_signature
from ..core.record import record as _record
from ..library.sources import Sources

MANIFEST = "manifest.json"
LOCK = ".manifest.lock"


def bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inputs_digest(sources: Sources, identity: str, fmt: str, keys) -> str:
    """One digest for everything that could change this output file: jdgen's code (and
    the PDF engine's version), what was asked for, and the files it was made from."""
    h = hashlib.sha256(f"{code_signature()}\n{_engine_version(fmt)}\n{fmt}\n{identity}\n".encode())
    h.update(sources.digest(keys).encode())
    return h.hexdigest()


@memo
def _engine_version(fmt: str) -> str:
    if fmt != "pdf":
        return ""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"weasyprint {version('weasyprint')}"
    except PackageNotFoundError:
        return ""


@_record
class Folder:
    """What a company folder's manifest says. With no manifest, or one that cannot be
    read (`problem` says why), nothing is known: every file there is the user's."""

    files: dict
    profile: str | None = None  # the source key of the profile that owns the folder
    index: str | None = None  # sha256 of the index.html jdgen last wrote
    problem: str | None = None


def load(folder: Path) -> Folder:
    path = folder / MANIFEST
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return Folder({}, problem="it is not a regular file")
        data = json.loads(path.read_bytes())
    except (FileNotFoundError, NotADirectoryError):
        return Folder({})
    except json.JSONDecodeError as exc:
        return Folder({}, problem=f"{exc.msg} at line {exc.lineno}")
    except (OSError, ValueError) as exc:
        return Folder({}, problem=getattr(exc, "strerror", None) or "it is not UTF-8 JSON")
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(isinstance(e, dict) for e in files.values()):
        return Folder({}, problem="it is not a manifest jdgen wrote")
    owners = {e.get("company") for e in files.values()} - {None}
    profile = data.get("profile") or (owners.pop() if len(owners) == 1 else None)
    index = data.get("index")
    return Folder(files, _text(profile), _text(index))


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def read(folder: Path) -> dict[str, dict]:
    """The manifest's file entries, keyed by file name; empty when there is none yet."""
    return load(folder).files


@contextmanager
def _locked(folder: Path):
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # never through a symlink, never blocked by a FIFO, only ever a regular file
        fd = os.open(
            folder / LOCK, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600
        )
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(errno.EINVAL, f"{LOCK} is not a regular file")
        handle = os.fdopen(fd, "a")
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


def record(
    folder: Path, entries: dict[str, dict], profile: str | None = None, index: str | None = None
) -> dict[str, dict]:
    """Merge `entries` (and the folder's owner, the index's digest) into the folder's
    manifest under a lock; return the merged files. An unchanged manifest is not
    rewritten; one that cannot be read is kept as a copy (manifest.edited.json) first."""
    with _locked(folder):
        state = load(folder)
        if state.problem:
            save_copy(folder / MANIFEST)
        files = {**state.files, **entries}
        document = {
            "generator": f"jdgen {__version__}",
            "profile": state.profile or profile,
            "index": index or state.index,
            "files": dict(sorted(files.items())),
        }
        document = {k: v for k, v in document.items() if v is not None}
        write_if_changed(
            folder / MANIFEST, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
        )
    return files


def entry(inputs: str, keys, data: bytes, meta: dict) -> dict:
    """A manifest entry for bytes just written, with the source keys they came from."""
    return {
        "inputs": inputs,
        "sources": sorted(set(keys)),
        "sha256": bytes_digest(data),
        "size": len(data),
        "version": __version__,
        **meta,
    }


def status(on_disk: str | None, inputs: str | None, known: dict | None) -> str:
    """What to do with one output file, given the digest of what is on disk now (None:
    nothing) and of its inputs (None: not computable).

    'write': missing, or jdgen's own and its inputs changed; 'unchanged': same inputs,
    file intact; 'kept': edited by hand, but nothing new to write; 'edited': edited by
    hand and its inputs changed since; 'unknown': a file jdgen has no record of. For the
    last two the caller checks whether the bytes are exactly what it would write.
    """
    if on_disk is None:
        return "write"
    if known is None:
        return "unknown"  # the user's, unless it is byte for byte what this run makes
    same_inputs = inputs is not None and known.get("inputs") == inputs
    if on_disk != known.get("sha256"):
        return "kept" if same_inputs else "edited"
    return "unchanged" if same_inputs else "write"
