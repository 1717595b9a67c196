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
    return tuple(found)


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
