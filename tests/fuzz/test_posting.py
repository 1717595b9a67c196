"""Posting files (one opening), drawn from `jdgen schema posting`, through `jdgen build` and
`jdgen validate` in a workspace."""

from __future__ import annotations

import pytest
from fuzz.harness import FUZZ, NAMED_FOLDER, check, run, sandbox, user_files
from fuzz.strategies import FILE_KINDS, cases, formats, mostly
from hypothesis import given
from hypothesis import strategies as st

from jdgen.library.loader import load_library

pytestmark = pytest.mark.slow

LIB = load_library()
GROUNDING = {
    "role": mostly("head-of-operations", *sorted(str(r) for r in LIB.roles)),
    "level": mostly("head", *[str(lv.id) for lv in LIB.levels]),
    "company": mostly("fuzzco", "acme", "companies/fuzzco.yaml", "../outside/canary.txt"),
    "closes": mostly("2027-01-15", "2020-01-01", "9999-12-31"),
    "work": st.sampled_from(
        [
            {"arrangement": "remote", "remote_in": ["GB", "IE"]},
            {"arrangement": "remote", "remote_in": ["UK", "gb", 1]},
            {"arrangement": "hybrid", "office_days": 9},
        ]
    ),
    "salary": st.fixed_dictionaries(
        {
            "min": mostly(90000, -5, 0, 10**28),
            "max": mostly(110000, 1, 10**28),
            "currency": mostly("GBP", "XXX", "gbp"),
            "period": mostly("year", "hour", "fortnight"),
        }
    ),
}
# what `jdgen init` writes as postings/example.yaml (generator/service/scaffold.py)
EXAMPLE = {
    "role": "head-of-operations",
    "company": "fuzzco",
    "title": "Head of Operations, London",
    "location": "London, UK",
    "statements": {"add": [{"block": "daily-operations", "text": "Run the weekly operations review."}]},
}
# a posting's file name is its documents' name: jdgen's own files' names among them
NAMES = st.sampled_from(["opening", "opening", "manifest", "index", "MANIFEST", "index.html", "owner"])


@FUZZ
@given(
    case=cases("posting", EXAMPLE, GROUNDING),
    name=NAMES,
    file_kind=st.sampled_from(FILE_KINDS),
    formats=formats(posting=True),
    validate=st.booleans(),
)
def test_posting(workspace, case, name, file_kind, formats, validate):
    """Building and validating a drawn posting keep every promise."""
    with sandbox(workspace) as box:
        path = f"postings/{name}.yaml"
        box.place(path, case.data, file_kind)
        user_files(box, "fuzzco")
        box.output = box.ws / "output"
        check(
            box,
            run(box, ["build", path, "-f", formats]),
            case,
            [f"{name}.yaml", "output/", "fuzzco.yaml"],
            usage=NAMED_FOLDER,
        )
        if validate:
            outcome = run(box, ["validate", path])
            check(box, outcome, case, [f"{name}.yaml"], report=True, usage=NAMED_FOLDER)
