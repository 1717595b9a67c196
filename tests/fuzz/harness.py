"""Run the real `jdgen` command on a drawn file in a throw-away folder, and hold it to the
promises of the README's "Exit codes" and "Guarantees".

The invariants, and why each:

- exit code 0 or 1: 1 is bad input, 2 is reserved for wrong command-line usage, which the
  harness never makes; anything else is a crash.
- no traceback and no exception other than SystemExit: a user sees one line, never a
  stack trace.
- on exit 1, every line on stderr is one problem and names a file: a user must be able to
  find what to fix from that line alone.
- nothing written on error: a file that failed is never half written; only files the run
  reported (`wrote ...`) and jdgen's own records beside them may appear, and no temporary
  file is left behind.
- nothing outside the output folder changes, and no file that was there before changes
  (the harness never passes --force): user files are never replaced or deleted.
- JobPosting data holds only valid values: crawlers publish it as it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import struct
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, settings
from hypothesis.database import DirectoryBasedExampleDatabase
from images import png

from jdgen.app.cli import main

# `make test`: a few derandomized examples per kind of file (the same ones on every run);
# `make fuzz` (JDGEN_FUZZ=long): many more, new ones each run, failures kept in
# tests/.hypothesis to replay first next time. JDGEN_FUZZ_EXAMPLES=N sets the count. No
# shrinking unless JDGEN_FUZZ_SHRINK=1: each example runs the command, so shrinking one
# failure takes minutes, and the failure already shows the file, the command and the output.
# JDGEN_FUZZ_LOG=FILE: a survey, every broken promise appended to FILE as JSON, none raised.
LONG = os.environ.get("JDGEN_FUZZ") == "long"
FUZZ = settings(
    max_examples=int(os.environ.get("JDGEN_FUZZ_EXAMPLES") or (2000 if LONG else 15)),
    deadline=None,
    derandomize=not LONG,
    database=DirectoryBasedExampleDatabase(Path(__file__).parents[1] / ".hypothesis") if LONG else None,
    suppress_health_check=list(HealthCheck),
    print_blob=LONG,
    phases=[p for p in Phase if p is not Phase.shrink or os.environ.get("JDGEN_FUZZ_SHRINK")],
)
SECONDS = 10  # a run that takes longer than this hangs (a FIFO read, an endless loop)
MEMORY = 1 << 30  # bytes a run may add to the process (reading /dev/zero must not eat the machine)
OWN_FILES = {"manifest.json", "index.html", ".manifest.lock", "owner.json", ".owner.json"}


class Hang(Exception):
    """The command ran past SECONDS."""


# a file named on the command line that is a folder: click's own usage error
NAMED_FOLDER = ("is a directory",)


@dataclass
class Sandbox:
    """A throw-away folder: `ws/` is where the command runs, `outside/` must never change."""

    root: Path
    ws: Path
    outside: Path
    output: Path | None = None  # the folder the command may write into (None: nowhere)
    placed: list[str] = field(default_factory=list)  # input files that are not plain files

    def place(self, relative: str, data: bytes, file_kind: str = "regular") -> Path:
        """Write an input file as a user would; or put a FIFO, /dev/zero or a folder there."""
        path = self.ws / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
        if file_kind != "regular":
            self.placed.append(f"{relative} is a {file_kind}")
        if file_kind == "fifo":
            os.mkfifo(path)
        elif file_kind == "dev-zero":
            path.symlink_to("/dev/zero")
        elif file_kind == "directory":
            path.mkdir()
        else:
            path.write_bytes(data)
        return path


@contextlib.contextmanager
def sandbox(template: Path | None = None):
    """A fresh sandbox, the workspace copied from `template` if given; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="jdgen-fuzz-") as tmp:
        root = Path(tmp)
        outside = root / "outside"
        outside.mkdir()
        (outside / "canary.txt").write_text("never changed\n")
        ws = root / "ws"
        if template is not None:
            shutil.copytree(template, ws, symlinks=True)
        else:
            ws.mkdir()
        (ws / "link-out").symlink_to("../outside")
        (ws / "dangling").symlink_to("../outside/not-there.txt")
        os.mkfifo(ws / "fifo")
        yield Sandbox(root, ws, outside)


