"""The `jdgen` command line: a thin click layer over library, compose and render.

Role ids work directly as commands (`jdgen coo ...`). Every user error becomes one
line on stderr and exit code 1; click's usage errors keep exit code 2.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from . import __version__
from .compose import Options
from .errors import EXIT_INPUT, JdgenError, LibraryError
from .library import Library, known_companies, load_company, load_library
from .models import BatchFile
from .render import FORMATS, TEMPLATES, parse_formats

EPILOG = """\b
Examples:
  jdgen coo --company acme --format docx
  jdgen coo --company acme --format pdf,docx,md
  jdgen operations-manager --company acme --level director --format pdf
  jdgen list roles --json
"""


def revised_override() -> str | None:
    """A document date from SOURCE_DATE_EPOCH, for reproducible builds; never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise JdgenError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp",
            fix="set it to whole seconds since 1970, or unset it",
        ) from None


class JdgenGroup(click.Group):
    """A group that also accepts role ids as commands and turns errors into one line."""

    def library(self, ctx: click.Context) -> Library:
        root = (ctx.find_root().params or {}).get("library")
        return load_library(root, reserved=frozenset(self.commands))

    def get_command(self, ctx, name):
        if name in self.commands:
            return self.commands[name]
        try:
            role = self.library(ctx).role(name)
        except JdgenError:
            return None
        return make_role_command(role.id, role.title)

    def resolve_command(self, ctx, args):
        name = args[0] if args else None
        if name and name not in self.commands and not name.startswith("-"):
            lib = self.library(ctx)
            lib.role(name)  # raises "unknown role ... did you mean" as a one-line error
        return super().resolve_command(ctx, args)

    def shell_complete(self, ctx, incomplete):
        from click.shell_completion import CompletionItem

        items = super().shell_complete(ctx, incomplete)
        try:
            roles = self.library(ctx).roles.values()
        except JdgenError:
            return items
        return items + [CompletionItem(r.id, help=r.title) for r in roles if r.id.startswith(incomplete)]

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


def make_role_command(role_id: str, title: str) -> click.Command:
    @click.command(name=role_id, help=f"Generate the {title} job description.", epilog=EPILOG)
    @click.option(
        "--company",
        "-c",
        required=True,
        help="Profile name (./companies/NAME.yaml or built-in) or a YAML path.",
    )
    @click.option("--level", "-l", help="Seniority level (default: the role's own). See `jdgen list levels`.")
    @click.option(
        "--format",
        "-f",
        "formats",
        default="docx,pdf",
        show_default=True,
        help=f"Comma-separated: {', '.join(FORMATS)}.",
    )
    @click.option(
        "--template",
        "-t",
        default="jd",
        show_default=True,
        type=click.Choice(TEMPLATES),
        help="jd: full internal job description; posting: external advert.",
    )
    @click.option(
        "--paper",
        type=click.Choice(["A4", "Letter"], case_sensitive=False),
        help="Paper size for PDF and DOCX (default: Letter for US/CA companies, else A4).",
    )
    @click.option(
        "--out",
        "-o",
        "out_dir",
        default="output",
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Output folder.",
    )
    @click.option("--force", is_flag=True, help="Overwrite files even if they were edited by hand.")
    @click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
    @click.pass_context
    def command(ctx, company, level, formats, template, paper, out_dir, force, quiet):
        from . import manifest
        from .generate import Job, run_job

        lib = ctx.find_root().command.library(ctx)
        options = Options(
            level=level, template=template, paper=paper and _paper(paper), revised=revised_override()
        )
        result = run_job(lib, Job(company, role_id, options, parse_formats(formats)), out_dir, force)
        if result.folder and any(f.entry for f in result.files):
            manifest.record(result.folder, {f.path.name: f.entry for f in result.files if f.entry})
        for line in report_lines(result, quiet):
            click.echo(line, err=line.startswith("error"))
        if any(f.status in ("failed", "edited") for f in result.files):
            ctx.exit(EXIT_INPUT)

    return command


def report_lines(result, quiet: bool = False):
    """One line per file: what happened to it, or what went wrong and how to fix it."""
    if not quiet:
        yield from (f"warning: {w}" for w in result.warnings)
    for _, problem in _problems(result):
        yield f"error: {problem}"
    if not quiet:
        for f in result.files:
            if f.status in ("written", "unchanged"):
                yield f"{'wrote' if f.status == 'written' else 'unchanged'} {_shown(f.path)}"


def _problems(result):
    """(file, message) for failed and kept files; a job-level failure is said once."""
    said = set()
    for f in result.files:
        if f.status == "failed":
            message = f.error if f.path is None else f"{_shown(f.path)}: {f.error}"
            if message not in said:
                said.add(message)
                yield f, message
        elif f.status == "edited":
            yield (
                f,
                (
                    f"{_shown(f.path)} was edited by hand after it was generated; "
                    "kept it (fix: use --force to overwrite, or move your copy elsewhere)"
                ),
            )


