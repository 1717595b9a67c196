"""The structure of a posting as the rules see it: blocks, sentences, masked text.

`analyse(source)` finds headings, list items and paragraphs; blanks out what is not
prose (URLs, e-mail addresses, HTML comments, Markdown markup) without moving any
offset; and marks the spans no word rule may flag: the equal-opportunity statement
(its words are the law's) and text in quotation marks (a mention, not a use).

Everything here is linear in the text: each pass looks at each character a bounded
number of times (tests/check/test_engine.py and test_document.py count the work).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import field
from functools import cached_property

from ..core.caches import memo
from ..core.record import record
from .labels import dated_pattern, label_pattern
from .matcher import Literals, WordStarts
from .readability import dictionary_syllables, word_count
from .readers import Source
from .rules import data_file

EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
MASK_BRANCHES = (
    r"<!--.*?-->",  # comments, including suppression comments
    r"https?://\S+|www\.\S+",  # URLs
    EMAIL,
    r"`[^`\n]*`",  # code
    r"\]\([^)\s]*\)",  # the target of a Markdown link
)
MASK = re.compile("|".join(MASK_BRANCHES), re.S)
# MASK without its e-mail branch (see _mask_spans), and what may stand before an '@'
MASK_NO_EMAIL = re.compile("|".join(b for b in MASK_BRANCHES if b != EMAIL), re.S)
LOCAL_PART = re.compile(r"[\w.+-]")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
ITEM = re.compile(r"^\s*(?:[-*+•▪◦·]|\d{1,2}[.)])\s+")
BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<t>[^*_\n]{1,80})\1\s*:?\s*$")
QUOTES = re.compile(r"\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”|„[^“”\n]{1,80}[“”]|«[^»\n]{1,80}»")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")


@record(frozen=True)
class Block:
    kind: str  # heading, item, para
    start: int  # offset of the block's text (after any marker)
    end: int
    heading: str  # the heading the block stands under ('' before the first)


@record
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

    @cached_property
    def literals(self) -> Literals:
        """The masked text indexed for patterns that may match anywhere."""
        return Literals(self.masked)

    def block_text(self, block: Block) -> str:
        return self.masked[block.start : block.end]

    @cached_property
    def _excluded_index(self) -> tuple[list[int], list[int]]:
        """The excluded spans' starts, sorted, and the furthest end among each prefix
        (`excluded` is set once, by analyse)."""
        starts, reach, furthest = [], [], -1
        for a, b in sorted(self.excluded):
            furthest = max(furthest, b)
            starts.append(a)
            reach.append(furthest)
        return starts, reach

    def is_excluded(self, start: int, end: int) -> bool:
        """Whether an excluded span holds [start, end): one bisection, not a scan of them all
        (a posting may quote hundreds of phrases)."""
        starts, reach = self._excluded_index
        i = bisect_right(starts, start)
        return i > 0 and reach[i - 1] >= end

    @cached_property
    def words(self) -> int:
        return sum(len(WORD.findall(self.masked, b.start, b.end)) for b in self.blocks)

    @cached_property
    def sentence_words(self) -> list[int]:
        """The words of each sentence as Flesch counts them, in order."""
        return [word_count(self.masked[s:e]) for s, e in self.sentences]


AUTOLINK = re.compile(r"<(?= +>) +>")
MD_MARKUP = re.compile(r"[*_]{2}|\\(?=[\\`*_{}\[\]()#+\-.!|])")


@memo
def _eeo_pattern() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in data_file("detect")["eeo"]), re.I)


@memo
def _eeo_heading_pattern() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in data_file("detect")["eeo_headings"]), re.I)


def analyse(source: Source) -> Doc:
    text = source.text
    masked = _blank(text, _mask_spans(text))
    if source.kind in ("md", "document"):
        masked = MD_MARKUP.sub(_spaces, masked)
        masked = AUTOLINK.sub(_spaces, masked)  # the brackets of <https://...> and <a@b.c>
    blocks: list[Block] = []
    heading = ""
    offset = 0
    dated = dated_pattern(tuple(data_file("detect")["dated_labels"]))
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
        if dated.fullmatch(line):
            continue  # "Revised 2026-11-01": page furniture, in the footer of DOCX and PDF
        if source.kind in ("txt", "pdf", "docx") and not source.structured and _looks_like_heading(stripped):
            heading = stripped.rstrip(":")
            blocks.append(Block("heading", start, end, heading))
            continue
        lead = len(line) - len(line.lstrip())
        blocks.append(Block("para", start + lead, end, heading))
    # a Markdown paragraph may wrap over several lines: merge consecutive para lines
    if not source.structured:  # a structured reader gives one line per paragraph
        blocks = _merge_paragraphs(blocks, text)
    doc = Doc(source, text, masked, blocks, [], [])
    eeo_pattern = _eeo_pattern()
    eeo_heading = _eeo_heading_pattern()
    eeo = [
        (b.start, b.end)
        for b in blocks
        if b.kind != "heading"
        and (eeo_heading.search(b.heading) or doc.literals.search(eeo_pattern, masked, b.start, b.end))
    ]
    quoted = [(m.start(), m.end()) for m in QUOTES.finditer(masked)]
    doc.excluded, doc.eeo = eeo + quoted + _labels(doc), eeo
    doc.sentences = list(_sentences(doc))
    return doc


def _labels(doc: Doc) -> list[tuple[int, int]]:
    """The spans of template labels (templates/labels.yaml) that begin a heading or a
    label/value row ("Competencies", "Decision rights: ..."): jdgen's words, not the
    employer's, so no word rule flags them."""
    pattern = label_pattern()
    spans = []
    for b in doc.blocks:
        if m := pattern.match(doc.masked, b.start, b.end):
            spans.append(m.span("label"))
    return spans


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
    """Consecutive para lines (one line break apart, same heading) as one paragraph; each
    merged block is made once, however many lines it has."""
    merged: list[Block] = []
    run: Block | None = None  # the block being extended
    end = 0
    for b in blocks:
        if (
            run is not None
            and b.kind == "para"
            and run.kind in ("para", "item")
            and b.heading == run.heading
            and end < b.start
            and text.count("\n", end, b.start) == 1
            and "\n\n" not in text[end : b.start + 1]
        ):
            end = b.end
            continue
        if run is not None:
            merged.append(run if run.end == end else Block(run.kind, run.start, end, run.heading))
        run, end = b, b.end
    if run is not None:
        merged.append(run if run.end == end else Block(run.kind, run.start, end, run.heading))
    return merged


