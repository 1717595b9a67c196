"""Parsing YAML safely with PyYAML, line numbers kept (source.py is the front).

Only the safe constructor is used (libyaml's when present, for speed); anchors and
aliases are refused outright because they add nothing to hand-written profiles and are
the vector for "billion laughs" expansion. Imported only when a file is not in jdgen's
cache.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..core.errors import Diagnostic, LibraryError
from ..core.reading import read_input
from .nodes import LineDict, LineList

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 2_000_000  # a profile or block is a few KB; anything this big is a mistake


class _Loader(_Base):
    path: Path
    rows: list[str]
    problems: list[Diagnostic]  # found while constructing: loading goes on past them


_GROUPED_NUMBER = re.compile(r"\d,\s?\d{3}\b")


def _construct_map(loader: _Loader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        # A key is the text as written: YAML 1.1 would make `on:` True and `1:` a number,
        # and every message names the key the user wrote.
        key = key_node.value
        row = loader.rows[key_node.start_mark.line] if key_node.start_mark.line < len(loader.rows) else ""
        number = key_node.tag == "tag:yaml.org,2002:int"
        if number and isinstance(value_node, yaml.ScalarNode) and _GROUPED_NUMBER.search(row):
            # {min: 160,000, max: 200,000}: the "000" after each comma became a key of its own.
            # Say so once per line, drop the stray keys, and let loading go on.
            line = key_node.start_mark.line + 1
            if not any(d.code == "yaml.number-comma" and d.line == line for d in loader.problems):
                loader.problems.append(
                    Diagnostic(
                        "yaml.number-comma",
                        "a number is written with a thousands separator; YAML reads the comma as the "
                        "end of the value",
                        loader.path,
                        line,
                        None,
                        "error",
                        "write numbers without commas: 160000, not 160,000",
                    )
                )
            continue
        if key in data:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        colour = _COLOUR_COMMENT.match(row) if _is_empty(value_node) else None
        if colour:  # `accent: #1f5fa8`: YAML reads everything from '#' as a comment
            loader.problems.append(
                Diagnostic(
                    "yaml.colour-comment",
                    f"'{key}' has no value: YAML reads the unquoted {colour.group(1)} as a comment",
                    loader.path,
                    key_node.start_mark.line + 1,
                    None,
                    "error",
                    f'put the colour in quotes: {key}: "{colour.group(1)}"',
                )
            )
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


# PyYAML's wording for the usual slips, in plain words (the line is given with it)
_PLAIN_SYNTAX = (
    ("expected '-' indicator", "this line is not indented like the lines above it"),
    ("expected <block end>", "this line is not indented like the lines above it"),
    ("did not find expected key", "this line is not indented like the keys around it"),
    ("mapping values are not allowed here", "a ': ' where YAML does not expect a key (quote the text)"),
)

# a flow collection YAML was reading when it failed: its opening and closing characters
_FLOWS = {"sequence": ("[", "]"), "mapping": ("{", "}")}

# `key: #1f5fa8`: a key with no value whose comment starts with a hex colour
_COLOUR_COMMENT = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s+(#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3}))\b")


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null" and node.value == ""


def _construct_seq(loader: _Loader, node: yaml.SequenceNode):
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [item.start_mark.line + 1 for item in node.value]
    yield data
    for item in node.value:
        _warn_if_folded(loader, item)
    data.extend(loader.construct_object(item, deep=True) for item in node.value)


def _warn_if_folded(loader: _Loader, node: yaml.Node) -> None:
    """A '- item' indented one step too far is silently joined to the item above it
    (YAML folds plain text over lines); say so, since the result looks like one item."""
    if not isinstance(node, yaml.ScalarNode) or node.style not in (None, ""):  # plain scalars only
        return
    for index in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(loader.rows))):
        if loader.rows[index].lstrip().startswith("- "):
            loader.problems.append(
                Diagnostic(
                    "yaml.folded-item",
                    "this '- ' line is indented further than the list item above it, so YAML "
                    "joined the two into one item",
                    loader.path,
                    index + 1,
                    None,
                    "warning",
                    "indent it exactly like the other '- ' items of the list",
                )
            )
            return


def _construct_timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    """Keep dates as the ISO text the user wrote; models parse what they need."""
    return loader.construct_scalar(node)


MAX_DIGITS = 100  # no number jdgen takes is longer; Python refuses to read past 4300 digits


def _construct_bounded_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    """An integer no longer than any jdgen takes: a longer one (or one in a base Python
    reads without limit, 0b...) is one line, not a traceback or minutes of conversion."""
    digits = sum(c.isalnum() for c in node.value)
    if digits > MAX_DIGITS:
        raise LibraryError(
            f"a number of {digits} digits is longer than any value jdgen takes",
            loader.path,
            node.start_mark.line + 1,
            "write the number jdgen asks for here, or put text in quotes",
            "yaml.number-size",
        )
    return loader.construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_bounded_int)


def _refuse_aliases(node: yaml.Node, path: Path, seen: set[int], text: str) -> None:
    if id(node) in seen:
        raise LibraryError(
            "YAML anchors and aliases are not supported",
            path,
            _first_alias_line(text) or node.start_mark.line + 1,
            "write the value out in full instead of using '&anchor' and '*alias'",
            "yaml.alias",
        )
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        seen.add(id(node))
        children = (
            node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        )
        for child in children:
            _refuse_aliases(child, path, seen, text)


def _first_alias_line(text: str) -> int | None:
    """Where the first '*alias' is (the node graph only knows where its anchor was)."""
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.AliasToken):
            return token.start_mark.line + 1
    return None


def parse(path: Path) -> tuple[object, tuple[Diagnostic, ...]]:
    """One YAML file's data and the problems found while constructing its values (a
    number with a thousands separator, a list item folded into another); raise
    LibraryError on any problem that stops loading."""
    raw = read_input(path, MAX_BYTES, LibraryError, text=True, fix="split it up or remove the pasted content")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LibraryError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            path,
            line,
            "save the file as UTF-8",
            "yaml.encoding",
        ) from None
    loader = _Loader(text)
    loader.path, loader.rows, loader.problems = path, text.splitlines(), []
    try:
        node = loader.get_single_node()
        if node is None:
            raise LibraryError("file is empty", path, 1, "add the required fields", "yaml.empty")
        _refuse_aliases(node, path, set(), text)
        return loader.construct_document(node), tuple(loader.problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        problem = next((plain for words, plain in _PLAIN_SYNTAX if words in problem), problem)
        line = mark.line + 1 if mark else None
        rows = text.splitlines()
        tabbed = line is not None and line <= len(rows) and "\t" in rows[line - 1]
        fix = "indent with spaces, not tabs" if tabbed else "check indentation and quoting"
        if (
            "quoted scalar" in (exc.context or "")
            and exc.context_mark
            and "end of stream" in (exc.problem or "")
        ):
            # the end of the file is not where the mistake is: the quote that never closes is
            line, problem, fix = (
                exc.context_mark.line + 1,
                "a quote opened here is never closed",
                "close the quote",
            )
        flow = next((kind for kind in _FLOWS if f"flow {kind}" in (exc.context or "")), None)
        if flow and exc.context_mark and "expected ','" in (exc.problem or ""):
            # YAML notices a missing ']' or '}' only where the next key starts: say where it opened
            opened, closing = _FLOWS[flow]
            line, problem, fix = (
                exc.context_mark.line + 1,
                f"a '{opened}' opened here is never closed",
                f"close it with '{closing}', or put text that has commas in quotes",
            )
        raise LibraryError(f"YAML syntax error: {problem}", path, line, fix, "yaml.syntax") from None
    except yaml.reader.ReaderError as exc:  # a control character or similar, by position
        line = text[: exc.position].count("\n") + 1
        raise LibraryError(
            f"character U+{exc.character:04X} is not allowed in YAML",
            path,
            line,
            "delete or replace it",
            "yaml.character",
        ) from None
    except yaml.YAMLError as exc:
        raise LibraryError(f"YAML error: {exc}", path, code="yaml.syntax") from None
    finally:
        loader.dispose()
