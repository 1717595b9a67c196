"""Workspaces: `jdgen init`, jdgen.yaml found upward, the workspace's library over ours,
schemas for every YAML file, incremental runs over workspace files."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, jdgen_command

ROOT = REPO


def jdgen(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(jdgen_command(*args), capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def workspace(tmp_path) -> Path:
    proc = jdgen(tmp_path, "init", "brightwater", "--name", "Brightwater Software Ltd")
    assert proc.returncode == 0, proc.stderr
    return tmp_path / "brightwater"


def schema(kind: str) -> dict:
    from jdgen.schema.registry import schema_for

    return schema_for(kind)


def test_init_writes_a_working_commented_workspace(workspace):
    for folder in ("companies", "roles", "blocks", "postings", "templates", "theme", "schemas"):
        assert (workspace / folder).is_dir()
    yamls = sorted(workspace.rglob("*.yaml"))
    assert {p.relative_to(workspace).as_posix() for p in yamls} == {
        "jdgen.yaml",
        "companies/brightwater.yaml",
        "postings/example.yaml",
    }
    kinds = {"jdgen.yaml": "workspace", "brightwater.yaml": "company", "example.yaml": "posting"}
    for path in yamls:
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), first  # the header points at a schema that is there
        assert json.loads(target.read_text("utf-8")) == schema(kinds[path.name])
        jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema(kinds[path.name]))
    proc = jdgen(workspace, "build", "postings/example.yaml", "-f", "md")
    assert proc.returncode == 0, proc.stderr
    text = (workspace / "output" / "brightwater" / "example.md").read_text("utf-8")
    assert "Head of Operations, London" in text and "weekly operations review" in text


def test_init_never_overwrites(workspace):
    proc = jdgen(workspace.parent, "init", "brightwater")
    assert proc.returncode == 1 and "already exists" in proc.stderr


@pytest.mark.parametrize(
    ("kind", "pattern"),
    [
        ("company", "responsibilities/companies/*.yaml"),
        pytest.param("role", "responsibilities/roles/*.yaml", marks=pytest.mark.slow),  # about 3 s
        ("block", "responsibilities/blocks/*.yaml"),
        ("level", "responsibilities/levels.yaml"),
        ("family", "responsibilities/families.yaml"),
        ("batch", "examples/*.yaml"),
    ],
)
def test_every_shipped_yaml_file_meets_its_schema(kind, pattern):
    files = sorted(ROOT.glob(pattern))
    assert files
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema(kind))


def test_schema_rejects_what_the_loader_rejects():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"role": "coo", "logo": "x.svg"}, schema("posting"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"about": "no name"}, schema("company"))


def test_jdgen_yaml_is_found_upward_and_supplies_defaults(workspace):
    sub = workspace / "drafts" / "deep"
    sub.mkdir(parents=True)
    proc = jdgen(sub, "head-of-operations", "-f", "md")
    assert proc.returncode == 0, proc.stderr
    assert (workspace / "output" / "brightwater" / "head-of-operations.md").is_file()  # company, output


def test_minimal_profile_leaves_sections_out_and_warns(workspace):
    (workspace / "companies" / "us.yaml").write_text("name: Tiny Inc.\ncountry: US\n", "utf-8")
    proc = jdgen(workspace, "coo", "-c", "us", "-f", "md,txt,html,json")
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stdout.splitlines() if line.startswith("warning:")]
    assert not any("equal-opportunity statement" in w for w in warnings)  # the country's is used
    md = (workspace / "output" / "us" / "coo.md").read_text("utf-8")
    assert "## About" not in md and "Location" not in md
    assert "Tiny Inc. is an equal opportunity employer" in md  # equality.yaml's, for the US
    assert "None" not in md and "None" not in (workspace / "output" / "us" / "coo.txt").read_text("utf-8")


BLOCK = """\
id: quality
extends: quality
changes:
  head:
    add: ["Run a quarterly quality review with each site lead."]
    remove: [{ref}]
