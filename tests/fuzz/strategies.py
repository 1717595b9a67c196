"""Hypothesis strategies for every kind of jdgen input file, from jdgen's own JSON Schemas.

A document is drawn from the schema `jdgen schema KIND` prints (so it stays within whatever
bounds the schema declares), laid over a real example of that kind (so most of it makes
sense and the run gets past the first check), then, often, mutated: one value swapped for
a hostile one (out of range, wrong type, far date, odd URL or path, a name jdgen uses for
its own files), or the YAML text itself broken (duplicate keys, `on:`, aliases, tabs, BOMs,
UTF-16, control characters, truncation, deep nesting).
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field

import yaml
from hypothesis import strategies as st
from hypothesis.internal.conjecture import utils as conjecture
from hypothesis_jsonschema import _from_schema, from_schema

from jdgen.model.data import CheckSettings
from jdgen.schema.convert import json_schema
from jdgen.schema.registry import schema_for


class _Many:
    """The `more()`/`reject()` calls hypothesis-jsonschema 0.23.1 makes, over the `with
    many(...)` form hypothesis 6.170.27 switched to (the lock pins both); a no-op where
    hypothesis still has `more()`."""

    def __init__(self, data, **sizes):
        self._many = conjecture.many(data, **sizes).__enter__()
        self._elements = iter(self._many)

    def more(self) -> bool:
        if next(self._elements, StopIteration) is StopIteration:
            self._many.__exit__(None, None, None)
            return False
        return True

    def reject(self, why=None) -> None:
        self._many.reject(why)


if not hasattr(conjecture.many, "more"):
    _from_schema.cu = types.SimpleNamespace(**{**vars(conjecture), "many": _Many})


def schema(kind: str) -> dict:
    """The JSON Schema jdgen itself publishes for this kind of file (`.jdgen-check.yaml` is
    the same CheckSettings model as a profile's and jdgen.yaml's `check:`)."""
    if kind == "check":
        return json_schema(CheckSettings, "jdgen check settings (.jdgen-check.yaml)")
    return schema_for(kind)


@dataclass
class Raw:
    """A scalar written into the YAML text as it is (a 4,400-digit integer, `.nan`, a bare
    date), which no Python value would dump as."""

    text: str


DIGITS = "9" * 4400  # past Python's 4,300-digit limit for int(str)
HOSTILE_RAW = [
    DIGITS,
    "-" + DIGITS,
    "12345678901234567890123456789",
    "1234567890123456789012345678.5",
    "0.000000000000000000000000000001",
    "1e400",
    "-1",
    "0",
    "-0.0",
    ".nan",
    ".inf",
    "-.inf",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "9999-12-31T23:59:59Z",
    "0x7fffffffffffffffffff",
    "0o777777777777777777777777",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!python/object/apply:os.system ['true']",
    "!!timestamp 2026-01-01",
    "*undefined_alias",
    "[[[[[[[[[[]]]]]]]]]]",
]
HOSTILE_VALUES = [
    None,
    True,
    False,
    0,
    -1,
    -(10**18),
    10**30,
    3.5,
    float("nan"),
    float("inf"),
    "",
    " ",
    "\t",
    [],
    {},
    [None],
    [[]],
    {"": None},
    "NaN",
    "inf",
    "1e309",
    "-0",
    "10000-01-01",
    "9999-12-31",
    "0000-00-00",
    "2026-13-45",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "mailto:",
    "http://",
    "//evil.example/x",
    "ftp://example.com/x",
    "file:///etc/passwd",
    "../../outside/canary.txt",
    "../outside",
    "/etc/passwd",
    "/dev/null",
    "link-out/x",
    "dangling",
    "~/x",
    "C:\\Windows\\x",
    "a/b",
    ".",
    "..",
    "manifest",
    "index",
    "manifest.json",
    "index.html",
    ".manifest.lock",
    "CON",
    "{{ 7 * 7 }}",
    "{{ '9' * 999999999 }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{{ ''.center(2000000000) }}",
    "<script>alert(1)</script>",
    "\u202eevil",
    "x\u0000y",
    "x\u0007y",
    "\ufeffBOM",
    "UK",
    "gb",
    826,
    "ZZ",
    "x" * 20_000,
    ["UK", "gb", 1],
]


@dataclass
class Case:
    """One drawn input file: its document, how it was mutated, and the bytes written."""

    kind: str
    document: object
    mutations: list[str] = field(default_factory=list)
    data: bytes = b""

    def __repr__(self) -> str:
        return f"Case({self.kind}, mutations={self.mutations}, {len(self.data)} bytes)"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))

    def describe(self) -> str:
        shown = self.data.decode("utf-8", "backslashreplace")
        if len(shown) > 3000:
            shown = shown[:1500] + f"\n... ({len(self.data)} bytes) ...\n" + shown[-1000:]
        return f"mutations: {self.mutations or 'none'}\n--- {self.kind} file ---\n{shown}\n--- end ---"


def _paths(value, prefix=()):
    """Every place in a document a value can be swapped: (path to its container, key)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield prefix, key
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield prefix, index
            yield from _paths(item, (*prefix, index))


