"""app/workspace_commands.py, in process: `jdgen init`, `jdgen build POSTING` and
`jdgen show ROLE`, each through the command line."""

from __future__ import annotations

from pathlib import Path

from jdgen.core.errors import EXIT_INPUT


def test_init_says_what_it_wrote_and_what_to_do_next(run, tmp_path):
    result = run("init", "ws", "--name", "Brightwater Software Ltd")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "wrote ws/jdgen.yaml" in lines and "wrote ws/postings/example.yaml" in lines
    assert not any(line.endswith(".json") for line in lines)  # the schemas are not listed
    assert lines[-1] == "next: cd ws && jdgen build postings/example.yaml"
    assert (tmp_path / "ws" / "companies" / "ws.yaml").is_file()


def test_build_writes_each_postings_documents_and_fails_for_a_broken_one(run, tmp_path, monkeypatch):
    assert run("init", "ws").exit_code == 0
    monkeypatch.chdir(tmp_path / "ws")
    built = run("build", "postings/example.yaml", "-f", "md,txt", "-q")
    assert built.exit_code == 0, built.output
    folder = Path("output") / "ws"
    assert (folder / "example.md").is_file() and (folder / "example.txt").is_file()
    Path("postings/broken.yaml").write_text("role: no-such-role\ncompany: ws\n", "utf-8")
    failed = run("build", "postings/broken.yaml", "-f", "md")
    assert failed.exit_code == EXIT_INPUT and "no-such-role" in failed.output


def test_show_lists_the_documents_statements_and_with_all_the_rest(run, lib, acme):
    from jdgen.compose.tailor import all_refs, pick

    role = lib.role("head-of-operations")
    level = lib.level(role.default_level)
    shown = run("show", "head-of-operations", "--refs", "-c", "acme")
    assert shown.exit_code == 0
    assert shown.output.startswith(f"{role.title} (head-of-operations) at {level.label}:")
    chosen = pick(lib, role, level, True, acme.industry)
    picked = [ref for p in chosen for ref, _ in p.items]
    for ref in picked:
        assert f"  {ref}\n" in shown.output
    every = run("show", "head-of-operations", "--refs", "--all", "-c", "acme").output
    blocks = {p.block for p in chosen}
    rest = [ref for ref in all_refs(lib, role, level) if ref not in picked and ref.split("/")[0] in blocks]
    assert rest and all(f"  ({ref})  not in the document\n" in every for ref in rest)
    assert all(f"  ({ref})" not in shown.output for ref in rest)