"""


def test_workspace_block_builds_on_the_builtin_and_reruns_exactly_what_uses_it(workspace):
    from jdgen.library.loader import load_library
    from jdgen.model.refs import block_refs

    builtin = load_library().blocks["quality"]
    # the first head statement every industry shares (the workspace's company names none)
    item, ref = next(
        (i, r) for i, r in block_refs("quality", builtin.statements)["head"].items() if isinstance(i, str)
    )
    removed = str(item)
    first = jdgen(
        workspace, "batch", "-c", "brightwater", "-r", "head-of-operations", "-r", "buyer", "-f", "md"
    )
    assert first.returncode == 0, first.stderr
    (workspace / "blocks" / "quality.yaml").write_text(BLOCK.format(ref=ref.split("/")[1]), "utf-8")
    again = jdgen(
        workspace, "batch", "-c", "brightwater", "-r", "head-of-operations", "-r", "buyer", "-f", "md"
    )
    assert again.returncode == 0, again.stderr
    assert "1 files written, 1 unchanged" in again.stdout  # the buyer does not use quality
    text = (workspace / "output" / "brightwater" / "head-of-operations.md").read_text("utf-8")
    assert "quarterly quality review" in text and removed not in text
    listing = jdgen(workspace, "list", "blocks")
    assert "quality" in listing.stdout and "workspace, builds on" in listing.stdout


def test_a_block_change_that_no_longer_applies_names_the_file_and_line(workspace):
    (workspace / "blocks" / "quality.yaml").write_text(BLOCK.format(ref="no-such-statement"), "utf-8")
    proc = jdgen(workspace, "head-of-operations", "-f", "md")
    assert proc.returncode == 1
    assert "blocks/quality.yaml:6:" in proc.stderr and "no-such-statement" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_own_role_adds_to_the_catalogue_and_list_shows_where_it_comes_from(workspace):
    (workspace / "roles" / "ops-lead.yaml").write_text(
        "id: ops-lead\nextends: operations-manager\ntitle: Operations Lead\n", "utf-8"
    )
    listing = jdgen(workspace, "list", "roles")
    row = next(line for line in listing.stdout.splitlines() if line.startswith("ops-lead "))
    assert "Operations Lead" in row and "workspace" in row and "roles/ops-lead.yaml" in row
    proc = jdgen(workspace, "ops-lead", "-f", "md")
    assert proc.returncode == 0, proc.stderr
    assert (
        (workspace / "output" / "brightwater" / "ops-lead.md")
        .read_text("utf-8")
        .startswith("# Operations Lead")
    )


def test_own_title_on_a_role_that_builds_on_another_and_on_its_posting_is_used_throughout(workspace):
    """The new user's trial: the base role's summary and posting opening name its title
    ("The Customer Service Manager runs ..."); the role of one's own and the posting say theirs."""
    (workspace / "roles" / "customer-operations-lead.yaml").write_text(
        "id: customer-operations-lead\nextends: customer-service-manager\ntitle: Customer Operations Lead\n",
        "utf-8",
    )
    (workspace / "postings" / "leeds.yaml").write_text(
        "role: customer-operations-lead\ntitle: Customer Operations Lead, Leeds\nlocation: Leeds, UK\n",
        "utf-8",
    )
    (workspace / "postings" / "leeds-jd.yaml").write_text(
        "role: customer-operations-lead\ntemplate: jd\ntitle: Customer Operations Lead, Leeds\n", "utf-8"
    )
    for name in ("leeds", "leeds-jd"):
        proc = jdgen(workspace, "build", f"postings/{name}.yaml", "-f", "txt")
        assert proc.returncode == 0, proc.stderr
    advert = (workspace / "output" / "brightwater" / "leeds.txt").read_text("utf-8")
    jd = (workspace / "output" / "brightwater" / "leeds-jd.txt").read_text("utf-8")
    assert "As Customer Operations Lead, Leeds, you run" in advert
    assert "The Customer Operations Lead, Leeds runs" in jd
    for text in (advert, jd):
        assert "Customer Service Manager" not in text
    plain = jdgen(workspace, "customer-operations-lead", "-f", "txt")
    assert plain.returncode == 0, plain.stderr
    own = (workspace / "output" / "brightwater" / "customer-operations-lead.txt").read_text("utf-8")
    assert "The Customer Operations Lead runs" in own


def test_a_posting_from_an_undated_profile_says_once_whose_revision_date_it_shows(workspace):
    proc = jdgen(workspace, "build", "postings/example.yaml", "-f", "txt")
    assert proc.returncode == 0, proc.stderr
    said = [row for row in (proc.stdout + proc.stderr).splitlines() if "own revision date" in row]
    assert len(said) == 1 and "in its footer" in said[0] and "revised: YYYY-MM-DD" in said[0]
    assert "Revised " in (workspace / "output" / "brightwater" / "example.txt").read_text("utf-8")


