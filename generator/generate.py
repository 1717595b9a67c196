"""One job (a role, at a level, for a company, in some formats): decide what needs
writing, compose once, render each format, write each atomically.

Used by the single-role command and by every batch worker. Formats fail on their own:
if PDF cannot be made (say Pango is missing) the other formats are still written.
Nothing is composed when every requested file is already up to date.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from . import manifest
from .compose import Options, compose
from .errors import JdgenError, display_path
from .library import Library, find_company, load_company
from .models import Company, JobDescription
from .output import atomic_write, document_path, document_stem
from .render import extension, renderer


@dataclass(frozen=True)
class Job:
    company: str  # a profile name or a path, as the user gave it
    role_id: str
    options: Options
    formats: tuple[str, ...]
    name: str | None = None  # the batch file's own file name for this document


@dataclass
class FileResult:
    fmt: str
    path: Path | None
    status: str  # written | unchanged | edited | failed
    error: str | None = None
    entry: dict | None = None


@dataclass
class JobResult:
    label: str
    company_id: str
    folder: Path | None
    company_name: str = ""
    warnings: list[str] = field(default_factory=list)
    files: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(f.status == "failed" for f in self.files)


@cache
def company_profile(lib: Library, name: str) -> tuple[Company, Path]:
    return load_company(lib, name), find_company(lib, name)


def normalized(lib: Library, job: Job) -> Job:
    """The same document, however it was asked for: role id not alias, level id (or None
    for the role's own level), so digests and file names never depend on spelling."""
    role = lib.role(job.role_id)
    level = lib.level(job.options.level).id if job.options.level else None
    level = None if level == role.default_level else level
    if role.id == job.role_id and level == job.options.level:
        return job
    return replace(job, role_id=role.id, options=replace(job.options, level=level))


def document_name(lib: Library, job: Job) -> str:
    """The file name without extension: <role>[-<level>][-posting], or the batch's own name."""
    job = normalized(lib, job)
    role = lib.role(job.role_id)
    stem = document_stem(role.id, job.options.level or role.default_level, role.default_level)
    if job.options.template != "jd":
        stem = f"{stem}-{job.options.template}"
    return job.name or stem


def output_paths(lib: Library, job: Job, company_id: str, out_dir: Path) -> dict[str, Path]:
    """Where each format of this job goes: OUT/<company>/<name>.<ext>."""
    stem = document_name(lib, job)
    return {fmt: document_path(out_dir, company_id, stem, extension(fmt)) for fmt in job.formats}


def run_job(
    lib: Library,
    job: Job,
    out_dir: Path,
    force: bool,
    known: dict[str, dict] | None = None,
    check_only: bool = False,
) -> JobResult:
    """Do one job; every problem is reported in the result, never raised.

    With check_only, nothing is composed or written: files that need work are 'pending'.
    """
    result = JobResult(label=f"{job.company}/{job.role_id}", company_id="", folder=None)
    try:
        company, company_file = company_profile(lib, job.company)
        role = lib.role(job.role_id)
        job = normalized(lib, job)
        result.company_id, result.company_name = company.id, company.name
        paths = output_paths(lib, job, company.id, out_dir)
        first = next(iter(paths.values()))
        result.label, result.folder = f"{company.id}/{first.stem}", first.parent
        if known is None:  # a single run reads the manifest itself; a batch passes it in
            known = manifest.read(result.folder)
        digests = {
            fmt: manifest.inputs_digest(lib, role, company_file, job.options, fmt) for fmt in job.formats
        }
        todo = _plan(job, paths, digests, known, force, result)
        if check_only:
            result.files += [FileResult(fmt, paths[fmt], "pending") for fmt in todo]
        elif todo:
            jd = compose(lib, role.id, company, job.options)
            result.warnings += _warnings(jd, company_file)
            for fmt, verify in todo.items():
                result.files.append(_write(jd, fmt, paths[fmt], digests[fmt], verify))
    except JdgenError as exc:
        done = {f.fmt for f in result.files}
        result.files += [FileResult(fmt, None, "failed", str(exc)) for fmt in job.formats if fmt not in done]
    return result


def _warnings(jd: JobDescription, company_file: Path) -> list[str]:
    """Things that are not errors but that HR should hear about."""
    if jd.compensation is None:
        return [
            f"{display_path(company_file)}: no salary band for level '{jd.meta.level_id}', so the "
            f"{jd.title} document has no pay range (fix: add salary_bands.{jd.meta.level_id}; "
            "pay-transparency laws in many places require one)"
        ]
    return []


def _plan(job, paths, digests, known, force, result: JobResult) -> dict[str, bool]:
    """Formats to render, each mapped to whether it must first be verified.

    A file whose bytes differ from the manifest is either a hand edit or one a killed
    run wrote but never recorded. Output is deterministic, so rendering it again tells
    which: the same bytes mean it is ours.
    """
    todo = {}
    for fmt in job.formats:
        state = manifest.status(paths[fmt], digests[fmt], known.get(paths[fmt].name))
        if state == "write" or force:
            todo[fmt] = False
        elif state == "edited":
            todo[fmt] = True
        else:
            result.files.append(FileResult(fmt, paths[fmt], state))
    return todo


def _write(jd: JobDescription, fmt: str, path: Path, inputs: str, verify: bool = False) -> FileResult:
    try:
        data = renderer(fmt)(jd)
        if verify and manifest.current_digest(path) != manifest.bytes_digest(data):
            return FileResult(fmt, path, "edited")  # someone changed it: keep it
        if not verify:
            atomic_write(path, data)
    except JdgenError as exc:
        return FileResult(fmt, path, "failed", str(exc))
    meta = {
        "role": jd.meta.role_id,
        "level": jd.meta.level_id,
        "template": jd.meta.template,
        "format": fmt,
        "title": jd.title,
        "role_title": jd.meta.role_title,
        "family": jd.family,
        "level_label": jd.level,
    }
    return FileResult(
        fmt, path, "unchanged" if verify else "written", entry=manifest.entry(inputs, data, meta)
    )
