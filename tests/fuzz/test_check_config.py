"""`.jdgen-check.yaml`, drawn from the check settings' schema (the same model as jdgen.yaml's
and a profile's `check:`), through `jdgen check`."""

from __future__ import annotations

import pytest
from fuzz.harness import FUZZ, NAMED_FOLDER, check, run, sandbox
from fuzz.strategies import FILE_KINDS, cases
from hypothesis import given
from hypothesis import strategies as st

from jdgen.check.engine import rule_names

pytestmark = pytest.mark.slow

# the example in generator/check/config.py's docstring
BASE = {
    "fail_on": "warning",
    "rules": {"jargon.buzzword": "off", "readability.grade-level": "warning"},
    "banned": ["synergy", "rock star"],
    "preferred": [{"use": "team member", "instead_of": ["staff", "employees"]}],
}
GROUNDING = {
    "rules": st.dictionaries(
        st.sampled_from(sorted(rule_names())),
        st.sampled_from(["off", "error", "warning", "info", True, False]),
    ),
    "preferred": st.lists(
        st.fixed_dictionaries(
            {
                "use": st.sampled_from(["team member", "", "x"]),
                "instead_of": st.sampled_from([[], [""], ["staff"]]),
            }
        ),
        max_size=2,
    ),
}
COMMANDS = [
    ["check", "posting.md"],
    ["check", "--config", ".jdgen-check.yaml", "posting.md"],
    ["check", "--format", "json", "posting.md"],
    ["check", "--format", "sarif", "--fail-on", "info", "posting.md"],
]


@pytest.fixture(scope="session")
def posting_md(tmp_path_factory):
    """A posting as jdgen writes it, to check."""
    from click.testing import CliRunner

    from jdgen.app.cli import main

    out = tmp_path_factory.mktemp("fuzz-posting")
    args = ["coo", "-c", "acme", "-t", "posting", "-f", "md", "-o", str(out)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return (out / "acme" / "coo-posting.md").read_bytes()


@FUZZ
@given(
    case=cases("check", BASE, GROUNDING),
    file_kind=st.sampled_from(FILE_KINDS),
    command=st.sampled_from(COMMANDS),
)
def test_check_config(posting_md, case, file_kind, command):
    """`jdgen check` under a drawn configuration keeps every promise (it writes nothing)."""
    with sandbox() as box:
        box.place("posting.md", posting_md)
        box.place(".jdgen-check.yaml", case.data, file_kind)
        usage = NAMED_FOLDER if "--config" in command else ()
        check(box, run(box, command), case, [".jdgen-check.yaml", "posting.md"], report=True, usage=usage)