def _paper(value: str) -> str:
    return "A4" if value.lower() == "a4" else "Letter"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


LISTABLE = ("roles", "levels", "blocks", "companies", "templates", "formats")


@main.command("list")
@click.argument("what", type=click.Choice(LISTABLE))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_command(ctx, what, as_json):
    """List roles, levels, blocks, companies, templates or formats."""
    lib = ctx.find_root().command.library(ctx)
    rows = _listing(lib, what)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max((len(r["id"]) for r in rows), default=0)
    for row in rows:
        click.echo(f"{row['id']:<{width}}  {row.get('title') or row.get('label') or ''}")


def _listing(lib: Library, what: str) -> list[dict]:
    if what == "roles":
        return [
            {
                "id": r.id,
                "title": r.title,
                "family": r.family,
                "default_level": r.default_level,
                "aliases": list(r.aliases),
                "blocks": [b.id for b in r.blocks],
            }
            for r in lib.roles.values()
        ]
    if what == "levels":
        return [
            {"id": lv.id, "label": lv.label, "rank": i, "experience_years": lv.experience_years}
            for i, lv in enumerate(lib.levels)
        ]
    if what == "blocks":
        return [
            {
                "id": b.id,
                "title": b.title,
                "levels": list(b.statements),
                "statements": sum(len(s) for s in b.statements.values()),
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
        from .render.common import labels

        return [{"id": t, "title": labels().template_descriptions[t]} for t in TEMPLATES]
    return [{"id": f, "title": f".{FORMATS[f][0]}"} for f in FORMATS]


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
    "--out", "-o", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="Output folder."
)
@click.option(
    "--jobs", "-j", type=click.IntRange(1, 256), help="Worker processes (default: number of cores)."
)
@click.option("--force", is_flag=True, help="Rebuild everything, overwriting hand-edited files too.")
@click.option("--quiet", "-q", is_flag=True, help="No progress; only errors and failures.")
@click.pass_context
def batch_command(
    ctx, file, companies, all_roles, families, roles, levels, formats, template, out_dir, jobs, force, quiet
):
    """Generate a whole set of roles: from a batch FILE, or from the flags.

    \b
    Examples:
      jdgen batch examples/leadership-team.yaml
      jdgen batch --company acme --all --format docx,pdf
      jdgen batch --company acme --family operations --levels all
    """
    from dataclasses import replace

    from . import batch

    lib = ctx.find_root().command.library(ctx)
    if file:
        spec = batch.load_batch_file(file)
    elif companies:
        spec = BatchFile(companies=companies)
    else:
        raise click.UsageError("give a batch FILE, or --company with --all, --family or --role")
    changes = {
        "companies": companies or spec.companies,
        "roles": roles or spec.roles,
        "families": families or spec.families,
        "all": all_roles or spec.all,
        "levels": tuple(levels.split(",")) if levels else spec.levels,
        "formats": parse_formats(formats) if formats else parse_formats(",".join(spec.formats)),
        "template": template or spec.template,
        "out": str(out_dir) if out_dir else spec.out,
    }
    spec = replace(spec, **changes)
    for level in spec.levels:
        if level != "all":
            lib.level(level)
    plan = batch.plan(lib, spec, revised=revised_override())
    summary = batch.run(
        lib, plan, Path(spec.out), jobs or batch.default_workers(), force, batch.Progress(quiet)
    )
    for line in summary_lines(summary, quiet):
        click.echo(line, err=line.startswith(("error", "failed")))
    if summary.failed:
        ctx.exit(EXIT_INPUT)


def summary_lines(summary, quiet: bool):
    """The end of a batch: one line per failed or kept file, warnings, then the totals."""
    warnings: list[str] = []
    for result in summary.results:
        warnings += [w for w in result.warnings if w not in warnings]
        for f, problem in _problems(result):
            yield f"skipped: {problem}" if f.status == "edited" else f"failed: {result.label}: {problem}"
    if not quiet:
        yield from (f"warning: {w}" for w in warnings)
        c = summary.count()
        yield (
            f"{len(summary.results)} documents: {c['written']} files written, {c['unchanged']} unchanged, "
            f"{c['edited']} skipped (edited by hand), {c['failed']} failed"
        )


@main.command("schema")
@click.argument("what", type=click.Choice(["batch"]))
def schema_command(what):
    """Print the JSON Schema of a batch file, for editors to complete and check it."""
    from .models import BatchFile
    from .schema import json_schema

    click.echo(json.dumps(json_schema(BatchFile, "jdgen batch file"), indent=2))
from .check.cli import check_command  # noqa: E402  (the `jdgen check` command)
main.add_command(check_command)
