"""The engine: run every rule over an analysed document and collect findings.

Phrase rules (`terms` in the YAML) are matched here, whole words only, outside the
equal-opportunity statement and quotations. Rules with a `check` are small functions in
CHECKS, registered by the name the YAML uses. Then the configuration and the inline
suppressions are applied, and the document gets its score and gender verdict.
"""

from __future__ import annotations

import re
import string
import sys
from collections import Counter
from dataclasses import field, replace
from datetime import date
from functools import cached_property

from ..core import cache as diskcache
from ..core.caches import memo
from ..core.errors import SEVERITIES, Diagnostic
from ..core.record import record
from . import gender, language, matcher, pay, places
from .document import WORD, Doc, analyse
from .labels import labels
from .readability import Figures, figures
from .readers import Source
from .rules import Rule, data_file, load_rules
from .settings import Config, word_pattern

RANK = {s: i for i, s in enumerate(reversed(SEVERITIES))}  # info 0, warning 1, error 2


class _Plural(string.Formatter):
    """str.format plus `{count:time|times}`: the word before '|' when the value is 1, the
    word after it otherwise (so data-driven messages read "1 time", "2 times")."""

    def format_field(self, value, format_spec):
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return one if value == 1 else many
        return super().format_field(value, format_spec)


PLURAL = _Plural()


@record(frozen=True)
class Context:
    """What the text alone may not say: where and when it is posted, for which level."""

    template: str | None = None  # posting or jd: which length limits apply; None: as the
    # document's jdgen metadata says, else a posting
    location: str | None = None
    country: str | None = None  # ISO code
    date: date | None = None  # the posting date (default: today)
    level: str | None = None
    title: str | None = None
    employees: int | None = None  # the employer's size, for laws with a threshold
    house: bool = False  # jdgen's house rules (jdgen validate), instead of the checker's own
    language: str | None = None  # ISO 639-1 code of the text; None: detected (check/language.py)


@record(frozen=True)
class Finding:
    """A Diagnostic plus what a checker adds: the quoted text and the replacements."""

    diagnostic: Diagnostic
    quote: str | None = None
    replacements: tuple[str, ...] = ()
    why: str = ""
    unit: str = "line"

    @property
    def code(self) -> str:
        return self.diagnostic.code

    @property
    def severity(self) -> str:
        return self.diagnostic.severity

    def to_dict(self) -> dict:
        data = self.diagnostic.to_dict()
        data.update(
            rule=data.pop("code"), quote=self.quote, replacements=list(self.replacements), why=self.why
        )
        data["unit"] = self.unit
        return data


@record
class Report:
    """The findings for one document, with its score and gender verdict (or its error)."""

    name: str
    findings: list[Finding] = field(default_factory=list)
    score: int | None = None
    verdict: gender.Verdict | None = None
    figures: Figures | None = None
    words: int = 0
    error: Diagnostic | None = None
    # what the laws and rules were judged by: language, place (and where it came from),
    # country, employer size and posting date, so a reader can tell what was assumed
    assumed: dict = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out

    def fails(self, fail_on: str) -> bool:
        return self.error is not None or any(RANK[f.severity] >= RANK[fail_on] for f in self.findings)


class _Run:
    """Collects the findings of one document."""

    def __init__(self, doc: Doc, ctx: Context, config: Config):
        self.doc, self.ctx, self.config = doc, ctx, config
        self.findings: list[Finding] = []

    @cached_property
    def benefits(self) -> bool:
        """Whether the posting names benefits (asked by two checks: computed once)."""
        return _benefits_present(self.doc)

    @cached_property
    def glued_ends(self) -> frozenset[int]:
        """Where a sentence ends with no space after it: list items run together ("30 lbsMust")."""
        text = self.doc.masked
        return frozenset(e for _, e in self.doc.sentences if e < len(text) and text[e].isalpha())

    @cached_property
    def glued_starts(self) -> tuple[int, ...]:
        """Where a sentence starts right after a letter (the same joins), in order."""
        text = self.doc.masked
        return tuple(s for s, _ in self.doc.sentences if s > 0 and text[s - 1].isalpha())

    @cached_property
    def second_person(self) -> int:
        """How many times the text says "you", "your", ... (two checks ask)."""
        you = _second_person()
        words_used = Counter(WORD.findall(self.doc.masked))  # each distinct word tested once
        return sum(n for w, n in words_used.items() if w.lower().replace("’", "'") in you)

    @cached_property
    def location_in_text(self) -> str | None:
        return _location_in_text(self.doc)

    def emit(
        self,
        rule: Rule,
        start: int | None = None,
        end: int | None = None,
        *,
        severity=None,
        note=None,
        replacements=None,
        at_line=None,
        **values,
    ):
        if not self.config.applies(rule.id):
            return
        source = self.doc.source
        line, column = at_line, None
        quote = None
        if start is not None:
            line, column = source.locate(start)
            quote = self.doc.text[start:end] if end else None
            if quote:
                quote = " ".join(quote.split())
        if any(s.covers(rule.id, line) for s in source.suppressions):
            return
        if quote is not None:
            values.setdefault("match", quote)
        message = PLURAL.format(rule.message, **values)
        if note:
            message += f" ({note})"
        repl = tuple(replacements) if replacements else rule.replacements
        fix = rule.suggestion + (f" Try: {', '.join(repl)}." if repl else "")
        sev = self.config.severity(rule.id, severity or rule.severity)
        diag = Diagnostic(rule.id, message, source.name, line, column, sev, fix)
        self.findings.append(Finding(diag, quote, repl, rule.why, source.unit))