def _at(document, path):
    for step in path:
        document = document[step]
    return document


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


@st.composite
def value_mutation(draw, document, mutations: list[str]):
    """The document with one value, key or list swapped for a hostile one."""
    document = _copy(document)
    places = list(_paths(document)) if isinstance(document, dict) else []
    how = draw(st.sampled_from(["value", "raw", "unknown-key", "empty-list", "deep"] if places else ["top"]))
    if how == "top":
        mutations.append("document replaced")
        return draw(st.sampled_from(HOSTILE_VALUES + [Raw(r) for r in HOSTILE_RAW]))
    path, key = draw(st.sampled_from(places))
    container = _at(document, path)
    where = ".".join(str(p) for p in (*path, key))
    if how == "unknown-key":
        target = container if isinstance(container, dict) else document
        name = draw(st.sampled_from(["colour", "on", "<<", "", "__proto__", "Name", "name "]))
        target[name] = draw(st.sampled_from(HOSTILE_VALUES))
        mutations.append(f"unknown key {name!r}")
    elif how == "empty-list":
        container[key] = []
        mutations.append(f"{where}: []")
    elif how == "deep":
        container[key] = Raw("[" * 3000 + "]" * 3000)
        mutations.append(f"{where}: 3000 nested lists")
    else:
        new = (
            draw(st.sampled_from(HOSTILE_VALUES))
            if how == "value"
            else Raw(draw(st.sampled_from(HOSTILE_RAW)))
        )
        container[key] = new
        mutations.append(f"{where}: {_short(new)}")
    return document


def _short(value) -> str:
    text = value.text if isinstance(value, Raw) else repr(value)
    return text if len(text) < 60 else f"{text[:40]}... ({len(text)} chars)"


def dump(document) -> str:
    """YAML text of a document, Raw scalars written as they are."""
    raws: list[str] = []

    def swap(value):
        if isinstance(value, Raw):
            raws.append(value.text)
            return f"RAW{len(raws) - 1}RAW"
        if isinstance(value, dict):
            return {swap(k) if isinstance(k, Raw) else k: swap(v) for k, v in value.items()}
        if isinstance(value, list):
            return [swap(v) for v in value]
        return value

    text = yaml.safe_dump(swap(document), allow_unicode=True, sort_keys=False, width=1000)
    for index, raw in reversed(list(enumerate(raws))):
        text = text.replace(f"RAW{index}RAW", raw)
    return text


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or [""]


TEXT_MUTATIONS = [
    "duplicate-key",
    "on-key",
    "anchors",
    "merge-key",
    "tab",
    "bom",
    "utf-16",
    "utf-16-le",
    "latin-1",
    "control",
    "truncate",
    "deep-block",
    "empty",
    "comment-only",
    "two-documents",
    "alias-bomb",
    "crlf",
    "huge",
]


