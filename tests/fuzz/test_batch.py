"""Batch files, drawn from `jdgen schema batch`, through `jdgen batch FILE`."""

from __future__ import annotations

import pytest
from fuzz.harness import FUZZ, NAMED_FOLDER, allowed_output, check, run, sandbox, user_files
from fuzz.strategies import FILE_KINDS, cases, formats, mostly
from hypothesis import given
from hypothesis import strategies as st

from jdgen.library.loader import load_library

pytestmark = pytest.mark.slow

LIB = load_library()
ROLES = sorted(str(r) for r in LIB.roles)
BASE = {
    "companies": ["acme"],
    "roles": ["coo", {"id": "operations-manager", "levels": ["manager"]}],
    "formats": ["md"],
}
ENTRY = st.fixed_dictionaries(
    {"id": mostly("operations-manager", *ROLES)},
    optional={
        "name": mostly("site-a", "manifest", "index", "../escaped", "/tmp/x", "a/b", ""),
        "levels": st.lists(st.sampled_from([str(lv.id) for lv in LIB.levels]), max_size=2),
        "template": st.sampled_from(["jd", "posting"]),
    },
)
GROUNDING = {
    "companies": mostly(["acme"], ["acme", "nordwerk"], ["companies/fuzzco.yaml"], []),
    "roles": st.lists(mostly("coo", *ROLES) | ENTRY, min_size=0, max_size=3),
    "out": mostly("output", "../outside", "link-out", "dangling", "output/../../escaped"),
}


@FUZZ
@given(
    case=cases("batch", BASE, GROUNDING),
    file_kind=st.sampled_from(FILE_KINDS),
    formats=st.none() | formats(),
    out=st.booleans(),
)
def test_batch(case, file_kind, formats, out):
    """A drawn batch file keeps every promise, whichever of its entries fail."""
    with sandbox() as box:
        box.place("companies/fuzzco.yaml", b"name: Fuzz Co\n")
        box.place("batch.yaml", case.data, file_kind)
        user_files(box, "acme")
        # without -o, the file's `out:` says where
        box.output = (
            box.ws / "output"
            if out
            else allowed_output(box, case.data if file_kind == "regular" else b"", "out")
        )
        args = ["batch", "batch.yaml", "--jobs", "1", *(["-o", "output"] if out else [])]
        args += ["-f", formats] if formats else []
        check(box, run(box, args), case, ["batch.yaml", "output/", "fuzzco.yaml"], usage=NAMED_FOLDER)
