"""Posting files (one opening), drawn from `jdgen schema posting`, through `jdgen build` and
`jdgen validate` in a workspace."""

from __future__ import annotations

import pytest
import yaml
from fuzz.harness import FUZZ, NAMED_FOLDER, check, run, sandbox, user_files
from fuzz.strategies import FILE_KINDS, cases, formats
from hypothesis import given
from hypothesis import strategies as st

from jdgen.library.loader import load_library

pytestmark = pytest.mark.slow

LIB = load_library()
GROUNDING = {
    "role": st.sampled_from(sorted(str(r) for r in LIB.roles)),
    "level": st.sampled_from([str(lv.id) for lv in LIB.levels]),
    "company": st.sampled_from(["fuzzco", "acme", "companies/fuzzco.yaml", "../outside/canary.txt"]),
    "closes": st.sampled_from(["2027-01-15", "2020-01-01", "9999-12-31"]),
    "work": st.sampled_from(
        [
            {"arrangement": "remote", "remote_in": ["GB", "IE"]},
            {"arrangement": "remote", "remote_in": ["UK", "gb", 1]},
            {"arrangement": "hybrid", "office_days": 9},
        ]
    ),
    "salary": st.fixed_dictionaries(
        {
            "min": st.sampled_from([90000, -5, 0, 10**28]),
            "max": st.sampled_from([110000, 1, 10**28]),
            "currency": st.sampled_from(["GBP", "XXX", "gbp"]),
            "period": st.sampled_from(["year", "hour", "fortnight"]),
        }
    ),
}
# a posting's file name is its documents' name: jdgen's own files' names among them
NAMES = st.sampled_from(["opening", "opening", "manifest", "index", "MANIFEST", "index.html", "owner"])


@FUZZ
@given(
    case=cases("posting", {}, GROUNDING),
    name=NAMES,
    file_kind=st.sampled_from(FILE_KINDS),
    formats=formats(posting=True),
    validate=st.booleans(),
)
def test_posting(workspace, case, name, file_kind, formats, validate):
    """Building and validating a drawn posting keep every promise."""
    base = yaml.safe_load((workspace / "postings" / "example.yaml").read_text("utf-8"))
    with sandbox(workspace) as box:
        if not case.mutations and not case.document:
            case.document = base
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
