"""render/jsonld.py: schema.org JobPosting, written as .jsonld and embedded in every
posting's HTML. Checked against a JSON Schema of Google's rules (tests/data), extracted
from the HTML with extruct (a real structured-data parser), never filled with guesses."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import extruct
import jsonschema
import pytest
from conftest import TESTS, jdgen_command, roles_of

from jdgen.library.sources import default_sources
from jdgen.model.batch import Overrides
from jdgen.render import renderer
from jdgen.render.jsonld import job_posting as posting_data
from jdgen.render.jsonld import missing
from jdgen.service.generate import compose_role

SCHEMA = json.loads((TESTS / "data" / "jobposting.schema.json").read_text("utf-8"))
COMPLETE = {**SCHEMA, "required": SCHEMA["required"] + SCHEMA["x-recommended"]}

MINIMAL = """\
name: Mini Co
about: We make small things.
industry: manufacturing
size: "10 employees"
location: Springfield
country: US
currency: USD
eeo: Mini Co is an equal opportunity employer.
"""


def errors(data: dict, schema: dict = SCHEMA) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return sorted(f"{list(e.path)} {e.message}" for e in validator.iter_errors(data))


def extract(html: str) -> list[dict]:
    return extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]


def test_the_schema_is_valid_and_rejects_what_google_rejects(lib, acme):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    good = job_posting(compose_role(lib, "coo", acme, template="posting"))
    assert errors(good, COMPLETE) == []
    no_place = {k: v for k, v in good.items() if k != "jobLocation"}
    assert any("anyOf" in e or "valid under any" in e for e in errors(no_place))
    bad_salary = json.loads(json.dumps(good))
    bad_salary["baseSalary"]["value"]["unitText"] = "ANNUAL"
    assert errors(bad_salary) and errors({**good, "datePosted": "1 Nov 2026"})
    assert errors({**good, "description": "plain text, no HTML"})


@pytest.mark.parametrize("company_id", ["acme", "nordwerk"])
def test_complete_profiles_give_every_required_and_recommended_property(lib, company_id):
    from jdgen.library.loader import load_company

    company = load_company(lib, company_id)
    jd = compose_role(lib, "operations-manager", company, template="posting")
    data = job_posting(jd)
    assert errors(data, COMPLETE) == []
    assert missing(jd) == []
    band = company.salary_bands[jd.meta.level_id]
    assert data["baseSalary"]["currency"] == company.currency
    assert (data["baseSalary"]["value"]["minValue"], data["baseSalary"]["value"]["maxValue"]) == (
        band.min,
        band.max,
    )
    address = data["jobLocation"]["address"]
    assert address["streetAddress"] == company.address.street
    assert address["postalCode"] == company.address.postal_code
    assert address["addressCountry"] == company.country
    assert ("addressRegion" in address) == (company.address.region is not None)
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": company.name,
        "sameAs": company.website,
        "url": company.website,
    }
    assert data["datePosted"] == jd.meta.revised
    posted = date.fromisoformat(jd.meta.revised)
    assert data["validThrough"] == (posted + timedelta(days=company.posting_valid_days)).isoformat()
    assert data["directApply"] is company.direct_apply
    assert data["identifier"]["value"] == "operations-manager-posting"
    assert jd.highlights[0].replace("'", "&#39;") in data["description"]


@pytest.mark.parametrize("company_id", ["acme", "brightwater", "nordwerk"])
def test_an_interim_contract_is_a_contractor_and_the_arrangement_is_said_once(lib, company_id):
    """An interim contract for services paid by the day is CONTRACTOR, whatever the company's
    employees are; the permanent role keeps the company's type. Every posting format states the
    work arrangement once (the JobPosting description, which has no header facts, once too)."""
    from jdgen.library.loader import load_company

    company = load_company(lib, company_id)
    interim = compose_role(lib, "interim-coo", company, template="posting")
    assert job_posting(interim)["employmentType"] == "CONTRACTOR"
    assert job_posting(compose_role(lib, "coo", company, template="posting"))["employmentType"] == "FULL_TIME"
    words = " ".join(interim.company.work_arrangement.split()[:5])  # the interim COO's own
    for fmt in ("md", "txt", "html"):
        text = renderer(fmt)(interim)
        text = text.decode() if isinstance(text, bytes) else text
        if fmt == "html":  # the page itself, not the JobPosting description inside it
            text = re.sub(r"<script.*?</script>", "", text, flags=re.S)
        assert " ".join(text.split()).count(words) == 1, fmt
    assert job_posting(interim)["description"].count(words) == 1


def test_every_posting_html_carries_valid_job_posting_data(lib):
    """Every role of the catalogue, both example companies: the HTML's JSON-LD, as a
    structured-data parser reads it, is the .jsonld object and passes Google's rules."""
    from jdgen.library.loader import load_company

    for company_id in ("acme", "nordwerk"):
        company = load_company(lib, company_id)
        for role_id in roles_of(lib, company):
            jd = compose_role(lib, role_id, company, template="posting")
            found = extract(renderer("html")(jd).decode("utf-8"))
            standalone = json.loads(renderer("jsonld")(jd))
            assert found == [standalone], f"{company_id}/{role_id}"
            schema = COMPLETE if jd.compensation else SCHEMA
            assert errors(standalone, schema) == [], f"{company_id}/{role_id}"


