"""The company's view of the library's text: what a statement may refer to, the items
that fit the company's industry in its English, and repeated lines found by their words
(compose, the comparison and the studio share these)."""

from __future__ import annotations

import re
from dataclasses import asdict

from ..library import wording
from ..library.industry import pick
from ..library.loader import Library
from ..library.statements import render_statement
from ..model.data import Company


class LibraryText:
    """The company's view of the library: the items that fit its industry, in the
    document's language (respelt English or the catalogue's German), filled with the
    statement context. Library text only: profile values are put in by render_statement
    after the wording, so they are never changed."""

    def __init__(self, lib: Library, company: Company, context: dict, tag: str):
        self.industry = company.industry
        self.language = tag
        self.spell = wording.words(lib, tag)
        self.context = context
        name = context.get("company", {}).get("name", "")
        # a name ending in s takes the apostrophe alone, as AP style has it ("Partners'")
        english_s = wording.is_english(tag) and name.endswith("s")
        self._possessive = (f"{name}'s", f"{name}'") if english_s else None

    def one(self, text: str) -> str:
        out = render_statement(self.spell(text), self.context)
        return out.replace(*self._possessive) if self._possessive else out

    def items(self, items) -> list[str]:
        return [self.one(t) for t in pick(items, self.industry)]

    def plain(self, items) -> tuple[str, ...]:
        """Items that are not templates (titles, relationships): worded only."""
        return tuple(self.spell(t) for t in pick(items, self.industry))


def industry_text(lib: Library, company: Company, tag: str = "en-US") -> str | None:
    """The business in the profile's own words, else its industry's label (worded)."""
    found = lib.industries.get(company.industry) if company.industry else None
    if company.industry_description or not found:
        return company.industry_description or company.industry
    return wording.words(lib, tag)(found.label)


def company_context(lib: Library, company: Company, tag: str = "en-US") -> dict:
    """What a statement may say of the company: the profile's plain values, and the body it
    answers to and who working time is agreed with (governance.yaml, by legal form and
    country), in the document's language with their cases in German. A profile key left
    out is not offered (a statement using it names the key)."""
    named = {"name": company.name, "industry": industry_text(lib, company, tag), "location": company.location}
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
    plain = {key: value for key, value in {**named, "size": company.size}.items() if value}
    out = dict(plain)
    for key, value in {**governance, **money}.items():
        out.update(wording.value_forms(lib, tag, key, value, {"company": plain}))
    return out


def statement_context(
    lib, company, family, level, title, reports_to, tag: str = "en-US", own_title: str | None = None
) -> dict:
    """What a statement may refer to: plain values only, so nothing user-written is code.
    `title` and `reports_to` are as the library writes them; `own_title` is a posting's
    own, the user's words, used as written (in German without cases: the library's
    statements name the role's own title only in the nominative)."""
    own = {"company": company_context(lib, company, tag)}
    words = wording.words(lib, tag)
    role = wording.value_forms(lib, tag, "reports_to", reports_to, own)
    role.update({"title": own_title} if own_title else wording.value_forms(lib, tag, "title", title, own))
    return {
        **own,
        "family": {
            **wording.value_forms(lib, tag, "name", family.name, own),
            **wording.value_forms(lib, tag, "noun", family.noun, own),
        },
        "level": {"label": words(level.label), "experience_years": level.experience_years},
        "role": role,
    }


def normal(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


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