def test_validate_lists_every_problem_of_the_workspace(workspace):
    clean = jdgen(workspace, "validate")
    assert clean.returncode == 0, clean.stdout[-2000:]
    (workspace / "postings" / "bad.yaml").write_text("role: head-of-operations\nclose: 2027-01-01\n", "utf-8")
    stale = workspace / "postings" / "stale.yaml"
    stale.write_text("role: head-of-operations\nstatements:\n  remove: [quality/gone]\n", "utf-8")
    (workspace / "roles" / "broken.yaml").write_text("id: broken\nextends: no-such-role\n", "utf-8")
    proc = jdgen(workspace, "validate")
    assert proc.returncode == 1
    assert "roles/broken.yaml:2:" in proc.stdout and "no-such-role" in proc.stdout
    (workspace / "roles" / "broken.yaml").unlink()
    proc = jdgen(workspace, "validate")
    assert proc.returncode == 1
    assert "postings/bad.yaml:2:" in proc.stdout and "Did you mean 'closes'?" in proc.stdout
    assert "postings/stale.yaml:3:" in proc.stdout and "quality/gone" in proc.stdout


def test_the_checker_reports_what_a_minimal_profile_leaves_out(workspace):
    (workspace / "companies" / "ca.yaml").write_text("name: Tiny Inc.\ncountry: CA\n", "utf-8")
    proc = jdgen(workspace, "check", "coo", "-c", "ca", "--template", "posting")
    assert "legal.eeo-missing" in proc.stdout  # no statement of its own and none for Canada


def test_jdgen_yaml_check_settings_apply_to_check_and_batch_check(workspace):
    """jdgen.yaml's `check:` is the workspace's house style: a banned word is flagged by
    `jdgen check` of a role and of a written file, in the workspace and below it."""
    config = workspace / "jdgen.yaml"
    house_style = "check:\n  fail_on: warning\n  banned: [operations]\n"
    config.write_text(config.read_text("utf-8") + house_style, "utf-8")
    proc = jdgen(workspace, "check", "coo", "--template", "posting")
    assert "company.banned" in proc.stdout and proc.returncode == 1, proc.stdout + proc.stderr
    (workspace / "note.md").write_text("We run operations well.\n", "utf-8")
    (workspace / "roles" / "sub").mkdir()
    proc = jdgen(workspace / "roles" / "sub", "check", "../../note.md")
    assert "note.md:1:" in proc.stdout and "banned" in proc.stdout, proc.stdout + proc.stderr


def test_a_workspace_template_replaces_the_builtin_one_and_reruns(workspace):
    from jdgen.core.paths import templates_dir

    own = workspace / "templates" / "md" / "posting.md.j2"
    own.parent.mkdir(parents=True)
    builtin = (templates_dir() / "md" / "posting.md.j2").read_text("utf-8")
    own.write_text(builtin + "\nBrightwater house style.\n", "utf-8")
    assert jdgen(workspace, "build", "postings/example.yaml", "-f", "md").returncode == 0
    out = workspace / "output" / "brightwater" / "example.md"
    assert out.read_text("utf-8").rstrip().endswith("Brightwater house style.")
    own.write_text(builtin + "\nBrightwater house style, second edition.\n", "utf-8")
    again = jdgen(workspace, "build", "postings/example.yaml", "-f", "md")
    assert "wrote" in again.stdout and "second edition" in out.read_text("utf-8")
    own.write_text("{{ ''.__class__.__mro__ }}", "utf-8")  # the same sandbox as the built-in ones
    refused = jdgen(workspace, "build", "postings/example.yaml", "-f", "md")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr


def test_a_hand_edited_posting_document_is_kept_without_force(workspace):
    assert jdgen(workspace, "build", "postings/example.yaml", "-f", "md").returncode == 0
    out = workspace / "output" / "brightwater" / "example.md"
    out.write_text(out.read_text("utf-8") + "\nEdited by HR.\n", "utf-8")
    posting = workspace / "postings" / "example.yaml"
    posting.write_text(posting.read_text("utf-8") + "closes: 2027-03-09\n", "utf-8")
    kept = jdgen(workspace, "build", "postings/example.yaml", "-f", "md")
    assert (
        kept.returncode == 1 and "edited by hand" in kept.stderr and "Edited by HR." in out.read_text("utf-8")
    )
    forced = jdgen(workspace, "build", "postings/example.yaml", "-f", "md", "--force")
    assert forced.returncode == 0 and "March 9, 2027" in out.read_text("utf-8")
    assert (workspace / "output" / "brightwater" / "example.edited.md").is_file()


