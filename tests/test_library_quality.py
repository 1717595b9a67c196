"""Quality gates over the whole catalogue: every role, at every level, in both templates,
with both example companies, in every format."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from conftest import roles_of
from pypdf import PdfReader

from jdgen.check.library_rules import LEFTOVER, composed_diagnostics, library_diagnostics
from jdgen.library.industry import pick
from jdgen.library.loader import _marked_lists, known_companies, load_company, load_library
from jdgen.model.formats import FORMATS
from jdgen.render import renderer
from jdgen.service.generate import Service, compose_role

LIB = load_library()
SERVICE = Service(LIB)
ROLES = sorted(LIB.roles)
COMPANIES = ("acme", "nordwerk")
BOARD = "Board of Directors"


def test_catalogue_size():
    assert len(LIB.roles) >= 20 and len(LIB.blocks) >= 16 and len(LIB.levels) >= 6
    required = {
        "coo",
        "interim-coo",
        "vp-operations",
        "operations-director",
        "head-of-operations",
        "operations-manager",
        "ceo",
        "cfo",
        "cmo",
        "cto",
        "chro",
    }
    assert required <= set(LIB.roles)


def test_library_meets_the_content_rules():
    """Verbs fit each level, statements end with a full stop and never repeat: the
    same rules `jdgen validate` applies to any library (check/library_rules.py)."""
    assert library_diagnostics(LIB) == []


VIEWS = (*LIB.industries, None)  # every industry, and a company of none the library knows


@pytest.mark.parametrize("block_id", sorted(LIB.blocks))
def test_block_has_three_to_six_statements_per_level_in_every_industry(block_id):
    """Counted as each industry sees the block: its own marked lines and the shared ones;
    a company of no known industry (None) sees the shared lines and those marked neutral."""
    block = LIB.blocks[block_id]
    for industry in VIEWS:
        assert pick(block.kpis, industry) and pick(block.skills, industry), (block_id, industry)
        for level in LIB.levels:
            assert 3 <= len(pick(block.statements[level.id], industry)) <= 6, (block_id, level.id, industry)


def test_every_statement_with_industry_variants_has_one_in_every_industry_and_a_neutral_one():
    """Every list with lines marked for some industries (a block's level, its measures, a
    role's additions, direct reports ...) gives each industry and a company of no known
    industry as many lines as the fullest view, give or take one, and never none where
    another view has some: a variant written for some industries has its counterpart in
    the others and in neutral wording."""
    thin = []
    for owner, items in _marked_lists(LIB):
        if all(isinstance(item, str) for item in items):
            continue
        counts = {industry: len(pick(items, industry)) for industry in VIEWS}
        fullest = max(counts.values())
        short = [i or "neutral" for i, n in counts.items() if n < fullest - 1 or (n == 0 < fullest)]
        if short:
            first = items[0] if isinstance(items[0], str) else items[0].text
            thin.append(f"{owner.id} ({first[:50]}...): {', '.join(short)} of {counts}")
    assert not thin, "\n".join(thin)


def test_content_rules_can_fail(lib):
    """A control: the rules do catch a statement with a wrong verb, a missing stop and a repeat."""
    import dataclasses

    block = LIB.blocks["risk"]
    manager = block.statements["manager"]
    bad = dataclasses.replace(
        block, statements={**block.statements, "manager": (*manager, "Dominate the market", manager[0])}
    )
    broken = dataclasses.replace(LIB, blocks={**LIB.blocks, "risk": bad})
    codes = {d.code for d in library_diagnostics(broken)}
    assert {"content.verb-level", "content.full-stop", "content.duplicate-statement"} <= codes


@pytest.mark.parametrize("role_id", ROLES)
def test_reports_to_exists_in_catalogue(role_id):
    titles = (
        {r.title for r in LIB.roles.values()} | {a for r in LIB.roles.values() for a in r.aliases} | {BOARD}
    )
    jd = compose_role(LIB, role_id, load_company(LIB, "acme"))
    assert jd.reports_to in titles, f"{role_id} reports to unknown '{jd.reports_to}'"
    assert LIB.roles[role_id].compare_with, f"{role_id} names no neighbours to compare with"


YEARS = re.compile(r"\b\d+\s*\+?\s*(?:years?|yrs)\b", re.IGNORECASE)


@pytest.mark.parametrize("company_id", sorted(known_companies(LIB)))
def test_experience_is_asked_for_as_depth_not_years(company_id):
    """No requirement counts years of experience (a minimum number of years screens out
    younger applicants: an age-discrimination risk under Germany's AGG and EU law), and
    each level still asks for its own depth of experience."""
    years = [lv.experience_years for lv in LIB.levels]
    assert years == sorted(years) and len(set(years)) == len(years)
    company = load_company(LIB, company_id)
    for role_id in roles_of(LIB, company):
        firsts = []
        for level in LIB.levels:
            jd = compose_role(LIB, role_id, company, level=level.id)
            asked = [*jd.qualifications, *jd.nice_to_have]
            assert not [q for q in asked if YEARS.search(q)], f"{company_id}/{role_id}/{level.id}"
            firsts.append(jd.qualifications[0])
        assert len(set(firsts)) == len(firsts), f"{role_id}: two levels ask for the same experience"


@pytest.mark.slow
@pytest.mark.parametrize("company_id", COMPANIES)
@pytest.mark.parametrize("role_id", ROLES)
def test_every_role_level_template_and_format(role_id, company_id):
    company = load_company(LIB, company_id)
    if role_id not in roles_of(LIB, company):
        pytest.skip(f"{role_id} does not exist in {company_id}'s industry ({company.industry})")
    for level in LIB.levels:
        for template in ("jd", "posting"):
            jd = compose_role(LIB, role_id, company, level=level.id, template=template)
            where = f"{company_id}/{role_id}/{level.id}/{template}"
            house = SERVICE.check_report(jd, source=where, house=True).findings
            assert [f for f in house if f.severity != "info"] == [] and composed_diagnostics(jd) == [], where
            for fmt in FORMATS:
                if fmt == "pdf" and template == "posting" and level.id != LIB.roles[role_id].default_level:
                    continue  # PDF layout is shared by both templates; keep the suite's time reasonable
                if fmt == "jsonld" and template == "jd":
                    continue  # JobPosting data is a posting's only (tests/render/test_jsonld.py)
                data = renderer(fmt)(jd)
                _check_format(fmt, data, jd, where)


def _check_format(fmt: str, data: bytes, jd, where: str) -> None:
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        assert document.paragraphs[1].text == " ".join(filter(None, (jd.title, jd.title_suffix))), where
        body = "\n".join(p.text for p in document.paragraphs)
        assert not LEFTOVER.search(body), where
    elif fmt == "pdf":
        reader = PdfReader(io.BytesIO(data))
        assert 1 <= len(reader.pages) <= 8, where
        assert jd.title.split()[0] in reader.pages[0].extract_text(), where
    elif fmt in ("json", "jsonld"):
        # the data keeps the title (the suffix has its own key); JobPosting's title has both
        suffix = f" {jd.title_suffix}" if fmt == "jsonld" and jd.title_suffix else ""
        assert json.loads(data)["title"] == jd.title + suffix
    else:
        assert not LEFTOVER.search(data.decode("utf-8")), f"{where}: template syntax left in {fmt}"


# The Head of Operations is the other shape of the operations organisation: its top role
# where a company runs operations without a VP and an Operations Director. It reports to
# the COO as the VP does and is no link in their chain; the COO's document is written for
# the larger shape (it lists the VP); the catalogue roles the Head lists beside those that
# report to it are ones the larger shape puts under the VP (its plant, supply chain and
# site managers).
ALTERNATIVE = "head-of-operations"


def catalogued(title: str, by_title: dict) -> str | None:
    """The role a direct-report line names: its title, or a group of it ("Plant Managers")."""
    return by_title.get(title) or (by_title.get(title[:-1]) if title.endswith("s") else None)


@pytest.mark.parametrize("company_id", sorted(known_companies(LIB)))
def test_each_example_company_is_one_organisation(company_id):
    """Reporting lines form one tree, a role's direct reports are exactly the roles that
    report to it, pay rises with level and along every reporting line, titles are unique.
    An interim role stands in the place of the role it covers. The Head of Operations
    stands beside the VP's line as the alternative top operations role (ALTERNATIVE)."""
    company = load_company(LIB, company_id)
    docs = {r: compose_role(LIB, r, company) for r in roles_of(LIB, company)}
    permanent = {r: jd for r, jd in docs.items() if LIB.roles[r].covers is None}
    by_title = {jd.title: r for r, jd in permanent.items()}
    assert len(by_title) == len(permanent), "two roles share a title"
    roots = [r for r, jd in permanent.items() if jd.reports_to not in by_title]
    assert roots == ["ceo"] and permanent["ceo"].reports_to == LIB.governing_body(company).board_title

    def line(role_id):  # the roles above, up to the CEO, without a loop
        seen, here = [], role_id
        while here != "ceo":
            assert here not in seen, f"{role_id}: reporting loop"
            seen.append(here)
            here = by_title[permanent[here].reports_to]
        return seen[1:]

    head, vp = permanent[ALTERNATIVE], permanent["vp-operations"]
    director = permanent["operations-director"]
    assert head.reports_to == vp.reports_to == permanent["coo"].title
    assert head.title not in (*vp.direct_reports, *director.direct_reports)
    assert not {vp.title, director.title} & set(head.direct_reports)
    for role_id, jd in permanent.items():
        lists = {catalogued(t, by_title) for t in jd.direct_reports} - {None}
        report = {r for r, other in permanent.items() if other.reports_to == jd.title}
        if role_id == "coo":
            report -= {ALTERNATIVE}
        if role_id == ALTERNATIVE:
            assert report <= lists, role_id
            assert all("vp-operations" in line(r) for r in lists - report), (role_id, lists - report)
        else:
            assert lists == report, role_id
        line(role_id)
    for role_id, jd in docs.items():
        covered = LIB.roles[role_id].covers
        if covered:
            assert (
                jd.direct_reports == docs[covered].direct_reports
                and jd.reports_to == docs[covered].reports_to
            )
    levels = [lv.id for lv in LIB.levels]
    for bands in (company.salary_bands, company.day_rates):
        for low, high in zip(levels, levels[1:], strict=False):
            assert bands[low].min < bands[high].min and bands[low].max < bands[high].max, (low, high)
    for role_id, jd in permanent.items():
        if role_id != "ceo":
            boss = permanent[by_title[jd.reports_to]]
            assert (
                jd.compensation.max < boss.compensation.max and jd.compensation.min < boss.compensation.min
            ), f"{role_id} is paid on a band at or above its manager's"


@pytest.mark.parametrize("company_id", sorted(known_companies(LIB)))
def test_scope_rows_fit_the_role_not_the_level(company_id):
    """The executives' rows speak of the company (not "the function's share"), the interim's
    authority is its mandate's, and the VP and the Head of Operations name different scopes,
    budgets and each other as the neighbouring role."""
    company = load_company(LIB, company_id)
    rows = {
        r: dict(compose_role(LIB, r, company).scope)
        for r in ("coo", "cfo", "interim-coo", "vp-operations", "head-of-operations")
    }
    for role_id in ("coo", "cfo", "interim-coo", "vp-operations", "head-of-operations"):
        assert company.name in rows[role_id]["scope"], role_id
        if role_id != "head-of-operations":  # the one role whose scope is one function
            assert "the function" not in " ".join(rows[role_id].values()), role_id
    assert "company" in rows["coo"]["budget"] and "company" in rows["cfo"]["budget"]
    assert (
        "mandate" in rows["interim-coo"]["decision_rights"]
        and LIB.governing_body(company).board in rows["interim-coo"]["decision_rights"]
    )
    assert rows["interim-coo"]["decision_rights"] != rows["coo"]["decision_rights"]
    for row in ("scope", "budget", "people"):
        assert rows["vp-operations"][row] != rows["head-of-operations"][row], row
    vp, head = (compose_role(LIB, r, company) for r in ("vp-operations", "head-of-operations"))
    assert head.title in [c.title for c in vp.comparisons] and vp.title in [c.title for c in head.comparisons]


@pytest.mark.parametrize("company_id", sorted(known_companies(LIB)))
def test_no_document_says_a_duty_or_requirement_twice_in_the_same_words(company_id):
    """Two duties, two requirements or two measures of one document never open with the
    same five words ("A record of turning company plans into results ..." twice)."""
    company = load_company(LIB, company_id)

    def opening(text: str) -> str:
        return " ".join(text.lower().replace(",", "").split()[:5])

    for role_id in roles_of(LIB, company):
        for template in ("jd", "posting"):
            jd = compose_role(LIB, role_id, company, template=template)
            duties = [item for section in jd.sections for item in section.items]
            for name, items in (("duties", duties), ("qualifications", jd.qualifications), ("kpis", jd.kpis)):
                openings = [opening(t) for t in items]
                twice = {o for o in openings if openings.count(o) > 1}
                assert not twice, f"{role_id} {template} {name}: {twice}"


NEAR_REPEAT = 0.6  # of the shorter line's content words
MIN_SHARED_WORDS = 4
FILLER = frozenset(
    "the and with for from that this their them they your you our into each every over within".split()
)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3 and w not in FILLER}


@pytest.mark.parametrize("company_id", sorted(known_companies(LIB)))
def test_no_document_makes_the_same_statement_twice_in_other_words(company_id):
    """A duty, a requirement and a working relationship never say the same thing twice
    ("Experience working with finance, marketing and people teams ..." as a requirement
    and again as a relationship): no two lines share most of their words."""
    company = load_company(LIB, company_id)
    for role_id in roles_of(LIB, company):
        for template in ("jd", "posting"):
            jd = compose_role(LIB, role_id, company, template=template)
            lines = [
                *(item for section in jd.sections for item in section.items),
                *jd.qualifications,
                *jd.nice_to_have,
                *jd.working_relationships,
            ]
            for i, a in enumerate(lines):
                for b in lines[i + 1 :]:
                    shared = _content_words(a) & _content_words(b)
                    smaller = min(len(_content_words(a)), len(_content_words(b)))
                    assert len(shared) < MIN_SHARED_WORDS or len(shared) < NEAR_REPEAT * smaller, (
                        f"{role_id} {template}: '{a}' and '{b}' say the same thing"
                    )


@pytest.mark.parametrize("company_id", sorted(known_companies(LIB)))
def test_industry_fit_of_headings_and_measures(company_id):
    """A software firm's documents have no supply chain, stock or safety-incident wording;
    a healthcare firm's Head of Operations measures patients, not customers, and its
    leaders' duties speak of patients and clinical governance; a retailer is not measured
    on a logistics firm's measures; no VP builds a production network outside
    manufacturing; staffing and overtime duties name the works council."""
    company = load_company(LIB, company_id)
    seeds = ("coo", "vp-operations", "operations-director", "head-of-operations", "operations-manager")
    for role_id in seeds:
        jd = compose_role(LIB, role_id, company)
        headings = [s.title for s in jd.sections]
        duties = " ".join(i for s in jd.sections for i in s.items).lower()
        words = " ".join([duties, *jd.kpis]).lower()
        if company.industry == "retail":
            assert not {"On-time, in-full delivery", "Order accuracy"} & set(jd.kpis), role_id
        if company.industry == "healthcare":
            assert "customer" not in duties.replace("customer service", ""), role_id
            if role_id in ("coo", "head-of-operations"):
                assert "clinical governance" in duties and "patient" in duties, role_id
        if role_id in ("operations-director", "operations-manager"):  # as the country's law has it
            assert LIB.works_council(company).lower() in duties, role_id
        if company.industry == "software":
            assert "Supply chain and logistics" not in headings
            if role_id in ("coo", "vp-operations", "head-of-operations"):  # the COO has no such area
                assert ("Vendors and partners" in headings) == (role_id != "coo")
            assert "stock" not in words and "safety incident" not in words, role_id
        if company.industry != "manufacturing":
            assert "production and logistics network" not in words and "production yield" not in words
        if company.industry == "healthcare" and role_id == "head-of-operations":
            assert "Patient satisfaction" in jd.kpis and "Customer satisfaction" not in jd.kpis
        if company.industry == "financial-services" and role_id == "coo":  # issue 22's credit union
            assert {"member", "regulator", "fraud"} <= set(re.findall(r"[a-z]+?(?=s?\b)", words)), role_id
        if company.industry in ("financial-services", "public-sector") and role_id == "coo":
            assert "investor" not in words and "operating margin" not in words, role_id


def test_every_industry_has_an_example_company():
    """One example profile per industry, in more than one country, so every test that
    iterates the example companies measures every industry's wording."""
    companies = [load_company(LIB, c) for c in known_companies(LIB)]
    assert {c.industry for c in companies} == set(LIB.industries)
    assert len({c.country for c in companies}) > 1


def _pages(jd) -> tuple[int, str]:
    """(page count, text of the last page) of the document's PDF."""
    reader = PdfReader(io.BytesIO(renderer("pdf")(jd)))
    return len(reader.pages), reader.pages[-1].extract_text()


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("company_id", sorted(known_companies(LIB)))
def test_job_descriptions_are_two_to_three_pages(company_id, paper):
    """Every role at every level for Acme (the longest profile), every role at its own
    level for the others, on both papers; the last page never holds only the
    equal-opportunity paragraph."""
    company = load_company(LIB, company_id)
    # the profile's own statement, else the one the library has for the company's country
    eeo = " ".join(compose_role(LIB, "coo", company).eeo.split()[:6])
    for role_id in roles_of(LIB, company):
        levels = [lv.id for lv in LIB.levels] if company_id == "acme" else [LIB.roles[role_id].default_level]
        for level in levels:
            jd = compose_role(LIB, role_id, company, level=level, paper=paper)
            count, last = _pages(jd)
            where = f"{company_id}/{role_id}/{level}/{paper}"
            assert 2 <= count <= 3, f"{where}: {count} pages"
            lone = eeo in " ".join(last.split()) and "About" not in last and len(last.split()) < 120
            assert not lone, f"{where}: the last page holds only the equal-opportunity paragraph"
