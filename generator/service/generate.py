"""The one service every front end calls: plan, compose, render, write, record.

The CLI's single-role command, every batch worker and (later) the studio go through
`Service`: a request is planned against the manifest (nothing is composed when every
file is up to date), composed once, rendered per format, written atomically and
recorded. Formats fail on their own: if PDF cannot be made the others are written.

A file jdgen has no record of is the user's: it is replaced only with --force, and
then a copy is kept first. Whether a file was edited is checked when planning and
again right before it is replaced, and a company folder belongs to one profile.
"""

from __future__ import annotations

from dataclasses import field, replace
from pathlib import Path

from ..compose.document import compose
from ..compose.opening import same_place
from ..compose.request import Request, resolve
from ..core import provenance
from ..core.caches import clear_all
from ..core.errors import Diagnostic, JdgenError, LibraryError, display_path
from ..core.files import file_digest, replace_if_unchanged, save_copy
from ..core.record import record
from ..library.context import RunContext
from ..library.loader import Library, company_warnings, load_library
from ..library.workspace import load_workspace
from ..model.data import JobDescription
from ..model.posting import Posting
from ..render import renderer
from ..render.jsonld import REQUIRED, missing
from ..yamlio.nodes import locate
from ..yamlio.source import load_yaml
from . import manifest

FAILED_STATES = ("failed", "conflict")
NOT_RECORDED = (
    "is not a file jdgen made (manifest.json has no record of it), so it is yours: kept it "
    "(fix: move it elsewhere, or use --force to replace it; your copy is kept beside it)"
)
CHANGED_MEANWHILE = "changed while jdgen was making it: kept your version (fix: run jdgen again)"
# Countries whose law or good practice expects an equal-opportunity statement in every
# job document (US federal contractors must include one; the EEOC recommends it).
EEO_EXPECTED = frozenset({"US"})  # a file the user asked for that could not be made


@record
class FileResult:
    fmt: str
    path: Path | None
    status: str  # written | unchanged | kept | conflict | failed | pending
    error: str | None = None
    entry: dict | None = None
    saved: Path | None = None  # where --force kept a hand-edited copy before replacing it


@record
class JobResult:
    label: str
    folder: Path | None = None
    company_name: str = ""
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: list[FileResult] = field(default_factory=list)
    check: dict | None = None  # with check=True: score, verdict and counts of `jdgen check`

    @property
    def failed(self) -> bool:
        return any(f.status in FAILED_STATES for f in self.files)


