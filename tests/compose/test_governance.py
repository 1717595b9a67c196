"""Governance: who the chief executive answers to follows the company's legal form and
country (governance.yaml), and duties that touch working time name the works council
where the country's law gives it a say."""

from __future__ import annotations

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
