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
    return _by_code(wanted, industries)


_CODE = re.compile(r"(naics|isic)(?: rev 4| 2022)?(?: code)? ([a-z]|\d{2,6})")


def _by_code(wanted: str, industries: Mapping[str, Industry]) -> str | None:
    """A NAICS or ISIC code ("NAICS 522110", "ISIC 5510") picks the industry whose listed
    sector or division it falls in, the most specific listing winning; codes are
    hierarchical, so a code falls in every listing it starts with."""
    given = _CODE.fullmatch(wanted)
    if not given:
        return None
    system, code = given.groups()
    best = None
    for industry in industries.values():
        for listed in industry.codes:
            for prefix in _prefixes(listed, system):
                fits = code == prefix if prefix.isalpha() else code.startswith(prefix)
                if fits and (best is None or len(prefix) > best[0]):
                    best = (len(prefix), industry.id)
    return best[1] if best else None


def _prefixes(listed: str, system: str) -> list[str]:
    """The code prefixes a listing stands for: "NAICS 48-49" is 48 and 49."""
    parts = key(listed).split()
    if parts[0] != system:
        return []
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():  # a range: 31-33
        return [str(n) for n in range(int(parts[1]), int(parts[2]) + 1)]
    return [parts[1]]


def named_inside(words: str, industries: Mapping[str, Industry]) -> list[tuple[str, str]]:
    """(industry id, name) for each industry whose name the words contain whole ("Hotels &
    resorts" contains "hotels"): offered as a suggestion, never chosen, since the other
    words may change the business ("legal cannabis dispensary" is not a law firm)."""
    wanted = f" {key(words)} "
    found: dict[str, str] = {}
    for industry in industries.values():
        for name in names(industry):
            if f" {key(name)} " in wanted and industry.id not in found:
                found[industry.id] = name
    return list(found.items())


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
