"""JSON: the resolved job description itself, for other tools."""

from __future__ import annotations

import json

from ..models import JobDescription


def render(jd: JobDescription) -> bytes:
    return (json.dumps(jd.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