class Service:
    """Generates documents for one library (and its layered sources)."""

    def __init__(self, lib: Library, run: RunContext | None = None):
        """`run` is the run's context (workspace, defaults, date); without one, the library's
        sources and no workspace."""
        self.lib = lib
        self.run = run or RunContext(lib.sources)

    def resolve(self, role: str, company, **options) -> Request:
        """One request; the documents' language falls back to the workspace's."""
        options.setdefault("workspace_language", self.run.language)
        return resolve(self.lib, role, company, **options)

    def compose(self, request: Request) -> JobDescription:
        return compose(self.lib, request)

    def render(self, jd, fmt: str, entry: str = "render") -> tuple[bytes, tuple[str, ...]]:
        """The bytes of one format and every source key read to make them. `entry` names
        the format module's function for the object (`render` for a job description)."""
        with provenance.recording() as reads:
            data = renderer(fmt, entry)(jd, self.lib.sources)
        return data, tuple(sorted(reads | set(jd.sources)))

    def generate(self, request: Request, force: bool = False) -> JobResult:
        """One request, start to finish, recorded in its folder's manifest."""
        state = manifest.load(request.folder)
        try:
            self.claim(request, state.profile)
        except JdgenError as exc:
            return failed_result(request, exc)
        result = self.produce(request, force, state.files)
        result.warnings += manifest_warnings(request.folder, state)
        self.record([result])
        return result

    def generate_composed(self, request, force: bool = False) -> JobResult:
        """A request that composes its own object (a comparison, a ladder: see compare.py),
        planned against the manifest, rendered, written and recorded like a job description.
        The request gives `paths`, `folder`, `label`, `company`, `company_file`,
        `identity()`, `compose(lib)` and `renders_with` (each format module's entry point)."""
        state = manifest.load(request.folder)
        result = JobResult(request.label, request.folder, request.company.name)
        result.warnings += [*self.lib.warnings, *company_warnings(self.lib, request.company_file)]
        result.warnings += manifest_warnings(request.folder, state)
        try:
            self.claim(request, state.profile)
            todo = self._plan(request, state.files, force, result)
            if todo:
                doc = request.compose(self.lib)
                for fmt, plan in todo.items():
                    result.files.append(self._write(request, doc, fmt, plan, _table_meta(doc)))
                _note_divergence(result)
                result.notes += _saved_notes(result)
        except JdgenError as exc:
            done = {f.fmt for f in result.files}
            result.files += [
                FileResult(fmt, None, "failed", str(exc)) for fmt in request.formats if fmt not in done
            ]
        self.record([result])
        return result

    def produce(
        self,
        request: Request,
        force: bool,
        known: dict[str, dict],
        check_only: bool = False,
        check: bool = False,
    ) -> JobResult:
        """Plan, compose, render and write one request; every problem is reported in the
        result, never raised. With check_only, files that need work are 'pending'. With
        check, the document is also run through `jdgen check` and the summary recorded
        with each file (a document whose entries already have one is not composed again)."""
        result = JobResult(request.label, request.folder, request.company.name)
        result.warnings += [*self.lib.warnings, *company_warnings(self.lib, request.company_file)]
        try:
            todo = self._plan(request, known, force, result)
            key = self.check_config(request.company.check).key if check else None
            unchecked = check and not all(
                known.get(p.name, {}).get("check", {}).get("key") == key for p in request.paths.values()
            )
            if check_only:
                pending = todo or (dict.fromkeys(request.formats, False) if unchecked else {})
                result.files = [f for f in result.files if f.fmt not in pending]
                result.files += [FileResult(fmt, request.paths[fmt], "pending") for fmt in pending]
            elif todo or unchecked:
                jd = self.compose(request)
                result.warnings += _warnings(jd, request)
                if check:
                    result.check = self.check_summary(jd, request.company.check)
                for fmt, plan in todo.items():
                    result.files.append(self._write(request, jd, fmt, plan, _jd_meta(jd, result.check)))
                _note_divergence(result)
                result.notes += _saved_notes(result)
            if check:
                _carry_check(result, known, key)
        except JdgenError as exc:
            done = {f.fmt for f in result.files}
            result.files += [
                FileResult(fmt, None, "failed", str(exc)) for fmt in request.formats if fmt not in done
            ]
        return result

    def record(self, results) -> None:
        """Write the entries of what was made into each folder's manifest."""
        waiting: dict[Path, dict] = {}
        for result in results:
            for f in result.files:
                if f.entry:
                    waiting.setdefault(f.path.parent, {})[f.path.name] = f.entry
        for folder, entries in waiting.items():
            owner = next((e["company"] for e in entries.values() if "company" in e), None)
            manifest.record(folder, entries, profile=owner)

    def claim(self, request, owner: str | None) -> None:
        """Refuse a request whose company folder belongs to another profile (`owner`, a
        source key: the manifest's, or another request's in the same batch) that makes
        the same company id: two profiles never share a folder."""
        if owner is None or self._same_company(owner, self.company_key(request), request):
            return
        found = self.lib.sources.find(owner)
        cid = request.company.id
        raise JdgenError(
            f"{display_path(request.folder)} is for documents made from another company profile "
            f"({display_path(found) if found else owner}), and this one ({request.company.name}) makes "
            f"the same company id '{cid}'",
            request.company_file,
            fix=f"give this profile an id of its own (id: {cid}-2), or rename its file",
            code="output.clash",
        )

    def reload(self) -> None:
        """Forget every cache and load the library and jdgen.yaml again, so a long-running
        process (the studio) sees edits to the library, profiles, templates and jdgen.yaml."""
        clear_all()
        workspace = self.run.workspace
        self.run = replace(self.run, workspace=load_workspace(workspace.root) if workspace else None)
        self.lib = load_library(sources=self.lib.sources)

    # --- checking -------------------------------------------------------------------

    def check_config(self, settings=None):
        """The settings a document of this run is checked with: the folder's
        .jdgen-check.yaml, the workspace's `check:`, then a profile's own `check:` (a
        mistake in any of them is one error, before anything is written)."""
        from ..check.config import folder_config, with_settings  # the checker: only for runs that check

        return with_settings(folder_config(None, self.run.check), settings)

    def check_report(self, jd: JobDescription, settings=None, source: str | None = None, house: bool = False):
        """`jdgen check` on a composed document (batch --check and the studio's check panel);
        with `house`, jdgen's house rules instead (jdgen validate's content rules), which
        no folder's or profile's settings change."""
        from ..check import check_document, context_for
        from ..check.settings import Config

        markdown = renderer("md")(jd, self.lib.sources).decode("utf-8")
        context = replace(context_for(jd, jd.meta.template), house=house)
        config = Config() if house else self.check_config(settings)  # the house's rules are jdgen's own
        return check_document(jd, markdown, jd.meta.template, config=config, context=context, source=source)

    def check_summary(self, jd: JobDescription, settings=None) -> dict:
        """check_report reduced to what a summary line and the index show, with the key of
        the settings and rules it was made with (a summary made under others is stale)."""
        from ..check import summary_for

        report = self.check_report(jd, settings)
        score, verdict = summary_for(report)
        return {"score": score, "verdict": verdict, **report.counts(), "key": self.check_config(settings).key}

    # --- steps --------------------------------------------------------------------

    def company_key(self, request: Request) -> str:
        return self.lib.sources.key(request.company_file)

    def digest(self, request: Request, fmt: str, keys) -> str:
        """Inputs digest of one file: the request, the files read, and which file each
        of the role's ids comes from now (a workspace file that starts to replace a
        built-in role or block by id, under another file name, changes it)."""
        identity = request.identity(self.company_key(request))
        role = getattr(request, "role", None)
        if role is not None:
            lib = self.lib
            current = lib.roles.get(role.id, role)
            made_of = [*lib.files_of(current), *(f for b in current.blocks for f in _block_files(lib, b.id))]
            identity += "\n" + "\n".join(lib.sources.key(f) for f in made_of)
        return manifest.inputs_digest(self.lib.sources, identity, fmt, keys)

    def posting_request(
        self,
        posting: Posting,
        *,
        company: str | None = None,
        formats: tuple[str, ...] | None = None,
        out: Path | str | None = None,
        paper: str | None = None,
        revised: str | None = None,
        wrap: int = 80,
        language: str | None = None,
    ) -> Request:
        """The resolved Request for one posting: the workspace's defaults fill what the
        posting leaves out (company, formats, output folder); a problem with a name in the
        posting (unknown role, level or company) names the posting file and line."""
        chosen = posting.company or company or self.run.company
        if chosen is None:
            raise LibraryError(
                "the posting names no company and there is no workspace default",
                posting.file,
                posting.origin.line if posting.origin else None,
                "add 'company: ID' to the posting, or run it inside a workspace (jdgen init)",
                "posting.company",
            )
        try:
            return self.resolve(
                posting.role,
                chosen,
                level=posting.level,
                template=posting.template,
                formats=tuple(formats or self.run.formats),
                paper=paper,
                out=out or self.run.output,
                revised=revised,
                name=posting.name,
                wrap=wrap,
                posting=posting,
                language=language or posting.language,
            )
        except JdgenError as exc:
            if exc.file is not None:
                raise
            line = _line_of(posting, exc.key)
            raise LibraryError(exc.message, posting.file, line, exc.fix, exc.code, key=exc.key) from None

    def _plan(self, request: Request, known: dict, force: bool, result: JobResult) -> dict[str, tuple]:
        """Formats to render, each mapped to how and the digest of the file seen on disk
        now (None: none), which must still be there when it is replaced. How: 'write';
        'verify' (first make sure a file that differs from the manifest is not a hand
        edit); 'adopt' (the same for a file the manifest has no record of); or 'replace'
        (--force over either: the user's copy is kept beside the new file).

        A file whose bytes differ from the manifest, or that it never recorded, is either
        the user's or one a killed run wrote but never recorded. Output is deterministic,
        so rendering it again tells which: exactly the same bytes mean it is ours.
        """
        todo = {}
        company = self.company_key(request)
        for fmt, path in request.paths.items():
            entry = known.get(path.name)
            if entry and not self._same_company(entry.get("company", company), company, request):
                raise JdgenError(
                    f"{display_path(path)} was made from another company profile ({entry['company']})",
                    fix="rename one of the two profile files, or write to another folder with --out",
                    code="output.clash",
                )
            # --force replaces whatever is there: only a hand edit (bytes unlike the
            # manifest's) matters, never whether the inputs changed
            on_disk = file_digest(path)
            known_inputs = entry and "sources" in entry and not force and on_disk is not None
            inputs = self.digest(request, fmt, entry["sources"]) if known_inputs else None
            state = manifest.status(on_disk, inputs, entry)
            if force and state in ("edited", "kept", "unknown"):
                todo[fmt] = ("replace", on_disk)
            elif force or state == "write":
                todo[fmt] = ("write", on_disk)
            elif state in ("edited", "unknown"):
                todo[fmt] = ("verify" if state == "edited" else "adopt", on_disk)
            else:
                result.files.append(FileResult(fmt, path, state))
        return todo

    def _same_company(self, recorded: str, company: str, request: Request) -> bool:
        """Whether the profile a file was made from is this request's: the same key, or
        a key that names the same file (`-c acme` there, its path from elsewhere here)."""
        if recorded == company:
            return True
        found = self.lib.sources.find(recorded)
        try:
            return found is not None and found.samefile(request.company_file)
        except OSError:
            return False

    def _write(self, request, doc, fmt: str, plan: tuple, meta: dict) -> FileResult:
        """Render one format and write it, only over the file seen when planning."""
        path = request.paths[fmt]
        mode, seen = plan
        verify = mode in ("verify", "adopt")
        saved = None
        try:
            data, keys = self.render(doc, fmt, getattr(request, "renders_with", "render"))
            ours = seen == manifest.bytes_digest(data)
            if verify and not ours:  # the user's (edited, or never ours) and out of date: keep it
                return FileResult(fmt, path, "conflict", NOT_RECORDED if mode == "adopt" else None)
            if mode == "replace" and not ours:
                if file_digest(path) != seen:
                    return FileResult(fmt, path, "conflict", CHANGED_MEANWHILE)
                saved = save_copy(path)
            if not verify and not replace_if_unchanged(path, data, seen):
                return FileResult(fmt, path, "conflict", CHANGED_MEANWHILE)
        except JdgenError as exc:
            return FileResult(fmt, path, "failed", _said_of(exc, path))
        meta = {"company": self.company_key(request), **meta, "format": fmt}
        inputs = self.digest(request, fmt, keys)
        entry = manifest.entry(inputs, keys, data, meta)
        return FileResult(fmt, path, "unchanged" if verify else "written", entry=entry, saved=saved)


