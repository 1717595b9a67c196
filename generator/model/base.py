"""The smallest values every model uses: where a value was written, dates and text that
remember it, and the bounds a field declares beside its type."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from ..core.record import record


@record(frozen=True)
class Origin:
    """Where a value came from, for error messages raised after loading."""

    file: Path
    line: int


class IsoDate(str):
    """A calendar date written as YYYY-MM-DD between MIN_DATE and MAX_DATE (checked on
    load, kept as text)."""


# The dates jdgen takes: a document dated outside them is a typo, and adding a posting's
# days to the last one stays far from the end of Python's calendar (year 9999).
MIN_DATE = "1970-01-01"
MAX_DATE = "2199-12-31"
# The same range as the JSON Schema's pattern (years 1970-2199), for editors and the fuzzer.
DATE_PATTERN = r"^(19[7-9]\d|2[01]\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"


class Text(str):
    """A string from a YAML file that remembers its file and line, for later errors."""

    file: Path | None = None
    line: int | None = None


@record(frozen=True)
class Bound:
    """What a value may be beyond its type, declared once beside the field as
    `Annotated[int, Bound(minimum=1)]`: the loader checks it, the JSON Schema states it
    (minimum, maximum, minItems, pattern, format, enum) and the message says it."""

    minimum: int | None = None
    maximum: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    pattern: str | None = None  # the text must match it (re.search)
    format: str | None = None  # the JSON Schema format ("uri"), for editors
    choices: Callable[[], Collection[str]] | None = None  # read from its source when first needed
    suggest: Callable[[str], str] | None = None  # " Did you mean 'GB'?" for a value not in choices
    what: str = ""  # what the value must be, in the message: "an ISO 3166 country code"
    fix: str | None = None


def closing_problem(closes: str, posted: str) -> tuple[str, str] | None:
    """The rule between a posting's closing date and the date it is posted (the document's
    date, known once it is composed): (message, fix) when it closes on or before it."""
    if not closes or not posted or closes > posted:
        return None
    return (
        f"the posting closes on {closes}, not after the day it is posted ({posted})",
        "write a closing date after the posting date, or remove closes",
    )
