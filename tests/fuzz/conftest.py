"""The fuzzing harness's shared inputs, made once per session by jdgen's own commands."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from jdgen.app.cli import main


@pytest.fixture(scope="session")
def workspace(tmp_path_factory):
    """A workspace as `jdgen init fuzzco` makes it: the template every workspace example copies."""
    import os

    root = tmp_path_factory.mktemp("fuzz-template")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["init", "fuzzco", "--name", "Fuzz Co"], catch_exceptions=False)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return root / "fuzzco"
