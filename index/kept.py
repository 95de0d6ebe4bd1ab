"""A bounded, thread-safe table of values kept between calls: at most
``size`` of them, the least recently used dropped first. Compare runs in
worker threads, so every table it keeps is one of these; the search path
keeps one set of them per opened index generation (searching/opened.py)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Kept(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._values: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def fetch(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``make()``, kept unless it is
        None. ``make`` runs outside the lock: two threads asking at once may
        both make the value, and either is kept."""
        value = self.get(key)
        if value is None:
            value = make()
            if value is not None:
                self.put(key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)
