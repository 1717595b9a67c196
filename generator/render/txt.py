"""Plain text for applicant tracking system forms and e-mail: no markup at all.

The templates (templates/txt/) write one paragraph or bullet per line; here each line
is wrapped to the document's width (`--wrap`, 80 by default, 0 for none). A bullet's
continuation lines are indented under its text. Words are never broken, so a web address
longer than the width stays whole on its own line.
"""

from __future__ import annotations

import re
import textwrap

from ..library.labels import labels
from ..library.sources import Sources
from ..model.data import JobDescription
from .environment import render_template

_BULLET = re.compile(r"(\s*)(- )?")


def render(jd: JobDescription, sources: Sources) -> bytes:
    words = labels(sources, jd.meta.language)
    text = render_template(sources, "text", f"txt/{jd.meta.template}.txt.j2", jd=jd, labels=words)
    lines = [wrap_line(line.rstrip(), jd.meta.wrap) for line in text.strip().split("\n")]
    return (re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n").encode("utf-8")


def wrap_line(line: str, width: int) -> str:
    """One logical line as lines of at most `width` characters (0: unchanged)."""
    if not width or len(line) <= width:
        return line
    indent, bullet = _BULLET.match(line).groups()
    hang = indent + " " * len(bullet or "")
    return textwrap.fill(
        line[len(indent) :],
        width=width,
        initial_indent=indent,
        subsequent_indent=hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
