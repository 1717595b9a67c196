"""Generate a whole set of roles in one run: in parallel, incrementally, losing nothing.

The parent process expands the batch into jobs and checks each against the manifest
(cheap: file digests only), so an unchanged set starts no workers at all. Jobs that
need work go to a pool of worker processes, each of which keeps its library, Jinja
environments, stylesheets and fonts warm across documents. The parent records results
in the manifest as they arrive (so a killed run loses at most the last moments of
bookkeeping) and finally writes each company's index.html. Workers end when the parent
does, even when it is killed.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import field
from pathlib import Path

from ..compose.request import Request, check_wrap
from ..core.errors import JdgenError, LibraryError, did_you_mean, display_path
from ..core.files import file_digest, remove_stale_temp_files, replace_if_unchanged, save_copy
from ..core.paths import inside
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
from .generate import NOT_RECORDED, FileResult, JobResult, Service, manifest_warnings

FLUSH_SECONDS = 0.5  # how often the parent writes finished results into the manifest
PARENT_CHECK_SECONDS = 0.5  # how often a worker looks whether its parent is still there
PR_SET_PDEATHSIG = 1  # Linux prctl(2): a signal for this process when its parent ends


def load_batch_file(path: Path) -> BatchFile:
    data = load_yaml(path)
    spec = convert(BatchFile, data, path)
    try:
        check_wrap(spec.wrap)
    except JdgenError as exc:
        raise LibraryError(f"wrap: {exc.message}", path, data.line_of("wrap"), exc.fix) from None
    if "out" in data and not inside(Path.cwd(), spec.out):  # a file's folder stays where it is run
        raise LibraryError(
            f"out '{spec.out}' is outside the folder the batch runs in",
            path,
            data.line_of("out"),
            "write a folder inside it, such as output (or choose any folder with --out)",
            "batch.out",
            key="out",
        )
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
                        "see 'jdgen list families'",
                        at=family,
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
    owners: dict[Path, str] = {}  # the profile each company folder is for: the first to name it
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
                        language=spec.language,
                    )
                    key = _key(request)  # where it goes: a name of jdgen's own files is refused here
                    service.claim(request, owners.setdefault(request.folder, service.company_key(request)))
                except JdgenError as exc:
                    if exc.code == "request.industry" and entry.id in expanded:
                        continue  # a plant manager is not part of a software firm's --all
                    label = f"{company}/{entry.id}" + (f"@{level}" if level else "")
                    failures.append(_failed(entry, label, spec.formats, exc))
                    continue
                _add(requests, key, request, entry, spec)
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
            key = _key(request)
        except JdgenError as exc:
            failures.append(_failed(None, str(path), formats or DEFAULT_FORMATS, exc))
            continue
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


def _add(requests: dict, key: Path, request: Request, entry: BatchRole, spec: BatchFile) -> None:
    """Keep one request per output file: the same document twice is merged, two
    different documents for one file are an error (give one of them a `name`)."""
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


def _spec_error(spec, message: str, fix: str | None = None, at=None) -> LibraryError:
    """A problem with the batch file: at the line of the value named (`at`, when it came
    from the file), else of the batch."""
    origin = spec.origin
    file = getattr(at, "file", None) or (origin.file if origin else None)
    line = getattr(at, "line", None) or (origin.line if origin else None)
    return LibraryError(message, file, line, fix)


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
    folders = _folders(requests)
    requests, refused = _claim(service, requests, folders)
    failures = [*failures, *refused]
    summary, pending = Summary(list(failures)), []
    known = {_key(r): _known(r, folders[r.folder]) for r in requests}
    for request in requests:
        planned = service.produce(request, force, known[_key(request)], check_only=True, check=check)
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
        _write_indexes(service.lib, summary, force)
    for result in summary.results:  # a manifest that could not be read: said once, by the summary
        if result.folder in folders:
            result.warnings += manifest_warnings(result.folder, folders[result.folder])
    return summary


def _key(request: Request) -> Path:
    return next(iter(request.paths.values()))


def _folders(requests: list[Request]) -> dict[Path, manifest.Folder]:
    """Each company folder's manifest, read once; jdgen's temporary files of dead runs
    there are removed first."""
    folders: dict[Path, manifest.Folder] = {}
    for request in requests:
        if request.folder not in folders:
            remove_stale_temp_files(request.folder)
            folders[request.folder] = manifest.load(request.folder)
    return folders


def _known(request: Request, folder: manifest.Folder) -> dict:
    """The manifest entries a request's files already have."""
    return {p.name: folder.files[p.name] for p in request.paths.values() if p.name in folder.files}


