"""Opening the workspace for a command."""

from __future__ import annotations

import argparse

from hollywood_ai.index.workspace import Workspace


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The home named by --home (or the default), seeded and indexed."""
    ws = Workspace(getattr(args, "home", None))
    ws.open()
    return ws
