"""A pay range as the document's locale writes its currency."""

from __future__ import annotations

from ..library import english
from ..library.loader import Library
from ..model.data import Compensation


def money_range(
    lib: Library, currency: str, low: int, high: int, period: str = "year", locale: str = "en_US"
) -> Compensation:
    """A pay range as the document's locale writes the currency (Babel): "£90,000 – £110,000"."""

    def money(amount: int) -> str:
        return english.money(amount, currency, locale)

    return Compensation(
        currency=currency, min=low, max=high, text=f"{money(low)} – {money(high)}", period=period
    )
