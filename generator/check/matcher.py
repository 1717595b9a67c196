"""Fast, exact matching of the phrase rules: the same regular expressions, tried only where
they can match.

A phrase rule's pattern only matches at the start of a word, and every match begins with
one of a few short strings that can be read off the pattern itself ("rock[- ]?stars?"
begins with "roc"; "\\d\\d" with one of 100 digit pairs). `prefixes()` derives those
strings (at most PREFIX characters, lower case ASCII) from the parsed pattern;
`WordStarts` indexes a document's word starts by their first PREFIX characters, once per
document; `finditer()` then runs the rule's own compiled pattern with `.match()` at the
candidate positions only. Every match it yields is exactly a match `pattern.finditer()`
yields, in the same order (the test suite compares the two on the test corpora):

- a match starts at a word start (the patterns begin with the word boundary), and its
  first characters are one of the derived prefixes, so no other position can match;
- `.match(text, pos)` sees the text before `pos` (the boundary look-behind works);
- as in `finditer()`, the next match is searched from the end of the previous one.

The prefixes are an over-approximation: a text whose first characters at a word start
are not all ASCII is always a candidate (case-insensitive matching of non-ASCII letters
is not plain lower-casing), and any construct the analysis does not know (a negated
class, a non-ASCII letter in the pattern, a class wider than MAX_CLASS) ends the prefix
there. A pattern the analysis cannot bound at all gets `None`: every word start.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property

try:  # the regular-expression parser of the standard library (private, stable since 3.11)
    from re import _constants as C  # noqa: N812
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as C  # noqa: N812
    import sre_parse

PREFIX = 3  # characters of a word start the index keys on
MAX_CLASS = 16  # a character class with more ASCII members ends a prefix
MAX_PREFIXES = 4000  # more alternatives than this: no prefix for the pattern
RUN = re.compile(r"[\w-]+")  # a word start is the first character of a run, if it is \w

_CATEGORIES = {
    C.CATEGORY_DIGIT: re.compile(r"\d"),
    C.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    C.CATEGORY_SPACE: re.compile(r"\s"),
    C.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    C.CATEGORY_WORD: re.compile(r"\w"),
    C.CATEGORY_NOT_WORD: re.compile(r"\W"),
}
_ASCII = [chr(i) for i in range(128)]


class _Unknown(Exception):
    """A construct the analysis does not bound."""


def _class_members(items) -> set[str]:
    """The ASCII characters an IN item matches, lower-cased; _Unknown if it is negated,
    holds a non-ASCII character (case folding may reach ASCII) or is wide."""
    found: set[str] = set()
    for op, av in items:
        if op == C.LITERAL:
            if av > 127:
                raise _Unknown
            found.add(chr(av).lower())
        elif op == C.RANGE:
            low, high = av
            if high > 127:
                raise _Unknown
            found.update(chr(c).lower() for c in range(low, high + 1))
        elif op == C.CATEGORY and av in _CATEGORIES:
            found.update(c.lower() for c in _ASCII if _CATEGORIES[av].match(c))
        else:  # NEGATE, unknown categories
            raise _Unknown
    if len(found) > MAX_CLASS:
        raise _Unknown
    return found


def _item(op, av, k: int) -> set[tuple[str, bool]]:
    """What one parsed item can match, as (start, exact): `exact` means the item matches
    exactly `start`; otherwise its match begins with `start` and goes on unknown."""
    if op == C.LITERAL:
        if av > 127:
            return {("", False)}
        return {(chr(av).lower(), True)}
    if op == C.IN:
        try:
            return {(c, True) for c in _class_members(av)}
        except _Unknown:
            return {("", False)}
    if op == C.SUBPATTERN:
        return _sequence(av[-1], k)
    if op == C.BRANCH:
        out: set[tuple[str, bool]] = set()
        for alternative in av[1]:
            out |= _sequence(alternative, k)
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)):
        low, high, sub = av
        inner = _sequence(sub, k)
        if high == 1:
            once = inner
        else:  # the first repetition is known, what follows is not
            once = {(s, False) for s, _ in inner}
        return (once | {("", True)}) if low == 0 else once
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {("", True)}  # zero width: no constraint (an over-approximation)
    return {("", False)}  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...: unknown


def _sequence(items, k: int) -> set[tuple[str, bool]]:
    current = {("", True)}
    for op, av in items:
        if all(not exact or len(s) >= k for s, exact in current):
            break
        step = _item(op, av, k)
        following: set[tuple[str, bool]] = set()
        for s, exact in current:
            if not exact or len(s) >= k:
                following.add((s, exact))
                continue
            for t, t_exact in step:
                joined = s + t
                following.add((joined[:k], t_exact and len(joined) <= k))
        if len(following) > MAX_PREFIXES:
            raise _Unknown
        current = following
    return current


def prefixes(pattern: str, flags: int = re.I, k: int = PREFIX) -> frozenset[str] | None:
    """The lower-case ASCII strings (at most k characters) one of which every match of
    `pattern` begins with; None when the pattern is not bounded that way."""
    try:
        found = _sequence(sre_parse.parse(pattern, flags), k)
    except (_Unknown, re.error, RecursionError):
        return None
    starts = frozenset(s for s, _ in found)
    return None if "" in starts else starts


class WordStarts:
    """A document's word starts (a \\w character not after a letter, digit, _ or -),
    indexed by their first PREFIX characters lower-cased; built once per document."""

    def __init__(self, text: str):
        self.text = text
        by_key: dict[str, list[int]] = {}
        other: list[int] = []
        for m in RUN.finditer(text):
            p = m.start()
            if text[p] == "-":
                continue
            key = text[p : p + PREFIX]
            if key.isascii():
                by_key.setdefault(key.lower(), []).append(p)
            else:
                other.append(p)
        self.by_key = by_key
        self.other = other  # not ASCII: always a candidate

    @cached_property
    def positions(self) -> list[int]:
        return sorted([p for ps in self.by_key.values() for p in ps] + self.other)

    @cached_property
    def _shorter(self) -> dict[str, list[int]]:
        """Positions by every key of fewer than PREFIX characters (its own and longer keys')."""
        out: dict[str, list[int]] = {}
        for key, ps in self.by_key.items():
            for n in range(1, min(len(key), PREFIX - 1) + 1):
                out.setdefault(key[:n], []).extend(ps)
        return out

    def candidates(self, starts: frozenset[str] | None) -> list[int]:
        """Sorted word starts where a pattern with these prefixes may match."""
        if starts is None:
            return self.positions
        found: list[int] = list(self.other)
        for s in starts:
            ps = self.by_key.get(s) if len(s) == PREFIX else self._shorter.get(s)
            if ps:
                found.extend(ps)
        found.sort()
        return found


def finditer(pattern: re.Pattern, text: str, candidates: list[int]):
    """`pattern.finditer(text)` restricted to the candidate start positions (sorted):
    the same matches when no match can start elsewhere. Matches are never empty here
    (the phrase patterns need a word character), so each search resumes at the end."""
    pos = 0
    i = 0
    n = len(candidates)
    while i < n:
        p = candidates[i]
        i += 1
        if p < pos:
            i = bisect_left(candidates, pos, i)
            continue
        m = pattern.match(text, p)
        if m is not None:
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1
