"""cache.py: a speed-only cache that never changes what is generated."""

from __future__ import annotations

from jdgen import cache


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
