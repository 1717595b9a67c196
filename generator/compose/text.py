"""The company's view of the library's text: what a statement may refer to, the items
that fit the company's industry in its English, and repeated lines found by their words
(compose, the comparison and the studio share these)."""

from __future__ import annotations

import re
from dataclasses import asdict

from ..library import english
from ..library.industry import pick
from ..library.loader import Library
from ..library.statements import render_statement
from ..model.data import Company


class LibraryText:
    """The company's view of the library: the items that fit its industry, in its
    English, filled with the statement context. Library text only: profile values are
    put in by render_statement after the respelling, so they are never changed."""

    def __init__(self, lib: Library, company: Company, context: dict):
        self.industry = company.industry
        self.language = english.language(lib.locales, company.country)
        self.spell = english.speller(lib.spelling, self.language)
        self.context = context
        name = context.get("company", {}).get("name", "")
        # a name ending in s takes the apostrophe alone, as AP style has it ("Partners'")
        self._possessive = (f"{name}'s", f"{name}'") if name.endswith("s") else None

    def one(self, text: str) -> str:
        out = render_statement(self.spell(text), self.context)
        return out.replace(*self._possessive) if self._possessive else out

    def items(self, items) -> list[str]:
        return [self.one(t) for t in pick(items, self.industry)]

    def plain(self, items) -> tuple[str, ...]:
        """Items that are not templates (titles, relationships): respelt only."""
        return tuple(self.spell(t) for t in pick(items, self.industry))


def industry_text(lib: Library, company: Company) -> str | None:
    """The business in the profile's own words, else its industry's label."""
    found = lib.industries.get(company.industry) if company.industry else None
    return company.industry_description or (found.label if found else company.industry)


def company_context(lib: Library, company: Company) -> dict:
    """What a statement may say of the company: the profile's plain values, and the body it
    answers to and who working time is agreed with (governance.yaml, by legal form and
    country). A profile key left out is not offered (a statement using it names the key)."""
    named = {"name": company.name, "industry": industry_text(lib, company), "location": company.location}
    body = lib.governing_body(company)
    governance = (
        {
            "board": body.board,
            "board_title": body.board_title,
            "a_board": body.a_board,
            "management": body.management,
            "works_council": lib.works_council(company),
        }
        if body
        else {}
    )
    finances = lib.finances(company)
    money = asdict(finances) if finances else {}
    return {
        key: value for key, value in {**named, "size": company.size, **governance, **money}.items() if value
    }


def statement_context(lib, company, family, level, title, reports_to) -> dict:
    """What a statement may refer to: plain values only, so nothing user-written is code."""
    return {
        "company": company_context(lib, company),
        "family": {"name": family.name, "noun": family.noun},
        "level": {"label": level.label, "experience_years": level.experience_years},
        "role": {"title": title, "reports_to": reports_to},
    }


def normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def dedupe(items, limit: int | None = None, seen: set[str] | None = None) -> list:
    """Keep the first of any repeated text (case and punctuation ignored)."""
    seen = set() if seen is None else seen
    out = []
    for item in items:
        key = normal(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out[:limit] if limit else out