def _sentences(doc: Doc):
    """(start, end) of each sentence of every non-heading block. A block's lines are
    pieces of their own where a line reads as a list line (_list_breaks), so ten
    unpunctuated bullets are ten sentences, not one of 130 words."""
    masked = doc.masked
    for b in doc.blocks:
        if b.kind == "heading":
            continue
        piece = b.start
        for end, after in _list_breaks(masked, b.start, b.end):
            yield from _split(masked, piece, end)
            piece = after
        yield from _split(masked, piece, b.end)


def _split(text: str, start: int, end: int):
    """The sentences of text[start:end], as Flesch (1979) counts them: each full unit of
    speech marked off by a full stop, ! or ?, a semicolon, a colon or a dash (a colon after
    a label of one or two words, "Location: London", marks none); and where list items
    were run together with nothing between them (_glued)."""
    pos = start
    for m in BOUNDARY.finditer(text, start, end):
        if m.group("stop") is not None:
            if _abbreviation(text, m.start()):
                continue
        elif m.group("unit") is not None:
            if text[m.start()] == ":" and word_count(text[pos : m.start()]) < 3:
                continue  # a label and its value ("Reports to: COO"), not two units
        elif not _glued(text, m, start):
            continue
        if text[pos : m.start()].strip():
            yield pos, m.start()
        pos = m.end()
    tail = text[pos:end].rstrip()
    if tail.strip():
        yield pos, pos + len(tail)


