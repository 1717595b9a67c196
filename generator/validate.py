"""`jdgen validate`: every problem in a library and its company profiles, at once.

Schema, reference and content problems are collected as diagnostics rather than
raised, so a user fixing a library sees the whole list in one run. Content rules
(generator/quality.py) run only when the library itself loads without errors.
"""

from __future__ import annotations

from dataclasses import replace
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
    in_workspace = workspace is not None and not files
    postings = _composed_postings(lib, workspace) if in_workspace else []
    found += [d for _, d in postings if d is not None]
    companies = files or (
        [] if folders and not (folders[0] / "companies").is_dir() else list(known_companies(lib).values())
    )
    for path in companies:
        found += validate_company(lib, path)
    if content and not any(d.severity == "error" for d in found):
        from .quality import catalogue_diagnostics, library_diagnostics
        from .service import Service

        found += library_diagnostics(lib)
        if in_workspace:
            # A workspace is held to the documents it makes (its own roles, its postings).
            # Their content findings (a posting under 300 words for a one-line profile, say)
            # are the user's to weigh, as in `jdgen check`: listed as warnings, while broken
            # files, refs that no longer apply and unknown names stay errors.
            own = [r.id for r in lib.roles.values() if r.origin.file.resolve().is_relative_to(workspace.root)]
            content = catalogue_diagnostics(
                Service(lib), [str(p) for p in companies], every_level=False, roles=own
            )
            content += _posting_content(postings)
            found += [replace(d, severity="warning") if d.code.startswith("content.") else d for d in content]
        else:
            # a library is held to every role at every level; a profile to the documents it will make
            found += catalogue_diagnostics(Service(lib), [str(p) for p in companies], every_level=not files)
    return _sorted(found)


def _posting_content(postings) -> list[Diagnostic]:
    """The content rules (length, wording, repeats) on each posting's document."""
    from .quality import document_diagnostics
    from .render import renderer

    found = []
    for jd, _ in postings:
        if jd is not None:
            markdown = renderer("md")(jd).decode("utf-8")
            found += document_diagnostics(jd, markdown, f"{jd.meta.company_id}/{jd.meta.name}")
    return found


def _composed_postings(lib, workspace) -> list[tuple]:
    """(document or None, problem or None) for each posting: its file's problems, then
    whether it still applies (refs, blocks), composing each once."""
    from .errors import JdgenError
    from .posting import validate_posting
    from .service import Service

    service = Service(lib)
    rows = []
    for path in workspace.postings:
        posting, problems = validate_posting(path)
        rows += [(None, d) for d in problems]
        if posting is not None:
            try:
                rows.append((service.compose(service.posting_request(posting, formats=("md",))), None))
            except JdgenError as exc:
                rows.append((None, exc.diagnostic))
    return rows


def _sorted(found: list[Diagnostic]) -> list[Diagnostic]:
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda d: (str(d.file or ""), d.line or 0, d.column or 0))
