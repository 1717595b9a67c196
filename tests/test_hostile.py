"""Malformed and hostile inputs: each gives one clear line (file, line, fix), exit code 1,
no traceback, and writes nothing."""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import shutil
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import replace_key

from jdgen.library.loader import known_companies, load_library
from jdgen.library.sources import default_sources

ACME = known_companies(load_library())["acme"].read_text("utf-8")
BILLION_LAUGHS = """name: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
"""


def _line_of(text: str, prefix: str) -> int:
    return next(i for i, row in enumerate(text.splitlines(), 1) if row.lstrip().startswith(prefix))


@dataclass
class Case:
    id: str
    company: str | bytes | Callable[[str], str | bytes] | None = None  # profile text, or a change to acme's
    library: Callable[[Path], None] | None = None  # breaks a copy of the built-in library
    args: tuple[str, ...] = ()
    expect: tuple[str, ...] = ()
    line: int | None = None  # expected line in the profile
    profile: str = "profile.yaml"  # file name the company text is written to
    library_root: str | None = None  # pass --library with this path instead of a broken copy


def _sub(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def _lib(path: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        target = root / path
        text = target.read_text("utf-8")
        assert old in text, old
        target.write_text(text.replace(old, new, 1), "utf-8")

    return change


def _lib_key(path: str, key: str, value: str) -> Callable[[Path], None]:
    return lambda root: replace_key(root / path, key, value)


def _copy_role(root: Path) -> None:
    shutil.copy(root / "roles" / "coo.yaml", root / "roles" / "coo-copy.yaml")


def _write_statement(block: str, level: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / "blocks" / f"{block}.yaml"
        rows = path.read_text("utf-8").splitlines()
        at = rows.index(f"  {level}:") + 1
        rows[at] = f'    - "{text}"'
        path.write_text("\n".join(rows) + "\n", "utf-8")

    return change


CASES = [
    # --- YAML syntax -------------------------------------------------------------------
    Case("unclosed-quote", _sub("name: Acme", 'name: "Acme'), expect=("YAML syntax error",)),
    Case("bad-indentation", _sub("country:", "   country:"), expect=("YAML syntax error",)),
    Case("tab-indentation", _sub("values:\n  -", "values:\n\t-"), expect=("YAML syntax error", "not tabs")),
    Case("duplicate-key", lambda t: t + "name: Other Co\n", expect=("duplicate key 'name'",)),
    Case("unbalanced-brackets", _sub("values:", "values: [a, b\nold:"), expect=("YAML syntax error",)),
    Case("top-level-list", "- name: Acme\n- about: x\n", expect=("expected a mapping",), line=1),
    Case("top-level-text", "just some text\n", expect=("expected a mapping",), line=1),
    Case(
        "python-tag",
        lambda t: "evil: !!python/object/apply:os.system ['true']\n" + t,
        expect=("could not determine a constructor",),
        line=1,
    ),
    Case(
        "control-character", _sub("name: Acme", "name: Ac\x07me"), expect=("U+0007 is not allowed",), line=1
    ),
    # --- wrong types ---------------------------------------------------------------------
    Case(
        "values-number",
        lambda t: _replace_top(t, "values", "7"),
        expect=("'values': expected a list, got a number",),
    ),
    Case(
        "about-list",
        lambda t: _replace_top(t, "about", "[one, two]"),
        expect=("'about': expected text, got a list",),
    ),
    Case(
        "name-bool",
        _sub("name: Acme Manufacturing Inc.", "name: true"),
        expect=("'name': expected text, got true/false",),
    ),
    Case(
        "name-null",
        _sub("name: Acme Manufacturing Inc.", "name: ~"),
        expect=("'name': expected text, got empty",),
    ),
    Case("name-empty", _sub("name: Acme Manufacturing Inc.", 'name: ""'), expect=("'name': is empty",)),
    Case("salary-text", _sub("{min: 85000,", "{min: lots,"), expect=("expected a whole number, got text",)),
    Case(
        "salary-float", _sub("{min: 85000,", "{min: 1.5,"), expect=("expected a whole number, got a number",)
    ),
    Case(
        "bands-list",
        lambda t: _replace_top(t, "salary_bands", "[1, 2]"),
        expect=("expected a mapping, got a list",),
    ),
    # --- unknown and missing keys --------------------------------------------------------------
    Case(
        "unknown-key",
        _sub("industry:", "industy:"),
        expect=("'industy': unknown key", "Did you mean 'industry'"),
    ),
    Case(
        "unknown-nested-key",
        _sub(", max: 115000}", ", maximum: 115000}"),
        expect=("unknown key", "Did you mean 'max'"),
    ),
    Case(
        "missing-name",
        lambda t: t.replace("name: Acme Manufacturing Inc.\n", "", 1),
        expect=("missing required key 'name'",),
        line=1,
    ),
    Case("missing-band-max", _sub(", max: 115000}", "}"), expect=("missing required key 'max'",)),
    # --- values that parse but make no sense ------------------------------------------------------
    Case(
        "unknown-currency",
        _sub("currency: USD", "currency: USB"),
        expect=("unknown currency 'USB'", "Did you mean 'USD'"),
        line=_line_of(ACME, "currency:"),
    ),
    Case(
        "bad-country",
        _sub("country: US", "country: USA"),
        expect=("'country': 'USA' is not an ISO 3166",),
        line=_line_of(ACME, "country:"),
    ),
    Case("country-uk", _sub("country: US", "country: UK"), expect=("Did you mean 'GB'",)),
    Case(
        "country-norway-unquoted",
        _sub("country: US", "country: NO"),
        expect=("expected text, got true/false", "put the value in quotes"),
    ),
    Case(
        "thousands-separator",
        _sub("{min: 85000,", "{min: 85,000,"),
        expect=("thousands separator", "160000, not 160,000"),
    ),
    Case(
        "band-min-over-max",
        _sub("{min: 85000,", "{min: 999999999,"),
        expect=("needs 0 < min <= max", "fix:"),
        line=_line_of(ACME, "manager: {min"),
    ),
    Case(
        "band-unknown-level",
        _sub("salary_bands:", "salary_bands:\n  intern: {min: 1, max: 2}"),
        expect=("salary band for unknown level 'intern'",),
    ),
    # --- file-level problems -----------------------------------------------------------------------
    Case("empty-file", "", expect=("file is empty",), line=1),
    Case("comments-only", "# nothing here\n\n", expect=("file is empty",), line=1),
    Case("ten-megabytes", lambda t: t + "# " + "x" * 10_000_000 + "\n", expect=("larger than the",)),
    Case("billion-laughs", BILLION_LAUGHS, expect=("anchors and aliases are not supported",), line=2),
    Case(
        "latin-1-bytes",
        lambda t: t.replace("name: Acme", "name: Caf\xe9 Acme").encode("latin-1", "replace"),
        expect=("not valid UTF-8 (byte 0xe9)",),
    ),
    # --- the library ------------------------------------------------------------------------------
    Case("duplicate-role-id", library=_copy_role, expect=("duplicate role id 'coo'",)),
    Case(
        "block-missing-level",
        library=_lib("blocks/risk.yaml", "  coordinator:", "  coordinater:"),
        expect=("unknown level 'coordinater'", "Did you mean 'coordinator'"),
    ),
    Case(
        "role-unknown-family",
        library=_lib("roles/coo.yaml", "family: operations", "family: operation"),
        expect=("unknown family 'operation'", "Did you mean 'operations'"),
    ),
    Case(
        "role-unknown-level",
        library=_lib("roles/coo.yaml", "default_level: executive", "default_level: exec"),
        expect=("unknown default_level 'exec'",),
    ),
    Case(
        "role-unknown-neighbour",
        library=_lib("roles/coo.yaml", "compare_with: [", "compare_with: [vp-ops, "),
        expect=("compares with unknown role 'vp-ops'",),
    ),
    Case(
        "duplicate-level-id",
        library=_lib("levels.yaml", "  - id: manager", "  - id: coordinator"),
        expect=("duplicate level id 'coordinator'",),
    ),
    Case(
        "level-missing-field",
        library=_lib("levels.yaml", "    experience_years: 5\n", ""),
        expect=("missing required key 'experience_years'",),
    ),
    Case("not-a-library", library_root="{tmp}", expect=("no levels.yaml here",)),
    # --- templates in statements ---------------------------------------------------------------------
    Case(
        "statement-undefined",
        library=_write_statement("strategy", "executive", "Set {{ company.ceo }} goals."),
        expect=("unknown name '{{ company.ceo }}'", "company.industry, company.location"),
    ),
    Case(
        "statement-mro",
        library=_write_statement("strategy", "executive", "Set {{ ''.__class__.__mro__ }}."),
        expect=("statement",),
    ),
    Case(
        "statement-globals",
        library=_write_statement("strategy", "executive", "Set {{ lipsum.__globals__ }}."),
        expect=("statement",),
    ),
    Case(
        "statement-import",
        library=_write_statement("strategy", "executive", "Set {% import 'os' as os %}x."),
        expect=("statement could not be rendered",),
    ),
    Case(
        "statement-huge-repeat",
        library=_write_statement("strategy", "executive", "Set {{ 'a' * 999999999 }}."),
        expect=("repetition too large",),
    ),
    Case(
        "statement-syntax",
        library=_write_statement("strategy", "executive", "Set {{ company.name ."),
        expect=("template syntax error",),
    ),
    Case(
        "summary-undefined",
        library=_lib_key("roles/coo.yaml", "summary", "'{{ role.boss }}'"),
        expect=("unknown name '{{ role.boss }}'",),
    ),
    # --- names that try to leave the output folder ------------------------------------------------------
    Case("role-traversal", args=("../../etc/passwd",), expect=("unknown role '../../etc/passwd'",)),
    Case("role-absolute", args=("/etc/passwd",), expect=("unknown role '/etc/passwd'",)),
    Case("company-traversal", args=("coo", "-c", "../../etc/passwd"), expect=("company file not found",)),
    Case("company-device", args=("coo", "-c", "/dev/zero"), expect=("is not a regular file",)),
    Case(
        "company-windows-device",
        company=ACME,
        profile="con.yaml",
        expect=("unsafe name for an output file: 'con'",),
    ),
]


def _replace_top(text: str, key: str, value: str) -> str:
    rows = text.splitlines()
    start = next(i for i, row in enumerate(rows) if row.startswith(f"{key}:"))
    end = start + 1
    while end < len(rows) and (rows[end].startswith((" ", "\t")) or not rows[end].strip()):
        end += 1
    rows[start:end] = [f"{key}: {value}"]
    return "\n".join(rows) + "\n"


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40


def _command(case: Case, tmp_path: Path, library_copy: Path) -> list[str]:
    """Global options, then the role and its options, as a user would type them."""
    prefix = []
    if case.library:
        case.library(library_copy)
        prefix = ["--library", str(library_copy)]
    elif case.library_root:
        prefix = ["--library", case.library_root.replace("{tmp}", str(tmp_path))]
    args = list(case.args) or ["coo"]
    if case.company is not None:
        text = case.company(ACME) if callable(case.company) else case.company
        profile = tmp_path / case.profile
        profile.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        args += ["-c", str(profile)]
    elif "-c" not in args:
        args += ["-c", "acme"]
    return [*prefix, *args, "-f", "md,docx,html"]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, run, tmp_path, library_copy):
    result = run(*_command(case, tmp_path, library_copy))
    assert result.exit_code == 1, result.output
    lines = [row for row in result.output.splitlines() if row.strip()]
    assert len(lines) == 1, result.output
    line = lines[0]
    assert line.startswith("error: ")  # the runner re-raises any exception, so none escaped
    for expected in case.expect:
        assert expected in line, line
    if case.company is not None and case.profile == "profile.yaml":
        assert "profile.yaml:" in line, line
        if case.line:
            assert f"profile.yaml:{case.line}:" in line, line
    if case.library:
        assert "lib/" in line and ".yaml:" in line, line
    output = tmp_path / "output"
    assert not output.exists() or not [p for p in output.rglob("*") if p.is_file()]


# --- inputs that are odd but valid: they must work, and come out right in every format ---------


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), id="byte-order-mark"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
    ],
)
def test_bom_and_crlf_are_accepted(run, tmp_path, encode):
    (tmp_path / "odd.yaml").write_bytes(encode(ACME))
    result = run("coo", "-c", str(tmp_path / "odd.yaml"), "-f", "md")
    assert result.exit_code == 0, result.output
    assert "Acme Manufacturing Inc." in (tmp_path / "output" / "odd" / "coo.md").read_text("utf-8")


