"""Processes the engine starts: spawned, one per core (the index rebuild,
counting words for stories), and ended with the process that started them."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
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


def watch_parent(parent: int) -> None:
    """In a spawned worker, first thing: end this process as soon as
    ``parent`` (the process that started it) is gone, killed included, so no
    worker goes on burning a core as an orphan. (A daemon process is only
    ended by a parent that exits normally.)"""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
