"""Company profiles, drawn from `jdgen schema company`, through `jdgen ROLE --company FILE`
and `jdgen validate FILE`."""

from __future__ import annotations

import pytest
import yaml
from fuzz.harness import FUZZ, NAMED_FOLDER, THEME_PATHS, check, run, sandbox, theme_files, user_files
from fuzz.strategies import FILE_KINDS, cases, formats, mostly
from hypothesis import given
from hypothesis import strategies as st

from jdgen.library.loader import known_companies, load_library

pytestmark = pytest.mark.slow

LIB = load_library()
ACME = yaml.safe_load(known_companies(LIB)["acme"].read_text("utf-8"))
GROUNDING = {
    "industry": st.sampled_from(sorted(str(i) for i in LIB.industries)),
    "country": mostly("GB", "US", "DE", "UK", 826),
    "website": mostly("https://example.com", "javascript:alert(1)", "example.com"),
    "posting_valid_days": mostly(30, 0, 367, -1, 10**6),
    "revised": mostly("2026-11-01", "9999-12-31", "0001-01-01"),
    "theme": st.fixed_dictionaries(
        {},
        optional={
            "logo": st.sampled_from(THEME_PATHS),
            "docx_reference": st.sampled_from(THEME_PATHS),
            "accent": st.sampled_from(["#0b6e4f", "0b6e4f", "#zzzzzz", "red"]),
        },
    ),
}
# far dates through SOURCE_DATE_EPOCH too: the documents' date when the profile has none
EPOCHS = st.sampled_from([None, None, None, "0", "253402300799", "99999999999999", "-1", "soon"])


@FUZZ
@given(
    case=cases("company", ACME, GROUNDING),
    file_kind=st.sampled_from(FILE_KINDS),
    role=st.sampled_from(["coo", "operations-manager", "interim-coo"]),
    template=st.sampled_from(["jd", "posting"]),
    formats=formats(),
    jsonld=st.booleans(),
    epoch=EPOCHS,
    validate=st.booleans(),
)
def test_profile(case, file_kind, role, template, formats, jsonld, epoch, validate):
    """Generation and validation of a drawn profile keep every promise."""
    formats += ",jsonld" if template == "posting" and jsonld else ""
    with sandbox() as box:
        box.place("companies/fuzzco.yaml", case.data, file_kind)
        theme_files(box)
        user_files(box, "fuzzco")
        box.output = box.ws / "output"
        env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
        args = [
            role,
            "--company",
            "companies/fuzzco.yaml",
            "--template",
            template,
            "-f",
            formats,
            "-o",
            "output",
        ]
        check(box, run(box, args, env), case, ["fuzzco.yaml", "output/", "theme/"])
        if validate:
            outcome = run(box, ["validate", "companies/fuzzco.yaml"], env)
            check(box, outcome, case, ["fuzzco.yaml", "theme/"], report=True, usage=NAMED_FOLDER)
