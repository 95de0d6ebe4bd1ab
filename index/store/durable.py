"""Durable file writes (and, from locking.py, the home's write lock)."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hollywood_ai.index.store.locking import note_progress, write_lock

__all__ = [
    "atomic_write",
    "describe_os_error",
    "fsync_dir",
    "note_progress",
    "read_kept",
    "write_kept",
    "write_lock",
]


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


def read_kept(path: Path, version: int, key: object, any_key: bool = False) -> Any | None:
    """The payload of a file written by :func:`write_kept` with this version and
    key (a JSON value naming the state it was made from), else None: missing,
    damaged, of another version, or made from another state (unless
    ``any_key``: then whatever state it was made from)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != version or (data.get("key") != key and not any_key):
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
