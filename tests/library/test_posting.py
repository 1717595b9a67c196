"""Tailored postings: the file format, its round trip, and what a posting changes."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, jdgen_command

from jdgen.core.errors import LibraryError
from jdgen.library.posting import load_posting, posting_to_yaml, validate_posting

POSTING = """\
role: head-of-operations
title: Head of Operations, London
location: London, UK
work: {arrangement: hybrid, office_days: 3}
employment: {type: FULL_TIME, hours: 37.5 hours a week}
salary: {min: 90000, max: 110000, currency: GBP, period: year}
closes: 2027-01-15
requisition: REQ-0142
hiring_manager: Priya Shah
statements:
  add:
    - {block: daily-operations, text: "Run the weekly review for {{ company.name }} in London."}
    - {block: people, text: "Coach the four team leads across two offices."}
  remove: [REMOVED]
blocks: {order: [people, daily-operations]}
qualifications:
  add: ["Experience running a hybrid team across two offices."]
"""


def removable_ref(company: str = "nordwerk") -> tuple[str, str]:
    """A statement the company's Head of Operations document has (its industry picks them)."""
    from jdgen.compose.tailor import pick
    from jdgen.library.loader import load_company, load_library

    lib = load_library()
    role = lib.role("head-of-operations")
    industry = load_company(lib, company).industry
    picked = pick(lib, role, lib.level(role.default_level), True, industry)
    ref, text = next(p for p in picked if p.block == "quality").items[-1]
    return ref, text


def test_round_trip(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(POSTING.replace("REMOVED", "quality/x"), "utf-8")
    posting = load_posting(path)
    text = posting_to_yaml(posting)
    assert text.startswith("# yaml-language-server: $schema=")
    again = tmp_path / "y.yaml"
    again.write_text(text, "utf-8")
    assert load_posting(again) == posting
    assert posting_to_yaml(load_posting(again)) == text


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("role: coo\nlogo: x.svg\n", 2, "unknown key"),
        ("role: coo\nwork:\n  arrangement: remote\n  office_days: 3\n", 4, "office_days is for hybrid"),
        ("role: coo\nsalary: {min: 90,000, max: 100,000}\n", 2, "without commas"),
        ("role: coo\nclose: 2027-01-01\n", 2, "Did you mean 'closes'?"),
    ],
)
def test_problems_name_the_posting_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "bad.yaml"
    path.write_text(text, "utf-8")
    _, problems = validate_posting(path)
    assert any(d.line == line and words in str(d) for d in problems), [str(d) for d in problems]
    with pytest.raises(LibraryError):
        load_posting(path)


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(jdgen_command(*args), capture_output=True, text=True, cwd=cwd)


@pytest.mark.slow
def test_a_tailored_posting_changes_exactly_what_it_says(tmp_path):
    ref, removed_text = removable_ref()
    (tmp_path / "postings").mkdir()
    (tmp_path / "postings" / "london.yaml").write_text(
        POSTING.replace("REMOVED", ref) + "company: nordwerk\n", "utf-8"
    )
    proc = run(tmp_path, "build", "postings/london.yaml", "-f", "md,json")
    assert proc.returncode == 0, proc.stderr
    md = (tmp_path / "output" / "nordwerk" / "london.md").read_text("utf-8")
    assert md.startswith("# Head of Operations, London")
    assert "As Head of Operations, London, you run" in md  # the opening says the new title
    assert "As Head of Operations, you" not in md
    assert "Run the weekly review for {{ company.name }} in London." in md  # printed, never run
    assert "Coach the four team leads" in md and removed_text not in md
    assert md.index("Coach the four team leads") < md.index("Run the weekly review")  # blocks.order
    assert "Hybrid: 3 days a week in the office" in md and "37.5 hours a week" in md
    assert "£90,000" in md or "90.000" in md or "90,000" in md
    assert "15 January 2027" in md and "2027-01-15" not in md  # dated like the revision date
    assert "REQ-0142" not in md and "Priya Shah" not in md  # internal: not in the advert
    assert "Experience running a hybrid team" in md
    # batch over a workspace's postings writes the same bytes
    (tmp_path / "jdgen.yaml").write_text("company: nordwerk\nformats: [md, json]\n", "utf-8")
    before = (tmp_path / "output" / "nordwerk" / "london.md").read_bytes()
    (tmp_path / "output" / "nordwerk" / "london.md").unlink()
    (tmp_path / "output" / "nordwerk" / "london.json").unlink()
    batch = run(tmp_path, "batch")
    assert batch.returncode == 0, batch.stderr
    assert (tmp_path / "output" / "nordwerk" / "london.md").read_bytes() == before
    # editing the posting regenerates it; an unchanged re-run writes nothing
    assert "0 files written" in run(tmp_path, "batch").stdout
    path = tmp_path / "postings" / "london.yaml"
    path.write_text(path.read_text("utf-8").replace("Priya Shah", "Sam Lee"), "utf-8")
    assert "2 files written" in run(tmp_path, "batch").stdout


