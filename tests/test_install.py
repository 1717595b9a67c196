"""A plain, non-editable `pip install .` carries the templates and the built-in library."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

import jdgen

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.skipif(not (REPO / "setup.cfg").exists(), reason="needs the source tree")
def test_wheel_install_runs_outside_the_source_tree(tmp_path):
    source, target = tmp_path / "src", tmp_path / "site"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "output", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis"
        ),
    )
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(source),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert build.returncode == 0, build.stderr
    installed = target / "jdgen"
    assert (installed / "templates" / "docx" / "styles.xml.j2").is_file()
    assert (installed / "responsibilities" / "companies" / "acme.yaml").is_file()
    assert len(list((installed / "responsibilities" / "roles").glob("*.yaml"))) >= 5

    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import sys, jdgen; from jdgen.app.cli import main; "
        "print(jdgen.__file__, file=sys.stderr); sys.argv=['jdgen', *sys.argv[1:]]; main()"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, "coo", "--company", "acme", "--format", "docx,md"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert str(target) in run.stderr  # the installed copy ran, not the source tree
    document = docx.Document(str(work / "output" / "acme" / "coo.docx"))
    assert document.core_properties.title == "Chief Operating Officer"


def test_suite_runs_against_installed_package():
    """`make test` runs pytest from the venv, so `jdgen` must come from site-packages."""
    if os.environ.get("JDGEN_TEST_SOURCE"):
        pytest.skip("JDGEN_TEST_SOURCE set: testing the source tree on purpose")
    assert "site-packages" in jdgen.__file__, jdgen.__file__


def test_installed_copy_matches_the_source_tree():
    """`make test` reinstalls whenever a source changes, so the suite (and
    `--update-golden`) always runs what is in the tree, never an older copy."""
    from conftest import stale_install_files

    if os.environ.get("JDGEN_TEST_SOURCE"):
        pytest.skip("JDGEN_TEST_SOURCE set: testing the source tree on purpose")
    assert stale_install_files() == []
