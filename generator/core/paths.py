"""Where the built-in templates and library live, installed or in a source checkout.

A wheel carries `templates/` and `responsibilities/` inside the `generator` package
(setup.cfg maps them there); a source checkout has them beside `generator/`.
"""

from __future__ import annotations

from pathlib import Path

from .caches import memo

_PACKAGE = Path(__file__).resolve().parent.parent  # the installed jdgen package


@memo
def resource_dir(name: str) -> Path:
    """Return the directory of built-in resource `name` ('templates', 'responsibilities', 'checks')."""
    installed = _PACKAGE / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def templates_dir() -> Path:
    return resource_dir("templates")


def library_dir() -> Path:
    return resource_dir("responsibilities")


def inside(root: Path, folder: str | Path) -> bool:
    """Whether `folder` (relative to `root`), with '..' and symlinks resolved, is a folder
    strictly inside `root`: where a file may send jdgen's output."""
    root = Path(root).resolve()
    target = (root / folder).resolve()
    return target != root and root in target.parents
