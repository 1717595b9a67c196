#!/usr/bin/env python3
"""Record what the installed jdgen writes for the whole example catalogue, as one
sha256 per file, so a refactoring can prove it changed no byte of any document.

    python scripts/snapshot.py OUT.json                 # record
    python scripts/snapshot.py OUT.json --against OLD.json   # record and compare

Every example company, every role that fits it at its own level, both templates, every
format (JSON-LD for postings), plus a five-role comparison and the operations ladder,
generated with the cache off and a fixed SOURCE_DATE_EPOCH. manifest.json is left out:
it records jdgen's own code signature, which a refactoring changes by design.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

COMPANIES = ("acme", "nordwerk", "brightwater", "juniper", "clearwater")
COMPARE = ("coo", "vp-operations", "operations-director", "head-of-operations", "operations-manager")
JD_FORMATS = "docx,pdf,html,md,json,txt"
POSTING_FORMATS = JD_FORMATS + ",jsonld"
TABLE_FORMATS = "docx,pdf,html,md,json"  # a comparison and a ladder have no plain-text form


def generate(out: Path, jdgen: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "JDGEN_NO_CACHE": "1"}

    def run(*args: str) -> None:
        subprocess.run([jdgen, *args, "--quiet"], check=True, env=env, cwd=out)

    for company in COMPANIES:
        run("batch", "--company", company, "--all", "--format", JD_FORMATS, "--out", "jd")
        run(
            "batch",
            "--company",
            company,
            "--all",
            "--template",
            "posting",
            "--format",
            POSTING_FORMATS,
            "--out",
            "posting",
        )
        run("compare", *COMPARE, "--company", company, "--format", TABLE_FORMATS, "--out", "compare")
        run("ladder", "operations", "--company", company, "--format", TABLE_FORMATS, "--out", "ladder")


def digests(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("record", type=Path)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--jdgen", default=str(Path(sys.executable).with_name("jdgen")))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), args.jdgen)
        found = digests(Path(folder))
    args.record.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    print(f"{len(found)} files recorded in {args.record}")
    if args.against:
        old = json.loads(args.against.read_text())
        differ = sorted(k for k in old.keys() | found.keys() if old.get(k) != found.get(k))
        for name in differ[:40]:
            print(f"differs: {name}")
        print(f"{len(differ)} of {len(old.keys() | found.keys())} files differ")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
