"""Generate a whole set of roles in one run: in parallel, incrementally, losing nothing.

The parent process expands the batch into jobs and checks each against the manifest
(cheap: file digests only), so an unchanged set starts no workers at all. Jobs that
need work go to a pool of worker processes, each of which keeps its library, Jinja
environments, stylesheets and fonts warm across documents. The parent records results
in the manifest as they arrive (so a killed run loses at most the last moments of
bookkeeping) and finally writes each company's index.html.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import field
from pathlib import Path

from ..compose.request import Request, check_wrap
from ..core.errors import JdgenError, LibraryError, did_you_mean
from ..core.files import remove_stale_temp_files, write_if_changed
from ..core.record import record
from ..library.loader import Library, load_library
from ..library.posting import load_posting
from ..library.sources import Sources
from ..model.base import Origin
from ..model.batch import BatchFile, BatchRole
from ..model.formats import DEFAULT_FORMATS
from ..render.index import index_page
from ..schema.convert import convert
from ..yamlio.source import load_yaml
from . import manifest
from .generate import FileResult, JobResult, Service

FLUSH_SECONDS = 0.5  # how often the parent writes finished results into the manifest


def load_batch_file(path: Path) -> BatchFile:
    data = load_yaml(path)
    spec = convert(BatchFile, data, path)
    try:
        check_wrap(spec.wrap)
    except JdgenError as exc:
        raise LibraryError(f"wrap: {exc.message}", path, data.line_of("wrap"), exc.fix) from None
    return spec


def plan(
    service: Service, spec: BatchFile, revised: str | None = None
) -> tuple[list[Request], list[JobResult]]:
    """Expand a batch into requests, one per company, role, level and template.

    An entry that cannot be resolved (unknown company, role, level or family) becomes a
    failed result and the rest go ahead; two entries writing one file stop the batch.
    """
    lib = service.lib
    failures: list[JobResult] = []
    check_wrap(spec.wrap)  # from --wrap; a batch file's own is checked when it is loaded
    entries: list[BatchRole] = [_entry_of(r) for r in spec.roles]
    chosen = {e.id for e in entries}
    for family in spec.families:
        if family not in lib.families:
            failures.append(
                _failed(
                    spec,
                    f"family {family}",
                    spec.formats,
                    _spec_error(
                        spec,
                        f"unknown family '{family}'.{did_you_mean(family, list(lib.families))}",
                        "see 'jdgen list roles'",
                    ),
                )
            )
    expanded = set()  # roles --all or a family brings in: each company gets those of its industry
    for role in lib.roles.values():
        if (spec.all or role.family in spec.families) and role.id not in chosen:
            entries.append(BatchRole(role.id))
            expanded.add(role.id)
    if not entries and not failures:
        raise _spec_error(spec, "no roles selected", "name roles, families, or use --all / 'all: true'")
    requests: dict[Path, Request] = {}
    for company in spec.companies:
        for entry in entries:
            for level in _levels(lib, spec, entry):
                try:
                    request = service.resolve(
                        entry.id,
                        company,
                        level=level,
                        template=entry.template or spec.template,
                        formats=tuple(spec.formats),
                        out=spec.out,
                        revised=revised,
                        overrides=entry.overrides,
                        name=entry.name,
                        wrap=spec.wrap,
                    )
                except JdgenError as exc:
                    if exc.code == "request.industry" and entry.id in expanded:
                        continue  # a plant manager is not part of a software firm's --all
                    label = f"{company}/{entry.id}" + (f"@{level}" if level else "")
                    failures.append(_failed(entry, label, spec.formats, exc))
                    continue
                _add(requests, request, entry, spec)
    return list(requests.values()), failures


def plan_postings(
    service: Service, paths, formats=None, out=None, revised: str | None = None
) -> tuple[list[Request], list[JobResult]]:
    """One request per posting file; a posting that cannot be loaded or resolved is a
    failed result naming its file and line, and the rest go ahead."""

    requests: dict[Path, Request] = {}
    failures: list[JobResult] = []
    for path in paths:
        try:
            request = service.posting_request(load_posting(path), formats=formats, out=out, revised=revised)
        except JdgenError as exc:
            failures.append(_failed(None, str(path), formats or DEFAULT_FORMATS, exc))
            continue
        key = next(iter(request.paths.values()))
        if key in requests:
            failures.append(
                _failed(
                    None,
                    str(path),
                    request.formats,
                    JdgenError(
                        f"{path} and {requests[key].posting.file} would write the same file",
                        path,
                        fix="rename one of the two posting files",
                    ),
                )
            )
            continue
        requests[key] = request
    return list(requests.values()), failures


def _entry_of(role) -> BatchRole:
    """A batch file's role entry; a plain `- coo` keeps the line it was written on."""
    if not isinstance(role, str):
        return role
    line = getattr(role, "line", None)
    return BatchRole(str(role), origin=Origin(role.file, line) if line else None)


