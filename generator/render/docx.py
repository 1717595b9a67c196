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
from pathlib import Path

from ..core.caches import memo
from ..core.errors import TemplateError
from ..core.provenance import note
from ..core.reading import read_input
from ..library import theme
from ..library.labels import labels
from ..library.sources import Sources
from ..library.wording import is_english
from ..model.data import JobDescription
from ..yamlio.source import load_yaml
from .environment import render_template
from .table import context

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold; never the clock
PART_MAX_BYTES = 20_000_000  # a fixed part of the package (docx/base), such as an embedded font

# part name inside the .docx -> template that renders it; the body's relationships come
# after the body, whose hyperlinks they list
SETTINGS_PART = "word/settings.xml"
STYLES_PART = "word/styles.xml"  # rendered from docx/styles.xml.j2, kept among the fixed parts
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


def static_parts(sources: Sources) -> tuple[tuple[str, bytes], ...]:
    """The unchanging parts of the package (content types, relationships, numbering,
    settings), each looked up
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


@memo
def _bytes(path: Path, mtime_ns: int) -> bytes:
    return read_input(path, PART_MAX_BYTES, TemplateError, fix="keep only Word's own parts in docx/base")


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


EMU_PER_PT = 12700
HEADER_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdLogo" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
    'Target="media/logo.{kind}"/></Relationships>'
)


def render(jd: JobDescription, sources: Sources) -> bytes:
    """The document; with a company theme, the Word reference document's styles and page
    margins are used (as pandoc's --reference-doc), its logo sits in the header, and
    without a reference document the accent colour and font restyle jdgen's own styles."""
    branding = jd.meta.theme
    styles, margins = _styles(sources, branding, jd.meta.language)
    found = None
    if branding is not None:
        found = theme.logo(branding)
    logo = None
    extra: dict[str, bytes] = {}
    if found:
        data, kind, (width, height) = found
        cy = theme.LOGO_HEIGHT_PT * EMU_PER_PT
        logo = {"cx": int(cy * width / height), "cy": cy, "svg": kind == "svg", "name": f"logo.{kind}"}
        logo["alt"] = jd.company.name
        extra = {
            f"word/media/logo.{kind}": data,
            "word/_rels/header1.xml.rels": HEADER_RELS.format(kind=kind).encode(),
        }
    context = {
        "jd": jd,
        "labels": labels(sources, jd.meta.language),
        "rels": Hyperlinks(),
        "margins": margins,
        "logo": logo,
        "style_tabs": style_tabs(styles) if styles else {"Header": (), "Footer": ()},
    }
    rendered = {
        part: render_template(sources, "xml", name.format(template=jd.meta.template), **context)
        for part, name in RENDERED_PARTS.items()
    }
    return _package(
        sources, styles or _own_styles(sources, jd.meta.language), rendered, extra, jd.meta.language
    )


def _language(styles: bytes, language: str) -> bytes:
    """A Word reference document's proofing language set to the document's (en-GB or
    en-US) in its default run properties."""
    return styles.replace(b'w:lang w:val="en-US"', f'w:lang w:val="{language}"'.encode())


def _styles(sources: Sources, branding, language: str) -> tuple[bytes | None, tuple[int, ...] | None]:
    """(styles part, page margins) for a themed document; (None, None) for jdgen's own."""
    if branding is None:
        return None, None
    if branding.docx_reference:
        sources_note(branding.docx_reference)
        reference, margins = theme.reference_styles(branding.docx_reference)
        return _language(merged_styles(reference, _own_styles(sources, language)), language), margins
    if branding.accent or branding.font:
        accent = branding.accent[1:].upper() if branding.accent else None
        return _own_styles(sources, language, accent, branding.font), None
    return None, None


def _own_styles(sources: Sources, language: str, accent: str | None = None, font: str | None = None) -> bytes:
    """jdgen's styles part (docx/styles.xml.j2) in the document's language, with the
    house accent and font (docx/style.yaml) or a theme's."""
    house = load_yaml(sources.template("docx/style.yaml"))
    style = {"accent": accent or house["accent"], "font": font or house["font"], "language": language}
    return render_template(sources, "xml", "docx/styles.xml.j2", style=style).encode("utf-8")


def style_tabs(styles: bytes) -> dict[str, tuple[str, ...]]:
    """The tab stops the Header and Footer styles set (a Word template's usually centre
    and right-align at Letter widths); the running header clears them for its own."""
    from lxml import etree

    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out = {}
    root = etree.fromstring(styles)
    for name in ("Header", "Footer"):
        style = next((s for s in root.iter(f"{ns}style") if s.get(f"{ns}styleId") == name), None)
        tabs = [] if style is None else style.iter(f"{ns}tab")
        out[name] = tuple(t.get(f"{ns}pos") for t in tabs if t.get(f"{ns}val") != "clear")
    return out


def merged_styles(reference: bytes, own: bytes) -> bytes:
    """The reference document's styles, plus any of jdgen's styles it lacks (a Word
    template may have no List Bullet or Hyperlink style; the document uses them)."""
    from lxml import etree

    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    theirs = etree.fromstring(reference)
    have = {el.get(f"{ns}styleId") for el in theirs.iter(f"{ns}style")}
    for style in etree.fromstring(own).iter(f"{ns}style"):
        if style.get(f"{ns}styleId") not in have:
            theirs.append(style)
    return etree.tostring(theirs, xml_declaration=True, encoding="UTF-8", standalone=True)


def sources_note(path: str) -> None:

    note(f"file:{path}")


def render_table(doc, sources: Sources) -> bytes:
    """A comparison or a ladder as one Word table; its header row repeats on each page."""

    words = {**context(doc, sources), "rels": Hyperlinks()}
    rendered = {part: render_template(sources, "xml", name, **words) for part, name in TABLE_PARTS.items()}
    return _package(sources, _own_styles(sources, doc.language), rendered, language=doc.language)


def _hyphenated(settings: bytes) -> bytes:
    """Word's automatic hyphenation on, as German text with its long compounds needs it
    (w:autoHyphenation follows w:defaultTabStop in the settings' schema order)."""
    tab = settings.find(b"<w:defaultTabStop")
    if tab < 0 or b"w:autoHyphenation" in settings:
        return settings
    end = settings.index(b"/>", tab) + 2
    return settings[:end] + b"<w:autoHyphenation/>" + settings[end:]


def _package(
    sources: Sources,
    styles: bytes,
    rendered: dict[str, str],
    added: dict[str, bytes] | None = None,
    language: str = "en-US",
) -> bytes:
    """The zip: the fixed parts and the styles in name order ([Content_Types].xml first),
    the rendered ones, and what a theme adds (the logo and its relationship)."""
    fixed = {**dict(static_parts(sources)), STYLES_PART: styles}
    if not is_english(language) and SETTINGS_PART in fixed:
        fixed[SETTINGS_PART] = _hyphenated(fixed[SETTINGS_PART])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(fixed):
            archive.writestr(_entry(name), fixed[name])
        for name, text in rendered.items():
            archive.writestr(_entry(name), text.strip().encode("utf-8"))
        for name, data in (added or {}).items():
            archive.writestr(_entry(name), data)
    return buffer.getvalue()