def allowed_output(box: Sandbox, data: bytes, key: str) -> Path | None:
    """Where a run may write when the file's `key` names the output folder (jdgen.yaml's
    `output:`, a batch file's `out:`): that folder as written, if it stays inside the
    workspace; the default `output` when the file says none or cannot be read at all."""
    try:  # every scalar as text, as jdgen reads a folder name (`output: 2026-02-30` is a folder)
        document = yaml.load(data, Loader=yaml.BaseLoader)
    except Exception:  # noqa: BLE001 - whatever breaks PyYAML (deep nesting, huge ints), jdgen refuses
        document = None
    value = document.get(key, "output") if isinstance(document, dict) else "output"
    value = value.strip() if isinstance(value, str) else value  # jdgen strips text values
    if not isinstance(value, str) or value in ("", "~", "null", "Null", "NULL"):
        return box.ws / "output"
    folder = (box.ws / value).resolve()
    return folder if folder.is_relative_to(box.ws.resolve()) else None


def user_files(box: Sandbox, company: str) -> None:
    """Files of the user's own in the output folder jdgen must leave alone."""
    folder = box.ws / "output" / company
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".salary-notes.tmp").write_text("the user's own notes\n")
    (folder / "notes.md").write_text("# the user's own notes\n")


def snapshot(root: Path) -> dict[str, tuple]:
    """Every path under root (symlinks not followed): its kind and content."""
    seen = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            relative = str(path.relative_to(root))
            if path.is_symlink():
                seen[relative] = ("link", os.readlink(path))
            elif path.is_dir():
                seen[relative] = ("dir",)
            elif path.is_file():
                seen[relative] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                seen[relative] = ("special",)
    return seen


@dataclass
class Outcome:
    """What one command did: its exit code, output, exception and the files it changed."""

    args: list[str]
    env: dict
    exit_code: int | None
    stdout: str
    stderr: str
    error: str = ""  # the exception that escaped, with its traceback
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def describe(self) -> str:
        env = " ".join(f"{k}={v}" for k, v in self.env.items())
        return (
            f"command: (cd ws && {env + ' ' if env else ''}jdgen {' '.join(self.args)})\n"
            f"exit code: {self.exit_code}\n--- stdout ---\n{_tail(self.stdout)}\n"
            f"--- stderr ---\n{_tail(self.stderr)}\n"
            + (f"--- exception ---\n{_tail(self.error)}\n" if self.error else "")
            + (f"created: {self.created}\n" if self.created else "")
            + (f"changed or removed: {self.changed}\n" if self.changed else "")
        )


def _tail(text: str, limit: int = 2500) -> str:
    """The end of a long output (a traceback's last lines say where it went wrong)."""
    text = "\n".join(line[:300] for line in text.splitlines()[-25:])
    return text if len(text) <= limit else f"...{text[-limit:]}"


