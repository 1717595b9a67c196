"""schema.org JobPosting as JSON-LD, the structured data Google for Jobs and job boards read.

Only a posting has it: the jd template is the internal job description, not a page
published for candidates. Every property comes from data that exists (the company
profile, the role, the revision date); a property the data cannot fill is left out,
never guessed, and `missing` names it with the profile key that would fill it. The
posting's HTML embeds the same object (`script_json`), with `<`, `>` and `&` written as
JSON escapes so that no user text can end the script element. Every value was bounded
when its file was loaded (model/: codes, web addresses, dates, pay); the one rule that
needs the composed document, a closing date after the posting date, is refused here
rather than published.
"""

from __future__ import annotations

import json

from ..core.errors import JdgenError
from ..library.labels import labels
from ..library.sources import Sources
from ..model.base import closing_problem
from ..model.data import JobDescription
from ..model.places import state_names
from .environment import render_template

SCHEMA_CONTEXT = "https://schema.org"
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def job_posting(jd: JobDescription, sources: Sources) -> dict:
    """The JobPosting object, with only the properties the data fills."""
    if jd.meta.template != "posting":
        raise JdgenError(
            "JobPosting data (jsonld) is made for postings; the jd template is the internal job description",
            fix="use --template posting ('template: posting' in a batch or posting file), "
            "or leave out jsonld",
            code="render.jsonld-template",
        )
    closes = closing_problem(jd.meta.valid_through, jd.meta.revised)
    if closes:
        raise JdgenError(closes[0], fix=closes[1], code="posting.closes", key="closes")
    company = jd.company
    data: dict = {
        "@context": SCHEMA_CONTEXT,
        "@type": "JobPosting",
        "title": f"{jd.title} {jd.title_suffix}" if jd.title_suffix else jd.title,
        "description": render_template(
            sources, "html", "jsonld/description.html.j2", jd=jd, labels=labels(sources, jd.meta.language)
        ).strip(),
    }
    data["inLanguage"] = jd.meta.language
    if jd.meta.revised:
        data["datePosted"] = jd.meta.revised
    if jd.meta.valid_through:
        data["validThrough"] = jd.meta.valid_through
    if company.employment_type:
        types = list(company.employment_type)
        data["employmentType"] = types[0] if len(types) == 1 else types
    organization = {"@type": "Organization", "name": company.name}
    if company.website:
        organization["sameAs"] = company.website
        organization["url"] = company.website
    data["hiringOrganization"] = organization
    if company.address:
        address = {
            "@type": "PostalAddress",
            "streetAddress": company.address.street,
            "addressLocality": company.address.locality,
            "addressRegion": company.address.region,
            "postalCode": company.address.postal_code,
            "addressCountry": company.address.country,
        }
        place = {k: v for k, v in address.items() if v is not None}
        data["jobLocation"] = {"@type": "Place", "address": place}
    if company.remote_countries:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = [_area(code) for code in company.remote_countries]
    if jd.compensation:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": jd.compensation.currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": jd.compensation.min,
                "maxValue": jd.compensation.max,
                "unitText": jd.compensation.period.upper(),
            },
        }
    data["identifier"] = {
        "@type": "PropertyValue",
        "name": company.name,
        "value": jd.meta.name or jd.meta.role_id,
    }
    if company.direct_apply is not None:
        data["directApply"] = company.direct_apply
    if company.industry:
        data["industry"] = company.industry
    if jd.occupation:  # schema.org recommends an O*NET-SOC code with its title
        data["occupationalCategory"] = jd.occupation
    return data


def _area(code: str) -> dict:
    """Where applicants may live: a country by its ISO code, a US state (US-CA) by its name."""
    state = state_names().get(code) if code.startswith("US-") else None
    return {"@type": "State", "name": state} if state else {"@type": "Country", "name": code}


REQUIRED = frozenset({"datePosted", "jobLocation"})  # by Google; the rest it recommends


def missing(jd: JobDescription) -> list[tuple[str, str]]:
    """(property, profile key that would fill it) for each required or recommended
    property the data leaves out, in Google's order: required first."""
    company = jd.company
    out = []
    if not jd.meta.revised:
        out.append(("datePosted", "revised"))
    if not company.website:
        out.append(("hiringOrganization.sameAs", "website"))
    if not company.address and not company.remote_countries:
        out.append(("jobLocation", "address, or remote_countries for a remote job"))
    if jd.compensation is None:
        out.append(("baseSalary", jd.meta.pay_key))
    if not company.employment_type:
        out.append(("employmentType", "employment_type"))
    if not jd.meta.valid_through:
        out.append(
            ("validThrough", "posting_valid_days" if jd.meta.revised else "revised and posting_valid_days")
        )
    if company.direct_apply is None:
        out.append(("directApply", "direct_apply"))
    return out


def _dump(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def script_json(jd: JobDescription, sources: Sources) -> str:
    """The same JSON-LD for a <script type="application/ld+json"> element: `<`, `>` and
    `&` become \\u escapes (the same string to a JSON parser), so `</script>` or `<!--`
    in any value stays data."""
    return _dump(job_posting(jd, sources)).translate(_SCRIPT_SAFE)


def render(jd: JobDescription, sources: Sources) -> bytes:
    return (_dump(job_posting(jd, sources)) + "\n").encode("utf-8")
