"""`jdgen validate`: every problem in a library and its company profiles, at once.

Schema, reference and content problems are collected as diagnostics rather than
raised, so a user fixing a library sees the whole list in one run. Content rules
(check/library_rules.py) run only when the library itself loads without errors.
"""

from __future__ import annotations

from pathlib import Path

from ..check.config import settings_diagnostics
from ..check.library_rules import composed_diagnostics, library_diagnostics
from ..core.errors import Diagnostic, JdgenError
from ..library.context import RunContext
from ..library.industry import role_fits
from ..library.loader import known_companies, load_company, validate_company, validate_library
from ..library.posting import validate_posting
from ..library.sources import default_sources
from ..library.translation import check_catalogue
from ..model.formats import TEMPLATES
from ..yamlio.source import load_yaml
from .generate import Service


def validate(library: Path | None, paths=(), content: bool = True, workspace=None) -> list[Diagnostic]:
    """Every problem at once; `workspace` is the run's (None outside one)."""
    folders = [p for p in paths if p.is_dir()]
    kinds = {p: _kind(p) for p in paths if not p.is_dir()}  # a device or FIFO is refused by name
    files = [p for p, kind in kinds.items() if kind == "company"]
    posting_files = [p for p, kind in kinds.items() if kind == "posting"]
    others = [_not_validated(p) for p, kind in kinds.items() if kind is None]

    workspace = None if folders else workspace
    sources = default_sources(folders[0] if folders else library, workspace=workspace)
    lib, found = validate_library(sources)
    found = list(found) + others
    if lib is None or any(d.severity == "error" for d in found):
        return _sorted(found)
    service = Service(lib, RunContext(sources, workspace))
    found += _check_settings(service)
    found += _translations(lib, workspace)
    if posting_files and not files:  # postings only: each file, then its document's content
        postings = _composed_postings(service, posting_files)
        found += [d for _, d in postings if d is not None]
        if content and not any(d.severity == "error" for d in found):
            found += _posting_content(service, postings)
        return _sorted(found)
    in_workspace = workspace is not None and not kinds
    postings = _composed_postings(service, workspace.postings) if in_workspace else []
    found += [d for _, d in postings if d is not None]
    companies = files or (
        [] if folders and not (folders[0] / "companies").is_dir() else list(known_companies(lib).values())
    )
    for path in companies:
        problems = validate_company(lib, path)
        if not any(d.severity == "error" for d in problems):
            problems += settings_diagnostics(load_company(lib, str(path)).check)
        found += problems
    if content and not any(d.severity == "error" for d in found):
        found += library_diagnostics(lib)
        if in_workspace:
            # A workspace is held to the documents it makes (its own roles, its postings).
            # Their content findings (a posting under 300 words for a one-line profile, say)
            # are the user's to weigh, as in `jdgen check`: listed as warnings, while broken
            # files, refs that no longer apply and unknown names stay errors.
            own = [r.id for r in lib.roles.values() if r.origin.file.resolve().is_relative_to(workspace.root)]
            found += catalogue_diagnostics(
                service, [str(p) for p in companies], every_level=False, roles=own, severity="warning"
            )
            found += _posting_content(service, postings)
        else:
            # a library is held to every role at every level; a profile to the documents it will make
            found += catalogue_diagnostics(service, [str(p) for p in companies], every_level=not files)
    return _sorted(found)


def _translations(lib, workspace) -> list[Diagnostic]:
    """Each library text without its German (or other language's) entry, where a catalogue
    for the language is kept or the workspace writes in it (translation.py)."""
    return [
        d
        for code in lib.locales.languages
        if code != "en"
        for d in check_catalogue(lib.sources, code, every_file=bool(workspace and workspace.language == code))
    ]


def _check_settings(service) -> list[Diagnostic]:
    """The check settings documents made here are checked with (.jdgen-check.yaml, found
    upward, and the workspace's `check:`): their first mistake, as `jdgen check` says it."""
    try:
        service.check_config()
    except JdgenError as exc:
        return [exc.diagnostic]
    return []


