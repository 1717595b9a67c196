"""jdgen's own headings and labels (templates/labels.yaml), shared by every format and by
the opening of a tailored posting."""

from __future__ import annotations

from pathlib import Path

from ..core.caches import memo
from ..model.base import Text
from ..yamlio.nodes import LineDict, LineList
from ..yamlio.source import load_yaml
from . import translation
from .english import respell_tree
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
    document's language: en-GB respells them as the library's text is (english.py), German
    takes each from the catalogue (translation.py)."""
    path = sources.template("labels.yaml")
    if language.startswith("en"):
        return _labels(path, path.stat().st_mtime_ns, language)
    found = translation.catalogue(sources, language.split("-")[0])
    return _translated(path, path.stat().st_mtime_ns, found, language == "de-CH")


@memo
def _labels(path: Path, mtime_ns: int, language: str) -> Labels:
    return Labels(respell_tree(load_yaml(path), language))


@memo
def _translated(path: Path, mtime_ns: int, found: translation.Catalogue, swiss: bool) -> Labels:
    """Every label in the catalogue's language; one without its entry stops the run."""
    translate = translation.translator(found)

    def walk(value, line):
        if isinstance(value, LineDict):
            return {k: walk(v, value.line_of(k)) for k, v in value.items()}
        if isinstance(value, LineList):
            return [walk(v, value.line_of(i)) for i, v in enumerate(value)]
        if not isinstance(value, str):
            return value
        text = Text(value)
        text.file, text.line = path, line
        out = str(translate(text))
        return out.replace("ß", "ss") if swiss else out

    return Labels(walk(load_yaml(path), 0))
