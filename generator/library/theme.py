"""A company's branding: logo, accent colour, font and a Word reference document.

The profile's `theme:` names files relative to the workspace (or, outside one, to the
profile's own folder). They are checked when the profile loads, so a missing or broken
logo, an unreadable reference document or a font that is not installed is one clear
line naming the profile's line. Renderers read the files through here and note them
as read, so a new logo or Word template regenerates the documents that use it.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

from ..core.caches import memo
from ..core.errors import Diagnostic, JdgenError, LibraryError
from ..core.provenance import note
from ..core.reading import package_problem, read_input
from ..model.data import Branding, Company
from .workspace import find_workspace

# base64, struct, subprocess, shutil and xml.etree are imported where they are used:
# every document imports this module, and only themed ones need them.

ACCENT = re.compile(r"^#[0-9a-fA-F]{6}$")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LOGO_HEIGHT_PT = 28  # the logo's height in the header; its width follows its proportions
LOGO_MAX_BYTES = 2_000_000  # inlined into every HTML page and DOCX
LOGO_MAX_PNG_SIDE = 10_000  # pixels: a bigger PNG would be decoded into hundreds of MB
LOGO_MAX_SIDE = 1e6  # an SVG's viewBox units: real logos use hundreds
LOGO_MAX_RATIO = 50  # wider than this at 28 pt high is wider than any page
MAX_MARGIN_TWIPS = 4320  # 3 inches: a wider margin leaves an A4 or Letter page no room for text
REFERENCE_MAX_BYTES = 20_000_000  # a Word template with embedded fonts and images
REFERENCE_MAX_UNPACKED = 100_000_000  # python-docx unpacks every part into memory
REFERENCE_MAX_PARTS = 10_000


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
        return os.path.abspath(base / name) if name else None  # a symlink loop is found on reading

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
        try:
            _logo(base / theme.logo)
        except JdgenError as exc:
            shown = _shown(exc, base, theme.logo, "logo file", f"logo {theme.logo} cannot be used")
            problem("theme.logo", shown, theme.logo, _fix(exc))
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
        try:
            reference_styles(os.path.abspath(base / theme.docx_reference))
        except JdgenError as exc:
            name = theme.docx_reference
            shown = _shown(
                exc, base, name, "Word reference document", f"Word reference document {name} cannot be read"
            )
            problem("theme.docx-reference", shown, name, _fix(exc))
    return out


def _shown(exc: JdgenError, base: Path, name: str, missing: str, unusable: str) -> str:
    """A theme file's problem, naming the file as the profile does."""
    if exc.code == "input.missing":
        return f"{missing} not found: {base / name}.{_same_but_case(base, name)}"
    return f"{unusable}: {exc.message}"


def _fix(exc: JdgenError) -> str | None:
    return "put the file there or fix the path" if exc.code == "input.missing" else exc.fix


def _same_but_case(base: Path, name: str) -> str:
    """' Did you mean theme/logo.png?' when a file of that name differs only in case."""
    wanted = Path(os.path.abspath(base / name))
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
    if data.startswith(PNG_SIGNATURE):
        width, height = _png_size(data)
    elif suffix == ".png":
        raise ValueError("not a PNG image")
    elif data.startswith(b"\xff\xd8\xff") or suffix in (".jpg", ".jpeg", ".gif", ".webp"):
        kind = "a JPEG" if data.startswith(b"\xff\xd8\xff") else f"a {suffix[1:].upper()} file"
        raise ValueError(f"it looks like {kind}; only SVG or PNG logos are supported")
    else:
        width, height = _svg_size(data)
    if not (0 < width < math.inf and 0 < height < math.inf):  # also false for nan
        raise ValueError(f"its size {width:g} x {height:g} is not a width and height over 0")
    if max(width, height) > LOGO_MAX_SIDE:  # any arithmetic on it stays finite
        raise ValueError(f"its size {width:g} x {height:g} is over {LOGO_MAX_SIDE:g} units each way")
    if max(width / height, height / width) > LOGO_MAX_RATIO:
        raise ValueError(
            f"its size {width:g} x {height:g} is more than {LOGO_MAX_RATIO} times as wide as high"
        )
    return width, height