def failed_result(request, exc: JdgenError) -> JobResult:
    """A request that failed as a whole: every format it asked for, with why."""
    return JobResult(
        request.label,
        request.folder,
        request.company.name,
        files=[FileResult(fmt, None, "failed", str(exc)) for fmt in request.formats],
    )


def manifest_warnings(folder: Path, state: manifest.Folder) -> list[Diagnostic]:
    """A manifest that cannot be read: said once, with what jdgen does about it."""
    if not state.problem:
        return []
    return [
        Diagnostic(
            "output.manifest-unreadable",
            f"the manifest cannot be read ({state.problem}), so every file in the folder that this run "
            "would change is treated as yours",
            folder / manifest.MANIFEST,
            severity="warning",
            fix="nothing to do: the next file recorded there writes a new one, keeping this one as "
            "manifest.edited.json",
        )
    ]


def _said_of(exc: JdgenError, path: Path) -> str:
    """The error for a file's line, which already names the file: not named twice."""
    if exc.file is not None and Path(exc.file) == path:
        return str(replace(exc.diagnostic, file=None))
    return str(exc)


def _block_files(lib: Library, block_id: str):
    block = lib.blocks.get(block_id)
    return lib.files_of(block) if block else ()


def _jd_meta(jd: JobDescription, check: dict | None) -> dict:
    """What the manifest (and the batch index) records about a job description's file."""
    return {
        "role": jd.meta.role_id,
        "level": jd.meta.level_id,
        "template": jd.meta.template,
        "title": jd.title,
        "role_title": jd.meta.role_title,
        "family": jd.family,
        "level_label": jd.level,
        **({"check": check} if check else {}),
    }


