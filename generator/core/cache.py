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
import re
from collections.abc import Mapping
from pathlib import Path

from .. import __version__
from .caches import memo
from .files import atomic_write

PRUNE_AFTER_SECONDS = 14 * 24 * 3600
_OURS = re.compile(r"\d+\.\d+\.\d+[\w.+]*(-[0-9a-f]{12})?")


@memo
def cache_dir() -> Path | None:
    if os.environ.get("JDGEN_NO_CACHE"):
        return None
    base = (
        os.environ.get("JDGEN_CACHE_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jdgen"
    )
    path = Path(base) / f"{__version__}-{_code_signature()}"
    try:
        fresh = not path.exists()
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if fresh:
        _prune(Path(base), keep=path)
    else:
        _touch(path)
    return path if os.access(path, os.W_OK) else None


def _touch(path: Path) -> None:
    try:
        os.utime(path)  # marks this build's cache as in use, so no other build prunes it
    except OSError:
        pass


# libraries whose results are cached (parsed YAML, Babel's formatting): upgrading one
# must start a new cache, as changing jdgen's own code does
CACHED_RESULTS_OF = ("yaml", "babel")


def _code_signature() -> str:
    """jdgen's own code, by file size and mtime, and the installations of the libraries
    whose results are kept: a changed install never reads old pickles."""
    code = code_files(Path(__file__).resolve().parent.parent)  # all of jdgen
    return hashlib.sha256(repr((code, _installations())).encode()).hexdigest()[:12]


def _installations() -> tuple:
    """Where each library is installed, and its package file's size and mtime (found
    without importing it: importing Babel alone costs more than a whole cached run)."""
    from importlib.util import find_spec

    found = []
    for name in CACHED_RESULTS_OF:
        spec = find_spec(name)
        origin = spec.origin if spec else None
        try:
            stat = os.stat(origin) if origin else None
        except OSError:
            stat = None
        found.append((name, origin, stat and (stat.st_size, stat.st_mtime_ns)))
    return tuple(found)


@memo
def code_files(package: Path) -> tuple[tuple[str, int, int], ...]:
    """(relative path, size, mtime_ns) of every Python file of a package, by one scan
    (os.scandir: the size and mtime come with the directory listing's stat)."""
    rows = []

    def scan(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir() and entry.name != "__pycache__":
                    scan(entry.path, f"{prefix}{entry.name}/")
                elif entry.name.endswith(".py") and entry.is_file():
                    stat = entry.stat()
                    rows.append((prefix + entry.name, stat.st_size, stat.st_mtime_ns))

    scan(str(package), "")
    return tuple(sorted(rows))


def _prune(base: Path, keep: Path) -> None:
    """Remove caches of other jdgen builds unused for two weeks (best effort). Recent ones
    stay: another installed copy of jdgen may be using them right now."""
    import shutil
    import time

    stale = time.time() - PRUNE_AFTER_SECONDS
    for other in base.iterdir():  # only folders named like ours: never a user's own data
        try:
            old = other.stat().st_mtime < stale
        except OSError:
            continue
        if other != keep and old and other.is_dir() and _OURS.fullmatch(other.name):
            shutil.rmtree(other, ignore_errors=True)


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


def store(name: str, value, replacing: str | None = None) -> None:
    """Keep `value` under `name`; entries whose names start with `replacing` (older
    versions of the same thing: the library or a file before an edit) are removed, so
    the cache grows with what there is, not with every edit ever made."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        atomic_write(folder / f"{name}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for old in folder.glob(f"{replacing}*.pickle") if replacing else ():
            if old.name != f"{name}.pickle":
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - caching is best effort
        pass


MAX_REMEMBERED = 5000  # values kept per memo; past that a memo starts afresh


def remembered(memo: str, key, compute):
    """`compute()`'s value for `key`, kept between runs in the memo named `memo` (one
    cache file holding a dict): for work that is the same run after run and costs more
    than reading it back (Babel's formatting, the checker's rule set). The memo's name
    must change whenever what `compute` depends on, beyond `key`, changes."""
    values = _memo(memo)
    if key not in values:
        if len(values) >= MAX_REMEMBERED:
            values.clear()
        values[key] = compute()
        store(f"memo-{memo}", values)
    return values[key]


@memo
def _memo(memo: str) -> dict:
    known = load(f"memo-{memo}")
    return known if isinstance(known, dict) else {}


def jinja_bytecode_cache(kind: str):
    """Jinja's own bytecode cache, one folder per environment kind (their settings differ)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        (folder / f"jinja-{kind}").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _tolerant_bytecode_cache()(str(folder / f"jinja-{kind}"))


@memo
def _tolerant_bytecode_cache():
    """Jinja's file cache, but a cache that cannot be read or written is just a miss."""
    from jinja2 import FileSystemBytecodeCache

    class Tolerant(FileSystemBytecodeCache):
        def load_bytecode(self, bucket):
            try:
                super().load_bytecode(bucket)
            except OSError:
                pass

        def dump_bytecode(self, bucket):
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return Tolerant


class Lazy(Mapping):
    """A read-only mapping stored value by value, each unpickled when first looked up.

    The cached library holds every role and block, and one `jdgen ROLE` run reads one
    role and its handful of blocks: unpickling only those saves most of the load.
    Iteration order and every Mapping method are those of the mapping it was made from.
    """

    __slots__ = ("_raw", "_values")

    def __init__(self, raw: dict[str, bytes]) -> None:
        self._raw = raw
        self._values: dict = {}

    @classmethod
    def of(cls, values: Mapping) -> Lazy:
        return cls(
            {key: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for key, value in values.items()}
        )

    def __getitem__(self, key):
        try:
            return self._values[key]
        except KeyError:
            value = self._values[key] = pickle.loads(self._raw[key])  # KeyError: not there
            return value

    def __iter__(self):
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, key) -> bool:
        return key in self._raw

    def __reduce__(self):
        return Lazy, (self._raw,)