def test_a_tailoring_that_no_longer_applies_names_the_posting_line(tmp_path):
    ref, _ = removable_ref()
    stale = ref + "-gone"
    (tmp_path / "p.yaml").write_text(POSTING.replace("REMOVED", stale) + "company: nordwerk\n", "utf-8")
    proc = run(tmp_path, "build", "p.yaml", "-f", "md")
    assert proc.returncode == 1
    line = proc.stderr.strip().splitlines()[-1]
    assert "p.yaml:14:" in line and stale in line and f"Did you mean '{ref}'?" in line
    assert not (tmp_path / "output").exists() or not list((tmp_path / "output").rglob("*.md"))


def test_show_refs_lists_the_documents_statements(tmp_path):
    ref, text = removable_ref("acme")
    proc = run(tmp_path, "show", "head-of-operations", "--refs", "-c", "acme")
    assert proc.returncode == 0, proc.stderr
    assert ref in proc.stdout and text in proc.stdout


def readme_yaml(after: str) -> str:
    """The first ```yaml block of the README after the line containing `after`."""
    text = (REPO / "README.md").read_text("utf-8")
    rest = text[text.index(after) :]
    start = rest.index("```yaml\n") + len("```yaml\n")
    return rest[start : rest.index("```", start)]


@pytest.mark.slow
def test_the_readme_examples_work_as_written(tmp_path):
    """Refs in the README's examples are real: a library edit that removes one fails here."""
    workspace = tmp_path / "ws"
    assert run(tmp_path, "init", "ws").returncode == 0
    (workspace / "postings" / "readme.yaml").write_text(readme_yaml("**A tailored opening**"), "utf-8")
    (workspace / "roles" / "ops-lead.yaml").write_text(
        readme_yaml("**Your roles and blocks over ours.**"), "utf-8"
    )
    (workspace / "blocks" / "quality.yaml").write_text(readme_yaml("# roles/ops-lead.yaml"), "utf-8")
    (workspace / "companies" / "brightwater.yaml").write_text("name: Brightwater Software Ltd\ncountry: GB\n")
    for args in (("build", "postings/readme.yaml", "-f", "md"), ("ops-lead", "-f", "md"), ("validate",)):
        proc = run(workspace, *args)
        assert proc.returncode == 0, (args, proc.stdout[-2000:], proc.stderr)
    md = (workspace / "output" / "brightwater" / "readme.md").read_text("utf-8")
    assert "Keep the London office running smoothly, from the first request to delivery." in md


def test_a_new_title_goes_through_an_interim_mandate_too(tmp_path):
    (tmp_path / "p.yaml").write_text("role: interim-coo\ncompany: acme\ntitle: Interim COO, Ohio\n", "utf-8")
    proc = run(tmp_path, "build", "p.yaml", "-f", "md")
    assert proc.returncode == 0, proc.stderr
    md = (tmp_path / "output" / "acme" / "p.md").read_text("utf-8")
    assert md.startswith("# Interim COO, Ohio")
    assert "Interim Chief Operating Officer" not in md  # every sentence, the mandate's too


def test_requisition_and_hiring_manager_are_in_the_job_description_not_the_advert(tmp_path):
    (tmp_path / "postings").mkdir()
    facts = "company: nordwerk\nstart: 2027-02-01\nrequisition: REQ-0142\nhiring_manager: Priya Shah\n"
    for name, template in (("advert", "posting"), ("internal", "jd")):
        (tmp_path / "postings" / f"{name}.yaml").write_text(
            f"role: head-of-operations\ntemplate: {template}\n{facts}", "utf-8"
        )
        assert run(tmp_path, "build", f"postings/{name}.yaml", "-f", "txt").returncode == 0
    advert = (tmp_path / "output" / "nordwerk" / "advert.txt").read_text("utf-8")
    internal = (tmp_path / "output" / "nordwerk" / "internal.txt").read_text("utf-8")
    assert "1 February 2027" in advert and "1 February 2027" in internal
    assert "REQ-0142" not in advert and "Priya Shah" not in advert
    assert "REQ-0142" in internal and "Priya Shah" in internal


