"""Read a posting from Markdown, plain text, HTML, DOCX or PDF into one analysable text.

Every reader returns a `Source`: the text the rules run on (one block per line, headings
marked `# `, list items `- `), and a map from each offset back to where it stood in the
file (line and column; for DOCX the paragraph, for PDF the page). python-docx and pypdf
are imported only when a DOCX or PDF is read. Bad input raises `CheckInputError`: one
line naming the file and the fix.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import field
from html.parser import HTMLParser
from pathlib import Path

from ..core.errors import JdgenError
from ..core.reading import package_problem, read_input
from ..core.record import record
from .rules import data_file

MAX_BYTES = 5_000_000  # a posting is a few KB; a 5 MB file is not a posting
KINDS = {".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html"}
KINDS |= {".docx": "docx", ".pdf": "pdf"}
_TEXT = ("md", "txt", "html")
SUPPRESS = re.compile(r"<!--\s*jdgen-check\s+(ignore-file|ignore)\b(.*?)-->", re.S)


class CheckInputError(JdgenError):
    """A file that cannot be checked: unreadable, empty, binary, too big, encrypted."""


@record(frozen=True)
class Suppression:
    rules: frozenset[str]  # empty: every rule
    line: int | None  # None: the whole file
    at: int | None = None  # the line of the comment itself

    def covers(self, rule_id: str, line: int | None) -> bool:
        if self.line is not None and line != self.line:
            return False
        return not self.rules or any(rule_id == r or rule_id.startswith(r + ".") for r in self.rules)


@record
class Source:
    """The text to check and how to point back into the file it came from."""

    name: str  # as shown in reports
    kind: str  # md, txt, html, docx, pdf, or "document" for a composed role
    text: str
    unit: str = "line"  # what Diagnostic.line counts: line, paragraph or page
    # (text offset, unit number, column at that offset or None); empty: lines of `text`
    anchors: list[tuple[int, int, int | None]] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    # what a jdgen document says of itself in its metadata: template, role, level
    meta: dict[str, str] = field(default_factory=dict)
    # the reader knew the structure (heading styles, a tagged PDF): no guessing headings
    structured: bool = False

    def __post_init__(self):
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self._anchor_offsets = [a[0] for a in self.anchors]

    def locate(self, offset: int) -> tuple[int, int | None]:
        """(line or paragraph or page, column) of a text offset, 1-based."""
        if not self.anchors:
            i = bisect_right(self._line_starts, offset) - 1
            return i + 1, offset - self._line_starts[i] + 1
        i = max(0, bisect_right(self._anchor_offsets, offset) - 1)
        start, unit, col = self.anchors[i]
        return unit, None if col is None else col + max(0, offset - start)


def jdgen_meta(keywords: str | None) -> dict[str, str]:
    """`jdgen:template=jd, jdgen:role=coo, ...` in a document's keywords (jdgen writes them
    into the DOCX core properties and the HTML head, which WeasyPrint carries into the PDF)."""
    if not keywords:
        return {}

    return dict(re.findall(data_file("detect")["jdgen_metadata"], str(keywords)))


def _fail(path: Path, message: str, fix: str) -> CheckInputError:
    return CheckInputError(message, path, fix=fix, code="check.input")


def read_file(path: Path) -> Source:
    """Read any supported file; raise CheckInputError with one clear line otherwise."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise _fail(
            path,
            f"cannot check '{path.suffix or 'no extension'}' files",
            "give a .md, .txt, .html, .docx or .pdf file",
        )
    raw = read_input(
        path,
        MAX_BYTES,
        CheckInputError,
        text=kind in _TEXT,
        fix="check the right file, or save the posting's text alone",
    )
    if not raw.strip():
        raise _fail(path, "file is empty", "check the right file, or write the posting first")
    source = READERS[kind](path, raw)
    if not re.search(r"[^\W\d_]{2,}", source.text):
        raise _fail(
            path,
            "no text found in the file",
            "for a scanned PDF, export the text first; otherwise check the file's content",
        )
    return source


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise _fail(path, "is a binary file, not text", "save the posting as .md, .txt, .html, .docx or .pdf")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def suppressions(raw: str) -> list[Suppression]:
    """`<!-- jdgen-check ignore RULE ... -->`: alone on a line it covers the next line with
    text, at the end of a line that line; `ignore-file` covers the whole file."""
    found = []
    lines = raw.split("\n")
    for m in SUPPRESS.finditer(raw):
        rules = frozenset(r for r in re.split(r"[\s,]+", m.group(2).strip()) if r)
        line = raw.count("\n", 0, m.start())  # 0-based
        if m.group(1) == "ignore-file":
            found.append(Suppression(rules, None, line + 1))
            continue
        end_line = raw.count("\n", 0, m.end())
        before = lines[line][: m.start() - (raw.rfind("\n", 0, m.start()) + 1)]
        after = lines[end_line][m.end() - (raw.rfind("\n", 0, m.end()) + 1) :]
        if before.strip():
            found.append(Suppression(rules, line + 1, line + 1))
            continue
        if after.strip():
            found.append(Suppression(rules, end_line + 1, line + 1))
            continue
        target = end_line + 1
        while target < len(lines) and not lines[target].strip():
            target += 1
        found.append(Suppression(rules, target + 1, line + 1))
    return found


