"""The reader's small settings file, ``settings.json`` in the home.

It remembers the theme, the sort order, whether the list is hidden, and where
the person was: the open article and how far down it they had read. It also
holds an optional ``keymap`` (binding id to keys) for people who want other
keys, and ``allow_private_feeds``: whether `add` fetches a feed's pages from
private and loopback addresses (off: a feed is someone else's content; the
environment variable HOLLYWOOD_AI_ALLOW_PRIVATE=1 turns it on too), and
``refresh_minutes``: refresh the feeds on a timer while the reader is open
(off by default), and ``index_memory``: the memory a rebuild of the index may
take, all its processes together ("512MiB", "1GiB"; the command's --memory
and the environment variable HOLLYWOOD_AI_INDEX_MEMORY come first). A missing
or damaged file means defaults; it is never an error. A bad ``index_memory``
is kept as written, and said in one sentence when a rebuild would use it.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from hollywood_ai.index import atomic_write

FILENAME = "settings.json"
ALLOW_PRIVATE_ENV = "HOLLYWOOD_AI_ALLOW_PRIVATE"
SORTS = ("date", "title")


@dataclass
class Settings:
    theme: str | None = None
    sort: str = "date"
    list_hidden: bool = False
    article: str | None = None
    scroll: float = 0.0
    # Binding id -> keys, e.g. {"main.search": "ctrl+f,slash"}; see the help screen.
    keymap: dict[str, str] = field(default_factory=dict)
    allow_private_feeds: bool = False
    # Refresh the feeds every this many minutes while the reader is open (None: never).
    refresh_minutes: int | None = None
    # A rebuild's memory budget, as written: "512MiB" (None: the default).
    index_memory: str | None = None

    @staticmethod
    def load(home: Path) -> Settings:
        try:
            data = json.loads((home / FILENAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Settings()
        if not isinstance(data, dict):
            return Settings()
        return Settings.from_dict(data)

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Settings:
        settings = Settings()
        known = {f.name for f in fields(Settings)}
        for key, value in data.items():
            if key in known:
                setattr(settings, key, value)
        if not isinstance(settings.theme, str):
            settings.theme = None
        if settings.sort not in SORTS:
            settings.sort = "date"
        settings.list_hidden = bool(settings.list_hidden)
        settings.allow_private_feeds = settings.allow_private_feeds is True
        minutes = settings.refresh_minutes
        valid = isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0
        settings.refresh_minutes = minutes if valid else None
        memory = settings.index_memory
        if isinstance(memory, int | float) and not isinstance(memory, bool):
            settings.index_memory = str(memory)  # a number: MiB
        elif memory is not None and not isinstance(memory, str):
            settings.index_memory = json.dumps(memory)  # refused, as written, when used
        if not isinstance(settings.article, str):
            settings.article = None
        if not isinstance(settings.scroll, int | float) or settings.scroll < 0:
            settings.scroll = 0.0
        keymap = settings.keymap if isinstance(settings.keymap, dict) else {}
        settings.keymap = {str(k): v for k, v in keymap.items() if isinstance(v, str) and v.strip()}
        return settings

    def save(self, home: Path) -> None:
        """Write it with the engine's atomic write (the file is the old one or
        the new one, never half of it); a failure to save is not worth a crash."""
        data = (json.dumps(asdict(self), indent=2) + "\n").encode("utf-8")
        with contextlib.suppress(OSError):
            atomic_write(home / FILENAME, data)


def private_feeds_allowed(home: Path) -> bool:
    """May a feed's pages be fetched from private and loopback addresses?"""
    if os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
        return True
    return Settings.load(home).allow_private_feeds
