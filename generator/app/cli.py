"""The `jdgen` command line: a thin click layer over the service.

`jdgen role ROLE ...` always works; `jdgen ROLE ...` is its short form for any role id
that is not also a command name. Every user error becomes one line on stderr and exit
code 1; click's usage errors keep exit code 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .. import __version__
from ..core.errors import EXIT_INPUT, JdgenError, LibraryError, display_path, symlink_loop
from ..library.context import RunContext, run_context
from ..library.labels import labels
from ..library.loader import Library, known_companies, load_company, load_library
from ..model.formats import FORMATS, TEMPLATES, parse_formats
from .progress import Progress

EPILOG = """\b
Examples:
  jdgen coo --company acme --format docx
  jdgen coo --company acme --format pdf,docx,md
  jdgen operations-manager --company acme --level director --format pdf
  jdgen role coo --company acme          (the long form; works for any role id)
  jdgen list roles --json
"""


# Commands whose modules are imported only when they are run, so `jdgen coo` does not pay
# for the checker's rules and readers: name -> (module, attribute).
LAZY_COMMANDS = {
    "check": ("jdgen.app.check_command", "check_command"),
    "serve": ("jdgen.app.studio.serve", "serve_command"),
    "build": ("jdgen.app.workspace_commands", "build_command"),
    "init": ("jdgen.app.workspace_commands", "init_command"),
    "show": ("jdgen.app.workspace_commands", "show_command"),
}


class JdgenGroup(click.Group):
    """A group that also accepts role ids as commands and turns errors into one line."""

    def list_commands(self, ctx):
        return sorted({*self.commands, *LAZY_COMMANDS})

    def command_names(self) -> set[str]:
        return {*self.commands, *LAZY_COMMANDS}

    def _lazy(self, name: str) -> click.Command:
        from importlib import import_module

        module, attribute = LAZY_COMMANDS[name]
        command = getattr(import_module(module), attribute)
        self.add_command(command, name)
        return command

    def run(self, ctx: click.Context) -> RunContext:
        """This run's context (workspace, sources, date), resolved once at the edge."""
        root = ctx.find_root()
        if "jdgen.run" not in root.meta:
            root.meta["jdgen.run"] = run_context((root.params or {}).get("library"))
        return root.meta["jdgen.run"]

    def library(self, ctx: click.Context) -> Library:
        """The library for this run, loaded once (the command line may ask twice)."""
        root = ctx.find_root()
        if "jdgen.library" not in root.meta:
            root.meta["jdgen.library"] = load_library(sources=self.run(ctx).sources)
        return root.meta["jdgen.library"]

    def service(self, ctx: click.Context):
        """The one service every command of this run generates through."""
        from ..service.generate import Service

        root = ctx.find_root()
        if "jdgen.service" not in root.meta:
            root.meta["jdgen.service"] = Service(self.library(ctx), self.run(ctx))
        return root.meta["jdgen.service"]

    def get_command(self, ctx, name):
        if name in self.commands:
            return self.commands[name]
        if name in LAZY_COMMANDS:
            return self._lazy(name)
        try:
            return make_role_command(self.library(ctx).role(name))
        except JdgenError:
            return None

    def resolve_command(self, ctx, args):
        """`jdgen ROLE ...`: the role is looked up here, once, and handed on as an object."""
        name = args[0] if args else None
        if name and name not in self.command_names() and not name.startswith("-"):
            role = self.library(ctx).role(name)  # raises "unknown role ... did you mean" as one line
            return role.id, make_role_command(role), args[1:]
        return super().resolve_command(ctx, args)

    def shell_complete(self, ctx, incomplete):
        from click.shell_completion import CompletionItem

        items = super().shell_complete(ctx, incomplete)
        try:
            roles = self.library(ctx).roles.values()
        except JdgenError:
            return items
        return items + [
            CompletionItem(r.id, help=r.title)
            for r in roles
            if r.id.startswith(incomplete) and r.id not in self.command_names()
        ]

    def main(self, *args, **kwargs):
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except JdgenError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_INPUT)
        except RuntimeError as exc:
            loop = symlink_loop(exc)
            if loop is None:
                raise
            click.echo(f"error: {loop}", err=True)
            sys.exit(EXIT_INPUT)
        sys.exit(code if isinstance(code, int) else 0)  # ctx.exit(n) returns n here


