"""Which language a posting is in, so each language gets its own rules (issue 23).

Detection is the share of a text's words that are frequent function words of each
language jdgen has rules for (checks/languages.yaml): offline, instant, and explainable in
one line ("38% of the words are German function words"), which a statistical detector
such as langdetect or fastText is not; and jdgen only needs to tell its own languages from
the rest. The German checks that are more than a list of phrases live here too.
"""

from __future__ import annotations

import re
from collections import Counter

from ..core.caches import memo
from ..core.record import record
from .readability import figures
from .rules import data_file

TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@record(frozen=True)
class Guess:
    language: str  # an ISO 639-1 code from checks/languages.yaml, or "unknown"
    shares: dict  # language -> share of the words that are its function words
    words: int  # different words


@memo
def _settings() -> dict:
    data = data_file("languages")
    return {
        "min_words": int(data["min_words"]),
        "min_share": float(data["min_share"]),
        "default": str(data["default"]),
        "words": {lang: frozenset(w.lower() for w in words) for lang, words in data["stop_words"].items()},
    }


def known() -> tuple[str, ...]:
    """The languages jdgen has rules for."""
    return tuple(_settings()["words"])


def name(code: str) -> str:
    return str(data_file("languages")["names"].get(code, code))


def independent_checks() -> frozenset[str]:
    return frozenset(data_file("languages")["independent_checks"])


def shared_checks(code: str) -> frozenset[str]:
    """Checks written for another language's texts that hold for this one too."""
    return frozenset((data_file("languages").get("shared_checks") or {}).get(code) or ())


def detect(text: str) -> Guess:
    """The language of `text` by its function words (see the module docstring)."""
    s = _settings()
    counts = Counter(t.lower().replace("’", "'") for t in TOKEN.findall(text))
    total = sum(counts.values())
    shares = {
        lang: (sum(n for w, n in counts.items() if w in words) / total if total else 0.0)
        for lang, words in s["words"].items()
    }
    best = max(shares, key=lambda lang: shares[lang])
    if shares[best] >= s["min_share"]:
        return Guess(best, shares, len(counts))
    if len(counts) >= s["min_words"]:
        return Guess("unknown", shares, len(counts))
    return Guess(s["default"], shares, len(counts))


# --- German checks (rules in checks/rules/de-*.yaml) -------------------------------------


def check_title_gender(run, rule) -> None:
    """A German job title names every gender: "(m/w/d)" or an equivalent, a gender star
    or colon, or a neutral title. A binary marker ("(m/w)", "Organizer/in") is reported as
    binary; a title with none whose job noun has a masculine ending as missing."""
    p = rule.params
    if run.ctx.template not in p.get("templates", (run.ctx.template,)):
        return  # an internal job description is no advert (§ 11 AGG covers adverts)
    _check_seeking(run, rule)
    title, start = _title(run)
    if not title:
        return
    if re.search(p["inclusive"], title):
        return
    binary = re.search(p["binary"], title, re.I)
    if binary:
        _emit_in_title(run, rule, start, binary, note=p["binary_note"])
        return
    noun = re.search(p["masculine_noun"], title)
    if noun:
        _emit_in_title(run, rule, start, noun, severity=p["missing_severity"])


def _check_seeking(run, rule) -> None:
    """A binary form ("eine/n", "Organizer/in") in a sentence naming the job sought, outside
    the title: the first one of each such sentence."""
    p, doc = rule.params, run.doc
    for m in re.finditer(p["seeking"], doc.masked, re.I):
        segment = m.group()
        if re.search(p["inclusive"], segment):
            continue
        if binary := re.search(p["binary"], segment, re.I):
            start, end = m.start() + binary.start(), m.start() + binary.end()
            if not doc.is_excluded(start, end) and not _in_heading(doc, start):
                run.emit(rule, start, end, note=p["seeking_note"])
        elif p.get("seeking_masculine") and (male := re.search(p["seeking_masculine"], segment)):
            start, end = m.start() + male.start(), m.start() + male.end()
            if not doc.is_excluded(start, end) and not _in_heading(doc, start):
                run.emit(rule, start, end, note=p["seeking_masculine_note"], severity=p["missing_severity"])


