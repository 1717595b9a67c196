"""Gender-coded words (Gaucher, Friesen & Kay 2011) and the per-document verdict.

The paper's semantics: `lead*` is a prefix (any letters, digits or hyphens may follow),
`honest` is the whole word only. Unlike Gender Decoder's `startswith` on space-separated
tokens, a word here must start at a word boundary and is cut at the next character that
is not a letter, digit, hyphen or apostrophe, so punctuation, quotes and slashes around a
word do not hide it, and "SharePoint" (an exception) or "sharks" (no stem) never count.
Each word counts once, even when two entries match it ("dominant": domina*, dominant).
"""

from __future__ import annotations

import re

from ..core.caches import memo
from ..core.record import record
from .rules import data_file

GLUE = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z])")  # "committedMust": list lines run together
TOKEN = re.compile(r"(?<![\w])[^\W\d_][\w'’-]*", re.UNICODE)


@record(frozen=True)
class Entry:
    word: str  # without the '*'
    prefix: bool
    side: str  # masculine or feminine
    alternatives: tuple[str, ...]
    exceptions: frozenset[str]
    source: str


@record(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    entry: Entry


@record(frozen=True)
class Verdict:
    verdict: str
    masculine: int
    feminine: int

    @property
    def score(self) -> int:
        return self.feminine - self.masculine


@memo
def lexicon() -> tuple[dict[str, list[Entry]], int, int]:
    """Entries by stem, the longest stem, and the 'strongly' threshold."""
    data = data_file("gender-words")
    by_stem: dict[str, list[Entry]] = {}
    for side in ("masculine", "feminine"):
        for raw in data[side]:
            word = raw["word"].lower()
            entry = Entry(
                word=word.rstrip("*"),
                prefix=word.endswith("*"),
                side=side,
                alternatives=tuple(raw.get("alternatives", ())),
                exceptions=frozenset(w.lower() for w in raw.get("not", ())),
                source=raw.get("source", "paper"),
            )
            by_stem.setdefault(entry.word, []).append(entry)
    return by_stem, max(len(s) for s in by_stem), int(data["verdict"]["strongly_above"])


_matches: dict[str, list[Entry]] = {}


def match_word(token: str) -> list[Entry]:
    """The entries a token matches (at most one per side)."""
    found = _matches.get(token)
    if found is None:
        found = _matches[token] = _match_word(token)
        if len(_matches) > 50_000:
            _matches.clear()
    return found


def _match_word(token: str) -> list[Entry]:
    by_stem, longest, _ = lexicon()
    word = token.lower().replace("’", "'")
    word = word.split("'")[0] if word.endswith(("'s", "'")) else word
    found: dict[str, Entry] = {}
    for k in range(min(len(word), longest), 0, -1):
        for entry in by_stem.get(word[:k], ()):
            if entry.side in found or word in entry.exceptions:
                continue
            if entry.prefix or k == len(word):
                found[entry.side] = entry
    return list(found.values())


def find(text: str, start: int = 0, end: int | None = None):
    """Every coded word in text[start:end], as Hits."""
    end = len(text) if end is None else end
    for m in TOKEN.finditer(text, start, end):
        raw = m.group()
        hits = _token_hits.get(raw)
        if hits is None:
            hits = _token_hits[raw] = _hits_in(raw)
            if len(_token_hits) > 50_000:
                _token_hits.clear()
        if hits:
            offset = m.start()
            for a, b, word, entry in hits:
                yield Hit(offset + a, offset + b, word, entry)


_token_hits: dict[str, tuple[tuple[int, int, str, Entry], ...]] = {}


def _hits_in(raw: str) -> tuple[tuple[int, int, str, Entry], ...]:
    """The coded words in one token (offsets relative to it); remembered per token."""
    token = raw.rstrip("-'’")
    found = [(0, len(token), token, entry) for entry in match_word(token)]
    if "-" in token and not found:
        # hyphenated compounds: each part counts too ("team-leading" -> leading),
        # unless the whole compound is itself an entry ("self-confident")
        offset = 0
        for part in token.split("-"):
            if part:
                found += [(offset, offset + len(part), part, entry) for entry in match_word(part)]
            offset += len(part) + 1
    if not found and GLUE.search(token) and not _is_exception(token):
        # list lines the source ran together ("themCheerful under pressure"): each line's word
        offset = 0
        for part in GLUE.split(token):
            found += [(offset + a, offset + b, word, e) for a, b, word, e in _hits_in(part)]
            offset += len(part)
    return tuple(found)


@memo
def _exceptions() -> frozenset[str]:
    return frozenset(w for entries in lexicon()[0].values() for e in entries for w in e.exceptions)


def _is_exception(token: str) -> bool:
    return token.lower() in _exceptions()


def verdict(masculine: int, feminine: int) -> Verdict:
    """Gender Decoder's scale on feminine minus masculine counts."""
    strongly = lexicon()[2]
    score = feminine - masculine
    if masculine == feminine == 0:
        name = "neutral (no coded words)"
    elif score == 0:
        name = "neutral"
    elif score > strongly:
        name = "strongly feminine-coded"
    elif score > 0:
        name = "feminine-coded"
    elif score < -strongly:
        name = "strongly masculine-coded"
    else:
        name = "masculine-coded"
    return Verdict(name, masculine, feminine)


# --- which occurrences count -----------------------------------------------------------

CLAUSE_END = re.compile(r"[.!?;:|•\n]|\s[-–—]\s|(?<=[a-z]{2})(?=[A-Z][a-z])")
REACH = 160  # characters either side a clause is looked for in (keeps checking linear)


@record(frozen=True)
class Context:
    never: re.Pattern
    cued: re.Pattern
    cues_before: re.Pattern
    cues_after: re.Pattern
    reach: int
    not_after: re.Pattern
    things_after: re.Pattern
    driven_by: frozenset[str]


def _alternatives(raw: str | list[str]) -> str:
    """The data's alternatives (regular expressions; a space is any run of spaces) as one."""
    items = raw.split("|") if isinstance(raw, str) else raw
    return "|".join(re.sub(r" +", r"\\s+", w.strip()) for w in items if w.strip())


@memo
def context() -> Context:
    data = data_file("gender-words")["counts"]
    return Context(
        never=re.compile("|".join(f"(?:{f})" for f in data["never"])),
        cued=re.compile("|".join(f"(?:{f})" for f in data["cued"])),
        cues_before=re.compile(rf"(?:^|\b)(?:{_alternatives(data['cues_before'])})\b", re.I),
        cues_after=re.compile(rf"\W*(?:{_alternatives(data['cues_after'])})\b", re.I),
        reach=int(data["reach"]),
        not_after=re.compile(rf"(?<![a-z])(?i:{_alternatives(data['not_after'])})\s+$"),
        things_after=re.compile(rf"\s*(?:{_alternatives(data['things_after'])})\b", re.I),
        driven_by=frozenset(data["driven_by"]),
    )


def unglue(text: str, hit: Hit) -> Hit:
    """The hit cut where a run-together list line starts ("committedMust" -> "committed")."""
    m = GLUE.search(hit.text)
    if m is None or m.start() < len(hit.entry.word):
        return hit
    return Hit(hit.start, hit.start + m.start(), hit.text[: m.start()], hit.entry)


def counts(text: str, hit: Hit) -> bool:
    """Whether a coded word describes the person wanted or the culture (not a duty, a
    heading, a product, other people or a process): the lexicon's `counts` section."""
    ctx = context()
    word = hit.text.lower().replace("’", "'").removesuffix("'s")
    if ctx.never.fullmatch(word):
        return False
    before = text[max(0, hit.start - 40) : hit.start]
    prefix = re.search(r"(\w+)(-| +)$", before)
    if word == "driven" or (prefix and prefix.group(2) == "-"):
        # "mission-driven", "time-sensitive": the compound names a thing; "self-driven" does not
        return prefix is None or prefix.group(1).lower() in ctx.driven_by
    if ctx.things_after.match(text, hit.end) or ctx.not_after.search(before):
        return False
    if re.search(r"\b(?:is|are|be|been|being|was|were)\s+$", before, re.I) and word.endswith("ed"):
        if re.match(r"\s*(?:,|(?:by|upon|based|on|in|through)\b)", text[hit.end : hit.end + 12]):
            return False  # "will be determined, based upon ...": a process
    if ctx.cued.fullmatch(word):
        start, end = _clause(text, hit)
        lead = text[max(start, hit.start - ctx.reach) : hit.start]
        return bool(ctx.cues_before.search(lead) or ctx.cues_after.match(text, hit.end, end))
    return True


def _clause(text: str, hit: Hit) -> tuple[int, int]:
    """The clause around a hit: from the previous list-line, sentence or clause break to
    the next, within REACH characters."""
    lo = max(0, hit.start - REACH)
    start = lo
    for m in CLAUSE_END.finditer(text, lo, hit.start):
        start = m.end()
    m = CLAUSE_END.search(text, hit.end, min(len(text), hit.end + REACH))
    return start, m.start() if m else min(len(text), hit.end + REACH)
