"""What every template gets besides the job description: shared labels."""

from __future__ import annotations

from functools import cache

from ..paths import templates_dir
from ..yamlsource import load_yaml


@cache
def labels() -> dict:
    """Headings and labels from templates/labels.yaml, shared by all formats."""
    return load_yaml(templates_dir() / "labels.yaml")
