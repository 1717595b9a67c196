"""A workspace's own roles and blocks, drawn from `jdgen schema role` and `jdgen schema
block` and laid over a built-in one, through a document that uses them and `jdgen validate`."""

from __future__ import annotations

import pytest
import yaml
from fuzz.harness import FUZZ, check, run, sandbox, user_files
from fuzz.strategies import FILE_KINDS, cases, formats
from hypothesis import given
from hypothesis import strategies as st

from jdgen.library.loader import load_library

pytestmark = pytest.mark.slow

LIB = load_library()
ROLES = sorted(str(r) for r in LIB.roles)
ROLE = {**yaml.safe_load(LIB.roles["operations-manager"].origin.file.read_text("utf-8")), "id": "fuzz-role"}
BLOCK = yaml.safe_load(LIB.blocks["daily-operations"].origin.file.read_text("utf-8"))
IDS = ["fuzz-role", "coo", "list", "manifest", "index", "../escaped", ""]
ROLE_GROUNDING = {
    "id": st.sampled_from(IDS),
    "extends": st.sampled_from(ROLES),
    "family": st.sampled_from(sorted(str(f) for f in LIB.families)),
    "level": st.sampled_from([str(lv.id) for lv in LIB.levels]),
}
BLOCK_GROUNDING = {
    "id": st.sampled_from(["daily-operations", "quality", "manifest"]),
    "extends": st.just("daily-operations"),
}


@FUZZ
@given(
    case=cases("role", ROLE, ROLE_GROUNDING),
    file_kind=st.sampled_from(FILE_KINDS),
    formats=formats(),
    validate=st.sampled_from([False, False, False, True]),  # validate composes every role
)
def test_role(workspace, case, file_kind, formats, validate):
    """A document of a drawn workspace role, and `jdgen validate`, keep every promise."""
    doc = case.document
    role = (
        doc["id"] if isinstance(doc, dict) and isinstance(doc.get("id"), str) and doc["id"] else "fuzz-role"
    )
    with sandbox(workspace) as box:
        box.place("roles/fuzz-role.yaml", case.data, file_kind)
        user_files(box, "fuzzco")
        box.output = box.ws / "output"
        names = ["fuzz-role.yaml", "output/"]
        check(box, run(box, ["role", "-f", formats, "--", role]), case, names)
        if validate:
            check(box, run(box, ["validate"]), case, names, report=True)


@FUZZ
@given(
    case=cases("block", BLOCK, BLOCK_GROUNDING),
    file_kind=st.sampled_from(FILE_KINDS),
    formats=formats(),
    validate=st.sampled_from([False, False, False, True]),  # validate composes every role
)
def test_block(workspace, case, file_kind, formats, validate):
    """A document that uses a drawn workspace block, and `jdgen validate`, keep every promise."""
    with sandbox(workspace) as box:
        box.place("blocks/daily-operations.yaml", case.data, file_kind)
        user_files(box, "fuzzco")
        box.output = box.ws / "output"
        names = ["daily-operations.yaml", "output/"]
        check(box, run(box, ["coo", "-f", formats]), case, names)
        if validate:
            check(box, run(box, ["validate"]), case, names, report=True)
