"""Processes the engine starts: spawned, one per core (the index rebuild,
counting words for stories)."""

from __future__ import annotations

import multiprocessing
import sys
import threading
from multiprocessing.context import SpawnContext

_lock = threading.Lock()


def spawn_context() -> SpawnContext:
    """The spawn context, with multiprocessing's resource tracker running.

    The tracker is started with stderr's file descriptor handed on. An
    interface that has replaced ``sys.stderr`` with an object that has none
    (Textual's print capture answers -1) made every spawn from the reader
    fail ("bad value(s) in fds_to_keep"), so the process's own stderr stands
    in while the tracker starts."""
    from multiprocessing import resource_tracker

    with _lock:
        try:
            usable = sys.stderr is not None and sys.stderr.fileno() >= 0
        except (AttributeError, OSError, ValueError):
            usable = False
        saved = sys.stderr
        if not usable:
            sys.stderr = sys.__stderr__
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved
    return multiprocessing.get_context("spawn")
