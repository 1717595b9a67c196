"""Benchmark `jdgen check` on large inputs (not a timed test): python bench/check_scale.py [--quick]

Time per MB at 100 KB, 1 MB and 4.9 MB (just under the readers' 5 MB limit), for the
issue's case (one long paragraph) and for a long document (jdgen's postings one after
another), each beside a plain regex scan of the same text (`\\w+` over it), the two
timed in turn so that a busy machine slows both alike. Linear checking keeps the time
per MB flat: the measure is how much it grows from 100 KB to 4.9 MB (target <= 1.5x; it
was 18x from 100 KB to 400 KB alone), beside the scan's own growth (a linear pass, whose
figure shows what the machine and its caches did meanwhile).
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

SIZES = (100_000, 1_000_000, 4_900_000)
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
        per_mb, scan_mb = {}, {}
        for size in SIZES:
            text = _filled(base, size)
            ours, plain = [], []
            for _ in range(1 if size > 1_000_000 else (3 if quick else 5)):  # in turn
                ours.append(_seconds(lambda text=text: check_text(text)) / (size / 1e6))
                plain.append(statistics.median(_seconds(lambda t=text: scan.findall(t)) for _ in range(3)))
            ours_mb, plain_mb = statistics.median(ours), statistics.median(plain) / (size / 1e6)
            per_mb[size], scan_mb[size] = ours_mb, plain_mb
            report(
                f"check, {name}, {size / 1e6:g} MB",
                f"{ours_mb:.2f} s/MB",
                f"regex \\w+ scan {plain_mb * 1000:.0f} ms/MB",
                None,
                f"{size / 1e6 * ours_mb:.1f} s in all, {ours_mb / plain_mb:.0f}x the scan",
            )
        growth = per_mb[SIZES[-1]] / per_mb[SIZES[0]]
        report(
            f"check, {name}: per MB, 4.9 MB / 100 KB",
            f"{growth:.2f}x",
            f"the scan's {scan_mb[SIZES[-1]] / scan_mb[SIZES[0]]:.2f}x; linear 1.0x",
            growth <= 1.5,
            "target <= 1.5x",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats of the small sizes")
    bench(parser.parse_args().quick)


if __name__ == "__main__":
    main()
