"""Benchmark `jdgen check` (not a timed test): python bench/check.py [--rounds N]

1. one posting checked in a warm process (median; target < 5 ms)
2. a whole `jdgen check FILE.md` process vs a `jdgen coo --format md` process (target <= 1.3x)
3. 1,000 postings: jdgen check vs genderdecoder3 + textstat over the same texts, one process
   (target: ratio <= 1.0); the two alternate for --rounds rounds (default 3) and the
   medians are compared, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import median_time  # noqa: E402  (the bench's one timing helper)


def postings() -> list[str]:
    from jdgen.library.industry import role_fits
    from jdgen.library.loader import load_company, load_library
    from jdgen.render import renderer
    from jdgen.service.generate import compose_role

    lib = load_library()
    render = renderer("md")
    texts = []
    for company in ("acme", "nordwerk"):
        profile = load_company(lib, company)
        for role in (r for r in lib.roles if role_fits(lib.roles[r], profile.industry)):
            for level in lib.levels:
                texts.append(
                    render(compose_role(lib, role, profile, level=level.id, template="posting")).decode()
                )
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of benchmark 3 (median)")
    args = parser.parse_args()
    from jdgen.check import check_text

    texts = postings()
    one = texts[0]
    check_text(one)  # warm: rules loaded, patterns compiled
    warm = median_time(lambda: check_text(one), 200)
    print(f"1. one posting, warm process: median {warm * 1000:.2f} ms   (target < 5 ms)")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posting.md"
        path.write_text(one, "utf-8")
        jdgen = [str(Path(sys.executable).parent / "jdgen")]
        check = jdgen + ["check", str(path)]
        generate = jdgen + ["coo", "--company", "acme", "--format", "md", "--out", tmp, "--force"]
        for cmd in (check, generate):  # warm the disk cache for both
            subprocess.run(cmd, capture_output=True)
        t_check = median_time(lambda: subprocess.run(check, capture_output=True), 15)
        t_gen = median_time(lambda: subprocess.run(generate, capture_output=True), 15)
    print(
        f"2. `jdgen check FILE.md` process: median {t_check * 1000:.0f} ms   "
        f"vs `jdgen coo --format md` {t_gen * 1000:.0f} ms: {t_check / t_gen:.2f}x   (target <= 1.3x)"
    )

    import textstat
    from genderdecoder3.assess import assess

    corpus = (texts * (1000 // len(texts) + 1))[:1000]
    # textstat caches per text: vary each so every call does the work (both get the same
    # texts), and vary them again each round
    corpus = [text + " " * (i // len(texts)) for i, text in enumerate(corpus)]

    def ours(texts: list[str]) -> None:
        for text in texts:
            check_text(text)

    def theirs(texts: list[str]) -> None:
        for text in texts:
            assess(text)
            textstat.flesch_reading_ease(text)
            textstat.flesch_kincaid_grade(text)

    theirs(["Warm up: first calls load their word lists and dictionaries."])
    rounds: dict[str, list[float]] = {"ours": [], "theirs": []}
    for _ in range(max(1, args.rounds)):
        for name, run in (("ours", ours), ("theirs", theirs)):
            start = time.perf_counter()
            run(corpus)
            rounds[name].append(time.perf_counter() - start)
        corpus = [text + " " for text in corpus]
    t_ours, t_theirs = statistics.median(rounds["ours"]), statistics.median(rounds["theirs"])
    print(
        f"3. 1,000 postings: jdgen check {t_ours:.2f} s   vs genderdecoder3 + textstat {t_theirs:.2f} s: "
        f"ratio {t_ours / t_theirs:.2f}   (target <= 1.0; median of {len(rounds['ours'])} rounds)"
    )


if __name__ == "__main__":
    main()