def read_text(path: Path, raw: bytes) -> Source:
    text = _decode(path, raw).replace("\r\n", "\n").replace("\r", "\n")
    kind = KINDS[path.suffix.lower()]
    return Source(str(path), kind, text, suppressions=suppressions(text) if kind == "md" else [])


# --- HTML ------------------------------------------------------------------------------

BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "ul",
    "ol",
    "table",
    "tr",
}
BLOCK_TAGS |= {"blockquote", "pre", "dl", "dt", "dd", "td", "th", "br", "hr", "body", "nav", "figure"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIP = {"script", "style", "head", "title", "template", "noscript", "svg"}


class _HtmlText(HTMLParser):
    def __init__(self, raw: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int, int]] = []
        self.length = 0
        self.skip = 0
        self.space = False  # the last data ended in whitespace
        self.raw = raw
        self.keywords: str | None = None
        self.after_dt = False  # a <dd> follows its <dt> on the same line, as a label/value row

    def _newline(self, prefix: str = "") -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self._emit("\n")
        if prefix:
            line, col = self.getpos()
            self.anchors.append((self.length, line, col + 1))
            self._emit(prefix)

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def handle_starttag(self, tag, attrs):
        if tag == "meta" and dict(attrs).get("name", "").lower() == "keywords":
            self.keywords = dict(attrs).get("content")
        if tag == "dd" and self.after_dt:
            self.after_dt = False
            self._emit("\t")
            self.space = False
            return
        if tag in SKIP:
            self.skip += 1
        elif tag in HEADINGS:
            self._newline("# ")
        elif tag == "li":
            self._newline("- ")
        elif tag in BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag):
        if tag == "dt":
            self.after_dt = True
            return
        if tag == "dd":
            self.after_dt = False
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in HEADINGS or tag == "li" or tag in BLOCK_TAGS:
            self._newline()

    def handle_data(self, data):
        if self.skip or not data:
            return
        if not data.strip():
            self.space = True
            return
        line, col = self.getpos()
        # whitespace runs (including newlines inside a paragraph) become one space, and
        # every kept piece gets its own anchor so columns stay exact
        for m in re.finditer(r"\S+(?:[ \t]\S+)*", data):
            before = data[: m.start()]
            piece_line = line + before.count("\n")
            piece_col = (col if "\n" not in before else 0) + len(before.rsplit("\n", 1)[-1])
            if self.parts and not self.parts[-1].endswith(("\n", " ", "\t")) and (before or self.space):
                self._emit(" ")
            self.space = False
            self.anchors.append((self.length, piece_line, piece_col + 1))
            self._emit(" ".join(m.group().split()))
        self.space = data[-1].isspace()


def read_html(path: Path, raw: bytes) -> Source:
    text = _decode(path, raw).replace("\r\n", "\n").replace("\r", "\n")
    parser = _HtmlText(text)
    parser.feed(text)
    parser.close()
    body = "".join(parser.parts)
    return Source(
        str(path),
        "html",
        body,
        anchors=parser.anchors,
        suppressions=suppressions(text),
        meta=jdgen_meta(parser.keywords),
    )


# --- DOCX and PDF --------------------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


DOCX_MAX_PARTS = 10_000
DOCX_MAX_UNPACKED = 50_000_000  # a posting unpacks to well under 1 MB, logo included