def _png_size(data: bytes) -> tuple[float, float]:
    """The header's size, once every chunk is whole (its checksum right) up to the end
    chunk: a cut-short or damaged PNG is refused here, not by a renderer."""
    import struct
    import zlib

    at, size = len(PNG_SIGNATURE), None
    while at + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        end = at + 12 + length
        if end > len(data):
            break
        if zlib.crc32(data[at + 4 : end - 4]) != struct.unpack(">I", data[end - 4 : end])[0]:
            raise ValueError(f"the PNG is damaged (a bad checksum in its {kind.decode('latin-1')!r} chunk)")
        if size is None:
            if kind != b"IHDR" or length != 13:
                raise ValueError("the PNG has no header")
            size = struct.unpack(">II", data[at + 8 : at + 16])
            if max(size) > LOGO_MAX_PNG_SIDE:
                raise ValueError(
                    f"the PNG is {size[0]} x {size[1]} pixels, over {LOGO_MAX_PNG_SIDE} each way"
                )
        if kind == b"IEND":
            return float(size[0]), float(size[1])
        at = end
    raise ValueError("the PNG has no header" if len(data) <= len(PNG_SIGNATURE) else "the PNG is cut short")


def _svg_size(data: bytes) -> tuple[float, float]:
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ValueError(f"not a valid SVG ({exc})") from None
    if not root.tag.endswith("svg"):
        raise ValueError("not an SVG image")
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if box:
        try:
            _, _, width, height = (float(v) for v in box)
        except ValueError:
            raise ValueError(f"the SVG's viewBox '{root.get('viewBox')}' is not four numbers") from None
        return width, height
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width is None or height is None:
        raise ValueError("the SVG has neither a viewBox nor a width and height")
    return width, height


def _length(value: str | None) -> float | None:
    found = re.match(r"\s*(\d+(?:\.\d*)?|\.\d+)", value or "")
    return float(found.group(1)) if found else None


def logo(branding: Branding | None) -> tuple[bytes, str, tuple[float, float]] | None:
    """(bytes, 'png' or 'svg', size) of a document's logo, noted as read."""
    if branding is None or branding.logo is None:
        return None
    note(f"file:{branding.logo}")
    return _logo(Path(branding.logo))


def _logo(path: Path) -> tuple[bytes, str, tuple[float, float]]:
    data = _read(path, LOGO_MAX_BYTES)
    try:
        size = logo_size(data, path.suffix.lower())
    except ValueError as exc:
        raise LibraryError(str(exc), path, fix="use an SVG or PNG file", code="theme.logo") from None
    return data, "png" if data.startswith(PNG_SIGNATURE) else "svg", size


def logo_data_uri(branding: Branding | None) -> str | None:
    found = logo(branding)
    if found is None:
        return None
    import base64

    data, kind, _ = found
    mime = "image/png" if kind == "png" else "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def _read(path: Path, limit: int) -> bytes:
    """A theme file's bytes, cached while it is unchanged."""
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError:
        mtime_ns = None  # read_input says why
    return _bytes(path, mtime_ns, limit)


@memo
def _bytes(path: Path, mtime_ns: int | None, limit: int) -> bytes:
    return read_input(path, limit, LibraryError, fix=f"use a file under {limit // 1_000_000} MB")


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
    return _reference(file, _read(file, REFERENCE_MAX_BYTES))


@memo
def _reference(path: Path, data: bytes) -> tuple[bytes, tuple[int, ...] | None]:
    try:
        _check_package(data)
        return _styles_and_margins(data)
    except ValueError as exc:
        raise LibraryError(
            str(exc),
            path,
            fix="save your Word template as a .docx file there (File > Save As > Word Document)",
            code="theme.docx-reference",
        ) from None


def _check_package(data: bytes) -> None:
    problem = package_problem(data, REFERENCE_MAX_PARTS, REFERENCE_MAX_UNPACKED)
    if problem:
        raise ValueError(problem)


def _styles_and_margins(data: bytes) -> tuple[bytes, tuple[int, ...] | None]:
    import io

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))
        styles = document.part.part_related_by(RELATIONSHIP_TYPE.STYLES).element
    except KeyError:
        raise ValueError("not a Word document (it has no word/styles.xml)") from None
    except Exception as exc:  # the package's parser fails in many ways on a damaged file
        raise ValueError(f"not a Word document ({type(exc).__name__})") from None
    try:
        margins = None
        if document.sections:
            section = document.sections[0]
            values = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
            if all(v is not None for v in values):
                margins = tuple(int(v.twips) for v in values)
    except ValueError:
        raise ValueError("its page margins are not numbers") from None
    if margins and not all(0 <= m <= MAX_MARGIN_TWIPS for m in margins):
        shown = ", ".join(f"{m / 1440:g} in" for m in margins)
        raise ValueError(
            f"its page margins ({shown}) are not between 0 and {MAX_MARGIN_TWIPS / 1440:g} inches"
        )
    return etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True), margins