def _all_formats(run, tmp_path, name: str, about: str = "About us.") -> dict[str, bytes]:
    text = _sub("name: Acme Manufacturing Inc.", f"name: '{name}'")(ACME)
    text = _replace_top(text, "about", "'" + about.replace("'", "''") + "'")
    (tmp_path / "odd.yaml").write_text(text, "utf-8")
    result = run("coo", "-c", str(tmp_path / "odd.yaml"), "-f", "docx,pdf,html,md,json")
    assert result.exit_code == 0, result.output
    return {p.suffix[1:]: p.read_bytes() for p in (tmp_path / "output" / "odd").glob("coo.*")}


def test_markup_specials_survive_every_format(run, tmp_path):
    import io
    import json

    import docx
    from pypdf import PdfReader

    name = 'P&L <Ops> "Group"'
    out = _all_formats(run, tmp_path, name, about="<script>alert('x')</script> & more")
    html = out["html"].decode()
    assert "P&amp;L &lt;Ops&gt; &#34;Group&#34;" in html or "P&amp;L &lt;Ops&gt; &quot;Group&quot;" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert r"P&L \<Ops\> " in out["md"].decode()
    assert json.loads(out["json"])["company"]["name"] == name
    document = docx.Document(io.BytesIO(out["docx"]))
    assert document.core_properties.author == name
    assert any(name in p.text for p in document.paragraphs)
    assert any("<script>alert('x')</script> & more" in p.text for p in document.paragraphs)
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(out["pdf"])).pages)
    assert name in pdf_text and "<script>alert('x')</script>" in pdf_text
    assert PdfReader(io.BytesIO(out["pdf"])).metadata.author == name


