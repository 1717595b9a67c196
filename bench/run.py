"""jdgen benchmarks: every figure printed beside a reference measured in the same run.

    .venv/bin/python bench/run.py            # full run (~6 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # smaller samples, same figures

Medians of repeated measurements; machines are shared and noisy, so read ratios.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
JDGEN = str(BIN / "jdgen")
HERE = Path(__file__).resolve().parent
RESULTS: list[tuple[str, str, str, str]] = []  # (figure, value, reference, verdict)


def median_time(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(figure: str, value: str, reference: str, ok: bool | None, note: str = "") -> None:
    verdict = "n/a" if ok is None else ("MET" if ok else "NOT MET")
    RESULTS.append((figure, value, reference, verdict + (f" ({note})" if note else "")))
    print(f"{figure:<46} {value:>14}   ref {reference:<34} {verdict} {note}", flush=True)


def run(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_startup(repeat: int, work: Path) -> None:
    """A whole `jdgen coo --format docx` process against importing its building blocks."""
    ours = [JDGEN, "coo", "--company", "acme", "--format", "docx", "--force", "-q"]
    base = [sys.executable, "-c", "import jinja2, yaml, click"]
    run(ours, work)
    a, b = [], []
    for _ in range(repeat):  # interleaved, so load spikes hit both
        a.append(run(ours, work))
        b.append(run(base, work))
    ratio = statistics.median(a) / statistics.median(b)
    report(
        "single docx run, whole process",
        f"{statistics.median(a) * 1000:.0f} ms",
        f"import jinja2,yaml,click {statistics.median(b) * 1000:.0f} ms",
        ratio < 1.2,
        f"ratio {ratio:.2f}, target < 1.2",
    )


def _corpus():
    from jdgen.library.loader import load_company, load_library
    from jdgen.service.generate import compose_role

    lib = load_library()
    company = load_company(lib, "acme")
    return [compose_role(lib, r, company) for r in sorted(lib.roles)]


def bench_docx(repeat: int) -> None:
    """DOCX per document in a warm process, against python-docx building the same document."""
    import docx

    from jdgen.render import renderer

    jds = _corpus()
    render = renderer("docx")
    render(jds[0])

    def ours():
        for jd in jds:
            render(jd)

    def python_docx():
        for jd in jds:
            document = docx.Document()
            document.add_paragraph(jd.title, style="Title")
            for section in jd.sections:
                document.add_paragraph(section.title, style="Heading 2")
                for item in section.items:
                    document.add_paragraph(item, style="List Bullet")
            for heading, items in (("Qualifications", jd.qualifications), ("KPIs", jd.kpis)):
                document.add_paragraph(heading, style="Heading 1")
                for item in items:
                    document.add_paragraph(item, style="List Bullet")
            document.save(io.BytesIO())

    per_doc = median_time(ours, repeat) / len(jds)
    reference = median_time(python_docx, max(2, repeat // 2)) / len(jds)
    report(
        "DOCX per document (warm)",
        f"{per_doc * 1000:.1f} ms",
        f"python-docx same doc {reference * 1000:.1f} ms",
        per_doc < 0.020,
        "target < 20 ms",
    )


def bench_pdf_overhead(repeat: int) -> None:
    """jdgen's PDF path against plain WeasyPrint rendering the same HTML."""
    import weasyprint

    from jdgen.library.sources import default_sources
    from jdgen.render import renderer
    from jdgen.render.html import inline_css, render_html

    sources = default_sources()
    jds = _corpus()[:6]
    pdf = renderer("pdf")
    pdf(jds[0])
    css_dir = Path(sys.modules["jdgen"].__file__).parent
    print_css = css_dir / "templates" / "css" / "print.css"
    print_css = print_css if print_css.exists() else css_dir.parent / "templates" / "css" / "print.css"
    pages = {jd.meta.paper: f"@page {{ size: {jd.meta.paper}; }}" for jd in jds}
    plain_html = [
        render_html(jd, sources, inline_css(sources) + print_css.read_text("utf-8") + pages[jd.meta.paper])
        for jd in jds
    ]
    weasyprint.HTML(string=plain_html[0]).write_pdf()

    def ours():
        for jd in jds:
            pdf(jd)

    def plain():
        for html in plain_html:
            weasyprint.HTML(string=html).write_pdf()

    a, b = [], []
    for _ in range(repeat):
        a.append(median_time(ours, 1) / len(jds))
        b.append(median_time(plain, 1) / len(jds))
    ours_t, plain_t = statistics.median(a), statistics.median(b)
    overhead = (ours_t - plain_t) / plain_t
    report(
        "PDF per document, jdgen (warm)",
        f"{ours_t * 1000:.0f} ms",
        f"plain WeasyPrint same HTML {plain_t * 1000:.0f} ms",
        overhead < 0.10,
        f"overhead {overhead:+.0%}, target < +10%",
    )