def _pattern(rule_id: str) -> str:
    """One rule's terms in one pattern (rules are scanned separately, so a phrase of one
    rule never hides an overlapping phrase of another)."""
    # the boundaries stand outside the alternation: checked once per position, not per term;
    # a match may also end before a capital where list items were run together ("30
    # lbsMust"), kept only where the document splits its sentences there (_phrase_rule)
    return r"(?<!\w)(?<!\w-)" + _glued_start_pattern(rule_id)


def _glued_start_pattern(rule_id: str, strict: bool = False) -> str:
    """The rule's pattern without the word boundary before it, for a sentence that starts
    right after the previous one's last letter ("reliableMust be able to lift 30 lbs");
    strict: ending at a word's end only (tried where a match at a capital is no join)."""
    rule = RULES()[rule_id]
    alternatives = "|".join(f"(?P<t{i}>{t.pattern})" for i, t in enumerate(rule.terms))
    end = r"(?![\w-])" if strict else r"(?:(?![\w-])|(?=(?-i:[A-Z][a-z])))"
    return r"(?=\w)(?:" + alternatives + r")" + end


@memo
def _compiled(rule_id: str) -> re.Pattern:
    return re.compile(_pattern(rule_id), re.I)


@memo
def _compiled_glued(rule_id: str) -> re.Pattern:
    return re.compile(_glued_start_pattern(rule_id), re.I)


@memo
def _compiled_strict(rule_id: str) -> re.Pattern:
    """The pattern as it was before joins were read: every match ends at a word's end."""
    return re.compile(_glued_start_pattern(rule_id, strict=True), re.I)


@memo
def _prefixes(rule_id: str) -> frozenset[str] | None:
    """The strings every match of the rule's pattern begins with (see matcher.py);
    remembered between runs, since finding them means parsing the pattern again."""
    pattern = _pattern(rule_id)
    memo = f"check-prefixes-{sys.version}"  # the parser that reads the pattern is Python's
    return diskcache.remembered(memo, pattern, lambda: matcher.prefixes(pattern, re.I))


def _phrase_rule(run: _Run, rule: Rule) -> None:
    doc = run.doc
    if rule.params.get("only_without_you") and not _never_addresses_reader(run, rule):
        return
    candidates = doc.word_starts.candidates(_prefixes(rule.id))
    lawful = _lawful_terms(run, rule)
    for m in _matches(run, rule.id, candidates):
        if doc.is_excluded(m.start(), m.end()):
            continue
        term = rule.terms[int(m.lastgroup[1:])]
        if term.pattern in lawful:
            continue
        severity, note = None, None
        if (
            rule.capitalized_severity
            and m.group()[0].isupper()
            and not _sentence_start(doc.masked, m.start())
        ):
            severity, note = rule.capitalized_severity, rule.capitalized_note
        run.emit(
            rule, m.start(), m.end(), severity=severity, note=note, replacements=term.replacements or None
        )


def _matches(run: _Run, rule_id: str, candidates: list[int]):
    """matcher.finditer() at the word starts, and the rule's unbounded pattern at the
    sentence starts glued to a letter: one pass in text order, each search resuming at the
    end of the previous match, as finditer() does."""
    glued, text = run.glued_starts, run.doc.masked
    words = set(candidates) if glued else ()
    starts = sorted(words.union(glued)) if glued else candidates
    pos = 0
    for p in starts:
        if p < pos:
            continue
        pattern = _compiled(rule_id) if not glued or p in words else _compiled_glued(rule_id)
        m = pattern.match(text, p)
        if (
            m is not None
            and m.end() < len(text)
            and text[m.end()].isalpha()
            and m.end() not in run.glued_ends
        ):
            # ends before a capital that is no join ("HeroKu" is one name): the match as it
            # is with word boundaries only (a shorter term, or none); p is a word start or a
            # join, so the pattern needs no boundary before it
            m = _compiled_strict(rule_id).match(text, p)
        if m is not None:
            yield m
            pos = m.end()


def _lawful_terms(run: _Run, rule: Rule) -> frozenset[str]:
    """The rule's terms that are lawful in this document (params.lawful_in: a term and a
    pattern the document matches, e.g. US citizenship in a federal civil-service posting)."""
    entries = rule.params.get("lawful_in") or ()
    return frozenset(e["term"] for e in entries if _document_pattern(e["document"]).search(run.doc.masked))