def test_every_posting_of_every_example_company_names_its_onet_soc_occupation(lib):
    """JobPosting occupationalCategory: the role's O*NET-SOC code and title (schema.org's
    recommended taxonomy), in the shape the schema of Google's rules accepts."""
    from jdgen.library.loader import known_companies, load_company

    schema = {**SCHEMA, "required": [*SCHEMA["required"], "occupationalCategory"]}
    for company_id in sorted(known_companies(lib)):
        company = load_company(lib, company_id)
        for role_id in roles_of(lib, company):
            data = job_posting(compose_role(lib, role_id, company, template="posting"))
            onet = lib.roles[role_id].onet_soc
            assert data["occupationalCategory"] == f"{onet.code} {onet.title}", f"{company_id}/{role_id}"
            assert errors(data, schema) == [], f"{company_id}/{role_id}"
    bad = {**data, "occupationalCategory": "Operations"}
    assert errors(bad, schema)


def test_a_jd_html_has_no_job_posting_and_jsonld_refuses_the_jd_template(lib, acme):
    jd = compose_role(lib, "coo", acme)
    html = renderer("html")(jd).decode("utf-8")
    assert "application/ld+json" not in html and extract(html) == []
    with pytest.raises(Exception, match="made for postings") as info:
        renderer("jsonld")(jd)
    assert "--template posting" in str(info.value)


def test_a_missing_field_is_reported_and_left_out_never_invented(run, tmp_path):
    (tmp_path / "mini.yaml").write_text(MINIMAL, "utf-8")
    result = run("coo", "-c", "mini.yaml", "-t", "posting", "-f", "html,jsonld")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "JobPosting" in line]
    assert len(lines) == 2  # what Google requires on a line of its own, then what it recommends
    required, line = lines
    assert required.startswith("warning: mini.yaml: ") and line.startswith("warning: mini.yaml: ")
    assert "no jobLocation (profile key: address" in required and "Google for Jobs requires" in required
    assert "jobLocation" not in line
    for prop, key in [
        ("hiringOrganization.sameAs", "website"),
        ("baseSalary", "salary_bands.executive"),
        ("employmentType", "employment_type"),
        ("validThrough", "posting_valid_days"),
        ("directApply", "direct_apply"),
    ]:
        assert f"{prop} (profile key: {key}" in line
    assert "datePosted" not in line  # the role's revision date fills it
    data = json.loads((tmp_path / "output" / "mini" / "coo-posting.jsonld").read_text("utf-8"))
    for absent in (
        "jobLocation",
        "jobLocationType",
        "baseSalary",
        "employmentType",
        "validThrough",
        "directApply",
    ):
        assert absent not in data
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Mini Co"}
    # so it is honestly incomplete: Google's rules reject it for the missing location only
    found = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    assert [(e.validator, list(e.path)) for e in found] == [("anyOf", [])]
    remote = {
        "jobLocationType": "TELECOMMUTE",
        "applicantLocationRequirements": [{"@type": "Country", "name": "US"}],
    }
    assert errors({**data, **remote}) == []
    html = (tmp_path / "output" / "mini" / "coo-posting.html").read_text("utf-8")
    assert extract(html) == [data]


