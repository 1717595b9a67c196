"""Turn a published HTML page (or a fragment) into plain Markdown text: headings, paragraphs, list items.

Standard library only. Used once to extract the corpus's postings from archived pages; kept so the
extraction can be repeated and checked (see corpus/README.md, "How the texts were extracted").
"""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser

BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "blockquote",
}
SKIP = {"script", "style", "nav", "noscript", "svg", "button", "form", "template", "head"}


class _Md(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def _nl(self, n: int = 2) -> None:
        self.out.append("\n" * n)

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif self.skip:
            return
        elif re.fullmatch(r"h[1-6]", tag):
            self._nl()
            self.out.append("#" * int(tag[1]) + " ")
        elif tag == "li":
            self._nl(1)
            self.out.append("- ")
        elif tag in ("br",):
            self._nl(1)
        elif tag in ("td", "th", "dd", "dt"):
            self.out.append(" ")
        elif tag in BLOCK:
            self._nl()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif self.skip:
            return
        elif re.fullmatch(r"h[1-6]", tag) or tag in BLOCK:
            self._nl()

    def handle_data(self, data):
        if not self.skip:
            self.out.append(re.sub(r"\s+", " ", data))


def html_to_md(text: str) -> str:
    parser = _Md()
    parser.feed(text)
    raw = html.unescape("".join(parser.out))
    lines = [line.strip() for line in raw.split("\n")]
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    # a list item whose text was split over lines by the markup: keep "- " items on one line
    return re.sub(r"^- \n+", "- ", cleaned, flags=re.M) + "\n"


if __name__ == "__main__":
    sys.stdout.write(html_to_md(sys.stdin.read()))
