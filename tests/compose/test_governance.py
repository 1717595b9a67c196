"""Governance: who the chief executive answers to follows the company's legal form and
country (governance.yaml), and duties that touch working time name the works council
where the country's law gives it a say."""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import roles_of

from jdgen.library.loader import load_company, validate_company
from jdgen.service.generate import compose_role


def _words(jd) -> str:
    return json.dumps(jd.to_dict(), ensure_ascii=False)


def _form(lib, form_id: str, country: str):
    """The library's entry for a form in a country, as governance.yaml words it."""
    forms = [f for f in lib.governance.legal_forms if f.id == form_id]
    return next((f for f in forms if country in f.countries), None) or next(
        f for f in forms if not f.countries
    )


def _profile(tmp_path, text: str):
    path = tmp_path / "co.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_gmbh_never_reports_to_a_board_of_directors(lib, nordwerk):
    """Issue 22: the German GmbH's CEO reported to the "Board of Directors" and its
    executives were asked for "experience reporting to a board of directors"."""
    body = lib.governing_body(nordwerk)
    assert nordwerk.legal_form == "gmbh" and nordwerk.oversight == "supervisory-board"
    ceo = compose_role(lib, "ceo", nordwerk)
    assert ceo.reports_to == body.board_title
    assert body.board in ceo.summary
    for role in roles_of(lib, nordwerk):
        for level in ("executive", lib.roles[role].default_level):
            text = _words(compose_role(lib, role, nordwerk, level=level)).lower()
            assert "board of directors" not in text, (role, level)
            assert "{{" not in text


@pytest.mark.parametrize(
    ("words", "country", "form"),
    [
        ("Inc.", "US", "corporation"),
        ("LLC", "US", "llc"),
        ("Limited", "GB", "ltd"),
        ("LTD", "IE", "ltd"),
        ("plc", "GB", "plc"),
        ("Designated Activity Company", "IE", "dac"),
        ("GmbH", "AT", "gmbh"),
        ("Aktiengesellschaft", "DE", "ag"),
        ("not-for-profit", "US", "nonprofit"),
        ("registered charity", "GB", "charity"),
        ("Credit Union", "US", "credit-union"),
        ("building society", "GB", "mutual"),
    ],
)
def test_the_governing_body_follows_the_legal_form_and_country(tmp_path, lib, words, country, form):
    company = load_company(
        lib, str(_profile(tmp_path, f"name: Co\nlegal_form: {words}\ncountry: {country}\n"))
    )
    assert company.legal_form == form
    body = _form(lib, form, country).body
    ceo = compose_role(lib, "ceo", company)
    assert ceo.reports_to == body.board_title
    assert f"with the {body.board}" in ceo.summary
    assert any(body.a_board in q for q in compose_role(lib, "coo", company).qualifications)


def test_a_uk_limited_company_and_an_irish_one_name_their_boards_as_each_country_does(lib):
    assert _form(lib, "ltd", "GB").body.board_title != _form(lib, "ltd", "IE").body.board_title


def test_a_supervisory_or_advisory_board_is_the_one_the_profile_names(tmp_path, lib):
    base = "name: Co\nlegal_form: GmbH\ncountry: DE\n"
    plain = load_company(lib, str(_profile(tmp_path, base)))
    advised = load_company(lib, str(_profile(tmp_path, base + "oversight: advisory-board\n")))
    gmbh = _form(lib, "gmbh", "DE")
    assert compose_role(lib, "ceo", plain).reports_to == gmbh.body.board_title
    assert compose_role(lib, "ceo", advised).reports_to == gmbh.oversight["advisory-board"].board_title


def test_an_oversight_the_legal_form_does_not_have_is_one_error_naming_the_line(tmp_path, lib):
    path = _profile(tmp_path, "name: Co\nlegal_form: Inc.\noversight: supervisory-board\n")
    (error,) = [d for d in validate_company(lib, path) if d.severity == "error"]
    assert error.code == "company.oversight" and error.line == 3


