"""What a batch shows while it runs: a progress bar on a terminal, plain log lines
otherwise, nothing when quiet (the service reports each result; this only draws)."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..service.generate import JobResult


class Progress:
    """A progress bar on a terminal, plain log lines otherwise, nothing when quiet."""

    def __init__(self, quiet: bool, stream=None):
        self.quiet, self.stream = quiet, stream or sys.stderr
        self.tty = self.stream.isatty()
        self.total = self.done = 0
        self.started = time.monotonic()

    def start(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, time.monotonic()

    def advance(self, result: JobResult) -> None:
        self.done += 1
        if self.quiet:
            return
        states = ", ".join(f"{f.fmt} {f.status}" for f in result.files)
        if self.tty:
            line = f"{self._bar()} {_printable(result.label)} ({states})"
            width = shutil.get_terminal_size().columns - 1
            self.stream.write(f"\r\033[K{line[:width]}")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {_printable(result.label)}: {states}\n")
        self.stream.flush()

    def _bar(self) -> str:
        width = 24
        filled = int(width * self.done / max(self.total, 1))
        elapsed = time.monotonic() - self.started
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0
        return f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} ETA {eta:4.0f}s"

    def finish(self) -> None:
        if self.tty and not self.quiet:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _printable(text: str) -> str:
    """A label from the user's files as the terminal should show it: a control character
    (an escape sequence could clear the screen or move the cursor) becomes a visible mark."""
    return "".join(c if c.isprintable() else "\ufffd" for c in text)
