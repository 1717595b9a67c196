"""check/pay.py: which pay-transparency laws apply where and when (the laws read from
checks/pay-transparency.yaml at test time), and the best statement of pay in a text."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import yaml

from jdgen.check.pay import applicable, find_pay, laws
from jdgen.core.paths import resource_dir

RAW = yaml.safe_load((resource_dir("checks") / "pay-transparency.yaml").read_text("utf-8"))["laws"]


def test_every_law_in_the_file_is_loaded():
    loaded = {law.id: law for law in laws()}
    assert list(loaded) == [raw["id"] for raw in RAW]
    for raw in RAW:
        law = loaded[raw["id"]]
        assert law.effective == date.fromisoformat(str(raw["effective"]))
        assert law.requires == frozenset(raw["requires"])


@pytest.mark.parametrize("raw", [r for r in RAW if r.get("places")], ids=lambda r: r["id"])
def test_a_law_applies_in_its_places_from_its_date(raw):
    place = next(p for p in raw["places"] if "\\" not in p).title()  # places are patterns
    country = raw.get("country")
    effective = date.fromisoformat(str(raw["effective"]))
    found, known = applicable(place, country, effective)
    assert known and raw["id"] in [law.id for law in found]
    before, _ = applicable(place, country, effective - timedelta(days=1))
    assert raw["id"] not in [law.id for law in before]


def test_a_country_law_and_an_unknown_place():
    by_country = [r for r in RAW if r.get("countries")]
    if by_country:
        raw = by_country[0]
        found, _ = applicable(None, sorted(raw["countries"])[0].lower(), date(2100, 1, 1))
        assert raw["id"] in [law.id for law in found]
    assert applicable(None, None, date(2100, 1, 1)) == ([], False)
    found, known = applicable("Nowhere Special", "ZZ", date(2100, 1, 1))
    assert known and found == []


@pytest.mark.parametrize(
    ("text", "kind", "shown"),
    [
        ("The salary is $85,000 - $95,000 a year.", "range", "$85,000 - $95,000"),
        ("Pay: 85k to 95k USD per year.", "range", "85k to 95k USD"),
        ("Salary: from $60,000 depending on experience.", "open", "from $60,000"),
        ("We pay a salary of £42,000.", "single", "£42,000"),
        ("Competitive salary and benefits.", "vague", None),
        ("We have 2,000 employees and 14 sites.", "none", None),
    ],
)
def test_the_best_statement_of_pay_is_found(text, kind, shown):
    pay = find_pay(text)
    assert pay.kind == kind, pay
    if shown:
        assert pay.text == shown and text[pay.start : pay.end].strip() == shown


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"requires": ["range", "perks"]}, "'perks' in requires of law"),
        ({"remote": "maybe"}, "remote 'maybe' of law"),
        ({"remote": "depends"}, "has remote: depends but no 'ask'"),
        ({"efective": "2020-01-01"}, "unknown key 'efective'"),
    ],
)
def test_a_bad_law_entry_names_its_file_and_line(tmp_path, monkeypatch, change, said):
    from jdgen.check import pay
    from jdgen.core.errors import LibraryError
    from jdgen.yamlio.source import load_yaml

    raw = {**RAW[0], **change}
    path = tmp_path / "pay-transparency.yaml"
    path.write_text(yaml.safe_dump({"laws": [raw], "statements": {}}, sort_keys=False), "utf-8")
    monkeypatch.setattr(pay, "data_file", lambda name: load_yaml(path))
    pay.laws.cache_clear()
    try:
        with pytest.raises(LibraryError) as caught:
            pay.laws()
    finally:
        pay.laws.cache_clear()
    assert said in str(caught.value) and "pay-transparency.yaml:" in str(caught.value)