def read_docx(path: Path, raw: bytes) -> Source:
    if raw.startswith(OLE_MAGIC):
        raise _fail(
            path,
            "is password-protected (or an old binary .doc)",
            "remove the password in Word, or save as .docx",
        )
    if not raw.startswith(b"PK"):
        raise _fail(path, "is not a .docx file (not a ZIP package)", "open it in Word and save as .docx")
    problem = package_problem(raw, DOCX_MAX_PARTS, DOCX_MAX_UNPACKED)
    if problem:  # a zip bomb is refused before python-docx unpacks it
        raise _fail(
            path, f"cannot be read as .docx ({problem})", "open it in Word and save it again as .docx"
        )
    import io

    import docx  # python-docx: only when a DOCX is read

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - any parse failure is the file's, named in one line
        raise _fail(
            path, f"cannot be read as .docx ({type(exc).__name__})", "open it in Word and save it again"
        ) from None
    paragraphs: list[tuple[str, str]] = []
    styled = False
    for p in document.paragraphs:
        prefix = _docx_prefix(p)
        styled = styled or prefix == "# "
        paragraphs.append((prefix, p.text))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(("", p.text) for p in cell.paragraphs)
    parts, anchors, length = [], [], 0
    for number, (prefix, text) in enumerate(paragraphs, start=1):
        # a tab parts a label from its value (jdgen's facts rows): kept as one tab
        text = "\t".join(" ".join(part.split()) for part in text.split("\t") if part.strip())
        anchors.append((length, number, 1))
        anchors.append((length + len(prefix), number, 1))
        parts.append(prefix + text + "\n")
        length += len(prefix) + len(text) + 1
    return Source(
        str(path),
        "docx",
        "".join(parts),
        unit="paragraph",
        anchors=anchors,
        meta=jdgen_meta(document.core_properties.keywords),
        structured=styled,
    )


def _docx_prefix(paragraph) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith(("Heading", "Title")):
        return "# "
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    return "- " if numbered or "List" in style else ""


def read_pdf(path: Path, raw: bytes) -> Source:
    if not raw.startswith(b"%PDF"):
        raise _fail(path, "is not a PDF file", "export the posting to PDF again")
    import io

    from pypdf import PdfReader  # only when a PDF is read
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _fail(path, "is password-protected", "save an unprotected copy of the PDF")
        keywords = (reader.metadata or {}).get("/Keywords")
        tagged = _pdf_tagged(reader)
        pages = [] if tagged is not None else [page.extract_text() or "" for page in reader.pages]
    except CheckInputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _fail(
            path, f"cannot be read as PDF ({type(exc).__name__})", "export the posting to PDF again"
        ) from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on broken files
        if "crypt" in str(exc).lower() or "password" in str(exc).lower():
            raise _fail(path, "is password-protected", "save an unprotected copy of the PDF") from None
        raise _fail(
            path, f"cannot be read as PDF ({type(exc).__name__})", "export the posting to PDF again"
        ) from None
    parts, anchors, length = [], [], 0
    if tagged is not None:
        for number, prefix, text in tagged:
            anchors.append((length, number, None))
            parts.append(prefix + text + "\n")
            length += len(prefix) + len(text) + 1
    for number, page in enumerate(pages, start=1):
        text = "\n".join(_pdf_lines(page.replace("\r", "\n").split("\n"))) + "\n"
        anchors.append((length, number, None))
        parts.append(text)
        length += len(text)
    return Source(
        str(path),
        "pdf",
        "".join(parts),
        unit="page",
        anchors=anchors,
        meta=jdgen_meta(keywords),
        structured=tagged is not None,
    )


BULLET = re.compile(r"^[•▪◦‣·●○■□–-]\s*")


def _pdf_lines(lines: list[str]) -> list[str]:
    """An untagged PDF's lines: a bullet becomes "- ", and a bullet alone on its line
    joins the text that follows it."""
    out: list[str] = []
    pending = False
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if BULLET.fullmatch(line):
            pending = True
            continue
        if m := re.match(r"^[•▪◦‣·●○■□–]\s*", line):
            line = "- " + line[m.end() :]
        elif pending:
            line = "- " + line
        pending = False
        out.append(line)
    return out


# Structure elements of a tagged PDF (ISO 32000 14.8.4) that make one block each
PDF_BLOCKS = {"P": "", "LI": "- ", "TD": "", "TH": "", "Caption": "", "BlockQuote": "", "Note": ""}
PDF_BLOCKS |= {"H": "# ", **{f"H{i}": "# " for i in range(1, 7)}}


