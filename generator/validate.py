"""`jdgen validate`: every problem in a library and its company profiles, at once.

Schema, reference and content problems are collected as diagnostics rather than
raised, so a user fixing a library sees the whole list in one run. Content rules
(generator/quality.py) run only when the library itself loads without errors.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Diagnostic
from .library import known_companies, validate_company, validate_library
from .sources import default_sources


def validate(library: Path | None, paths=(), content: bool = True) -> list[Diagnostic]:
    folders = [p for p in paths if p.is_dir()]
    files = [p for p in paths if p.is_file()]
    from .workspace import current_workspace

    workspace = None if folders else current_workspace()
    sources = default_sources(folders[0] if folders else library, workspace=workspace)
    lib, found = validate_library(sources)
    found = list(found)
    if lib is None or any(d.severity == "error" for d in found):
        return _sorted(found)
    if workspace is not None and not files:
        found += _postings(lib, workspace)
    companies = files or (
        [] if folders and not (folders[0] / "companies").is_dir() else list(known_companies(lib).values())
    )
    for path in companies:
        found += validate_company(lib, path)
    if content and not any(d.severity == "error" for d in found):
        from .quality import catalogue_diagnostics, library_diagnostics
        from .service import Service

        found += library_diagnostics(lib)
        # a library is held to every role at every level; a profile to the documents it will make
        found += catalogue_diagnostics(Service(lib), [str(p) for p in companies], every_level=not files)
    return _sorted(found)


def _postings(lib, workspace) -> list[Diagnostic]:
    """Each posting of the workspace: its file, then whether it still applies (refs, blocks)."""
    from .errors import JdgenError
    from .posting import validate_posting
    from .service import Service

    service = Service(lib)
    out: list[Diagnostic] = []
    for path in workspace.postings:
        posting, problems = validate_posting(path)
        out += problems
        if posting is not None:
            try:
                service.compose(service.posting_request(posting, formats=("md",)))
            except JdgenError as exc:
                out.append(exc.diagnostic)
    return out


def _sorted(found: list[Diagnostic]) -> list[Diagnostic]:
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda d: (str(d.file or ""), d.line or 0, d.column or 0))
