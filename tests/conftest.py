"""Shared fixtures. `pytest --update-golden` rewrites the golden HTML/Markdown files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdgen.app.cli import main
from jdgen.library.loader import load_company, load_library
from jdgen.service.generate import compose_role

TESTS = Path(__file__).parent
REPO = TESTS.parent
GOLDEN = TESTS / "golden"


def jdgen_command(*args: str) -> list[str]:
    """Run the jdgen CLI of whatever `jdgen` this interpreter imports, in a subprocess."""
    import sys

    code = "import sys; from jdgen.app.cli import main; sys.argv = ['jdgen', *sys.argv[1:]]; main()"
    return [sys.executable, "-c", code, *args]


def pytest_configure(config):
    """Keep the suite's on-disk cache out of the user's home folder."""
    import os
    import tempfile

    os.environ.setdefault("JDGEN_CACHE_DIR", tempfile.mkdtemp(prefix="jdgen-test-cache-"))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden from current output")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    """Goldens are refreshed from the source tree under test: refuse when the installed
    jdgen (which the tests import) differs from it, since that would write old output."""
    wanted = request.config.getoption("--update-golden")
    if wanted:
        stale = stale_install_files()
        if stale:
            pytest.exit(f"installed jdgen differs from the source tree ({stale[0]}...): run 'make golden'", 2)
    return wanted


# source folder -> where setup.cfg installs it inside the jdgen package
INSTALLED_AS = {
    "generator": "",
    "templates": "templates",
    "responsibilities": "responsibilities",
    "checks": "checks",
}


def stale_install_files() -> list[str]:
    """Source files whose installed copy is missing or different."""
    import jdgen

    repo, package = TESTS.parent, Path(jdgen.__file__).parent
    if not (repo / "setup.cfg").exists():
        return []
    stale = []
    for folder, target in INSTALLED_AS.items():
        for path in sorted((repo / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                installed = package / target / path.relative_to(repo / folder)
                if not installed.is_file() or installed.read_bytes() != path.read_bytes():
                    stale.append(str(path.relative_to(repo)))
    return stale


def roles_of(lib, company) -> list[str]:
    """The ids of the catalogue roles that exist in the company's industry."""
    from jdgen.library.industry import role_fits

    return [role.id for role in lib.roles.values() if role_fits(role, company.industry)]


@pytest.fixture(scope="session")
def lib():
    return load_library()


@pytest.fixture(scope="session")
def acme(lib):
    return load_company(lib, "acme")


@pytest.fixture(scope="session")
def nordwerk(lib):
    return load_company(lib, "nordwerk")


@pytest.fixture(scope="session")
def coo_jd(lib, acme):
    return compose_role(lib, "coo", acme)


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Run the CLI in an empty working directory; returns click's Result."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def library_copy(tmp_path):
    """A writable copy of the built-in library, for tests that break it on purpose."""
    from jdgen.core.paths import library_dir

    target = tmp_path / "lib"
    shutil.copytree(library_dir(), target)
    return target


def replace_key(path: Path, key: str, value: str) -> int:
    """Replace a top-level `key:` (and its indented continuation) with `key: value`.

    Returns the line number of the key, for asserting error locations.
    """
    lines = path.read_text("utf-8").splitlines()
    start = next(i for i, row in enumerate(lines) if row.startswith(f"{key}:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    lines[start:end] = [f"{key}: {value}"]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return start + 1


@pytest.fixture
def studio_workspace(tmp_path, monkeypatch):
    """A workspace (jdgen.yaml) as the current folder, found afresh by this test."""
    from jdgen.core.caches import clear_all

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jdgen.yaml").write_text("company: acme\n")
    clear_all()
    yield tmp_path
    clear_all()


@pytest.fixture
def studio_client(lib, studio_workspace):
    """The studio's app on 127.0.0.1:8765, every request with the token."""
    from starlette.testclient import TestClient
    from studio_fixtures import BASE, TOKEN

    from jdgen.app.studio.app import create_app
    from jdgen.app.studio.draft import Studio
    from jdgen.library.context import run_context
    from jdgen.service.generate import Service

    app = create_app(Studio(Service(lib, run_context()), studio_workspace), TOKEN, "127.0.0.1", 8765)
    with TestClient(app, base_url=BASE, headers={"x-jdgen-token": TOKEN}) as client:
        yield client
