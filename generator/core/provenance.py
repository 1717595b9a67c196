"""What a document was made from: the files read while composing and rendering it,
and a signature of jdgen's own code.

Reads are noted as source keys (see sources.py) into the innermost `recording()`.
Cached reads note their key on every use, not only on the first, so each document's
record is complete however warm the process is.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from . import cache as diskcache
from .caches import memo

_reads: ContextVar[set[str] | None] = ContextVar("jdgen_reads", default=None)


@contextmanager
def recording():
    """Collect the keys noted inside the block into the yielded set."""
    reads: set[str] = set()
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def note(*keys: str) -> None:
    reads = _reads.get()
    if reads is not None:
        reads.update(keys)


@memo
def code_signature() -> str:
    """sha256 over the bytes of jdgen's own Python files: any change to the code, even
    a constant, gives every document a new inputs digest. Kept in the on-disk cache
    under the files' names, sizes and mtimes, so a run reads them only after a change."""

    package = Path(__file__).resolve().parent.parent  # all of jdgen, not only core/
    files = diskcache.code_files(package)
    name = f"code-{diskcache.key(str(package), files)}"
    known = diskcache.load(name)
    if isinstance(known, str):
        return known
    h = hashlib.sha256()
    for relative, _, _ in files:
        h.update(relative.encode() + b"\0" + (package / relative).read_bytes())
    diskcache.store(name, h.hexdigest())
    return h.hexdigest()