def test_a_posting_elsewhere_gives_its_own_address_for_the_job_location(tmp_path):
    (tmp_path / "postings").mkdir()
    posting = tmp_path / "postings" / "hamburg.yaml"
    posting.write_text("role: head-of-operations\ncompany: nordwerk\nlocation: Leeds, UK\n", "utf-8")
    without = run(tmp_path, "build", "postings/hamburg.yaml", "-f", "jsonld")
    assert without.returncode == 0, without.stderr
    said = without.stdout + without.stderr
    assert "postings/hamburg.yaml: " in said and "add address: {street:" in said
    assert "profile key: address" not in said
    assert "jobLocation" not in json.loads((tmp_path / "output" / "nordwerk" / "hamburg.jsonld").read_text())
    posting.write_text(
        posting.read_text("utf-8") + "address: {street: 1 Park Row, locality: Leeds, postal_code: LS1 5AB}\n",
        "utf-8",
    )
    assert load_posting(posting).address.locality == "Leeds"
    built = run(tmp_path, "build", "postings/hamburg.yaml", "-f", "jsonld")
    assert built.returncode == 0 and "jobLocation" not in built.stdout + built.stderr, built.stderr
    data = json.loads((tmp_path / "output" / "nordwerk" / "hamburg.jsonld").read_text())
    assert data["jobLocation"]["address"]["streetAddress"] == "1 Park Row"
    assert data["jobLocation"]["address"]["addressLocality"] == "Leeds"


def test_a_posting_removes_a_requirement_inherited_from_its_level(tmp_path, lib):
    """qualifications: {remove: [...]} names a requirement as the document words it
    (case and punctuation aside); the next one moves up, and one the document does not
    list is an error naming the posting's line."""
    from jdgen.service.generate import Service

    service = Service(lib)
    plain = service.compose(service.resolve("head-of-operations", "acme", template="posting"))
    assert lib.level(lib.role("head-of-operations").default_level).qualifications
    inherited = plain.qualifications[0]  # the level's come first
    path = tmp_path / "p.yaml"
    path.write_text(
        "role: head-of-operations\ncompany: acme\n"
        f"qualifications:\n  remove: [{json.dumps(inherited.upper())}]\n"
    )
    jd = service.compose(service.posting_request(load_posting(path)))
    assert inherited not in jd.qualifications
    assert jd.qualifications[: len(plain.qualifications) - 1] == tuple(
        q for q in plain.qualifications if q != inherited
    )
    assert len(jd.qualifications) >= len(plain.qualifications) - 1
    path.write_text(
        "role: head-of-operations\ncompany: acme\nqualifications:\n  remove: [Ten years of juggling.]\n"
    )
    with pytest.raises(LibraryError) as caught:
        service.compose(service.posting_request(load_posting(path)))
    assert caught.value.line == 4 and "Ten years of juggling." in str(caught.value)


def test_show_words_statements_as_the_document_does(run, lib, acme):
    """`jdgen show` fills in what a statement refers to ({{ family.noun }} ...), as the
    document does: every line it shows is one of the document's, word for word."""
    from jdgen.service.generate import Service

    service = Service(lib)
    jd = service.compose(service.resolve("coo", acme))
    in_document = {t for s in jd.sections for t in s.items}
    for args in ((), ("--refs",), ("--refs", "--all")):
        result = run("show", "coo", "-c", "acme", *args)
        assert result.exit_code == 0, result.output
        assert "{{" not in result.output and "{%" not in result.output
    lines = [
        row[4:] for row in run("show", "coo", "-c", "acme").output.splitlines() if row.startswith("  - ")
    ]
    assert lines and set(lines) <= in_document


# --- saving: the file's own comments, order and layout are kept --------------------------

HAND_WRITTEN = {
    "flush lists": """\
# Head of Operations: agreed with Priya on 3 Nov
role: head-of-operations   # the library's role
title: "Head of Operations, London"
work: {arrangement: hybrid, office_days: 3}
salary:
  min: 90000   # the band's floor
  max: 110000
  currency: 'GBP'

statements:
  add:
  - block: people
    text: Coach the four team leads.   # Priya's wording
  remove: [REMOVED]
requisition: REQ-0142
""",
    "indented lists": """\
role: head-of-operations
title: Head of Operations, London
salary:
    min: 90000
    max: 110000
    currency: GBP
statements:
    add:
      - block: people   # first
        text: Coach the four team leads.
requisition: REQ-0142
""",
}


def saved(tmp_path, text: str, **changes) -> tuple[str, object]:
    from jdgen.library.posting import write_posting

    path = tmp_path / "x.yaml"
    path.write_text(text.replace("REMOVED", removable_ref()[0]), "utf-8")
    posting = dataclasses.replace(load_posting(path), **changes)
    assert write_posting(posting, path) == path.read_bytes()
    return path.read_text("utf-8"), posting


