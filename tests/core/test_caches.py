"""core/caches.py: `memo` is functools.cache registered in one place; `clear_all` forgets
every registered value (the studio's reload)."""

from __future__ import annotations

from jdgen.core.caches import _REGISTERED, clear_all, memo


def test_memo_remembers_by_arguments_until_clear_all():
    calls = []

    @memo
    def square(n):
        calls.append(n)
        return n * n

    assert square in _REGISTERED
    assert (square(3), square(3), square(4)) == (9, 9, 16)
    assert calls == [3, 4]  # the second square(3) was remembered
    clear_all()
    assert square(3) == 9
    assert calls == [3, 4, 3]  # forgotten: computed again


def test_clear_all_reaches_jdgens_own_caches(lib):
    from jdgen.core.paths import resource_dir

    resource_dir("templates")
    assert resource_dir.cache_info().currsize >= 1
    clear_all()
    assert resource_dir.cache_info().currsize == 0
    assert all(cached.cache_info().currsize == 0 for cached in _REGISTERED)