def _table_meta(doc) -> dict:
    """The same for a comparison or a ladder: which roles, at which levels."""
    titles = [c.title for c in doc.columns]
    return {
        "template": doc.kind,
        "title": " · ".join(titles) if doc.kind == "compare" else f"{doc.family}: {titles[0]} – {titles[-1]}",
        "roles": [f"{c.role_id}@{c.level_id}" for c in doc.columns],
    }


def _saved_notes(result: JobResult) -> list[str]:
    return [
        f"{display_path(f.path)} had your edits: they are kept in {display_path(f.saved)}"
        for f in result.files
        if f.saved
    ]


def _warnings(jd: JobDescription, request: Request) -> list[Diagnostic]:
    """Things that are not errors but that HR should hear about, each naming the file
    that can change it."""
    profile = request.company_file
    out = []
    if not jd.eeo and request.company.country in EEO_EXPECTED:
        out.append(
            _warning(
                "document.no-eeo",
                f"the {jd.title} document has no equal-opportunity statement, which employers in the "
                f"profile's country ({request.company.country}) are expected to include",
                profile,
                "add eeo: with your statement to the profile",
            )
        )
    if jd.compensation is None and request.posting and request.posting.file:
        out.append(
            _warning(
                "document.no-pay",
                f"the {jd.title} posting has no pay range",
                request.posting.file,
                f"add salary: {{min: ..., max: ...}} to the posting, or {jd.meta.pay_key} "
                "to the profile; pay-transparency laws in many places require one",
            )
        )
    elif jd.compensation is None:
        band = "day rate" if jd.meta.pay_key.startswith("day_rates.") else "salary band"
        out.append(
            _warning(
                "document.no-pay",
                f"no {band} for level '{jd.meta.level_id}', so the {jd.title} document has no pay range",
                profile,
                f"add {jd.meta.pay_key}; pay-transparency laws in many places require one",
            )
        )
    data = jd.meta.template == "posting" and {"jsonld", "html"} & set(request.formats)
    undated = request.company.revised is None and request.revised is None and jd.meta.revised
    if undated and (data or request.posting):  # a posting file's documents show it in every format
        out.append(
            _warning(
                "document.undated",
                f"the {jd.title} {jd.meta.template} is dated {jd.meta.revised}, the library's own revision "
                "date, in its footer" + (" and as its datePosted" if data else ""),
                profile,
                "add revised: YYYY-MM-DD, the date the posting goes out, to the profile",
            )
        )
    own = request.company.revised
    if request.revised is None and own and jd.meta.revised and own < jd.meta.revised:
        out.append(
            _warning(
                "document.revised-older",
                f"the profile's revised: {own} is older than the library's revision of the {jd.title} "
                f"({jd.meta.revised}), so the document is dated {jd.meta.revised}",
                profile,
                f"set revised: to the date the documents go out, on or after {jd.meta.revised}",
            )
        )
    if data:
        if gaps := missing(jd):
            out += _gap_warnings(request, jd, gaps)
    return out