# Where a sentence may end: a full stop, ! or ? with space after it (the usual case), and
# places where list items were run together with nothing between them, as in text whose
# line breaks were lost ("...to the siteSupporting the marketing...", "counts!)Familiar",
# "someone who:Proven track record", "(with pool)Opportunity"); _glued decides.
BOUNDARY = re.compile(
    r"(?P<stop>(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9]))"
    r"|(?P<bullet>\s*[•▪◦]\s*)"
    r"|(?P<unit>;\s+|(?<=\w):\s+(?=[\"“(]?[A-Z0-9])|\s+[-–—]\s+(?=[A-Z]))"
    r"|(?P<punct>(?<=[a-z\d)][.!?])[.!?\"”’)]*-?(?=[A-Z][a-z])|(?<=[a-z]\))(?=[A-Z0-9])|(?<=[A-Za-z][:)])(?=[A-Z0-9])"
    r"|(?<=…)-(?=[A-Z][a-z]))"
    r"|(?P<brand>(?<=[a-z]{3}[.!?])(?=[a-z]+[A-Z][\w'’]*(?:\s|$)))"
    r"|(?P<camel>[,-]?(?<=[a-z][,-]|[a-z][a-z])(?=[A-Z][a-z])|(?<=[A-Z]{2})(?=[A-Z][a-z]))"
)
GLUED_LEFT = re.compile(r"[A-Za-z]+$")
GLUED_RIGHT = re.compile(r"[A-Z][a-z]+")
GLUED_ACRONYM = re.compile(r"[A-Z]{2,}s?")  # "UAE", "DESCRIPTION", "ESPs"
# two-letter words that start a sentence, where a run-together item may begin ("yearsWe")
SHORT_STARTS = frozenset("We If As It At An My Be Do Go So No To On By".split())


def _glued(text: str, m: re.Match, start: int) -> bool:
    """Whether a boundary candidate with no space in it ends a sentence. After punctuation
    ("site.We", "who:Proven", "pool)Free", "Will…-Represent") or before a bullet sign:
    yes, unless an abbreviation ends there ("e.g.The"). Between a letter and a capital
    ("siteSupporting", "startup,Be", "ambassador-Positively", "DESCRIPTIONHighly"): only
    where the capital starts a dictionary word (of three letters or more, or a two-letter
    sentence start such as "We") and the two halves are no word or name of their own:
    "iPhone", "eBay", "McDonald" (one letter before the capital), "Coca-Cola", "YouTube" (a
    capitalised first half of fewer than four letters), "JavaScript", "PowerPoint",
    "LinkedIn" (detect.yaml's camel_case names) stay one word."""
    at = m.start()
    if m.group("bullet") is not None:
        return True
    if m.group("punct") is not None:
        return not _abbreviation(text, at)
    if m.group("brand") is not None:
        # "Bureau.centrexIT's": a name spelt with a small first letter and a capital inside
        # ("iPhone", "eBay", "centrexIT") starts a sentence as it is spelt, so a full stop
        # straight before it ends a sentence, as before any capitalised word ("area.Twice"),
        # where the word before the stop is one the dictionary knows (not "obj.fooBar") and
        # the name stands alone (not "a.bC.d", "x.getItem()").
        left = GLUED_LEFT.search(text, max(start, at - 1 - LOOK_BACK), at - 1)
        return left is not None and dictionary_syllables(left.group().lower()) is not None
    mark = text[at] if text[at] in ",-" else ""
    left = GLUED_LEFT.search(text, max(start, at - LOOK_BACK), at)
    right = GLUED_RIGHT.match(text, at + len(mark))
    if left is None or right is None:
        return False
    first, second = left.group(), right.group()
    if len(second) < 3 and second not in SHORT_STARTS:
        return False
    if dictionary_syllables(second.lower()) is None:
        return False
    if GLUED_ACRONYM.fullmatch(first):  # "UAEWe", "DESCRIPTIONHighly", "ESPsUnderstand"
        return not mark
    if len(first) < 2 or not first[1:].islower():  # "eBay", "McDonald", "phpMyAdmin"
        return False
    whole = (first + second).lower()
    if whole in _camel_case() or (not mark and dictionary_syllables(whole) is not None):
        return False
    if first[0].isupper():  # "HackathonsLots", "SpotMust", but not "PowerPoint", "Coca-Cola"
        return not mark and len(first) >= 4 and dictionary_syllables(first.lower()) is not None
    return True


