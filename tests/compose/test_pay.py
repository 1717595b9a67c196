"""compose/pay.py: a pay range as the document's locale writes its currency; compared
with Babel's own symbols and grouping at test time, never with written-down CLDR data."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal, get_currency_symbol

from jdgen.compose.pay import money_range


@pytest.mark.parametrize(
    ("currency", "locale"), [("USD", "en_US"), ("GBP", "en_GB"), ("EUR", "en_IE"), ("CHF", "en_US")]
)
def test_a_range_is_two_amounts_in_the_locales_own_writing(lib, currency, locale):
    pay = money_range(lib, currency, 90000, 110000, locale=locale)
    assert (pay.currency, pay.min, pay.max, pay.period) == (currency, 90000, 110000, "year")
    low, sep, high = pay.text.partition(" – ")
    assert sep, pay.text
    symbol = get_currency_symbol(currency, locale)
    for amount, text in ((90000, low), (110000, high)):
        assert symbol in text and format_decimal(amount, locale=locale) in text, text
        assert "." not in text.replace(symbol, "")  # whole amounts: no decimals


def test_the_period_is_kept_for_a_day_rate(lib):
    pay = money_range(lib, "GBP", 900, 1200, "day", "en_GB")
    assert pay.period == "day" and pay.text.count("£") == 2