def _warning(code: str, message: str, file, fix: str) -> Diagnostic:
    return Diagnostic(code, message, file, severity="warning", fix=fix)


def _gap_warnings(request, jd, gaps) -> list[Diagnostic]:
    """What the JobPosting data leaves out, naming the file that can fill each gap: a
    posting somewhere else than the profile's address gives its own `address:`."""
    posting = request.posting
    elsewhere = (
        posting is not None
        and posting.file is not None
        and posting.location is not None
        and not same_place(posting.location, request.company)
    )
    own = [(prop, key) for prop, key in gaps if elsewhere and prop == "jobLocation"]
    rest = [gap for gap in gaps if gap not in own]
    required = [gap for gap in rest if gap[0] in REQUIRED]
    rest = [gap for gap in rest if gap not in required]
    parts = []
    if required:
        parts.append(
            _warning(
                "jsonld.required",
                f"the {jd.title} posting's JobPosting data has no "
                + " and no ".join(f"{prop} (profile key: {key})" for prop, key in required)
                + ", which Google for Jobs requires: it will not show the posting",
                request.company_file,
                "add those keys to the profile",
            )
        )
    if rest:
        parts.append(
            _warning(
                "jsonld.missing",
                f"the {jd.title} posting's JobPosting data leaves out "
                + ", ".join(f"{prop} (profile key: {key})" for prop, key in rest),
                request.company_file,
                "add those keys to the profile; nothing is filled in for them",
            )
        )
    if own:
        parts.append(
            _warning(
                "jsonld.location",
                f"the {jd.title} posting's JobPosting data leaves out jobLocation: its location "
                f"({posting.location}) is not the profile's address",
                posting.file,
                "add address: {street: ..., locality: ..., postal_code: ...} to the posting",
            )
        )
    return parts


