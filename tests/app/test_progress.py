"""app/progress.py: what a batch shows while it runs: a bar on a terminal, one log line
per document otherwise, nothing when quiet."""

from __future__ import annotations

import io

from jdgen.app.progress import Progress
from jdgen.service.generate import FileResult, JobResult


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def result(label: str) -> JobResult:
    return JobResult(label, files=[FileResult("docx", None, "written"), FileResult("pdf", None, "unchanged")])


def test_a_log_line_per_document_when_not_on_a_terminal():
    stream = io.StringIO()
    progress = Progress(False, stream)
    progress.start(2)
    progress.advance(result("acme/coo"))
    progress.advance(result("acme/cfo"))
    progress.finish()
    assert stream.getvalue() == (
        "[1/2] acme/coo: docx written, pdf unchanged\n[2/2] acme/cfo: docx written, pdf unchanged\n"
    )


def test_a_bar_redrawn_in_place_on_a_terminal():
    stream = Terminal()
    progress = Progress(False, stream)
    progress.start(4)
    progress.advance(result("acme/coo"))
    drawn = stream.getvalue()
    assert drawn.startswith("\r\033[K[######..................] 1/4 ETA")
    assert "acme/coo (docx written, pdf unchanged)" in drawn and "\n" not in drawn
    progress.finish()
    assert stream.getvalue().endswith("\r\033[K")  # the bar is cleared


def test_nothing_when_quiet_but_the_count_goes_on():
    for stream in (io.StringIO(), Terminal()):
        progress = Progress(True, stream)
        progress.start(1)
        progress.advance(result("acme/coo"))
        progress.finish()
        assert stream.getvalue() == "" and progress.done == 1


def test_a_label_from_the_users_files_cannot_drive_the_terminal():
    """A batch entry's name is the user's text: an escape sequence in it is shown, not run."""
    for stream in (io.StringIO(), Terminal()):
        progress = Progress(False, stream)
        progress.start(1)
        progress.advance(result("family x\x1b[2Jcleared\x07"))
        progress.finish()
        shown = stream.getvalue().replace("\r\033[K", "")  # the bar's own line clearing
        assert "\x1b" not in shown and "\x07" not in shown and "cleared" in shown