@memo
def _document_pattern(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _sentence_start(text: str, offset: int) -> bool:
    before = text[max(0, offset - 40) : offset].rstrip(' \t*_"“(-–—#')
    return not before or before[-1] in ".!?:\n"


# --- the checks named in the YAML ---------------------------------------------------


def check_gender_words(run: _Run, rules: dict[str, Rule]) -> None:
    doc = run.doc
    masculine = feminine = 0
    for block in doc.blocks:
        if block.kind == "heading":
            continue  # "Responsibilities", "Lead Engineer": a heading describes no one
        for found in gender.find(doc.masked, block.start, block.end):
            hit = gender.unglue(doc.masked, found)
            if doc.is_excluded(hit.start, hit.end) or not gender.counts(doc.masked, hit):
                continue
            if hit.entry.side == "masculine":
                masculine += 1
                run.emit(
                    rules["gender.masculine-word"],
                    hit.start,
                    hit.end,
                    replacements=hit.entry.alternatives or None,
                )
            else:
                feminine += 1
                run.emit(rules["gender.feminine-word"], hit.start, hit.end)
    run.verdict = gender.verdict(masculine, feminine)
    rule = rules["gender.verdict"]
    if run.verdict.verdict in rule.params.get("flag", ()):
        run.emit(rule, verdict=run.verdict.verdict, masculine=masculine, feminine=feminine)


def running_figures(doc: Doc, min_running_words: int) -> Figures:
    """Reading ease and grade of the running text: Flesch (1979), "Test only the running
    text": the sentences that end as sentences do, not list fragments, field rows
    ("Location: US, NY") or a heading run into a line; with less of it than
    `min_running_words` (Flesch's 100-word sample), of every sentence."""
    running = [(s, e) for s, e in doc.sentences if RUNNING_END.search(doc.masked, s, e)]
    prose = figures(doc.masked[s:e] for s, e in running)
    if prose.words >= min_running_words:
        return prose
    return figures(doc.masked[s:e] for s, e in doc.sentences)


def _prose_figures(run: _Run) -> tuple[Figures, bool]:
    """The document's figures (shown in every report) and whether there is enough running
    text to judge them against a floor."""
    if run.figures is None:
        minimum = RULES()["readability.reading-ease"].params["min_running_words"]
        run.figures = running_figures(run.doc, minimum)
    return run.figures, run.figures.words >= RULES()["readability.reading-ease"].params["min_running_words"]


def _judged(run: _Run, rule: Rule) -> Figures | None:
    """The figures, where there is enough running text to judge them and its sentences are
    long enough on average (`min_average_sentence`) that shorter ones would raise the score;
    else None (the report shows the figures all the same)."""
    figs, enough = _prose_figures(run)
    if not enough or not figs.sentences:
        return None
    return figs if figs.words / figs.sentences >= rule.params.get("min_average_sentence", 0) else None


def check_reading_ease(run: _Run, rule: Rule) -> None:
    figs = _judged(run, rule)
    floor = _reading_ease_floor(rule, run.ctx.template, _level(run))
    if figs is not None and floor is not None and figs.reading_ease < floor:
        run.emit(rule, value=figs.reading_ease, min=floor)


def check_grade_level(run: _Run, rule: Rule) -> None:
    figs = _judged(run, rule)
    if figs is not None and figs.grade_level > rule.params["max"]:
        run.emit(rule, value=figs.grade_level, max=rule.params["max"])


def check_long_sentences(run: _Run, rule: Rule) -> None:
    """Sentences of more than `max` words, except list lines the source ran together
    (`skip_glued_lists`): a stretch that ends with no punctuation right where the next item
    starts ("...at the store location-Ensure that", "...what you shipIntercom is") is list
    items whose line breaks were lost, not a sentence anyone reads."""
    doc, text = run.doc, run.doc.masked
    limit, glued = rule.params["max"], rule.params.get("skip_glued_lists", False)
    for (start, end), words in zip(doc.sentences, doc.sentence_words, strict=True):
        if words <= limit or doc.is_excluded(start, end):
            continue
        if glued and _ends_in_glued_list(text, end):
            continue
        cut = text.find(" ", start + 40, end)
        run.emit(rule, start, cut if cut > 0 else end, words=words, max=limit)


def _ends_in_glued_list(text: str, end: int) -> bool:
    """Whether a sentence ends without punctuation where the next piece starts with no
    space between them: "locationEnsure", "location-Ensure" (a lost line break)."""
    if end >= len(text) or not text[end - 1].isalnum():
        return False
    after = text[end + 1] if text[end] in ",-" and end + 1 < len(text) else text[end]
    return after.isalpha()


def check_passive(run: _Run, rule: Rule) -> None:
    doc = run.doc
    p = rule.params
    passive = _passive_pattern(tuple(p["be"]), tuple(p["irregular"]), tuple(p["not_participles"]))
    sentences = [span for span, words in zip(doc.sentences, doc.sentence_words, strict=True) if words > 2]
    if len(sentences) >= p["min_sentences"]:
        hits = sum(1 for s, e in sentences if doc.literals.search(passive, doc.masked, s, e))
        share = round(100 * hits / len(sentences))
        if share > p["max"]:
            run.emit(rule, share=share, max=p["max"])


RUNNING_END = re.compile(r"[.!?][\"”’)]*\s*$")


def _reading_ease_floor(rule: Rule, template: str, level: str | None) -> float | None:
    """The rule's `min_by_level[template][level]` where its data sets one for this document
    (null: no floor; issue 21 sets none for job descriptions above manager), else `min`."""
    by_level = (rule.params.get("min_by_level") or {}).get(template) or {}
    return by_level[level] if level in by_level else rule.params["min"]


@memo
def _passive_pattern(be: tuple, irregular: tuple, not_participles: tuple) -> re.Pattern:
    exclude = "|".join(not_participles)
    participle = rf"(?!(?:{exclude})\b)(?:[a-z]+ed|{'|'.join(irregular)})"
    return re.compile(
        rf"\b(?:{'|'.join(be)})\s+(?:(?:not|also|then|already|often|usually|\w+ly)\s+)?{participle}\b", re.I
    )


def check_length(run: _Run, rule: Rule) -> None:
    """Outside the template's limits; or, with `wall` in them, over `wall.min_words` words
    of which `wall.lines` or more are demands that begin alike ("Must ...")."""
    limits = rule.params.get(run.ctx.template) or rule.params["posting"]
    words = run.doc.words
    values = {"words": words, "template": run.ctx.template, "min": limits["min"], "max": limits["max"]}
    if not limits["min"] <= words <= limits["max"]:
        run.emit(rule, **values)
        return
    wall = limits.get("wall")
    if wall and words > wall["min_words"]:
        start = _wall_pattern(wall["starts"])
        doc = run.doc
        lines = sum(1 for s, e in doc.sentences if start.match(doc.masked, s, e))
        if lines >= wall["lines"]:
            run.emit(
                rule,
                note=f"{lines} lines that begin '{wall['name']}', over {wall['min_words']} words",
                **values,
            )


@memo
def _wall_pattern(starts: str) -> re.Pattern:
    return re.compile(rf"[\s\-–*•]*(?:{starts})\b", re.I)


def check_requirements(run: _Run, rule: Rule) -> None:
    p = rule.params
    # One count per list: a run of items under a requirements heading. A paragraph between
    # items is a lead-in of its own ("GS-15 qualifications:", "For each job on your resume,
    # provide:") and starts another list, read on its own, as an applicant reads it; so does
    # an item that ends in a colon ("This experience must include ALL of the following:"),
    # whose parts follow it as items of their own in text without indentation.
    counts: dict[tuple[str, int], list] = {}
    run_no = 0
    for b in run.doc.blocks:
        if b.kind != "item" or run.doc.masked[b.start : b.end].rstrip().endswith(":"):
            run_no += 1
            continue
        if b.heading:
            h = b.heading.lower()
            if any(w in h for w in p["headings"]) and not any(w in h for w in p["not_headings"]):
                counts.setdefault((b.heading, run_no), []).append(b)
    for items in counts.values():
        if len(items) > p["max"]:
            run.emit(rule, items[p["max"]].start, items[p["max"]].end, count=len(items), max=p["max"])


YEARS = re.compile(r"(?<![\w.])(\d{1,2})\s*(?:\+|or more)?\s*(?:(?:-|–|to)\s*(\d{1,2})\s*)?years?\b", re.I)


def _level(run: _Run) -> str | None:
    """The document's level: what it says of itself, else the words of its title."""
    if run.ctx.level:
        return run.ctx.level
    title = run.ctx.title or next(
        (run.doc.masked[b.start : b.end] for b in run.doc.blocks if b.kind == "heading"), ""
    )
    title = f" {title.lower()} "
    for level, words in reversed(list(data_file("detect")["level_title_words"].items())):
        if any(re.search(rf"\b{re.escape(w)}\b", title) for w in words):
            return level
    return None


def check_experience_years(run: _Run, rule: Rule) -> None:
    level = _level(run)
    band = rule.params["levels"].get(level) if level else None
    if band is None:
        return
    for start, end in run.doc.sentences:
        sentence = run.doc.masked[start:end]
        if "experience" not in sentence.lower():
            continue
        m = YEARS.search(sentence)
        if m:
            years = int(m.group(1))
            if not band["low"] <= years <= band["high"]:
                run.emit(
                    rule,
                    start + m.start(),
                    start + m.end(),
                    years=years,
                    level=level,
                    low=band["low"],
                    high=band["high"],
                )


def check_experience_contradiction(run: _Run, rule: Rule) -> None:
    """Many years of experience and an invitation to new graduates in one posting: reported
    at each year count (the Pathways programme's name is no invitation, as in exclusion.age)."""
    doc = run.doc
    entry = _entry_pattern(tuple(rule.params["entry"]))
    invited = next((m for m in entry.finditer(doc.masked) if not doc.is_excluded(m.start(), m.end())), None)
    if invited is None:
        return
    for start, end in doc.sentences:
        sentence = doc.masked[start:end]
        if "experience" not in sentence.lower():
            continue
        for m in YEARS.finditer(sentence):
            if int(m.group(1)) >= rule.params["min_years"]:
                run.emit(rule, start + m.start(), start + m.end(), entry=invited.group())


@memo
def _entry_pattern(terms: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?<!pathways )(?:" + "|".join(terms) + r")(?![\w-])", re.I)


@memo
def _degree_patterns(degree: tuple, equivalent: tuple) -> tuple[re.Pattern, re.Pattern]:
    return (
        re.compile(r"\b(?:" + "|".join(degree) + r")\b", re.I),
        re.compile("|".join(equivalent), re.I),
    )


@memo
def _field_row_pattern(labels: tuple) -> re.Pattern | None:
    return re.compile(r"\s*(?:" + "|".join(labels) + r")\s*:", re.I) if labels else None


def check_degree(run: _Run, rule: Rule) -> None:
    degree, equivalent = _degree_patterns(tuple(rule.params["degree"]), tuple(rule.params["equivalent"]))
    field_row = _field_row_pattern(tuple(rule.params.get("field_rows") or ()))
    doc = run.doc
    for start, end in doc.sentences:
        if field_row and field_row.match(doc.masked, start, end):
            continue
        m = doc.literals.search_slice(degree, doc.masked, start, end)  # degree.search(sentence)
        if m and not equivalent.search(doc.masked[start:end]) and not doc.is_excluded(start, end):
            run.emit(rule, start + m.start(), start + m.end())


def _never_addresses_reader(run: _Run, rule: Rule) -> bool:
    """Whether a document long enough to judge its tone (`min_words`) never says "you"."""
    return run.doc.words >= rule.params.get("min_words", 0) and run.second_person == 0


def check_second_person(run: _Run, rule: Rule) -> None:
    """Too little "you" for the rule's `min_per_100_words` (jdgen's house rule for its own
    postings); or, with `with_third_person` (a posting someone else wrote), none at all
    while the posting speaks of the applicant in the third person ("the successful
    candidate"): a posting that talks about the reader and never to them."""
    if run.ctx.template not in rule.params.get("templates", (run.ctx.template,)):
        return
    words = run.doc.words
    if words < rule.params["min_words"]:
        return
    count = run.second_person
    third = rule.params.get("with_third_person")
    if third:
        if count or not _phrase_found(run, third):
            return
    elif count * 100 / words >= rule.params["min_per_100_words"]:
        return
    run.emit(rule, count=count, words=words)


def _phrase_found(run: _Run, rule_id: str) -> bool:
    doc = run.doc
    candidates = doc.word_starts.candidates(_prefixes(rule_id))
    return any(not doc.is_excluded(m.start(), m.end()) for m in _matches(run, rule_id, candidates))


@memo
def _second_person() -> frozenset[str]:
    return frozenset(data_file("detect")["second_person"])


def _detect(name: str) -> re.Pattern:
    return _detect_pattern(name)


@memo
def _detect_pattern(name: str) -> re.Pattern:
    patterns = list(data_file("detect")[name])
    if name == "location":  # jdgen's own label, as templates/labels.yaml spells it
        label = r"\s+".join(map(re.escape, str(labels()["location"]).split()))
        patterns.append(rf"(?:^|\n)[ *_-]*{label}(?:[ *_]*:|\t)")
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _benefits_present(doc: Doc) -> bool:
    if any(
        b.kind == "heading" and re.search(r"benefit|what we offer|perks|we offer", doc.block_text(b), re.I)
        for b in doc.blocks
    ):
        return True
    kinds = {m.group().lower() for m in doc.literals.finditer(_detect("benefits"), doc.masked)}
    return len(kinds) >= 2


def _location_in_text(doc: Doc) -> str | None:
    m = _detect("location").search(doc.masked)
    if not m:
        return _place_in_opening(doc) or places.find_place(doc.masked)
    end = doc.masked.find("\n", m.end())
    return doc.masked[m.end() : end if end > 0 else None].strip(" *_\t") or None


OPENING_CHARS = 300  # of each opening line: a place is named near its start


def _place_in_opening(doc: Doc) -> str | None:
    """A known place named in the first lines ("Brightwater Software Ltd, London"); only
    their first characters are read, so a text of one long line costs no more."""
    data = data_file("detect")["opening_place"]
    pattern = _places_pattern()
    for b in doc.blocks[: data["lines"]]:
        end = b.end
        if end - b.start > OPENING_CHARS:  # cut at a space: a place's end is a word's end
            end = max(doc.masked.rfind(" ", b.start, b.start + OPENING_CHARS), b.start)
        if m := pattern.search(doc.masked, b.start, end):
            return m.group()
    return None


@memo
def _places_pattern() -> re.Pattern:
    """Place names (detect.yaml's, plain words) and the pay laws' places (patterns, as
    check/pay.py reads them: "(?<!west )virginia")."""
    names = data_file("detect")["opening_place"]["places"]
    patterns = [p for law in data_file("pay-transparency")["laws"] for p in law.get("places") or ()]
    alternatives = "|".join(
        [
            *(r"\s+".join(map(re.escape, n.split())) for n in sorted(set(names), key=len, reverse=True)),
            *patterns,
        ]
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


def _template_in_text(doc: Doc) -> str | None:
    """The template a jdgen Markdown document names in its opening lines
    ("Acme · Job description", labels from templates/labels.yaml)."""

    names = {str(labels()[key]).lower(): t for t, key in data_file("detect")["template_labels"].items()}
    for b in doc.blocks[:3]:
        text = doc.masked[b.start : b.end].strip(" *_")
        head, sep, tail = text.rpartition("·")
        if sep and tail.strip().lower() in names:
            return names[tail.strip().lower()]
    return None


def check_pay(run: _Run, rules: dict[str, Rule]) -> None:
    """The pay-transparency and job-advert laws of the job's place, date and employer size
    (pay.py), a remote job's reach, and the laws about to take effect."""
    ctx, doc = run.ctx, run.doc
    location = ctx.location or run.location_in_text
    on = ctx.date or date.today()
    found, known = pay.applicable(location, ctx.country, on)
    reach = pay.remote(location, ctx.country, on)
    stated = pay.find_pay(doc.masked)
    if not known:
        if stated.kind != "range":
            run.emit(rules["legal.location-unknown"])
        return
    covered = [law for law in found if pay.covers_size(law, ctx.employees) is not False]
    for law in covered:
        _check_law(run, rules, law, stated, _law_values(law, ctx.employees))
    if reach is not None:
        _check_remote(run, rules, reach, stated, found)
    for law in pay.upcoming(location, ctx.country, on, rules["legal.pay-law-upcoming"].params["days"]):
        missing = pay.gaps(law, stated, run.benefits)
        if missing and pay.covers_size(law, ctx.employees) is not False:
            what = pay.requirement_words(law, missing)
            run.emit(rules["legal.pay-law-upcoming"], what=what, **_law_values(law, ctx.employees))
    _check_breadth(run, rules, covered + list(reach.covers if reach else ()), stated)
    remote_laws = reach is not None and (reach.country is None or reach.covers or reach.depends)
    if not covered and not remote_laws and stated.kind in ("none", "vague"):
        run.emit(rules["legal.pay-range-recommended"], date=on.isoformat())


def _law_values(law: pay.Law, employees: int | None) -> dict:
    """A law's fields for a message; `scope` says the size it needs when the size is unknown."""
    scope = ""
    if pay.covers_size(law, employees) is None:
        scope = PLURAL.format(
            RULES()["legal.pay-range-missing"].params["scope"],
            counted=law.counted or f"you have {law.employees}+ employees",
        )
    return {
        "law": law.law,
        "name": law.name,
        "effective": law.effective.isoformat(),
        "scope": scope,
        "when": law.when or "",
        "source": law.source,
    }


def _check_statements(run: _Run, rules: dict[str, Rule], law: pay.Law, values: dict) -> None:
    """What the law says a posting must say, and must not say."""
    doc = run.doc
    for name in law.must_say:
        if pay.statement_missing(name, doc.masked):
            run.emit(rules["legal.posting-must-say"], what=pay.statement_words(name), **values)
    for name in law.must_not_say:
        for start, end in pay.forbidden(name, doc.masked):
            if not doc.is_excluded(start, end):
                run.emit(
                    rules["legal.posting-must-not-say"], start, end, what=pay.statement_words(name), **values
                )


def _check_law(run: _Run, rules: dict[str, Rule], law: pay.Law, stated: pay.Pay, values: dict) -> None:
    _check_statements(run, rules, law, values)  # whatever the pay duty: an on-request law's too
    missing = pay.gaps(law, stated, run.benefits)
    sev = law.severity
    if law.duty == "on-request":
        if "missing" in missing or "incomplete" in missing:
            run.emit(rules["legal.pay-on-request"], **values)
        return
    if law.duty in ("advert-or-interview", "pending"):
        rule = rules["legal.pay-range-advised" if law.duty != "pending" else "legal.pay-law-pending"]
        if "missing" in missing or "incomplete" in missing:
            run.emit(rule, what=pay.requirement_words(law, ("missing",)), **values)
        return
    if "missing" in missing:
        run.emit(
            rules["legal.pay-range-missing"],
            severity=sev,
            what=pay.requirement_words(law, ("missing",)),
            **values,
        )
    elif "incomplete" in missing:
        rule = rules["legal.pay-range-incomplete"]
        run.emit(
            rule,
            stated.start,
            stated.end,
            severity=sev,
            what=pay.requirement_words(law, ("missing",)),
            **values,
        )
    if "benefits" in missing:
        run.emit(rules["legal.benefits-required"], severity=sev, **values)
    amounts = pay.figures(stated)
    if law.range_cap and amounts and stated.kind == "range" and amounts[1] - amounts[0] > law.range_cap:
        if not (law.exempt_above and amounts[1] > law.exempt_above):
            run.emit(
                rules["legal.pay-range-too-wide"],
                stated.start,
                stated.end,
                cap=f"{law.range_cap:,}",
                **values,
            )


def _check_remote(run: _Run, rules: dict[str, Rule], reach: pay.Remote, stated: pay.Pay, found) -> None:
    """A remote job: the laws that reach it wherever the hire lives (one finding per gap,
    naming them all), and a question for each law that reaches it only if the answer is yes."""
    if reach.country is None:
        if stated.kind in ("none", "vague") and not found:
            run.emit(rules["legal.pay-remote-where"])
        return
    size = run.ctx.employees
    by_gap: dict[str, list[pay.Law]] = {}
    for law in reach.covers:
        if law not in found and pay.covers_size(law, size) is not False:
            for gap in pay.gaps(law, stated, run.benefits):
                by_gap.setdefault("benefits" if gap == "benefits" else "range", []).append(law)
    for gap, group in by_gap.items():
        names = _names(group)
        start, end = (
            (stated.start, stated.end) if stated.kind not in ("none",) and gap == "range" else (None, None)
        )
        sized = [law for law in group if pay.covers_size(law, size) is None]
        scope = (
            PLURAL.format(rules["legal.pay-remote-reach"].params["scope"], names=_names(sized))
            if sized
            else ""
        )
        what = pay.requirement_words(group[0], ("missing",) if gap == "range" else ("benefits",))
        run.emit(
            rules["legal.pay-remote-reach"],
            start,
            end,
            names=names,
            what=what,
            scope=scope,
            laws="; ".join(law.law for law in group),
        )
    for law in reach.depends:
        missing = pay.gaps(law, stated, run.benefits)
        if law not in found and missing and pay.covers_size(law, size) is not False:
            what = pay.requirement_words(law, missing)
            run.emit(rules["legal.pay-remote-ask"], ask=law.ask, what=what, **_law_values(law, size))


def _names(group) -> str:
    names = [law.name for law in group]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _check_breadth(run: _Run, rules: dict[str, Rule], reaching, stated: pay.Pay) -> None:
    """A notice when a law that reaches the job says a very wide range may not be in good
    faith, and the range's spread is more than the law's (or the rule's) share of its minimum."""
    rule = rules["legal.pay-range-wide"]
    amounts = pay.figures(stated)
    if stated.kind != "range" or not amounts or amounts[0] <= 0:
        return
    spread = (amounts[1] - amounts[0]) / amounts[0]
    for law in reaching:
        if law.breadth and spread > (law.spread if law.spread is not None else rule.params["spread"]):
            percent = round(spread * 100)
            run.emit(
                rule,
                stated.start,
                stated.end,
                percent=percent,
                name=law.name,
                law=law.law,
                guidance=law.breadth,
                source=law.source,
            )
            return
    broad = rules.get("legal.pay-range-broad")
    if broad is not None and broad.params["spread"] < spread <= broad.params["misread_above"]:
        # no law's guidance reaches the job, but a top more than twice the bottom tells the
        # applicant little wherever it is (corpus posting 019: "35000-100000"); a top more
        # than ten times the bottom is no range but a misread ("GS-15 - $136,908": the
        # grade's number read as the minimum)
        run.emit(broad, stated.start, stated.end, percent=round(spread * 100))


def check_eeo(run: _Run, rule: Rule) -> None:
    if run.doc.eeo:
        return
    country = (run.ctx.country or "").upper()
    expected = not country or country in rule.params["expected_in"]
    run.emit(rule, severity=None if expected else "info")


def check_completeness(run: _Run, rules: dict[str, Rule]) -> None:
    doc = run.doc
    place = run.ctx.location or run.ctx.country or run.location_in_text
    # where the place is known, the laws that require benefits there are check_pay's
    # (legal.benefits-required); no law elsewhere asks for them, so their absence is no finding
    if not run.benefits and not place:
        run.emit(rules["legal.benefits-missing"])
    if not (run.ctx.location or run.location_in_text):
        run.emit(rules["legal.location-missing"])
    if not (doc.literals.search(_detect("work_arrangement"), doc.masked) or _location_field(doc)):
        run.emit(rules["legal.work-arrangement-missing"])


def _location_field(doc: Doc) -> str | None:
    """The value of a location field ("Location: US, NY, New York"), the place the employee
    reports to: a job board marks a remote job as remote, so a place there with no such mark
    is an on-site job (as schema.org's JobPosting reads jobLocation without jobLocationType)."""
    m = _detect("location").search(doc.masked)
    if not m:
        return None
    end = doc.masked.find("\n", m.end())
    value = doc.masked[m.end() : end if end > 0 else None].strip(" *_\t")
    return value if re.search(r"[^\W\d_]{2}", value) else None


def check_company_words(run: _Run, rules: dict[str, Rule]) -> None:
    doc = run.doc
    for word in run.config.banned:
        for m in word_pattern(word).finditer(doc.masked):
            if not doc.is_excluded(m.start(), m.end()):
                run.emit(rules["company.banned"], m.start(), m.end())
    for use, instead in run.config.preferred:
        for word in instead:
            for m in word_pattern(word).finditer(doc.masked):
                if not doc.is_excluded(m.start(), m.end()):
                    run.emit(
                        rules["company.preferred"], m.start(), m.end(), preferred=use, replacements=[use]
                    )


def check_repeated_items(run: _Run, rule: Rule) -> None:
    """A list item said twice in the same words (case and punctuation aside)."""
    seen = set()
    for b in run.doc.blocks:
        if b.kind == "item":
            key = " ".join(re.findall(r"[a-z0-9]+", run.doc.text[b.start : b.end].lower()))
            if key in seen:
                run.emit(rule, b.start, b.end)
            seen.add(key)


def check_suppressions(run: _Run, rule: Rule) -> None:
    """A rule id or category in a `jdgen-check ignore` comment that names no rule: a
    typo would otherwise silence nothing, silently."""
    known = rule_names()
    for s in run.doc.source.suppressions:
        for name in sorted(s.rules - known):
            close = did_you_mean_name(name, known)
            hint = PLURAL.format(rule.params["did_you_mean"], suggestion=close) if close else ""
            run.emit(rule, name=name, hint=hint, at_line=s.at)


def did_you_mean_name(name: str, known) -> str | None:
    import difflib  # only when a name is unknown

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None


# check name -> (function, whether it takes every rule or its own)
CHECKS = {
    "gender-words": (check_gender_words, True),
    "gender-verdict": (None, True),  # computed with gender-words
    "reading-ease": (check_reading_ease, False),
    "grade-level": (check_grade_level, False),
    "long-sentence": (check_long_sentences, False),
    "passive-share": (check_passive, False),
    "length": (check_length, False),
    "requirements": (check_requirements, False),
    "experience-years": (check_experience_years, False),
    "experience-contradiction": (check_experience_contradiction, False),
    "degree": (check_degree, False),
    "second-person": (check_second_person, False),
    "pay-transparency": (check_pay, True),
    "eeo": (check_eeo, False),
    "completeness": (check_completeness, True),
    "company-words": (check_company_words, True),
    "suppressions": (check_suppressions, False),
    "repeated-items": (check_repeated_items, False),
    "language": (language.check_unsupported, False),
    "de-title-gender": (language.check_title_gender, False),
    "de-reading-ease": (language.check_german_reading_ease, False),
    "de-gender-words": (language.check_gender_words_de, True),
    "de-gender-verdict": (None, True),  # computed with de-gender-words
    # the library's own statements, and what a composed document took from the library
    # (not the profile's text, printed as written): library_rules.py applies these rules
    "library-statements": (None, False),
    "composed-statements": (None, False),
}


@memo
def rule_names() -> frozenset[str]:
    """Every rule id and category a configuration or a suppression comment may name."""
    rules = RULES()
    return frozenset(rules) | {r.category for r in rules.values()} | {i.split(".")[0] for i in rules}


@memo
def RULES() -> dict[str, Rule]:  # noqa: N802 - a cached constant
    return load_rules(frozenset(CHECKS))


def run_checks(source: Source, ctx: Context, config: Config) -> Report:
    """Every rule over one source: its Report. Only the rules of the text's language
    run, and those that read no words (checks/languages.yaml): never English rules on
    German, and one line for a language jdgen has no rules for."""
    doc = analyse(source)
    ctx = replace(
        ctx,
        template=ctx.template or source.meta.get("template") or _template_in_text(doc) or "posting",
        level=ctx.level or source.meta.get("level"),
        language=ctx.language or language.detect(doc.masked).language,
    )
    rules = _rules_in(ctx.language)
    run = _Run(doc, ctx, config)
    run.verdict = None
    run.figures = None
    done = set()
    for rule in rules.values():
        if not _in_run(rule, ctx):
            continue
        if rule.check is None:
            _phrase_rule(run, rule)
            continue
        function, takes_all = CHECKS[rule.check]
        if function is None or function in done:
            continue
        done.add(function)
        function(run, rules) if takes_all else function(run, rule)
    if run.figures is None and ctx.language == "en":
        _prose_figures(run)  # the figures every report shows, whether or not a rule judged them
    findings = sorted(run.findings, key=lambda f: (f.diagnostic.line or 0, f.diagnostic.column or 0, f.code))
    return Report(
        name=source.name,
        findings=findings,
        score=score(findings),
        verdict=run.verdict,
        figures=run.figures,
        words=doc.words,
        assumed=_assumed(run),
    )


def _assumed(run: _Run) -> dict:
    """The context the document was judged in, each value with where it came from."""
    ctx = run.ctx
    place = ctx.location or run.location_in_text
    return {
        "language": language.name(ctx.language),
        "location": place,
        "location_from": None if place is None else ("given" if ctx.location else "text"),
        "country": ctx.country,
        "employees": ctx.employees,
        "date": (ctx.date or date.today()).isoformat(),
    }


@memo
def _rules_in(code: str) -> dict[str, Rule]:
    """The rules for a text in this language: its own and the language-independent ones."""
    independent = language.independent_checks() | language.shared_checks(code)
    return {i: r for i, r in RULES().items() if r.language == code or r.check in independent}


def _in_run(rule: Rule, ctx: Context) -> bool:
    """`jdgen check` runs the checker's rules; jdgen's house rules (jdgen validate) run the
    content rules and the checker's rules of the house categories (checks/house.yaml)."""
    if not ctx.house:
        return not rule.house
    return rule.house or rule.category in data_file("house")["categories"]


def score(findings: list[Finding]) -> int:
    """100 minus each rule's penalty: weight of its severity x its findings, capped per rule."""
    data = data_file("scoring")
    weights, cap = data["weights"], int(data["per_rule_cap"])
    per_rule: dict[tuple[str, str], int] = {}
    for f in findings:
        per_rule[(f.code, f.severity)] = per_rule.get((f.code, f.severity), 0) + 1
    penalty = sum(weights[sev] * min(n, cap) for (_, sev), n in per_rule.items())
    return max(0, 100 - penalty)
