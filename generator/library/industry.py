"""Which library text fits a company's industry.

A library list item is a plain string (fits every industry) or a `TextItem` marked
with the industries it fits. Compose asks here, once per list, so a software firm never
gets a plant manager's lines; roles marked with industries exist only there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..model.data import Block, Industry, Role, TextItem

NEUTRAL = "neutral"  # marks text for a company whose industry the library does not know


def key(words: str) -> str:
    """What two ways of writing an industry share: case, punctuation and "&" vs "and" aside
    ("E-commerce", "e commerce"; "Health Care & Social Assistance")."""
    return " ".join(re.findall(r"[^\W_]+", words.casefold().replace("&", " and ")))


def names(industry: Industry) -> tuple[str, ...]:
    """Every way a profile may name the industry: its id, its label and its other names."""
    return (industry.id, industry.label, *industry.names)


def resolve(words: str, industries: Mapping[str, Industry]) -> str | None:
    """The id of the industry the user's words name, or None: the words are then the
    company's own description and the documents use industry-neutral text."""
    wanted = key(words)
    for industry in industries.values():
        if any(key(name) == wanted for name in names(industry)):
            return industry.id
    return None


def fits(item: str | TextItem, industry: str | None) -> bool:
    """An unmarked item fits everywhere; a marked one only in its industries, where
    `neutral` stands for a company of no known industry: a statement with industry
    variants gives such a company industry-neutral wording of its own."""
    return isinstance(item, str) or not item.industries or (industry or NEUTRAL) in item.industries


def text(item: str | TextItem) -> str:
    return item if isinstance(item, str) else item.text


def pick(items: Iterable[str | TextItem], industry: str | None) -> tuple[str, ...]:
    """The texts of the items that fit the industry, in library order."""
    return tuple(text(item) for item in items if fits(item, industry))


def every_text(items: Iterable[str | TextItem]) -> tuple[str, ...]:
    """All texts whatever their industry (library-wide checks read every one)."""
    return tuple(text(item) for item in items)


def role_fits(role: Role, industry: str | None) -> bool:
    """A role with no industries exists in every company, one marked with industries
    only in those; a company that names no industry may have any role."""
    return industry is None or not role.industries or industry in role.industries


def marked(items: Iterable[str | TextItem]) -> Iterable[TextItem]:
    return (item for item in items if isinstance(item, TextItem))


def block_title(block: Block, industry: str | None) -> str:
    """The area's heading for the company's industry (`neutral` for none known), else its own."""
    return block.industry_titles.get(industry or NEUTRAL, block.title)
