"""Safe YAML loading that remembers line numbers, and keeps what it parsed.

Validation errors must name the file and line of the offending value, so mappings and
sequences are loaded as `dict`/`list` subclasses that remember where each key or item
stood (nodes.py; parsing itself is parse.py). A parsed file is kept in jdgen's cache under its
path and a hash of its bytes, so an unchanged profile is read back without PyYAML:
importing PyYAML costs about 15 ms, and every `jdgen ROLE` reads a profile. (The bytes,
not the modification time: a file saved twice within the clock's few-millisecond tick
would otherwise be read back stale.)
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..core import cache as diskcache
from ..core.errors import Diagnostic, LibraryError
from ..core.reading import read_input

MAX_BYTES = 2_000_000  # a profile or block is a few KB; anything this big is a mistake
TOO_BIG = "split it up or remove the pasted content"


def load_yaml(path: Path, problems: list[Diagnostic] | None = None):
    """Load one YAML file safely, with line numbers; raise LibraryError on any problem
    that stops loading. Problems found while constructing the values (a number with a
    thousands separator, a list item folded into another) are appended to `problems`
    when given, so a caller can report them all; without it the first error is raised."""
    data, found = _parsed(Path(path))
    if problems is not None:
        problems.extend(found)
    else:
        errors = [d for d in found if d.severity == "error"]
        if errors:
            raise LibraryError.from_diagnostic(errors[0])
    return data


def _parsed(path: Path) -> tuple[object, tuple[Diagnostic, ...]]:
    """The file's data and construction problems, from the cache while the file is
    unchanged (a file that does not load is never cached: it is parsed again, and
    its error raised, every time)."""
    raw = read_input(path, MAX_BYTES, LibraryError, text=True, fix=TOO_BIG)
    same_file = f"yaml-{diskcache.key(os.path.abspath(path))}-"
    name = same_file + diskcache.key(hashlib.sha256(raw).digest())
    known = diskcache.load(name)
    if isinstance(known, tuple) and len(known) == 2:
        return known
    from .parse import parse  # PyYAML: imported only when a file has changed

    parsed = parse(path)
    diskcache.store(name, parsed, replacing=same_file)
    return parsed


def load_optional_yaml(path: Path):
    """A file whose every key is optional (.jdgen-check.yaml, jdgen.yaml): one holding
    only comments, or nothing, is an empty mapping, not an error."""
    try:
        return load_yaml(path)
    except LibraryError as exc:
        if exc.code == "yaml.empty":
            return {}
        raise
