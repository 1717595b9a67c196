"""sources.py: one resolver over ordered layers, keys that survive relocation, and
digests that change when a file starts to shadow another."""

from __future__ import annotations

from jdgen.core.caches import clear_all as clear
from jdgen.library.sources import Layer, Sources, default_sources


def layers(tmp_path):
    user, builtin = tmp_path / "user", tmp_path / "builtin"
    for root in (user, builtin):
        (root / "roles").mkdir(parents=True)
    (builtin / "roles" / "coo.yaml").write_text("id: coo\n")
    (builtin / "roles" / "cfo.yaml").write_text("id: cfo\n")
    return Sources((Layer("user", library=user), Layer("builtin", library=builtin))), user, builtin


def test_first_layer_wins_and_listing_merges(tmp_path):
    sources, user, builtin = layers(tmp_path)
    assert sources.find("library:roles/coo.yaml") == builtin / "roles" / "coo.yaml"
    (user / "roles" / "coo.yaml").write_text("id: coo\n")
    assert sources.find("library:roles/coo.yaml") == builtin / "roles" / "coo.yaml"  # one run: one view
    clear()  # what the next run (or the studio's reload) does
    assert sources.find("library:roles/coo.yaml") == user / "roles" / "coo.yaml"
    assert sources.layer_of("library:roles/coo.yaml") == "user"
    assert sources.listing("library", "roles") == {
        "cfo": builtin / "roles" / "cfo.yaml",
        "coo": user / "roles" / "coo.yaml",
    }
    assert sources.find("library:roles/nope.yaml") is None


def test_keys_name_files_independently_of_their_layer(tmp_path):
    sources, user, builtin = layers(tmp_path)
    assert sources.key(builtin / "roles" / "coo.yaml") == "library:roles/coo.yaml"
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("x: 1\n")
    assert sources.key(outside) == f"file:{outside.resolve()}"
    assert sources.find(sources.key(outside)) == outside.resolve()


def test_digest_changes_when_a_file_is_shadowed_or_edited(tmp_path):
    sources, user, builtin = layers(tmp_path)
    keys = ["library:roles/coo.yaml"]
    first = sources.digest(keys)
    assert sources.digest(keys) == first
    (user / "roles" / "coo.yaml").write_text("id: coo\n")  # same bytes, another layer
    clear()
    shadowed = sources.digest(keys)
    assert shadowed != first
    (user / "roles" / "coo.yaml").write_text("id: coo  \n")
    assert sources.digest(keys) != shadowed


def test_default_sources_put_local_companies_first(tmp_path):
    sources = default_sources(cwd=tmp_path)
    assert sources.layers[0].companies == tmp_path / "companies"
    assert sources.find("library:levels.yaml") is not None
    assert sources.find("templates:labels.yaml") is not None


def test_an_edit_that_keeps_size_and_mtime_is_never_read_back_stale(tmp_path):
    """Two saves within a disk's one-second tick, or a copy that restores the old time:
    the parsed-library cache must see the new bytes (found by a new user's trial)."""
    import os
    import subprocess

    from conftest import jdgen_command

    env = {**os.environ, "JDGEN_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("JDGEN_NO_CACHE", None)

    def jdgen(*args):
        proc = subprocess.run(jdgen_command(*args), cwd=ws, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        return proc

    ws = tmp_path
    jdgen("init", "ws", "--name", "Repro Ltd")
    ws = tmp_path / "ws"
    block = ws / "blocks" / "quality.yaml"
    block.write_text(
        "id: quality\nextends: quality\nchanges:\n  head:\n"
        '    add: ["Run a quarterly quality review AAAA."]\n'
    )
    jdgen("build", "postings/example.yaml", "-f", "md")
    out = ws / "output" / "ws" / "example.md"
    assert "review AAAA" in out.read_text("utf-8")
    times = block.stat()
    block.write_text(block.read_text().replace("AAAA", "BBBB"))
    os.utime(block, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert block.stat().st_size == times.st_size and block.stat().st_mtime_ns == times.st_mtime_ns
    jdgen("build", "postings/example.yaml", "-f", "md")
    assert "review BBBB" in out.read_text("utf-8")
    for kind in ("library", "yaml"):  # one version per set of sources, and per file
        kept = [p.name.rsplit("-", 1)[0] for p in (tmp_path / "cache").rglob(f"{kind}-*.pickle")]
        assert kept and len(kept) == len(set(kept)), kept
