"""Pay transparency: which laws apply to a posting, and whether its pay meets them.

The laws are data (checks/pay-transparency.yaml). A law applies when the posting's
location or country matches it and the posting's date is on or after its effective date.
"""

from __future__ import annotations

import re
from datetime import date

from ..core.caches import memo
from ..core.record import record
from .matcher import digit_lead, finditer, near_digits
from .rules import data_file


@record(frozen=True)
class Law:
    id: str
    name: str
    law: str
    effective: date
    requires: frozenset[str]
    severity: str | None
    source: str
    country: str | None
    countries: frozenset[str]
    places: re.Pattern | None
    codes: re.Pattern | None


@record(frozen=True)
class Pay:
    kind: str  # range, single, open, vague, none
    text: str = ""
    start: int = -1
    end: int = -1


@memo
def laws() -> tuple[Law, ...]:
    found = []
    for raw in data_file("pay-transparency")["laws"]:
        places = raw.get("places") or []
        codes = raw.get("codes") or []
        found.append(
            Law(
                id=raw["id"],
                name=raw["name"],
                law=raw["law"],
                effective=date.fromisoformat(str(raw["effective"])),
                requires=frozenset(raw["requires"]),
                severity=raw.get("severity"),
                source=raw["source"],
                country=raw.get("country"),
                countries=frozenset(raw.get("countries") or ()),
                places=re.compile(r"\b(?:" + "|".join(places) + r")\b", re.I) if places else None,
                codes=re.compile(r"(?:^|,)\s*(?:" + "|".join(codes) + r")(?:\s+\d{5})?\s*(?:,|$|\))")
                if codes
                else None,
            )
        )
    return tuple(found)


def applicable(location: str | None, country: str | None, on: date) -> tuple[list[Law], bool]:
    """(laws in force for this place on this date, whether the place was known at all)."""
    if not location and not country:
        return [], False
    country = (country or "").upper() or None
    found = []
    for law in laws():
        if law.countries and country in law.countries:
            hit = True
        elif law.country and country and country != law.country:
            hit = False
        else:
            hit = bool(location) and (
                bool(law.places and law.places.search(location))
                or bool(law.codes and law.codes.search(location))
            )
        if hit and on >= law.effective:
            found.append(law)
    return found, True


@memo
def _patterns() -> dict[str, re.Pattern]:
    d = data_file("detect")["pay"]
    amount = rf"(?:{d['currency']}\s?)?(?:{d['amount']})(?:\s?{d['currency']})?"
    money = rf"(?:{d['currency']}\s?(?:{d['amount']})|(?:{d['amount']})\s?{d['currency']})"
    return {
        "range": re.compile(
            rf"(?:{money}{d['range_joiner']}{amount}|{amount}{d['range_joiner']}{money})", re.I
        ),
        "money": re.compile(money, re.I),
        "open": re.compile(
            rf"(?:{'|'.join(d['open_ended'])})\s*{money}|{money}\s*(?:\+|and up|or more)", re.I
        ),
        "vague": re.compile("|".join(d["vague"]), re.I),
        "pay_word": re.compile("|".join(d["pay_words"]), re.I),
    }


@memo
def _leads() -> dict[str, int | None]:
    """How far before its first digit each amount pattern can start (see matcher.py)."""
    return {name: digit_lead(p.pattern, p.flags) for name, p in _patterns().items()}


def _amounts(name: str, text: str, near: dict[int, list[int]]):
    """`_patterns()[name].finditer(text)`, tried only where a match can start: near a
    digit, when the pattern needs one within a bounded distance of its start."""
    pattern, lead = _patterns()[name], _leads()[name]
    if lead is None:
        return pattern.finditer(text)
    if lead not in near:
        near[lead] = near_digits(text, lead)
    return finditer(pattern, text, near[lead])


def find_pay(text: str) -> Pay:
    """The best statement of pay in the text: a range beats a single figure beats words."""
    near: dict[int, list[int]] = {}
    for m in _amounts("range", text, near):
        if _near_pay_word(text, m.start(), m.end()):
            return Pay("range", m.group().strip(), m.start(), m.end())
    for m in _amounts("open", text, near):
        if _near_pay_word(text, m.start(), m.end()):
            return Pay("open", m.group().strip(), m.start(), m.end())
    for m in _amounts("money", text, near):
        if _near_pay_word(text, m.start(), m.end()):
            return Pay("single", m.group().strip(), m.start(), m.end())
    p = _patterns()
    if m := p["vague"].search(text):
        return Pay("vague", m.group(), m.start(), m.end())
    return Pay("none")


def _near_pay_word(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 60) : end + 40]
    return bool(_patterns()["pay_word"].search(window))
