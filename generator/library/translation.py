"""The library's text in another language: a catalogue beside each English file.

The library is written once, in English, and every statement keeps the ref made from its
English words, so a workspace's or a posting's change by ref applies in any language.
German text lives in catalogue files that mirror the English ones (`de/blocks/people.yaml`
beside `blocks/people.yaml`, `de/labels.yaml` beside the templates' `labels.yaml`), as
a list of entries: the English as written, then the German. A document in German looks
each library text up there at the same step that respells British English
(english.speller), so nothing downstream knows which language it holds.

A text without German is never filled with English: generation stops on it, naming the
English file and line, and `jdgen validate` lists every one. An entry may add the German
in its grammatical cases (`dat`, `acc`, `gen`, article included), for values that
statements put into a sentence: `{{ company.board_dat }}` is "dem Aufsichtsrat".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from ..core.caches import memo
from ..core.errors import Diagnostic, LibraryError
from ..core.record import record
from ..model.base import Text
from ..yamlio.nodes import LineDict, LineList
from ..yamlio.source import load_yaml
from .sources import LIBRARY_FILES, Sources

CASES = ("dat", "acc", "gen")  # the grammatical cases an entry may give, beside its nominative

# Keys whose values are ids, codes or lists the code matches on, never shown as text
# (`revised` is a date in the library; in labels.yaml it is a heading, handled apart).
NOT_TEXT = frozenset(
    {
        "id",
        "ref",
        "family",
        "extends",
        "countries",
        "country",
        "code",
        "codes",
        "compare_with",
        "default_level",
        "emphasis",
        "names",
        "own_words",
        "aliases",
        "industries",
        "variant",
        "covers",
        "revised",
        "currencies",
        "american_english_countries",
        "english_locale_countries",
        "letter_paper_countries",
        "working_time_countries",
        "exempt_levels",
        "senior_levels",
        "site_levels",
        "site_roles",
        "one_site_roles",
        "works_council_levels",
        "posting_title_suffix",
        "language",
    }
)
# library files that hold no text a document shows
NO_TEXT_FILES = frozenset({"locales.yaml", "spelling.yaml", "coverage.yaml"})
FORMAT_FIELD = re.compile(r"(?<!\{)\{([a-z_]+)\}(?!\})")  # a label's {name}, filled by jdgen
PLACEHOLDER = re.compile(r"\{\{-?\s*([a-z_]+\.[a-z_]+)")  # a statement's {{ company.board }}


def placeholders_allowed(german: str, names: set[str]) -> bool:
    """The German names only values statements have (`names`: those the English library
    uses), or their cases ({{ company.board_dat }}); a misspelt one is caught here, not
    only when a document needs the text."""
    allowed = names | {f"{n}_{case}" for n in names for case in CASES}
    return set(PLACEHOLDER.findall(german)) <= allowed


def normal(text: str) -> str:
    """The form a text is looked up by: its words, whitespace collapsed."""
    return " ".join(str(text).split())


@record(frozen=True)
class Entry:
    text: str  # the German, nominative where the English is a noun phrase
    forms: dict  # {case: text} the entry gives, for values put into sentences
    file: Path
    line: int


@record(frozen=True, eq=False)
class Catalogue:
    """Every German entry the layers provide, by the English text; a workspace's entry
    for the same English wins over the built-in one."""

    language: str
    entries: dict  # normal(English) -> Entry

    def get(self, text: str) -> Entry | None:
        return self.entries.get(normal(text))


class MissingTranslation(LibraryError):
    """A library text a document needs has no entry in the language's catalogue."""


def source_files(sources: Sources) -> list[tuple[str, Path]]:
    """(key, path) of every file whose text documents show, each layer's own (a user's
    block needs its German as much as a built-in one), lowest layer first."""
    found = []
    for name in LIBRARY_FILES:
        if name not in NO_TEXT_FILES:
            found += [(f"library:{name}", p) for p in sources.each(f"library:{name}")]
    for sub in ("blocks", "roles"):
        for layer in sources.layered("library", sub):
            found += [(f"library:{sub}/{p.name}", p) for p in layer.values()]
    found += [("templates:labels.yaml", p) for p in sources.each("templates:labels.yaml")]
    return found


def texts_of(data, labels: bool = False) -> Iterator[Text]:
    """Every text a document may show from one loaded file, with its line: values under
    keys that hold ids and codes are left out (all of labels.yaml is text)."""

    def walk(value, key, line):
        if isinstance(value, LineDict):
            for k, v in value.items():
                yield from walk(v, str(k), value.line_of(k))
        elif isinstance(value, LineList):
            for i, v in enumerate(value):
                yield from walk(v, key, value.line_of(i))
        elif isinstance(value, str) and normal(value) and (labels or key not in NOT_TEXT):
            text = Text(value)
            text.line = line
            yield text

    yield from walk(data, "", getattr(data, "line", 0))


def library_texts(sources: Sources) -> Iterator[tuple[str, Text]]:
    """(file key, text) of every text in the library and labels, each with its file."""
    for key, path in source_files(sources):
        for text in texts_of(load_yaml(path), labels=key.startswith("templates:")):
            text.file = path
            yield key, text


