"""Benchmark `jdgen serve` against a running server with a real HTTP client (not a timed
test): python bench/studio.py [--edits N]

1. an edit to the preview of the COO posting, check included: the server's own time
   (Server-Timing) median < 50 ms and 95th percentile < 150 ms; beside it the same work
   (compose, HTML, check) done in this process, the reference
2. PDF download of the posting, round trip: < 1.5x the CLI's warm per-document PDF time
   (Service.render in a warm process, measured in the same run)
3. start-up of `jdgen serve` to the first page served: < 2 s; beside it a whole
   `jdgen coo --template posting --format html` process; and to the first preview
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import JDGEN, median_time, report  # noqa: E402

COO = {"role": "coo", "company": "acme", "template": "posting"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `jdgen serve` process, and how long it took to serve its first page."""

    def __init__(self, work: Path):
        self.port = _free_port()
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [JDGEN, "serve", "--no-browser", "--port", str(self.port)],
            cwd=work,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.process.stdout.readline()
        self.token = re.search(r"token=(\S+)", line).group(1)
        while True:
            try:
                status, _, _ = self.request("GET", "/")
                if status == 200:
                    break
            except OSError:
                time.sleep(0.005)
        self.startup = time.perf_counter() - started
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        self.request("GET", "/api/meta", connection=self.connection)
        self.post("/api/preview", {"draft": COO})
        self.first_preview = time.perf_counter() - started  # what the page shows first

    def request(self, method, path, body=None, connection=None):
        conn = connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"x-jdgen-token": self.token, "content-type": "application/json"}
        conn.request(
            method, path, body=json.dumps(body).encode() if body is not None else None, headers=headers
        )
        response = conn.getresponse()
        data = response.read()
        timing = re.search(r"dur=([\d.]+)", response.getheader("server-timing") or "")
        if connection is None:
            conn.close()
        return response.status, data, float(timing.group(1)) if timing else None

    def post(self, path, body):
        return self.request("POST", path, body, self.connection)

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=20)


def bench_startup(work: Path, repeat: int) -> None:
    ours, reference, previews = [], [], []
    cli = [JDGEN, "coo", "-c", "acme", "--template", "posting", "--format", "html", "--force", "-q"]
    for _ in range(repeat):
        server = Server(work)
        ours.append(server.startup)
        previews.append(server.first_preview)
        server.stop()
        start = time.perf_counter()
        subprocess.run(cli, cwd=work, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        reference.append(time.perf_counter() - start)
    value = statistics.median(ours)
    report(
        "studio: start-up to first page",
        f"{value * 1000:.0f} ms",
        f"jdgen coo posting html process {statistics.median(reference) * 1000:.0f} ms",
        value < 2.0,
        "target < 2 s",
    )
    report(
        "studio: start-up to first preview and check",
        f"{statistics.median(previews) * 1000:.0f} ms",
        "",
        None,
        "the page's first complete view (templates compiled on first use)",
    )


def bench_edits(server: Server, edits: int) -> None:
    from jdgen.check import check_document
    from jdgen.library.loader import load_library
    from jdgen.render import renderer
    from jdgen.service.generate import Service

    status, data, _ = server.post("/api/preview", {"draft": COO})
    assert status == 200, data
    view = json.loads(data)
    refs = [line["ref"] for area in view["lines"] for line in area["lines"] if line["shown"]]
    times, rounds = [], []
    for n in range(edits):  # each edit rewords a line, as typing does
        ref = refs[n % len(refs)]
        draft = {
            **COO,
            "statements": {"replace": [{"ref": ref, "text": f"Chair review number {n} of the plants."}]},
        }
        start = time.perf_counter()
        status, data, server_ms = server.post("/api/preview", {"draft": draft})
        rounds.append((time.perf_counter() - start) * 1000)
        assert status == 200, data
        times.append(server_ms)
    service = Service(load_library())

    def in_process():
        jd = service.compose(service.resolve("coo", "acme", template="posting", formats=("html",)))
        service.render(jd, "html")
        check_document(jd, renderer("md")(jd).decode())

    in_process()
    reference = median_time(in_process, max(10, edits // 5)) * 1000
    median, p95 = statistics.median(times), statistics.quantiles(times, n=20)[-1]
    report(
        "studio: preview edit incl. check, server median",
        f"{median:.1f} ms",
        f"compose+html+check in process {reference:.1f} ms",
        median < 50,
        f"target < 50 ms; round trip median {statistics.median(rounds):.1f} ms",
    )
    report("studio: preview edit incl. check, server p95", f"{p95:.1f} ms", "", p95 < 150, "target < 150 ms")


def bench_pdf(server: Server, repeat: int) -> None:
    from jdgen.library.loader import load_library
    from jdgen.service.generate import Service

    service = Service(load_library())
    jd = service.compose(service.resolve("coo", "acme", template="posting", formats=("pdf",)))
    service.render(jd, "pdf")
    cli = median_time(lambda: service.render(jd, "pdf"), repeat)
    server.post("/api/download/pdf", {"draft": COO})
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        status, data, _ = server.post("/api/download/pdf", {"draft": COO})
        rounds.append(time.perf_counter() - start)
        assert status == 200 and data.startswith(b"%PDF")
    ours = statistics.median(rounds)
    report(
        "studio: PDF download of the posting",
        f"{ours * 1000:.0f} ms",
        f"CLI warm PDF per document {cli * 1000:.0f} ms",
        ours < 1.5 * cli,
        f"ratio {ours / cli:.2f}, target < 1.5",
    )


def bench(work: Path, quick: bool = False) -> None:
    bench_startup(work, 3 if quick else 7)
    server = Server(work)
    try:
        bench_edits(server, 40 if quick else 200)
        bench_pdf(server, 3 if quick else 9)
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller samples")
    args = parser.parse_args()
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    with tempfile.TemporaryDirectory(prefix="jdgen-bench-") as work:
        bench(Path(work), args.quick)


if __name__ == "__main__":
    main()
