"""cache.py: a speed-only cache that never changes what is generated."""

from __future__ import annotations

import pytest

from jdgen.core import cache


def test_store_and_load_round_trip(monkeypatch, tmp_path):
    monkeypatch.setenv("JDGEN_CACHE_DIR", str(tmp_path))
    cache.cache_dir.cache_clear()
    try:
        cache.store("thing", {"a": 1})
        assert cache.load("thing") == {"a": 1}
        assert cache.load("missing") is None
        folder = cache.cache_dir()
        (folder / "broken.pickle").write_bytes(b"not a pickle")
        assert cache.load("broken") is None
    finally:
        cache.cache_dir.cache_clear()


def test_no_cache_when_disabled(monkeypatch):
    monkeypatch.setenv("JDGEN_NO_CACHE", "1")
    cache.cache_dir.cache_clear()
    try:
        assert cache.cache_dir() is None
        cache.store("x", 1)
        assert cache.load("x") is None
    finally:
        cache.cache_dir.cache_clear()


def test_keys_depend_on_every_part():
    assert cache.key("a", 1) == cache.key("a", 1)
    assert cache.key("a", 1) != cache.key("a", 2)


def test_lazy_mapping_unpickles_a_value_only_when_looked_up():
    import pickle

    values = {"b": [1, 2], "a": {"x": 3}, "c": "text"}
    lazy = pickle.loads(pickle.dumps(cache.Lazy.of(values)))
    assert list(lazy) == ["b", "a", "c"] and len(lazy) == 3 and "a" in lazy and "z" not in lazy
    assert lazy._values == {}  # nothing unpickled yet
    assert lazy["a"] == {"x": 3} and lazy["a"] is lazy["a"] and list(lazy._values) == ["a"]
    assert dict(lazy) == values and lazy.get("z") is None and list(lazy.items())[0] == ("b", [1, 2])
    with pytest.raises(KeyError):
        lazy["z"]
    again = pickle.loads(pickle.dumps(lazy))  # unpickled values go back as they came
    assert dict(again) == values


def test_the_cached_library_reads_only_what_a_run_uses(monkeypatch, tmp_path):
    from jdgen.core.caches import clear_all
    from jdgen.library import loader as library

    monkeypatch.setenv("JDGEN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("JDGEN_NO_CACHE", raising=False)
    cache.cache_dir.cache_clear()
    clear_all()
    try:
        parsed = library.load_library()
        clear_all()
        cached = library.load_library()
        assert cached is not parsed and isinstance(cached.roles, cache.Lazy)
        assert cached.roles._values == {} and cached.blocks._values == {}
        assert cached.role("coo").title == parsed.role("coo").title
        assert list(cached.roles._values) == ["coo"]
        assert list(cached.roles) == list(parsed.roles) and list(cached.blocks) == list(parsed.blocks)
    finally:
        clear_all()
        cache.cache_dir.cache_clear()


def test_remembered_values_outlive_the_process_and_failures_are_not_kept(monkeypatch, tmp_path):
    monkeypatch.setenv("JDGEN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("JDGEN_NO_CACHE", raising=False)

    def new_process():
        cache.cache_dir.cache_clear()
        cache._memo.cache_clear()

    def boom():
        raise ValueError("no")

    new_process()
    try:
        assert cache.remembered("t", ("k", 1), lambda: "first") == "first"
        new_process()
        assert cache.remembered("t", ("k", 1), boom) == "first"  # read back, not computed
        assert cache.remembered("other", ("k", 1), lambda: "own") == "own"  # memos are apart
        with pytest.raises(ValueError):
            cache.remembered("t", "bad", boom)
        new_process()
        assert cache.remembered("t", "bad", lambda: "now") == "now"
        monkeypatch.setattr(cache, "MAX_REMEMBERED", 2)
        cache.remembered("t", "third", lambda: 3)  # full: the memo starts afresh
        new_process()
        assert cache.remembered("t", ("k", 1), lambda: "again") == "again"
    finally:
        new_process()


def test_upgrading_a_library_whose_results_are_kept_starts_a_new_cache(monkeypatch, tmp_path):
    import importlib.util
    from types import SimpleNamespace

    fake = tmp_path / "babel" / "__init__.py"
    fake.parent.mkdir()
    fake.write_text("__version__ = '2.16.0'\n")
    real = importlib.util.find_spec

    def find_spec(name):
        return SimpleNamespace(origin=str(fake)) if name == "babel" else real(name)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    before = cache._code_signature()
    assert cache._code_signature() == before
    fake.write_text("__version__ = '2.17.0.post1'\n")  # a reinstall: new size and mtime
    assert cache._code_signature() != before
    assert [name for name, *_ in cache._installations()] == list(cache.CACHED_RESULTS_OF)
