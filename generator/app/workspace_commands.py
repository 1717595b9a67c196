"""The workspace commands: `jdgen init`, `jdgen build POSTING`, `jdgen show ROLE --refs`.

Loaded only when one of them runs (cli.LAZY_COMMANDS), so `jdgen ROLE` does not pay for
creating their options.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..compose.document import document_text
from ..compose.request import check_language
from ..compose.tailor import all_refs, selection
from ..core.errors import EXIT_INPUT
from ..library.posting import load_posting
from ..model.formats import parse_formats
from ..service.scaffold import init
from .cli import (
    _COMPANY_HELP,
    _FORCE,
    _FORMAT,
    _LANGUAGE,
    _OUT,
    _PAPER,
    _QUIET,
    _paper,
    _shown,
    defaults,
    report_lines,
)


@click.command("build")
@click.argument("postings", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@_FORMAT
@_PAPER
@_OUT
@click.option("--company", "-c", help="Company for postings that name none (default: the workspace's).")
@_LANGUAGE
@_FORCE
@_QUIET
@click.pass_context
def build_command(ctx, postings, formats, paper, out_dir, company, language, force, quiet):
    """Build the documents of one or more tailored POSTINGS (postings/NAME.yaml).

    Each posting file says the role, level, company, template and what is different
    about this opening; its documents are OUT/<company>/<NAME>.<ext>.

    \b
    Examples:
      jdgen build postings/head-of-ops-london.yaml
      jdgen build postings/*.yaml --format docx,pdf,html
    """

    service = ctx.find_root().command.service(ctx)
    failed = False
    for path in postings:
        request = service.posting_request(
            load_posting(path),
            company=company,
            formats=parse_formats(formats) if formats else None,
            out=out_dir,
            paper=paper and _paper(paper),
            revised=service.run.revised,
            language=language,
        )
        result = service.generate(request, force)
        for line in report_lines(result, quiet):
            click.echo(line, err=line.startswith("error"))
        failed = failed or result.failed
    if failed:
        ctx.exit(EXIT_INPUT)


@click.command("init")
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--company", "company_id", help="The company id (default: the folder's name).")
@click.option("--name", help="The company's name (default: from the id).")
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="The documents' language: en or de (written to jdgen.yaml; the example posting in it).",
)
@click.pass_context
def init_command(ctx, folder, company_id, name, language):
    """Create a workspace in FOLDER (default: here): jdgen.yaml, companies/, roles/,
    blocks/, postings/ (with an example), templates/, theme/ and schemas/.

    \b
    Examples:
      jdgen init brightwater
      jdgen init . --company brightwater --name "Brightwater Software Ltd"
      jdgen init nordwerk --language de
    """

    service = ctx.find_root().command.service(ctx)
    written = init(service, folder, company_id, name, check_language(service.lib, language))
    for path in written:
        if path.suffix != ".json":
            click.echo(f"wrote {_shown(path)}")
    click.echo(f"next: cd {_shown(folder)} && jdgen build postings/example.yaml")


@click.command("show")
@click.argument("role")
@click.option("--company", "-c", help=_COMPANY_HELP + " Outside a workspace: acme.")
@click.option("--level", "-l", help="Seniority level (default: the role's own).")
@click.option("--refs", is_flag=True, help="List the document's statements with their refs (BLOCK/SLUG).")
@click.option(
    "--all", "show_all", is_flag=True, help="With --refs: also the block statements not in the document."
)
@_LANGUAGE
@click.pass_context
def show_command(ctx, role, company, level, refs, show_all, language):
    """Show a ROLE's statements as a document would have them, each with its ref:
    the names a posting or a workspace block uses to remove or replace one.

    \b
    Examples:
      jdgen show head-of-operations --refs
      jdgen show operations-manager --refs --level director --all
    """

    service = ctx.find_root().command.service(ctx)
    company, _, _ = defaults(service.run, company, None, None, fallback_company="acme")
    request = service.resolve(role, company, level=level, language=language)
    lib = service.lib
    chosen = selection(lib, request)
    library = document_text(lib, request)
    words = library.one  # as the document words them, in its language
    title, label = library.context["role"]["title"], library.context["level"]["label"]
    click.echo(f"{title} ({request.role.id}) at {label}:")
    for picked in chosen:
        click.echo(f"\n{library.spell(picked.title)} ({picked.block})")
        shown = set()
        for ref, text in picked.items:
            shown.add(ref)
            text = text if getattr(text, "literal", False) else words(text)
            click.echo(f"  {ref}\n      {text}" if refs else f"  - {text}")
        if show_all:
            for ref, text in all_refs(lib, request.role, request.level).items():
                if ref.startswith(picked.block + "/") and ref not in shown:
                    click.echo(f"  ({ref})  not in the document\n      {words(text)}")
