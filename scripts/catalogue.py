#!/usr/bin/env python3
"""Bring the built-in catalogues of a language up to date with the English library.

    python scripts/catalogue.py de            # add entries for new English text
    python scripts/catalogue.py de --check    # exit 1 if any entry is missing or unused

Each English file gets its catalogue beside it (responsibilities/de/blocks/people.yaml,
templates/de/labels.yaml). New English text is added as an entry with an empty German
line to fill in; entries already written are kept with their German and cases, in the
English file's order; an entry whose English is gone is kept at the end under a comment,
so its German can be moved to the new wording rather than lost.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from jdgen.library.sources import Layer, Sources
from jdgen.library.translation import CASES, library_texts, normal
from jdgen.yamlio.source import load_yaml

ROOT = Path(__file__).resolve().parent.parent

NAMES = {"de": "German"}
HEADER = (
    "# {language} text for {name}: each entry is the English as it stands there, then its\n"
    "# {language}. Cases (dat, acc, gen), where given, are the same words as they stand in a\n"
    "# sentence, article included. Kept in step by scripts/catalogue.py.\n"
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("language")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    # the checkout's own folders, not the installed copy's
    sources = Sources((Layer("checkout", library=ROOT / "responsibilities", templates=ROOT / "templates"),))
    by_file: dict[tuple[Path, str], list[str]] = {}
    seen: set[str] = set()
    for key, text in library_texts(sources):
        area, _, name = key.partition(":")
        target = sources.layers[0].folder(area) / args.language / name
        if normal(text) in seen:  # one entry per English text, in the first file that has it
            continue
        seen.add(normal(text))
        by_file.setdefault((target, name), []).append(normal(text))
    stale = 0
    for (target, name), texts in sorted(by_file.items()):
        old = load_yaml(target) if target.exists() else []
        known = {normal(e["en"]): e for e in old or []}
        entries = [known.get(t) or {"en": t, args.language: ""} for t in texts]
        gone = [e for t, e in known.items() if t not in texts]
        stale += sum(1 for e in entries if not normal(e.get(args.language) or "")) + len(gone)
        if args.check:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        body = _dump(entries, args.language)
        if gone:
            body += "\n# English no longer in the library: move the German to the new wording\n"
            body += _dump(gone, args.language)
        header = HEADER.format(language=NAMES.get(args.language, args.language), name=name)
        target.write_text(header + body, encoding="utf-8")
    print(f"{stale} entries to write or move")
    return 1 if args.check and stale else 0


def _dump(entries: list, language: str) -> str:
    rows = []
    for e in entries:
        row = {"en": str(e["en"]), language: str(e.get(language) or "")}
        row.update({c: str(e[c]) for c in CASES if e.get(c)})
        rows.append(row)
    return yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=100)


if __name__ == "__main__":
    sys.exit(main())