def test_an_unknown_legal_form_is_a_note_and_the_default_body_never_an_error(tmp_path, lib):
    path = _profile(tmp_path, "name: Co\nlegal_form: Kommanditgesellschaft auf Aktien\n")
    problems = validate_company(lib, path)
    assert not [d for d in problems if d.severity == "error"]
    (note,) = [d for d in problems if d.code == "company.legal-form-unknown"]
    assert note.severity == "info" and note.line == 2
    company = load_company(lib, str(path))
    assert compose_role(lib, "ceo", company).reports_to == lib.governance.default.board_title


def _duties(jd) -> list[str]:
    return [item for section in jd.sections for item in section.items]


@pytest.mark.parametrize("role", ["operations-manager", "operations-director"])
def test_working_time_duties_name_the_works_council_where_the_law_gives_it_a_say(lib, nordwerk, role):
    council = next(w for w in lib.governance.works_councils if w.country == "DE").name
    duties = _duties(compose_role(lib, role, nordwerk))
    assert any(council in d and "overtime" in d for d in duties)
    assert not any(lib.governance.staff_representatives in d for d in duties)


def test_elsewhere_and_without_a_works_council_the_wording_stays_neutral(lib, acme, nordwerk):
    import dataclasses

    for company in (acme, dataclasses.replace(nordwerk, works_council=False)):
        duties = _duties(compose_role(lib, "operations-manager", company))
        assert any(lib.governance.staff_representatives in d and "overtime" in d for d in duties)
        assert not any("works council" in d.lower() for d in duties)


def test_no_library_text_names_a_board_of_its_own(lib):
    """Every governing body in the library's text comes from the statement context, so
    no statement can name the wrong body for a company (idioms such as "board level" and
    the plural "boards" aside)."""
    from jdgen.library.industry import every_text

    texts = []
    for block in lib.blocks.values():
        texts += [t for items in block.statements.values() for t in every_text(items)]
    for role in lib.roles.values():
        texts += [role.summary, role.posting_summary or "", role.focus or "", role.reports_to or ""]
        texts += list(every_text(role.working_relationships)) + list(every_text(role.qualifications))
        texts += [t for rb in role.blocks for t in every_text(rb.add)]
    for level in lib.levels:
        texts += [level.reports_to, level.decision_rights, level.travel, *level.qualifications]
    texts += [r for family in lib.families.values() for r in family.reports_to.values()]
    import re

    named = [t for t in texts if re.search(r"\bboard\b(?! level)", re.sub(r"\{\{.*?\}\}", "", t), re.I)]
    assert named == []


def _all_text(lib, company, roles=("ceo", "coo", "vp-operations")) -> str:
    out = []
    for role in roles:
        for template in ("jd", "posting"):
            out.append(_words(compose_role(lib, role, company, template=template)))
    return "\n".join(out)


def test_a_charity_has_funders_and_reserves_not_investors_and_a_p_and_l(tmp_path, lib):
    """Issue 22's trial: a charity's CEO "looks after investors" and is measured on
    "Revenue and profit", its COO owns "the P&L"."""
    path = _profile(
        tmp_path, "name: Lakeside Rescue\nindustry: animal welfare\ncountry: IE\nlegal_form: CLG\n"
    )
    company = load_company(lib, str(path))
    words = _form(lib, "guarantee", "IE").finances
    text = _all_text(lib, company)
    assert company.legal_form == "guarantee" and company.industry is None  # unknown industry: neutral
    for wrong in ("investor", "P&L", "profit", "shareholder"):
        assert wrong not in text, wrong
    assert words.owners in text and words.results in text and "{{" not in text