@click.group(cls=JdgenGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jdgen")
@click.option(
    "--library",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="JDGEN_LIBRARY",
    help="Use another responsibility library folder instead of the built-in one.",
)
def main(library: Path | None) -> None:
    """Generate job descriptions from a library of responsibility blocks.

    Run `jdgen ROLE --company NAME` for one role (see `jdgen list roles`).
    """


# Options every document command shares (one decorator each, applied to several commands).
_FORMAT = click.option(
    "--format",
    "-f",
    "formats",
    help=f"Comma-separated: {', '.join(FORMATS)} (default: the workspace's formats, else docx,pdf).",
)
_PAPER = click.option(
    "--paper",
    type=click.Choice(["A4", "Letter"], case_sensitive=False),
    help="Paper size for PDF and DOCX (default: Letter for US/CA companies, else A4).",
)
_OUT = click.option(
    "--out",
    "-o",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: the workspace's, else output).",
)
_LANGUAGE = click.option(
    "--language",
    help="The documents' language: en or de (default: the profile's, else the workspace's, else en).",
)
_FORCE = click.option("--force", is_flag=True, help="Overwrite files even if they were edited by hand.")
_QUIET = click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
_COMPANY_HELP = (
    "Profile name (./companies/NAME.yaml, the workspace's, or built-in) or a YAML path "
    "(default: the workspace's company)."
)


def defaults(run: RunContext, company=None, formats=None, out_dir=None, fallback_company=None):
    """What the user left out, from the run's workspace (jdgen.yaml) if there is one."""
    company = company or run.company or fallback_company
    if company is None:
        raise click.UsageError("give --company NAME (or run inside a workspace made with `jdgen init`)")
    return company, parse_formats(formats) if formats else run.formats, out_dir or run.output


def _with(command, options):
    for option in reversed(options):
        command = option(command)
    return command


def _document_options(command):
    """The options of one document, shared by `jdgen role ROLE` and `jdgen ROLE`."""
    return _with(
        command,
        [
            click.option("--company", "-c", help=_COMPANY_HELP),
            click.option(
                "--level", "-l", help="Seniority level (default: the role's own). See `jdgen list levels`."
            ),
            _FORMAT,
            click.option(
                "--template",
                "-t",
                default="jd",
                show_default=True,
                type=click.Choice(TEMPLATES),
                help="jd: full internal job description; posting: external advert.",
            ),
            _PAPER,
            _OUT,
            click.option(
                "--wrap",
                default=80,
                show_default=True,
                type=click.IntRange(min=0),
                help="Plain text (txt) line width; 0 does not wrap.",
            ),
            click.option(
                "--trigger",
                help="Interim roles: why the mandate exists, by id (default: the role's first).",
            ),
            _LANGUAGE,
            _FORCE,
            _QUIET,
        ],
    )


def _generate(
    ctx, role, company, level, formats, template, paper, out_dir, wrap, trigger, language, force, quiet
):
    service = ctx.find_root().command.service(ctx)
    company, formats, out_dir = defaults(service.run, company, formats, out_dir)
    request = service.resolve(
        role,
        company,
        level=level,
        template=template,
        formats=formats,
        paper=paper and _paper(paper),
        out=out_dir,
        revised=service.run.revised,
        wrap=wrap,
        trigger=trigger,
        language=language,
    )
    result = service.generate(request, force)
    for line in report_lines(result, quiet):
        click.echo(line, err=line.startswith("error"))
    if result.failed:
        ctx.exit(EXIT_INPUT)


def make_role_command(role) -> click.Command:
    @click.command(name=role.id, help=f"Generate the {role.title} job description.", epilog=EPILOG)
    @_document_options
    @click.pass_context
    def command(ctx, **options):
        _generate(ctx, role, **options)

    return command


@main.command("role", epilog=EPILOG)
@click.argument("role")
@_document_options
@click.pass_context
def role_command(ctx, role, **options):
    """Generate one ROLE's document (any role id, alias or title; also one named like a command)."""
    _generate(ctx, role, **options)


def _table_options(command):
    """The options of `jdgen compare` and `jdgen ladder` (like a role's, without level and template)."""
    return _with(
        command,
        [
            click.option("--company", "-c", help=_COMPANY_HELP + " Outside a workspace: acme."),
            _FORMAT,
            _PAPER,
            _OUT,
            click.option("--name", help="Output file name without extension (default: from the roles)."),
            _LANGUAGE,
            _FORCE,
            _QUIET,
        ],
    )


def _generate_table(ctx, resolve_with, what, company, formats, paper, out_dir, name, language, force, quiet):
    service = ctx.find_root().command.service(ctx)
    company, formats, out_dir = defaults(service.run, company, formats, out_dir, fallback_company="acme")
    request = resolve_with(
        service.lib,
        what,
        company,
        formats=formats,
        paper=paper and _paper(paper),
        out=out_dir,
        revised=service.run.revised,
        name=name,
        language=language,
        workspace_language=service.run.language,
    )
    result = service.generate_composed(request, force)
    for line in report_lines(result, quiet):
        click.echo(line, err=line.startswith("error"))
    if result.failed:
        ctx.exit(EXIT_INPUT)


@main.command("compare")
@click.argument("roles", nargs=-1, required=True)
@_table_options
@click.pass_context
def compare_command(ctx, roles, **options):
    """Compare 2 to 6 ROLES side by side: one column per role, one row per dimension.

    A role may be given at another level as ROLE@LEVEL (operations-manager@director).

    \b
    Examples:
      jdgen compare coo vp-operations operations-director head-of-operations operations-manager -c acme
      jdgen compare coo interim-coo --format html,md
    """
    from ..compose.compare import resolve_comparison

    _generate_table(ctx, resolve_comparison, roles, **options)


@main.command("ladder")
@click.argument("family")
@_table_options
@click.pass_context
def ladder_command(ctx, family, **options):
    """Show a job FAMILY's ladder: its titles from the lowest level to the highest, and
    what is added or changes at each step (see `jdgen list families`).

    \b
    Examples:
      jdgen ladder operations --company acme --format pdf
    """
    from ..compose.compare import resolve_ladder

    _generate_table(ctx, resolve_ladder, family, **options)


def _kind(diagnostic) -> str:
    """How a line that is not an error is labelled: a notice is said, not warned of."""
    return "note" if getattr(diagnostic, "severity", None) == "info" else "warning"


def report_lines(result, quiet: bool = False):
    """One line per file: what happened to it, or what went wrong and how to fix it."""
    if not quiet:
        yield from (f"{_kind(w)}: {w}" for w in result.warnings)
    for _, problem in _problems(result):
        yield f"error: {problem}"
    if not quiet:
        yield from (f"note: {n}" for n in result.notes)
        for f in result.files:
            if f.status in ("written", "unchanged"):
                yield f"{'wrote' if f.status == 'written' else 'unchanged'} {_shown(f.path)}"
            elif f.status == "kept":
                yield f"kept {_shown(f.path)} (edited by hand; nothing new to write)"


def _problems(result):
    """(file, message) for failed files and out-of-date hand edits; a job-level failure is said once."""
    said = set()
    for f in result.files:
        if f.status == "failed":
            message = f.error if f.path is None else f"{_shown(f.path)}: {f.error}"
            if message not in said:
                said.add(message)
                yield f, message
        elif f.status == "conflict":
            yield (
                f,
                f"{_shown(f.path)} "
                + (
                    f.error
                    or "was edited by hand and its inputs have changed since; "
                    "kept your copy (fix: use --force to regenerate it, or move your copy elsewhere)"
                ),
            )


def _paper(value: str) -> str:
    return "A4" if value.lower() == "a4" else "Letter"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


LISTABLE = ("roles", "levels", "families", "blocks", "companies", "industries", "templates", "formats")


@main.command("list")
@click.argument("what", type=click.Choice(LISTABLE))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_command(ctx, what, as_json):
    """List roles, levels, families, blocks, companies, industries, templates or formats."""
    lib = ctx.find_root().command.library(ctx)
    rows = _listing(lib, what)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max((len(r["id"]) for r in rows), default=0)
    for row in rows:
        line = f"{row['id']:<{width}}  {row.get('title') or row.get('label') or ''}"
        if row.get("source") and row["source"] != "builtin":
            line += f"  [{row['source']}: {row['file']}]"
        if row.get("names"):
            line += f"  (also: {', '.join(row['names'])})"
        if row.get("reach"):
            line += f"  (a command has this name: use '{row['reach']}')"
        click.echo(line)


def _listing(lib: Library, what: str) -> list[dict]:
    if what == "roles":
        commands = main.command_names()
        return [
            {
                "id": r.id,
                "title": r.title,
                "family": r.family,
                "default_level": r.default_level,
                "aliases": list(r.aliases),
                "blocks": [b.id for b in r.blocks],
                **_where(lib, r),
                **({"reach": f"jdgen role {r.id}"} if r.id in commands else {}),
            }
            for r in lib.roles.values()
        ]
    if what == "industries":
        return [{"id": i.id, "label": i.label, "names": list(i.names)} for i in lib.industries.values()]
    if what == "levels":
        return [
            {"id": lv.id, "label": lv.label, "rank": i, "experience_years": lv.experience_years}
            for i, lv in enumerate(lib.levels)
        ]
    if what == "families":
        return [
            {
                "id": f.id,
                "title": f.name,
                "roles": sorted(r.id for r in lib.roles.values() if r.family == f.id),
            }
            for f in lib.families.values()
        ]
    if what == "blocks":
        return [
            {
                "id": b.id,
                "title": b.title,
                "levels": list(b.statements),
                "statements": sum(len(s) for s in b.statements.values()),
                **_where(lib, b),
            }
            for b in lib.blocks.values()
        ]
    if what == "companies":
        rows = []
        for name, path in known_companies(lib).items():
            try:
                rows.append({"id": name, "title": load_company(lib, name).name, "path": str(path)})
            except LibraryError as exc:
                rows.append({"id": name, "title": f"(invalid: {exc})", "path": str(path)})
        return rows
    if what == "templates":
        return [{"id": t, "title": labels(lib.sources).template_descriptions[t]} for t in TEMPLATES]
    return [{"id": f, "title": f".{FORMATS[f][0]}"} for f in FORMATS]


def _where(lib: Library, obj) -> dict:
    """Where a role or block comes from: the layer (workspace, builtin, library) and the
    file; one that builds on another names the layer of what it builds on."""

    def layer(path: Path) -> str:
        found = (ly.name for ly in lib.sources.layers if ly.library and path.is_relative_to(ly.library))
        return next(found, "file")

    kind = "role" if hasattr(obj, "family") else "block"
    base = lib.bases.get(f"{kind}:{obj.id}")
    source = layer(obj.origin.file) + (f", builds on {layer(base[0])}" if base else "")
    return {"source": source, "file": _shown(obj.origin.file)}


@main.command("batch")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--company", "-c", "companies", multiple=True, help="A company (repeatable).")
@click.option("--all", "all_roles", is_flag=True, help="Every role in the catalogue.")
@click.option("--family", "families", multiple=True, help="Every role of a job family (repeatable).")
@click.option("--role", "-r", "roles", multiple=True, help="A role id (repeatable).")
@click.option("--levels", help="'all', or comma-separated level ids (default: each role's own level).")
@click.option(
    "--format", "-f", "formats", help="Comma-separated formats (default: the file's, else docx,pdf)."
)
@click.option("--template", "-t", type=click.Choice(TEMPLATES), help="jd or posting.")
@click.option(
    "--wrap", type=click.IntRange(min=0), help="Plain text (txt) line width; 0 does not wrap (default: 80)."
)
@click.option(
    "--out", "-o", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Output folder."
)
@click.option(
    "--jobs", "-j", type=click.IntRange(1, 256), help="Worker processes (default: number of cores)."
)
@_LANGUAGE
@click.option("--force", is_flag=True, help="Rebuild everything, overwriting hand-edited files too.")
@click.option(
    "--check",
    "check",
    is_flag=True,
    help="Also run `jdgen check` on every document: scores in the summary and index.html.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress; only errors and failures.")
@click.pass_context
def batch_command(
    ctx,
    file,
    companies,
    all_roles,
    families,
    roles,
    levels,
    formats,
    template,
    wrap,
    out_dir,
    jobs,
    language,
    force,
    check,
    quiet,
):
    """Generate a whole set of roles: from a batch FILE, or from the flags.

    \b
    Examples:
      jdgen batch examples/leadership-team.yaml
      jdgen batch --company acme --all --format docx,pdf
      jdgen batch --company acme --family operations --levels all
    """
    from dataclasses import replace

    from ..model.batch import BatchFile
    from ..service import batch

    service = ctx.find_root().command.service(ctx)
    if file:
        spec = batch.load_batch_file(file)
    elif companies:
        spec = BatchFile(companies=companies)
    else:
        workspace = service.run.workspace
        if workspace is None:
            raise click.UsageError(
                "give a batch FILE, or --company with --all, --family or --role (or run it in a workspace)"
            )
        if not workspace.postings:
            raise JdgenError(
                f"no postings in {_shown(workspace.root / 'postings')}",
                fix="add postings/NAME.yaml files (see postings/example.yaml from `jdgen init`)",
            )
        requests, failures = batch.plan_postings(
            service,
            workspace.postings,
            parse_formats(formats) if formats else None,
            out_dir,
            service.run.revised,
        )
        _run_batch(ctx, service, requests, failures, jobs, force, quiet, check)
        return
    changes = {
        "companies": companies or spec.companies,
        "roles": roles or spec.roles,
        "families": families or spec.families,
        "all": all_roles or spec.all,
        "levels": tuple(levels.split(",")) if levels else spec.levels,
        "formats": parse_formats(formats) if formats else parse_formats(",".join(spec.formats)),
        "template": template or spec.template,
        "wrap": spec.wrap if wrap is None else wrap,
        "out": str(out_dir) if out_dir else spec.out,
        "language": language or spec.language,
    }
    spec = replace(spec, **changes)
    requests, failures = batch.plan(service, spec, revised=service.run.revised)
    _run_batch(ctx, service, requests, failures, jobs, force, quiet, check)


def _run_batch(ctx, service, requests, failures, jobs, force, quiet, check):
    from ..service import batch

    if check:  # a mistake in the check settings is one error before anything is written
        for company in {r.company.id: r.company for r in requests}.values():
            service.check_config(company.check)
    summary = batch.run(
        service, requests, jobs or batch.default_workers(), force, Progress(quiet), failures, check
    )
    for line in summary_lines(summary, quiet):
        click.echo(line, err=line.startswith(("error", "failed", "conflict")))
    if summary.failed:
        ctx.exit(EXIT_INPUT)


def summary_lines(summary, quiet: bool):
    """The end of a batch: one line per failed or kept file, warnings, then the totals."""
    warnings: list = []
    notes: list[str] = []
    for result in summary.results:
        warnings += [w for w in result.warnings if w not in warnings]
        notes += result.notes
        for f, problem in _problems(result):
            if f.status == "conflict":
                yield f"conflict: {problem}"
            elif str(problem).startswith(f"{display_path(result.label)}:"):  # a posting file named once
                yield f"failed: {problem}"
            else:
                yield f"failed: {result.label}: {problem}"
        if not quiet:
            yield from (
                f"kept: {_shown(f.path)} (edited by hand; nothing new to write)"
                for f in result.files
                if f.status == "kept"
            )
    if not quiet:
        yield from (f"{_kind(w)}: {w}" for w in warnings)
        yield from (f"note: {n}" for n in notes)
        yield from _check_lines(summary)
        c = summary.count()
        yield (
            f"{len(summary.results)} documents: {c['written']} files written, {c['unchanged']} unchanged, "
            f"{c['kept']} kept (edited by hand, up to date), {c['conflict']} kept but out of date "
            f"(edited by hand), {c['failed']} failed"
        )


def _check_lines(summary):
    """With --check: one line per document, worst score first, then the median."""
    checked = sorted(
        (r.check["score"], r.label, r.check)
        for r in summary.results
        if r.check and r.check["score"] is not None
    )
    for score, label, c in checked:
        yield (
            f"check: {label}: score {score}/100, {c['verdict'] or 'gender not measured'}, "
            f"{c['error']} errors, {c['warning']} warnings, {c['info']} notices"
        )
    if checked:
        scores = sorted(score for score, _, _ in checked)
        median = scores[len(scores) // 2]
        yield (
            f"check: {len(scores)} documents checked, median score {median}/100 "
            "(each document's findings: jdgen check ROLE -c COMPANY)"
        )


# the kinds of schema.registry (a test holds the two equal): importing it here would load it
# on every run, for one command
SCHEMA_KINDS = (
    "workspace",
    "company",
    "role",
    "block",
    "level",
    "family",
    "posting",
    "batch",
    "locales",
    "check",
)
SCHEMA_KINDS += ("levels", "families")  # aliases


@main.command("schema")
@click.argument("what", type=click.Choice(SCHEMA_KINDS))
def schema_command(what):
    """Print the JSON Schema of one kind of YAML file, for editors to complete and check it.

    Generated from the same models the loader validates with."""
    from ..schema.registry import schema_for

    click.echo(json.dumps(schema_for(what), indent=2))


@main.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--no-content", is_flag=True, help="Skip composing every role (schema and references only).")
@click.pass_context
def validate_command(ctx, paths, fmt, no_content):
    """List every problem in a library and company profiles at once.

    With no PATH: the library in use (built-in or --library) and every known company.
    A PATH may be a library folder (with levels.yaml), a company profile (.yaml) or a
    posting file (postings/NAME.yaml).
    Exits 1 if any problem is an error.

    \b
    Examples:
      jdgen validate
      jdgen validate companies/yourco.yaml
      jdgen validate postings/leeds.yaml
      jdgen --library mylib validate --format json
    """
    from ..service.validate import validate

    root = (ctx.find_root().params or {}).get("library")
    workspace = ctx.find_root().command.run(ctx).workspace
    diagnostics = validate(root, paths, content=not no_content, workspace=workspace)
    if fmt == "json":
        click.echo(json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False))
    else:
        for d in diagnostics:
            fix = f" (fix: {d.fix})" if d.fix else ""
            where = f"{d.where}: " if d.where else ""
            click.echo(f"{where}{d.severity} {d.code} {d.message}{fix}")
        errors = sum(d.severity == "error" for d in diagnostics)
        notes = sum(d.severity == "info" for d in diagnostics)
        warnings = len(diagnostics) - errors - notes
        summary = f"{errors} error(s), {warnings} warning(s)" + (f", {notes} note(s)" if notes else "")
        click.echo(summary if diagnostics else "No problems found", err=True)
    if any(d.severity == "error" for d in diagnostics):
        ctx.exit(EXIT_INPUT)