@st.composite
def text_mutation(draw, text: str, mutations: list[str]) -> bytes:
    """The YAML text (as bytes) broken in one way a careless or hostile user would."""
    how = draw(st.sampled_from(TEXT_MUTATIONS))
    mutations.append(how)
    rows = _lines(text)
    top = [r for r in rows if r[:1].isalpha()] or ["name: x\n"]
    if how == "duplicate-key":
        text += draw(st.sampled_from(top))
    elif how == "on-key":
        text = (
            draw(st.sampled_from(["on: 2\n", "yes: 1\n", "no: x\n", "off: true\n", "null: 1\n", "1: x\n"]))
            + text
        )
    elif how == "anchors":
        text = "x-anchor: &a " + draw(st.sampled_from(["[1, 2]", "{a: 1}", "text", DIGITS])) + "\n" + text
        at = draw(st.integers(0, len(top) - 1))
        key = top[at].split(":", 1)[0]
        text += f"{key}: *a\n"
    elif how == "merge-key":
        text = "base: &b {x: 1}\n<<: *b\n" + text
    elif how == "tab":
        text = text.replace("\n  ", "\n\t", 1) if "\n  " in text else "\t" + text
    elif how == "control":
        char = draw(st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\ufffe", "\ud800"]))
        at = draw(st.integers(0, len(text)))
        text = text[:at] + char + text[at:]
    elif how == "deep-block":
        depth = draw(st.sampled_from([200, 2000]))
        text += "deep:\n" + "".join(" " * i + "- \n" for i in range(1, depth)) + " " * depth + "- x\n"
    elif how == "empty":
        text = draw(st.sampled_from(["", "\n", "---\n", "~\n", "[]\n", "- x\n", "just text\n", "...\n"]))
    elif how == "comment-only":
        text = "# nothing but a comment\n"
    elif how == "two-documents":
        text = text + "---\n" + text
    elif how == "alias-bomb":
        text = (
            'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
            "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n" + text
        )
    elif how == "crlf":
        text = text.replace("\n", "\r\n")
    elif how == "huge":
        text += "# " + "x" * 2_100_000 + "\n"
    data = text.encode("utf-8", "surrogatepass")
    if how == "bom":
        data = b"\xef\xbb\xbf" + data
    elif how == "utf-16":
        data = text.encode("utf-16", "surrogatepass")
    elif how == "utf-16-le":
        data = text.encode("utf-16-le", "surrogatepass")
    elif how == "latin-1":
        data = (text + "about: caf\u00e9 \u00a3\n").encode("latin-1", "replace")
    elif how == "truncate":
        data = data[: draw(st.integers(0, max(0, len(data) - 1)))]
    return data


@st.composite
def cases(draw, kind: str, base: dict, grounding: dict | None = None) -> Case:
    """A file of this kind: `base` itself, a few keys of a schema-drawn document laid over
    it, or the drawn document alone; `grounding` keys set to mostly known-good values half
    of the time; then, more often than not, mutated in its values or its text (or both)."""
    drawn = draw(from_schema(schema(kind)))
    how = draw(st.sampled_from(["base", "overlay", "overlay", "alone"]))
    if how == "base" or not isinstance(drawn, dict):
        document = _copy(base) if how == "base" else drawn
    elif how == "overlay":
        keys = draw(st.lists(st.sampled_from(sorted(drawn)), max_size=2, unique=True)) if drawn else []
        document = {**_copy(base), **{k: drawn[k] for k in keys}}
    else:
        document = drawn
    for key, strategy in (grounding or {}).items():
        if isinstance(document, dict) and draw(st.booleans()):
            document[key] = draw(strategy)
    case = Case(kind, document)
    mode = draw(st.sampled_from(["none", "none", "value", "text", "both"]))
    if mode in ("value", "both"):
        case.document = draw(value_mutation(case.document, case.mutations))
    text = dump(case.document)
    case.data = (
        draw(text_mutation(text, case.mutations)) if mode in ("text", "both") else text.encode("utf-8")
    )
    return case


# how an input file is there: usually a file; sometimes a FIFO, /dev/zero or a folder
def mostly(good, *bad):
    """A known-good value most of the time, else one of the bad ones: most examples should
    get far enough to write something."""
    return st.sampled_from([good] * max(2, len(bad)) + list(bad))


FILE_KINDS = [*["regular"] * 10, "fifo", "dev-zero", "directory"]
CHEAP_FORMATS = ["md", "json", "txt", "html"]


def formats(posting: bool = False):
    """A few cheap formats, and now and then a PDF or DOCX (`jsonld` only for postings)."""
    cheap = [*CHEAP_FORMATS, "jsonld"] if posting else CHEAP_FORMATS
    rare = st.sampled_from(["pdf", "docx"])
    return st.tuples(
        st.lists(st.sampled_from(cheap), min_size=1, max_size=3, unique=True),
        st.integers(0, 9),
        rare,
    ).map(lambda t: ",".join(t[0] + ([t[2]] if t[1] == 0 else [])))
