"""Benchmark `jdgen check` on large inputs (not a timed test): python bench/check_scale.py [--quick]

The issue's case (one long paragraph) and a long document (jdgen's postings one after
another) at 1 MB and 4.9 MB (just under the readers' 5 MB limit), each beside the same
text checked in 100 KB pieces, the two timed in turn so that a busy machine slows both
alike. A linear checker takes as long for the whole as for its pieces: the ratio is the
measure (target <= 1.5x; it was 18x from 100 KB to 400 KB alone). A plain regex scan
(`\\w+`) of the same text is printed beside them for scale.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import report  # noqa: E402  (the bench's reporting helper)

SIZES = (1_000_000, 4_900_000)
PIECE = 100_000
SENTENCES = (
    "We are looking for an operations manager who will lead a team of 12 people in Columbus. "
    "You will own the budget, e.g. the plant's costs, and report to the COO. "
    "Mail jobs@acme.example or see https://acme.example/jobs to apply. "
    'We do not want a "rock star"; we want 5+ years of experience in manufacturing. '
    "Pay: $50,000 to $60,000 a year, with health cover and a pension. "
)


def _filled(base: str, size: int) -> str:
    return (base * (size // len(base) + 1))[:size]


def shapes() -> dict[str, str]:
    from check import postings

    return {"one paragraph": SENTENCES, "postings, one after another": "\n\n".join(postings())}


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench(quick: bool = False) -> None:
    from jdgen.check import check_text

    scan = re.compile(r"\w+")
    check_text(SENTENCES)  # rules loaded, patterns compiled
    for name, base in shapes().items():
        for size in SIZES:
            text = _filled(base, size)
            pieces = [text[i : i + PIECE] for i in range(0, size, PIECE)]
            whole, apart = [], []
            for _ in range(1 if quick else 3):  # in turn
                whole.append(_seconds(lambda text=text: check_text(text)))
                apart.append(_seconds(lambda pieces=pieces: [check_text(p) for p in pieces]))
            ours, reference = statistics.median(whole), statistics.median(apart)
            plain = statistics.median(_seconds(lambda text=text: scan.findall(text)) for _ in range(3))
            mb = size / 1e6
            report(
                f"check, {name}, {mb:g} MB",
                f"{ours:.1f} s, {ours / mb:.2f} s/MB",
                f"in 100 KB pieces {reference / mb:.2f} s/MB",
                ours / reference <= 1.5,
                f"ratio {ours / reference:.2f}, target <= 1.5; regex \\w+ scan {plain / mb * 1000:.0f} ms/MB",
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats of the small sizes")
    bench(parser.parse_args().quick)


if __name__ == "__main__":
    main()
