"""One role for one company: compose once, render each format, write each atomically.

Formats fail independently: if PDF cannot be made (say Pango is missing) the DOCX,
HTML, Markdown and JSON are still written, and the failure is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .compose import Options, compose
from .errors import JdgenError
from .library import Library
from .models import Company, JobDescription
from .output import atomic_write, document_path, document_stem
from .render import extension, renderer


@dataclass(frozen=True)
class Written:
    fmt: str
    path: Path | None
    error: JdgenError | None = None


def target_paths(lib: Library, jd: JobDescription, formats, out_dir: Path) -> dict[str, Path]:
    role = lib.roles[jd.meta.role_id]
    stem = document_stem(role.id, jd.meta.level_id, role.default_level)
    if jd.meta.template != "jd":
        stem = f"{stem}-{jd.meta.template}"
    return {fmt: document_path(out_dir, jd.meta.company_id, stem, extension(fmt)) for fmt in formats}


def generate(
    lib: Library, role_id: str, company: Company, options: Options, formats, out_dir: Path
) -> list[Written]:
    """Write every requested format for one role; errors are returned, not raised."""
    jd = compose(lib, role_id, company, options)
    paths = target_paths(lib, jd, formats, out_dir)
    results = []
    for fmt in formats:
        try:
            atomic_write(paths[fmt], renderer(fmt)(jd))
            results.append(Written(fmt, paths[fmt]))
        except JdgenError as exc:
            results.append(Written(fmt, None, exc))
    return results
