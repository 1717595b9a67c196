"""The `jdgen` command's entry point: how the process manages memory, then the CLI.

A `jdgen ROLE` run makes a few hundred thousand objects while importing and loading the
library, nearly all of which live until it exits. Python's cycle collector would walk
them again and again (a young-generation pass every 700 allocations, and full passes as
the heap grows) and once more at exit, about a fifth of the run's time. So the command
collects the young generation only every 50,000 allocations (memory stays bounded for a
long batch or the studio) and freezes what is left at exit, where the interpreter's own
final pass would find nothing to free. Only the console command does this: importing
jdgen as a library changes no global setting.
"""

from __future__ import annotations

import gc

YOUNG_GENERATION_THRESHOLD = 50_000


def main() -> None:
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, *gc.get_threshold()[1:])
    from .app.cli import main as cli

    try:
        cli()
    finally:
        gc.freeze()