def _carry_check(result: JobResult, known: dict, key: str) -> None:
    """Up-to-date files keep (or gain) the check summary in their manifest entry, if it
    was made with the same settings and rules."""
    for f in result.files:
        if f.status in ("unchanged", "kept") and f.path is not None:
            entry = known.get(f.path.name)
            kept = (entry or {}).get("check")
            summary = result.check or (kept if kept and kept.get("key") == key else None)
            if entry is not None and summary is not None:
                result.check = summary
                if entry.get("check") != summary:
                    f.entry = {**entry, "check": summary}


def _note_divergence(result: JobResult) -> None:
    """A kept hand-edited file beside a sibling just regenerated from newer data: the
    two formats of one document now say different things, and HR should know."""
    written = [f for f in result.files if f.status == "written"]
    for kept in (f for f in result.files if f.status == "conflict"):
        for other in written:
            result.notes.append(
                f"{display_path(other.path)} was regenerated from newer data but "
                f"{display_path(kept.path)} keeps your edits: the two now differ"
            )


def compose_role(lib: Library, role: str, company, **options) -> JobDescription:
    """One role's document in memory, nothing written: for checks, tests and benchmarks."""
    service = Service(lib)
    return service.compose(service.resolve(role, company, **options))


def _line_of(posting: Posting, key: str | None) -> int | None:
    """The posting file's line of the key that named what could not be found."""
    try:
        data = load_yaml(posting.file)
    except (LibraryError, TypeError):
        return None
    return locate(data, key)