def bench_pdf_tagged(repeat: int) -> None:
    """Tagged PDF/UA-1 (what jdgen writes) against the same document untagged."""
    from jdgen.library.sources import default_sources
    from jdgen.render import renderer
    from jdgen.render.html import render_html
    from jdgen.render.pdf import _engine

    sources = default_sources()
    jds = _corpus()[:6]
    pdf = renderer("pdf")
    weasyprint, fonts, sheets, paper = _engine(sources)

    def untagged_one(jd):
        document = weasyprint.HTML(string=render_html(jd, sources, css=""))
        return document.write_pdf(stylesheets=[*sheets, paper[jd.meta.paper, ""]], font_config=fonts)

    pdf(jds[0])
    untagged_one(jds[0])

    def tagged():
        for jd in jds:
            pdf(jd)

    def untagged():
        for jd in jds:
            untagged_one(jd)

    a, b = [], []
    for _ in range(repeat):  # interleaved, so load spikes hit both
        a.append(median_time(tagged, 1) / len(jds))
        b.append(median_time(untagged, 1) / len(jds))
    tagged_t, untagged_t = statistics.median(a), statistics.median(b)
    report(
        "PDF per document, tagged PDF/UA-1 (warm)",
        f"{tagged_t * 1000:.0f} ms",
        f"same document untagged {untagged_t * 1000:.0f} ms",
        None,
        f"tagging cost {(tagged_t - untagged_t) / untagged_t:+.0%}",
    )


