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
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import manifest
from .compose import Options
from .errors import LibraryError, did_you_mean
from .generate import Job, JobResult, company_profile, document_name, normalized, output_paths, run_job
from .jinja import render_template
from .library import Library, load_library
from .models import BatchFile, BatchRole
from .output import SAFE_PART, atomic_write, remove_stale_temp_files
from .render.common import labels
from .schema import convert
from .yamlsource import load_yaml

FLUSH_SECONDS = 0.5  # how often the parent writes finished results into the manifest


def load_batch_file(path: Path) -> BatchFile:
    return convert(BatchFile, load_yaml(path), path)


def plan(lib: Library, spec: BatchFile, revised: str | None = None) -> list[Job]:
    """Expand a batch into jobs: one per company, role, level and template."""
    for family in spec.families:
        if family not in lib.families:
            raise _spec_error(spec, f"unknown family '{family}'.{did_you_mean(family, list(lib.families))}")
    entries: list[BatchRole] = [BatchRole(r) if isinstance(r, str) else r for r in spec.roles]
    chosen = {e.id for e in entries}
    for role in lib.roles.values():
        if (spec.all or role.family in spec.families) and role.id not in chosen:
            entries.append(BatchRole(role.id))
    if not entries:
        raise _spec_error(spec, "no roles selected", "name roles, families, or use --all / 'all: true'")
    jobs: dict[tuple, Job] = {}
    for company in spec.companies:
        for entry in entries:
            for level in _levels(lib, spec, entry):
                options = Options(
                    level=level,
                    template=entry.template or spec.template,
                    revised=revised,
                    overrides=entry.overrides,
                )
                job = Job(company, entry.id, options, tuple(spec.formats), entry.name)
                _add(lib, jobs, job, entry, spec)
    return list(jobs.values())


def _add(lib: Library, jobs: dict, job: Job, entry: BatchRole, spec: BatchFile) -> None:
    """Keep one job per output file: the same document twice is merged, two different
    documents for one file are an error (give one of them a `name`)."""
    try:
        normal = normalized(lib, job)
    except LibraryError:
        normal = job  # an unknown role or level: reported when the job runs
    if normal.name and not SAFE_PART.match(normal.name):
        raise _spec_error(
            entry, f"name '{normal.name}' is not a safe file name", "use lower-case letters, digits and '-'"
        )
    try:
        key = (normal.company, document_name(lib, normal))
    except LibraryError:
        key = (normal.company, normal.role_id, normal.options.level, normal.options.template)
    if key in jobs and jobs[key] != normal:
        where = entry if entry.origin else spec
        message = f"two entries would write the same file '{key[1]}'"
        raise _spec_error(where, message, "give one of them its own 'name:'")
    jobs[key] = normal


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


@dataclass
class Summary:
    results: list[JobResult] = field(default_factory=list)

    def count(self) -> Counter:
        return Counter(f.status for r in self.results for f in r.files)

    @property
    def failed(self) -> bool:
        return any(r.failed for r in self.results)


def run(lib: Library, jobs: list[Job], out_dir: Path, workers: int, force: bool, progress) -> Summary:
    """Run every job; returns what happened to every file. Never stops at a failure."""
    known = _known_entries(lib, jobs, out_dir)
    summary, pending = Summary(), []
    for job in jobs:
        names = known.get(job, {})
        check = run_job(lib, job, out_dir, force, names, check_only=True)
        if any(f.status == "pending" for f in check.files):
            pending.append(job)
        else:
            summary.results.append(check)
    progress.start(len(jobs))
    for result in summary.results:  # already up to date: counted and logged like the rest
        progress.advance(result)
    recorder = _Recorder()
    for result in _execute(lib, pending, out_dir, force, known, workers):
        summary.results.append(result)
        recorder.add(result)
        progress.advance(result)
    recorder.flush()
    progress.finish()
    _write_indexes(lib, summary, out_dir)
    return summary


def _known_entries(lib: Library, jobs: list[Job], out_dir: Path) -> dict[Job, dict]:
    """The manifest entries each job's files already have, read once per company folder."""
    by_folder: dict[Path, dict] = {}
    known = {}
    for job in jobs:
        try:
            company, _ = company_profile(lib, job.company)
            paths = output_paths(lib, job, company.id, out_dir)
        except LibraryError:
            continue  # reported when the job runs
        folder = next(iter(paths.values())).parent
        if folder not in by_folder:
            remove_stale_temp_files(folder)
            by_folder[folder] = manifest.read(folder)
        known[job] = {
            p.name: by_folder[folder][p.name] for p in paths.values() if p.name in by_folder[folder]
        }
    return known