def test_jinja_in_company_fields_appears_literally(run, tmp_path):
    import io

    import docx
    from pypdf import PdfReader

    name = "{{ 7 * 7 }} Co {% if true %}x{% endif %}"
    out = _all_formats(run, tmp_path, name, about="We say {{ company.name }} and {# not a comment #}.")
    assert name in out["md"].decode().replace("\\", "") and "49 Co" not in out["md"].decode()
    assert "{{ 7 * 7 }} Co" in out["html"].decode()
    assert any(name in p.text for p in docx.Document(io.BytesIO(out["docx"])).paragraphs)
    assert "{{ company.name }}" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(out["pdf"])).pages)


@pytest.fixture
def notdef_warnings(caplog):
    """WeasyPrint's warnings that it drew a .notdef box for a character no font has."""
    import logging

    from jdgen.render import pdf

    pdf._engine(default_sources())  # sets the logger's level; lower it for the test
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    caplog.set_level(logging.WARNING, logger="weasyprint")
    yield lambda: [r.getMessage() for r in caplog.records if ".notdef" in r.getMessage()]
    logging.getLogger("weasyprint").setLevel(logging.ERROR)


@pytest.mark.parametrize(
    "name",
    [
        "Société Générale Ångström Łódź",
        "東京物流株式会社",
        "서울 운영",
        "شركة العمليات",
        "חברת תפעול",
        "Ops 🚀 Rocket 🧭",
        "Mixed 東京 שלום مرحبا 🚀 Æ",
    ],
)
def test_unicode_names_render_with_real_glyphs(lib, acme, name, notdef_warnings):
    import dataclasses
    import io

    from pypdf import PdfReader

    from jdgen.render import renderer
    from jdgen.service.generate import compose_role

    jd = compose_role(lib, "coo", dataclasses.replace(acme, name=name))
    reader = PdfReader(io.BytesIO(renderer("pdf")(jd)))
    assert notdef_warnings() == [], f"boxes drawn for {name!r}"
    text = reader.pages[0].extract_text()
    assert all(word in text for word in name.split() if not any("\u0590" <= c <= "\u06ff" for c in word))


