"""Every rule of `jdgen check`: texts that must trigger it and near-misses that must not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jdgen.check import Context, check_text
from jdgen.check.engine import RULES
from jdgen.check.rules import load_rule_file
from jdgen.core.errors import LibraryError


def codes(text: str, kind: str = "md", **ctx) -> list[str]:
    return [f.code for f in check_text(text, kind=kind, context=Context(**ctx)).findings]


TRIGGERS = [
    ("legal.unpaid-internship", "We are interviewing unpaid interns for the summer."),
    ("exclusion.sex", "Female candidates are preferred."),
    ("exclusion.binary-title", "Head of Content (m/f)"),
    ("exclusion.outdated-term", "Whatever their sexual preference."),
    ("exclusion.age", "We want a young, energetic team member."),
    ("exclusion.age", "Ideal for a digital native or recent graduate."),
    ("exclusion.age", "Applicants aged 25 to 35 preferred."),
    ("exclusion.origin", "You are a native English speaker."),
    ("exclusion.origin", "Applicants must be a US citizen."),
    ("exclusion.disability", "Must be able to stand for long periods."),
    ("exclusion.disability", "Able-bodied workers wanted."),
    ("exclusion.ableist", "Run a quick sanity check on the numbers."),
    ("exclusion.personality", "Must be an extrovert who loves people."),
    ("exclusion.family", "Ideal for someone with no family commitments."),
    ("exclusion.availability", "You must be on call evenings and weekends."),
    ("exclusion.gendered-term", "Report to the foreman on shift."),
    ("exclusion.gendered-term", "We are a team of great guys."),
    ("exclusion.pronoun", "The new hire will find he has a great team."),
    ("exclusion.culture-fit", "We hire for culture fit."),
    ("exclusion.criminal-record", "No felons, please."),
    ("jargon.hype-title", "Are you a rockstar ninja?"),
    ("jargon.cliche", "We work hard, play hard in a fast-paced environment."),
    ("jargon.cliche", "You will wear many hats."),
    ("jargon.buzzword", "Create synergy across teams."),
    ("jargon.hollow-perk", "We have a ping pong table."),
    ("jargon.bro-culture", "Bonuses for kicking ass every quarter."),
    ("jargon.vague-praise", "You will build really cool apps."),
    ("jargon.people-as-resources", "We need a senior resource for the project."),
    # (in a posting of 150 words or more that never says "you")
    ("candidate.third-person", "The ideal candidate has five years in logistics. " * 20),
    ("gender.masculine-word", "You are ambitious."),
    ("gender.feminine-word", "You are supportive."),
    ("structure.degree", "A bachelor's degree in engineering is required."),
]

NEAR_MISSES = [
    ("exclusion.age", "Our company is young at heart? No: Dr. Maria Young signs this letter."),
    ("exclusion.origin", "Fluent English is required; Spanish is a plus."),
    ("exclusion.disability", "You will stand up a new team in Ohio."),
    ("exclusion.personality", "You will work with an introverted data set? No: with our extranet."),
    ("exclusion.gendered-term", "You will manage the human resources team."),
    ("exclusion.gendered-term", "Mention our mentoring programme."),
    ("exclusion.pronoun", "Share this with the rest of the team; there are hers and his lockers? No."),
    ("jargon.hype-title", "You will heroically... no: you will hear from us soon."),
    ("jargon.cliche", "The pace is steady and the hours are 9 to 5."),
    ("jargon.cliche", "Our company is a fast-paced startup in Leeds."),
    ("jargon.bro-culture", "Pass the Kickstarter link to the brothers."),
    ("jargon.vague-praise", "Keep the server room cool."),
    ("jargon.people-as-resources", "Our human resources team and other resources."),
    ("gender.feminine-word", "We use SharePoint daily."),
    ("gender.feminine-word", "Our biologists study sharks."),
    ("gender.masculine-word", "We track each activity."),
    ("structure.degree", "A bachelor's degree or equivalent experience."),
]


@pytest.mark.parametrize(("rule", "text"), TRIGGERS)
def test_rule_triggers(rule, text):
    assert rule in codes(text)


@pytest.mark.parametrize(("rule", "text"), NEAR_MISSES)
def test_near_miss_does_not_trigger(rule, text):
    found = [f for f in check_text(text).findings if f.code == rule]
    if rule == "exclusion.pronoun":  # "hers and his" is there: the point is "share" != "he"
        assert all(f.quote.lower() in ("hers", "his") for f in found)
        return
    if rule == "exclusion.age":  # "young at heart" is flagged; "Young" the surname only as a notice
        surname = [f for f in found if f.quote == "Young"]
        assert surname and all(f.severity == "info" for f in surname)
        return
    assert not found, [f.diagnostic for f in found]


def test_every_phrase_rule_has_a_trigger_test():
    tested = {rule for rule, _ in TRIGGERS}
    phrase_rules = {r.id for r in RULES().values() if r.check is None and r.language == "en"}
    assert phrase_rules <= tested  # the German ones: tests/check/test_german.py


def test_quoted_words_are_mentions_not_uses():
    assert "jargon.hype-title" not in codes('We never call anyone a "rockstar" in our adverts.')
    assert "jargon.hype-title" in codes("We want a rockstar.")


def test_eeo_statement_is_not_flagged():
    eeo = (
        "We are an equal opportunity employer. We consider all applicants without regard to race, "
        "color, religion, sex, sexual orientation, gender identity, national origin, age, disability "
        "or veteran status, and we welcome young and older applicants alike."
    )
    found = check_text(eeo).findings
    assert not [f for f in found if f.code.startswith(("exclusion", "gender.", "jargon"))]
    assert "legal.eeo-missing" not in [f.code for f in found]
    assert "legal.eeo-missing" in codes("We build boats in Hamburg and hire welders.", country="US")


def test_flagship_example_from_the_issue():
    text = (
        "We want a young, energetic digital native and native English speaker who is a real rockstar ninja."
    )
    found = codes(text)
    for rule in ("exclusion.age", "exclusion.origin", "jargon.hype-title"):
        assert rule in found
    assert sum(1 for c in found if c == "exclusion.age") >= 2


def test_long_sentence_and_passive():
    long = " ".join(["word"] * 41) + "."
    assert "readability.long-sentence" in codes(long)
    assert "readability.long-sentence" not in codes(" ".join(["word"] * 20) + ".")
    passive = " ".join(f"The report {i} was written by the team." for i in range(6))
    assert "readability.passive" in codes(passive)
    active = " ".join(f"The team writes report {i} every week." for i in range(6))
    assert "readability.passive" not in codes(active)


def test_what_a_thing_is_made_up_of_is_no_passive():
    # posting 005: "Spectrum Learning is made up of a team of passionate consultants"
    made = " ".join(f"Team {i} is made up of consultants." for i in range(6))
    assert "readability.passive" not in codes(made)
    made = " ".join(f"Decision {i} is made by the board." for i in range(6))
    assert "readability.passive" in codes(made)


def test_length_and_requirements():
    assert "structure.length" in codes("Short posting. " * 4)
    items = "\n".join(f"- Skill number {i} with spreadsheets." for i in range(9))
    assert "structure.too-many-requirements" in codes(f"## Requirements\n\n{items}\n")
    assert "structure.too-many-requirements" not in codes(f"## Nice to have\n\n{items}\n")
    assert "structure.too-many-requirements" not in codes("## Requirements\n\n- One.\n- Two.\n")


def test_experience_years_against_level():
    assert "structure.experience-years" in codes(
        "# Logistics Coordinator\n\nYou have 12+ years of experience.\n"
    )
    assert "structure.experience-years" not in codes(
        "# Logistics Coordinator\n\nYou have 2+ years of experience.\n"
    )
    assert "structure.experience-years" in codes("You have 2 years of experience.", level="executive")


def test_candidate_focus():
    third = "The successful applicant will plan routes. " * 40
    assert "candidate.no-you" in codes(third)
    assert "candidate.no-you" not in codes("You will plan routes and you will drive. " * 40)


def test_pay_transparency_names_the_law_and_date():
    text = "# Buyer\n\nYou will buy parts for our Denver plant.\n"
    report = check_text(text, context=Context(location="Denver, CO", country="US", date=date(2026, 3, 1)))
    missing = [f for f in report.findings if f.code == "legal.pay-range-missing"]
    assert (
        missing
        and "Colorado" in missing[0].diagnostic.message
        and "2021-01-01" in missing[0].diagnostic.message
    )
    assert "legal.benefits-required" in [f.code for f in report.findings]
    with_pay = (
        text + "\nSalary: $60,000 – $75,000 a year. Benefits: health insurance, 401(k), paid time off.\n"
    )
    ok = check_text(with_pay, context=Context(location="Denver, CO", country="US", date=date(2026, 3, 1)))
    assert not [
        f for f in ok.findings if f.code.startswith("legal.pay") or f.code == "legal.benefits-required"
    ]
    # before the law took effect it is only a recommendation
    early = check_text(text, context=Context(location="Denver, CO", country="US", date=date(2020, 6, 1)))
    assert "legal.pay-range-missing" not in [f.code for f in early.findings]
    assert "legal.pay-range-recommended" in [f.code for f in early.findings]


def test_pay_incomplete_and_eu():
    text = "You will run our Vilnius depot. Salary from €60,000 a year.\n"
    eu = check_text(text, context=Context(country="LT", date=date(2026, 7, 1)))
    assert "legal.pay-range-incomplete" in [f.code for f in eu.findings]
    before = check_text(text, context=Context(country="LT", date=date(2019, 1, 1)))
    assert "legal.pay-range-incomplete" not in [f.code for f in before.findings]
    # a member state with no national law in force yet: a notice, not an error
    pending = check_text(text, context=Context(country="DE", date=date(2026, 7, 1)))
    assert "legal.pay-law-pending" in [f.code for f in pending.findings]
    assert "legal.pay-range-incomplete" not in [f.code for f in pending.findings]
    assert "legal.location-unknown" in codes("You will run a depot.")


def test_completeness():
    found = codes("# Buyer\n\nYou will buy parts.\n")
    assert {"legal.benefits-missing", "legal.location-missing", "legal.work-arrangement-missing"} <= set(
        found
    )
    full = "# Buyer\n\nLocation: Leeds. Hybrid, two days in the office.\n\n## Benefits\n\n- Pension\n- Paid leave\n"  # noqa: E501 - one YAML document per line
    assert not {"legal.benefits-missing", "legal.location-missing", "legal.work-arrangement-missing"} & set(
        codes(full)
    )


def test_rule_files_are_validated(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "rules:\n  - id: x.y\n    severity: fatal\n    message: m\n    why: w\n    suggestion: s\n    terms: [a]\n"  # noqa: E501 - one YAML document per line
    )
    with pytest.raises(LibraryError, match="severity 'fatal'"):
        load_rule_file(bad, frozenset())
    bad.write_text(
        "rules:\n  - id: x.y\n    severity: error\n    message: m\n    why: w\n    suggestion: s\n    terms: ['(']\n"  # noqa: E501 - one YAML document per line
    )
    with pytest.raises(LibraryError, match="not a valid regular expression") as exc:
        load_rule_file(bad, frozenset())
    assert exc.value.line == 7
    bad.write_text(
        "rules:\n  - id: x.y\n    severity: error\n    message: m\n    why: w\n    suggestion: s\n    check: nope\n"  # noqa: E501 - one YAML document per line
    )
    with pytest.raises(LibraryError, match="unknown check"):
        load_rule_file(bad, frozenset())


def test_the_checked_rule_set_is_remembered_by_the_files_bytes(tmp_path, monkeypatch):
    import shutil

    from jdgen.check import engine, rules
    from jdgen.core.caches import clear_all

    folder = tmp_path / "checks"
    shutil.copytree(rules.checks_dir(), folder)
    monkeypatch.setattr(rules, "checks_dir", lambda: folder)
    monkeypatch.setenv("JDGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("JDGEN_NO_CACHE", raising=False)
    known = frozenset(engine.CHECKS)

    def fresh():  # what a new process sees: no in-process cache at all
        clear_all()
        return rules.load_rules(known)

    try:
        first = fresh()
        with monkeypatch.context() as patched:  # a second run reads the rules back, unchecked
            patched.setattr(rules, "load_rule_file", lambda *a: pytest.fail("rule files checked again"))
            assert {r: v.message for r, v in fresh().items()} == {r: v.message for r, v in first.items()}
        some = sorted(folder.glob("rules/*.yaml"))[0]
        text = some.read_text("utf-8")
        rule = next(r for r in first.values() if r.file == some.name)
        some.write_text(text.replace(rule.message, "A new message for this rule.", 1), "utf-8")
        assert fresh()[rule.id].message == "A new message for this rule."
        some.write_text(text.replace("rules:", "rules: [", 1), "utf-8")  # broken: an error, every time
        for _ in range(2):
            with pytest.raises(LibraryError):
                fresh()
    finally:
        clear_all()


# corpus/postings/004: a 39-word sentence of running prose that reads in one pass
READS_IN_ONE_PASS = (
    "You will be joining our powerhouse and working closely with our leaders across a range of "
    "divisions, as well as managing your own pipeline within the fast-pace world of a leading "
    "start-up where no two days are the same!"
)
# corpus/postings/018: a 56-word sentence whose verb is split by an aside
HARD_TO_FOLLOW = (
    "This position will, with the help of the Retail or Store Manager, require the superstar "
    "individual to ubiquitously indoctrinate the culture of Healthy Spot, from instilling within "
    "the retail staff members the core values of Healthy Spot, to building rapport and trust with "
    "the customers and the community through product knowledge and providing unparalleled "
    "customer service."
)


def test_a_posting_by_others_is_held_to_40_words_and_jdgens_own_to_30():
    assert "readability.long-sentence" not in codes(READS_IN_ONE_PASS)
    assert "readability.long-sentence" in codes(HARD_TO_FOLLOW)
    house = [f.code for f in check_text(READS_IN_ONE_PASS, context=Context(house=True)).findings]
    assert "content.long-sentence" in house


def test_list_lines_run_together_are_no_long_sentence():
    # corpus/postings/018: the job board's export lost the line breaks between duty lines
    glued = (
        "Identify future leaders and develop staff members to become managers with the guidance "
        "of the Retail or Store Manager-Ensure that each team member has the highest level of "
        "product knowledge in the products and services sold at the store location-Ensure that "
        "the store maintains its cleanliness and that products are presented properly in a "
        "timely manner."
    )
    assert "readability.long-sentence" not in codes(glued)
    # the same words as one sentence that ends as sentences do: a long sentence
    assert "readability.long-sentence" in codes(glued.replace("location-Ensure", "location, and ensure"))


CORPUS_POSTINGS = Path(__file__).resolve().parents[2] / "corpus" / "postings"


def corpus_codes(name: str) -> list[str]:
    (path,) = CORPUS_POSTINGS.glob(f"{name}-*.md")
    return codes(path.read_text("utf-8"))


def test_tone_notices_only_where_the_posting_never_speaks_to_the_reader():
    # 012: 640 words without "you", the applicant is "the successful candidate" throughout
    found = corpus_codes("012")
    assert "candidate.no-you" in found and "candidate.third-person" in found
    # 010 says "The right candidate" once but speaks to the reader elsewhere ("You must be available")
    found = corpus_codes("010")
    assert "candidate.third-person" not in found and "candidate.no-you" not in found
    # 028: no "you", but a short ad in a friendly "we" voice over lists: not talking about anyone
    assert "candidate.no-you" not in corpus_codes("028")
    # 027: "The candidate should" in a 137-word list of duties: too short to judge its voice
    assert "candidate.third-person" not in corpus_codes("027")


def test_jdgens_own_postings_keep_a_share_of_you():
    text = "You will plan routes. " + "The team plans routes and drives them every day. " * 30
    assert "candidate.no-you" not in codes(text)  # says "you": speaks to the reader
    house = [f.code for f in check_text(text, context=Context(house=True)).findings]
    assert "content.second-person" in house  # under one in a hundred words: jdgen's own fail


def test_length_findings_for_walls_and_buried_jobs_only():
    assert "structure.length" in corpus_codes("018")  # 1,050 words with a wall of "Must" lines
    assert "structure.length" in corpus_codes("032")  # 2,364 words of repeated federal boilerplate
    assert "structure.length" not in corpus_codes("031")  # 1,071 sectioned federal words
    assert "structure.length" not in corpus_codes("024")  # 834 words about the job
    assert "structure.length" not in corpus_codes("027")  # short (137 words) but complete