def _failed(where, label: str, formats, exc: JdgenError) -> JobResult:
    origin = getattr(where, "origin", None)
    message = str(exc)
    if origin and exc.file is None:  # point at the batch file's entry
        message = f"{origin.file}:{origin.line}: {message}"
    return JobResult(label, files=[FileResult(fmt, None, "failed", message) for fmt in formats])


def _add(requests: dict, request: Request, entry: BatchRole, spec: BatchFile) -> None:
    """Keep one request per output file: the same document twice is merged, two
    different documents for one file are an error (give one of them a `name`)."""
    key = next(iter(request.paths.values()))
    if key in requests and requests[key] != request:
        where = entry if entry.origin else spec
        message = f"two entries would write the same file '{request.label}'"
        raise _spec_error(where, message, "give one of them its own 'name:' (or rename a company file)")
    requests[key] = request


def _levels(lib: Library, spec: BatchFile, entry: BatchRole) -> list[str | None]:
    wanted = ((entry.level,) if entry.level else ()) + entry.levels or spec.levels
    if not wanted:
        return [None]  # the role's own level
    if "all" in wanted:
        return [lv.id for lv in lib.levels]
    return list(wanted)


def _spec_error(spec, message: str, fix: str | None = None) -> LibraryError:
    origin = spec.origin
    return LibraryError(message, origin.file if origin else None, origin.line if origin else None, fix)


@record
class Summary:
    results: list[JobResult] = field(default_factory=list)

    def count(self) -> Counter:
        return Counter(f.status for r in self.results for f in r.files)

    @property
    def failed(self) -> bool:
        return any(r.failed for r in self.results)


def run(
    service: Service,
    requests: list[Request],
    workers: int,
    force: bool,
    progress,
    failures=(),
    check: bool = False,
) -> Summary:
    """Run every request; returns what happened to every file. Never stops at a failure.
    With check, every document is also run through `jdgen check`."""
    summary, pending = Summary(list(failures)), []
    known = _known_entries(requests)
    for request in requests:
        planned = service.produce(request, force, known.get(_key(request), {}), check_only=True, check=check)
        if any(f.status == "pending" for f in planned.files):
            pending.append(request)
        else:
            summary.results.append(planned)
    progress.start(len(requests) + len(failures))
    for result in summary.results:  # failed or already up to date: counted and logged like the rest
        progress.advance(result)
    recorder = _Recorder(service)
    try:
        for result in _execute(service, pending, force, known, workers, check):
            summary.results.append(result)
            recorder.add(result)
            progress.advance(result)
    finally:
        recorder.flush()
        progress.finish()
        _write_indexes(service.lib, summary)
    return summary


def _key(request: Request) -> Path:
    return next(iter(request.paths.values()))


def _known_entries(requests: list[Request]) -> dict[Path, dict]:
    """The manifest entries each request's files already have, read once per folder."""
    by_folder: dict[Path, dict] = {}
    known = {}
    for request in requests:
        folder = request.folder
        if folder not in by_folder:
            remove_stale_temp_files(folder)
            by_folder[folder] = manifest.read(folder)
        known[_key(request)] = {
            p.name: by_folder[folder][p.name] for p in request.paths.values() if p.name in by_folder[folder]
        }
    return known


def _execute(service: Service, requests, force, known, workers, check=False):
    if not requests:
        return
    if workers <= 1 or len(requests) == 1:
        for request in requests:
            yield service.produce(request, force, known.get(_key(request), {}), check=check)
        return
    with ProcessPoolExecutor(
        max_workers=min(workers, len(requests)), initializer=_init_worker, initargs=(service.lib.sources,)
    ) as pool:
        futures = {pool.submit(_work, r, force, known.get(_key(r), {}), check): r for r in requests}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - a crashed worker fails one document, not the batch
                request = futures[future]
                message = f"internal error while generating: {type(exc).__name__}: {exc}"
                yield JobResult(
                    request.label,
                    request.folder,
                    request.company.name,
                    files=[FileResult(fmt, None, "failed", message) for fmt in request.formats],
                )


_WORKER: Service | None = None


def _init_worker(sources: Sources) -> None:
    global _WORKER
    _WORKER = Service(load_library(sources=sources))


def _work(request: Request, force: bool, known: dict, check: bool) -> JobResult:
    return _WORKER.produce(request, force, known, check=check)


class _Recorder:
    """Writes finished results into each company's manifest, at most every FLUSH_SECONDS."""

    def __init__(self, service: Service):
        self.service = service
        self.waiting: list[JobResult] = []
        self.last = time.monotonic()

    def add(self, result: JobResult) -> None:
        self.waiting.append(result)
        if time.monotonic() - self.last >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        self.service.record(self.waiting)
        self.waiting, self.last = [], time.monotonic()


def _write_indexes(lib: Library, summary: Summary) -> None:
    """OUT/<company>/index.html, listing every document the manifest knows and disk has;
    rewritten only when it changes."""
    folders = {r.folder: r.company_name for r in summary.results if r.folder}
    for folder, company_name in folders.items():
        files = {name: e for name, e in manifest.read(folder).items() if (folder / name).exists()}
        if files:
            write_if_changed(folder / "index.html", index_page(lib, files, company_name))


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