@contextlib.contextmanager
def _bounded():
    """SIGALRM after SECONDS and an address-space cap, so a hang or a read of /dev/zero
    fails this example instead of stopping the suite or the machine."""

    def alarm(signum, frame):
        raise Hang(f"still running after {SECONDS} s")

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * resource.getpagesize()
    cap = used + MEMORY if hard == resource.RLIM_INFINITY else min(hard, used + MEMORY)
    previous = signal.signal(signal.SIGALRM, alarm)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    signal.alarm(SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def run(box: Sandbox, args: list[str], env: dict | None = None) -> Outcome:
    """`jdgen ARGS` in box.ws through click's runner on the real command group."""
    env = dict(env or {})
    before = snapshot(box.root)
    cwd = os.getcwd()
    os.chdir(box.ws)
    try:
        with _bounded():
            result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": None, **env})
    except (Hang, MemoryError) as exc:  # raised outside click's own catch
        outcome = Outcome(args, env, None, "", "", "".join(traceback.format_exception(exc)))
    else:
        error = ""
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            error = "".join(traceback.format_exception(*result.exc_info))
        outcome = Outcome(args, env, result.exit_code, result.stdout, result.stderr, error)
    finally:
        os.chdir(cwd)
    after = snapshot(box.root)
    outcome.created = sorted(set(after) - set(before))
    outcome.changed = sorted(p for p in before if after.get(p) != before[p])
    return outcome


REPORTED = re.compile(r"^(?:wrote|unchanged|kept) (\S.*?)(?: \(.*\))?$")
# not problems: jdgen validate's last line, jdgen batch's log of each document (its
# `failed:` lines below name the file)
LOGGED = re.compile(r"^(?:\d+ error\(s\), \d+ warning\(s\).*|\[\d+/\d+\] .*)$")


def problems(
    box: Sandbox, outcome: Outcome, names: list[str], report: bool = False, usage: tuple[str, ...] = ()
) -> list[str]:
    """Every promise this run broke (empty when it kept them all). `names`: the file names
    a problem line may name (the fuzzed file's, the output folder's); `report`: the command
    prints its findings on stdout and may exit 1 for them (`jdgen check`, `jdgen validate`);
    `usage`: click's usage errors (exit 2) that are right for this command line."""
    found = []
    names = [*names, *outcome.env]  # a bad SOURCE_DATE_EPOCH is named as the variable
    if box.output is not None and box.output.resolve().is_relative_to(box.ws.resolve()):
        names.append(str(box.output.resolve().relative_to(box.ws.resolve())))  # a file it could not write
    if outcome.exit_code == 2 and any(u in outcome.stderr for u in usage):
        return _writes(box, outcome)
    if outcome.exit_code not in (0, 1):
        found.append(f"exit code {outcome.exit_code} (expected 0 or 1)")
    if outcome.error:
        found.append("an exception escaped: " + outcome.error.strip().splitlines()[-1])
    if "Traceback" in outcome.stdout + outcome.stderr:
        found.append("a traceback was printed")
    if outcome.exit_code == 1:
        # "\n" only: a user's text may hold other characters str.splitlines() breaks at
        lines = outcome.stderr.removesuffix("\n").split("\n") if outcome.stderr else []
        if not lines and not report and not outcome.error:
            found.append("exit 1 with nothing on stderr")
        for line in lines:
            if not line.strip() or line[0].isspace():
                found.append(f"a problem spread over several lines: {line!r}")
            elif not LOGGED.match(line) and not any(name in line for name in names):
                found.append(f"a problem line names no file: {line!r}")
    found += _writes(box, outcome)
    found += [
        p
        for relative in outcome.created
        if relative.endswith(".jsonld")
        for p in _jsonld(box.root / relative)
    ]
    return found


SCHEMES = re.compile(r"^(?:https?://\S|mailto:\S)")
COUNTRY = re.compile(r"^[A-Z]{2}$")


def _jsonld(path: Path) -> list[str]:
    """What a JobPosting file says that no valid JobPosting may: a link that is not http(s)
    or mailto, a closing date before the posting date, a country that is not an ISO code,
    a salary range upside down."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{path.name} is not JSON: {exc}"]
    found = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
            low, high = value.get("minValue"), value.get("maxValue")
            if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
                found.append(f"{path.name}: minValue {low} above maxValue {high}")
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif key in ("url", "sameAs", "logo") and not (isinstance(value, str) and SCHEMES.match(value)):
            found.append(f"{path.name}: {key} is not an http(s) or mailto link: {value!r}")
        elif key == "addressCountry" and not (isinstance(value, str) and COUNTRY.match(value)):
            found.append(f"{path.name}: addressCountry is not an ISO country code: {value!r}")

    walk(data)
    dates = data if isinstance(data, dict) else {}
    posted, closes = dates.get("datePosted"), dates.get("validThrough")
    if isinstance(posted, str) and isinstance(closes, str) and closes[:10] < posted[:10]:
        found.append(f"{path.name}: validThrough {closes} before datePosted {posted}")
    return found


def _writes(box: Sandbox, outcome: Outcome) -> list[str]:
    found = []
    if outcome.changed:
        found.append(f"files that were there before changed or vanished: {outcome.changed}")
    output = box.output.resolve() if box.output else None
    reported = set()
    for line in outcome.stdout.splitlines():
        match = REPORTED.match(line)
        if match:
            reported.add((box.ws / match.group(1)).resolve())
    for path in sorted(reported):
        if output is None or not path.is_relative_to(output):
            found.append(f"reported a write outside the output folder: {path}")
    logged = [line for line in (outcome.stdout + outcome.stderr).splitlines() if " written" in line]
    for relative in outcome.created:
        path = box.root / relative
        if path.name.endswith(".tmp"):
            found.append(f"a temporary file was left behind: {relative}")
        resolved = path.parent.resolve() / path.name
        if output is not None and path.is_dir() and output.is_relative_to(resolved):
            continue  # a parent folder of the output folder, made to hold it
        if output is None or not resolved.is_relative_to(output):
            found.append(f"written outside the output folder: {relative}")
        elif (
            outcome.exit_code != 0
            and path.is_file()
            and resolved not in reported
            and not any(_job(resolved, output) in line for line in logged)
            and path.name not in OWN_FILES
        ):
            found.append(f"written although the run failed and did not report it: {relative}")
    return found


def _job(path: Path, output: Path) -> str:
    """How batch's log names a document: COMPANY/NAME."""
    return str(path.relative_to(output).with_suffix(""))


def check(box: Sandbox, outcome: Outcome, case, names: list[str], report=False, usage=()) -> None:
    """Fail with the file, the command and its output when a promise is broken."""
    broken = problems(box, outcome, names, report, usage)
    if broken and os.environ.get("JDGEN_FUZZ_LOG"):  # a survey: every failure logged, none raised
        with open(os.environ["JDGEN_FUZZ_LOG"], "a", encoding="utf-8") as log:
            record = {
                "broken": broken,
                "placed": box.placed,
                "case": case.describe(),
                "run": outcome.describe(),
            }
            log.write(json.dumps(record) + "\n")
    elif broken:
        said = "\n- ".join(broken)
        placed = "".join(f"{p}\n" for p in box.placed)
        raise AssertionError(
            f"jdgen broke a promise:\n- {said}\n{placed}{case.describe()}\n{outcome.describe()}"
        )


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{}"><rect width="10" height="10"/></svg>'
# theme files a profile may name: good ones, and the malformed kinds users do have
THEME_FILES = {
    "theme/logo.svg": SVG.format("0 0 10 10").encode(),
    "theme/logo.png": png(4, 2),
    "theme/zero-viewbox.svg": SVG.format("0 0 0 0").encode(),
    "theme/nan-viewbox.svg": SVG.format("0 0 nan inf").encode(),
    "theme/not-svg.svg": b"<svg><unclosed",
    "theme/zero-height.png": png(4, 0),
    "theme/huge.png": png(4, 2).replace(
        struct.pack(">II", 4, 2), struct.pack(">II", 2**31 - 1, 2**31 - 1), 1
    ),
    "theme/truncated.png": png(4, 2)[:30],
    "theme/broken.docx": b"PK\x03\x04 not really a zip",
    "theme/empty.docx": b"",
}
THEME_PATHS = sorted(THEME_FILES) + [
    "fifo",
    "dangling",
    "link-out/canary.txt",
    "/dev/zero",
    "theme",
    "../outside/canary.txt",
]


def theme_files(box: Sandbox) -> None:
    for relative, data in THEME_FILES.items():
        box.place(relative, data)