@memo
def catalogue(sources: Sources, language: str) -> Catalogue:
    """The language's catalogue from every layer, read once per process like every file
    the run reads (the studio's reload reads it again: core.caches.clear_all); raises
    LibraryError at a bad entry."""
    entries: dict[str, Entry] = {}
    for path in _catalogue_files(sources, language):
        entries.update(_entries(path, language))
    return Catalogue(language, entries)


def _catalogue_files(sources: Sources, language: str) -> Iterator[Path]:
    """Lowest layer first, so a later (user) entry for the same English wins."""
    for layer in reversed(sources.layers):
        for area in ("library", "templates"):
            folder = layer.folder(area)
            if folder is not None and (folder / language).is_dir():
                yield from sorted((folder / language).rglob("*.yaml"))


def _entries(path: Path, language: str) -> Iterator[tuple[str, Entry]]:
    data = load_yaml(path)
    if data is None:
        return
    if not isinstance(data, LineList):
        raise LibraryError("a catalogue is a list of entries", path, getattr(data, "line", None), _ENTRY_FIX)
    for i, item in enumerate(data):
        line = data.line_of(i)
        if not isinstance(item, LineDict) or not isinstance(item.get("en"), str):
            raise LibraryError("each entry needs 'en', the English text", path, line, _ENTRY_FIX)
        unknown = set(item) - {"en", language, *CASES}
        if unknown:
            raise LibraryError(
                f"unknown key {sorted(unknown)[0]!r} in a catalogue entry", path, line, _ENTRY_FIX
            )
        text = item.get(language)
        if text is None or not normal(text):  # not written yet: validate lists it
            continue
        if not isinstance(text, str):
            raise LibraryError(f"'{language}' must be text", path, item.line_of(language), _ENTRY_FIX)
        forms = {case: normal(item[case]) for case in CASES if isinstance(item.get(case), str)}
        yield normal(item["en"]), Entry(normal(text), forms, path, line)


_ENTRY_FIX = "write entries as '- en: English text' with 'de: German text' below"


def translator(found: Catalogue) -> Callable[[str], str]:
    """A function from a library text to its German; a text without an entry stops the
    run with its English file and line, so no English is ever filled in silently."""

    @memo
    def translate(text: str) -> str:
        entry = found.get(text)
        if entry is None:
            raise missing(text, found.language)
        # spaces around the English (a separator such as "; ") stay around the German
        before, after = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        words = f"{before}{entry.text}{after}" if before or after else entry.text
        if isinstance(text, Text):  # keep where it was written, for errors about it
            new = Text(words)
            new.file, new.line = text.file, text.line
            return new
        return words

    return translate


def missing(text: str, language: str) -> MissingTranslation:
    short = normal(text)
    short = short if len(short) <= 60 else short[:57] + "..."
    return MissingTranslation(
        f"no {language} text for {short!r}",
        getattr(text, "file", None),
        getattr(text, "line", None),
        f"add it to the catalogue {language}/ beside the file (jdgen validate lists every one)",
        code="translation.missing",
    )


def forms_of(found: Catalogue, key: str, value: str) -> dict:
    """A context value in the language: `key` in the nominative and `key_dat` and so on
    for the cases its entry gives."""
    entry = found.get(value)
    if entry is None:
        raise missing(value, found.language)
    return {key: entry.text, **{f"{key}_{case}": form for case, form in entry.forms.items()}}


def check_catalogue(sources: Sources, language: str, every_file: bool = False) -> list[Diagnostic]:
    """What `jdgen validate` says of a language: each library text without its entry (in
    the folders that keep a catalogue for the language, or everywhere with `every_file`,
    as when a workspace writes in it), each entry whose {fields} differ from the English,
    and entries no text reads. A missing text is a warning here: generation stops on it
    only when a document in the language needs it."""
    try:
        found = catalogue(sources, language)
    except LibraryError as exc:
        return [exc.diagnostic]
    roots = [
        folder
        for layer in sources.layers
        for folder in (layer.library, layer.templates)
        if folder is not None and (every_file or (folder / language).is_dir())
    ]
    problems: list[Diagnostic] = []
    used: set[str] = set()
    texts = [text for _, text in library_texts(sources)]
    names = {n for text in texts for n in PLACEHOLDER.findall(text)}
    for text in texts:
        entry = found.get(text)
        if entry is None:
            if any(text.file.is_relative_to(root) for root in roots):
                problems.append(replace(missing(text, language).diagnostic, severity="warning"))
            continue
        used.add(normal(text))
        if not set(FORMAT_FIELD.findall(entry.text)) <= set(FORMAT_FIELD.findall(text)):
            problems.append(
                Diagnostic(
                    "translation.placeholders",
                    f"the {language} text has {{fields}} the English does not",
                    entry.file,
                    entry.line,
                    fix="use only the English text's {name} fields (German may leave one out: 'Über uns')",
                )
            )
        if not placeholders_allowed(entry.text, names):
            problems.append(
                Diagnostic(
                    "translation.placeholders",
                    f"the {language} text names a {{{{ }}}} value no statement has",
                    entry.file,
                    entry.line,
                    fix="use a value statements have (company.board, role.title), or its cases (_dat, _acc)",
                )
            )
    for english_text, entry in found.entries.items():
        if english_text not in used:
            problems.append(
                Diagnostic(
                    "translation.unused",
                    "no library text reads this entry (its English was changed or removed)",
                    entry.file,
                    entry.line,
                    "warning",
                    "update 'en' to the English as it is now, or remove the entry",
                )
            )
    return problems
