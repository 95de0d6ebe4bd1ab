"""The home's write lock: one writer at a time, across processes and threads.

An exclusive ``flock`` on ``HOME/.write.lock``: the kernel drops it when the
holder dies, so a killed process never leaves a stale lock behind. The holder
writes its pid, its command and a progress counter into the file; a writer
that finds the lock taken waits, and when its time is up it keeps waiting as
long as the holder is alive and its work moves (its counter, or the library,
the index or an index generation changing), saying once on stderr who holds
it. A holder that is alive but stuck makes the waiter give up, naming it.

The lock is reentrant within the thread that holds it (adding decides
duplicates under the lock, then stores under the same lock).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hollywood_ai.index.errors import HollywoodError, LockTimeout

LOCK_NAME = ".write.lock"
#: How often a holder's progress is written into the lock file, at most.
BEAT_EVERY = 0.5


@dataclass
class _Held:
    fd: int
    owner: int  # the thread that holds it
    depth: int = 1
    beats: int = 0
    written: float = 0.0


_held: dict[str, _Held] = {}
_held_lock = threading.Lock()


def _command() -> str:
    shown = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))
    return "".join(c for c in shown if c.isprintable())[:160] or "python"


def _write_holder(held: _Held) -> None:
    data = json.dumps({"pid": os.getpid(), "command": _command(), "progress": held.beats})
    with contextlib.suppress(OSError):  # a full disk: the lock still holds
        os.ftruncate(held.fd, 0)
        os.pwrite(held.fd, data.encode("utf-8"), 0)
    held.written = time.monotonic()


def note_progress(home: Path) -> None:
    """Tell waiting writers that this process's work under the lock on
    ``home`` moves (cheap: written at most every BEAT_EVERY seconds)."""
    with _held_lock:
        held = _held.get(str(home))
    if held is None:
        return
    held.beats += 1
    if time.monotonic() - held.written >= BEAT_EVERY:
        _write_holder(held)


def holder(home: Path) -> tuple[int, str] | None:
    """The pid and command of the live process recorded as the holder."""
    try:
        data = json.loads((home / LOCK_NAME).read_text(encoding="utf-8"))
        pid, command = int(data["pid"]), str(data["command"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, another user's
    return pid, command


def _mark(home: Path) -> tuple[object, ...]:
    """What changes while a holder works: its lock file (the progress
    counter), the library and index folders, and each index generation."""
    out: list[object] = []
    for path in (home / LOCK_NAME, home / "library", home / "index"):
        try:
            st = path.stat()
            out.append((st.st_mtime_ns, st.st_size))
        except OSError:
            out.append(None)
    with contextlib.suppress(OSError):
        out.append((home / LOCK_NAME).read_bytes())
    with contextlib.suppress(OSError):
        for gen in sorted((home / "index").glob("gen-*")):
            with contextlib.suppress(OSError):
                out.append((gen.name, gen.stat().st_mtime_ns))
    return tuple(out)


def _named(found: tuple[int, str] | None) -> str:
    return f"process {found[0]} ({found[1]})" if found else "another hollywood-ai process"


def _acquire(fd: int, home: Path, timeout: float, wait: bool) -> None:
    deadline = time.monotonic() + timeout
    seen = _mark(home)
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if not wait:
            raise LockTimeout(f"{_named(holder(home))} is writing to {home}")
        if time.monotonic() >= deadline:
            found = holder(home)
            mark = _mark(home)
            if found is not None and mark != seen:
                seen = mark
                deadline = time.monotonic() + timeout
                if not told:
                    print(
                        f"hollywood-ai: waiting for {_named(found)}, which is writing to "
                        f"{home} and still working",
                        file=sys.stderr,
                        flush=True,
                    )
                    told = True
                continue
            raise LockTimeout(
                f"another hollywood-ai process is writing to {home} ({_named(found)}) and "
                f"made no progress within {timeout:.0f} s; wait for it to end and try again"
            )
        time.sleep(0.05)


@contextlib.contextmanager
def write_lock(home: Path, timeout: float = 10.0, wait: bool = True) -> Iterator[None]:
    """Hold the home's write lock while the library or index is written.
    With ``wait`` false, a LockTimeout at once when another process holds it."""
    from hollywood_ai.index.store.durable import describe_os_error

    key = str(home)
    me = threading.get_ident()
    with _held_lock:
        held = _held.get(key)
        if held is not None and held.owner == me:
            held.depth += 1
        else:
            held = None
    if held is not None:
        try:
            yield
        finally:
            held.depth -= 1
        return
    lock_path = home / LOCK_NAME
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise HollywoodError(describe_os_error(exc, lock_path)) from None
    try:
        _acquire(fd, home, timeout, wait)
        held = _Held(fd, me)
        _write_holder(held)
        with _held_lock:
            _held[key] = held
        try:
            yield
        finally:
            with _held_lock:
                _held.pop(key, None)
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
