"""Crash safety and concurrency: SIGKILL a batch at random moments, run two batches into
one folder at once; afterwards every file is complete and valid, the manifest agrees
with the files, and a re-run completes the set."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import docx
import pytest
from conftest import jdgen_command
from pypdf import PdfReader

from jdgen.library.loader import load_library

FORMATS = "docx,pdf,md,json,html"
ROLES = len(load_library().roles)
pytestmark = pytest.mark.slow  # SIGKILLs and concurrent batches: minutes, not seconds


def batch(out: Path, *extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.Popen(
        jdgen_command("batch", "-c", "acme", "--all", "-f", FORMATS, "-o", str(out), "-q", *extra),
        cwd=out.parent,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def check_file(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".docx":
        assert docx.Document(io.BytesIO(data)).paragraphs, path
    elif path.suffix == ".pdf":
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) >= 1 and reader.pages[0].extract_text(), path
    elif path.suffix == ".json":
        json.loads(data)
    elif path.suffix == ".md":
        assert data.startswith(b"# ") and data.endswith(b"\n"), path
    elif path.suffix == ".html":
        assert data.rstrip().endswith(b"</html>"), path


def check_tree(folder: Path) -> dict:
    """Every visible file is whole and valid, and the manifest matches what is on disk."""
    if not folder.exists():
        return {}
    for path in folder.iterdir():
        if not path.name.startswith("."):
            check_file(path)
    manifest = folder / "manifest.json"
    entries = json.loads(manifest.read_text("utf-8"))["files"] if manifest.exists() else {}
    for name, entry in entries.items():
        path = folder / name
        if path.exists():
            assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], name
    return entries


def test_sigkill_at_random_moments_then_rerun_completes(tmp_path):
    rng = random.Random(20261121)
    out = tmp_path / "output"
    folder = out / "acme"
    kills = attempts = 0
    while kills < 20 and attempts < 80:  # most runs are forced, so a kill lands mid-write
        attempts += 1
        extra = () if attempts % 4 == 0 else ("--force",)
        process = batch(out, *extra)
        time.sleep(rng.uniform(0.05, 2.5))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            kills += 1
        process.wait()
        check_tree(folder)
    assert kills >= 20
    final = batch(out)
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()
    entries = check_tree(folder)
    assert len(entries) == ROLES * len(FORMATS.split(","))
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    again = batch(out)
    again.communicate(timeout=600)
    assert again.returncode == 0
    assert json.loads((folder / "manifest.json").read_text("utf-8"))["files"] == entries


def test_concurrent_batches_into_one_folder(tmp_path):
    out = tmp_path / "output"
    for _ in range(3):
        first, second = batch(out, "--force", "-j", "1"), batch(out, "--force", "-j", "1")
        for process in (first, second):
            _, err = process.communicate(timeout=600)
            assert process.returncode == 0, err.decode()
        entries = check_tree(out / "acme")
        assert len(entries) == ROLES * len(FORMATS.split(","))
    assert (out / "acme" / "index.html").exists()


def _children(pid: int) -> dict[int, str]:
    """Live processes whose parent is `pid`, with their state (Linux /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found[int(entry.name)] = fields[0]
    return found


def _gone(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] in "ZX"
    except OSError:
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux /proc")
def test_killing_a_batch_ends_its_workers(tmp_path):
    """kill -9 of the parent runs no clean-up of its own: the workers must notice."""
    out = tmp_path / "output"
    out.mkdir()
    process = batch(out, "--force", "-j", "2")
    workers: dict[int, str] = {}
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        time.sleep(0.1)
    assert len(workers) >= 2, "the batch started no workers"
    os.kill(process.pid, signal.SIGKILL)  # the parent alone, as kill -9 PID does
    process.wait()
    deadline = time.monotonic() + 60
    while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if not _gone(pid)]
    for pid in left:  # leave no orphan behind, whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers outlived the killed batch: {left}"
