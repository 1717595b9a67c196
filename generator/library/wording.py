"""The library's words for one document language: respelt English or the catalogue's.

One function per language tag turns a library text into the document's words before any
profile value is put in: the identity for American English, British respelling for en-GB
(english.py), the catalogue's German for de-* (translation.py), with ß written ss for
Switzerland, whose German has no ß. Every part of a document that shows library text
goes through it, so no step downstream needs to know the language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..core.caches import memo
from ..model.data import Spelling
from . import english, translation
from .sources import Sources
from .statements import render_statement

if TYPE_CHECKING:
    from .loader import Library


def is_english(tag: str) -> bool:
    return tag.startswith("en")


def words(lib: Library, tag: str) -> Callable[[str], str]:
    """Library text in the document's language (tag: en-US, en-GB, de-DE, de-CH, ...)."""
    return for_tag(lib.spelling, lib.sources, tag)


@memo
def for_tag(spelling: Spelling, sources: Sources, tag: str) -> Callable[[str], str]:
    """The one function per language tag, from a spelling table and the sources whose
    catalogues hold the other languages (the labels use jdgen's own spelling table)."""
    if is_english(tag):
        return english.speller(spelling, tag)
    translate = translation.translator(translation.catalogue(sources, tag.split("-")[0]))
    if tag != "de-CH":
        return translate

    def swiss(text: str) -> str:
        return swiss_spelling(translate(text))

    return swiss


def swiss_spelling(text: str) -> str:
    """Swiss Standard German writes ss where German elsewhere writes ß."""
    return text.replace("ß", "ss")


def value_forms(lib: Library, tag: str, key: str, value: str | None, context: dict) -> dict:
    """A library value a statement puts into a sentence ({{ company.board }}), in the
    document's language and rendered with `context` (a reporting line may itself name the
    company's board): `key` alone in English; in German `key` and the cases its catalogue
    entry gives (`key_dat`, ...)."""
    if not value:
        return {}
    if is_english(tag):
        return {key: render_statement(words(lib, tag)(value), context)}
    found = translation.catalogue(lib.sources, tag.split("-")[0])
    forms = translation.forms_of(found, key, value)
    swiss = tag == "de-CH"
    return {k: render_statement(swiss_spelling(v) if swiss else v, context) for k, v in forms.items()}
