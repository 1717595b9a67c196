"""A company's branding: logo, accent colour, font and a Word reference document.

The profile's `theme:` names files relative to the workspace (or, outside one, to the
profile's own folder). They are checked when the profile loads, so a missing or broken
logo, an unreadable reference document or a font that is not installed is one clear
line naming the profile's line. Renderers read the files through here and note them
as read, so a new logo or Word template regenerates the documents that use it.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core.caches import memo
from ..core.errors import Diagnostic
from ..core.provenance import note
from ..model.data import Branding, Company
from .workspace import find_workspace

# base64, struct, subprocess, shutil and xml.etree are imported where they are used:
# every document imports this module, and only themed ones need them.

ACCENT = re.compile(r"^#[0-9a-fA-F]{6}$")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LOGO_HEIGHT_PT = 28  # the logo's height in the header; its width follows its proportions


def base_folder(company_file: Path) -> Path:

    workspace = find_workspace(Path(company_file).parent)
    return workspace.root if workspace else Path(company_file).parent


def branding(company: Company, company_file: Path) -> Branding | None:
    """The theme with its files' absolute paths (found beside the workspace or profile when
    a request is made, so compose never walks the disk)."""
    theme = company.theme
    if theme is None:
        return None
    base = base_folder(company_file)

    def path(name):
        return str((base / name).resolve()) if name else None

    return Branding(path(theme.logo), theme.accent, theme.font, path(theme.docx_reference))


def check(company: Company, company_file: Path) -> list[Diagnostic]:
    """Every problem with a profile's theme, each naming the profile's line."""
    theme = company.theme
    if theme is None:
        return []
    base = base_folder(company_file)
    out = []

    def problem(code, message, value, fix):
        line = getattr(value, "line", None) or (theme.origin.line if theme.origin else None)
        out.append(Diagnostic(code, message, company_file, line, fix=fix))

    if theme.logo:
        file = base / theme.logo
        try:
            logo_size(file.read_bytes(), file.suffix.lower())
        except OSError:
            problem(
                "theme.logo",
                f"logo file not found: {file}.{_same_but_case(base, theme.logo)}",
                theme.logo,
                "put the file there or fix the path",
            )
        except ValueError as exc:
            problem(
                "theme.logo", f"logo {theme.logo} cannot be used: {exc}", theme.logo, "use an SVG or PNG file"
            )
    if theme.accent and not ACCENT.match(theme.accent):
        problem(
            "theme.accent",
            f"accent '{theme.accent}' is not a colour like #0b6e4f",
            theme.accent,
            'write it as "#" and six hex digits, in quotes',
        )
    if theme.font and not font_installed(theme.font):
        problem(
            "theme.font",
            f"font '{theme.font}' is not installed on this machine",
            theme.font,
            "use a family that `fc-list : family` shows, or install the font",
        )
    if theme.docx_reference:
        file = base / theme.docx_reference
        try:
            reference_styles(str(file.resolve()))
        except OSError:
            problem(
                "theme.docx-reference",
                f"Word reference document not found: {file}.{_same_but_case(base, theme.docx_reference)}",
                theme.docx_reference,
                "put your Word template (.docx) there or fix the path",
            )
        except (ValueError, KeyError) as exc:
            problem(
                "theme.docx-reference",
                f"Word reference document {theme.docx_reference} cannot be read: {exc}",
                theme.docx_reference,
                "save your Word template as a .docx file there (File > Save As > Word Document)",
            )
    return out


def _same_but_case(base: Path, name: str) -> str:
    """' Did you mean theme/logo.png?' when a file of that name differs only in case."""
    wanted = (base / name).resolve()
    folder = wanted.parent
    if not folder.is_dir():
        return ""
    for other in folder.iterdir():
        if other.name.lower() == wanted.name.lower() and other.name != wanted.name:
            shown = Path(name).parent / other.name
            return f" Did you mean {shown.as_posix()}?"
    return ""


@memo
def font_installed(family: str) -> bool:
    """Whether fontconfig knows the family (the fonts WeasyPrint and LibreOffice use)."""
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        return True  # cannot tell; PDF falls back to the stylesheet's fonts
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    names = {name.strip().lower() for row in listed.splitlines() for name in row.split(",")}
    return family.strip().lower() in names


# --- the logo -----------------------------------------------------------------------


def logo_size(data: bytes, suffix: str) -> tuple[float, float]:
    """(width, height) in the image's own units; ValueError when it is not a usable image."""
    import struct
    from xml.etree import ElementTree

    if data.startswith(PNG_SIGNATURE):
        if data[12:16] != b"IHDR":
            raise ValueError("the PNG has no header")
        width, height = struct.unpack(">II", data[16:24])
        return float(width), float(height)
    if suffix == ".png":
        raise ValueError("not a PNG image")
    if data.startswith(b"\xff\xd8\xff") or suffix in (".jpg", ".jpeg", ".gif", ".webp"):
        kind = "a JPEG" if data.startswith(b"\xff\xd8\xff") else f"a {suffix[1:].upper()} file"
        raise ValueError(f"it looks like {kind}; only SVG or PNG logos are supported")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ValueError(f"not a valid SVG ({exc})") from None
    if not root.tag.endswith("svg"):
        raise ValueError("not an SVG image")
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        return float(box[2]), float(box[3])
    try:
        return _length(root.get("width")), _length(root.get("height"))
    except (TypeError, ValueError):
        raise ValueError("the SVG has neither a viewBox nor a width and height") from None


