"""Score jdgen and its peers against the labelled corpus: python bench/corpus_score.py [--out FILE]

Runs `jdgen check --format json`, genderdecoder3 (Python), joblint and alex (npm, from bench/node_modules)
on every posting in corpus/postings/, matches each tool's findings to the hand labels in corpus/labels/
and prints precision and recall per category as a Markdown table. Standalone: it imports nothing from
jdgen, only runs its CLI. A peer that is not installed is reported as such and left out of the table.

How findings are matched (corpus/README.md, "Scoring", says the same):
- Every finding is mapped to one of the corpus categories: gender, exclusionary, jargon, legal,
  readability (RULE_CATEGORY below; a rule in none of them is left out and listed).
- A finding with a place in the text (a character span) is right when it overlaps an occurrence of a
  labelled problem's phrase of the same category. A problem about the whole document (a label with a
  topic instead of a phrase: pay, eeo, location, benefits, length, ...) is found by any finding of the
  same category and topic, with or without a place ("no equal-opportunity statement"; "'Competitive
  Pay' is not a pay range").
- Several findings may hit one label (all are right); a label counts once for recall.
- Per-word gender notices: each notice is one finding, as a user sees it; it is right only where the
  word describes the person wanted or the culture (a `gender` problem label, `counts: true`). The
  document-level verdict (masculine-/feminine-coded) is scored on its own, against a verdict worked out
  from the counting labels, and is not in the precision figures. The table also gives overall precision
  without the per-word notices.
- Findings on a labelled non-problem are wrong like any other unmatched finding; they are counted
  separately to show which known traps a tool falls into.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
BENCH = ROOT / "bench"
CATEGORIES = ("gender", "exclusionary", "jargon", "legal", "readability")
SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000]")

# jdgen rule id -> (category, topic for a whole-document finding)
RULE_CATEGORY = {
    "gender.masculine-word": ("gender", None),
    "gender.feminine-word": ("gender", None),
    "gender.de-agentic-word": ("gender", None),
    "gender.de-communal-word": ("gender", None),
    "legal.pay-range-missing": ("legal", "pay"),
    "legal.pay-range-incomplete": ("legal", "pay"),
    "legal.pay-range-recommended": ("legal", "pay"),
    "legal.pay-range-advised": ("legal", "pay"),
    "legal.pay-law-pending": ("legal", "pay"),
    "legal.pay-on-request": ("legal", "pay"),
    "legal.pay-law-upcoming": ("legal", "pay"),
    "legal.pay-range-too-wide": ("legal", "pay"),
    "legal.pay-range-wide": ("legal", "pay"),
    "legal.pay-range-broad": ("legal", "pay"),
    "legal.pay-remote-reach": ("legal", "pay"),
    "legal.pay-remote-ask": ("legal", "pay"),
    "legal.pay-remote-where": ("legal", "pay"),
    "legal.posting-must-say": ("legal", "pay"),
    "legal.posting-must-not-say": ("legal", "pay"),
    "legal.eeo-missing": ("legal", "eeo"),
    "legal.location-missing": ("legal", "location"),
    "legal.location-unknown": ("legal", "location"),
    "legal.work-arrangement-missing": ("legal", "work-arrangement"),
    "legal.benefits-missing": ("legal", "benefits"),
    "legal.benefits-required": ("legal", "benefits"),
    "readability.reading-ease": ("readability", "reading-ease"),
    "readability.grade-level": ("readability", "reading-ease"),
    "readability.long-sentence": ("readability", None),
    "readability.passive": ("readability", None),
    "structure.length": ("readability", "length"),
    "structure.too-many-requirements": ("readability", "requirements"),
    "candidate.no-you": ("readability", "tone"),
    "candidate.third-person": ("readability", "tone"),
    "structure.degree": ("exclusionary", None),
    "structure.experience-years": ("exclusionary", None),
}
RULE_PREFIX_CATEGORY = {
    "exclusion": "exclusionary",
    "jargon": "jargon",
    "legal": "legal",
    "readability": "readability",
}
SCORED_APART = {"gender.verdict", "gender.de-verdict"}  # the verdict: scored as verdict accuracy

# joblint rule name -> category (its "sexism" rules are about who is excluded; the rest is tone)
JOBLINT_EXCLUSIONARY = {
    "Use of gendered word",
    "Use of gendered pronoun",
    "Use of derogatory gendered term",
    "Mention of facial hair",
    "Use of sexualised terms",
    "Use of bro terminology",
}


@dataclass
class Finding:
    tool: str
    posting: str
    category: str
    rule: str
    start: int | None = None  # character span in the posting text; None: about the whole document
    end: int | None = None
    topic: str | None = None
    quote: str | None = None
    gender_word: bool = False  # a per-word gender notice


@dataclass
class Label:
    posting: str
    category: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    topic: str | None = None
    phrase: str | None = None


def normalise(text: str) -> str:
    """Unicode spaces as plain spaces, one for one (character offsets stay valid)."""
    return SPACES.sub(" ", text)


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    phrase = normalise(phrase)
    spans, i = [], text.find(phrase)
    while i >= 0:
        spans.append((i, i + len(phrase)))
        i = text.find(phrase, i + 1)
    return spans


def load_corpus() -> tuple[dict[str, str], dict[str, dict]]:
    texts, labels = {}, {}
    for path in sorted((CORPUS / "labels").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        posting = data["posting"]
        texts[posting] = normalise((CORPUS / "postings" / f"{posting}.md").read_text("utf-8"))
        labels[posting] = data
    return texts, labels


def gold_labels(texts: dict[str, str], labels: dict[str, dict]) -> tuple[list[Label], list[Label]]:
    problems, traps = [], []
    for posting, data in labels.items():
        for kind, out in (("problems", problems), ("non_problems", traps)):
            for item in data.get(kind) or []:
                if item["category"] == "gender" and not item.get("counts", False):
                    if kind == "problems":
                        continue  # a gender word that does not count is no problem
                label = Label(posting, item["category"], topic=item.get("topic"), phrase=item.get("phrase"))
                if label.phrase is not None:
                    label.spans = occurrences(texts[posting], label.phrase)
                out.append(label)
    return problems, traps


GENDER_STEMS: dict[str, list[str]] = {}


def gold_verdict(texts: dict[str, str], labels: dict[str, dict]) -> dict[str, str]:
    """masculine-/feminine-coded or neutral, from the words of the counting gender labels (English only)."""
    try:
        from genderdecoder3 import wordlists

        stems = {"m": wordlists.masculine_coded_words, "f": wordlists.feminine_coded_words}
    except ImportError:
        return {}
    verdicts = {}
    for posting, data in labels.items():
        if data.get("language", "en") != "en":
            continue
        counts = Counter()
        for item in data.get("problems") or []:
            if item["category"] == "gender" and item.get("counts"):
                for word in re.findall(r"[\w-]+", item["phrase"].lower()):
                    for kind, kind_stems in stems.items():
                        if any(word.startswith(s) for s in kind_stems):
                            counts[kind] += 1
        if counts["m"] > counts["f"]:
            verdicts[posting] = "masculine"
        elif counts["f"] > counts["m"]:
            verdicts[posting] = "feminine"
        else:
            verdicts[posting] = "neutral"
    return verdicts


def verdict_of(text: str) -> str:
    text = text.lower()
    if "mascul" in text:
        return "masculine"
    if "femin" in text:
        return "feminine"
    return "neutral"


# ---------------------------------------------------------------------------------------------- tools


def line_offsets(text: str) -> list[int]:
    offsets, pos = [0], 0
    for line in text.split("\n"):
        pos += len(line) + 1
        offsets.append(pos)
    return offsets


def run_jdgen(jdgen: str, texts: dict[str, str]) -> tuple[list[Finding], dict[str, str], list[str]]:
    files = [str(CORPUS / "postings" / f"{p}.md") for p in texts]
    result = subprocess.run([jdgen, "check", *files, "--format", "json"], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"jdgen check failed ({result.returncode}): {result.stderr.strip()}")
    findings, verdicts, unmapped = [], {}, []
    for doc in json.loads(result.stdout)["documents"]:
        posting = Path(doc["file"]).stem
        text = texts[posting]
        offsets = line_offsets(text)
        verdicts[posting] = verdict_of((doc.get("gender") or {}).get("verdict") or "neutral")
        for f in doc["findings"]:
            rule = f["rule"]
            if rule in SCORED_APART:
                continue
            category, topic = RULE_CATEGORY.get(rule, (RULE_PREFIX_CATEGORY.get(rule.split(".")[0]), None))
            if category is None:
                unmapped.append(rule)
                continue
            finding = Finding("jdgen", posting, category, rule, topic=topic, quote=f.get("quote"))
            finding.gender_word = rule.startswith("gender.")
            if f.get("line"):
                start = offsets[f["line"] - 1] + (f.get("column") or 1) - 1
                length = len(f["quote"]) if f.get("quote") else offsets[f["line"]] - start - 1
                finding.start, finding.end = start, start + max(1, length)
            findings.append(finding)
    return findings, verdicts, unmapped


def run_genderdecoder(texts: dict[str, str]) -> tuple[list[Finding], dict[str, str]]:
    from genderdecoder3.assess import assess

    findings, verdicts = [], {}
    for posting, text in texts.items():
        result = assess(text)
        verdicts[posting] = verdict_of(result["result"])
        # the words come back in text order (masculine list, then feminine list): find each in turn
        for words in (result["masculine_coded_words"], result["feminine_coded_words"]):
            pos = 0
            for word in words:
                match = re.compile(r"(?<![\w])" + re.escape(word)).search(text, pos)
                if not match:
                    continue
                pos = match.end()
                findings.append(
                    Finding(
                        "genderdecoder3",
                        posting,
                        "gender",
                        "coded-word",
                        match.start(),
                        match.end(),
                        quote=word,
                        gender_word=True,
                    )
                )
    return findings, verdicts


def run_node(tool: str, texts: dict[str, str]) -> list[Finding]:
    files = {str(CORPUS / "postings" / f"{p}.md"): p for p in texts}
    result = subprocess.run(
        ["node", str(BENCH / "corpus_peers.mjs"), tool, *files], capture_output=True, text=True, check=True
    )
    findings = []
    for file, items in json.loads(result.stdout).items():
        posting = files[file]
        for item in items:
            if tool == "joblint":
                category = "exclusionary" if item["rule"] in JOBLINT_EXCLUSIONARY else "jargon"
                start = item["offset"]
                end = start + len(item["quote"] or " ")
            else:
                category = "exclusionary" if item["source"] == "retext-equality" else "jargon"
                start, end = item["start"]["offset"], item["end"]["offset"]
            findings.append(
                Finding(
                    tool, posting, category, item["rule"], start, max(end, start + 1), quote=item["quote"]
                )
            )
    return findings


# -------------------------------------------------------------------------------------------- scoring


def overlaps(finding: Finding, label: Label) -> bool:
    if finding.category != label.category:
        return False
    if label.phrase is None:  # a whole-document problem: any finding on the same topic, placed or not
        return finding.topic is not None and finding.topic == label.topic
    if finding.start is None:
        return False
    return any(finding.start < end and start < finding.end for start, end in label.spans)


@dataclass
class Score:
    right: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    recalled: Counter = field(default_factory=Counter)
    traps: Counter = field(default_factory=Counter)
    missed: list[Label] = field(default_factory=list)
    wrong: list[Finding] = field(default_factory=list)


def score(findings: list[Finding], problems: list[Label], traps: list[Label]) -> Score:
    s = Score()
    by_posting = defaultdict(list)
    for label in problems:
        by_posting[label.posting].append(label)
    trap_by_posting = defaultdict(list)
    for label in traps:
        trap_by_posting[label.posting].append(label)
    hit: set[int] = set()
    for f in findings:
        s.found[f.category] += 1
        matched = [label for label in by_posting[f.posting] if overlaps(f, label)]
        if matched:
            s.right[f.category] += 1
            hit.update(id(label) for label in matched)
        else:
            s.wrong.append(f)
            if any(
                overlaps(f, t) or (t.category != f.category and _same_place(f, t))
                for t in trap_by_posting[f.posting]
            ):
                s.traps[f.category] += 1
    for label in problems:
        if id(label) in hit:
            s.recalled[label.category] += 1
        else:
            s.missed.append(label)
    return s


def _same_place(finding: Finding, label: Label) -> bool:
    if finding.start is None:
        return False
    return any(finding.start < end and start < finding.end for start, end in label.spans)


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "-"


def cell(s: Score, category: str | None, totals: Counter, tool_categories: set[str]) -> str:
    if category is not None and category not in tool_categories:
        return "-"
    found = sum(s.found.values()) if category is None else s.found[category]
    right = sum(s.right.values()) if category is None else s.right[category]
    recalled = sum(s.recalled[c] for c in tool_categories) if category is None else s.recalled[category]
    labels = sum(totals[c] for c in tool_categories) if category is None else totals[category]
    return f"{pct(right, found)} / {pct(recalled, labels)} ({right}/{found}; {recalled}/{labels})"


TOOL_CATEGORIES = {
    "jdgen": set(CATEGORIES),
    "genderdecoder3": {"gender"},
    "joblint": {"exclusionary", "jargon"},
    "alex": {"exclusionary", "jargon"},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--jdgen", default=None, help="the jdgen command (default: .venv/bin/jdgen, else jdgen on PATH)"
    )
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    parser.add_argument(
        "--readme", type=Path, help="also put the table between the file's corpus-table markers (the README)"
    )
    parser.add_argument("--details", action="store_true", help="list every missed label and wrong finding")
    parser.add_argument(
        "--wrong", metavar="RULE", help="list jdgen's wrong findings of rules starting with RULE, with text"
    )
    args = parser.parse_args()

    texts, labels = load_corpus()
    problems, traps = gold_labels(texts, labels)
    totals = Counter(label.category for label in problems)
    gold = gold_verdict(texts, labels)

    jdgen = args.jdgen or (
        str(ROOT / ".venv/bin/jdgen") if (ROOT / ".venv/bin/jdgen").exists() else shutil.which("jdgen")
    )
    results: dict[str, list[Finding]] = {}
    verdicts: dict[str, dict[str, str]] = {}
    seconds: dict[str, float] = {}
    notes: list[str] = []

    t0 = time.perf_counter()
    results["jdgen"], verdicts["jdgen"], unmapped = run_jdgen(jdgen, texts)
    seconds["jdgen"] = time.perf_counter() - t0
    if unmapped:
        notes.append(f"jdgen rules in no category (left out): {', '.join(sorted(set(unmapped)))}")
    try:
        t0 = time.perf_counter()
        results["genderdecoder3"], verdicts["genderdecoder3"] = run_genderdecoder(texts)
        seconds["genderdecoder3"] = time.perf_counter() - t0
    except ImportError:
        notes.append("genderdecoder3 is not installed (it is in the test extra): left out")
    for tool in ("joblint", "alex"):
        if not (BENCH / "node_modules" / tool).exists() or not shutil.which("node"):
            notes.append(f"{tool} is not installed in bench/node_modules (make corpus installs it): left out")
            continue
        t0 = time.perf_counter()
        results[tool] = run_node(tool, texts)
        seconds[tool] = time.perf_counter() - t0

    scores = {tool: score(found, problems, traps) for tool, found in results.items()}
    tools = list(results)
    lines = [
        f"Corpus: {len(texts)} postings, {len(problems)} labelled problems, "
        f"{len(traps)} labelled non-problems.",
        "Each cell: precision / recall (right findings / all findings; labels found / labels).",
        "",
        "| | " + " | ".join(tools) + " |",
        "| --- | " + " | ".join("---" for _ in tools) + " |",
    ]
    for category in CATEGORIES:
        row = [cell(scores[t], category, totals, TOOL_CATEGORIES[t]) for t in tools]
        lines.append(f"| {category} ({totals[category]} labels) | " + " | ".join(row) + " |")
    lines.append(
        "| **overall** | "
        + " | ".join(cell(scores[t], None, totals, TOOL_CATEGORIES[t]) for t in tools)
        + " |"
    )
    row = []
    for t in tools:
        s = scores[t]
        words = [f for f in results[t] if not f.gender_word]
        right = sum(1 for f in words if f not in s.wrong)
        if not words:
            row.append("-")
        elif len(words) == len(results[t]):
            row.append("(same)")
        else:
            row.append(f"{pct(right, len(words))} ({right}/{len(words)})")
    lines.append("| overall precision without per-word gender notices | " + " | ".join(row) + " |")
    row = []
    for t in tools:
        if t in verdicts and gold:
            agree = sum(1 for p, v in gold.items() if verdicts[t].get(p) == v)
            row.append(f"{pct(agree, len(gold))} ({agree}/{len(gold)})")
        else:
            row.append("-")
    lines.append("| gender verdict agrees with the labels (English postings) | " + " | ".join(row) + " |")
    lines.append(
        "| wrong findings on a labelled non-problem | "
        + " | ".join(str(sum(scores[t].traps.values())) for t in tools)
        + " |"
    )
    lines.append("| time for the corpus (s) | " + " | ".join(f"{seconds[t]:.2f}" for t in tools) + " |")
    lines += [""] + [f"- {note}" for note in notes]

    if args.details:
        for t in tools:
            lines += ["", f"## {t}: wrong findings by rule", ""]
            for (rule, cat), n in Counter((f.rule, f.category) for f in scores[t].wrong).most_common():
                lines.append(f"- {n} x {rule} ({cat})")
            lines += ["", f"## {t}: missed labels", ""]
            for label in scores[t].missed:
                if label.category in TOOL_CATEGORIES[t]:
                    lines.append(f"- {label.posting} {label.category}: {label.phrase or label.topic}")
    if args.wrong:
        lines += ["", f"## jdgen: wrong findings of {args.wrong}*", ""]
        for f in scores["jdgen"].wrong:
            if f.rule.startswith(args.wrong):
                where = texts[f.posting][f.start : f.end] if f.start is not None else "(whole posting)"
                lines.append(f"- {f.posting} {f.rule}: {(f.quote or where)[:160]!r}")
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if args.out:
        args.out.write_text(report, "utf-8")
    if args.readme:
        _put_table(args.readme, lines)


README_MARKERS = ("<!-- corpus-table: written by make corpus -->", "<!-- /corpus-table -->")


def _put_table(path: Path, lines: list[str]) -> None:
    """The report's first table, in place of what stands between the markers, so the
    README shows the figures the last `make corpus` measured."""
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    text = path.read_text("utf-8")
    before, rest = text.split(README_MARKERS[0], 1)
    _, after = rest.split(README_MARKERS[1], 1)
    table = "\n".join([lines[0], "", *lines[start:end]])
    path.write_text(f"{before}{README_MARKERS[0]}\n{table}\n{README_MARKERS[1]}{after}", "utf-8")


if __name__ == "__main__":
    main()
