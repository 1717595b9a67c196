"""One tailored opening: a small YAML file per posting (`postings/<name>.yaml`).

A posting names a role (and optionally level, company and template) and says what is
different about this one opening: its title, place and work arrangement, contract,
pay, dates, and statements added, removed or replaced by their stable refs
(`BLOCK/SLUG`, see refs.py). Everything in it is data: no text in a posting is ever
run as a template. `load_posting` reports every problem with file and line;
`posting_to_yaml` writes it back in a stable order (the studio edits postings through
these two functions). The model is model/posting.py; service/postings.py turns a
posting into the one resolved Request the service generates.
"""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

from ..core.errors import Diagnostic, LibraryError
from ..core.files import atomic_write
from ..model.posting import Posting
from ..schema.convert import convert_all
from ..yamlio.nodes import locate
from ..yamlio.source import load_yaml
from .workspace import SCHEMA_FOLDER, find_workspace

POSTING_TEMPLATES = ("posting", "jd")
SCHEMA_HEADER = "# yaml-language-server: $schema={url}\n"


def load_posting(path: Path | str) -> Posting:
    """Load and check one posting file; raise the first problem (file and line)."""
    posting, problems = validate_posting(path)
    errors = [d for d in problems if d.severity == "error"]
    if errors or posting is None:
        raise LibraryError.from_diagnostic(errors[0])
    return posting


def validate_posting(path: Path | str) -> tuple[Posting | None, list[Diagnostic]]:
    """Every problem in a posting file at once: (the posting or None, diagnostics)."""
    path = Path(path)
    problems: list[Diagnostic] = []
    try:
        data = load_yaml(path, problems)
    except LibraryError as exc:
        return None, [exc.diagnostic]
    posting, found = convert_all(Posting, data, path)
    problems += found
    if posting is not None:
        problems += check_values(posting, data, path)
    if any(d.severity == "error" for d in problems):
        posting = None
    return posting, problems


def check_values(posting: Posting, data, path: Path) -> list[Diagnostic]:
    """What the model's own checks leave to the file: dates that disagree, a warning
    (for a file, and for the studio's draft, which has no lines)."""
    out = []

    def problem(code: str, message: str, key: str, fix: str, severity: str = "error") -> Diagnostic:
        return Diagnostic(code, message, path, locate(data, key), None, severity, fix, key)

    if posting.start and posting.closes and posting.closes > posting.start:
        out.append(
            problem(
                "posting.dates",
                f"the posting closes ({posting.closes}) after the job starts ({posting.start})",
                "closes",
                "check the two dates",
                "warning",
            )
        )
    return out


# --- writing ----------------------------------------------------------------------

_ORDER = [f.name for f in dataclasses.fields(Posting) if f.name != "origin"]
WIDTH = 4096  # no value is folded over lines: a later save rewrites only the lines that changed


def posting_to_yaml(posting: Posting, schema_url: str | None = None) -> str:
    """The posting as YAML, keys in the order of the file format, with the schema line.

    Loading the text again gives an equal Posting (the tests round-trip it)."""
    import yaml

    data = posting.identity()
    ordered = {key: data[key] for key in _ORDER if key in data}
    if ordered.get("template") == "posting":
        del ordered["template"]  # the default
    body = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=WIDTH, default_flow_style=False)
    return SCHEMA_HEADER.format(url=schema_url or default_schema_url(posting.file)) + body


def default_schema_url(file: Path | None, kind: str = "posting") -> str:
    """The schema the workspace keeps for editors, relative to the file (else its name)."""

    workspace = find_workspace(file.parent) if file else None
    if workspace is None:
        return f"{SCHEMA_FOLDER}/{kind}.schema.json"
    import os

    target = workspace.root / SCHEMA_FOLDER / f"{kind}.schema.json"
    return Path(os.path.relpath(target, file.parent)).as_posix()


def write_posting(posting: Posting, path: Path) -> bytes:
    """Save a posting file atomically (the studio saves through this); the bytes written.

    A file already there keeps its comments, key order, quoting and layout: only the
    values that differ are rewritten, in place. A new file (or one that no longer loads)
    is written in the usual layout, with the schema line only inside a workspace (there
    is no schemas/ folder for it to name elsewhere)."""
    path = Path(path)
    text = updated_posting_yaml(path, posting) if path.is_file() else None
    if text is None:
        text = posting_to_yaml(posting)
        if find_workspace(path.parent) is None:
            text = text.partition("\n")[2]
    data = text.encode("utf-8")
    atomic_write(path, data)
    return data