def test_a_remote_job_uses_telecommute_with_applicant_countries(run, tmp_path):
    profile = MINIMAL + "remote_countries: [US, CA]\nemployment_type: [FULL_TIME, CONTRACTOR]\n"
    (tmp_path / "remote.yaml").write_text(profile, "utf-8")
    result = run("coo", "-c", "remote.yaml", "-t", "posting", "-f", "jsonld")
    assert result.exit_code == 0, result.output
    assert "jobLocation (" not in result.output and "employmentType (" not in result.output
    data = json.loads((tmp_path / "output" / "remote" / "coo-posting.jsonld").read_text("utf-8"))
    assert data["jobLocationType"] == "TELECOMMUTE" and "jobLocation" not in data
    assert data["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "US"},
        {"@type": "Country", "name": "CA"},
    ]
    assert data["employmentType"] == ["FULL_TIME", "CONTRACTOR"]
    assert errors(data) == []


def test_a_remote_posting_names_countries_and_us_states_as_schema_org_places(run, tmp_path):
    """remote_in takes ISO country codes and US states (US-CA); a state is published as a
    State by its name, so the JSON-LD never carries a code Google cannot read."""
    from jdgen.model.places import state_names

    (tmp_path / "mini.yaml").write_text(MINIMAL, "utf-8")
    (tmp_path / "p.yaml").write_text(
        "role: coo\ncompany: mini.yaml\nwork: {arrangement: remote, remote_in: [GB, US-CA]}\n", "utf-8"
    )
    result = run("build", "p.yaml", "-f", "jsonld")
    assert result.exit_code == 0, result.output
    data = json.loads(next((tmp_path / "output").glob("*/p.jsonld")).read_text("utf-8"))
    assert data["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "GB"},
        {"@type": "State", "name": state_names()["US-CA"]},
    ]
    assert errors(data) == []


def test_a_closing_date_not_after_the_posting_date_is_never_published(lib, acme):
    """validThrough on or before datePosted is invalid JobPosting data: refused, whatever
    made the document."""
    from dataclasses import replace

    from jdgen.core.errors import JdgenError

    jd = compose_role(lib, "coo", acme, template="posting")
    for closes in (jd.meta.revised, "1999-01-01"):
        with pytest.raises(JdgenError) as caught:
            job_posting(replace(jd, meta=replace(jd.meta, valid_through=closes)))
        assert (caught.value.code, caught.value.key) == ("posting.closes", "closes")
    later = (date.fromisoformat(jd.meta.revised) + timedelta(days=1)).isoformat()
    assert job_posting(replace(jd, meta=replace(jd.meta, valid_through=later)))["validThrough"] == later


def test_another_site_drops_the_head_office_address(lib, acme):
    """A batch entry for another site (overrides.location) must not claim the profile's address."""
    from dataclasses import replace

    from jdgen.compose.document import compose
    from jdgen.compose.request import resolve

    request = resolve(lib, "plant-manager", acme, template="posting")
    jd = compose(lib, replace(request, overrides=Overrides(location="Dayton, Ohio")))
    assert "jobLocation" not in job_posting(jd)
    assert ("jobLocation", "address, or remote_countries for a remote job") in missing(jd)