def _length(value: str) -> float:
    return float(re.match(r"[\d.]+", value).group(0))


def logo(branding: Branding | None) -> tuple[bytes, str, tuple[float, float]] | None:
    """(bytes, 'png' or 'svg', size) of a document's logo, noted as read."""
    if branding is None or branding.logo is None:
        return None
    path = Path(branding.logo)
    note(f"file:{path}")
    data = _read(path, path.stat().st_mtime_ns)
    kind = "png" if data.startswith(PNG_SIGNATURE) else "svg"
    return data, kind, logo_size(data, path.suffix.lower())


def logo_data_uri(branding: Branding | None) -> str | None:
    found = logo(branding)
    if found is None:
        return None
    import base64

    data, kind, _ = found
    mime = "image/png" if kind == "png" else "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


@memo
def _read(path: Path, mtime_ns: int) -> bytes:
    return path.read_bytes()


def css(branding: Branding | None) -> str:
    """The theme's stylesheet additions: accent colour and font (values checked on load)."""
    if branding is None:
        return ""
    rules = []
    if branding.accent:
        rules.append(f":root {{ --accent: {branding.accent}; }}")
    if branding.font:
        family = branding.font.replace('"', "")
        rules.append(f'html {{ font-family: "{family}", "Noto Sans", "DejaVu Sans", sans-serif; }}')
    return "\n".join(rules)


# --- the Word reference document -------------------------------------------------------


def reference_styles(path: str) -> tuple[bytes, tuple[int, ...] | None]:
    """The styles part and page margins (twips: top, right, bottom, left) of a Word
    document, read with python-docx; cached while the file is unchanged."""
    file = Path(path)
    return _reference(file, file.stat().st_mtime_ns)


@memo
def _reference(path: Path, mtime_ns: int) -> tuple[bytes, tuple[int, ...] | None]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ValueError(f"not a Word document ({exc})") from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors: a damaged file
        raise ValueError(f"not a Word document ({type(exc).__name__})") from None
    styles = etree.tostring(document.styles.element, xml_declaration=True, encoding="UTF-8", standalone=True)
    margins = None
    if document.sections:
        section = document.sections[0]
        values = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
        if all(v is not None for v in values):
            margins = tuple(int(v.twips) for v in values)
    return styles, margins
