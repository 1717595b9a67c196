"""What every template gets besides the job description: shared labels."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .. import sources
from ..yamlsource import load_yaml


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


def labels(language: str = "en-US") -> Labels:
    """Headings and labels from templates/labels.yaml, shared by all formats, in the
    document's English (en-GB respells them as the library's text is, english.py)."""
    path = sources.template("labels.yaml")
    return _labels(path, path.stat().st_mtime_ns, language)


@cache
def _labels(path: Path, mtime_ns: int, language: str) -> Labels:
    from ..english import respell_tree

    return Labels(respell_tree(load_yaml(path), language))


@cache
def read_text(path: Path, mtime_ns: int) -> str:
    return path.read_text("utf-8")


def template_text(name: str) -> str:
    """A static template file (a stylesheet, say): noted as read, cached while unchanged."""
    path = sources.template(name)
    return read_text(path, path.stat().st_mtime_ns)
