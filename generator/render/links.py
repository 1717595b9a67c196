"""E-mail addresses and http(s) URLs in user text, as runs that each format links.

`link_runs(text)` splits plain text into (text, href) runs, href None for plain text,
and templates write each run their own way (an <a>, a Markdown autolink, a DOCX
w:hyperlink). Runs stay plain strings that the templates escape like any other value,
so user text never becomes markup; the patterns are strict, so an href never holds a
quote, an angle bracket, a space or any scheme but http, https and mailto.
"""

from __future__ import annotations

import re

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = rf"{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}}"
_PATH_CHAR = r"[A-Za-z0-9\-._~/?#@!$&*+,;=%:]"
_PATH_END = r"[A-Za-z0-9\-_~/#@$&*+=%]"  # ". , ; : ! ?" after a URL end the sentence, not the URL
_URL = rf"https?://{_HOST}(?::[0-9]{{1,5}})?(?:/(?:{_PATH_CHAR}*{_PATH_END})?)?"
_EMAIL = rf"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@{_HOST}"
# Only at the start of a word (which also keeps matching linear), never inside another address.
_LINK = re.compile(rf"(?<![\w@/.:%+-])(?:(?P<url>{_URL})|(?P<email>{_EMAIL}))(?![\w@-])")


def link_runs(text: str) -> list[tuple[str, str | None]]:
    """'Write to a@b.example.' -> [('Write to ', None), ('a@b.example', 'mailto:a@b.example'), ('.', None)]"""
    text = str(text)
    runs: list[tuple[str, str | None]] = []
    start = 0
    for match in _LINK.finditer(text):
        if match.start() > start:
            runs.append((text[start : match.start()], None))
        found = match.group()
        runs.append((found, found if match["url"] else f"mailto:{found}"))
        start = match.end()
    if start < len(text) or not runs:
        runs.append((text[start:], None))
    return runs