def test_glyph_check_can_fail(lib, acme, notdef_warnings):
    """A private-use character no font covers must be caught by the check above."""
    import dataclasses

    from jdgen.render import renderer
    from jdgen.service.generate import compose_role

    renderer("pdf")(compose_role(lib, "coo", dataclasses.replace(acme, name="Tofu \U000f0000 Co")))
    assert notdef_warnings()


def _disk_error(monkeypatch, error: int) -> None:
    import os

    real = os.fsync

    def failing(fd):
        real(fd)
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(os, "fsync", failing)


@pytest.mark.parametrize(
    ("errno_", "message"),
    [(28, "No space left on device"), (13, "Permission denied"), (30, "Read-only file system")],
)
def test_disk_errors_keep_the_old_file_and_leave_no_partial(run, tmp_path, monkeypatch, errno_, message):
    assert run("coo", "-c", "acme", "-f", "docx").exit_code == 0
    target = tmp_path / "output" / "acme" / "coo.docx"
    before = target.read_bytes()
    _disk_error(monkeypatch, errno_)
    result = run("coo", "-c", "acme", "-f", "docx", "--force")
    assert result.exit_code == 1
    lines = [row for row in result.output.splitlines() if row.strip()]
    assert len(lines) == 1 and message in lines[0] and "fix:" in lines[0], result.output
    assert target.read_bytes() == before
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_read_only_folder_without_root(run, tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions; the fsync test above covers EACCES")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    result = run("coo", "-c", "acme", "-f", "md", "-o", str(folder))
    assert result.exit_code == 1 and "Permission denied" in result.output


# --- inputs that are not regular files, damaged logos and Word documents, the sandbox's limits ----


@contextmanager
def fed_fifo(path: Path, data: bytes = b"name: Piped Co\n"):
    """A FIFO with a writer waiting: code that opens it reads `data`, as often as it opens
    it, and goes on (so a test of code that should refuse it fails instead of hanging)."""
    os.mkfifo(path)
    done = threading.Event()

    def feed():
        while not done.is_set():
            try:
                with open(path, "wb") as pipe:
                    pipe.write(data)
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        yield path
    finally:
        done.set()
        reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # lets a writer still waiting write
        writer.join()
        os.close(reader)


def _error_lines(result) -> list[str]:
    assert result.exit_code == 1, result.output
    return [row for row in result.output.splitlines() if row.startswith(("error: ", "failed: "))]


def test_a_device_or_a_fifo_as_a_batch_file_is_one_line(run, tmp_path):
    assert _error_lines(run("batch", "/dev/zero")) == [
        "error: /dev/zero: is a device, not a regular file (fix: give a regular file)"
    ]
    with fed_fifo(tmp_path / "roles.yaml", b"companies: [acme]\nroles: [coo]\n"):
        assert _error_lines(run("batch", "roles.yaml", "-f", "md")) == [
            "error: roles.yaml: is a named pipe (FIFO), not a regular file (fix: give a regular file)"
        ]
    assert not (tmp_path / "output").exists()


def test_a_fifo_among_a_workspaces_postings_fails_alone(run, tmp_path):
    assert run("init").exit_code == 0
    with fed_fifo(tmp_path / "postings" / "piped.yaml", b"role: coo\n"):
        errors = _error_lines(run("batch", "-f", "md"))
    assert len(errors) == 1 and "piped.yaml: is a named pipe (FIFO), not a regular file" in errors[0]


def test_a_fifo_to_check_is_one_line_and_the_others_are_checked(run, tmp_path):
    (tmp_path / "ok.md").write_text("# Operations lead\n\nYou will run the warehouse team.\n", "utf-8")
    with fed_fifo(tmp_path / "piped.md", b"# Operations lead\n\nYou will run the team.\n"):
        result = run("check", "ok.md", "piped.md")
    assert _error_lines(result) == [
        "error: piped.md: is a named pipe (FIFO), not a regular file (fix: give a regular file)"
    ]
    assert (
        "1 documents checked, 1 could not be read" in result.output or "1 document checked" in result.output
    )


def test_check_config_that_is_a_device_says_so_not_that_it_is_missing(run, tmp_path):
    (tmp_path / "ok.md").write_text("# Operations lead\n\nYou will run the warehouse team.\n", "utf-8")
    result = run("check", "--config", "/dev/null", "ok.md")
    assert "does not exist" not in result.output
    assert _error_lines(result) == [
        "error: /dev/null: is a device, not a regular file (fix: give a regular file)"
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_file_is_named_as_such_not_binary(run, tmp_path, encoding):
    bom = codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b""
    (tmp_path / "posting.txt").write_bytes(
        bom + "Operations lead\n\nYou will run the team.\n".encode(encoding)
    )
    (errors,) = _error_lines(run("check", "posting.txt"))
    assert "posting.txt: file is saved as UTF-16, not UTF-8" in errors and "save it as UTF-8" in errors
    (tmp_path / "profile.yaml").write_bytes(bom + ACME.encode(encoding))
    (errors,) = _error_lines(run("coo", "-c", "profile.yaml"))
    assert "profile.yaml: file is saved as UTF-16, not UTF-8" in errors


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "#0b6e4f").save(out, "PNG")
    return out.getvalue()


def _with_header(png: bytes, width: int, height: int) -> bytes:
    """The PNG with another size in its header, the header's checksum made right."""
    header = b"IHDR" + struct.pack(">II", width, height) + png[24:29]
    return png[:12] + header + struct.pack(">I", zlib.crc32(header)) + png[33:]


def _svg(view_box: str) -> bytes:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}"><rect width="4" height="4"/></svg>'
    return svg.encode()


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        (
            "logo.png",
            lambda: _with_header(_png(320, 80), 320, 0),
            "its size 320 x 0 is not a width and height over 0",
        ),
        ("logo.png", lambda: _with_header(_png(320, 80), 100_000, 80), "the PNG is 100000 x 80 pixels"),
        ("logo.png", lambda: _png(320, 80)[:-20], "the PNG is cut short"),
        ("logo.png", lambda: _png(320, 80)[:50] + b"\0" * 20 + _png(320, 80)[70:], "the PNG is damaged"),
        ("logo.svg", lambda: _svg("0 0 0 40"), "its size 0 x 40 is not a width and height over 0"),
        ("logo.svg", lambda: _svg("0 0 nan 40"), "its size nan x 40 is not a width and height over 0"),
        ("logo.svg", lambda: _svg("0 0 160 inf"), "its size 160 x inf is not a width and height over 0"),
        ("logo.svg", lambda: _svg("0 0 wide 40"), "the SVG's viewBox '0 0 wide 40' is not four numbers"),
        ("logo.svg", lambda: _svg("0 0 10000 1"), "its size 10000 x 1 is more than 50 times as wide as high"),
        (
            "logo.svg",
            lambda: b'<svg xmlns="http://www.w3.org/2000/svg" width="auto" height="4"/>',
            "the SVG has neither a viewBox",
        ),
        ("logo.svg", None, "is a named pipe (FIFO), not a regular file"),
    ],
)
def test_a_malformed_logo_is_one_line_naming_it(run, tmp_path, name, data, words):
    (tmp_path / "profile.yaml").write_text(ACME + f"theme:\n  logo: {name}\n", "utf-8")
    with contextlib.ExitStack() as stack:
        if data is None:
            stack.enter_context(fed_fifo(tmp_path / name, _svg("0 0 160 40")))
        else:
            (tmp_path / name).write_bytes(data())
        errors = _error_lines(run("coo", "-c", "profile.yaml", "-f", "docx,html,md"))
    line = ACME.count("\n") + 2
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"error: profile.yaml:{line}: logo {name} cannot be used: {words}")
    assert not (tmp_path / "output").exists()


