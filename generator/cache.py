"""A small on-disk cache for work every process would otherwise repeat: the parsed,
validated library and Jinja's compiled templates.

Entries are keyed by the jdgen version and the names, sizes and modification times of
the source files, so an edit is always seen. The cache lives in $JDGEN_CACHE_DIR, else
$XDG_CACHE_HOME/jdgen, else ~/.cache/jdgen; when it cannot be written jdgen simply runs
without it. It never affects what is generated, only how fast.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

from . import __version__
from .output import atomic_write


@cache
def cache_dir() -> Path | None:
    if os.environ.get("JDGEN_NO_CACHE"):
        return None
    base = (
        os.environ.get("JDGEN_CACHE_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jdgen"
    )
    path = Path(base) / __version__
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None


def key(*parts) -> str:
    return hashlib.sha256(repr((__version__, *parts)).encode()).hexdigest()[:32]


def load(name: str):
    """The cached object, or None (missing, unreadable, or from an incompatible build)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return pickle.loads((folder / f"{name}.pickle").read_bytes())
    except Exception:  # noqa: BLE001 - a broken cache entry is just a miss
        return None


def store(name: str, value) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        atomic_write(folder / f"{name}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - caching is best effort
        pass


def jinja_bytecode_cache(kind: str):
    """Jinja's own bytecode cache, one folder per environment kind (their settings differ)."""
    folder = cache_dir()
    if folder is None:
        return None
    from jinja2 import FileSystemBytecodeCache

    (folder / f"jinja-{kind}").mkdir(exist_ok=True)
    return FileSystemBytecodeCache(str(folder / f"jinja-{kind}"))