def test_a_credit_union_answers_to_its_members_and_a_bank_serves_customers(tmp_path, lib):
    union = load_company(
        lib,
        str(_profile(tmp_path, "name: U\nindustry: credit union\ncountry: US\nlegal_form: credit union\n")),
    )
    bank = load_company(
        lib, str(_profile(tmp_path, "name: B\nindustry: Financial Services\ncountry: US\nlegal_form: Inc.\n"))
    )
    assert union.industry == bank.industry == "financial-services"
    union_text, bank_text = _all_text(lib, union), _all_text(lib, bank)
    assert "members" in union_text and "investor" not in union_text
    assert "members" not in bank_text.replace("team members", "") and "customers" in bank_text


def test_every_finance_word_is_given_for_every_legal_form(lib):
    """A form's `finances` is whole or absent (then a business's words): a statement may
    use any of them for any company."""
    for form in lib.governance.legal_forms:
        if form.finances is not None:
            assert all(dataclasses.asdict(form.finances).values()), form.id


@pytest.mark.parametrize(
    ("words", "country", "form", "title"),
    [
        ("B.V.", "NL", "bv", "General Meeting of Shareholders (algemene vergadering)"),
        ("naamloze vennootschap", "NL", "nv", "Supervisory Board (raad van commissarissen)"),
        ("Pty Ltd", "AU", "ltd", "Board of Directors"),
        ("school district", "US", "public-body", "Governing Board"),
    ],
)
def test_more_legal_forms_name_their_governing_body(tmp_path, lib, words, country, form, title):
    company = load_company(
        lib, str(_profile(tmp_path, f"name: Co\ncountry: {country}\nlegal_form: {words}\n"))
    )
    assert company.legal_form == form
    assert compose_role(lib, "ceo", company).reports_to == title


def test_a_company_with_one_site_is_not_sent_travelling_between_sites(tmp_path, lib):
    one = load_company(lib, str(_profile(tmp_path, "name: Co\ncountry: GB\nsites: [Bristol office]\n")))
    many = dataclasses.replace(one, sites=("Bristol office", "Bath centre"))
    for role, level in (("operations-manager", None), ("coo", None), ("vp-operations", None)):
        travel = compose_role(lib, role, one, level=level, template="posting").travel
        assert "site" not in travel, (role, travel)
        assert "site" in compose_role(lib, role, many, level=level, template="posting").travel


@pytest.mark.parametrize(
    ("country", "law"), [("NL", "Algemene wet"), ("AT", "Gleichbehandlungsgesetz"), ("FR", "directives")]
)
def test_eu_countries_get_an_equality_statement_in_their_law_s_terms(tmp_path, lib, country, law):
    company = load_company(lib, str(_profile(tmp_path, f"name: Co\ncountry: {country}\n")))
    found = lib.equality_statement(company)
    assert found is not None and law in found.law
    assert compose_role(lib, "operations-manager", company, template="posting").eeo.startswith("Co welcomes")


def test_a_country_without_a_statement_is_told_so_once(tmp_path, lib):
    path = _profile(tmp_path, "name: Co\ncountry: JP\n")
    (note,) = [d for d in validate_company(lib, path) if d.code == "company.eeo-none"]
    assert note.severity == "info" and "eeo:" in note.fix and note.line == 2
    path.write_text("name: Co\ncountry: JP\neeo: We hire on merit alone.\n", encoding="utf-8")
    assert not [d for d in validate_company(lib, path) if d.code == "company.eeo-none"]


def test_executives_name_the_works_council_where_the_law_gives_it_a_say(lib, acme, nordwerk):
    """The HR review: no works council line at COO or VP level for an 850-person German
    logistics company; a US company gets no such row."""
    council = next(w for w in lib.governance.works_councils if w.country == "DE").relationship
    name = council.split(":")[0]  # the rest is respelt for a British-English company

    def names_it(role, company) -> bool:
        return any(r.startswith(name) for r in compose_role(lib, role, company).working_relationships)

    for role in ("coo", "vp-operations"):
        assert names_it(role, nordwerk)
        assert not any(
            "works council" in r.lower() for r in compose_role(lib, role, acme).working_relationships
        )
    assert not names_it("operations-manager", nordwerk)
    assert not names_it("coo", dataclasses.replace(nordwerk, works_council=False))
