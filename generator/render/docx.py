"""DOCX: a real Word document with named styles, built from XML templates.

Like pandoc's reference document, the static parts (styles, numbering, settings) come
from templates/docx/base and are read once per process; only the document body and its
relationships (hyperlink targets), header, footer and properties are rendered per
document. This is an order of magnitude faster than building the document with
python-docx, and just as editable: every paragraph carries a Word style (Title,
Heading 1/2, List Bullet, Hyperlink).
Zip entries carry a fixed timestamp so identical inputs give identical bytes.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

from .. import sources
from ..jinja import render_template
from ..models import JobDescription
from .common import labels

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold; never the clock

# part name inside the .docx -> template that renders it; the body's relationships come
# after the body, whose hyperlinks they list
RENDERED_PARTS = {
    "word/document.xml": "docx/{template}.xml.j2",
    "word/_rels/document.xml.rels": "docx/document.xml.rels.j2",
    "word/header1.xml": "docx/header.xml.j2",
    "word/footer1.xml": "docx/footer.xml.j2",
    "docProps/core.xml": "docx/core.xml.j2",
    "docProps/app.xml": "docx/app.xml.j2",
}


class Hyperlinks:
    """One document's external hyperlink targets, given relationship ids in the order the
    body first uses them, so the same document always gets the same ids."""

    def __init__(self) -> None:
        self.targets: dict[str, str] = {}

    def add(self, href: str) -> str:
        return self.targets.setdefault(href, f"rIdLink{len(self.targets) + 1}")


def static_parts() -> tuple[tuple[str, bytes], ...]:
    """The unchanging parts of the package (styles, numbering, settings), each looked up
    through the template layers and noted as read; bytes cached while unchanged."""
    names = sorted(
        {
            path.relative_to(folder / "docx" / "base").as_posix()
            for folder in sources.template_folders()
            for path in (folder / "docx" / "base").rglob("*")
            if path.is_file()
        }
    )
    return tuple((name, _read(sources.template(f"docx/base/{name}"))) for name in names)


def _read(path: Path) -> bytes:
    return _bytes(path, path.stat().st_mtime_ns)


@cache
def _bytes(path: Path, mtime_ns: int) -> bytes:
    return path.read_bytes()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


# A comparison or a ladder (compare.py): the same package, its own parts.
TABLE_PARTS = {
    "word/document.xml": "docx/table.xml.j2",
    "word/_rels/document.xml.rels": "docx/document.xml.rels.j2",
    "word/header1.xml": "docx/table-header.xml.j2",
    "word/footer1.xml": "docx/table-footer.xml.j2",
    "docProps/core.xml": "docx/table-core.xml.j2",
    "docProps/app.xml": "docx/table-app.xml.j2",
}


def render(jd: JobDescription) -> bytes:
    context = {"jd": jd, "labels": labels(), "rels": Hyperlinks()}
    return _package(
        {
            part: render_template("xml", name.format(template=jd.meta.template), **context)
            for part, name in RENDERED_PARTS.items()
        }
    )


def render_table(doc) -> bytes:
    """A comparison or a ladder as one Word table; its header row repeats on each page."""
    from .table import context

    words = {**context(doc), "rels": Hyperlinks()}
    return _package({part: render_template("xml", name, **words) for part, name in TABLE_PARTS.items()})


def _package(rendered: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in static_parts():  # [Content_Types].xml must come first
            archive.writestr(_entry(name), data)
        for name, text in rendered.items():
            archive.writestr(_entry(name), text.strip().encode("utf-8"))
    return buffer.getvalue()