def test_workspace_levels_and_families_extend_the_builtin_ones_by_id(workspace):
    from jdgen.core.paths import library_dir

    builtin = yaml.safe_load((library_dir() / "levels.yaml").read_text("utf-8"))["levels"]
    head = next(level for level in builtin if level["id"] == "head")
    (workspace / "levels.yaml").write_text(
        yaml.safe_dump({"levels": [{**head, "label": "Head of Department"}]}), "utf-8"
    )
    family = {"id": "customer-success", "name": "Customer Success", "noun": "customer success"}
    (workspace / "families.yaml").write_text(yaml.safe_dump({"families": [family]}), "utf-8")
    levels = json.loads(jdgen(workspace, "list", "levels", "--json").stdout)
    assert [lv["id"] for lv in levels] == [lv["id"] for lv in builtin]  # replaced in place
    assert levels[[lv["id"] for lv in builtin].index("head")]["label"] == "Head of Department"
    families = [f["id"] for f in json.loads(jdgen(workspace, "list", "families", "--json").stdout)]
    assert "customer-success" in families and "operations" in families
    (workspace / "roles" / "cs-lead.yaml").write_text(
        "id: cs-lead\nextends: operations-manager\ntitle: Customer Success Lead\nfamily: customer-success\n",
        "utf-8",
    )
    proc = jdgen(workspace, "cs-lead", "--level", "head", "-f", "md")
    assert proc.returncode == 0, proc.stderr
    text = (workspace / "output" / "brightwater" / "cs-lead-head.md").read_text("utf-8")
    assert "Head of Department" in text and "Head of Customer Success" in text


def test_a_long_running_service_sees_edits_to_jdgen_yaml(workspace, monkeypatch):
    from jdgen.library.context import run_context
    from jdgen.library.loader import load_library
    from jdgen.service.generate import Service

    monkeypatch.chdir(workspace / "postings")
    run = run_context()
    service = Service(load_library(sources=run.sources), run)
    assert service.run.company == "brightwater"
    config = workspace / "jdgen.yaml"
    config.write_text("company: acme\noutput: docs\n", "utf-8")
    service.reload()
    assert service.run.company == "acme"
    assert service.run.output == workspace.resolve() / "docs"


def test_a_partial_scope_in_a_workspace_role_keeps_the_rows_it_does_not_name(workspace):
    """roles/coo.yaml that builds on the COO and rewords only its scope keeps the COO's
    own decision rights, budget and people rows (not the level's defaults)."""
    before = jdgen(workspace, "coo", "-f", "json", "-o", "before")
    assert before.returncode == 0, before.stderr
    (workspace / "roles" / "coo.yaml").write_text(
        "id: coo\nextends: coo\nscope:\n  scope: The whole company, across both sites.\n", "utf-8"
    )
    after = jdgen(workspace, "coo", "-f", "json", "-o", "after")
    assert after.returncode == 0, after.stderr
    was, now = (
        json.loads((workspace / d / "brightwater" / "coo.json").read_text()) for d in ("before", "after")
    )
    assert now["scope"]["scope"] == "The whole company, across both sites."
    assert now["scope"] == {**was["scope"], "scope": now["scope"]["scope"]}
    from jdgen.library.loader import load_library

    lib = load_library()
    own = lib.role("coo").scope.budget_scope  # the COO's own row, not the level's
    words = {"board": lib.governance.default.board, "pnl": lib.governance.finances.pnl}
    assert own and was["scope"]["budget"] == re.sub(r"\{\{ company\.(\w+) \}\}", lambda m: words[m[1]], own)


def test_a_workspace_role_that_builds_on_another_takes_the_role_keys_the_readme_lists(workspace):
    """nice_to_have (and the posting's own texts: posting_summary, team, travel) are role
    keys: a role that builds on another may give them like any other key."""
    (workspace / "roles" / "coo.yaml").write_text(
        "id: coo\nextends: coo\nnice_to_have: [Experience in a software company.]\n"
        "posting_summary: You run the company day to day.\nteam: You lead two directors.\n"
        "travel: Travel to Leeds once a month.\n",
        "utf-8",
    )
    proc = jdgen(workspace, "coo", "-f", "json", "--template", "posting")
    assert proc.returncode == 0, proc.stderr
    data = json.loads((workspace / "output" / "brightwater" / "coo-posting.json").read_text())
    assert "Experience in a software company." in data["nice_to_have"]
    assert data["posting_summary"] == "You run the company day to day."
    assert (data["team"], data["travel"]) == ("You lead two directors.", "Travel to Leeds once a month.")


# In process, fast: jdgen.yaml found, read and checked.