@memo
def _camel_case() -> frozenset[str]:
    return frozenset(w.lower() for w in data_file("detect")["camel_case"])


ABBREVIATION = re.compile(r"(?:[A-Z]|e\.g|i\.e|etc|Dr|Mr|Mrs|Ms|St|Inc|Ltd|No|vs|approx)\.", re.I)
LOOK_BACK = 16  # characters before a full stop that can hold the word it ends (> the longest abbreviation)


def _abbreviation(text: str, end: int) -> bool:
    """Whether the word before `end` is an abbreviation ("e.g.", "Dr."). Only the last few
    characters are read: a longer word is no abbreviation, whatever its end."""
    window = text[max(0, end - LOOK_BACK) : end].split()
    return bool(window) and ABBREVIATION.fullmatch(window[-1].lstrip("([\"“‘'")) is not None


LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
# the last words of a line that a wrapped sentence goes on from
CONTINUES = frozenset(
    "a an and are as at be by for from in into is of on or our than that the their to was we "
    "were which who will with within without you your".split()
)


def _list_breaks(text: str, start: int, end: int):
    """(end of a line, start of the next) for each line break inside a block that ends a
    list line: the line stops without punctuation or a word a sentence goes on from, and
    the next line starts with a capital or a digit."""
    for m in LINE_BREAK.finditer(text, start, end):
        before, after = m.start(), m.end()
        if before == start or after >= end or not (text[after].isupper() or text[after].isdigit()):
            continue
        last = text[before - 1]
        if not (last.isalnum() or last in ")]%"):
            continue
        word = text[max(start, before - LOOK_BACK) : before].split()
        if word and word[-1].lower() in CONTINUES:
            continue
        yield before, after


def _spaces(m: re.Match) -> str:
    return " " * len(m.group())


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """text with each span replaced by as many spaces (MASK.sub with spaces)."""
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts += (text[pos:start], " " * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _mask_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `MASK.finditer(text)`, faster: MASK's e-mail branch is slow (it runs
    through every word looking for an '@') and can only match inside the run of
    [\\w.+-] characters just before an '@'. Elsewhere MASK and MASK_NO_EMAIL match alike,
    so MASK_NO_EMAIL finds the next match and MASK itself is tried in those runs up to it
    (tests compare the two on the corpora). Before the next MASK_NO_EMAIL match only the
    e-mail branch can match, and from anywhere in a run it matches or fails alike (the
    local part runs to the same '@'): one try per run, not one per character."""
    if "@" not in text:
        return [m.span() for m in MASK_NO_EMAIL.finditer(text)]
    runs: list[tuple[int, int]] = []  # (first, last + 1) positions where the e-mail branch can start
    at = text.find("@")
    while at >= 0:
        i = at
        while i > 0 and LOCAL_PART.match(text, i - 1):
            i -= 1
        if i < at:
            runs.append((i, at))
        at = text.find("@", at + 1)
    spans, pos, k = [], 0, 0
    ahead = MASK_NO_EMAIL.search(text)  # searched again only once passed: one scan in all
    while True:
        if ahead is not None and ahead.start() < pos:
            ahead = MASK_NO_EMAIL.search(text, pos)
        m = ahead
        limit = m.start() if m else len(text)
        while k < len(runs) and runs[k][1] <= pos:
            k += 1
        while k < len(runs) and runs[k][0] <= limit:
            first, end = max(runs[k][0], pos), runs[k][1]
            e = MASK.match(text, first)
            if e is None and first < limit < end:  # where MASK_NO_EMAIL's match starts
                e = MASK.match(text, limit)
            if e is not None:
                m = e
                break
            k += 1
        if m is None:
            return spans
        spans.append(m.span())
        pos = m.end()
