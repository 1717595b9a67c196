"""British or American English for a company's country, and its Babel locale.

The library is written in American English. For a company outside the US and the rest
of the Americas (locales.yaml: american_english_countries) the library's own text and
the templates' labels are respelt from spelling.yaml before any profile value is put
in, so a company's own words ("Acme Organization") are never touched. Money and dates
are formatted by Babel for the document's locale: English, with the company's country
where English is written there (en_IE: €180,000), else the variant's own (en_US); what
Babel wrote is remembered in jdgen's cache, so a run with known values never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ..core import cache as diskcache
from ..core.caches import memo
from ..core.paths import resource_dir
from ..model.base import Text
from ..model.data import Locales, Spelling
from ..yamlio.source import load_yaml

BRITISH, AMERICAN = "en-GB", "en-US"


def language(locales: Locales, country: str, code: str = "en") -> str:
    """The document's language tag. English: en-US in the Americas and for a profile
    without a country (the library's own spelling), else en-GB. German: as written in
    the company's country where German is written there (de-AT, de-CH), else de-DE."""
    if code == "de":
        return f"de-{country}" if country in locales.german_locale_countries else "de-DE"
    return AMERICAN if not country or country in locales.american_english_countries else BRITISH


def babel_locale(locales: Locales, country: str, tag: str | None = None) -> str:
    """The Babel locale of a document in `tag` (default: the country's English): English
    as written in the company's country when that is an English locale; German as its tag."""
    tag = tag or language(locales, country)
    if not tag.startswith("en"):
        return tag.replace("-", "_")
    if country in locales.english_locale_countries:
        return f"en_{country}"
    return tag.replace("-", "_")


def speller(spelling: Spelling, tag: str) -> Callable[[str], str]:
    """A function that respells library text for the language (identity for en-US)."""
    if tag != BRITISH:
        return _same
    return _british(spelling)


def respell_tree(data, tag: str):
    """Every string in a loaded YAML tree (labels.yaml) in the language's spelling; keys
    stay as they are. The built-in spelling table is used: labels are jdgen's own words."""
    if tag != BRITISH:
        return data
    spell = speller(builtin_spelling(), tag)

    def walk(value):
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return spell(value) if isinstance(value, str) else value

    return walk(data)


@memo
def builtin_spelling() -> Spelling:

    data = load_yaml(resource_dir("responsibilities") / "spelling.yaml")
    return Spelling(stems=dict(data.get("stems") or {}), words=dict(data.get("words") or {}))


def _same(text: str) -> str:
    return text


@memo
def _british(spelling: Spelling) -> Callable[[str], str]:
    table = {k.lower(): v for k, v in spelling.words.items()}
    stems = {k.lower(): v for k, v in spelling.stems.items()}
    words = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    starts = "|".join(sorted(map(re.escape, stems), key=len, reverse=True))
    # a template expression is code, kept as written ({{ x | capitalize }} names a filter)
    code = r"(?P<code>\{\{.*?\}\}|\{%.*?%\})"
    pattern = re.compile(rf"{code}|\b(?:(?P<word>{words})\b|(?P<stem>{starts})(?=[a-z]*\b))", re.I | re.S)

    def respell(match: re.Match) -> str:
        found = match.group(0)
        if match.group("code"):
            return found
        new = table[found.lower()] if match.group("word") else stems[found.lower()]
        return _same_case(found, new)

    @memo
    def british(text: str) -> str:
        new = pattern.sub(respell, text)
        if new == text:
            return text
        if isinstance(text, Text):  # keep where it was written, for errors about it
            new = Text(new)
            new.file, new.line = text.file, text.line
        return new

    return british


def _same_case(found: str, new: str) -> str:
    if found.isupper() and len(found) > 1:
        return new.upper()
    if found[0].isupper():
        return new[0].upper() + new[1:]
    return new


def money(amount: int, currency: str, locale: str) -> str:
    """A whole amount in the locale's own currency pattern, without decimals."""
    return _formatted("money", amount, currency, locale)


def long_date(iso: str, locale: str) -> str:
    """'2026-11-01' as the locale writes it: 1 November 2026, November 1, 2026."""
    return _formatted("date", iso, locale) if iso else ""


def _babel_money(amount: int, currency: str, locale: str) -> str:
    from babel import Locale
    from babel.numbers import format_currency

    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    whole = re.sub(r"\.0+", "", pattern.split(";")[0])
    return format_currency(amount, currency, format=whole, locale=locale, currency_digits=False)


def _babel_date(iso: str, locale: str) -> str:
    from babel.dates import format_date

    return format_date(date.fromisoformat(iso), "long", locale=locale)


_BABEL = {"money": _babel_money, "date": _babel_date}


def _formatted(kind: str, *args) -> str:
    """Babel's text for these arguments, remembered in jdgen's cache: importing Babel
    and loading a locale's data costs about 35 ms, and a profile's pay and dates are the
    same run after run (an upgrade of Babel starts a new cache: cache.CACHED_RESULTS_OF)."""
    return diskcache.remembered("babel", (kind, *args), lambda: _BABEL[kind](*args))