def test_the_nearest_jdgen_yaml_upward_is_the_workspace(tmp_path):
    from jdgen.library.workspace import find_workspace

    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    assert find_workspace(inner) is None or tmp_path.resolve() not in find_workspace(inner).root.parents
    (tmp_path / "jdgen.yaml").write_text("company: bw\n", "utf-8")
    (tmp_path / "a" / "jdgen.yaml").write_text("company: inner\n", "utf-8")
    found = find_workspace(inner)
    assert found.root == (tmp_path / "a").resolve() and found.company == "inner"
    assert found.file == found.root / "jdgen.yaml" and found.folder("roles") == found.root / "roles"


def test_an_empty_jdgen_yaml_gives_the_defaults(tmp_path):
    from jdgen.library.workspace import load_workspace
    from jdgen.model.formats import DEFAULT_FORMATS

    (tmp_path / "jdgen.yaml").write_text("{}\n", "utf-8")
    ws = load_workspace(tmp_path)
    assert (ws.company, ws.formats, ws.check) == (None, DEFAULT_FORMATS, None)
    assert ws.output == tmp_path.resolve() / "output" and ws.postings == []
    (tmp_path / "postings").mkdir()
    for name in ("b.yaml", "a.yaml", "notes.md"):
        (tmp_path / "postings" / name).write_text("role: coo\n", "utf-8")
    assert [p.name for p in ws.postings] == ["a.yaml", "b.yaml"]


def test_jdgen_yaml_is_read_again_when_it_changes(tmp_path):
    from jdgen.library.workspace import load_workspace

    path = tmp_path / "jdgen.yaml"
    path.write_text("company: acme\nformats: [md]\n", "utf-8")
    assert (load_workspace(tmp_path).company, load_workspace(tmp_path).formats) == ("acme", ("md",))
    path.write_text("company: nordwerk\nformats: [pdf, html]\n", "utf-8")
    assert (load_workspace(tmp_path).company, load_workspace(tmp_path).formats) == (
        "nordwerk",
        ("pdf", "html"),
    )


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("company: acme\noutput: ../elsewhere\n", 2, "outside the workspace"),
        ("output: /tmp/out\n", 1, "outside the workspace"),
        ("company: acme\nformats: [docx, word]\n", 2, "word"),
        ("compnay: acme\n", 1, "compnay"),
    ],
)
def test_a_bad_jdgen_yaml_names_its_line(tmp_path, text, line, words):
    from jdgen.core.errors import LibraryError
    from jdgen.library.workspace import load_workspace

    (tmp_path / "jdgen.yaml").write_text(text, "utf-8")
    with pytest.raises(LibraryError, match=words) as caught:
        load_workspace(tmp_path)
    assert caught.value.line == line and caught.value.file.name == "jdgen.yaml"


def test_a_jdgen_yaml_of_comments_only_is_a_workspace_with_the_defaults(tmp_path):
    from jdgen.library.workspace import load_workspace

    (tmp_path / "jdgen.yaml").write_text("# company: acme\n")
    workspace = load_workspace(tmp_path)
    assert workspace.company is None and workspace.output == tmp_path.resolve() / "output"


@pytest.mark.parametrize("output", ["output/../../escaped", "output/..", ".", "link/out"])
def test_output_must_resolve_to_a_folder_inside_the_workspace(tmp_path, output):
    from jdgen.core.errors import LibraryError
    from jdgen.library.workspace import load_workspace

    root = tmp_path / "ws"
    root.mkdir()
    (root / "link").symlink_to(tmp_path)
    (root / "jdgen.yaml").write_text(f"company: acme\noutput: {output}\n", "utf-8")
    with pytest.raises(LibraryError, match="outside the workspace") as caught:
        load_workspace(root)
    assert caught.value.line == 2


def test_output_may_be_any_folder_inside_the_workspace(tmp_path):
    from jdgen.library.workspace import load_workspace

    (tmp_path / "jdgen.yaml").write_text("output: build/../docs/out\n", "utf-8")
    assert load_workspace(tmp_path).output.resolve() == tmp_path.resolve() / "docs" / "out"


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling"])
def test_a_jdgen_yaml_that_is_not_a_file_is_one_line_not_ignored(tmp_path, kind):
    import os

    from jdgen.core.errors import LibraryError
    from jdgen.library.workspace import find_workspace

    path = tmp_path / "jdgen.yaml"
    {"folder": path.mkdir, "fifo": lambda: os.mkfifo(path), "dangling": lambda: path.symlink_to("gone")}[
        kind
    ]()
    with pytest.raises(LibraryError) as caught:
        find_workspace(tmp_path / ".")
    assert caught.value.code == "workspace.not-a-file" and "jdgen.yaml" in str(caught.value)
