"""Opening the workspace for a command."""

from __future__ import annotations

import argparse

from hollywood_ai.index import Workspace
from hollywood_ai.tui.cli.output import warn

OPENED: list[Workspace] = []

#: Commands that only read: they never wait for another process's write lock
#: (they answer from the last index written, and say so when it is behind).
READERS = {"search", "list", "show", "compare", "facts", "stories"}


def report_damage() -> None:
    """After a command: name the library files it had to skip (found when the
    articles were read, which a command may do after opening)."""
    for ws in OPENED:
        for name in ws.damaged:
            warn(
                f"skipped the damaged library file {ws.library.root / name}; add that article again to restore it"
            )
        ws.damaged = []


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The home named by --home (or the default), seeded and indexed (for a
    command that only reads, as far as another writer allows). Repairs
    made on the way (a damaged index rebuilt, damaged library files skipped)
    are told on stderr, one sentence each; the command still answers."""
    from hollywood_ai.tui.settings import Settings

    ws = Workspace(getattr(args, "home", None))
    ws.index_memory = Settings.load(ws.home).index_memory  # should the index need a rebuild
    reads = getattr(args, "command", None) in READERS
    report = ws.open(wait=not reads)
    if ws.behind:
        warn(
            f"the index is behind the library ({ws.behind}), so this answers from the last "
            "index written, without the newest articles; it catches up once that process is done"
        )
    if report.rebuilt and report.reason and report.reason != "no index yet":
        warn(f"{report.reason}; it was rebuilt from the library ({len(report.added)} articles)")
    OPENED.append(ws)
    report_damage()
    return ws
