"""What was generated, from what: the per-company manifest that makes runs incremental
and keeps hand edits safe.

Each output file is recorded with the source keys of every file it was made from (as
compose and the renderers noted them), a digest of those files' contents, the request
and a signature of jdgen's own code, and the sha256 of the bytes written. A later run
skips a file whose digest is unchanged, and never overwrites one whose bytes no longer
match (someone edited it) unless forced.
Updates re-read the manifest under a file lock and merge, so concurrent runs into the
same folder keep each other's entries.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
from contextlib import contextmanager
from pathlib import Path

from .. import __version__
from ..core.caches import memo
from ..core.errors import OutputError
from ..core.files import write_if_changed
from ..core.provenance import code_signature
from ..library.sources import Sources

MANIFEST = "manifest.json"
LOCK = ".manifest.lock"


def bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def current_digest(path: Path) -> str | None:
    """sha256 of an output file as it is now on disk, or None when it is missing."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # missing or unreadable: writing it will say what is wrong
        return None


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
    """Merge `entries` into the folder's manifest under a lock; return the merged files.
    An unchanged manifest is not rewritten."""
    with _locked(folder):
        files = read(folder)
        files.update(entries)
        document = {"generator": f"jdgen {__version__}", "files": dict(sorted(files.items()))}
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


def status(path: Path, inputs: str | None, known: dict | None) -> str:
    """What to do with one output file, given its digest now (None: not computable).

    'write': missing, never recorded, or its inputs changed; 'unchanged': same inputs,
    file intact; 'kept': edited by hand, but nothing new to write; 'edited': edited by
    hand and its inputs changed since (the caller checks whether the bytes are ours).
    """
    on_disk = current_digest(path)
    if on_disk is None or known is None:
        return "write"  # missing, or never recorded: jdgen's own name in jdgen's own folder
    same_inputs = inputs is not None and known.get("inputs") == inputs
    if on_disk != known.get("sha256"):
        return "kept" if same_inputs else "edited"
    return "unchanged" if same_inputs else "write"
