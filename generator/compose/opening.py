"""One opening's own facts on a composed document: title, place, work, contract, pay, dates.

The posting file's values replace what the role, level and profile gave: its title
goes through every sentence that used the role's (tailor.retitle), its summary the
role's, its salary
replaces the band, its location the profile's, and its work arrangement, contract,
hours and dates become label rows (dates written as the locale writes them), and in
the job description (not the advert) the requisition and hiring manager. The wording of those
rows is in templates/labels.yaml (`opening:`); values are the user's, never rendered.
"""

from __future__ import annotations

from dataclasses import replace

from ..core.errors import LibraryError, did_you_mean
from ..library import english
from ..library.labels import labels
from ..model.data import POSTING_MAX_QUALIFICATIONS, PostalAddress
from .pay import money_range
from .tailor import retitle
from .text import normal


def opening(lib, jd, posting, old_title: str, currency: str | None):
    """The composed document with the posting's own facts."""
    words = labels(lib.sources, jd.meta.language).opening
    jd = retitle(jd, old_title, posting.title)
    locale = english.babel_locale(lib.locales, jd.meta.country, jd.meta.language)
    changes: dict = {"facts": _facts(posting, words, locale, internal=jd.meta.template != "posting")}
    if posting.summary:  # the opening's own words, in the job description and the advert
        changes["summary"] = changes["posting_summary"] = posting.summary
    if posting.location or posting.address:  # another workplace: the profile's address is not this one's
        kept = posting.address is None and same_place(posting.location, jd.company)
        changes["company"] = replace(
            jd.company,
            location=posting.location or jd.company.location,
            address=jd.company.address if kept else _address(posting.address, jd.meta.country),
        )
    if posting.salary:
        changes["compensation"] = _pay(lib, posting, currency, locale)
    if posting.qualifications and posting.qualifications.add:
        own = list(posting.qualifications.add)
        rest = [q for q in jd.qualifications if q not in own]
        if jd.meta.template == "posting":
            rest = rest[: max(POSTING_MAX_QUALIFICATIONS - len(own), 0)]
        changes["qualifications"] = tuple(own + rest)
    if posting.closes:
        changes["meta"] = replace(jd.meta, valid_through=str(posting.closes))
    if posting.work:  # this opening's arrangement, not the profile's usual one
        remote = posting.work.remote_in if posting.work.arrangement == "remote" else ()
        changes["company"] = replace(
            changes.get("company", jd.company), remote_countries=tuple(remote), work_arrangement=None
        )
    if posting.employment and posting.employment.type:
        changes["company"] = replace(
            changes.get("company", jd.company), employment_type=(posting.employment.type,)
        )
    return replace(jd, **changes)


def same_place(location: str | None, company) -> bool:
    """Whether a posting's or batch entry's `location` is where the profile's address is
    (its `location`, its address's city, or city and region: "Columbus, Ohio",
    "Columbus", "Columbus, OH"; case and punctuation ignored). Another place is another
    workplace: the profile's address is not its address. `company` is the profile or
    the document's company."""
    if not location:
        return False
    address = company.address
    names = [company.location]
    if address is not None:
        names += [address.locality, f"{address.locality} {address.region or ''}"]
    return normal(location) in {normal(name) for name in names if name}


# Details for the people hiring, not for candidates: the job description (template: jd)
# shows them; the posting (the advert) leaves them out.
INTERNAL = ("requisition", "hiring_manager")


def _facts(posting, words, locale: str, internal: bool) -> tuple[tuple[str, str], ...]:
    rows = []
    work = posting.work
    if work:
        text = words.work[work.arrangement.replace("-", "_")]
        if work.arrangement == "hybrid" and work.office_days:
            text = words.hybrid_days.format(days=work.office_days)
        elif work.arrangement == "remote" and work.remote_in:
            text = words.remote_in.format(places=", ".join(work.remote_in))
        rows.append(("work", text))
    employment = posting.employment
    if employment and employment.type:
        rows.append(("employment", words.employment[employment.type]))
    if employment and employment.hours:
        rows.append(("hours", str(employment.hours)))
    if employment and employment.term:
        fixed = employment.term == "fixed-term"
        text = (
            words.term.fixed_for.format(duration=employment.duration)
            if fixed and employment.duration
            else None
        )
        rows.append(("term", text or words.term[employment.term.replace("-", "_")]))
    if employment and employment.probation:
        rows.append(("probation", str(employment.probation)))
    for key in ("start", "closes"):  # dated like the revision date, in the document's English
        value = getattr(posting, key)
        if value:
            rows.append((key, english.long_date(str(value), locale)))
    for key in INTERNAL if internal else ():
        value = getattr(posting, key)
        if value:
            rows.append((key, str(value)))
    return tuple(rows)


def _address(address, country: str):

    if address is None:
        return None
    return PostalAddress(
        address.street, address.locality, address.postal_code, address.region, country or None
    )


def _pay(lib, posting, profile_currency: str | None, locale: str):

    salary = posting.salary
    currency = salary.currency or profile_currency
    where = salary.origin
    if currency is None:
        raise LibraryError(
            "the posting's salary has no currency and the company profile names none",
            where.file if where else None,
            where.line if where else None,
            "add currency: GBP (or USD, EUR, ...) to the salary",
            "posting.currency",
        )
    if currency not in lib.locales.currencies:
        raise LibraryError(
            f"unknown currency '{currency}'.{did_you_mean(currency, list(lib.locales.currencies))}",
            where.file if where else None,
            where.line if where else None,
            f"use one of {', '.join(sorted(lib.locales.currencies))}",
            "posting.currency",
        )
    return money_range(lib, currency, salary.min, salary.max, salary.period, locale)
