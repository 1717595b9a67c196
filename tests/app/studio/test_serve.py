"""`jdgen serve` as a real process: the printed address with its token, a busy port,
a warning off loopback, and Ctrl-C leaving no partial file."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from conftest import jdgen_command

from jdgen.app.studio.serve import bind
from jdgen.core.errors import JdgenError


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    process = subprocess.Popen(
        jdgen_command("serve", "--no-browser", *args),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    line = process.stdout.readline()
    match = re.search(r"(http://\S+/\?token=(\S+))", line)
    assert match, (line, process.stderr.read() if process.poll() is not None else "")
    return process, match.group(1), match.group(2)


def test_busy_port_is_said_and_another_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(JdgenError, match=f"port {port} is in use"):
            bind("127.0.0.1", port, explicit=True)
        sock = bind("127.0.0.1", port, explicit=False)
        try:
            assert sock.getsockname()[1] != port
        finally:
            sock.close()


def test_serve_prints_its_address_and_ctrl_c_stops_it_cleanly(tmp_path):
    (tmp_path / "jdgen.yaml").write_text("company: acme\n")
    process, url, token = start(tmp_path, "--port", str(free_port()))
    try:
        assert url.startswith("http://127.0.0.1:")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url.split("?")[0], timeout=10)
        assert refused.value.code == 403
        request = urllib.request.Request(
            url.split("?")[0] + "api/save",
            data=b'{"draft": {"role": "coo", "company": "acme"}, "name": "coo"}',
            headers={"x-jdgen-token": token, "content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert b"postings/coo.yaml" in answer.read()
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert (tmp_path / "postings" / "coo.yaml").read_text().startswith("# yaml-language-server")
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_second_serve_on_an_explicit_busy_port_exits_with_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            jdgen_command("serve", "--no-browser", "--port", str(port)),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"error: port {port} is in use (fix: stop the other server, or choose another with --port)"
    ]


def wait_until_serving(url: str) -> None:
    """The server answers (its Ctrl-C handler is in place): an explicit wait, not a sleep."""
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=10).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)  # polling for readiness, bounded above
    raise AssertionError(f"{url} never answered")


def test_listening_beyond_loopback_warns(tmp_path):
    process, url, _ = start(tmp_path, "--host", "0.0.0.0", "--port", str(free_port()))
    wait_until_serving(url)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert "warning: listening on 0.0.0.0" in err