HOSTILE = '</script><script>alert("x")</script> <!-- "Q" & \'S\' -->'


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def test_hostile_text_stays_data_in_the_script_block(lib, acme):
    company = dataclasses.replace(acme, name=f"Acme {HOSTILE}", about=HOSTILE, industry_description=HOSTILE)
    jd = compose_role(lib, "coo", company, template="posting")
    html = renderer("html")(jd).decode("utf-8")
    parser = _Scripts()
    parser.feed(html)
    assert [attrs for attrs, _ in parser.scripts] == [{"type": "application/ld+json"}]
    body = parser.scripts[0][1]
    assert "<" not in body and ">" not in body and "&" not in body
    data = json.loads(body)
    assert data["hiringOrganization"]["name"] == f"Acme {HOSTILE}"
    assert data["industry"] == HOSTILE
    assert data["identifier"]["name"] == f"Acme {HOSTILE}"
    assert extract(html) == [data] == [json.loads(renderer("jsonld")(jd))]
    # in the description (HTML) the same text is escaped as HTML text, never markup
    assert "&lt;/script&gt;" in data["description"] and "</script>" not in data["description"]


def _generate(cwd: Path, seed: str, *extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = seed
    command = jdgen_command("coo", "-c", "nordwerk", "-t", "posting", "-f", "html,jsonld,txt", *extra)
    return subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True, text=True)


def test_byte_identical_across_runs_and_hash_seeds(tmp_path):
    outputs = []
    for i, seed in enumerate(("0", "1", "4242")):
        (tmp_path / str(i)).mkdir()
        _generate(tmp_path / str(i), seed, "--force")
        folder = tmp_path / str(i) / "output" / "nordwerk"
        outputs.append({p.name: p.read_bytes() for p in folder.glob("coo-posting.*")})
    assert set(outputs[0]) == {"coo-posting.html", "coo-posting.jsonld", "coo-posting.txt"}
    assert outputs[0] == outputs[1] == outputs[2]


def test_incremental_runs_skip_unchanged_and_follow_the_profile(tmp_path):
    profile = tmp_path / "companies" / "mini.yaml"
    profile.parent.mkdir()
    profile.write_text(MINIMAL, "utf-8")

    def states(*extra):
        command = jdgen_command("coo", "-c", "mini", "-t", "posting", "-f", "html,jsonld,txt", *extra)
        out = subprocess.run(command, cwd=tmp_path, check=True, capture_output=True, text=True).stdout
        return {
            line.split()[1].rsplit(".", 1)[1]: line.split()[0]
            for line in out.splitlines()
            if "output/" in line
        }

    assert states() == {"html": "wrote", "jsonld": "wrote", "txt": "wrote"}
    assert states() == {"html": "unchanged", "jsonld": "unchanged", "txt": "unchanged"}
    manifest = json.loads((tmp_path / "output" / "mini" / "manifest.json").read_text("utf-8"))["files"]
    assert "templates:jsonld/description.html.j2" in manifest["coo-posting.jsonld"]["sources"]
    assert "templates:jsonld/description.html.j2" in manifest["coo-posting.html"]["sources"]
    profile.write_text(MINIMAL + "posting_valid_days: 30\n", "utf-8")
    assert states() == {"html": "wrote", "jsonld": "wrote", "txt": "wrote"}
    data = json.loads((tmp_path / "output" / "mini" / "coo-posting.jsonld").read_text("utf-8"))
    assert data["validThrough"] == (date.fromisoformat(data["datePosted"]) + timedelta(days=30)).isoformat()
    assert states() == {"html": "unchanged", "jsonld": "unchanged", "txt": "unchanged"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("employment_type: FULLTIME", "'FULLTIME' is not allowed. Did you mean 'FULL_TIME'?"),
        (
            "remote_countries: [US, UK]",
            "'remote_countries[1]': 'UK' is not an ISO 3166 two-letter country code",
        ),
        ("posting_valid_days: 0", "'posting_valid_days': 0 is out of range: from 1 to 366"),
        ("address: {street: Main St 1, locality: Springfield}", "postal_code"),
        ("address: {street: '  ', locality: Springfield, postal_code: '1'}", "'address.street': is empty"),
        ("direct_apply: maybe", "direct_apply"),
    ],
)
def test_bad_posting_keys_give_one_line_with_file_and_line(run, tmp_path, line, expected):
    (tmp_path / "bad.yaml").write_text(MINIMAL + line + "\n", "utf-8")
    result = run("coo", "-c", "bad.yaml", "-t", "posting", "-f", "jsonld")
    assert result.exit_code == 1
    errors_ = [row for row in result.output.splitlines() if row.startswith("error")]
    assert len(errors_) == 1, result.output
    assert "bad.yaml:9" in errors_[0] and expected in errors_[0]
    assert not (tmp_path / "output" / "bad").exists()