def _posting_content(service, postings) -> list[Diagnostic]:
    """The house rules on each posting's document, as warnings: the user's to weigh."""
    return [
        d
        for jd, _ in postings
        if jd is not None
        for d in _house_rules(service, jd, f"{jd.meta.company_id}/{jd.meta.name}", "warning")
    ]


def _house_rules(service, jd, where: str, severity: str) -> list[Diagnostic]:
    """jdgen's house rules on one composed document, through the checker's one engine
    (Context.house): every finding above a notice, at `severity`."""
    report = service.check_report(jd, source=where, house=True)
    found = [f.diagnostic for f in report.findings if f.severity != "info"] + composed_diagnostics(jd)
    return [Diagnostic(d.code, f"{where}: {d.message}", None, None, None, severity, d.fix) for d in found]


def _kind(path: Path) -> str | None:
    """What a file given to `jdgen validate` is: a posting (it names a `role:`), a
    company profile (a `name:`, or a file in companies/), or neither (None)."""
    try:
        data = load_yaml(path)
    except JdgenError:
        data = None  # the profile loader names the broken line
    if isinstance(data, dict) and "role" in data:
        return "posting"
    if path.parent.name == "postings":
        return "posting"
    if not isinstance(data, dict) or "name" in data or path.parent.name == "companies":
        return "company"
    return None


def _not_validated(path: Path) -> Diagnostic:
    return Diagnostic(
        "validate.unknown-file",
        f"{path.name} is neither a company profile (name: ...) nor a posting (role: ...)",
        file=path,
        fix="give validate a company profile, a posting file or a library folder; "
        "with no path it checks the whole workspace or library",
    )


def _composed_postings(service, paths) -> list[tuple]:
    """(document or None, problem or None) for each posting: its file's problems, then
    whether it still applies (refs, blocks), composing each once."""

    rows = []
    for path in paths:
        posting, problems = validate_posting(path)
        rows += [(None, d) for d in problems]
        if posting is not None:
            try:
                jd = service.compose(service.posting_request(posting, formats=("md",)))
            except JdgenError as exc:
                rows.append((None, exc.diagnostic))
                continue
            rows.append((jd, None))
    return rows


def _sorted(found: list[Diagnostic]) -> list[Diagnostic]:
    """Each problem once, in file and line order: the same problem reached twice (a
    profile read for a posting and for itself, by two spellings of its path) is one."""
    unique = list({(d.code, d.severity, str(d)): d for d in found}.values())
    return sorted(unique, key=lambda d: (str(d.file or ""), d.line or 0, d.column or 0))


def catalogue_diagnostics(
    service, companies, every_level: bool = True, roles=None, severity: str = "error"
) -> list[Diagnostic]:
    """Every role (or those named; at every level, or only at its own), in both
    templates, for each company: compose, render Markdown, and apply the document rules.
    Roles that exist only in other industries are left out."""
    lib, found = service.lib, []
    for company in companies:
        try:
            industry = load_company(lib, company).industry
        except JdgenError:
            industry = None  # resolve below reports the profile's problem once
        for role in lib.roles.values() if roles is None else [lib.roles[r] for r in roles]:
            if industry is not None and not role_fits(role, industry):
                continue  # a plant manager exists only in manufacturing companies
            levels = [lv.id for lv in lib.levels] if every_level else [role.default_level]
            for level in levels:
                for template in TEMPLATES:
                    try:
                        request = service.resolve(
                            role.id, company, level=level, template=template, formats=("md",)
                        )
                        jd = service.compose(request)
                        where = f"{request.company.id}/{request.name}"
                    except JdgenError as exc:  # the statement's own file and line, said once
                        if exc.diagnostic not in found:
                            found.append(exc.diagnostic)
                        continue
                    found += _house_rules(service, jd, where, severity)
    return found
