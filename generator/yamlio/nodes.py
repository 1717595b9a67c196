"""What loaded YAML is made of: mappings and sequences that remember their lines, so a
problem found long after loading can still name the line it stood on."""

from __future__ import annotations

import re


class LineDict(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def locate(data, key: str | None) -> int | None:
    """The line of the value at a key path ("salary.min", "roles[2].id") in loaded YAML:
    the one place a key path becomes a line. Where the path stops matching, the line of
    the deepest part that exists; None for data that was not loaded from a file."""
    node, line = data, getattr(data, "line", None)
    for name, index in _STEP.findall(key or ""):
        if index and isinstance(node, LineList) and int(index) < len(node):
            line, node = node.line_of(int(index)), node[int(index)]
        elif name and isinstance(node, LineDict) and name in node:
            line, node = node.line_of(name), node[name]
        else:
            break
    return line
