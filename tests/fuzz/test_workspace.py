"""jdgen.yaml, drawn from `jdgen schema workspace`, through the commands that read it: a
document in the workspace's defaults, a posting build and `jdgen validate`."""

from __future__ import annotations

import pytest
import yaml
from fuzz.harness import FUZZ, allowed_output, check, run, sandbox, user_files
from fuzz.strategies import CHEAP_FORMATS, FILE_KINDS, cases
from hypothesis import given
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

GROUNDING = {
    "formats": st.lists(st.sampled_from(CHEAP_FORMATS), min_size=1, max_size=2, unique=True),
    "output": st.sampled_from(
        [
            "output",
            "out/docs",
            ".",
            "output/../../escaped",
            "../outside",
            "link-out",
            "dangling",
            "fifo",
        ]
    ),
    "company": st.sampled_from(["fuzzco", "acme", "companies/fuzzco.yaml", "nobody"]),
}
COMMANDS = [["coo"], ["build", "postings/example.yaml"], ["validate"], ["batch", "--jobs", "1"]]


@FUZZ
@given(
    case=cases("workspace", {"company": "fuzzco", "output": "output", "formats": ["md"]}, GROUNDING),
    file_kind=st.sampled_from(FILE_KINDS),
    command=st.sampled_from(COMMANDS),
)
def test_workspace(workspace, case, file_kind, command):
    """Every command run under a drawn jdgen.yaml keeps every promise."""
    if file_kind != "regular" and command == ["validate"]:
        command = ["coo"]  # outside a workspace, validate checks the whole catalogue: too slow here
    with sandbox(workspace) as box:
        box.place("jdgen.yaml", case.data, file_kind)
        user_files(box, "fuzzco")
        # a jdgen.yaml that is no file leaves the default output folder
        box.output = allowed_output(box, case.data if file_kind == "regular" else b"", "output")
        outcome = run(box, command)
        names = ["jdgen.yaml", "output", "fuzzco.yaml", "example.yaml"]
        # with no company in jdgen.yaml, `jdgen coo` lacks --company: click's usage error
        check(box, outcome, case, names, report=command[0] == "validate", usage=("give --company",))


def test_allowed_output_is_inside_the_workspace(workspace):
    """The harness's own rule: an `output:` that leaves the workspace allows no write at all."""
    with sandbox(workspace) as box:
        assert allowed_output(box, b"output: out\n", "output") == (box.ws / "out").resolve()
        assert allowed_output(box, b"output: link-out\n", "output") is None
        assert allowed_output(box, b"output: output/../../escaped\n", "output") is None
        assert allowed_output(box, b"output: [", "output") == (box.ws / "output").resolve()
        assert yaml.safe_load((workspace / "jdgen.yaml").read_text("utf-8"))["output"] == "output"