def bench_pdf_vs_libreoffice(work: Path, repeat: int, levels: list[str]) -> None:
    """PDF per document in a batch, against LibreOffice converting the same documents."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    out = work / "lo"
    select = ["-c", "acme", "--all", *levels, "--force", "-q", "-o", str(out)]
    run([JDGEN, "batch", *select, "-f", "pdf,docx", "-j", "1"], work)
    docs = sorted((out / "acme").glob("*.docx"))

    def ours(jobs: int) -> float:
        cmd = [JDGEN, "batch", *select, "-f", "pdf", "-j", str(jobs)]
        return statistics.median(run(cmd, work) for _ in range(repeat)) / len(docs)

    one, default = ours(1), ours(len(os.sched_getaffinity(0)))
    if not soffice:
        for label, value in (("1 worker", one), ("default workers", default)):
            report(
                f"PDF per document, batch of {len(docs)}, {label}",
                f"{value * 1000:.0f} ms",
                "LibreOffice not installed",
                None,
                "apt-get install libreoffice-writer-nogui",
            )
        return
    pdf_dir = work / "lo-pdf"
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    convert = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir)]
    run([*convert, str(docs[0])], work)  # first start creates the profile
    lo = statistics.median(run([*convert, *map(str, docs)], work) for _ in range(repeat)) / len(docs)
    reference = f"LibreOffice DOCX->PDF batch {lo * 1000:.0f} ms"
    report(f"PDF per document, batch of {len(docs)}, 1 worker", f"{one * 1000:.0f} ms", reference, one <= lo)
    report(
        f"PDF per document, batch of {len(docs)}, default workers",
        f"{default * 1000:.0f} ms",
        reference,
        default <= lo,
        f"{len(os.sched_getaffinity(0))} workers, jdgen's default",
    )


def bench_workers(work: Path, levels: list[str]) -> None:
    """Two worker processes against one, on the same batch."""

    def batch(jobs: int) -> float:
        return run(
            [
                JDGEN,
                "batch",
                "-c",
                "acme",
                "-c",
                "nordwerk",
                "--all",
                *levels,
                "-f",
                "pdf,docx",
                "-j",
                str(jobs),
                "--force",
                "-q",
                "-o",
                str(work / f"w{jobs}"),
            ],
            work,
        )

    batch(2)
    one, two = [], []
    for _ in range(2):
        one.append(batch(1))
        two.append(batch(2))
    speedup = statistics.median(one) / statistics.median(two)
    cores = len(os.sched_getaffinity(0))
    report(
        "batch wall time, 2 workers",
        f"{statistics.median(two):.1f} s",
        f"1 worker {statistics.median(one):.1f} s",
        speedup >= 1.8,
        f"speedup {speedup:.2f}x, target >= 1.8x, {cores} cores",
    )


def bench_memory(large: int) -> None:
    """Peak memory of one worker after one pass over the catalogue (every cache filled)
    and after `large` documents: growth past the first pass would be a leak."""

    def peak(n: int) -> tuple[int, float]:
        out = subprocess.run(
            [sys.executable, str(HERE / "memory_worker.py"), str(n)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        count, kib = out.split()
        return int(count), float(kib) / 1024

    (small, a), (_, b) = peak(0), peak(large)
    growth = (b - a) / a
    report(
        f"peak worker memory after {large} documents",
        f"{b:.0f} MiB",
        f"after one pass, {small} documents, {a:.0f} MiB",
        abs(growth) <= 0.25,
        f"growth {growth:+.0%}, target within 25%",
    )


def bench_compare(repeat: int, work: Path) -> None:
    """A five-role comparison in every format against the five job descriptions, each in
    the same formats, through the same service in one warm process (--force both)."""
    from jdgen.compose.compare import resolve_comparison
    from jdgen.library.loader import load_library
    from jdgen.service.generate import Service

    roles = ("coo", "vp-operations", "operations-director", "head-of-operations", "operations-manager")
    formats = ("docx", "pdf", "html", "md", "json")
    service = Service(load_library())

    def comparison():
        request = resolve_comparison(service.lib, roles, "acme", formats=formats, out=work / "compare")
        assert not service.generate_composed(request, force=True).failed

    def separately():
        for role in roles:
            request = service.resolve(role, "acme", formats=formats, out=work / "separate")
            assert not service.generate(request, force=True).failed

    comparison()
    separately()
    a, b = [], []
    for _ in range(repeat):  # interleaved, so load spikes hit both
        a.append(median_time(comparison, 1))
        b.append(median_time(separately, 1))
    ours, reference = statistics.median(a), statistics.median(b)
    report(
        "5-role comparison, all formats (warm)",
        f"{ours * 1000:.0f} ms",
        f"5 job descriptions, same formats {reference * 1000:.0f} ms",
        ours < reference,
        f"ratio {ours / reference:.2f}, target < 1",
    )


def _check_scale():
    """bench/check_scale.py: `jdgen check` from 100 KB to 4.9 MB (imported when run)."""
    import check_scale

    return check_scale


def _studio():
    """bench/studio.py: `jdgen serve` against a running server (imported when run)."""
    import studio

    return studio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller samples")
    parser.add_argument(
        "--only",
        help="run one figure: startup, docx, pdf, tagged, compare, studio, check-scale, libreoffice, "
        "workers, memory",
    )
    args = parser.parse_args()
    sys.modules.setdefault("run", sys.modules[__name__])  # bench files report into RESULTS here
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    work = Path(tempfile.mkdtemp(prefix="jdgen-bench-"))
    try:
        print(f"jdgen bench ({'quick' if args.quick else 'full'}), {len(os.sched_getaffinity(0))} cores\n")
        levels = [] if args.quick else ["--levels", "executive,director,manager"]
        figures = {
            "startup": lambda: bench_startup(7 if args.quick else 15, work),
            "docx": lambda: bench_docx(5 if args.quick else 15),
            "pdf": lambda: bench_pdf_overhead(3 if args.quick else 7),
            "tagged": lambda: bench_pdf_tagged(3 if args.quick else 7),
            "compare": lambda: bench_compare(3 if args.quick else 7, work),
            "studio": lambda: _studio().bench(work, args.quick),
            "check-scale": lambda: _check_scale().bench(args.quick),
            "libreoffice": lambda: bench_pdf_vs_libreoffice(work, 1 if args.quick else 3, levels),
            "workers": lambda: bench_workers(work, levels),
            "memory": lambda: bench_memory(450 if args.quick else 1000),
        }
        for name, figure in figures.items():
            if not args.only or args.only == name:
                figure()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    missed = [r for r in RESULTS if r[3].startswith("NOT MET")]
    targets = [r for r in RESULTS if not r[3].startswith("n/a")]  # figures without a target aside
    print(
        f"\n{len(targets) - len(missed)} of {len(targets)} targets met"
        + ("; not met: " + ", ".join(r[0] for r in missed) if missed else "")
    )


if __name__ == "__main__":
    main()
