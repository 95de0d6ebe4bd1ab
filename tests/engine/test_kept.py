"""The bounded table compare keeps its values in."""

from __future__ import annotations

import threading

from hollywood_ai.index.kept import Kept


def test_the_least_recently_used_goes_first() -> None:
    kept: Kept[str, int] = Kept(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # "a" is now the most recent
    kept.put("c", 3)
    assert kept.get("b") is None
    assert (kept.get("a"), kept.get("c"), len(kept)) == (1, 3, 2)


def test_threads_never_overfill_it() -> None:
    kept: Kept[int, int] = Kept(50)

    def work(start: int) -> None:
        for i in range(start, start + 2000):
            kept.put(i % 300, i)
            kept.get((i * 7) % 300)

    threads = [threading.Thread(target=work, args=(n * 2000,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(kept) == 50