def _in_heading(doc, offset: int) -> bool:
    return any(b.kind == "heading" and b.start <= offset < b.end for b in doc.blocks)


def _emit_in_title(run, rule, start: int | None, m: re.Match, **kwargs) -> None:
    if start is None:  # a title from the context: quoted, with no place in the text
        run.emit(rule, match=m.group(), **kwargs)
    else:
        run.emit(rule, start + m.start(), start + m.end(), **kwargs)


def _title(run) -> tuple[str, int | None]:
    """The title the context gives (no position), else the document's first heading."""
    if run.ctx.title:
        return run.ctx.title, None
    doc = run.doc
    block = next((b for b in doc.blocks if b.kind == "heading"), None)
    if block is None:
        return "", 0
    return doc.masked[block.start : block.end], block.start


def check_german_reading_ease(run, rule) -> None:
    """Amstad's (1978) German reading ease, syllables from the German hyphenation
    dictionary (readability.figures with language="de")."""
    doc = run.doc
    run.figures = figs = figures((doc.masked[s:e] for s, e in doc.sentences), language="de")
    if figs.words and figs.reading_ease < rule.params["min"]:
        run.emit(rule, value=figs.reading_ease, min=rule.params["min"])


def check_unsupported(run, rule) -> None:
    """One line for a text in a language jdgen has no rules for."""
    if run.ctx.language == "unknown":
        run.emit(rule, languages=", ".join(name(code) for code in known()))


# --- German gender-coded words (checks/gender-words-de.yaml) ----------------------------


@record(frozen=True)
class GermanWord:
    side: str  # masculine (agentic) or feminine (communal)
    not_before: re.Pattern | None  # what follows where the word names the job, a duty or pay
    alternatives: tuple[str, ...]


@memo
def german_lexicon() -> tuple[re.Pattern, tuple[GermanWord, ...], re.Pattern]:
    """One pattern over every German coded word (group wN is word N), the words, and what
    may follow any of them where they describe pay, a product or other people."""
    data = data_file("gender-words-de")
    words, alternatives = [], []
    for side in ("masculine", "feminine"):
        for raw in data[side]:
            after = raw.get("not_before")
            words.append(
                GermanWord(
                    side=side,
                    not_before=re.compile(rf"\s+(?:{after})\b", re.I) if after else None,
                    alternatives=tuple(raw.get("alternatives", ())),
                )
            )
            alternatives.append(f"(?P<w{len(words) - 1}>{raw['pattern']})")
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])", re.I)
    things = re.sub(r"\s+", "", str(data["things_after"]))  # folded over lines: no spaces in it
    return pattern, tuple(words), re.compile(rf"\s+(?:{things})\b")


def german_coded_words(doc):
    """(start, end, word) of every German coded word that describes the person wanted or
    the culture: outside headings and quotations, and not before a word that makes it the
    job, a duty, pay or other people (as the English `counts` logic)."""
    pattern, words, things_after = german_lexicon()
    text = doc.masked
    for block in doc.blocks:
        if block.kind == "heading":
            continue  # "Verantwortungsvolle Aufgaben" as a heading describes no one
        for m in pattern.finditer(text, block.start, block.end):
            word = words[int(m.lastgroup[1:])]
            if doc.is_excluded(m.start(), m.end()):
                continue
            if word.not_before is not None and word.not_before.match(text, m.end()):
                continue
            if things_after.match(text, m.end()):
                continue
            yield m.start(), m.end(), word


def check_gender_words_de(run, rules) -> None:
    """The German agentic and communal words, and the verdict built on them (the English
    scale: gender.verdict)."""
    from . import gender

    masculine = feminine = 0
    for start, end, word in german_coded_words(run.doc):
        if word.side == "masculine":
            masculine += 1
            run.emit(rules["gender.de-agentic-word"], start, end, replacements=word.alternatives or None)
        else:
            feminine += 1
            run.emit(rules["gender.de-communal-word"], start, end)
    run.verdict = gender.verdict(masculine, feminine)
    rule = rules["gender.de-verdict"]
    if run.verdict.verdict in rule.params.get("flag", ()):
        run.emit(rule, verdict=run.verdict.verdict, masculine=masculine, feminine=feminine)