def _docx(change) -> bytes:
    """A Word document made by python-docx, its parts changed by `change(name, data)`
    (None leaves a part out)."""
    import docx

    made = io.BytesIO()
    docx.Document().save(made)
    out = io.BytesIO()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = change(info.filename, source.read(info))
            if data is not None:
                with target.open(info.filename, "w", force_zip64=True) as part:
                    for at in range(0, len(data), 1_000_000):
                        part.write(data[at : at + 1_000_000])
    return out.getvalue()


def _styles(change):
    return lambda name, data: change(data) if name == "word/styles.xml" else data


def _padded(data: bytes) -> bytes:
    """styles.xml with 101 MB of spaces before its end: still valid XML."""
    end = data.rindex(b"</w:styles>")
    return data[:end] + b" " * 101_000_000 + data[end:]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (lambda: b"plain text, not a document", "not a Word document (not a zip file)"),
        (lambda: _docx(_styles(lambda data: None)), "not a Word document (it has no word/styles.xml)"),
        (lambda: _docx(_styles(lambda data: data[: len(data) // 2])), "not a Word document (XMLSyntaxError)"),
        (lambda: _docx(_styles(_padded)), "it unpacks to more than 100 MB"),
        (None, "is a named pipe (FIFO), not a regular file"),
    ],
    ids=["not-a-zip", "no-styles", "broken-xml", "zip-bomb", "fifo"],
)
def test_a_malformed_word_reference_document_is_one_line_naming_it(run, tmp_path, data, words):
    (tmp_path / "profile.yaml").write_text(ACME + "theme:\n  docx_reference: ref.docx\n", "utf-8")
    with contextlib.ExitStack() as stack:
        if data is None:
            stack.enter_context(fed_fifo(tmp_path / "ref.docx", _docx(lambda name, part: part)))
        else:
            (tmp_path / "ref.docx").write_bytes(data())
        errors = _error_lines(run("coo", "-c", "profile.yaml", "-f", "docx"))
    line = ACME.count("\n") + 2
    assert len(errors) == 1, errors
    assert f"profile.yaml:{line}: Word reference document ref.docx cannot be read: {words}" in errors[0]
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{{ ('x' * 10000) * 10000 }}", "repetition too large"),
        (
            "{{ jd.title | center(2000000000) }}",
            "'center' argument 2,000,000,000 is over the 1,000,000 limit",
        ),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "loops and calls",
        ),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "macros call one another more than 50 deep"),
    ],
    ids=["nested-multiplication", "center", "nested-loops", "recursive-macro"],
)
def test_a_template_past_a_sandbox_limit_is_one_line_naming_the_template_and_line(run, tmp_path, body, words):
    assert run("init").exit_code == 0
    (tmp_path / "templates" / "md").mkdir(parents=True, exist_ok=True)
    (tmp_path / "templates" / "md" / "jd.md.j2").write_text(f"# {{{{ jd.title }}}}\n{body}\n", "utf-8")
    errors = _error_lines(run("coo", "-f", "md"))
    assert len(errors) == 1 and "templates/md/jd.md.j2:2: template refused by the sandbox: " in errors[0], (
        errors
    )
    assert words in errors[0] and "(fix: " in errors[0]
    assert not [p for p in (tmp_path / "output").rglob("*.md")]


@pytest.mark.parametrize(
    "setup, args",
    [
        ("roles/loop.yaml", ("validate",)),
        ("blocks/loop.yaml", ("coo", "-f", "md")),
        ("lp", ("coo", "-f", "md", "--out", "lp")),
        ("lp", ("check", "jdgen.yaml", "--config", "lp")),
    ],
)
def test_a_symlink_loop_anywhere_is_one_line_never_a_traceback(tmp_path, setup, args):
    """pathlib raises RuntimeError on a looping link (Python < 3.13): it is read as any other
    unreadable path."""
    import subprocess

    from conftest import jdgen_command

    subprocess.run(jdgen_command("init", "ws"), cwd=tmp_path, capture_output=True, check=True)
    ws = tmp_path / "ws"
    link = ws / setup
    link.symlink_to(link.name)
    proc = subprocess.run(jdgen_command(*args), cwd=ws, capture_output=True, text=True)
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 1, proc.stdout + proc.stderr
