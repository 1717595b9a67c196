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