@pytest.mark.parametrize("layout", HAND_WRITTEN)
def test_saving_changes_only_the_lines_of_what_changed(tmp_path, layout):
    original = HAND_WRITTEN[layout].replace("REMOVED", removable_ref()[0])
    before = load_posting_text(tmp_path, original)
    text, posting = saved(
        tmp_path,
        original,
        title="Head of Operations, Leeds",
        salary=dataclasses.replace(before.salary, max=120000),
        requisition=None,
        location="Leeds, UK",
    )
    lines, kept = text.splitlines(), original.splitlines()
    changed = {line for line in kept if "London" in line or "110000" in line or "REQ-0142" in line}
    assert [line for line in kept if line not in changed] == [line for line in lines if line in kept]
    assert len(lines) == len(kept) - 1 + 1  # the requisition went, the location came
    title_line = next(line for line in lines if line.startswith("title:"))
    assert title_line == next(line for line in kept if line.startswith("title:")).replace("London", "Leeds")
    assert lines.index("location: Leeds, UK") == lines.index(title_line) + 1  # where the format puts it
    assert any(line.strip().startswith("max: 120000") for line in lines)
    assert load_posting(tmp_path / "x.yaml") == posting


@pytest.mark.parametrize("layout", HAND_WRITTEN)
def test_saving_an_unchanged_posting_leaves_the_file_as_it_was(tmp_path, layout):
    original = HAND_WRITTEN[layout].replace("REMOVED", removable_ref()[0])
    assert saved(tmp_path, original)[0] == original


def load_posting_text(tmp_path, text: str):
    path = tmp_path / "before.yaml"
    path.write_text(text, "utf-8")
    return load_posting(path)


@pytest.mark.parametrize(
    "value", ["yes", "off", "1:30", "2027-01-15", "1.5", "null", "Ops: London", "#1", "- x"]
)
def test_a_new_value_reads_back_as_the_text_it_is(tmp_path, value):
    """What the safe loader would read as true, a number, a date or nothing is quoted."""
    text, posting = saved(tmp_path, HAND_WRITTEN["indented lists"], title=value, location=value)
    assert load_posting(tmp_path / "x.yaml") == posting
    assert "# first" in text


def test_lines_added_and_removed_keep_the_others_comments(tmp_path):
    from jdgen.model.data import AddStatement

    original = HAND_WRITTEN["flush lists"].replace("REMOVED", removable_ref()[0])
    before = load_posting_text(tmp_path, original)
    added = AddStatement(block="daily-operations", text="Run the weekly review.")
    statements = dataclasses.replace(before.statements, add=(*before.statements.add, added), remove=())
    text, posting = saved(tmp_path, original, statements=statements)
    for comment in (
        "# Head of Operations: agreed",
        "# the library's role",
        "# the band's floor",
        "# Priya's",
    ):
        assert comment in text
    assert "  - block: daily-operations\n    text: Run the weekly review.\n" in text
    assert "remove" not in text
    assert load_posting(tmp_path / "x.yaml") == posting


def test_a_new_posting_file_is_written_in_the_usual_layout(tmp_path):
    from jdgen.library.posting import write_posting

    source = load_posting_text(tmp_path, HAND_WRITTEN["indented lists"])
    path = tmp_path / "new.yaml"
    posting = dataclasses.replace(source, summary=" ".join(["A long summary."] * 20))
    write_posting(posting, path)
    text = path.read_text("utf-8")
    assert text == posting_to_yaml(posting).partition("\n")[2]  # no workspace: no schema line
    assert "#" not in text and "summary: A long summary." in text.splitlines()[2]  # one line, never folded
    path.write_text("role: [unclosed\n", "utf-8")  # a file that does not load has nothing to keep
    write_posting(posting, path)
    assert path.read_text("utf-8") == text


def test_saving_imports_ruamel_only_to_save():
    code = (
        "import sys, jdgen.library.posting, jdgen.app.studio.draft;"
        "assert not [m for m in sys.modules if m.startswith('ruamel')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_unchanged_save_of_a_file_with_mixed_indentation_leaves_it_as_it_was(tmp_path):
    """ruamel.yaml guesses one indentation for a whole file: a save with nothing changed
    must not rewrite a file whose blocks are indented differently."""
    original = (
        "# top comment: keep me\n"
        "role: head-of-operations   # trailing comment\n"
        "company: acme\n"
        "work:\n"
        "    arrangement: hybrid    # 4-space indent\n"
        "    office_days: 2\n"
        "statements:\n"
        "  add:\n"
        "    - block: people        # dash indented\n"
        "      text: >-\n"
        "        Coach the four team leads across\n"
        "        the Leeds office.\n"
    )
    assert saved(tmp_path, original)[0] == original


def test_an_unchanged_save_keeps_windows_line_endings(tmp_path):
    original = "role: head-of-operations\r\n# c\r\ntitle: 'Head X'   # t\r\nlocation: London\r\n"
    path = tmp_path / "x.yaml"
    path.write_bytes(original.encode())
    from jdgen.library.posting import write_posting

    write_posting(load_posting(path), path)
    assert path.read_bytes() == original.encode()