def _execute(lib, jobs, out_dir, force, known, workers):
    if not jobs:
        return
    if workers <= 1 or len(jobs) == 1:
        for job in jobs:
            yield run_job(lib, job, out_dir, force, known.get(job, {}))
        return
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)), initializer=_init_worker, initargs=(lib.root,)
    ) as pool:
        futures = [pool.submit(_work, job, out_dir, force, known.get(job, {})) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


_WORKER_LIBRARY: Library | None = None


def _init_worker(root: Path) -> None:
    global _WORKER_LIBRARY
    _WORKER_LIBRARY = load_library(root)


def _work(job: Job, out_dir: Path, force: bool, known: dict) -> JobResult:
    return run_job(_WORKER_LIBRARY, job, out_dir, force, known)


class _Recorder:
    """Writes finished results into each company's manifest, at most every FLUSH_SECONDS."""

    def __init__(self):
        self.waiting: dict[Path, dict] = {}
        self.last = time.monotonic()

    def add(self, result: JobResult) -> None:
        for f in result.files:
            if f.entry:
                self.waiting.setdefault(f.path.parent, {})[f.path.name] = f.entry
        if time.monotonic() - self.last >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        for folder, entries in self.waiting.items():
            manifest.record(folder, entries)
        self.waiting, self.last = {}, time.monotonic()


def _write_indexes(lib: Library, summary: Summary, out_dir: Path) -> None:
    """OUT/<company>/index.html, listing every document the manifest knows and disk has."""
    folders = {r.folder: r.company_name for r in summary.results if r.folder}
    for folder, company_name in folders.items():
        files = {name: e for name, e in manifest.read(folder).items() if (folder / name).exists()}
        if files:
            html = render_template(
                "html",
                "html/index.html.j2",
                groups=index_groups(lib, files),
                company=company_name,
                labels=labels(),
            )
            atomic_write(folder / "index.html", html.encode("utf-8"))


def index_groups(lib: Library, files: dict[str, dict]) -> list[dict]:
    """Documents grouped by family, then level (most senior first), each with its links."""
    rank = {lv.id: i for i, lv in enumerate(lib.levels)}
    docs: dict[tuple, dict] = {}
    for name, e in files.items():
        key = (e.get("family", ""), e.get("level", ""), e.get("role", ""), e.get("template", "jd"))
        doc = docs.setdefault(
            key,
            {
                "title": e.get("title", name),
                "level": e.get("level_label", ""),
                "template": e.get("template", "jd"),
                "role_title": e.get("role_title", e.get("title", name)),
                "links": [],
            },
        )
        doc["links"].append({"format": e.get("format", ""), "href": name})
    groups: dict[str, dict[str, list]] = {}
    for key in sorted(docs, key=lambda k: (k[0], -rank.get(k[1], -1), docs[k]["title"], k[3])):
        doc = docs[key]
        doc["links"].sort(key=lambda link: link["format"])
        groups.setdefault(key[0], {}).setdefault(doc["level"], []).append(doc)
    return [
        {"family": family, "levels": [{"level": lv, "documents": d} for lv, d in levels.items()]}
        for family, levels in groups.items()
    ]


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Progress:
    """A progress bar on a terminal, plain log lines otherwise, nothing when quiet."""

    def __init__(self, quiet: bool, stream=None):
        self.quiet, self.stream = quiet, stream or sys.stderr
        self.tty = self.stream.isatty()
        self.total = self.done = 0
        self.started = time.monotonic()

    def start(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.monotonic()

    def advance(self, result: JobResult) -> None:
        self.done += 1
        if self.quiet:
            return
        states = ", ".join(f"{f.fmt} {f.status}" for f in result.files)
        if self.tty:
            line = f"{self._bar()} {result.label} ({states})"
            width = shutil.get_terminal_size().columns - 1
            self.stream.write(f"\r\033[K{line[:width]}")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {result.label}: {states}\n")
        self.stream.flush()

    def _bar(self) -> str:
        width = 24
        filled = int(width * self.done / max(self.total, 1))
        elapsed = time.monotonic() - self.started
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0
        return f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} ETA {eta:4.0f}s"

    def finish(self) -> None:
        if self.tty and not self.quiet:
            self.stream.write("\r\033[K")
            self.stream.flush()
