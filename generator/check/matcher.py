"""Fast, exact matching: the checker's own regular expressions, tried only where they can
match. No pattern is changed; only the places `.match()` is tried are fewer.

A phrase rule's pattern only matches at the start of a word, and every match begins with
one of a few short strings that can be read off the pattern itself ("rock[- ]?stars?"
begins with "roc"; "he|she" with "he" or "she"). `prefixes()` derives those strings (at
most PREFIX characters, lower-case ASCII) from the parsed pattern; `WordStarts` indexes a
document's word starts by their first PREFIX characters, once per document; `finditer()`
then runs the rule's own compiled pattern with `.match()` at the candidate positions
only. Every match it yields is exactly a match `pattern.finditer()` yields, in the same
order (tests/test_check_matcher.py compares the two):

- a match starts at a word start (the patterns begin with the word boundary), and its
  first characters are one of the derived prefixes, so no other position can match;
- `.match(text, pos)` sees the text before `pos` (the boundary look-behind works);
- as in `finditer()`, the next match is searched from the end of the previous one.

The prefixes are an over-approximation: a word start whose first characters are not all
ASCII is always a candidate (case-insensitive matching is not plain lower-casing outside
ASCII), and whatever the analysis does not bound ends the prefix there: a negated class,
\\d \\s \\w (they match non-ASCII characters), a non-ASCII character in the pattern, a
class wider than MAX_CLASS. A pattern that cannot be bounded at all gets `None`: every
word start. `Literals` does the same for patterns that may match anywhere (candidates:
where a prefix occurs in the lower-cased text), and `digit_lead()` / `near_digits()` for
the pay amounts, which must reach a digit within a few characters of their start.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..core.caches import memo

# The regular-expression parser of the standard library (private; the same since 3.11).
# Without it every pattern simply runs plainly (prefixes() and digit_lead() give None).
try:
    from re import _constants as C  # noqa: N812
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - a future layout
    C = sre_parse = None

PREFIX = 3  # characters of a word start the index keys on
MAX_CLASS = 16  # a character class with more ASCII members ends a prefix
MAX_PREFIXES = 4000  # more alternatives than this: no prefix for the pattern
# where a match may begin: not inside a word or a compound ("non-native"), but after a
# dash bullet ("-Native")
WORD_START = re.compile(r"(?<!\w)(?<!\w-)\w")


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
        else:  # NEGATE; CATEGORY (\\d, \\s and \\w match non-ASCII characters as well)
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
    except Exception:  # _Unknown, or a parser that changed: no prefixes (always correct)
        return None
    starts = frozenset(s for s, _ in found)
    return None if "" in starts else starts


class WordStarts:
    """A document's word starts (a \\w character not after a letter, digit, _ or -),
    indexed by their first PREFIX characters lower-cased; built once per document."""

    def __init__(self, text: str):
        self.positions = [m.start() for m in WORD_START.finditer(text)]
        by_key: dict[str, list[int]] = {}
        other: list[int] = []  # not ASCII: always a candidate
        for key, p in zip([text[p : p + PREFIX] for p in self.positions], self.positions, strict=True):
            if key.isascii():
                key = key.lower()
                if key in by_key:
                    by_key[key].append(p)
                else:
                    by_key[key] = [p]
            else:
                other.append(p)
        self.by_key = by_key
        self.other = other
        self._shorter: dict[str, list[int]] = {}

    def _starting(self, prefix: str) -> list[int]:
        """Positions whose key begins with a prefix shorter than PREFIX."""
        found = self._shorter.get(prefix)
        if found is None:
            found = self._shorter[prefix] = [
                p for key, ps in self.by_key.items() if key.startswith(prefix) for p in ps
            ]
        return found

    def candidates(self, starts: frozenset[str] | None) -> list[int]:
        """Sorted word starts where a pattern with these prefixes may match."""
        if starts is None:
            return self.positions
        found: list[int] = list(self.other)
        for s in starts:
            ps = self.by_key.get(s) if len(s) == PREFIX else self._starting(s)
            if ps:
                found.extend(ps)
        found.sort()
        return found


# Characters outside ASCII that case-insensitive matching takes for an ASCII letter
# (tests/test_check_matcher.py recomputes this from the re module over all of Unicode).
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"  # İ ı ſ K


@memo
def pattern_prefixes(pattern: re.Pattern) -> frozenset[str] | None:
    """prefixes() of a compiled pattern, remembered."""
    return prefixes(pattern.pattern, pattern.flags)


class Literals:
    """Where a text holds given short strings, case-insensitively: the candidate starts of
    a pattern with prefixes(), at any position (not only word starts).

    Exact only when lower-casing keeps every character in place and no character of the
    text matches an ASCII letter case-insensitively without lower-casing to it (the four
    FOLDS_TO_ASCII); otherwise `usable` is False and callers run the plain pattern."""

    def __init__(self, text: str):
        lowered = text.lower()
        self.usable = len(lowered) == len(text) and (
            text.isascii() or not any(c in text for c in FOLDS_TO_ASCII)
        )
        self.lowered = lowered
        self._found: dict[str, list[int]] = {}
        # by id(pattern): hashing a compiled pattern hashes its code, per call
        self._candidates: dict[int, tuple[re.Pattern, list[int] | None]] = {}

    def _occurrences(self, s: str) -> list[int]:
        found = self._found.get(s)
        if found is None:
            found = []
            find = self.lowered.find
            i = find(s)
            while i >= 0:
                found.append(i)
                i = find(s, i + 1)
            self._found[s] = found
        return found

    def candidates(self, pattern: re.Pattern) -> list[int] | None:
        """Sorted positions where `pattern` may match; None: anywhere (run it plainly)."""
        known = self._candidates.get(id(pattern))
        if known is not None and known[0] is pattern:
            return known[1]
        starts = pattern_prefixes(pattern)
        if starts is None or not self.usable:
            found = None
        else:
            found = sorted(p for s in starts for p in self._occurrences(s))
        self._candidates[id(pattern)] = (pattern, found)
        return found

    def search(self, pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None):
        """`pattern.search(text, pos, endpos)` (text: the indexed text)."""
        candidates = self.candidates(pattern)
        end = len(text) if endpos is None else endpos
        if candidates is None:
            return pattern.search(text, pos, end)
        for i in range(bisect_left(candidates, pos), len(candidates)):
            c = candidates[i]
            if c >= end:
                break
            m = pattern.match(text, c, end)
            if m is not None:
                return m
        return None

    def search_slice(self, pattern: re.Pattern, text: str, start: int, end: int):
        """`pattern.search(text[start:end])`, with offsets in the slice, as that is."""
        candidates = self.candidates(pattern)
        piece = text[start:end]
        if candidates is None:
            return pattern.search(piece)
        for i in range(bisect_left(candidates, start), len(candidates)):
            c = candidates[i]
            if c >= end:
                break
            m = pattern.match(piece, c - start)
            if m is not None:
                return m
        return None

    def finditer(self, pattern: re.Pattern, text: str):
        """`pattern.finditer(text)` (text: the indexed text; the pattern never matches
        the empty string, which prefixes() ensures: it has none then)."""
        candidates = self.candidates(pattern)
        if candidates is None:
            return pattern.finditer(text)
        return finditer(pattern, text, candidates)


def finditer(pattern: re.Pattern, text: str, candidates: list[int]):
    """`pattern.finditer(text)` restricted to the candidate start positions (sorted):
    the same matches when no match can start elsewhere. Each search resumes at the end
    of the previous match (the patterns used here never match the empty string; if one
    did, the next search would resume one character later)."""
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


# --- patterns anchored on a digit (amounts of money) --------------------------------


def _is_digit_class(items) -> bool:
    """An IN item every character of which is a digit (\\d or ranges of 0-9)."""
    for op, av in items:
        if op == C.CATEGORY and av == C.CATEGORY_DIGIT:
            continue
        if op == C.LITERAL and chr(av).isdigit() and av < 128:
            continue
        if op == C.RANGE and 48 <= av[0] <= av[1] <= 57:
            continue
        return False
    return bool(items)


def _width(state, item) -> int:
    low, high = sre_parse.SubPattern(state, [item]).getwidth()
    if high >= 1000:
        raise _Unknown
    return high


def _lead(sequence) -> int | None:
    """The most characters a match of `sequence` can have before its first character
    that must be a digit; None if a match need not contain a digit."""
    before = 0
    for item in sequence:
        op, av = item
        inner = None
        if op == C.IN and _is_digit_class(av):
            inner = 0
        elif op == C.SUBPATTERN:
            inner = _lead(av[-1])
        elif op == C.BRANCH:
            leads = [_lead(alternative) for alternative in av[1]]
            inner = None if None in leads else max(leads)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)):
            inner = _lead(av[2]) if av[0] >= 1 else None
        if inner is not None:
            return before + inner
        before += _width(sequence.state, item)
    return None


def digit_lead(pattern: str, flags: int = re.I) -> int | None:
    """The most characters any match of `pattern` has before its first digit (a digit
    it must contain); None when there is no such bound."""
    try:
        return _lead(sre_parse.parse(pattern, flags))
    except Exception:  # _Unknown, or a parser that changed: no bound (always correct)
        return None


DIGIT = re.compile(r"\d")


def near_digits(text: str, lead: int) -> list[int]:
    """Sorted positions at most `lead` characters before a digit (or on one): the only
    places a match of a pattern with that digit_lead() can start."""
    found: set[int] = set()
    for m in DIGIT.finditer(text):
        d = m.start()
        found.update(range(max(0, d - lead), d + 1))
    return sorted(found)
