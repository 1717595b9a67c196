"""The structure of a posting as the rules see it: blocks, sentences, masked text.

`analyse(source)` finds headings, list items and paragraphs; blanks out what is not
prose (URLs, e-mail addresses, HTML comments, Markdown markup) without moving any
offset; and marks the spans no word rule may flag: the equal-opportunity statement
(its words are the law's) and text in quotation marks (a mention, not a use).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from .matcher import WordStarts
from .readers import Source
from .rules import data_file

MASK = re.compile(
    r"<!--.*?-->"  # comments, including suppression comments
    r"|https?://\S+|www\.\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|`[^`\n]*`"  # code
    r"|\]\([^)\s]*\)",  # the target of a Markdown link
    re.S,
)
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
ITEM = re.compile(r"^\s*(?:[-*+•▪◦·]|\d{1,2}[.)])\s+")
BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<t>[^*_\n]{1,80})\1\s*:?\s*$")
QUOTES = re.compile(r"\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”|„[^“”\n]{1,80}[“”]|«[^»\n]{1,80}»")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")


@dataclass(frozen=True)
class Block:
    kind: str  # heading, item, para
    start: int  # offset of the block's text (after any marker)
    end: int
    heading: str  # the heading the block stands under ('' before the first)


@dataclass
class Doc:
    source: Source
    text: str  # the source text
    masked: str  # same length; non-prose blanked with spaces
    blocks: list[Block]
    excluded: list[tuple[int, int]]  # EEO statement and quoted text
    eeo: list[tuple[int, int]]
    sentences: list[tuple[int, int]] = field(default_factory=list)

    @cached_property
    def word_starts(self) -> WordStarts:
        """The word starts of the masked text, indexed for the phrase rules."""
        return WordStarts(self.masked)

    def block_text(self, block: Block) -> str:
        return self.masked[block.start : block.end]

    def is_excluded(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.excluded)

    @property
    def prose(self) -> str:
        """The running text of every non-heading block, each ending as a sentence: the text
        readability figures are computed on (so a list item is one sentence)."""
        parts = []
        for b in self.blocks:
            if b.kind == "heading":
                continue
            text = _plain(self.masked[b.start : b.end])
            if text:
                parts.append(text if text[-1] in ".!?:;" else text + ".")
        return " ".join(parts)

    @property
    def words(self) -> int:
        return sum(len(WORD.findall(self.masked[b.start : b.end])) for b in self.blocks)


def _plain(text: str) -> str:
    text = re.sub(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}", "", text)
    text = text.replace("[", "").replace("]", "")
    return " ".join(text.split())


@cache
def _eeo_pattern() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in data_file("detect")["eeo"]), re.I)


def analyse(source: Source) -> Doc:
    text = source.text
    masked = MASK.sub(lambda m: " " * len(m.group()), text)
    if source.kind in ("md", "document"):
        masked = re.sub(r"[*_]{2}|\\(?=[\\`*_{}\[\]()#+\-.!|])", lambda m: " " * len(m.group()), masked)
    blocks: list[Block] = []
    heading = ""
    offset = 0
    for line in masked.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        if m := HEADING.match(line):
            heading = line[m.end() :].strip()
            blocks.append(Block("heading", start + m.end(), end, heading))
            continue
        if m := BOLD_LINE.match(text[start:end]):
            heading = m.group("t").strip()
            blocks.append(Block("heading", start, end, heading))
            continue
        if m := ITEM.match(line):
            blocks.append(Block("item", start + m.end(), end, heading))
            continue
        stripped = line.strip()
        if source.kind in ("txt", "pdf", "docx") and _looks_like_heading(stripped):
            heading = stripped.rstrip(":")
            blocks.append(Block("heading", start, end, heading))
            continue
        lead = len(line) - len(line.lstrip())
        blocks.append(Block("para", start + lead, end, heading))
    # a Markdown paragraph may wrap over several lines: merge consecutive para lines
    blocks = _merge_paragraphs(blocks, text)
    eeo = [
        (b.start, b.end)
        for b in blocks
        if b.kind != "heading" and _eeo_pattern().search(masked, b.start, b.end)
    ]
    quoted = [(m.start(), m.end()) for m in QUOTES.finditer(masked)]
    doc = Doc(source, text, masked, blocks, eeo + quoted, eeo)
    doc.sentences = list(_sentences(doc))
    return doc


def _looks_like_heading(line: str) -> bool:
    words = line.rstrip(":").split()
    if not words or len(words) > 8 or line[-1] in ".!?,;":
        return False
    return (
        line.endswith(":")
        or line.isupper()
        or all(w[0].isupper() or not w[0].isalpha() or len(w) <= 3 for w in words)
    )


def _merge_paragraphs(blocks: list[Block], text: str) -> list[Block]:
    merged: list[Block] = []
    for b in blocks:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and b.kind == "para"
            and prev.kind in ("para", "item")
            and b.heading == prev.heading
            and "\n\n" not in text[prev.end : b.start + 1]
            and prev.end < b.start
            and text[prev.end : b.start].count("\n") == 1
        ):
            merged[-1] = Block(prev.kind, prev.start, b.end, prev.heading)
        else:
            merged.append(b)
    return merged


def _sentences(doc: Doc):
    """(start, end) of each sentence of every non-heading block."""
    for b in doc.blocks:
        if b.kind == "heading":
            continue
        chunk = doc.masked[b.start : b.end]
        pos = 0
        for m in SENTENCE_END.finditer(chunk):
            if _abbreviation(chunk[: m.start()]):
                continue
            if chunk[pos : m.start()].strip():
                yield b.start + pos, b.start + m.start()
            pos = m.end()
        if chunk[pos:].strip():
            yield b.start + pos, b.start + len(chunk.rstrip())


def _abbreviation(before: str) -> bool:
    last = before.rsplit(None, 1)[-1] if before.split() else ""
    return bool(re.fullmatch(r"(?:[A-Z]|e\.g|i\.e|etc|Dr|Mr|Mrs|Ms|St|Inc|Ltd|No|vs|approx)\.", last, re.I))
