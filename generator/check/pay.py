"""Pay transparency: which laws apply to a posting, and whether its pay meets them.

The laws are data (checks/pay-transparency.yaml). A law applies when the posting's
location or country matches it and the posting's date is on or after its effective date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..core.caches import memo
from ..core.errors import LibraryError, did_you_mean
from ..core.record import record
from .matcher import digit_lead, finditer, near_digits
from .rules import checks_dir, data_file

KEYS = frozenset(
    "id name law effective country countries places codes requires employees counted duty when remote"
    " ask range_cap exempt_above breadth spread must_say must_not_say severity source also".split()
)
REQUIRES = {"range", "fixed", "minimum", "benefits"}
DUTIES = {"advert", "advert-or-interview", "on-request", "pending"}
REACH = {"covers", "depends"}


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
    employees: int | None = None  # the smallest employer covered; None: every employer
    counted: str | None = None
    duty: str = "advert"
    when: str | None = None
    remote: str | None = None  # covers, depends (then `ask`), or None: located jobs only
    ask: str | None = None
    range_cap: int | None = None
    exempt_above: int | None = None
    breadth: str | None = None
    spread: float | None = None  # with breadth: the spread, as a share of the minimum, that is wide
    must_say: tuple[str, ...] = ()
    must_not_say: tuple[str, ...] = ()


@record(frozen=True)
class Pay:
    kind: str  # range, single, open, scale (a pay scale's grade), vague, none
    text: str = ""
    start: int = -1
    end: int = -1


def _fail(message: str, line: int, fix: str | None = None) -> LibraryError:
    return LibraryError(message, checks_dir() / "pay-transparency.yaml", line, fix, code="check.pay-laws")


def _checked(raw, statements) -> None:
    """A law entry with an unknown key or value is a LibraryError at its line."""
    line = raw.line_of("id") if "id" in raw else 0
    for key in raw:
        if key not in KEYS:
            hint = did_you_mean(key, sorted(KEYS)).strip() or f"use {', '.join(sorted(KEYS))}"
            raise _fail(f"unknown key '{key}' in law {raw.get('id')}", raw.line_of(key), hint)
    for key, allowed in (("requires", REQUIRES), ("must_say", statements), ("must_not_say", statements)):
        for value in raw.get(key) or ():
            if value not in allowed:
                raise _fail(
                    f"'{value}' in {key} of law {raw['id']} is not one of {', '.join(sorted(allowed))}",
                    raw.line_of(key),
                )
    for key, allowed in (("duty", DUTIES), ("remote", REACH)):
        if key in raw and raw[key] not in allowed:
            raise _fail(
                f"{key} '{raw[key]}' of law {raw['id']} is not one of {', '.join(sorted(allowed))}",
                raw.line_of(key),
            )
    if raw.get("remote") == "depends" and not raw.get("ask"):
        raise _fail(
            f"law {raw['id']} has remote: depends but no 'ask'", line, "add the question to ask the user"
        )


@memo
def laws() -> tuple[Law, ...]:
    data = data_file("pay-transparency")
    statements = set(data.get("statements") or ())
    found = []
    for raw in data["laws"]:
        _checked(raw, statements)
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
                employees=raw.get("employees"),
                counted=raw.get("counted"),
                duty=raw.get("duty", "advert"),
                when=raw.get("when"),
                remote=raw.get("remote"),
                ask=raw.get("ask"),
                range_cap=raw.get("range_cap"),
                exempt_above=raw.get("exempt_above"),
                breadth=raw.get("breadth"),
                spread=raw.get("spread"),
                must_say=tuple(raw.get("must_say") or ()),
                must_not_say=tuple(raw.get("must_not_say") or ()),
            )
        )
    return tuple(found)


def _reaches(law: Law, location: str | None, country: str | None) -> bool:
    """Whether the job is where the law reaches: a country-wide law in its countries, a
    state's or city's law at its places (a place in another country never matches, and a
    state code such as "DE" or "CA" counts only when no other country's place is named)."""
    if country in law.countries:
        return True
    if country and (law.countries or law.country != country):
        return False
    if not location:
        return False
    if law.places and law.places.search(location):
        return True
    return bool(law.codes and law.codes.search(location)) and (
        country is not None or not _abroad(law, location)
    )


def _abroad(law: Law, location: str) -> bool:
    """Whether the location names a place of a law of another country."""
    return any(
        other.places and other.places.search(location)
        for other in laws()
        if (other.countries or {other.country}) - {law.country}
    )


def applicable(location: str | None, country: str | None, on: date) -> tuple[list[Law], bool]:
    """(laws in force for this place on this date, whether the place was known at all)."""
    if not location and not country:
        return [], False
    country = (country or "").upper() or None
    return [law for law in laws() if on >= law.effective and _reaches(law, location, country)], True


def upcoming(location: str | None, country: str | None, on: date, days: int) -> list[Law]:
    """Laws for this place that take effect within `days` after `on`."""
    country = (country or "").upper() or None
    return [
        law
        for law in laws()
        if on < law.effective <= on + timedelta(days=days) and _reaches(law, location, country)
    ]


@record(frozen=True)
class Remote:
    """A remote posting: the country it is open to (None: not said), the laws that reach
    a remote job there, and the laws that reach it only if the user's answer is yes."""

    country: str | None
    covers: tuple[Law, ...] = ()
    depends: tuple[Law, ...] = ()


def remote(location: str | None, country: str | None, on: date) -> Remote | None:
    """The remote reach of the laws in force, when the location says the job is remote."""
    data = data_file("pay-transparency")["remote"]
    if not location or not re.search(data["pattern"], location, re.I):
        return None
    country = (country or "").upper() or next(
        (c for c, pattern in data["countries"].items() if re.search(pattern, location, re.I)), None
    )
    reach = [law for law in laws() if law.remote and law.country == country and on >= law.effective]
    return Remote(
        country,
        tuple(law for law in reach if law.remote == "covers"),
        tuple(law for law in reach if law.remote == "depends"),
    )


def covers_size(law: Law, employees: int | None) -> bool | None:
    """Whether an employer of this size is covered: None when the size is unknown and matters."""
    if not law.employees or law.employees <= 1:
        return True
    if employees is None:
        return None
    return employees >= law.employees


_SIZE = re.compile(r"(\d{1,3}(?:[,.\s\u202f]\d{3})+|\d+)\s*(k\b|thousand)?", re.I)
_AT_MOST = re.compile(r"\b(?:fewer|less|under|below|up to|at most)\b|<", re.I)


def employees_from(size: str | int | None) -> int | None:
    """The number of employees in a profile's free-text `size` ("650", "about 650
    employees", "1,200", "10k+"): a range "200-500" means at least its lower end; an
    upper bound only ("fewer than 50") or no number gives None (unknown)."""
    if size is None or isinstance(size, bool):
        return None
    if isinstance(size, int):
        return size if size >= 0 else None
    m = _SIZE.search(str(size))
    if not m or _AT_MOST.search(str(size)[: m.start()]):
        return None
    number = int(re.sub(r"\D", "", m.group(1)))
    return number * 1000 if m.group(2) else number


# a published pay scale's grade ("TV-L E13") stands for its table's amounts: a range of steps
ACCEPTED = {
    "range": {"range", "scale"},
    "fixed": {"range", "single", "scale"},
    "minimum": {"range", "single", "open", "scale"},
}


def gaps(law: Law, stated: Pay, has_benefits: bool) -> tuple[str, ...]:
    """What the posting lacks for this law: "missing" (no pay), "incomplete" (pay not in
    the form the law asks for), "benefits"."""
    out = []
    amounts = figures(stated)
    exempt = law.exempt_above is not None and amounts is not None and amounts[1] > law.exempt_above
    kinds = [ACCEPTED[k] for k in ("range", "fixed", "minimum") if k in law.requires]
    if kinds and not exempt:
        if stated.kind == "none":
            out.append("missing")
        elif stated.kind not in kinds[0]:
            out.append("incomplete")
    if "benefits" in law.requires and not has_benefits:
        out.append("benefits")
    return tuple(out)


_FIGURE = re.compile(r"(\d{1,3}(?:[,.\s\u202f]\d{3})+|\d+(?:[.,]\d+)?)\s?([kK](?![a-zA-Z]))?")


def figures(stated: Pay) -> tuple[float, float] | None:
    """(lowest, highest) amount of a stated range or figure, or None ("85-95k" is
    85,000 to 95,000)."""
    if stated.kind not in ("range", "single", "open"):
        return None
    found = []
    for number, thousand in _FIGURE.findall(stated.text):
        plain = re.sub(r"[,.\s\u202f](?=\d{3}(?!\d))", "", number).replace(",", ".")
        found.append((float(plain), bool(thousand)))
    if not found:
        return None
    scaled = any(k for _, k in found)
    values = [v * 1000 if k or (scaled and v < 1000) else v for v, k in found][:2]
    return min(values), max(values)


def statement_missing(name: str, text: str) -> bool:
    """Whether the text lacks a statement the law asks for (statements in the YAML)."""
    return not re.search(data_file("pay-transparency")["statements"][name]["pattern"], text, re.I)


def forbidden(name: str, text: str) -> list[tuple[int, int]]:
    """Where the text makes a statement the law forbids (not where it is negated nearby)."""
    data = data_file("pay-transparency")["statements"][name]
    unless = re.compile(data["unless"], re.I) if data.get("unless") else None
    found = []
    for m in re.finditer(data["pattern"], text, re.I):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[
            max(line_start, m.start() - 60) : min(m.end() + 40, line_end if line_end >= 0 else len(text))
        ]
        if not (unless and unless.search(line)):
            found.append((m.start(), m.end()))
    return found


def statement_words(name: str) -> str:
    return data_file("pay-transparency")["statements"][name]["what"]


def requirement_words(law: Law, gap_kinds) -> str:
    """What the law requires, in words (for a message)."""
    words = data_file("pay-transparency")["words"]
    pay_word = next((words[k] for k in ("range", "fixed", "minimum") if k in law.requires), None)
    parts = [pay_word] if pay_word and set(gap_kinds) & {"missing", "incomplete"} else []
    if "benefits" in gap_kinds:
        parts.append(words["benefits"])
    return " and ".join(parts)


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
        "range_bare": re.compile(rf"{amount}{d['range_joiner']}{amount}", re.I),
        "open": re.compile(
            rf"(?:{'|'.join(d['open_ended'])})\s*{money}|{money}\s*(?:\+|and up|or more)", re.I
        ),
        "field": re.compile(
            rf"{d['field']}(?P<pay>{amount}(?:{d['range_joiner']}{amount})?)(?![\w.,])", re.I
        ),
        "vague": re.compile("|".join(d["vague"]), re.I),
        "scale": re.compile(d["scale"], re.I),
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
    if m := _patterns()["field"].search(text):  # a pay field's bare figures: "Salary range: 20000-28000"
        kind = "range" if _patterns()["range_bare"].fullmatch(m.group("pay")) else "single"
        return Pay(kind, m.group("pay").strip(), m.start("pay"), m.end("pay"))
    p = _patterns()
    if m := p["scale"].search(text):  # a pay scale's grade: "Gehalt: nach TV-L E12/S1"
        group = "field" if m.group("field") else "named"
        return Pay("scale", m.group(group).strip(), m.start(group), m.end(group))
    if m := p["vague"].search(text):
        return Pay("vague", m.group(), m.start(), m.end())
    return Pay("none")


def _near_pay_word(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 60) : end + 40]
    return bool(_patterns()["pay_word"].search(window))
