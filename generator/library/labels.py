"""jdgen's own headings and labels (templates/labels.yaml), shared by every format and by
the opening of a tailored posting."""

from __future__ import annotations

from pathlib import Path

from ..core.caches import memo
from ..model.base import Text
from ..yamlio.nodes import LineDict, LineList
from ..yamlio.source import load_yaml
from . import wording
from .english import builtin_spelling
from .sources import Sources


class Labels:
    """Key-only view of labels.yaml: `labels.values` is the label, never dict.values,
    and a missing key is an error (StrictUndefined) rather than a method or a blank."""

    def __init__(self, data: dict):
        self._data = {k: Labels(v) if isinstance(v, dict) else v for k, v in data.items()}

    def __getattr__(self, name: str):
        try:
            return self.__dict__["_data"][name]
        except KeyError:
            raise AttributeError(name) from None

    __getitem__ = __getattr__

    def get(self, name: str, default=None):
        """A label that may be absent (a lookup by a computed name)."""
        return self.__dict__["_data"].get(name, default)


def labels(sources: Sources, language: str = "en-US") -> Labels:
    """Headings and labels from templates/labels.yaml, shared by all formats, in the
    document's language (wording.py): en-GB respells them with jdgen's own spelling table,
    German takes each from the catalogue, and one without its entry stops the run."""
    path = sources.template("labels.yaml")
    spell = wording.for_tag(builtin_spelling(), sources, language)
    return _labels(path, path.stat().st_mtime_ns, spell)


@memo
def _labels(path: Path, mtime_ns: int, spell) -> Labels:
    def walk(value, line):
        if isinstance(value, LineDict):
            return {k: walk(v, value.line_of(k)) for k, v in value.items()}
        if isinstance(value, LineList):
            return [walk(v, value.line_of(i)) for i, v in enumerate(value)]
        if not isinstance(value, str):
            return value
        text = Text(value)  # where it was written, for a missing translation's line
        text.file, text.line = path, line
        return str(spell(text))

    return Labels(walk(load_yaml(path), 0))
