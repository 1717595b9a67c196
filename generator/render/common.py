"""What every template gets besides the job description: shared labels."""

from __future__ import annotations

from functools import cache

from ..paths import templates_dir
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


@cache
def labels() -> Labels:
    """Headings and labels from templates/labels.yaml, shared by all formats."""
    return Labels(load_yaml(templates_dir() / "labels.yaml"))
