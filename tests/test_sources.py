"""sources.py: one resolver over ordered layers, keys that survive relocation, and
digests that change when a file starts to shadow another."""

from __future__ import annotations

from jdgen.sources import Layer, Sources, clear, default_sources


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
