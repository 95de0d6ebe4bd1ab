"""Durable file writes and the library's write lock."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hollywood_ai.index.errors import HollywoodError, LockTimeout


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write aside, fsync, rename: the file is either the old one or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def describe_os_error(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"the disk is full while writing {path}; free some space and try again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write to {path} (permission denied or read-only); choose a writable home with --home"
    return f"cannot write {path}: {exc.strerror or exc}"


@contextlib.contextmanager
def write_lock(home: Path, timeout: float = 10.0) -> Iterator[None]:
    """An exclusive advisory lock on the home, held while the library or index
    is written. The kernel drops it when the holder dies, so a killed process
    never leaves a stale lock behind."""
    lock_path = home / ".write.lock"
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise HollywoodError(describe_os_error(exc, lock_path)) from None
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"another hollywood-ai process is writing to {home} and did not finish "
                        f"within {timeout:.0f} s; wait for it to end and try again"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def read_kept(path: Path, version: int, key: object) -> Any | None:
    """The payload of a file written by :func:`write_kept` with this version and
    key (a JSON value naming the state it was made from), else None: missing,
    damaged, of another version, or made from another state."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != version or data.get("key") != key:
            return None
        return data["payload"]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def write_kept(path: Path, version: int, key: object, payload: object) -> None:
    """Keep ``payload`` (JSON) for the state named by ``key``, atomically, when
    its folder exists; a read-only home just means it is made again next time."""
    data = {"version": version, "key": key, "payload": payload}
    with contextlib.suppress(OSError):
        if path.parent.is_dir():
            atomic_write(path, json.dumps(data).encode())
