"""Readability figures, exactly as textstat 0.7.4 computes them, without its start-up cost.

textstat 0.7.4 counts syllables with the pyphen en_US hyphenation dictionary and rounds
its intermediate averages; this module does the same arithmetic on the same dictionary
(tests assert equal figures on every test posting and the whole catalogue). Importing
textstat itself takes about 0.2 s (it imports pkg_resources), more than a whole
`jdgen coo` run, so it is the reference in the tests instead of a run-time import.
The parsed dictionary is kept in jdgen's on-disk cache (speed only).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from ..core import cache as disk
from ..core.caches import memo
from ..core.record import record

PUNCTUATION = re.compile(r"[^\w\s]")
TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_HEX = re.compile(r"\^{2}([0-9a-f]{2})")
_PARSE = re.compile(r"(\d?)(\D?)")
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
LEFT, RIGHT = 2, 2  # pyphen's defaults, as textstat uses them


@record(frozen=True)
class Figures:
    reading_ease: float
    grade_level: float
    words: int
    sentences: int
    syllables: int


def dictionary_path() -> Path:
    from importlib.util import find_spec

    spec = find_spec("pyphen")  # locate pyphen's dictionary without importing pyphen
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyphen is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionaries" / "hyph_en_US.dic"


@memo
def patterns() -> tuple[dict[str, tuple[int, tuple[int, ...]]], int]:
    """pyphen's parsed en_US patterns and their longest key, from the cache when fresh."""

    path = dictionary_path()
    stat = path.stat()
    key = disk.key("pyphen-patterns", str(path), stat.st_size, stat.st_mtime_ns)
    cached = disk.load(key)
    if cached is not None:
        return cached
    found: dict[str, tuple[int, tuple[int, ...]]] = {}
    raw = path.read_bytes()
    encoding = raw.split(b"\n", 1)[0].decode().strip() or "utf-8"
    for pattern in raw.decode("cp1251" if encoding.lower() == "microsoft-cp1251" else encoding).split("\n")[
        1:
    ]:
        pattern = pattern.strip()
        if not pattern or pattern.startswith(_IGNORED):
            continue
        pattern = _HEX.sub(lambda m: chr(int(m.group(1), 16)), pattern)
        tags, values = zip(*[(s, int(i or "0")) for i, s in _PARSE.findall(pattern)], strict=True)
        if max(values) == 0:
            continue
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        found["".join(tags)] = (start, tuple(values[start:end]))
    result = (found, max(len(k) for k in found))
    disk.store(key, result)
    return result


_syllable_cache: dict[str, int] = {}


def word_syllables(word: str) -> int:
    """1 + the hyphenation points pyphen finds (textstat's syllable count of one word)."""
    count = _syllable_cache.get(word)
    if count is not None:
        return count
    table, maxlen = patterns()
    pointed = f".{word}."
    refs = [0] * (len(pointed) + 1)
    for i in range(len(pointed) - 1):
        for j in range(i + 1, min(i + maxlen, len(pointed)) + 1):
            hit = table.get(pointed[i:j])
            if hit:
                offset, values = hit
                for k, v in enumerate(values, start=i + offset):
                    if v > refs[k]:
                        refs[k] = v
    right = len(word) - RIGHT
    count = 1 + sum(1 for i, r in enumerate(refs) if r % 2 and LEFT <= i - 1 <= right)
    _syllable_cache[word] = count
    return count


def _round(number: float, points: int) -> float:
    p = 10**points
    return float(math.floor(number * p + math.copysign(0.5, number))) / p


def lexicon_count(text: str) -> int:
    return len(PUNCTUATION.sub("", text).split())


def sentence_count(text: str) -> int:
    sentences = TEXTSTAT_SENTENCE.findall(text)
    return max(1, len(sentences) - sum(1 for s in sentences if lexicon_count(s) <= 2))


def syllable_count(words: list[str]) -> int:
    """The syllables of these words (each word counted once per distinct spelling)."""
    try:
        return sum(map(_syllable_cache.__getitem__, words))
    except KeyError:
        if len(_syllable_cache) > 100_000:
            _syllable_cache.clear()
        for word in set(words).difference(_syllable_cache):
            word_syllables(word)
        return sum(map(_syllable_cache.__getitem__, words))


def figures(text: str) -> Figures:
    """Flesch reading ease and Flesch-Kincaid grade, as textstat 0.7.4 (en_US) returns them."""
    stripped = PUNCTUATION.sub("", text)
    words = len(stripped.split())  # lexicon_count(text)
    sentences = sentence_count(text)
    # removing punctuation and lower-casing commute on ASCII text (not on all of Unicode)
    lowered = stripped.lower() if text.isascii() else PUNCTUATION.sub("", text.lower())
    syllables = syllable_count(lowered.split())
    if not words:
        return Figures(0.0, 0.0, 0, sentences, 0)
    asl = _round(words / sentences, 1)
    aspw = _round(syllables / words, 1)
    ease = _round(206.835 - 1.015 * asl - 84.6 * aspw, 2)
    grade = _round(0.39 * asl + 11.8 * aspw - 15.59, 1)
    return Figures(ease, grade, words, sentences, syllables)
