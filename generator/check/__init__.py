"""`jdgen check`: a job-posting checker for bias, readability, length and pay transparency.

Entry points for other code:

    check_text(text, kind="md", source="posting.md", context=Context(...)) -> Report
    check_document(jd, markdown, template, source=label) -> Report   # a composed document
    check_path(path) -> list[Report]              # a file or a folder
    summary_for(report) -> (score, verdict)       # for batch summaries and index pages
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..core.errors import JdgenError
from .engine import Context, Finding, Report, run_checks
from .pay import employees_from
from .readers import KINDS, CheckInputError, from_text, read_file
from .settings import Config

__all__ = ["Context", "Finding", "Report", "check_text", "check_document", "check_path", "summary_for"]


def check_text(
    text: str,
    *,
    kind: str = "md",
    source: str = "<text>",
    context: Context | None = None,
    config: Config | None = None,
) -> Report:
    """Check a posting held in memory (Markdown, plain text or HTML)."""
    if kind not in ("md", "txt", "html"):
        raise ValueError(f"kind must be md, txt or html, not {kind!r}")
    return run_checks(from_text(text, kind, source), context or Context(), config or Config())


def context_for(
    jd, template: str | None = None, *, country: str | None = None, on: date | None = None
) -> Context:
    """What a composed JobDescription tells the checker: place, date, level, title."""
    posted = on or (date.fromisoformat(jd.meta.revised) if jd.meta.revised else None)
    return Context(
        template=template or jd.meta.template,
        location=jd.company.location or None,
        country=country or jd.meta.country,
        date=posted,
        level=jd.meta.level_id,
        title=f"{jd.title} {jd.title_suffix}" if jd.title_suffix else jd.title,  # as published
        employees=employees_from(jd.company.size),
    )


def check_document(
    jd,
    markdown: str,
    template: str | None = None,
    *,
    country: str | None = None,
    config: Config | None = None,
    context: Context | None = None,
    source: str | None = None,
) -> Report:
    """Check a composed job description: its Markdown rendering (made by the caller:
    the checker reads text and never renders) plus its metadata (location, country,
    revision date as the posting date, level, title).

    `source` names it in the report, e.g. the request's label "acme/coo-posting" (the
    document's name as the generator writes it, without an extension: no file exists)."""
    text = markdown
    name = (
        source or f"{jd.meta.company_id}/{jd.meta.role_id}-{jd.meta.level_id}-{template or jd.meta.template}"
    )
    return run_checks(
        from_text(text, "md", name), context or context_for(jd, template, country=country), config or Config()
    )


def check_path(path: Path, context: Context | None = None, config: Config | None = None) -> list[Report]:
    """Check a file, or every supported file in a folder (recursively, sorted).

    A file that cannot be read gives a Report with `error` set; the others are checked."""
    files = (
        sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KINDS)
        if path.is_dir()
        else [path]
    )
    reports = []
    for file in files:
        try:
            reports.append(run_checks(read_file(file), context or Context(), config or Config()))
        except CheckInputError as exc:
            reports.append(Report(name=str(file), error=exc.diagnostic))
        except JdgenError as exc:
            reports.append(Report(name=str(file), error=exc.diagnostic))
    return reports


def summary_for(report: Report) -> tuple[int | None, str | None]:
    """(score 0-100, gender verdict) for a summary line or an index page; (None, None) when
    the document could not be checked."""
    if report.error is not None:
        return None, None
    return report.score, report.verdict.verdict if report.verdict else None