def _pdf_tagged(reader) -> list[tuple[int, str, str]] | None:
    """(page, prefix, text) of every block of a tagged PDF, in the structure tree's order:
    headings, list items and paragraphs as the writer marked them; page furniture
    (running headers and footers, list bullets) is not in the tree and is left out.
    None when the PDF has no structure tree (or one without text)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    root = reader.trailer["/Root"]
    tree = root.get("/StructTreeRoot")
    if tree is None:
        return None
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages, start=1)}
    content: dict[tuple[int, int], list[str]] = {}
    for number, page in enumerate(reader.pages, start=1):
        stack: list[int | None] = []

        def before(op, args, cm, tm, stack=stack):
            if op == b"BDC":
                props = args[1] if len(args) > 1 else None
                stack.append(props.get("/MCID") if isinstance(props, DictionaryObject) else None)
            elif op == b"BMC":
                stack.append(None)
            elif op == b"EMC" and stack:
                stack.pop()

        def text(t, cm, tm, font, size, stack=stack, number=number):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is not None and t:
                content.setdefault((number, int(mcid)), []).append(t)

        page.extract_text(visitor_operand_before=before, visitor_text=text)

    def resolve(obj):
        return obj.get_object() if isinstance(obj, IndirectObject) else obj

    def kids(element) -> list:
        k = resolve(element.get("/K")) if isinstance(element, DictionaryObject) else None
        if k is None:
            return []
        return [resolve(x) for x in k] if isinstance(k, ArrayObject) else [k]

    def page_of(element, page):
        ref = element.get("/Pg") if isinstance(element, DictionaryObject) else None
        return pages.get(ref.idnum, page) if isinstance(ref, IndirectObject) else page

    def collect(element, page, out: list[tuple[int, str]]) -> None:
        """The marked-content pieces under an element, in order (list labels left out)."""
        if isinstance(element, int):
            out.extend((page, t) for t in content.get((page, element), ()))
            return
        if not isinstance(element, DictionaryObject) or element.get("/S") == "/Lbl":
            return
        page = page_of(element, page)
        if "/MCID" in element:  # a marked-content reference
            collect(int(element["/MCID"]), page, out)
            return
        for kid in kids(element):
            collect(kid, page, out)

    blocks: list[tuple[int, str, str]] = []

    def emit(prefix: str, pieces_of: list[list[tuple[int, str]]]) -> None:
        texts = [_pdf_join(p) for p in pieces_of]
        texts = [t for t in texts if t]
        if texts:
            first = next(p for p in pieces_of if p)[0][0]
            blocks.append((first, prefix, "\t".join(texts)))

    def walk(element, page) -> None:
        if not isinstance(element, DictionaryObject):
            return
        page = page_of(element, page)
        tag = str(element.get("/S", ""))[1:]
        children = [k for k in kids(element) if isinstance(k, DictionaryObject)]
        if tag == "Div" and children and all(str(k.get("/S")) == "/LI" for k in children):
            # a row of a definition list (<dt>label</dt><dd>value</dd>): one label/value line
            rows = []
            for k in children:
                pieces: list[tuple[int, str]] = []
                collect(k, page, pieces)
                rows.append(pieces)
            emit("", rows)
            return
        if tag == "L" and children and len(children) % 2 == 0 and all(_pdf_term(k, kids) for k in children):
            # a definition list without row groups (<dt>term</dt><dd>text</dd> ...): its
            # items carry no list label; each term and its text make one label/value line
            for term, text in zip(children[::2], children[1::2], strict=True):
                rows = []
                for k in (term, text):
                    pieces = []
                    collect(k, page, pieces)
                    rows.append(pieces)
                emit("", rows)
            return
        if tag in PDF_BLOCKS:
            pieces = []
            collect(element, page, pieces)
            emit(PDF_BLOCKS[tag], [pieces])
            return
        for kid in kids(element):
            walk(kid, page)

    walk(resolve(tree), 1)
    return blocks or None


def _pdf_term(element, kids) -> bool:
    """An LI with no list label (Lbl): a <dt> or <dd> of a definition list."""
    return str(element.get("/S")) == "/LI" and not any(
        str(getattr(k, "get", lambda _: None)("/S")) == "/Lbl" for k in kids(element)
    )


def _pdf_join(pieces: list[tuple[int, str]]) -> str:
    """The text of one block: its lines joined with spaces, a line that ends in a hyphen
    joined to the next without one ("company-" + "wide")."""
    text = ""
    for _, piece in pieces:
        if piece.startswith("\n") and text:
            sep = "" if re.search(r"[^\W\d_]-$", text) else " "
            text = text + sep + piece.lstrip("\n")
        else:
            text += piece
    return " ".join(text.split())


READERS = {"md": read_text, "txt": read_text, "html": read_html, "docx": read_docx, "pdf": read_pdf}


def from_text(text: str, kind: str, name: str) -> Source:
    """A Source from text in memory (md, txt or html)."""
    if kind == "html":
        return read_html(Path(name), text.encode("utf-8"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Source(name, kind, text, suppressions=suppressions(text) if kind == "md" else [])