def _claim(service: Service, requests: list[Request], folders: dict) -> tuple[list, list[JobResult]]:
    """The requests whose profile owns their company folder (the one the manifest names,
    else the first in the batch), and a failure, saying why, for each of the others."""
    owners: dict[Path, str] = {}
    kept, refused = [], []
    for request in requests:
        owner = owners.setdefault(
            request.folder, folders[request.folder].profile or service.company_key(request)
        )
        try:
            service.claim(request, owner)
        except JdgenError as exc:
            refused.append(_failed(None, request.label, request.formats, exc))
            continue
        kept.append(request)
    return kept, refused


def _execute(service: Service, requests, force, known, workers, check=False):
    """Each request's result, as it finishes; a document that crashes its worker, or
    jdgen, fails alone and says why."""
    if not requests:
        return
    if workers <= 1 or len(requests) == 1:
        for request in requests:
            try:
                yield service.produce(request, force, known[_key(request)], check=check)
            except Exception as exc:  # noqa: BLE001 - one document's crash never stops the batch
                yield _crashed(request, exc)
        return
    with ProcessPoolExecutor(
        max_workers=min(workers, len(requests)),
        initializer=_init_worker,
        initargs=(service.lib.sources,),
    ) as pool:
        futures = {pool.submit(_work, r, force, known[_key(r)], check): r for r in requests}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - a crashed worker fails one document, not the batch
                yield _crashed(futures[future], exc)


def _crashed(request: Request, exc: BaseException) -> JobResult:
    if isinstance(exc, BrokenProcessPool):
        message = (
            "not generated: a worker process ended abruptly (killed, or out of memory) "
            "(fix: run the batch again; if it happens again, use fewer --jobs)"
        )
    else:
        message = (
            f"internal error while generating: {type(exc).__name__}: {str(exc)[:200] or 'no details'} "
            "(fix: please report it, with the command you ran)"
        )
    return JobResult(
        request.label,
        request.folder,
        request.company.name,
        files=[FileResult(fmt, None, "failed", message) for fmt in request.formats],
    )


_WORKER: Service | None = None


def _init_worker(sources: Sources) -> None:
    global _WORKER
    _end_with_parent()
    _WORKER = Service(load_library(sources=sources))


def _end_with_parent() -> None:
    """Make sure this worker ends when the process that started it does, even when that
    one is killed (kill -9 runs no clean-up): on Linux the kernel signals it; anywhere, a
    thread notices the worker was handed to another parent and ends it."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="jdgen-parent").start()
    if os.getppid() != parent:  # it ended before the watch began
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


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


def _write_indexes(lib: Library, summary: Summary, force: bool) -> None:
    """OUT/<company>/index.html, listing every document the manifest knows and disk has;
    rewritten only when it changes, and only over the index jdgen wrote last (its digest
    is in the manifest): an index.html of the user's is kept, or with --force copied first."""
    results = {r.folder: r for r in summary.results if r.folder}
    for folder, result in results.items():
        state = manifest.load(folder)
        files = {name: e for name, e in state.files.items() if (folder / name).exists()}
        if not files:
            continue
        data = index_page(lib, files, result.company_name)
        path, new = folder / "index.html", manifest.bytes_digest(data)
        seen = file_digest(path)
        if seen not in (None, new, state.index):
            if not force:
                result.files.append(FileResult("index", path, "conflict", NOT_RECORDED))
                continue
            saved = save_copy(path)
            kept = f"{display_path(path)} had your edits: they are kept in {display_path(saved)}"
            result.notes.append(kept)
        if seen != new and not replace_if_unchanged(path, data, seen):
            continue  # changed meanwhile: the next run writes it
        if state.index != new:
            manifest.record(folder, {}, index=new)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
