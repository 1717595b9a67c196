"""The `jdgen check` command (registered in jdgen/cli.py)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import click

from ..check import check_document, check_path, context_for
from ..check.config import folder_config, with_settings
from ..check.engine import Context
from ..check.report import as_json, sarif, text
from ..check.rules import data_file
from ..core.errors import EXIT_INPUT, SEVERITIES, did_you_mean
from ..render import renderer

EPILOG = """\b
Examples:
  jdgen check postings/ops-lead.md
  jdgen check coo --company acme --template posting
  jdgen check drafts/ --format json
  jdgen check drafts/ --format sarif > check.sarif
"""


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-11-30") from None


def _country(ctx, value: str) -> str:
    """An ISO 3166-1 alpha-2 code from jdgen's locales; anything else is a usage error."""

    code = value.strip().upper()
    countries = ctx.find_root().command.library(ctx).locales.countries
    if code in countries:
        return code
    alias = (data_file("detect").get("country_aliases") or {}).get(code)
    hint = f" Did you mean '{alias}'?" if alias else did_you_mean(code, countries)
    raise click.BadParameter(f"'{value}' is not an ISO 3166 country code.{hint}", param_hint="--country")


@click.command("check", epilog=EPILOG)
@click.argument("targets", nargs=-1, required=True)
@click.option("--company", "-c", help="Check the role TARGET composed for this company (no files written).")
@click.option("--level", "-l", help="With --company: the level to compose.")
@click.option(
    "--template",
    "-t",
    type=click.Choice(["jd", "posting"]),
    help="Length limits of a posting or a full JD (default: posting; with --company: jd).",
)
@click.option(
    "--format", "-f", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    help="Exit 1 on findings at or above this severity (default: error).",
)
@click.option("--location", help="Where the job is (for pay-transparency laws), e.g. 'Denver, CO'.")
@click.option("--country", help="ISO country code of the job, e.g. US, DE.")
@click.option(
    "--employees",
    type=click.IntRange(min=0),
    help="The employer's number of employees, for laws with a size threshold (default: the profile's size).",
)
@click.option(
    "--language",
    type=click.Choice(["en", "de"]),
    help="The text's language, for its rules (default: detected from the text).",
)
@click.option("--date", "on", callback=_date, help="The posting date (default: today), e.g. 2026-11-30.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A .jdgen-check.yaml (default: found upward from here).",
)
@click.pass_context
def check_command(
    ctx,
    targets,
    company,
    level,
    template,
    fmt,
    fail_on,
    location,
    country,
    employees,
    language,
    on,
    config_path,
):
    """Check job postings for biased wording, readability, length and pay transparency.

    TARGETS are files (.md .txt .html .docx .pdf) or folders; with --company, role ids.
    Exit code 0: nothing at or above --fail-on; 1: findings at or above it, or a file
    that could not be read; 2: wrong usage.
    """

    if config_path is not None and not os.path.lexists(config_path):
        raise click.BadParameter(f"'{config_path}' does not exist", param_hint="--config")
    config = folder_config(config_path, ctx.find_root().command.run(ctx).check)
    country = _country(ctx, country) if country else None
    reports = []
    if not company and not any(Path(t).exists() for t in targets):
        company = ctx.find_root().command.run(ctx).company  # in a workspace: its default company
    if company:
        from dataclasses import replace

        service = ctx.find_root().command.service(ctx)
        for role in targets:
            request = service.resolve(
                role, company, level=level, template=template or "jd", language=language
            )
            jd = service.compose(request)
            config = with_settings(folder_config(config_path, service.run.check), request.company.check)
            c = context_for(jd, template or "jd", country=country or jd.meta.country, on=on)
            c = replace(
                c,
                location=location or c.location,
                employees=c.employees if employees is None else employees,
                language=language,
            )
            markdown = renderer("md")(jd, service.lib.sources).decode("utf-8")
            reports.append(
                check_document(jd, markdown, template or "jd", config=config, context=c, source=request.label)
            )
    else:
        if level:
            raise click.UsageError("--level needs --company (it composes a role)")
        context = Context(
            template=template,
            location=location,
            country=country,
            date=on,
            employees=employees,
            language=language,
        )
        for target in targets:
            path = Path(target)
            if not path.exists():
                raise click.UsageError(f"'{target}' is not a file or folder (to check a role, add --company)")
            reports.extend(check_path(path, context, config))
    output = {"text": text, "json": as_json, "sarif": sarif}[fmt](reports)
    click.echo(output)
    threshold = fail_on or config.fail_on or "error"
    if any(r.fails(threshold) for r in reports):
        ctx.exit(EXIT_INPUT)