def test_a_profile_without_a_date_is_told_where_date_posted_comes_from(run, tmp_path):
    from jdgen.library.loader import known_companies, load_library

    text = known_companies(load_library())["acme"].read_text("utf-8")
    text = "\n".join(row for row in text.splitlines() if not row.startswith("revised:")) + "\n"
    (tmp_path / "undated.yaml").write_text(text, "utf-8")
    result = run("coo", "-c", "undated.yaml", "-t", "posting", "-f", "jsonld")
    assert result.exit_code == 0
    rows = result.output.splitlines()
    assert any("the library's own revision date" in row and "revised:" in row for row in rows)


def test_a_profile_date_older_than_the_library_s_is_never_overridden_silently(run, tmp_path):
    """A posting dated before its own content was revised cannot be: the later date is
    used, and one warning says so (it was silent)."""
    from jdgen.library.loader import known_companies, load_library

    lib = load_library()
    text = known_companies(lib)["acme"].read_text("utf-8")
    text = (
        "\n".join(r for r in text.splitlines() if not r.startswith("revised:")) + '\nrevised: "2020-01-01"\n'
    )
    (tmp_path / "old.yaml").write_text(text, "utf-8")
    result = run("coo", "-c", "old.yaml", "-t", "posting", "-f", "jsonld")
    assert result.exit_code == 0
    (row,) = [r for r in result.output.splitlines() if "2020-01-01" in r]
    assert row.startswith("warning: old.yaml: ") and lib.roles["coo"].revised in row
    data = json.loads((tmp_path / "output" / "old" / "coo-posting.jsonld").read_text("utf-8"))
    assert data["datePosted"] == lib.roles["coo"].revised


def job_posting(jd) -> dict:
    """The JobPosting object with the built-in templates."""
    return posting_data(jd, default_sources())


@pytest.mark.parametrize("location", ["Columbus, Ohio", "Columbus", "columbus, OH"])
def test_a_posting_in_the_profiles_own_city_keeps_its_job_location(lib, tmp_path, location):
    """A posting whose location: is where the profile's address is (its location, its
    city, or city and region) keeps the address; another city leaves it out."""
    from jdgen.library.posting import load_posting
    from jdgen.service.generate import Service

    service = Service(lib)
    (tmp_path / "postings").mkdir()
    for name, where in (("here", location), ("dayton", "Dayton, Ohio")):
        (tmp_path / "postings" / f"{name}.yaml").write_text(f"role: coo\ncompany: acme\nlocation: {where}\n")
    here = service.compose(service.posting_request(load_posting(tmp_path / "postings" / "here.yaml")))
    assert job_posting(here)["jobLocation"]["address"]["addressLocality"] == "Columbus"
    assert "jobLocation" not in dict(missing(here))
    assert here.company.location == location
    dayton = service.compose(service.posting_request(load_posting(tmp_path / "postings" / "dayton.yaml")))
    assert "jobLocation" not in job_posting(dayton)
