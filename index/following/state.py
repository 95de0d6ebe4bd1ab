"""The following state kept in a home, one JSON file each: subscriptions
(``feeds.json``), unread articles (``unread.json``) and followed stories
(``follows.json``). Each is written atomically (the file is the old one or
the new one) under the home's write lock, read, changed and written in one
go, so that the reader and a command changing it at once lose nothing."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.store.durable import atomic_write, describe_os_error, write_lock
from hollywood_ai.index.workspace import Workspace

FEEDS = "feeds.json"
UNREAD = "unread.json"
FOLLOWS = "follows.json"

T = TypeVar("T")


def read(ws: Workspace, name: str, default: T) -> T:
    """The file's content, or ``default`` when it is missing or damaged (a
    damaged file is never an error: what it held is made again)."""
    try:
        data = json.loads((ws.home / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default
    return data if isinstance(data, type(default)) else default


def write(ws: Workspace, name: str, data: Any) -> None:
    path = ws.home / name
    try:
        atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
    except OSError as exc:
        raise HollywoodError(describe_os_error(exc, path)) from None


@contextlib.contextmanager
def locked(ws: Workspace) -> Iterator[None]:
    ws.ensure_home()
    with write_lock(ws.home):
        yield


def change(ws: Workspace, name: str, default: T, edit: Callable[[T], T]) -> T:
    """Read, edit and write the file under the write lock; the edited data."""
    with locked(ws):
        data = edit(read(ws, name, default))
        write(ws, name, data)
        return data


def home_file(ws: Workspace, name: str) -> Path:
    return ws.home / name