def updated_posting_yaml(path: Path, posting: Posting) -> str | None:
    """The posting file at `path` with only what differs from `posting` changed, or None
    when it does not load as a posting (there is nothing of it to keep).

    What is on disk is read as everywhere else (the safe loader and the converter), so
    values equal as a posting are left as written; ruamel.yaml's round trip changes the
    rest in the document itself, keeping comments, order, quoting and indentation."""
    try:
        text = path.read_bytes().decode("utf-8")  # as written: line endings kept
        before, _ = convert_all(Posting, load_yaml(path), path)
    except (LibraryError, OSError, UnicodeDecodeError):
        return None
    if before is None:
        return None
    if before.identity() == posting.identity():
        return text  # nothing changed: the file stays byte for byte as the user wrote it
    import io

    from ruamel.yaml import YAML, YAMLError
    from ruamel.yaml.util import load_yaml_guess_indent

    round_trip = YAML()
    round_trip.preserve_quotes = True
    round_trip.width = WIDTH
    try:
        _, sequence, offset = load_yaml_guess_indent(text)
        document = round_trip.load(text)
    except YAMLError:
        return None
    round_trip.indent(mapping=_mapping_indent(document), sequence=sequence or 2, offset=offset or 0)
    _update_map(document, before.identity(), posting.identity(), Posting)
    out = io.StringIO()
    round_trip.dump(document, out)
    return out.getvalue()


def _mapping_indent(document) -> int:
    """How far the file indents a block mapping's keys (ruamel's guess is the sequences')."""
    for value in document.values():
        if isinstance(value, dict) and value and not value.fa.flow_style():
            return value.lc.key(next(iter(value)))[1]
    return 2


def _model(tp):
    """The dataclass behind a field's type (`X | None`, `tuple[X, ...]`), else None."""
    args = [a for a in typing.get_args(tp) if a is not type(None) and a is not Ellipsis]
    if dataclasses.is_dataclass(tp):
        return tp
    return next((m for a in args if (m := _model(a))), None)


def _update_map(node, old: dict, new: dict, cls) -> None:
    """Make mapping `node` (read as `old`) say `new`: changed keys rewritten, removed
    keys deleted, new keys put where the file format orders them."""
    hints = typing.get_type_hints(cls)
    order = [f.name for f in dataclasses.fields(cls) if f.name != "origin"]
    for key in [k for k in node if k in old and k not in new]:
        del node[key]
    for key in order:
        if key not in new or (key in old and old[key] == new[key]):
            continue
        inner = _model(hints[key])
        if key in node and isinstance(node[key], dict) and isinstance(new[key], dict) and inner:
            _update_map(node[key], old.get(key) or {}, new[key], inner)
        elif key in node and isinstance(node[key], list) and isinstance(new[key], list):
            _update_list(node[key], old.get(key) or [], new[key], inner)
        elif key in node:
            node[key] = _value(new[key], node[key])
        else:  # after the last key the file format puts before it
            before = [i for i, k in enumerate(node) if k in order and order.index(k) < order.index(key)]
            node.insert(max(before, default=-1) + 1, key, _value(new[key], None))


def _update_list(node, old: list, new: list, cls) -> None:
    """Items changed in place, by position: an item's comments stay with its place."""
    for i, item in enumerate(new):
        if i < len(old) and i < len(node) and old[i] == item:
            continue
        if i < len(node) and isinstance(node[i], dict) and isinstance(item, dict) and cls:
            _update_map(node[i], old[i] if i < len(old) else {}, item, cls)
        elif i < len(node):
            node[i] = _value(item, node[i])
        else:
            node.append(_value(item, None))
    del node[len(new) :]


def _value(value, was):
    """A new value for the document, written as the one it replaces was (its quotes, a
    block scalar); text the safe loader would read as something else is quoted."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString, SingleQuotedScalarString

    if isinstance(value, dict):
        return CommentedMap((k, _value(v, None)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_value(v, None) for v in value)
    if not isinstance(value, str):
        return value
    if isinstance(was, ScalarString):
        return type(was)(value)
    if _read_as(value) != "tag:yaml.org,2002:str":
        return SingleQuotedScalarString(value)
    return value


def _read_as(text: str) -> str:
    """The tag PyYAML's safe loader gives `text` written plain (`yes` is true there,
    `1:30` a number, `2027-01-15` a date)."""
    import yaml

    return yaml.SafeLoader("").resolve(yaml.ScalarNode, text, (True, False))
