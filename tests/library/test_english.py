"""British or American English per company country (generator/english.py): library text and
labels respelt, the user's own words never; money and dates by Babel; language tags."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from datetime import date

import pytest

from jdgen.library import english
from jdgen.library.sources import default_sources
from jdgen.render import renderer
from jdgen.service.generate import compose_role


def test_respelling_keeps_case_and_whole_words(lib):
    spell = english.speller(lib.spelling, english.BRITISH)
    assert spell("Organize the center's labor; Reorganizing programs.") == (
        "Organise the centre's labour; Reorganising programmes."
    )
    assert spell("Size, prize and seize stay as they are.") == "Size, prize and seize stay as they are."
    assert english.speller(lib.spelling, english.AMERICAN)("organization") == "organization"


def test_respelling_leaves_template_code_alone(lib):
    """A statement's {{ }} is code: a filter named `capitalize` must stay one."""
    spell = english.speller(lib.spelling, english.BRITISH)
    assert spell("Organize the {{ company.owners | capitalize }} meeting{% if x %} center{% endif %}.") == (
        "Organise the {{ company.owners | capitalize }} meeting{% if x %} centre{% endif %}."
    )


def test_the_country_decides_the_variant_and_the_locale(lib):
    for country in ("GB", "IE", "AU", "NZ", "DE", "IN", "BM"):
        assert english.language(lib.locales, country) == "en-GB"
    for country in ("US", "CA", "MX", "BR", "PR", None):
        assert english.language(lib.locales, country) == "en-US"
    assert english.babel_locale(lib.locales, "IE") == "en_IE"
    assert english.babel_locale(lib.locales, "DE") == "en_GB"  # never German number forms in English
    assert english.money(180000, "EUR", "en_IE") == "€180,000"
    assert english.long_date("2026-11-01", "en_GB") == "1 November 2026"


def test_a_british_company_gets_british_library_text_but_keeps_its_own_words(lib, acme):
    british = dataclasses.replace(acme, name="Acme Organization Ltd", country="GB", currency="GBP")
    jd = compose_role(lib, "operations-coordinator", british)
    md = renderer("md")(jd).decode("utf-8")
    assert "Acme Organization Ltd" in md  # the user's data is printed as written
    assert "organised" in jd.summary and "organized" not in jd.summary
    assert "Organising several tasks at once" in jd.competencies
    assert (
        "cost-centre"
        in renderer("md")(compose_role(lib, "operations-manager", british, level="manager")).decode()
    )
    compare = renderer("md")(compose_role(lib, "coo", british)).decode("utf-8")
    assert "neighbouring roles" in compare and "neighboring" not in compare
    us = compose_role(lib, "operations-coordinator", acme)
    assert "organized" in us.summary


def test_language_tags_follow_the_variant(lib, acme):
    british = dataclasses.replace(acme, country="GB", currency="GBP")
    jd = compose_role(lib, "coo", british)
    assert jd.meta.language == "en-GB"
    assert '<html lang="en-GB">' in renderer("html")(jd).decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(renderer("docx")(jd))) as archive:
        assert 'w:lang w:val="en-GB"' in archive.read("word/styles.xml").decode("utf-8")
        assert "<dc:language>en-GB</dc:language>" in archive.read("docProps/core.xml").decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(renderer("docx")(compose_role(lib, "coo", acme)))) as archive:
        assert 'w:lang w:val="en-US"' in archive.read("word/styles.xml").decode("utf-8")


def test_an_interim_contract_is_paid_by_the_day_without_employee_benefits(lib, acme):
    jd = compose_role(lib, "interim-coo", acme, template="posting")
    assert jd.compensation.period == "day" and jd.compensation.text == "$1,800 – $2,600"
    assert jd.company.benefits == () and "independent contractor agreement" in jd.company.interim_terms
    md = renderer("md")(jd).decode("utf-8")
    assert "Rate: **$1,800 – $2,600** per day" in md and "401(k) plan" not in md
    assert jd.mandate.trigger.startswith("The business wants clear gains")
    vacancy = compose_role(lib, "interim-coo", acme, trigger="vacancy")
    assert "vacant" in vacancy.mandate.trigger and vacancy.mandate.handover


def test_comparisons_are_written_in_the_companys_english(lib):
    from jdgen.compose.compare import compose_comparison, resolve_comparison
    from jdgen.render.table import context

    doc = compose_comparison(lib, resolve_comparison(lib, ("coo", "vp-operations"), "brightwater"))
    assert doc.language == "en-GB"
    assert (
        context(doc, default_sources())["labels"].differs == "How this role differs from neighbouring roles"
    )
    assert (
        compose_comparison(lib, resolve_comparison(lib, ("coo", "vp-operations"), "acme")).language == "en-US"
    )


def test_a_german_posting_names_every_gender_after_the_title(lib):
    """German adverts say "(m/w/d)" after the title (AGG practice): every DE company's
    posting in every format and its JobPosting title; never a job description, never
    a company elsewhere."""
    from jdgen.library.loader import known_companies, load_company
    from jdgen.render.jsonld import job_posting as posting_data

    companies = [load_company(lib, c) for c in sorted(known_companies(lib))]
    assert any(c.country == "DE" for c in companies)
    for company in companies:
        german = company.country == "DE"
        posting = compose_role(lib, "operations-manager", company, template="posting")
        md = renderer("md")(posting).decode("utf-8")
        assert md.splitlines()[0].endswith(f"{posting.title} (m/w/d)") is german, company.id
        assert posting_data(posting, default_sources())["title"].endswith("(m/w/d)") is german
        for fmt in ("txt", "html"):
            assert ("(m/w/d)" in renderer(fmt)(posting).decode("utf-8")) is german, fmt
        jd = renderer("md")(compose_role(lib, "operations-manager", company)).decode("utf-8")
        assert "(m/w/d)" not in jd


def test_babel_text_is_remembered_between_runs_and_matches_babel(tmp_path, monkeypatch):
    from babel.dates import format_date
    from babel.numbers import format_currency

    from jdgen.core import cache

    monkeypatch.setenv("JDGEN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("JDGEN_NO_CACHE", raising=False)
    for fn in (cache.cache_dir, cache._memo):
        fn.cache_clear()
    cases = [
        (90000, "GBP", "en_GB"),
        (180000, "USD", "en_US"),
        (65000, "EUR", "en_IE"),
        (1200, "CHF", "en_CH"),
    ]
    first = [english.money(*case) for case in cases]
    # Babel's own text at test time (CLDR data changes between releases), decimals dropped
    assert first == [re.sub(r"\.00$", "", format_currency(*case[:2], locale=case[2])) for case in cases]
    assert first[:3] == ["£90,000", "$180,000", "€65,000"]
    assert english.long_date("2027-02-01", "en_US") == format_date(date(2027, 2, 1), "long", locale="en_US")
    cache._memo.cache_clear()  # a new process: Babel must not be asked again
    monkeypatch.setattr(english, "_BABEL", {})
    assert [english.money(*case) for case in cases] == first
    assert english.long_date("2027-02-01", "en_US") == "February 1, 2027"
    with pytest.raises(KeyError):  # a value never formatted before does go to Babel
        english.money(1, "USD", "en_US")
    for fn in (cache.cache_dir, cache._memo):
        fn.cache_clear()
