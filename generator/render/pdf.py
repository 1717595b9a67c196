"""PDF through WeasyPrint, from the same HTML template with a print stylesheet.

WeasyPrint is imported on first use only, and the parsed stylesheets and the font
configuration are built once per process and reused for every document of a batch.
PDFs are tagged PDF/UA-1 (WeasyPrint's own variant), so screen readers get headings,
lists, links, the language and the title; the running header and footer are artifacts.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from datetime import UTC, datetime

from ..core.caches import memo
from ..core.errors import DependencyError
from ..library.sources import Sources
from ..model.data import JobDescription
from .html import render_html, table_html

PANGO_FIX = "install Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 (or run 'make setup')"


def _refuse_fetch(url: str, *args, **kwargs):
    """Documents are self-contained; never fetch anything a value might point to (the
    theme's logo is inlined as a data: URL, which needs no fetching)."""
    if url.startswith("data:image/") and ";base64," in url:
        import base64

        from weasyprint.urls import URLFetcherResponse

        head, _, body = url.partition(";base64,")
        mime = head.removeprefix("data:")
        return URLFetcherResponse(url, base64.b64decode(body), {"Content-Type": mime})
    raise ValueError(f"external resource refused: {url[:80]}")


STYLESHEETS = ("css/document.css", "css/print.css")
TABLE_STYLESHEETS = (*STYLESHEETS, "css/table.css", "css/table-print.css")


def _engine(sources: Sources, names: tuple[str, ...] = STYLESHEETS):
    """WeasyPrint with the print stylesheets as the template layers give them."""
    paths = tuple(sources.template(name) for name in names)
    return _engine_for(paths, tuple(p.stat().st_mtime_ns for p in paths))


@memo
def _engine_for(paths: tuple, mtimes: tuple):
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
    except OSError as exc:  # cffi could not load libpango / libgobject
        raise DependencyError(f"PDF output needs a system library: {exc}", fix=PANGO_FIX) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    fonts = FontConfiguration()
    sheets = [
        weasyprint.CSS(filename=str(path), font_config=fonts, url_fetcher=_refuse_fetch) for path in paths
    ]
    paper = {
        (size, turn): weasyprint.CSS(string=f"@page {{ size: {size}{turn}; }}", font_config=fonts)
        for size in ("A4", "Letter")
        for turn in ("", " landscape")
    }
    return weasyprint, fonts, sheets, paper


def render(jd: JobDescription, sources: Sources) -> bytes:
    weasyprint, fonts, sheets, paper = _engine(sources)
    document = weasyprint.HTML(string=render_html(jd, sources, css=""), url_fetcher=_refuse_fetch)
    with _font_timestamp(jd.meta.revised):
        return document.write_pdf(
            stylesheets=[*sheets, paper[jd.meta.paper, ""]],
            font_config=fonts,
            pdf_variant="pdf/ua-1",
            finisher=_running_text_as_artifacts,
        )


def render_table(doc, sources: Sources) -> bytes:
    """A comparison or a ladder: landscape pages when it has more than three columns;
    the table's header row repeats on every page."""

    weasyprint, fonts, sheets, paper = _engine(sources, TABLE_STYLESHEETS)
    document = weasyprint.HTML(string=table_html(doc, sources, css=""), url_fetcher=_refuse_fetch)
    with _font_timestamp(doc.revised):
        return document.write_pdf(
            stylesheets=[*sheets, paper[doc.paper, " landscape" if doc.landscape else ""]],
            font_config=fonts,
            pdf_variant="pdf/ua-1",
            finisher=_running_text_as_artifacts,
        )


def _running_text_as_artifacts(document, pdf) -> None:
    """WeasyPrint 70 tags the page-margin boxes' text as Spans that it leaves out of the
    structure tree (PDF 1.7 has no artifact elements); PDF/UA wants running headers and
    footers marked as pagination artifacts in the content stream, which readers skip."""
    import pydyf

    objects = {obj.reference: obj for obj in pdf.objects if hasattr(obj, "number")}
    root = objects[pdf.catalog["StructTreeRoot"]]
    reachable, todo = set(), list(root["K"])
    while todo:
        ref = todo.pop()
        if isinstance(ref, bytes) and ref not in reachable:
            reachable.add(ref)
            todo.extend(objects[ref].get("K", ()))
    nums = objects[root["ParentTree"]]["Nums"]
    pages = [objects[ref] for ref in pdf.page_references]
    for key, refs in zip(nums[::2], nums[1::2], strict=True):
        if not isinstance(refs, pydyf.Array):  # annotations map to one element, not per MCID
            continue
        stray = {mcid for mcid, ref in enumerate(refs) if ref not in reachable}
        if not stray:
            continue
        for mcid in stray:
            refs[mcid] = "null"
        ops = objects[pages[key]["Contents"]].stream
        for i, op in enumerate(ops[:-2]):
            if op == "/Span" and ops[i + 2] == b"BDC" and ops[i + 1].get("MCID") in stray:
                ops[i : i + 2] = ["/Artifact", pydyf.Dictionary({"Type": "/Pagination"})]


@contextmanager
def _font_timestamp(revised: str):
    """Without HarfBuzz's subsetter WeasyPrint subsets fonts with fontTools, which stamps
    each subset with the current time unless SOURCE_DATE_EPOCH is set: pin it to the
    document's own date so the same inputs always give the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    when = (
        datetime.fromisoformat(revised).replace(tzinfo=UTC) if revised else datetime(1980, 1, 1, tzinfo=UTC)
    )
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
