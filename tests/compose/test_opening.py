"""compose/opening.py: one opening's own facts on a composed document (title, place, work,
contract, pay, dates), called directly on a composed job description."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from jdgen.compose.opening import opening, same_place
from jdgen.core.errors import LibraryError
from jdgen.core.paths import templates_dir
from jdgen.library import english
from jdgen.model.data import Address
from jdgen.model.posting import Employment, ListChanges, Posting, Salary, Work

WORDS = yaml.safe_load((templates_dir() / "labels.yaml").read_text("utf-8"))["opening"]


def test_the_posting_title_and_facts_replace_the_roles(lib, coo_jd):
    posting = Posting(
        role="coo",
        title="Chief Operating Officer, Plants",
        work=Work("hybrid", office_days=3),
        employment=Employment("FULL_TIME", "37.5 hours a week"),
        start="2027-01-04",
        closes="2026-12-01",
        requisition="REQ-42",
        hiring_manager="Dana Smith",
    )
    jd = opening(lib, coo_jd, posting, coo_jd.title, "USD")
    assert jd.title == "Chief Operating Officer, Plants"
    locale = english.babel_locale(lib.locales, coo_jd.meta.country)
    assert dict(jd.facts) == {
        "work": WORDS["hybrid_days"].format(days=3),
        "employment": WORDS["employment"]["FULL_TIME"],
        "hours": "37.5 hours a week",
        "start": english.long_date("2027-01-04", locale),
        "closes": english.long_date("2026-12-01", locale),
        "requisition": "REQ-42",
        "hiring_manager": "Dana Smith",
    }
    assert jd.meta.valid_through == "2026-12-01"
    assert jd.company.employment_type == ("FULL_TIME",) and jd.company.work_arrangement is None
    assert not {"work", "start", "requisition"} & set(
        dict(coo_jd.facts)
    )  # the composed document is not changed


def test_an_advert_leaves_out_the_details_for_the_people_hiring(lib, coo_jd):
    advert = dataclasses.replace(coo_jd, meta=dataclasses.replace(coo_jd.meta, template="posting"))
    posting = Posting(
        role="coo", requisition="REQ-42", hiring_manager="Dana", work=Work("remote", remote_in=("US", "CA"))
    )
    jd = opening(lib, advert, posting, coo_jd.title, "USD")
    assert dict(jd.facts) == {"work": WORDS["remote_in"].format(places="US, CA")}
    assert jd.company.remote_countries == ("US", "CA")


def test_the_summary_and_the_salary_are_the_openings_own(lib, coo_jd):
    posting = Posting(role="coo", summary="Run our two plants.", salary=Salary(150000, 190000))
    jd = opening(lib, coo_jd, posting, coo_jd.title, "USD")
    assert jd.summary == jd.posting_summary == "Run our two plants."
    assert (jd.compensation.currency, jd.compensation.min, jd.compensation.max) == ("USD", 150000, 190000)
    locale = english.babel_locale(lib.locales, coo_jd.meta.country)
    assert (
        jd.compensation.text
        == f"{english.money(150000, 'USD', locale)} – {english.money(190000, 'USD', locale)}"
    )


@pytest.mark.parametrize(
    ("salary", "currency", "words"),
    [
        (Salary(1, 2), None, "has no currency"),
        (Salary(1, 2, currency="XYZ"), "USD", "unknown currency 'XYZ'"),
    ],
)
def test_a_salary_without_a_known_currency_is_an_error(lib, coo_jd, salary, currency, words):
    with pytest.raises(LibraryError, match=words):
        opening(lib, coo_jd, Posting(role="coo", salary=salary), coo_jd.title, currency)


def test_the_openings_own_qualifications_come_first(lib, coo_jd):
    posting = Posting(role="coo", qualifications=ListChanges(add=("A forklift licence.",)))
    jd = opening(lib, coo_jd, posting, coo_jd.title, "USD")
    assert jd.qualifications == ("A forklift licence.", *coo_jd.qualifications)


def test_another_place_is_another_workplace(lib, coo_jd, acme):
    city = acme.address.locality if acme.address else acme.location
    assert same_place(city, acme) and same_place(f"  {city.upper()}! ", acme)
    assert not same_place("Somewhere Else", acme) and not same_place(None, acme)
    elsewhere = opening(lib, coo_jd, Posting(role="coo", location="Somewhere Else"), coo_jd.title, "USD")
    assert elsewhere.company.location == "Somewhere Else"
    assert elsewhere.company.address is None or elsewhere.company.address != coo_jd.company.address
    here = opening(lib, coo_jd, Posting(role="coo", location=city), coo_jd.title, "USD")
    assert here.company.address == coo_jd.company.address
    addressed = Posting(role="coo", location="Dayton", address=Address("1 Main St", "Dayton", "45402"))
    moved = opening(lib, coo_jd, addressed, coo_jd.title, "USD").company.address
    assert (moved.street, moved.locality, moved.postal_code) == ("1 Main St", "Dayton", "45402")
    assert moved.country == (coo_jd.meta.country or None)
